"""DELETE /customers/{customer_id} — staff with the Delete right remove a customer nothing was done with (AUTH-3);
its history stays under a pseudonym. A customer with orders, cases, documents or people tied to it is refused."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.fields import Version
from portal.observability import entrypoint
from portal.wiring import customer_repository, customer_uses

app = build_resolver()


@app.delete(
    "/customers/<customer_id>",
    summary="Delete a customer",
    description="Only a customer without orders, cases, documents, quotes, files, users, contacts or subsidiaries; "
    "deactivate the others. What its history said of it stays under a pseudonym.",
    tags=["Customer register"],
    responses=documented(
        {
            401: "Not logged in",
            403: "Needs the Delete permission",
            404: "No such customer",
            409: "Changed meanwhile, or in use (deactivate it instead)",
        },
        success=204,
        description="Deleted",
    ),
)
def delete_customer(customer_id: str, version: Annotated[Version, Query()]) -> Response[None]:
    service.delete_customer(
        current_principal(app), customer_repository(), customer_id, version, other_uses=customer_uses()
    )
    return Response(status_code=204)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
