"""DELETE /customers/{customer_id}/api-keys/{key_id} — revoke a key: it stops working at once, and stays listed
with who revoked it (DOC-3)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth.api_keys import ApiKey
from portal.observability import entrypoint
from portal.wiring import api_key_service

app = build_resolver()


@app.delete(
    "/customers/<customer_id>/api-keys/<key_id>",
    summary="Revoke an API key",
    tags=["API keys"],
    responses=documented({401: "Not logged in", 403: "Not a user administrator here", 404: "No such customer or key"}),
)
def revoke_api_key(customer_id: str, key_id: str) -> ApiKey:
    return api_key_service().revoke(current_principal(app), customer_id, key_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
