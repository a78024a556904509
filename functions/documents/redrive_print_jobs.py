"""POST /print-jobs/redrive — every failed print job back on the print queue, to be printed again (DOC-7)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.models import Redriven
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.post(
    "/print-jobs/redrive",
    summary="Print the failed print jobs again",
    tags=["Documents"],
    responses=documented({401: "Not logged in", 403: "Administrators only"}),
)
def redrive_print_jobs() -> Redriven:
    return Redriven(redriven=document_service().redrive_print_jobs(current_principal(app)))


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
