"""GET /customers/{customer_id}/documents/{document_id}/files/{file_number} — one version of the document's XML, as
sent (1) or corrected (2, 3, …), through a link valid for a few minutes (DOC-1, DOC-6)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import SESSION_OR_API_KEY, build_resolver, current_principal, documented
from portal.documents.models import FileLink
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/documents/<document_id>/files/<file_number>",
    summary="Download a version of a document's file",
    tags=["Documents"],
    security=SESSION_OR_API_KEY,
    responses=documented(
        {401: "Not logged in", 403: "Needs the document handler or invoice reader role", 404: "No such file"}
    ),
)
def get_document_file(customer_id: str, document_id: str, file_number: str) -> FileLink:
    return document_service().file_link(current_principal(app, api_keys=True), customer_id, document_id, file_number)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
