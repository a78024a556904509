"""GET /reports — the reports the logged-in user asked for, newest first (REP-1, the Reports tab)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.reports.models import ReportPage
from portal.wiring import report_service

app = build_resolver()


@app.get("/reports", summary="My reports", tags=["Reports"], responses=documented({401: "Not logged in"}))
def list_reports(
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ReportPage:
    return report_service().mine(current_principal(app), limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
