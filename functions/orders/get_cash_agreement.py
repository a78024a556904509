"""GET /customers/{customer_id}/cash-agreement — delivery weekdays, currency and credit limit for change (ORD-2)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import change
from portal.orders.models import CashAgreementView
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/cash-agreement",
    summary="What is agreed with a customer about change orders",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the orderer, order approver or deposit registrar role",
            404: "No such customer",
        }
    ),
)
def get_cash_agreement(customer_id: str) -> CashAgreementView:
    return change.cash_agreement(current_principal(app), customer_repository(), order_repository(), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
