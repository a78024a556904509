"""PUT /customers/{customer_id}/cash-agreement — staff set delivery weekdays, currency and credit limit (ORD-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import change
from portal.orders.models import CashAgreementInput, CashAgreementView
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.put(
    "/customers/<customer_id>/cash-agreement",
    summary="Set what is agreed with a customer about change orders",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer only",
            404: "No such customer",
            409: "Changed meanwhile",
        }
    ),
)
def save_cash_agreement(customer_id: str, agreement: Annotated[CashAgreementInput, Body()]) -> CashAgreementView:
    return change.save_cash_agreement(
        current_principal(app), customer_repository(), order_repository(), customer_id, agreement
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
