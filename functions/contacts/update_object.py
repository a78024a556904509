"""PATCH /customers/{customer_id}/objects/{object_id} — change or deactivate an object."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.objects import service
from portal.objects.models import ServiceObject, ServiceObjectPatch
from portal.observability import entrypoint
from portal.wiring import customer_repository, object_repository

app = build_resolver()


@app.patch(
    "/customers/<customer_id>/objects/<object_id>",
    summary="Change an object",
    tags=["Contacts and objects"],
    responses=documented({401: "Not logged in", 403: "Not allowed", 404: "No such object", 409: "Changed meanwhile"}),
)
def update_object(customer_id: str, object_id: str, patch: Annotated[ServiceObjectPatch, Body()]) -> ServiceObject:
    return service.update_object(
        current_principal(app), customer_repository(), object_repository(), customer_id, object_id, patch
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
