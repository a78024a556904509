"""GET /registration-requests — requests for access, newest first, by status (staff)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.registration.models import RegistrationPage, RegistrationStatus
from portal.wiring import registration_service

app = build_resolver()


@app.get(
    "/registration-requests",
    summary="Registration requests",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 403: "Needs the Create customer user permission"}),
)
def list_registration_requests(
    status: Annotated[RegistrationStatus, Query()] = RegistrationStatus.PENDING,
    limit: Annotated[int, Query(ge=1, le=100)] = 25,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> RegistrationPage:
    return registration_service().list(current_principal(app), status, limit=limit, cursor=cursor)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
