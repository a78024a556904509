"""The REQUEST authorizer: turns the session cookie, or on the document API an API key, into a principal for every
protected route (AUTH-5, DOC-3)."""

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.authorizer import allow_all_routes, header
from portal.cookies import session_token_from_cookie_header
from portal.errors import Unauthenticated
from portal.observability import entrypoint, logger
from portal.wiring import api_key_check, session_check


@entrypoint(correlation_id_path=correlation_paths.API_GATEWAY_REST, validate_settings=False)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    authorization = header(event, "Authorization")
    try:
        if authorization is not None:
            scheme, _, api_key = authorization.partition(" ")
            if scheme.lower() != "bearer":
                raise Unauthenticated("Send an API key as 'Authorization: Bearer <key>'", code="api_key_refused")
            authenticated = api_key_check().authenticate(api_key.strip())
            extra: dict[str, str] = {}
        else:
            authenticated = session_check().authenticate(session_token_from_cookie_header(header(event, "Cookie")))
            extra = {"session_expires_at": authenticated.expires.isoformat()}
    except Unauthenticated as refused:
        logger.info("request refused", extra={"code": refused.code})
        raise Exception("Unauthorized") from refused  # API Gateway answers 401 for exactly this message
    return allow_all_routes(event["methodArn"], authenticated.username, {**authenticated.context, **extra})
