"""GET /customers/{customer_id}/webhooks — the addresses the customer's systems are told of document steps at."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.webhooks.models import WebhookList
from portal.wiring import webhook_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/webhooks",
    summary="The customer's webhooks",
    tags=["Webhooks"],
    responses=documented({401: "Not logged in", 403: "Not a user administrator here", 404: "No such customer"}),
)
def list_webhooks(customer_id: str) -> WebhookList:
    return webhook_service().registered(current_principal(app), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
