"""GET /cases/{case_id} — one case with its timeline, work orders and article rows, as the login may see them."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import CaseView
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.get(
    "/cases/<case_id>",
    summary="A case",
    tags=["Cases"],
    responses=documented({401: "Not logged in", 404: "No such case"}),
)
def get_case(case_id: str) -> CaseView:
    return case_service().get(current_principal(app), case_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
