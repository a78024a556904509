"""The resolver factory: every handler gets the same validation, error format and principal lookup.

Errors leave the API as `{"error": {"code": ..., "message": ..., "details": [...]}}`: domain refusals and invalid
requests with a 4xx status, anything unexpected as a 500 in the same envelope with the request's correlation id.
A request body is read here before validation: it must be JSON (415 otherwise), UTF-8 and well-formed, nested at
most `MAX_JSON_DEPTH` deep (400 otherwise), and every number in it must be one DynamoDB can store (422).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal, InvalidOperation
from http import HTTPStatus
from itertools import accumulate
from typing import Any, TypeVar

from aws_lambda_powertools.event_handler import APIGatewayRestResolver, Response, content_types
from aws_lambda_powertools.event_handler.exceptions import NotFoundError, ServiceError
from aws_lambda_powertools.event_handler.middlewares.openapi_validation import OpenAPIRequestValidationMiddleware
from aws_lambda_powertools.event_handler.openapi.exceptions import (
    RequestUnsupportedContentType,
    RequestValidationError,
)
from aws_lambda_powertools.event_handler.openapi.models import APIKey, APIKeyIn, HTTPBearer, SecurityScheme
from pydantic import BaseModel, Field

from portal import access, errors
from portal.access import Principal

# The cookie helpers live in portal.cookies, which the authorizer imports without this module; re-exported here.
from portal.cookies import SESSION_COOKIE as SESSION_COOKIE  # noqa: PLC0414
from portal.cookies import expired_session_cookie as expired_session_cookie  # noqa: PLC0414
from portal.cookies import session_cookie as session_cookie  # noqa: PLC0414
from portal.cookies import session_token_from_cookie_header as session_token_from_cookie_header  # noqa: PLC0414
from portal.observability import logger

CORRELATION_HEADER = "X-Correlation-Id"

# No request model nests deeper than a few levels; a deeper body is refused before it is parsed.
MAX_JSON_DEPTH = 20
# What DynamoDB stores as a number: 38 significant digits, magnitudes from 1E-130 to 9.99…E+125.
MAX_NUMBER_DIGITS = 38
MAX_NUMBER_EXPONENT = 125
MIN_NUMBER_EXPONENT = -130
NUMBER_RANGE = {
    "significant_digits": MAX_NUMBER_DIGITS,
    "largest": "9.9999999999999999999999999999999999999E+125",
    "smallest_non_zero": "1E-130",
}

_STATUS_BY_ERROR: dict[type[errors.DomainError], HTTPStatus] = {
    errors.BadRequest: HTTPStatus.BAD_REQUEST,
    errors.UnsupportedMediaType: HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
    errors.ValidationFailed: HTTPStatus.UNPROCESSABLE_ENTITY,
    errors.NotFound: HTTPStatus.NOT_FOUND,
    errors.Conflict: HTTPStatus.CONFLICT,
    errors.Unauthenticated: HTTPStatus.UNAUTHORIZED,
    errors.Forbidden: HTTPStatus.FORBIDDEN,
    errors.TooManyRequests: HTTPStatus.TOO_MANY_REQUESTS,
    errors.Unavailable: HTTPStatus.SERVICE_UNAVAILABLE,
}


class ErrorDetail(BaseModel):
    code: str = Field(description="Machine-readable reason, e.g. customer_number_taken")
    message: str = Field(description="For a person to read")
    details: list[Any] = Field(
        default_factory=list,
        description="Field problems, each with `field`, `code`, `message` and, where there is one, `allowed`; "
        "`correlation_id` on a 500",
    )


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


def error_response(
    status: HTTPStatus, code: str, message: str, details: list[Any] | None = None, headers: dict[str, str] | None = None
) -> Response[str]:
    body = {"error": {"code": code, "message": message, "details": details or []}}
    return Response(
        status_code=status, content_type=content_types.APPLICATION_JSON, body=json.dumps(body), headers=headers
    )


# How a caller authenticates (the OpenAPI document's security schemes): people by the session cookie their login
# set, a customer's own systems by an API key on the few document routes that take one (DOC-3).
SECURITY_SCHEMES: dict[str, SecurityScheme] = {
    "session": APIKey(
        in_=APIKeyIn.cookie,
        name=SESSION_COOKIE,
        description="The session a login opened (POST /auth/login, then POST /auth/login/code)",
    ),
    "apiKey": HTTPBearer(
        bearerFormat="kpk_<key id>_<secret>",
        description="An API key a customer's user administrator created (POST /customers/{customer_id}/api-keys), "
        "sent as `Authorization: Bearer <key>`; it acts for that customer only, within its role",
    ),
}
SESSION_OR_API_KEY: list[dict[str, list[str]]] = [{"session": []}, {"apiKey": []}]


# -- reading a request body ------------------------------------------------------------------------------------

_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.DOTALL)
_BRACKETS = re.compile(r"[\[\]{}]")


class _Unstorable:
    """A number in a body that DynamoDB could not store; found after parsing, so its field can be named."""

    def __init__(self, text: str) -> None:
        self.text = text


def _json_media_type(content_type: str) -> bool:
    media_type, _, parameters = content_type.partition(";")
    media_type = media_type.strip().lower()
    charset = re.search(r"charset\s*=\s*\"?([\w-]+)", parameters, re.IGNORECASE)
    if charset and charset.group(1).lower() not in {"utf-8", "utf8"}:
        return False
    return media_type == "application/json" or (media_type.startswith("application/") and media_type.endswith("+json"))


def _nesting_depth(text: str) -> int:
    brackets = _BRACKETS.findall(_JSON_STRING.sub("", text))
    return max(accumulate(1 if bracket in "[{" else -1 for bracket in brackets), default=0)


def _storable_integer(text: str) -> int | _Unstorable:
    return int(text) if len(text.lstrip("-")) <= MAX_NUMBER_DIGITS else _Unstorable(text)


def _storable_float(text: str) -> float | _Unstorable:
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the JSON scanner only passes numbers
        return _Unstorable(text)
    if value.is_zero():
        return 0.0
    significant = len("".join(map(str, value.as_tuple().digits)).rstrip("0"))
    if significant > MAX_NUMBER_DIGITS or not MIN_NUMBER_EXPONENT <= value.adjusted() <= MAX_NUMBER_EXPONENT:
        return _Unstorable(text)
    return float(value)


def _refuse_constant(name: str) -> Any:
    raise errors.BadRequest(f"The body is not valid JSON: {name} is not a JSON number", code="invalid_json")


def _unstorable_numbers(document: Any) -> list[dict[str, Any]]:
    """Where the body holds numbers DynamoDB cannot store, as field problems (walked without recursion)."""
    problems: list[dict[str, Any]] = []
    pending: list[tuple[tuple[str, ...], Any]] = [((), document)]
    while pending:
        path, value = pending.pop()
        if isinstance(value, _Unstorable):
            shown = value.text if len(value.text) <= 60 else value.text[:57] + "..."
            problems.append(
                errors.field_problem(
                    ".".join(path),
                    "number_out_of_range",
                    f"{shown} cannot be stored: at most 38 significant digits, between 1E-130 and 9.99E+125",
                    **NUMBER_RANGE,
                )
            )
        elif isinstance(value, dict):
            pending.extend(((*path, str(name)), inner) for name, inner in value.items())
        elif isinstance(value, list):
            pending.extend(((*path, str(index)), inner) for index, inner in enumerate(value))
    return sorted(problems, key=lambda problem: str(problem["field"]))


def parse_json_body(body: str | None, *, base64_encoded: bool, content_type: str) -> Any:
    """A request body as the handlers may trust it, or the refusal that explains why not."""
    if not body:
        return None
    if content_type and not _json_media_type(content_type):
        raise errors.UnsupportedMediaType(
            f"Send the body as application/json (UTF-8), not {content_type[:100]}",
            details=[{"allowed": ["application/json"]}],
        )
    if base64_encoded:
        try:
            raw = base64.b64decode(body.encode("ascii"), validate=True)
            body = raw.decode("utf-8")
        except (binascii.Error, UnicodeError) as error:
            raise errors.BadRequest("The body is not UTF-8 text", code="invalid_encoding") from error
    if _nesting_depth(body) > MAX_JSON_DEPTH:
        raise errors.BadRequest(
            f"The body nests objects and lists more than {MAX_JSON_DEPTH} deep",
            code="too_deeply_nested",
            details=[{"allowed": {"max_depth": MAX_JSON_DEPTH}}],
        )
    try:
        document = json.loads(
            body, parse_int=_storable_integer, parse_float=_storable_float, parse_constant=_refuse_constant
        )
    except json.JSONDecodeError as error:
        raise errors.BadRequest(
            f"The body is not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}",
            code="invalid_json",
            details=[{"line": error.lineno, "column": error.colno}],
        ) from error
    except RecursionError as error:  # pragma: no cover - the depth check comes first
        raise errors.BadRequest("The body nests too deeply", code="too_deeply_nested") from error
    problems = _unstorable_numbers(document)
    if problems:
        raise errors.ValidationFailed(
            "Some numbers are too large, too small or too precise to store; see details",
            code="number_out_of_range",
            details=problems,
        )
    return document


class _BodyReadingValidation(OpenAPIRequestValidationMiddleware):
    """Powertools' request validation, with the body read by `parse_json_body` (JSON only, bounded)."""

    def __init__(self) -> None:
        super().__init__()  # type: ignore[no-untyped-call]

    def _get_body(self, app: Any) -> Any:
        event = app.current_event
        return parse_json_body(
            event.body,
            base64_encoded=bool(event.is_base64_encoded),
            content_type=(event.headers.get("content-type") or event.headers.get("Content-Type") or "").strip(),
        )


# -- the resolver ------------------------------------------------------------------------------------------------


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, str | int | float | bool):
        return value
    if isinstance(value, list | tuple):
        return [_jsonable(inner) for inner in value]
    return str(value)


def request_problem(problem: dict[str, Any]) -> dict[str, Any]:
    """One problem pydantic found, in the common detail shape; `location` and `type` stay for existing readers."""
    location = [str(part) for part in problem.get("loc", ())]
    in_body = location[1:] if location[:1] in (["body"], ["query"], ["path"], ["header"]) else location
    detail: dict[str, Any] = {
        "location": location,
        "field": ".".join(in_body),
        "code": problem.get("type", ""),
        "message": problem.get("msg", ""),
        "type": problem.get("type", ""),
    }
    allowed = {name: _jsonable(value) for name, value in (problem.get("ctx") or {}).items() if name != "error"}
    if allowed:
        detail["allowed"] = allowed
    return detail


def build_resolver() -> APIGatewayRestResolver:
    app = APIGatewayRestResolver(enable_validation=True)
    app.configure_openapi(security_schemes=SECURITY_SCHEMES)
    app._request_validation_middleware = _BodyReadingValidation()

    def _domain_error(error: errors.DomainError) -> Response[str]:
        status = _STATUS_BY_ERROR.get(type(error)) or next(
            (status for kind, status in _STATUS_BY_ERROR.items() if isinstance(error, kind)),
            HTTPStatus.UNPROCESSABLE_ENTITY,
        )
        logger.info("request refused", extra={"code": error.code, "status": int(status)})
        return error_response(status, error.code, error.message, error.details)

    def _invalid_request(error: RequestValidationError) -> Response[str]:
        details = [request_problem(problem) for problem in error.errors()]
        return error_response(
            HTTPStatus.UNPROCESSABLE_ENTITY, "invalid_request", "The request is not valid; see details", details
        )

    def _unsupported_content_type(error: RequestUnsupportedContentType) -> Response[str]:
        return error_response(
            HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
            "unsupported_media_type",
            "Send the body as application/json (UTF-8)",
            [{"allowed": ["application/json"]}],
        )

    def _no_such_route(error: NotFoundError) -> Response[str]:
        return error_response(HTTPStatus.NOT_FOUND, "no_such_route", "There is nothing at this address")

    def _service_error(error: ServiceError) -> Response[str]:
        status = HTTPStatus(error.status_code)
        return error_response(status, status.phrase.lower().replace(" ", "_"), str(error.msg))

    def _unexpected(error: Exception) -> Response[str]:
        # The request id is the correlation id every log line of this request carries (API_GATEWAY_REST path).
        correlation_id = _request_id(app) or str(logger.get_correlation_id() or "")
        logger.exception("unexpected error", extra={"correlation_id": correlation_id})
        return error_response(
            HTTPStatus.INTERNAL_SERVER_ERROR,
            "internal_error",
            "Something went wrong on our side. Try again; if it persists, quote the correlation id.",
            [{"correlation_id": correlation_id}],
            headers={CORRELATION_HEADER: correlation_id} if correlation_id else None,
        )

    app.exception_handler(errors.DomainError)(_domain_error)
    app.exception_handler(RequestValidationError)(_invalid_request)
    app.exception_handler(RequestUnsupportedContentType)(_unsupported_content_type)
    app.exception_handler(NotFoundError)(_no_such_route)
    app.exception_handler(ServiceError)(_service_error)
    app.exception_handler(Exception)(_unexpected)
    return app


def _request_id(app: APIGatewayRestResolver) -> str:
    try:
        return str(app.current_event.request_context.request_id or "")
    except (AttributeError, KeyError, TypeError):
        return ""


def never_cached(body: BaseModel) -> Response[Any]:
    """A 200 with what must not stay in any cache: a revealed identity number, health answers."""
    return Response(
        status_code=200,
        content_type=content_types.APPLICATION_JSON,
        body=body,
        headers={"Cache-Control": "no-store"},
    )


def current_principal(app: APIGatewayRestResolver, *, api_keys: bool = False) -> Principal:
    """Who is asking. Only the routes of the document API that pass `api_keys=True` answer an API key (DOC-3)."""
    principal = Principal.from_context(app.current_event.request_context.authorizer.raw_event)
    if not api_keys:
        access.require_person(principal)
    return principal


def session_expiry(app: APIGatewayRestResolver) -> datetime | None:
    raw = app.current_event.request_context.authorizer.raw_event.get("session_expires_at")
    return datetime.fromisoformat(raw) if isinstance(raw, str) else None


Made = TypeVar("Made", bound=BaseModel)


def created_once(
    app: APIGatewayRestResolver,
    operation: str,
    *,
    principal: Principal,
    payload: BaseModel,
    work: Callable[[], Made],
    result: type[Made],
    location: Callable[[Made], str] | None = None,
) -> Response[Made]:
    """201 with what `work()` made, made once per operation, caller and Idempotency-Key: the same request again
    answers what the first made (a key reused for another request is refused)."""
    from portal.idempotency import once

    made = once(
        operation,
        actor=principal.username,
        key=idempotency_key(app),
        payload=payload,
        work=work,
        result=result,
        lambda_context=app.lambda_context,
    )
    headers = {"Location": location(made)} if location else None
    return Response(status_code=201, content_type=content_types.APPLICATION_JSON, body=made, headers=headers)


def idempotency_key(app: APIGatewayRestResolver) -> str | None:
    value = app.current_event.headers.get("Idempotency-Key") or app.current_event.headers.get("idempotency-key")
    return value.strip() if value else None
