"""POST /products — add a product to the catalogue (ORD-1). Repeating it with the same Idempotency-Key is safe."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler import Response, content_types
from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented, idempotency_key
from portal.catalogue import service
from portal.catalogue.models import Product, ProductInput
from portal.idempotency import once
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
    created = once(
        "create_product",
        actor=principal.username,
        key=idempotency_key(app),
        payload=product,
        work=lambda: service.create_product(principal, catalogue_repository(), product),
        result=Product,
        lambda_context=app.lambda_context,
    )
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=created)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
