"""The local API Gateway: routes each request to the handler template.yaml maps it to, authorizer first.

Requests under /api/ reach the API (CloudFront would route /api/* to API Gateway the same way); /docs shows the
OpenAPI document in Swagger UI and /dev/mailbox the e-mails sent through SES.
"""

from __future__ import annotations

import base64
import json
import logging
import mimetypes
import os
import re
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from werkzeug.datastructures import Headers
from werkzeug.wrappers import Request, Response

from infrastructure.local import mailbox, schedules
from infrastructure.local.lambdas import Lambdas
from infrastructure.local.template import ACCOUNT, REGION, ROOT, Route, Template

logger = logging.getLogger(__name__)

API_PREFIX = "/api"
# React Aria adds one small <style> (touch-action for pressable elements) at run time; its hash admits exactly that.
PRESSABLE_STYLE_HASH = "'sha256-38RhXrc7EdReTKsOm23ZPOCUgniTUUcjky8QOOrQx6o='"
# The browser posts files (CASE-5) and registers (ORG-3) straight to the file bucket: its address may be fetched too.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; connect-src 'self' {file_bucket}; style-src 'self' "
    f"{PRESSABLE_STYLE_HASH}; frame-ancestors 'none'"
)


def content_security_policy(file_bucket: str) -> str:
    return CONTENT_SECURITY_POLICY.format(file_bucket=file_bucket)


WEB_ROOT = ROOT / "web" / "dist"
API_ID = "localapi"
STAGE = "local"
# API Gateway refuses larger payloads (REST APIs: 10 MB) before any function runs.
MAX_PAYLOAD_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class CompiledRoute:
    route: Route
    pattern: re.Pattern[str]
    static_segments: int


def compile_routes(routes: Iterable[Route]) -> list[CompiledRoute]:
    compiled = []
    for route in routes:
        regex = re.sub(r"\\\{([A-Za-z0-9_]+)\\\}", r"(?P<\1>[^/]+)", re.escape(route.path))
        static = sum(1 for segment in route.path.split("/") if segment and not segment.startswith("{"))
        compiled.append(CompiledRoute(route=route, pattern=re.compile(f"^{regex}$"), static_segments=static))
    # API Gateway prefers the most specific path: static segments win over path parameters.
    return sorted(compiled, key=lambda item: -item.static_segments)


class AuthorizerContextError(ValueError):
    """API Gateway allows only strings, numbers and booleans in an authorizer context."""


class Gateway:
    def __init__(self, template: Template, lambdas: Lambdas, *, openapi_document: dict[str, Any] | None = None):
        self.template = template
        self.lambdas = lambdas
        self.routes = compile_routes(template.routes)
        self.openapi_document = openapi_document
        self.web_root = WEB_ROOT

    def __call__(self, environ: dict[str, Any], start_response: Any) -> Iterable[bytes]:
        request = Request(environ)
        response = self.dispatch(request)
        return response(environ, start_response)

    def dispatch(self, request: Request) -> Response:
        path = request.path
        if path == API_PREFIX or path.startswith(API_PREFIX + "/"):
            return self.api(request, path[len(API_PREFIX) :] or "/")
        if path == "/openapi.json" and self.openapi_document is not None:
            return Response(json.dumps(self.openapi_document, indent=2), content_type="application/json")
        if path in {"/docs", "/docs/"} and self.openapi_document is not None:
            return Response(swagger_page(self.openapi_document), content_type="text/html; charset=utf-8")
        if path.startswith("/dev/mailbox"):
            return mailbox.respond(request)
        if path.startswith("/dev/schedules"):
            return schedules.respond(request, self.template, self.lambdas)
        return self.web(path)

    # -- the web front end (S3 + CloudFront on AWS) -------------------------------------------------------------

    def web(self, path: str) -> Response:
        index = self.web_root / "index.html"
        if not index.exists():
            return Response(
                "The web front end is not built: run `make run` (it builds web/).",
                status=404,
                content_type="text/plain; charset=utf-8",
            )
        candidate = (self.web_root / path.lstrip("/")).resolve()
        inside = candidate.is_relative_to(self.web_root.resolve())
        if inside and candidate.is_file():
            response = Response(candidate.read_bytes(), content_type=_content_type(candidate))
            if "/assets/" in path:  # content-hashed names: safe to cache for good
                response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
        else:  # the single-page app routes every other path itself
            response = Response(index.read_bytes(), content_type="text/html; charset=utf-8")
            response.headers["Cache-Control"] = "no-cache"
        # Locally the bucket is the embedded backend's address (presigned forms post there).
        response.headers["Content-Security-Policy"] = content_security_policy(os.environ.get("AWS_ENDPOINT_URL", ""))
        response.headers["X-Content-Type-Options"] = "nosniff"
        return response

    # -- the API ---------------------------------------------------------------------------------------------------

    def api(self, request: Request, path: str) -> Response:
        request_id = str(uuid.uuid4())
        matched = [(item, match) for item in self.routes if (match := item.pattern.match(path))]
        if not matched:
            return self._gateway_response("MISSING_AUTHENTICATION_TOKEN", 404, request_id)
        if (request.content_length or 0) > MAX_PAYLOAD_BYTES:
            return self._gateway_response("REQUEST_TOO_LARGE", 413, request_id)
        for item, match in matched:
            if item.route.method == request.method:
                return self._invoke(request, path, item.route, match.groupdict(), request_id)
        allowed = sorted({item.route.method for item, _ in matched})
        response = _error(405, "method_not_allowed", f"Use {', '.join(allowed)} here")
        response.headers["Allow"] = ", ".join(allowed)
        return response

    def _invoke(
        self, request: Request, path: str, route: Route, path_parameters: dict[str, str], request_id: str
    ) -> Response:
        event = proxy_event(request, path, route, path_parameters, request_id=request_id)
        if not route.public:
            context = self._authorize(event)
            if isinstance(context, Response):
                return context
            event["requestContext"]["authorizer"] = context
        try:
            result = self.lambdas.invoke(route.function, event)
        except Exception:  # a function that crashes: API Gateway answers 502 with its DEFAULT_5XX response
            logger.exception("%s failed (request %s)", route.function, request_id)
            return self._gateway_response("DEFAULT_5XX", 502, request_id)
        return _response_from_result(result)

    def _authorize(self, event: dict[str, Any]) -> dict[str, Any] | Response:
        headers = {name.lower(): value for name, value in event["headers"].items()}
        if any(not headers.get(name.lower()) for name in self.template.authorizer_identity_headers):
            return self._gateway_response("UNAUTHORIZED", 401, str(event["requestContext"]["requestId"]))
        authorizer_event = {
            **{
                name: event[name]
                for name in (
                    "resource",
                    "path",
                    "httpMethod",
                    "headers",
                    "multiValueHeaders",
                    "queryStringParameters",
                    "multiValueQueryStringParameters",
                    "pathParameters",
                    "stageVariables",
                    "requestContext",
                )
            },
            "type": "REQUEST",
            "methodArn": f"arn:aws:execute-api:{REGION}:{ACCOUNT}:{API_ID}/{STAGE}/{event['httpMethod']}"
            f"{event['path']}",
        }
        request_id = str(event["requestContext"]["requestId"])
        try:
            policy = self.lambdas.invoke(self.template.authorizer_function, authorizer_event)
        except Exception as refused:
            if str(refused) == "Unauthorized":
                return self._gateway_response("UNAUTHORIZED", 401, request_id)
            logger.exception("the authorizer failed (request %s)", request_id)
            return self._gateway_response("AUTHORIZER_FAILURE", 500, request_id)
        statements = policy.get("policyDocument", {}).get("Statement", [])
        if not any(statement.get("Effect") == "Allow" for statement in statements):
            return self._gateway_response("ACCESS_DENIED", 403, request_id)
        context = dict(policy.get("context") or {})
        for name, value in context.items():
            if not isinstance(value, str | int | float | bool):
                raise AuthorizerContextError(f"Authorizer context value {name!r} is a {type(value).__name__}")
        context["principalId"] = policy["principalId"]
        return context

    def _gateway_response(self, kind: str, status: int, request_id: str) -> Response:
        """As API Gateway answers by itself: the template's response of this kind, else its DEFAULT_4XX/5XX."""
        responses = self.template.gateway_responses
        configured = responses.get(kind) or responses.get("DEFAULT_5XX" if status >= 500 else "DEFAULT_4XX") or {}
        body = configured.get("ResponseTemplates", {}).get("application/json")
        if body is None:
            body = json.dumps({"message": "Unauthorized" if status == 401 else "Forbidden"})
        body = body.replace("$context.requestId", request_id)
        response = Response(body, status=int(configured.get("StatusCode", status)), content_type="application/json")
        response.headers["x-amzn-RequestId"] = request_id
        return response


def proxy_event(
    request: Request, path: str, route: Route, path_parameters: dict[str, str], *, request_id: str | None = None
) -> dict[str, Any]:
    """An API Gateway REST (v1) proxy event, as the Lambda would receive it. A body that is not UTF-8 text is
    passed base64-encoded (as API Gateway passes binary bodies), so the function decides what to answer."""
    headers = dict(request.headers.items())
    multi_headers: dict[str, list[str]] = {}
    for name, value in request.headers.items():
        multi_headers.setdefault(name, []).append(value)
    query = {name: values[-1] for name, values in request.args.lists()} or None
    multi_query = dict(request.args.lists()) or None
    raw_body = request.get_data()
    binary = bool(raw_body) and (not _is_text(request.mimetype) or not _is_utf8(raw_body))
    body = base64.b64encode(raw_body).decode() if binary else (raw_body.decode("utf-8") if raw_body else None)
    return {
        "resource": route.path,
        "path": path,
        "httpMethod": request.method,
        "headers": headers,
        "multiValueHeaders": multi_headers,
        "queryStringParameters": query,
        "multiValueQueryStringParameters": multi_query,
        "pathParameters": path_parameters or None,
        "stageVariables": None,
        "body": body,
        "isBase64Encoded": binary,
        "requestContext": {
            "resourcePath": route.path,
            "httpMethod": request.method,
            "path": f"/{STAGE}{path}",
            "stage": STAGE,
            "requestId": request_id or str(uuid.uuid4()),
            "accountId": ACCOUNT,
            "apiId": API_ID,
            "protocol": "HTTP/1.1",
            "requestTimeEpoch": int(time.time() * 1000),
            "identity": {"sourceIp": request.remote_addr or "127.0.0.1", "userAgent": request.user_agent.string},
        },
    }


def _content_type(file: Path) -> str:
    guessed = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
    return f"{guessed}; charset=utf-8" if guessed.startswith("text/") or guessed.endswith("javascript") else guessed


def _is_text(mimetype: str) -> bool:
    return (
        not mimetype
        or mimetype.startswith("text/")
        or mimetype in {"application/json", "application/x-www-form-urlencoded", "application/xml"}
    )


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _response_from_result(result: dict[str, Any]) -> Response:
    headers = Headers()
    for name, value in (result.get("headers") or {}).items():
        headers.add(name, value)
    for name, values in (result.get("multiValueHeaders") or {}).items():
        for value in values:
            if (name, value) not in headers.items():
                headers.add(name, value)
    body = result.get("body") or ""
    payload = base64.b64decode(body) if result.get("isBase64Encoded") else body.encode("utf-8")
    return Response(payload, status=int(result.get("statusCode", 200)), headers=headers)


def _error(status: int, code: str, message: str) -> Response:
    return Response(
        json.dumps({"error": {"code": code, "message": message, "details": []}}),
        status=status,
        content_type="application/json",
    )


def swagger_page(document: dict[str, Any]) -> str:
    from pathlib import Path

    from aws_lambda_powertools.event_handler.openapi import swagger_ui
    from aws_lambda_powertools.event_handler.openapi.swagger_ui.html import generate_swagger_html

    assets = Path(swagger_ui.__file__).parent
    return generate_swagger_html(
        spec=json.dumps(document),
        swagger_js=(assets / "swagger-ui-bundle.min.js").read_text(encoding="utf-8"),
        swagger_css=(assets / "swagger-ui.min.css").read_text(encoding="utf-8"),
        swagger_base_url="",
        oauth2_config=None,
    )
