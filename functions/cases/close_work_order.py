"""POST /cases/{case_id}/work-orders/{work_order_id}/close — staff close a work order with what they found."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import CaseView, WorkOrderClosing
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.post(
    "/cases/<case_id>/work-orders/<work_order_id>/close",
    summary="Close a work order",
    tags=["Cases"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not staff who may change the case",
            404: "No such case or work order",
            409: "Changed meanwhile",
            422: "Already closed",
        }
    ),
)
def close_work_order(case_id: str, work_order_id: str, closing: Annotated[WorkOrderClosing, Body()]) -> CaseView:
    return case_service().close_work_order(current_principal(app), case_id, work_order_id, closing)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
