"""POST /customers/{customer_id}/documents/{document_id}/viewing-copies — the document as its recipient sees it on a
channel (on paper, in an e-mail, in the online bank), in the sender's layout, made as a PDF in the background
(DOC-3). The same version, channel and layout asked for again is the same copy."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import SESSION_OR_API_KEY, build_resolver, current_principal, documented
from portal.documents.models import CopyRequest, CopyStatus, ViewingCopyView
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.post(
    "/customers/<customer_id>/documents/<document_id>/viewing-copies",
    summary="Ask for a viewing copy",
    tags=["Documents"],
    security=SESSION_OR_API_KEY,
    responses=documented(
        {401: "Not logged in", 403: "Needs the document handler or invoice reader role", 404: "No such document"},
        success=202,
        description="Queued (202), or made before (200) with its link",
    ),
)
def ask_viewing_copy(
    customer_id: str, document_id: str, request: Annotated[CopyRequest, Body()]
) -> Response[ViewingCopyView]:
    copy = document_service().ask_viewing_copy(
        current_principal(app, api_keys=True), customer_id, document_id, request.channel
    )
    status = 200 if copy.status is CopyStatus.READY else 202
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=copy)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
