"""GET /cases — the cases the login sees (AUTH-4), newest first, by free text, status, type, customer, object and
the dates they were filed (CASE-2)."""

from datetime import date
from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import CasePage, CaseQuery, CaseStatus, CaseType
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.get(
    "/cases",
    summary="Search cases",
    tags=["Cases"],
    responses=documented({400: "Invalid cursor", 401: "Not logged in", 422: "Dates the wrong way round"}),
)
def find_cases(
    q: Annotated[
        str | None, Query(max_length=200, description="Words of the number, title, reference or address")
    ] = None,
    status: CaseStatus | None = None,
    type: Annotated[CaseType | None, Query(alias="type")] = None,
    customer_id: Annotated[str | None, Query(max_length=26)] = None,
    object_id: Annotated[str | None, Query(max_length=26)] = None,
    date_from: date | None = None,
    date_to: date | None = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> CasePage:
    query = CaseQuery(
        q=q,
        status=status,
        type=type,
        customer_id=customer_id,
        object_id=object_id,
        date_from=date_from,
        date_to=date_to,
    )
    return case_service().find(current_principal(app), query, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
