"""POST /customers/{customer_id}/documents/{document_id}/corrections — correct a stopped (or refused) invoice and send
it again (DOC-6): the corrected XML becomes the document's next version, checked and delivered as a new document
is; the original and every version stay. Safe to repeat with an Idempotency-Key."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented, idempotency_key
from portal.documents.corrections import CorrectionInput
from portal.documents.models import DocumentView
from portal.idempotency import once
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/documents/<document_id>/corrections",
    summary="Correct a document and send it again",
    tags=["Documents"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the document handler role",
            404: "No such document",
            409: "Changed meanwhile, neither stopped nor refused, or the Idempotency-Key reused",
            422: "A field the document's problems do not name, or a value of the wrong form",
        },
        success=202,
        description="The corrected version is received: checking and delivery follow",
    ),
)
def correct_document(
    customer_id: str, document_id: str, correction: Annotated[CorrectionInput, Body()]
) -> Response[DocumentView]:
    principal = current_principal(app)
    corrected = once(
        f"correct_document:{customer_id}:{document_id}",
        actor=principal.username,
        key=idempotency_key(app),
        payload=correction,
        work=lambda: document_service().correct(principal, customer_id, document_id, correction),
        result=DocumentView,
        lambda_context=app.lambda_context,
    )
    return Response(status_code=202, content_type=content_types.APPLICATION_JSON, body=corrected)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
