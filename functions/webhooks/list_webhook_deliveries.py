"""GET /customers/{customer_id}/webhooks/{webhook_id}/deliveries — what the webhook was told, newest first, each
with its outcome: delivered, waiting for its next try, failed after every try, or cancelled."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.webhooks.models import WebhookDeliveryPage
from portal.wiring import webhook_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/webhooks/<webhook_id>/deliveries",
    summary="A webhook's deliveries",
    tags=["Webhooks"],
    responses=documented({401: "Not logged in", 403: "Not a user administrator here", 404: "No such webhook"}),
)
def list_webhook_deliveries(
    customer_id: str,
    webhook_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> WebhookDeliveryPage:
    return webhook_service().deliveries(current_principal(app), customer_id, webhook_id, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
