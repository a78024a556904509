"""POST /customers/{customer_id}/objects — a new site or installation of a customer (ORG-2)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.objects import service
from portal.objects.models import ServiceObject, ServiceObjectInput
from portal.observability import entrypoint
from portal.wiring import customer_repository, object_repository

app = build_resolver()


@app.post(
    "/customers/<customer_id>/objects",
    summary="Create an object",
    tags=["Contacts and objects"],
    responses=documented(
        {401: "Not logged in", 403: "Not allowed to change the customer", 404: "No such customer"},
        success=201,
        description="Created",
    ),
)
def create_object(customer_id: str, service_object: Annotated[ServiceObjectInput, Body()]) -> Response[ServiceObject]:
    created = service.create_object(
        current_principal(app), customer_repository(), object_repository(), customer_id, service_object
    )
    return Response(
        status_code=201,
        content_type=content_types.APPLICATION_JSON,
        body=created,
        headers={"Location": f"/customers/{customer_id}/objects/{created.object_id}"},
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
