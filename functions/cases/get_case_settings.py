"""GET /case-settings — how the vendor configured the portal's cases: mandatory customer and object, the
new-case form's fields, the search's and the article rows' columns (administrators)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import StoredCaseSettings
from portal.observability import entrypoint
from portal.wiring import case_service

app = build_resolver()


@app.get(
    "/case-settings",
    summary="The case settings",
    tags=["Cases"],
    responses=documented({401: "Not logged in", 403: "Administrators only"}),
)
def get_case_settings() -> StoredCaseSettings:
    return case_service().settings(current_principal(app))


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
