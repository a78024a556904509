"""GET /customers/{customer_id}/trading-partners — the companies the customer exchanges documents with, their
status in the network and how many documents went each way (DOC-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.models import TradingPartnerPage
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/trading-partners",
    summary="List a customer's trading partners",
    tags=["Documents"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the document handler or invoice reader role", 404: "No such customer"}
    ),
)
def list_trading_partners(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
    stopped: Annotated[
        bool,
        Query(description="Only the partners documents were stopped with, most often first (all of them at once)"),
    ] = False,
) -> TradingPartnerPage:
    partners, next_cursor = document_service().partners(
        current_principal(app), customer_id, limit=limit, cursor=cursor, stopped=stopped
    )
    return TradingPartnerPage(items=partners, next_cursor=next_cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
