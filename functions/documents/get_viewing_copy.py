"""GET /customers/{customer_id}/documents/{document_id}/viewing-copies/{copy_id} — where a viewing copy stands; once
made, with a link valid for a few minutes (DOC-3)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import SESSION_OR_API_KEY, build_resolver, current_principal, documented
from portal.documents.models import ViewingCopyView
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/documents/<document_id>/viewing-copies/<copy_id>",
    summary="Get a viewing copy",
    tags=["Documents"],
    security=SESSION_OR_API_KEY,
    responses=documented(
        {401: "Not logged in", 403: "Needs the document handler or invoice reader role", 404: "No such copy"}
    ),
)
def get_viewing_copy(customer_id: str, document_id: str, copy_id: str) -> ViewingCopyView:
    return document_service().viewing_copy(current_principal(app, api_keys=True), customer_id, document_id, copy_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
