"""DELETE /customers/{customer_id}/webhooks/{webhook_id} — stop telling an address; deliveries still waiting are
cancelled."""

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.wiring import webhook_service

app = build_resolver()


@app.delete(
    "/customers/<customer_id>/webhooks/<webhook_id>",
    summary="Delete a webhook",
    tags=["Webhooks"],
    responses=documented(
        {401: "Not logged in", 403: "Not a user administrator here", 404: "No such customer or webhook"},
        success=204,
        description="Deleted",
    ),
)
def delete_webhook(customer_id: str, webhook_id: str) -> Response[None]:
    webhook_service().delete(current_principal(app), customer_id, webhook_id)
    return Response(status_code=204)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
