"""GET /case-dashboard — the four dashboards of seed 002 (cases, work orders, lead times of closed cases, article
rows with prices) for a login's view, the last three months unless told otherwise (CASE-6). Read from counters
written with the cases, never from the cases."""

from datetime import date
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.access import DashboardView
from portal.api import build_resolver, current_principal, documented
from portal.cases.dashboard_service import CaseDashboardView, DashboardQuery
from portal.cases.dashboards import DashboardFilters
from portal.cases.models import ArticleType, CaseType, WorkOrderType
from portal.observability import entrypoint
from portal.wiring import dashboard_service

app = build_resolver()


@app.get(
    "/case-dashboard",
    summary="Case dashboards",
    tags=["Cases"],
    responses=documented(
        {
            401: "Not logged in",
            403: "No such view for this login",
            404: "No such customer or object",
            422: "Months the wrong way round or too many, or a filter the view has not",
        }
    ),
)
def case_dashboard(
    view: DashboardView | None = None,
    customer_id: Annotated[str | None, Query(max_length=26)] = None,
    object_id: Annotated[str | None, Query(max_length=26, description="With its customer_id")] = None,
    month_from: Annotated[date | None, Query(description="Any day of the first month")] = None,
    month_to: Annotated[date | None, Query(description="Any day of the last month")] = None,
    case_type: CaseType | None = None,
    work_order_type: WorkOrderType | None = None,
    article_type: ArticleType | None = None,
    action_code: Annotated[str | None, Query(max_length=20)] = None,
) -> CaseDashboardView:
    query = DashboardQuery(
        view=view,
        customer_id=customer_id,
        object_id=object_id,
        month_from=month_from,
        month_to=month_to,
        filters=DashboardFilters(
            case_type=case_type, work_order_type=work_order_type, article_type=article_type, action_code=action_code
        ),
    )
    return dashboard_service().dashboard(current_principal(app), query)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
