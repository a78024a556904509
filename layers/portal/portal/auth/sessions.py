"""AUTH-5 on every request: the session behind a cookie, still open, of a user whose access has not changed since.

The authorizer runs this and nothing else of the auth area. Its cold start is the price of every first request,
so this path loads no pydantic (decision 0007): the principal resolved at login is stored as JSON on the session
and travels to the handlers as that JSON, where `Principal.from_context` reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, Protocol

from portal.auth.tokens import token_digest
from portal.clock import Clock, now
from portal.errors import Unauthenticated
from portal.store import Table, key

if TYPE_CHECKING:
    from collections.abc import Mapping


def user_pk(username: str) -> str:
    return key("USER", username.casefold())


def session_pk(digest: str) -> str:
    return key("SESSION", digest)


@dataclass(frozen=True)
class OpenSession:
    """A session as stored: whose, the principal resolved at login (JSON), and the user's version then."""

    username: str
    principal_json: str
    user_version: int
    expires: datetime


@dataclass(frozen=True)
class Standing:
    """What a session depends on of its user now."""

    active: bool
    version: int


@dataclass(frozen=True)
class Authenticated:
    username: str
    context: dict[str, str]
    expires: datetime


class SessionStore(Protocol):
    def open_session(self, digest: str) -> OpenSession | None: ...

    def standing(self, username: str) -> Standing | None: ...


@dataclass(frozen=True)
class SessionCheck:
    sessions: SessionStore
    clock: Clock = now

    def authenticate(self, token: str | None) -> Authenticated:
        """The principal of a session (as the authorizer context carries it), and when the session ends; refused
        when it has ended, expired or outlived the user's access."""
        if not token:
            raise Unauthenticated("Log in to continue")
        digest = token_digest(token)
        session = self.sessions.open_session(digest)
        if session is None:
            raise Unauthenticated("Your session has ended; log in again", code="session_ended")
        if session.expires <= self.clock():
            raise Unauthenticated("Your session has expired; log in again", code="session_expired")
        # The principal was resolved at login; any change of the user's rights, links or password or of its status
        # since moved the user's authorization version on, and ends the session here, at its next request.
        standing = self.sessions.standing(session.username)
        if standing is None or not standing.active or standing.version != session.user_version:
            raise Unauthenticated("Your access has changed; log in again", code="session_ended")
        principal: dict[str, Any] = json.loads(session.principal_json)
        principal["session_id"] = digest
        context = {"principal": json.dumps(principal, separators=(",", ":"))}
        return Authenticated(session.username, context, session.expires)


class DynamoSessionStore:
    """Reads the session and user items that `portal.auth.repository` writes, as plain values."""

    def __init__(self, table: Table | None = None) -> None:
        self.table = table or Table()

    def open_session(self, digest: str) -> OpenSession | None:
        item = self.table.get(session_pk(digest), "SESSION", consistent=True)
        if item is None:
            return None
        return OpenSession(
            username=str(item["username"]),
            principal_json=str(item["principal"]),
            user_version=int(item.get("user_version", 0)),
            expires=datetime.fromtimestamp(int(item["expires_at"]), tz=UTC),
        )

    def standing(self, username: str) -> Standing | None:
        item: Mapping[str, Any] | None = self.table.get(user_pk(username), "USER", consistent=True)
        if item is None:
            return None
        return Standing(active=bool(item.get("active", True)), version=int(item.get("version", 1)))
