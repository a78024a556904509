"""GET /print-jobs/failed — Smartmail's prints that failed every retry and wait in the dead-letter queue, for the
vendor's administrators to see and redrive (DOC-7)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.models import PrintJobPage
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.get(
    "/print-jobs/failed",
    summary="Failed print jobs",
    tags=["Documents"],
    responses=documented({401: "Not logged in", 403: "Administrators only"}),
)
def failed_print_jobs() -> PrintJobPage:
    return PrintJobPage(items=document_service().failed_print_jobs(current_principal(app)))


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
