"""POST /deliveries/{delivery_id}/retry — sends a failed e-mail again, through the outbox (NOT-1)."""

from typing import Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.notifications.models import DeliveryRetried
from portal.observability import entrypoint
from portal.wiring import delivery_service

app = build_resolver()


@app.post(
    "/deliveries/<delivery_id>/retry",
    summary="Retry a failed e-mail delivery",
    tags=["Notifications"],
    responses=documented(
        {401: "Not logged in", 403: "Administrators only", 404: "No such delivery", 409: "Not a failed delivery"},
        success=202,
        description="Queued for delivery again",
    ),
)
def retry_delivery(delivery_id: str) -> Response[DeliveryRetried]:
    retry_id = delivery_service().retry(current_principal(app), delivery_id)
    return Response(
        status_code=202, content_type=content_types.APPLICATION_JSON, body=DeliveryRetried(delivery_id=retry_id)
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
