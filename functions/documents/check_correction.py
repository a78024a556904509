"""POST /customers/{customer_id}/documents/{document_id}/correction-check — the check re-run on a stopped (or refused)
invoice with the values the sender means to correct, before anything is written or sent (DOC-6)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.documents.corrections import CorrectionInput
from portal.documents.models import CorrectionCheck
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/documents/<document_id>/correction-check",
    summary="Check a correction before sending it",
    tags=["Documents"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the document handler role",
            404: "No such document",
            409: "Changed meanwhile, or neither stopped nor refused",
            422: "A field the document's problems do not name, or a value of the wrong form",
        }
    ),
)
def check_correction(
    customer_id: str, document_id: str, correction: Annotated[CorrectionInput, Body()]
) -> CorrectionCheck:
    return document_service().check_correction(current_principal(app), customer_id, document_id, correction)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
