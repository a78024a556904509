"""The REQUEST authorizer: turns the session cookie into a principal for every protected route (AUTH-5)."""

from typing import Any

from aws_lambda_powertools.logging import correlation_paths
from aws_lambda_powertools.utilities.data_classes.api_gateway_authorizer_event import (
    APIGatewayAuthorizerRequestEvent,
    APIGatewayAuthorizerResponse,
)
from aws_lambda_powertools.utilities.typing import LambdaContext

from portal.cookies import session_token_from_cookie_header
from portal.errors import Unauthenticated
from portal.observability import entrypoint, logger
from portal.wiring import auth_service


@entrypoint(correlation_id_path=correlation_paths.API_GATEWAY_REST)
def handler(event: dict[str, Any], context: LambdaContext) -> dict[str, Any]:
    request = APIGatewayAuthorizerRequestEvent(event)
    token = session_token_from_cookie_header(request.headers.get("Cookie") or request.headers.get("cookie"))
    try:
        principal, expires = auth_service().authenticate(token)
    except Unauthenticated as refused:
        logger.info("session refused", extra={"code": refused.code})
        raise Exception("Unauthorized") from refused  # API Gateway answers 401 for exactly this message
    arn = request.parsed_arn
    policy = APIGatewayAuthorizerResponse(
        principal_id=principal.username,
        region=arn.region,
        aws_account_id=arn.aws_account_id,
        api_id=arn.api_id,
        stage=arn.stage,
        context={**principal.to_context(), "session_expires_at": expires.isoformat()},
    )
    policy.allow_all_routes()
    return policy.asdict()
