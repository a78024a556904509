"""A customer's API keys (DOC-3): its user administrators create them for the customer's own systems, with a name,
a role (read documents, or send documents) and an expiry, see them listed, and revoke them.

The key itself is shown once, in the answer that creates it; the portal keeps only its digest (`portal.auth.keys`
checks a key on every request). Every creation and revocation is in the customer's history.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Annotated, Protocol

from pydantic import Field, StringConstraints

from portal import access
from portal.access import ApiKeyRole, Principal
from portal.auth.keys import key_hint, new_api_key
from portal.auth.models import _Model
from portal.auth.tokens import token_digest
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, NotFound, ValidationFailed, field_problem

# A key lives at most a year: a system's owner renews it on purpose, so forgotten keys stop working by themselves.
LONGEST_VALIDITY = timedelta(days=365)
# Keys in force per customer: enough for every system it runs, few enough to keep an eye on.
MOST_KEYS_IN_FORCE = 20


class ApiKeyStatus(StrEnum):
    ACTIVE = "active"
    EXPIRED = "expired"
    REVOKED = "revoked"


class ApiKeyInput(_Model):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] = Field(
        description="What the key is for, e.g. the system that uses it", examples=["Økonomisystem"]
    )
    role: ApiKeyRole = Field(description="read_documents: search and fetch; send_documents: also send")
    expires_on: date = Field(description="The last day (UTC) the key works; at most a year ahead")


class ApiKey(_Model):
    key_id: str
    name: str
    role: ApiKeyRole
    hint: str = Field(description="The key's id and the last characters of its secret, to recognise it by")
    expires_on: date
    status: ApiKeyStatus
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None
    revoked_by: str | None = None


class CreatedApiKey(_Model):
    key: ApiKey
    api_key: str = Field(description="The key itself. Shown this once: the portal keeps only its digest")


class ApiKeyList(_Model):
    items: list[ApiKey]


@dataclass(frozen=True)
class StoredKey:
    """A key as its customer's list keeps it: everything but the key itself."""

    key_id: str
    customer_id: str
    name: str
    role: ApiKeyRole
    hint: str
    digest: str
    expires_on: date
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None
    revoked_by: str | None = None


class ApiKeyRepository(Protocol):
    def keys_of(self, customer_id: str) -> list[StoredKey]: ...
    def key(self, customer_id: str, key_id: str) -> StoredKey | None: ...
    def add(self, key: StoredKey, *, actor: str) -> None: ...
    def revoke(self, key: StoredKey, *, actor: str, at: datetime) -> StoredKey: ...


@dataclass(frozen=True)
class ApiKeyService:
    customers: CustomerRepository
    keys: ApiKeyRepository
    clock: Clock = now

    def keys_of(self, principal: Principal, customer_id: str) -> ApiKeyList:
        self._require(principal, customer_id, creating=False)
        today = self.clock().date()
        return ApiKeyList(items=[self._shown(stored, today) for stored in self.keys.keys_of(customer_id)])

    def create(self, principal: Principal, customer_id: str, data: ApiKeyInput) -> CreatedApiKey:
        self._require(principal, customer_id, creating=True)
        at = self.clock()
        if not at.date() <= data.expires_on <= (at + LONGEST_VALIDITY).date():
            message = "Choose an expiry from today to at most a year ahead"
            raise ValidationFailed(
                message,
                code="expiry_out_of_range",
                details=[field_problem("expires_on", "expiry_out_of_range", message)],
            )
        in_force = [stored for stored in self.keys.keys_of(customer_id) if _in_force(stored, at.date())]
        if len(in_force) >= MOST_KEYS_IN_FORCE:
            raise Conflict(
                f"A customer has at most {MOST_KEYS_IN_FORCE} keys in force; revoke one first",
                code="too_many_api_keys",
            )
        key_id = new_id()
        api_key = new_api_key(key_id)
        stored = StoredKey(
            key_id=key_id,
            customer_id=customer_id,
            name=data.name,
            role=data.role,
            hint=key_hint(api_key),
            digest=token_digest(api_key),
            expires_on=data.expires_on,
            created_at=at,
            created_by=principal.username,
        )
        self.keys.add(stored, actor=principal.username)
        return CreatedApiKey(key=self._shown(stored, at.date()), api_key=api_key)

    def revoke(self, principal: Principal, customer_id: str, key_id: str) -> ApiKey:
        """The key stops working at once. Revoking a revoked key changes nothing and says so by its status."""
        self._require(principal, customer_id, creating=False)
        stored = self.keys.key(customer_id, key_id)
        if stored is None:
            raise NotFound("No such API key")
        at = self.clock()
        if stored.revoked_at is None:
            stored = self.keys.revoke(stored, actor=principal.username, at=at)
        return self._shown(stored, at.date())

    def _require(self, principal: Principal, customer_id: str, *, creating: bool) -> None:
        facts = customers.facts_of(self.customers, customer_id)
        access.require_manage_integrations(principal, facts, creating=creating)

    @staticmethod
    def _shown(stored: StoredKey, today: date) -> ApiKey:
        status = (
            ApiKeyStatus.REVOKED
            if stored.revoked_at is not None
            else ApiKeyStatus.ACTIVE
            if _in_force(stored, today)
            else ApiKeyStatus.EXPIRED
        )
        return ApiKey(
            key_id=stored.key_id,
            name=stored.name,
            role=stored.role,
            hint=stored.hint,
            expires_on=stored.expires_on,
            status=status,
            created_at=stored.created_at,
            created_by=stored.created_by,
            revoked_at=stored.revoked_at,
            revoked_by=stored.revoked_by,
        )


def _in_force(stored: StoredKey, today: date) -> bool:
    return stored.revoked_at is None and today <= stored.expires_on
