"""POST /customers/{customer_id}/deposits/{deposit_id}/reversal — withdraw a slip not yet counted; it stays,
marked reversed, and its bag number may be registered on a new slip (DEP-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.deposits.models import Deposit, ReversalInput
from portal.observability import entrypoint
from portal.wiring import deposit_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/deposits/<deposit_id>/reversal",
    summary="Reverse a deposit slip",
    tags=["Deposits"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the deposit registrar role, or staff who may change the customer",
            404: "No such customer or deposit",
            409: "Counted or reversed already, or changed meanwhile",
        }
    ),
)
def reverse_deposit(customer_id: str, deposit_id: str, reversal: Annotated[ReversalInput, Body()]) -> Deposit:
    return deposit_service().reverse(current_principal(app), customer_id, deposit_id, reversal)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
