"""POST /customer-imports — staff who create customers start a bulk upload of a register (ORG-3): the answer is a
presigned S3 form the browser posts the CSV file to; a worker then imports it row by row."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.imports.models import CustomerImportInput, CustomerImportStart
from portal.observability import entrypoint
from portal.wiring import import_service

app = build_resolver()


@app.post(
    "/customer-imports",
    summary="Start a customer register upload",
    description="Post the CSV file to `upload.url` with `upload.fields` before it; then read the import again until "
    "its status is `done` (with a per-row report) or `failed`.",
    tags=["Customer register"],
    responses=documented(
        {401: "Not logged in", 403: "Needs the Create permission", 422: "Too large"},
        success=201,
        description="Upload form made",
    ),
)
def start_customer_import(upload: Annotated[CustomerImportInput, Body()]) -> Response[CustomerImportStart]:
    made = import_service().start(current_principal(app), upload)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=made)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
