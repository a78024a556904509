"""GET /customers/{customer_id}/deposit-history — the deposit history search (DEP-2): slips dated within at most 92
days, narrowed by status and department, newest first; or every slip of one bag."""

from datetime import date
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.deposits.models import BagNumber, DepositFilters, DepositRowPage, DepositStatus
from portal.fields import EntityId
from portal.observability import entrypoint
from portal.wiring import deposit_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/deposit-history",
    summary="Search a customer's deposits",
    tags=["Deposits"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the deposit registrar role",
            404: "No such customer",
            422: "Dates the wrong way round, or more than 92 days apart (generate a report for longer periods)",
        }
    ),
)
def search_deposits(
    customer_id: str,
    date_from: Annotated[date | None, Query()] = None,
    date_to: Annotated[date | None, Query()] = None,
    status: Annotated[DepositStatus | None, Query()] = None,
    department_id: Annotated[EntityId | None, Query()] = None,
    bag_number: Annotated[BagNumber | None, Query()] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> DepositRowPage:
    filters = DepositFilters(
        date_from=date_from, date_to=date_to, status=status, department_id=department_id, bag_number=bag_number
    )
    return deposit_service().search(current_principal(app), customer_id, filters, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
