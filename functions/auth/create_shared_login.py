"""POST /customers/{customer_id}/logins — staff set up a customer's invoice-customer login or one of its object
logins (AUTH-2), through an invitation: whoever reads its address chooses the password."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.auth import administration
from portal.auth.models import CustomerUser, SharedLoginInput
from portal.observability import entrypoint
from portal.wiring import auth_service, object_repository

app = build_resolver()


@app.post(
    "/customers/<customer_id>/logins",
    summary="Set up an invoice-customer or object login",
    tags=["Customer users"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the right to create customer users",
            404: "No such customer",
            409: "The username is taken",
            422: "An object login names none of the customer's objects",
        },
        success=201,
        description="Invited",
    ),
)
def create_shared_login(customer_id: str, login: Annotated[SharedLoginInput, Body()]) -> Response[CustomerUser]:
    created = administration.create_shared_login(
        current_principal(app), auth_service(), object_repository(), customer_id, login
    )
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=created)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
