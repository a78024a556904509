"""PUT /case-settings — save how the vendor configured the portal's cases: mandatory customer and object, the
new-case form's fields, the search's and the article rows' columns (administrators)."""

from typing import Annotated, Any

from aws_lambda_powertools.event_handler.openapi.params import Body
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import CaseSettingsInput, StoredCaseSettings
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.put(
    "/case-settings",
    summary="Save the case settings",
    tags=["Cases"],
    responses=documented({401: "Not logged in", 403: "Administrators only", 409: "Changed meanwhile"}),
)
def save_case_settings(settings: Annotated[CaseSettingsInput, Body()]) -> StoredCaseSettings:
    return case_service().save_settings(current_principal(app), settings)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
