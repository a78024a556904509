"""PUT /staff-groups — administrators keep the staff groups (names and members) the assignment menu lists."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.staff.models import StaffDirectory, StaffGroupsInput
from portal.wiring import staff_service

app = build_resolver()


@app.put(
    "/staff-groups",
    summary="Keep the staff groups",
    tags=["Assignment"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Administrators only",
            409: "Changed meanwhile",
            422: "A member who is not active staff, or two groups with one name",
        }
    ),
)
def save_staff_groups(groups: Annotated[StaffGroupsInput, Body()]) -> StaffDirectory:
    return staff_service().save_groups(current_principal(app), groups)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
