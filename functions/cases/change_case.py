"""PATCH /cases/{case_id} — staff move a case on: its status (new, planned, in progress, closed) and its type."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import CaseChange, CaseView
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.patch(
    "/cases/<case_id>",
    summary="Change a case's status or type",
    tags=["Cases"],
    responses=documented(
        {401: "Not logged in", 403: "Not staff who may change it", 404: "No such case", 409: "Changed meanwhile"}
    ),
)
def change_case(case_id: str, change: Annotated[CaseChange, Body()]) -> CaseView:
    return case_service().change(current_principal(app), case_id, change)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
