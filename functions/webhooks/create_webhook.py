"""POST /customers/{customer_id}/webhooks — an HTTPS address to tell of the customer's documents being stopped,
delivered, opened or posted. The answer holds the signing secret, this once."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.webhooks.models import CreatedWebhook, WebhookInput
from portal.wiring import webhook_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/webhooks",
    summary="Register a webhook",
    description="Each delivery is a POST of JSON (`id`, `type` such as `document.delivered`, `created_at`, `data` "
    "with the document's id, number, kind, direction, status, channel and partner), signed in the header "
    "`Kundeportal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of '<t>.<body>' with the secret>`. An answer "
    "other than 2xx is tried again with growing delays, six times in all.",
    tags=["Webhooks"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not the customer's user administrator",
            404: "No such customer",
            409: "The customer has as many webhooks as it may",
            422: "Not an https:// address on the public internet",
        },
        success=201,
        description="Registered; the signing secret is shown in this answer only",
    ),
)
def create_webhook(customer_id: str, data: Annotated[WebhookInput, Body()]) -> Response[CreatedWebhook]:
    created = webhook_service().create(current_principal(app), customer_id, data)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=created)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
