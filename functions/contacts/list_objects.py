"""GET /customers/{customer_id}/objects — a customer's objects, as far as the login may see them (AUTH-4)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.objects import service
from portal.objects.models import ServiceObjectPage
from portal.observability import entrypoint
from portal.wiring import customer_repository, object_repository

app = build_resolver()


@app.get(
    "/customers/<customer_id>/objects",
    summary="A customer's objects",
    tags=["Contacts and objects"],
    responses=documented({401: "Not logged in", 404: "No such customer"}),
)
def list_objects(
    customer_id: str,
    limit: Annotated[int, Query(ge=1, le=100)] = 50,
    cursor: Annotated[str | None, Query(max_length=2000)] = None,
) -> ServiceObjectPage:
    return service.objects_of_customer(
        current_principal(app), customer_repository(), object_repository(), customer_id, limit=limit, cursor=cursor
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
