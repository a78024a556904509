"""POST /customers/{customer_id}/quotes/{quote_id}/decision — the customer's orderer or order approver accepts or
declines a quote, once and before it expires; the account managers are told."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.quotes.models import Quote, QuoteDecision
from portal.wiring import quote_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/quotes/<quote_id>/decision",
    summary="Accept or decline a quote",
    tags=["Quotes"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not the customer's orderer or order approver",
            404: "No such customer or quote",
            409: "Decided already, expired, or changed meanwhile",
        }
    ),
)
def decide_quote(customer_id: str, quote_id: str, decision: Annotated[QuoteDecision, Body()]) -> Quote:
    return quote_service().decide(current_principal(app), customer_id, quote_id, decision)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
