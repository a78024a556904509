"""POST /cases/{case_id}/work-orders — staff plan a work order on a case (CASE-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import CaseView, WorkOrderInput
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.post(
    "/cases/<case_id>/work-orders",
    summary="Add a work order",
    tags=["Cases"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not staff who may change the case",
            404: "No such case",
            409: "The case changed meanwhile",
            422: "Unknown technician",
        },
        success=201,
        description="Added",
    ),
)
def add_work_order(case_id: str, work_order: Annotated[WorkOrderInput, Body()]) -> Response[CaseView]:
    view = case_service().add_work_order(current_principal(app), case_id, work_order)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=view)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
