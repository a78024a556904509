"""DELETE /customers/{customer_id}/users/{user_id} — removes the login and its personal data (AUTH-3)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth import administration
from portal.fields import Version
from portal.observability import entrypoint
from portal.wiring import auth_service

app = build_resolver()


@app.delete(
    "/customers/<customer_id>/users/<user_id>",
    summary="Delete a user",
    description="What the login did stays in the histories under a pseudonym.",
    tags=["Customer users"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the Delete customer user permission, or the user administrator role",
            404: "No such user",
            409: "Changed meanwhile, or your own login",
        },
        success=204,
        description="Deleted",
    ),
)
def delete_user(customer_id: str, user_id: str, version: Annotated[Version, Query()]) -> Response[None]:
    administration.delete_user(current_principal(app), auth_service(), customer_id, user_id, version)
    return Response(status_code=204)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
