"""API keys on every request (DOC-3): the key a customer's system sends, still granted and not expired, becomes a
principal that acts for that customer only, within the key's role.

Like `portal.auth.sessions`, this is the authorizer's path, so it loads no pydantic (decision 0007): the principal
is built here as the JSON `Principal.from_context` reads. A key is stored only as its digest; revoking a key
deletes its grant, so a revoked and an unknown key are refused alike.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol

from portal.auth.sessions import Authenticated
from portal.auth.tokens import token_digest
from portal.clock import Clock, now
from portal.errors import Unauthenticated
from portal.store import Table, key

KEY_PREFIX = "kpk_"
# kpk_<ULID>_<43 characters of base64url>: the key id is readable in logs and lists, the secret is not.
_KEY_SHAPE = re.compile(r"^kpk_([0-9A-HJKMNP-TV-Z]{26})_([A-Za-z0-9_-]{43})$")


def new_api_key(key_id: str) -> str:
    """A key for the customer's system: its id, and 256 random bits only the system that received it holds."""
    return f"{KEY_PREFIX}{key_id}_{secrets.token_urlsafe(32)}"


def key_hint(api_key: str) -> str:
    """How lists show a key without holding it: its id and the last four characters of its secret."""
    return f"{api_key[: len(KEY_PREFIX) + 26]}_…{api_key[-4:]}"


def grant_pk(digest: str) -> str:
    return key("APIKEY", digest)


def valid_through(expires_on: date) -> datetime:
    """A key works through its expiry date (UTC), and stops at the midnight after it."""
    return datetime.combine(expires_on + timedelta(days=1), time(), tzinfo=UTC)


@dataclass(frozen=True)
class KeyGrant:
    """What a key may do, as stored under its digest while the key is in force."""

    key_id: str
    name: str
    customer_id: str
    role: str
    expires_on: date


class KeyGrants(Protocol):
    def grant(self, digest: str) -> KeyGrant | None: ...


@dataclass(frozen=True)
class ApiKeyCheck:
    grants: KeyGrants
    clock: Clock = now

    def authenticate(self, api_key: str) -> Authenticated:
        """The principal of a key in force (as the authorizer context carries it); refused when the key is not one
        this portal handed out, has been revoked, or has expired."""
        if not _KEY_SHAPE.match(api_key):
            raise Unauthenticated("This is not an API key of the portal", code="api_key_refused")
        grant = self.grants.grant(token_digest(api_key))
        if grant is None:
            raise Unauthenticated("This API key is unknown or revoked", code="api_key_refused")
        ends = valid_through(grant.expires_on)
        if ends <= self.clock():
            raise Unauthenticated("This API key has expired", code="api_key_expired")
        principal = {
            "username": f"api-key:{grant.key_id}",
            "display_name": grant.name,
            "kind": "api_key",
            "key_customer_id": grant.customer_id,
            "key_role": grant.role,
        }
        context = {"principal": json.dumps(principal, separators=(",", ":"))}
        return Authenticated(f"api-key:{grant.key_id}", context, ends)


class DynamoKeyGrants:
    """Reads the grant items that `portal.auth.api_key_repository` writes, as plain values."""

    def __init__(self, table: Table | None = None) -> None:
        self.table = table or Table()

    def grant(self, digest: str) -> KeyGrant | None:
        item = self.table.get(grant_pk(digest), "APIKEY", consistent=True)
        if item is None:
            return None
        return KeyGrant(
            key_id=str(item["key_id"]),
            name=str(item["name"]),
            customer_id=str(item["customer_id"]),
            role=str(item["role"]),
            expires_on=date.fromisoformat(str(item["expires_on"])),
        )
