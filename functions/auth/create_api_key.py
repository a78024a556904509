"""POST /customers/{customer_id}/api-keys — a key for one of the customer's systems (DOC-3): a name, a role (read
documents, or send documents) and an expiry. The key is in this answer only; the portal keeps its digest."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth.api_keys import ApiKeyInput, CreatedApiKey
from portal.observability import entrypoint
from portal.wiring import api_key_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/api-keys",
    summary="Create an API key",
    tags=["API keys"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Not the customer's user administrator",
            404: "No such customer",
            409: "The customer has as many keys in force as it may",
            422: "The expiry is in the past or more than a year ahead",
        },
        success=201,
        description="Created; the key itself is shown in this answer only",
    ),
)
def create_api_key(customer_id: str, data: Annotated[ApiKeyInput, Body()]) -> Response[CreatedApiKey]:
    created = api_key_service().create(current_principal(app), customer_id, data)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=created)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
