"""Departments live in their customer's partition; every change is audited there."""

from __future__ import annotations

from typing import Protocol

from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk, put_changed_with_history, put_new_with_history
from portal.departments.models import Department
from portal.history import FieldChange
from portal.store import Item, Table, item_of, key, model_of


class DepartmentRepository(Protocol):
    def get(self, customer_id: str, department_id: str) -> Department | None: ...
    def of_customer(self, customer_id: str) -> list[Department]: ...
    def create(self, department: Department, *, actor: str) -> None: ...
    def update(self, before: Department, after: Department, *, actor: str, changes: list[FieldChange]) -> None: ...


class DynamoDepartmentRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, customer_id: str, department_id: str) -> Department | None:
        if not (is_id(customer_id) and is_id(department_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key("DEPT", department_id))
        return model_of(Department, item) if item else None

    def of_customer(self, customer_id: str) -> list[Department]:
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix="DEPT#")
        return sorted((model_of(Department, item) for item in items), key=lambda found: found.name.casefold())

    def create(self, department: Department, *, actor: str) -> None:
        put_new_with_history(
            self.table,
            _item(department),
            customer_id=department.customer_id,
            subject=department.department_id,
            actor=actor,
            action=CustomerHistoryAction.DEPARTMENT_CREATED,
            at=department.created_at,
            after=department.model_dump(mode="json", include={"name", "number"}, exclude_none=True),
        )

    def update(self, before: Department, after: Department, *, actor: str, changes: list[FieldChange]) -> None:
        put_changed_with_history(
            self.table,
            _item(after),
            customer_id=after.customer_id,
            subject=after.department_id,
            actor=actor,
            action=CustomerHistoryAction.DEPARTMENT_UPDATED,
            at=after.updated_at,
            changes=changes,
            read_version=before.version,
            what="department",
        )


def _item(department: Department) -> Item:
    return item_of(
        department, pk=customer_pk(department.customer_id), sk=key("DEPT", department.department_id), kind="department"
    )
