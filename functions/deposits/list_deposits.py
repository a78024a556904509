"""GET /customers/{customer_id}/deposits — a customer's deposit slips, newest registered first (DEP-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.deposits.models import DepositPage
from portal.observability import entrypoint
from portal.wiring import deposit_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/deposits",
    summary="A customer's deposits",
    tags=["Deposits"],
    responses=documented({401: "Not logged in", 403: "Needs the deposit registrar role", 404: "No such customer"}),
)
def list_deposits(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> DepositPage:
    return deposit_service().deposits_of(current_principal(app), customer_id, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
