"""POST /customers/{customer_id}/contracts — staff add a contract to a customer (ORD-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.orders import service_orders
from portal.orders.models import Contract, ContractInput
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.post(
    "/customers/<customer_id>/contracts",
    summary="Add a contract",
    tags=["Orders"],
    responses=documented(
        {401: "Not logged in", 403: "Staff who may change the customer only", 404: "No such customer"},
        success=201,
        description="Created",
    ),
)
def create_contract(customer_id: str, contract: Annotated[ContractInput, Body()]) -> Response[Contract]:
    created = service_orders.create_contract(
        current_principal(app), customer_repository(), order_repository(), customer_id, contract
    )
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=created)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
