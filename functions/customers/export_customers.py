"""GET /customers/export — the filtered customer list as a CSV file (ORG-3).

Every customer of the list, unless the file would outgrow a Lambda response or the request its time: then the file
ends with a row saying so, and `X-Export-Complete: false` with `X-Export-Limit` tell a program the same."""

from typing import Annotated, Any, Literal

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerQuery, CustomerSort, CustomerStatus, ExportColumn
from portal.languages import Language
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()
TIME_LEFT_TO_ANSWER_MS = 3000


@app.get(
    "/customers/export",
    summary="Export the customer list as CSV",
    tags=["Customer register"],
    responses=documented(
        {401: "Not logged in", 403: "Staff only"},
        description="CSV file; X-Export-Complete says whether it holds every customer of the list",
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
    columns: Annotated[
        list[ExportColumn] | None, Query(max_length=len(ExportColumn), description="The columns, in this order")
    ] = None,
    language: Annotated[Language, Query(description="The language of the headings")] = Language.NB,
) -> Response[str]:
    export = service.export_csv(
        current_principal(app),
        customer_repository(),
        CustomerQuery(q=q, status=status, assigned_to=assigned_to, sort=sort, order=order),
        columns=columns or (),  # none chosen: the service exports every column
        language=language,
        out_of_time=lambda: app.lambda_context.get_remaining_time_in_millis() < TIME_LEFT_TO_ANSWER_MS,
    )
    headers = {
        "Content-Disposition": 'attachment; filename="customers.csv"',
        "X-Export-Rows": str(export.rows),
        "X-Export-Complete": "true" if export.complete else "false",
    }
    if export.limit:
        headers["X-Export-Limit"] = export.limit
    return Response(status_code=200, content_type="text/csv; charset=utf-8", body=export.body, headers=headers)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
