"""GET /customers/{customer_id}/quotes — a customer's quotes, newest first (an open one past its day reads expired)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.quotes.models import QuotePage
from portal.wiring import quote_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/quotes",
    summary="A customer's quotes",
    tags=["Quotes"],
    responses=documented(
        {401: "Not logged in", 403: "Needs a role that orders at the customer", 404: "No such customer"}
    ),
)
def list_quotes(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 10,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> QuotePage:
    return quote_service().list(current_principal(app), customer_id, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
