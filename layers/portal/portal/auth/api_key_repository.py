"""API keys in DynamoDB (DOC-3), two items per key written together with the customer's history entry:

- the grant, under the key's digest (`APIKEY#<digest>`), which the authorizer reads on every request; revoking a
  key deletes it, so a revoked key is refused exactly as an unknown one;
- the key in its customer's list (`CUST#<id>`, `APIKEY#<key id>`), kept after revocation with who revoked it.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from typing import Any

from portal.access import ApiKeyRole
from portal.auth.api_keys import StoredKey
from portal.auth.keys import grant_pk, valid_through
from portal.clock import is_id, iso, parse_iso
from portal.customers.repository import customer_pk
from portal.errors import Conflict
from portal.store import Item, Table, Transaction, audit_item, key

KEEP_EXPIRED_GRANT = timedelta(days=7)


class DynamoApiKeyRepository:
    def __init__(self, table: Table | None = None) -> None:
        self.table = table or Table()

    def keys_of(self, customer_id: str) -> list[StoredKey]:
        """Newest first. One item read per key listed; a customer's keys are few (at most 20 in force)."""
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix="APIKEY#")
        return sorted((_stored(item) for item in items), key=lambda stored: stored.key_id, reverse=True)

    def key(self, customer_id: str, key_id: str) -> StoredKey | None:
        if not (is_id(customer_id) and is_id(key_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key("APIKEY", key_id), consistent=True)
        return _stored(item) if item else None

    def add(self, stored: StoredKey, *, actor: str) -> None:
        transaction = Transaction()
        transaction.put(
            {
                "PK": grant_pk(stored.digest),
                "SK": "APIKEY",
                "type": "api_key_grant",
                "key_id": stored.key_id,
                "name": stored.name,
                "customer_id": stored.customer_id,
                "role": stored.role.value,
                "expires_on": stored.expires_on.isoformat(),
                # DynamoDB's TTL removes a grant some days after its key stopped working (the check never trusts it).
                "expires_at": int((valid_through(stored.expires_on) + KEEP_EXPIRED_GRANT).timestamp()),
            },
            condition="attribute_not_exists(PK)",
        )
        transaction.put(_listed(stored), condition="attribute_not_exists(PK)")
        transaction.put(
            audit_item(
                partition=customer_pk(stored.customer_id),
                actor=actor,
                action="api_key_created",
                at=stored.created_at,
                subject=stored.key_id,
                after={"name": stored.name, "role": stored.role.value, "expires_on": stored.expires_on.isoformat()},
            )
        )
        self.table.transact(transaction)

    def revoke(self, stored: StoredKey, *, actor: str, at: datetime) -> StoredKey:
        transaction = Transaction()
        transaction.delete(grant_pk(stored.digest), "APIKEY")
        transaction.update(
            customer_pk(stored.customer_id),
            key("APIKEY", stored.key_id),
            expression="SET revoked_at = :at, revoked_by = :actor",
            values={":at": iso(at), ":actor": actor},
            condition="attribute_exists(PK) AND attribute_not_exists(revoked_at)",
        )
        transaction.put(
            audit_item(
                partition=customer_pk(stored.customer_id),
                actor=actor,
                action="api_key_revoked",
                at=at,
                subject=stored.key_id,
                before={"name": stored.name, "role": stored.role.value},
            )
        )
        with contextlib.suppress(Conflict):  # revoked meanwhile, by someone else: it is revoked all the same
            self.table.transact(transaction, conflict_message="The key was revoked meanwhile")
        revoked = self.key(stored.customer_id, stored.key_id)
        assert revoked is not None
        return revoked


def _listed(stored: StoredKey) -> Item:
    return {
        "PK": customer_pk(stored.customer_id),
        "SK": key("APIKEY", stored.key_id),
        "type": "api_key",
        "key_id": stored.key_id,
        "customer_id": stored.customer_id,
        "name": stored.name,
        "role": stored.role.value,
        "hint": stored.hint,
        "digest": stored.digest,
        "expires_on": stored.expires_on.isoformat(),
        "created_at": iso(stored.created_at),
        "created_by": stored.created_by,
    }


def _stored(item: dict[str, Any]) -> StoredKey:
    revoked_at = item.get("revoked_at")
    return StoredKey(
        key_id=str(item["key_id"]),
        customer_id=str(item["customer_id"]),
        name=str(item["name"]),
        role=ApiKeyRole(str(item["role"])),
        hint=str(item["hint"]),
        digest=str(item["digest"]),
        expires_on=date.fromisoformat(str(item["expires_on"])),
        created_at=parse_iso(str(item["created_at"])),
        created_by=str(item["created_by"]),
        revoked_at=parse_iso(str(revoked_at)) if revoked_at else None,
        revoked_by=str(item["revoked_by"]) if item.get("revoked_by") else None,
    )
