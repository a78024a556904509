"""AUTH-5 on every request: the session behind a cookie, still open, of a user whose access has not changed since.

The authorizer runs this and nothing else of the auth area, so its cold start loads the user repository and the
session's models only (decision 0007).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from portal.access import Principal
from portal.auth import secrets
from portal.clock import Clock, now
from portal.errors import Unauthenticated

if TYPE_CHECKING:
    from portal.auth.models import StoredSession, User


class SessionStore(Protocol):
    def get_session(self, digest: str) -> StoredSession | None: ...

    def get_user(self, username: str) -> User | None: ...


@dataclass(frozen=True)
class SessionCheck:
    users: SessionStore
    clock: Clock = now

    def authenticate(self, token: str | None) -> tuple[Principal, datetime]:
        """The principal of a session, and when the session ends; refused when it has ended, expired or outlived
        the user's access."""
        if not token:
            raise Unauthenticated("Log in to continue")
        digest = secrets.token_digest(token)
        session = self.users.get_session(digest)
        if session is None:
            raise Unauthenticated("Your session has ended; log in again", code="session_ended")
        if session.expires <= self.clock():
            raise Unauthenticated("Your session has expired; log in again", code="session_expired")
        # The principal was resolved at login; any change of the user's rights, links, password or status since
        # moved the user's authorization version on, and ends the session here, at its next request.
        user = self.users.get_user(session.principal.username)
        if user is None or not user.active or user.version != session.user_version:
            raise Unauthenticated("Your access has changed; log in again", code="session_ended")
        return session.principal.model_copy(update={"session_id": digest}), session.expires
