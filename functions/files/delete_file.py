"""DELETE /files/{file_id} — staff with "Delete uploaded files" remove a file; its customer's history records it."""

from typing import Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.wiring import file_service

app = build_resolver()


@app.delete(
    "/files/<file_id>",
    summary="Delete a file",
    tags=["Files"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the Delete uploaded files permission",
            404: "No such file",
            409: "Deleted meanwhile",
        },
        success=204,
        description="Deleted",
    ),
)
def delete_file(file_id: str) -> Response[None]:
    file_service().delete(current_principal(app), file_id)
    return Response(status_code=204)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
