"""The staff groups: one small item, read whole (a vendor keeps a handful of groups)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from portal.staff.models import StoredStaffGroups
from portal.store import Table, Transaction, audit_item, item_of, model_of


class StaffGroupRepository(Protocol):
    def groups(self) -> StoredStaffGroups: ...
    def save(self, groups: StoredStaffGroups, *, read_version: int, actor: str, at: datetime) -> None: ...


class DynamoStaffGroupRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def groups(self) -> StoredStaffGroups:
        item = self.table.get("SETTINGS", "STAFF_GROUPS")
        return model_of(StoredStaffGroups, item) if item else StoredStaffGroups()

    def save(self, groups: StoredStaffGroups, *, read_version: int, actor: str, at: datetime) -> None:
        transaction = Transaction()
        item = item_of(groups, pk="SETTINGS", sk="STAFF_GROUPS", kind="staff_groups")
        if read_version == 0:
            transaction.put(item, condition="attribute_not_exists(PK)")
        else:
            transaction.put(item, condition="version = :read", values={":read": read_version})
        after = {"groups": [group.model_dump(mode="json") for group in groups.groups]}
        transaction.put(
            audit_item(
                partition="SETTINGS#STAFF_GROUPS", actor=actor, action="staff_groups_changed", at=at, after=after
            )
        )
        self.table.transact(transaction, conflict_message="The staff groups were changed meanwhile; reload them")
