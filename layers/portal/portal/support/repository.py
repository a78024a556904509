"""The support contacts: one item, changed only from the version read."""

from __future__ import annotations

from typing import Protocol

from portal.store import Table
from portal.support.models import SupportContacts

PK, SK = "SETTINGS", "SUPPORT_CONTACTS"


class SupportRepository(Protocol):
    def get(self) -> SupportContacts | None: ...
    def save(self, contacts: SupportContacts, *, expected_version: int) -> None: ...


class DynamoSupportRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self) -> SupportContacts | None:
        item = self.table.get(PK, SK)
        if item is None:
            return None
        return SupportContacts.model_validate({name: value for name, value in item.items() if name not in {"PK", "SK"}})

    def save(self, contacts: SupportContacts, *, expected_version: int) -> None:
        item = {"PK": PK, "SK": SK, **contacts.model_dump(mode="json")}
        condition = "attribute_not_exists(PK)" if expected_version == 0 else "version = :expected"
        self.table.put(
            item,
            condition=condition,
            values=None if expected_version == 0 else {":expected": expected_version},
            conflict_message="The support contacts were changed meanwhile; reload and try again",
        )
