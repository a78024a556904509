"""POST /files — staff with the Upload right ask to put a file on a customer, one of its objects, or a case, and a
support ticket's readers to attach one to it: the answer is a presigned S3 form the browser posts the bytes to,
straight to the bucket (CASE-5, DOC-8)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.files.models import FileUpload, FileUploadInput
from portal.observability import entrypoint
from portal.wiring import file_service

app = build_resolver()


@app.post(
    "/files",
    summary="Start a file upload",
    description="Post the file to `upload.url` with `upload.fields` before it (a multipart form, the file last). "
    "The file is checked from its bytes afterwards; read it again until its status is `ready` or `rejected`.",
    tags=["Files"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the Upload permission",
            404: "No such customer, object or case",
            422: "Not an allowed content type, too large, or not one target",
        },
        success=201,
        description="Upload form made",
    ),
)
def start_upload(upload: Annotated[FileUploadInput, Body()]) -> Response[FileUpload]:
    made = file_service().start_upload(current_principal(app), upload)
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=made)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
