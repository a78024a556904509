"""The session cookie: set at login, cleared at logout, read by the authorizer.

Apart from `portal.api` so that the authorizer, which reads the cookie on every request, loads no event handler,
OpenAPI or validation machinery on its cold start. `portal.api` re-exports these names for the handlers.
"""

from __future__ import annotations

from datetime import timedelta

from aws_lambda_powertools.shared.cookies import Cookie, SameSite

SESSION_COOKIE = "kp_session"


def session_cookie(token: str, max_age: timedelta) -> Cookie:
    return Cookie(
        name=SESSION_COOKIE,
        value=token,
        path="/",
        secure=True,
        http_only=True,
        same_site=SameSite.STRICT_MODE,
        max_age=int(max_age.total_seconds()),
    )


def expired_session_cookie() -> Cookie:
    return Cookie(
        name=SESSION_COOKIE, value="", path="/", secure=True, http_only=True, same_site=SameSite.STRICT_MODE, max_age=0
    )


def session_token_from_cookie_header(cookie_header: str | None) -> str | None:
    for part in (cookie_header or "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == SESSION_COOKIE and value:
            return value
    return None
