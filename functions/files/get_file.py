"""GET /files/{file_id} — one file: its status after the check, and once ready a presigned download link."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.files.models import FileView
from portal.observability import entrypoint
from portal.wiring import file_service

app = build_resolver()


@app.get(
    "/files/<file_id>",
    summary="A file",
    tags=["Files"],
    responses=documented({401: "Not logged in", 404: "No such file"}),
)
def get_file(file_id: str) -> FileView:
    return file_service().get(current_principal(app), file_id)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
