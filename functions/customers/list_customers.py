"""GET /customers — the staff customer register: search, filter, sort and page (ORG-3)."""

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerPage, CustomerQuery, CustomerSort, CustomerStatus
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.get(
    "/customers",
    summary="Search and list customers",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 403: "Staff only"}),
)
def list_customers(
    q: Annotated[str, Query(max_length=100, description="Words of name, contact person or e-mail")] = "",
    status: Annotated[CustomerStatus, Query()] = CustomerStatus.ACTIVE,
    assigned_to: Annotated[
        str | None, Query(max_length=254, description="Only customers assigned to this staff user")
    ] = None,
    sort: Annotated[
        CustomerSort, Query(description="Orders the list; search results come in order of the matching word")
    ] = CustomerSort.NAME,
    order: Annotated[Literal["asc", "desc"], Query()] = "asc",
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> CustomerPage:
    query = CustomerQuery(
        q=q, status=status, assigned_to=assigned_to, sort=sort, order=order, limit=limit, cursor=cursor
    )
    return service.find_customers(current_principal(app), customer_repository(), query)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
