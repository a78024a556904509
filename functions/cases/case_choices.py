"""GET /case-choices — what the new-case form offers this login: the customers and objects it may choose (AUTH-4),
whether it may leave them out, and the fields the vendor shows."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.cases.models import CaseChoices
from portal.objects import service as objects
from portal.observability import entrypoint
from portal.wiring import case_service, object_repository

app = build_resolver()


@app.get(
    "/case-choices", summary="The new-case form's choices", tags=["Cases"], responses=documented({401: "Not logged in"})
)
def case_choices() -> CaseChoices:
    principal = current_principal(app)
    mine = [] if principal.is_staff else objects.my_objects(principal, object_repository())
    return case_service().choices(principal, mine)


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
