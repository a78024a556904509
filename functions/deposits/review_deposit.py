"""POST /customers/{customer_id}/deposit-reviews — the slip with its amounts computed and every problem named,
without saving it: the review before saving (DEP-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.deposits.models import DepositInput, DepositSlip
from portal.observability import entrypoint
from portal.wiring import deposit_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/deposit-reviews",
    summary="Check a deposit slip before saving it",
    tags=["Deposits"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the deposit registrar role",
            404: "No such customer",
            422: "A bag number not of 12 digits or registered already, a date after today, a note or coin not of "
            "the currency, an amount not a whole number of its note or coin, or nothing declared",
        }
    ),
)
def review_deposit(customer_id: str, slip: Annotated[DepositInput, Body()]) -> DepositSlip:
    return deposit_service().review(current_principal(app), customer_id, slip)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
