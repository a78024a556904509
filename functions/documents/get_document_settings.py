"""GET /customers/{customer_id}/document-settings — what the customer ordered for its documents: the filter for
stopped invoices and which of its invoices it checks (DOC-5), Smartmail's days before posting (DOC-7), and its
electronic address in the vendor's network."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.models import DocumentSettings
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.get(
    "/customers/<customer_id>/document-settings",
    summary="Get a customer's document settings",
    tags=["Documents"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the document handler or invoice reader role", 404: "No such customer"}
    ),
)
def get_document_settings(customer_id: str) -> DocumentSettings:
    return document_service().settings(current_principal(app), customer_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
