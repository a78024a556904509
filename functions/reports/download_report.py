"""GET /customers/{customer_id}/reports/{report_id}/download — a link to the report's file, valid for five minutes
(REP-1)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.reports.models import ReportDownload
from portal.wiring import report_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/reports/<report_id>/download",
    summary="Download a report",
    tags=["Reports"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the role that reads what the report lists",
            404: "No such customer or report (or it expired)",
            409: "Not ready yet, or it failed",
        }
    ),
)
def download_report(customer_id: str, report_id: str) -> ReportDownload:
    return report_service().download(current_principal(app), customer_id, report_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
