"""GET /deliveries/failed — e-mails that could not be sent, newest first, for administrators (NOT-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.notifications.models import DeliveryPage
from portal.observability import entrypoint
from portal.wiring import delivery_service

app = build_resolver()


@app.get(
    "/deliveries/failed",
    summary="Failed e-mail deliveries",
    tags=["Notifications"],
    responses=documented({401: "Not logged in", 403: "Administrators only"}),
)
def failed_deliveries(
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> DeliveryPage:
    return delivery_service().failed(current_principal(app), limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
