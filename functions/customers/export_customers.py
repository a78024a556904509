"""GET /customers/export — the filtered customer list as a CSV file (ORG-3)."""

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerQuery, CustomerSort, CustomerStatus
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.get(
    "/customers/export",
    summary="Export the customer list as CSV",
    tags=["Customer register"],
    responses=documented(
        {401: "Not logged in", 403: "Staff only"},
        description="CSV file",
        success_content={"text/csv": {"schema": {"type": "string"}}},
    ),
)
def export_customers(
    q: Annotated[str, Query(max_length=100)] = "",
    status: Annotated[CustomerStatus, Query()] = CustomerStatus.ACTIVE,
    assigned_to: Annotated[
        str | None, Query(max_length=254, description="Only customers assigned to this staff user")
    ] = None,
    sort: Annotated[
        CustomerSort, Query(description="Orders the list; search results come in order of the matching word")
    ] = CustomerSort.NAME,
    order: Annotated[Literal["asc", "desc"], Query()] = "asc",
) -> Response[str]:
    body = service.export_csv(
        current_principal(app),
        customer_repository(),
        CustomerQuery(q=q, status=status, assigned_to=assigned_to, sort=sort, order=order),
    )
    return Response(
        status_code=200,
        content_type="text/csv; charset=utf-8",
        body=body,
        headers={"Content-Disposition": 'attachment; filename="customers.csv"'},
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
