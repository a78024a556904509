"""POST /products — add a product to the catalogue (ORD-1). Repeating it with the same Idempotency-Key is safe."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, created_once, current_principal, documented
from portal.catalogue import service
from portal.catalogue.models import Product, ProductInput
from portal.observability import entrypoint
from portal.wiring import catalogue_repository

app = build_resolver()


@app.post(
    "/products",
    summary="Add a product",
    tags=["Orders"],
    responses=documented(
        {401: "Not logged in", 403: "Administrators only", 409: "Idempotency-Key reused"},
        success=201,
        description="Created",
    ),
)
def create_product(product: Annotated[ProductInput, Body()]) -> Response[Product]:
    principal = current_principal(app)
    return created_once(
        app,
        "create_product",
        principal=principal,
        payload=product,
        work=lambda: service.create_product(principal, catalogue_repository(), product),
        result=Product,
    )


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
