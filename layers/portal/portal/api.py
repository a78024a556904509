"""The resolver factory: every handler gets the same validation, error format and principal lookup.

Errors leave the API as `{"error": {"code": ..., "message": ..., "details": [...]}}` with a 4xx status; a domain
exception never reaches API Gateway as a 500.
"""

from __future__ import annotations

import json
from datetime import datetime
from http import HTTPStatus
from typing import Any

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.openapi.exceptions import RequestValidationError
from pydantic import BaseModel, Field

from portal import errors
from portal.access import Principal

# The cookie helpers live in portal.cookies, which the authorizer imports without this module; re-exported here.
from portal.cookies import SESSION_COOKIE as SESSION_COOKIE  # noqa: PLC0414
from portal.cookies import expired_session_cookie as expired_session_cookie  # noqa: PLC0414
from portal.cookies import session_cookie as session_cookie  # noqa: PLC0414
from portal.cookies import session_token_from_cookie_header as session_token_from_cookie_header  # noqa: PLC0414
from portal.observability import logger

_STATUS_BY_ERROR: dict[type[errors.DomainError], HTTPStatus] = {
    errors.ValidationFailed: HTTPStatus.UNPROCESSABLE_ENTITY,
    errors.NotFound: HTTPStatus.NOT_FOUND,
    errors.Conflict: HTTPStatus.CONFLICT,
    errors.Unauthenticated: HTTPStatus.UNAUTHORIZED,
    errors.Forbidden: HTTPStatus.FORBIDDEN,
    errors.AccountLocked: HTTPStatus.LOCKED,
    errors.TooManyRequests: HTTPStatus.TOO_MANY_REQUESTS,
}


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable reason, e.g. customer_number_taken")
    message: str = Field(description="For a person to read")
    details: list[Any] = Field(default_factory=list)


class ErrorBody(BaseModel):
    error: ErrorDetail


def documented(
    errors: dict[int, str],
    *,
    success: int = 200,
    description: str = "Success",
    success_content: dict[str, Any] | None = None,
) -> dict[int, Any]:
    """OpenAPI responses for a route: its success, and each refusal it can give with the common error body."""
    responses: dict[int, Any] = {success: {"description": description}}
    if success_content is not None:
        responses[success]["content"] = success_content
    for status, text in {422: "The request is not valid", **errors}.items():
        responses[status] = {"description": text, "content": {"application/json": {"model": ErrorBody}}}
    return responses


def error_response(status: HTTPStatus, code: str, message: str, details: list[Any] | None = None) -> Response[str]:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return Response(status_code=status, content_type=content_types.APPLICATION_JSON, body=json.dumps(body))


def build_resolver() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(enable_validation=True)

    def _domain_error(error: errors.DomainError) -> Response[str]:
        status = _STATUS_BY_ERROR.get(type(error), HTTPStatus.UNPROCESSABLE_ENTITY)
        logger.info("request refused", extra={"code": error.code, "status": int(status)})
        return error_response(status, error.code, error.message, error.details)

    def _invalid_request(error: RequestValidationError) -> Response[str]:
        details = [
            {
                "location": [str(part) for part in problem.get("loc", ())],
                "message": problem.get("msg", ""),
                "type": problem.get("type", ""),
            }
            for problem in error.errors()
        ]
        return error_response(
            HTTPStatus.UNPROCESSABLE_ENTITY, "invalid_request", "The request is not valid; see details", details
        )

    app.exception_handler(errors.DomainError)(_domain_error)
    app.exception_handler(RequestValidationError)(_invalid_request)
    return app


def current_principal(app: APIGatewayRestResolver) -> Principal:
    return Principal.from_context(app.current_event.request_context.authorizer.raw_event)


def session_expiry(app: APIGatewayRestResolver) -> datetime | None:
    raw = app.current_event.request_context.authorizer.raw_event.get("session_expires_at")
    return datetime.fromisoformat(raw) if isinstance(raw, str) else None


def idempotency_key(app: APIGatewayRestResolver) -> str | None:
    value = app.current_event.headers.get("Idempotency-Key") or app.current_event.headers.get("idempotency-key")
    return value.strip() if value else None
