"""GET /customers/{customer_id}/contracts — the customer's contracts, which service orders are placed under (ORD-3)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import service_orders
from portal.orders.models import ContractList
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/contracts",
    summary="A customer's contracts",
    tags=["Orders"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the orderer or order approver role", 404: "No such customer"}
    ),
)
def list_contracts(customer_id: str) -> ContractList:
    return service_orders.contracts_of(current_principal(app), customer_repository(), order_repository(), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
