"""GET /products — the product catalogue: what can be ordered, by name (ORD-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Query
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.catalogue import service
from portal.catalogue.models import Catalogue
from portal.observability import entrypoint
from portal.wiring import catalogue_repository

app = build_resolver()


@app.get(
    "/products",
    summary="The product catalogue",
    tags=["Orders"],
    responses=documented({401: "Not logged in", 403: "Only the catalogue's keepers see retired products"}),
)
def list_products(
    include_retired: Annotated[bool, Query(description="Retired products too (administrators)")] = False,
) -> Catalogue:
    return service.catalogue(current_principal(app), catalogue_repository(), include_retired=include_retired)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
