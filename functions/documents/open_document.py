"""POST /opened-documents — the recipient of an e-mailed document follows its link (DOC-7, Smartmail): the document
is marked opened, so it is not printed and posted, and is shown. Public: the link's token is the only key, and an
unknown token answers as a document that does not exist."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.documents.models import OpenedDocument, OpenLink
from portal.observability import entrypoint
from portal.wiring import document_service

app = build_resolver()


@app.post(
    "/opened-documents",
    summary="Open an e-mailed document by its link",
    tags=["Documents"],
    responses=documented({404: "The link leads to no document", 422: "Not a link's token"}),
)
def open_document(link: Annotated[OpenLink, Body()]) -> OpenedDocument:
    return document_service().open_by_link(link.token)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
