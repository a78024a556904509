"""PUT /customers/{customer_id}/deposits/{deposit_id}/counting — the cash centre's count of a bag, per note and
coin; the difference from the slip is computed and the customer told by e-mail (DEP-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.deposits.models import CountingInput, Deposit
from portal.observability import entrypoint
from portal.wiring import deposit_service

app = build_resolver()


@app.put(
    "/customers/<customer_id>/deposits/<deposit_id>/counting",
    summary="Record the counting of a bag",
    tags=["Deposits"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer only",
            404: "No such customer or deposit",
            409: "Counted already, reversed, or changed meanwhile",
            422: "A note or coin not of the currency, or an amount not a whole number of it",
        }
    ),
)
def count_deposit(customer_id: str, deposit_id: str, counting: Annotated[CountingInput, Body()]) -> Deposit:
    return deposit_service().count(current_principal(app), customer_id, deposit_id, counting)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
