"""GET /customers/{customer_id}/order-history — the order history (ORD-4): orders of every kind placed within at most
92 days, narrowed by status, department and product group, newest first; or one order by its number, or the
orders with a customer reference."""

from datetime import date
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.fields import MAX_VERSION, EntityId
from portal.observability import entrypoint
from portal.orders.history import order_history
from portal.orders.models import OrderFilters, OrderRowPage
from portal.wiring import customer_repository, order_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/order-history",
    summary="Search a customer's orders",
    tags=["Orders"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the orderer or order approver role",
            404: "No such customer",
            422: "Dates the wrong way round, or more than 92 days apart",
        }
    ),
)
def search_orders(
    customer_id: str,
    date_from: Annotated[date | None, Query()] = None,
    date_to: Annotated[date | None, Query()] = None,
    status: Annotated[str | None, Query(max_length=40, pattern=r"^[a-z_]+$")] = None,
    department_id: Annotated[EntityId | None, Query()] = None,
    product_group: Annotated[str | None, Query(max_length=100)] = None,
    number: Annotated[int | None, Query(ge=1, le=MAX_VERSION)] = None,
    reference: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> OrderRowPage:
    filters = OrderFilters(
        date_from=date_from,
        date_to=date_to,
        status=status,
        department_id=department_id,
        product_group=product_group,
        number=number,
        reference=reference,
    )
    return order_history(
        current_principal(app),
        customer_repository(),
        order_repository(),
        customer_id,
        filters,
        limit=limit,
        cursor=cursor,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
