"""POST /customers/{customer_id}/quotes — staff make a quote for a customer: lines with prices, valid until a day.
Safe to repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.observability import entrypoint
from portal.quotes.models import Quote, QuoteInput
from portal.wiring import quote_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/quotes",
    summary="Make a quote",
    tags=["Quotes"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not staff who may change the customer",
            404: "No such customer",
            409: "Idempotency-Key reused",
            422: "A last day in the past, or a case not the customer's",
        },
        success=201,
        description="Made",
    ),
)
def create_quote(customer_id: str, quote: Annotated[QuoteInput, Body()]) -> Response[Quote]:
    principal = current_principal(app)
    return created_once(
        app,
        f"create_quote:{customer_id}",
        principal=principal,
        payload=quote,
        work=lambda: quote_service().create(principal, customer_id, quote),
        result=Quote,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
