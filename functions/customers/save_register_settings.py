"""PUT /settings/customer-register — administrators set number lengths and define custom fields."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.customers import service
from portal.customers.models import CustomerRegisterSettings, CustomerRegisterSettingsInput
from portal.observability import entrypoint
from portal.wiring import customer_repository

app = build_resolver()


@app.put(
    "/settings/customer-register",
    summary="Change customer register settings",
    tags=["Customer register"],
    responses=documented({401: "Not logged in", 403: "Administrators only", 409: "Changed meanwhile"}),
)
def save_register_settings(change: Annotated[CustomerRegisterSettingsInput, Body()]) -> CustomerRegisterSettings:
    return service.save_register_settings(current_principal(app), customer_repository(), change)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
