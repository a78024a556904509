"""POST /cases/{case_id}/work-orders/{work_order_id}/rows — staff register work or parts with their prices on an
open work order (CASE-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import ArticleRowInput, CaseView
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.post(
    "/cases/<case_id>/work-orders/<work_order_id>/rows",
    summary="Register an article row",
    tags=["Cases"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not staff who may change the case",
            404: "No such case or work order",
            409: "The work order changed meanwhile",
            422: "The work order is closed, or the row is invalid",
        },
        success=201,
        description="Registered",
    ),
)
def add_article_row(case_id: str, work_order_id: str, row: Annotated[ArticleRowInput, Body()]) -> Response[CaseView]:
    view = case_service().add_article_row(current_principal(app), case_id, work_order_id, row)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=view)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
