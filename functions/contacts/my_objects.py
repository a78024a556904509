"""GET /me/objects — the objects a portal login works with (AUTH-4)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.objects import service
from portal.objects.models import ServiceObject
from portal.observability import entrypoint
from portal.wiring import object_repository

app = build_resolver()


@app.get(
    "/me/objects",
    summary="My objects",
    tags=["Profile"],
    responses=documented({401: "Not logged in"}),
)
def my_objects() -> list[ServiceObject]:
    return service.my_objects(current_principal(app), object_repository())


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
