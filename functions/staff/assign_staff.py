"""PUT /customers/{customer_id}/assignees/{username} — make a technician or account manager responsible for a
customer (ORG-4): the user is told by e-mail, and the customer's new cases are assigned to them."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.staff.models import Assignment
from portal.wiring import staff_service

app = build_resolver()


@app.put(
    "/customers/<customer_id>/assignees/<username>",
    summary="Assign a staff user to a customer",
    tags=["Assignment"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the Assign right",
            404: "No such customer",
            409: "The customer changed meanwhile",
            422: "Not an active staff user",
        }
    ),
)
def assign_staff(customer_id: str, username: str) -> Assignment:
    return staff_service().assign(current_principal(app), customer_id, username)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
