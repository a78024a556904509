"""POST /customers/{customer_id}/reports — turn the deposit history's search into a report, made in the background
(REP-1). Safe to repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented, idempotency_key
from portal.idempotency import once
from portal.observability import entrypoint
from portal.reports.models import Report, ReportRequest
from portal.wiring import report_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/reports",
    summary="Generate a report",
    tags=["Reports"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the deposit registrar role (deposits) or an order role (orders)",
            404: "No such customer",
            409: "Idempotency-Key reused",
            422: "Dates the wrong way round, or more than 13 months apart",
        },
        success=202,
        description="Queued: it shows under Reports, and is ready there when made",
    ),
)
def request_report(customer_id: str, request: Annotated[ReportRequest, Body()]) -> Response[Report]:
    principal = current_principal(app)
    queued = once(
        f"request_report:{customer_id}",
        actor=principal.username,
        key=idempotency_key(app),
        payload=request,
        work=lambda: report_service().request(principal, customer_id, request),
        result=Report,
        lambda_context=app.lambda_context,
    )
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=queued)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
