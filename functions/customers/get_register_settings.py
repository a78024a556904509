"""GET /settings/customer-register — customer number lengths and custom field definitions."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerRegisterSettings
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.get(
    "/settings/customer-register",
    summary="Customer register settings",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 403: "Staff only"}),
)
def get_register_settings() -> CustomerRegisterSettings:
    return service.get_register_settings(current_principal(app), customer_repository())


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
