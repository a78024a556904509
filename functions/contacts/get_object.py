"""GET /customers/{customer_id}/objects/{object_id} — one object."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.objects import service
from portal.objects.models import ServiceObject
from portal.observability import entrypoint
from portal.wiring import customer_repository, object_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/objects/<object_id>",
    summary="Get an object",
    tags=["Contacts and objects"],
    responses=documented({401: "Not logged in", 404: "No such object"}),
)
def get_object(customer_id: str, object_id: str) -> ServiceObject:
    return service.get_object(
        current_principal(app), customer_repository(), object_repository(), customer_id, object_id
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
