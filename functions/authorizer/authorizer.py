"""The REQUEST authorizer: turns the session cookie into a principal for every protected route (AUTH-5)."""

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.authorizer import allow_all_routes, header
from portal.cookies import session_token_from_cookie_header
from portal.errors import Unauthenticated
from portal.observability import entrypoint, logger
from portal.wiring import session_check


@entrypoint(correlation_id_path=correlation_paths.API_GATEWAY_REST, validate_settings=False)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    token = session_token_from_cookie_header(header(event, "Cookie"))
    try:
        session = session_check().authenticate(token)
    except Unauthenticated as refused:
        logger.info("session refused", extra={"code": refused.code})
        raise Exception("Unauthorized") from refused  # API Gateway answers 401 for exactly this message
    return allow_all_routes(
        event["methodArn"],
        session.username,
        {**session.context, "session_expires_at": session.expires.isoformat()},
    )
