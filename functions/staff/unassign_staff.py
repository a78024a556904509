"""DELETE /customers/{customer_id}/assignees/{username} — end a staff user's responsibility for a customer (ORG-4);
the user is told."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.staff.models import Assignment
from portal.wiring import staff_service

app = build_resolver()


@app.delete(
    "/customers/<customer_id>/assignees/<username>",
    summary="Unassign a staff user from a customer",
    tags=["Assignment"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the Assign right",
            404: "No such customer, or the user is not assigned to it",
            409: "The customer changed meanwhile",
        }
    ),
)
def unassign_staff(customer_id: str, username: str) -> Assignment:
    return staff_service().unassign(current_principal(app), customer_id, username)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
