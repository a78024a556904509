"""GET /customers/{customer_id}/invoice-specifications — a customer's invoice specifications, newest first, for staff
and the contacts linked to the customer (AUTH-4)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.specifications.models import SpecificationPage
from portal.wiring import specification_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/invoice-specifications",
    summary="A customer's invoice specifications",
    tags=["Invoice specifications"],
    responses=documented({401: "Not logged in", 403: "Not a contact linked to the customer", 404: "No such customer"}),
)
def list_specifications(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> SpecificationPage:
    return specification_service().list(current_principal(app), customer_id, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
