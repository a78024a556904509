"""GET /support-contacts — how to reach customer service; public, so the login page can show it."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, documented
from portal.observability import entrypoint
from portal.support import service
from portal.support.models import SupportContacts
from portal.wiring import support_repository

app = build_resolver()


@app.get(
    "/support-contacts",
    summary="The vendor's support contacts",
    tags=["Support"],
    responses=documented({}),
)
def get_support_contacts() -> SupportContacts:
    return service.support_contacts(support_repository())


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
