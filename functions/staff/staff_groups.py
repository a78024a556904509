"""GET /staff-groups — the vendor's staff by the groups administrators keep: the menu assignment chooses from
(ORG-4)."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented
from portal.observability import entrypoint
from portal.staff.models import StaffDirectory
from portal.wiring import staff_service

app = build_resolver()


@app.get(
    "/staff-groups",
    summary="Staff by group",
    tags=["Assignment"],
    responses=documented({401: "Not logged in", 403: "Staff who assign, and administrators"}),
)
def staff_groups() -> StaffDirectory:
    return staff_service().directory(current_principal(app))


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
