"""PATCH /products/{product_id} — change a product, or retire it with `active: false` (ORD-1)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.catalogue import service
from portal.catalogue.models import Product, ProductPatch
from portal.observability import entrypoint
from portal.wiring import catalogue_repository

app = build_resolver()


@app.patch(
    "/products/<product_id>",
    summary="Change or retire a product",
    tags=["Orders"],
    responses=documented(
        {401: "Not logged in", 403: "Administrators only", 404: "No such product", 409: "Changed meanwhile"}
    ),
)
def update_product(product_id: str, patch: Annotated[ProductPatch, Body()]) -> Product:
    return service.update_product(current_principal(app), catalogue_repository(), product_id, patch)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
