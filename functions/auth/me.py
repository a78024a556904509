"""GET /me — who is logged in, of which kind, and for which customers."""

from typing import Any

from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.api import build_resolver, current_principal, documented, session_expiry
from portal.auth.models import Me
from portal.auth.service import describe
from portal.observability import entrypoint

app = build_resolver()


@app.get("/me", summary="My profile", tags=["Profile"], responses=documented({401: "Not logged in"}))
def me() -> Me:
    return describe(current_principal(app), session_expiry(app))


@entrypoint()
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    return app.resolve(event, context)
