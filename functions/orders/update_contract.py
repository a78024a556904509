"""PATCH /customers/{customer_id}/contracts/{contract_id} — change or deactivate a contract (ORD-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import service_orders
from portal.orders.models import Contract, ContractPatch
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.patch(
    "/customers/<customer_id>/contracts/<contract_id>",
    summary="Change a contract",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Staff who may change the customer only",
            404: "No such customer or contract",
            409: "Changed meanwhile",
        }
    ),
)
def update_contract(customer_id: str, contract_id: str, patch: Annotated[ContractPatch, Body()]) -> Contract:
    return service_orders.update_contract(
        current_principal(app), customer_repository(), order_repository(), customer_id, contract_id, patch
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
