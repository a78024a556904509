"""GET /customers/{customer_id}/documents/{document_id} — one document with its delivery timeline, its channel and,
when stopped, every broken rule with its reason (DOC-1, DOC-5)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import SESSION_OR_API_KEY, build_resolver, current_principal, documented
from portal.documents.models import DocumentView
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/documents/<document_id>",
    summary="Get a document and its timeline",
    tags=["Documents"],
    security=SESSION_OR_API_KEY,
    responses=documented(
        {401: "Not logged in", 403: "Needs the document handler or invoice reader role", 404: "No such document"}
    ),
)
def get_document(customer_id: str, document_id: str) -> DocumentView:
    return document_service().document(current_principal(app, api_keys=True), customer_id, document_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
