"""GET /customers/{customer_id}/api-keys — the customer's API keys, in force, expired and revoked (DOC-3)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth.api_keys import ApiKeyList
from portal.observability import entrypoint
from portal.wiring import api_key_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/api-keys",
    summary="The customer's API keys",
    tags=["API keys"],
    responses=documented({401: "Not logged in", 403: "Not a user administrator here", 404: "No such customer"}),
)
def list_api_keys(customer_id: str) -> ApiKeyList:
    return api_key_service().keys_of(current_principal(app), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
