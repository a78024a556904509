"""GET /files — the files of a customer (with its objects'), of one object, of a case, or a support ticket's
attachments, newest first, as AUTH-4 lets the login see them (CASE-5, DOC-8)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.files.models import FilePage, FileTarget
from portal.observability import entrypoint
from portal.wiring import file_service

app = build_resolver()


@app.get(
    "/files",
    summary="List files",
    tags=["Files"],
    responses=documented(
        {
            400: "Invalid cursor",
            401: "Not logged in",
            404: "No such customer, object or case",
            422: "Not one target",
        }
    ),
)
def list_files(
    customer_id: Annotated[str | None, Query(max_length=26, description="A customer's files and its objects'")] = None,
    object_id: Annotated[str | None, Query(max_length=26, description="One object's (with its customer_id)")] = None,
    case_id: Annotated[str | None, Query(max_length=26, description="One case's (alone)")] = None,
    ticket_id: Annotated[
        str | None, Query(max_length=26, description="One support ticket's (with its customer_id)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> FilePage:
    target = FileTarget(customer_id=customer_id, object_id=object_id, case_id=case_id, ticket_id=ticket_id)
    return file_service().list(current_principal(app), target, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
