"""Departments live in their customer's partition; every change is audited there."""

from __future__ import annotations

from typing import Protocol

from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.departments.models import Department
from portal.history import FieldChange, before_and_after
from portal.store import Item, Table, audit_item, item_of, key, model_of


class DepartmentRepository(Protocol):
    def get(self, customer_id: str, department_id: str) -> Department | None: ...
    def of_customer(self, customer_id: str) -> list[Department]: ...
    def create(self, department: Department, *, actor: str) -> None: ...
    def update(self, before: Department, after: Department, *, actor: str, changes: list[FieldChange]) -> None: ...


class DynamoDepartmentRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, customer_id: str, department_id: str) -> Department | None:
        item = self.table.get(customer_pk(customer_id), key("DEPT", department_id))
        return model_of(Department, item) if item else None

    def of_customer(self, customer_id: str) -> list[Department]:
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix="DEPT#")
        return sorted((model_of(Department, item) for item in items), key=lambda found: found.name.casefold())

    def create(self, department: Department, *, actor: str) -> None:
        audit = audit_item(
            partition=customer_pk(department.customer_id),
            actor=actor,
            action=CustomerHistoryAction.DEPARTMENT_CREATED,
            at=department.created_at,
            subject=department.department_id,
            after=department.model_dump(mode="json", include={"name", "number"}, exclude_none=True),
        )
        self.table.put_audited(
            _item(department),
            audit,
            parent=(customer_pk(department.customer_id), "CUSTOMER"),
            conflict_message="The customer no longer exists",
        )

    def update(self, before: Department, after: Department, *, actor: str, changes: list[FieldChange]) -> None:
        old, new = before_and_after(changes)
        audit = audit_item(
            partition=customer_pk(after.customer_id),
            actor=actor,
            action=CustomerHistoryAction.DEPARTMENT_UPDATED,
            at=after.updated_at,
            subject=after.department_id,
            before=old,
            after=new,
        )
        self.table.put_audited(
            _item(after),
            audit,
            read_version=before.version,
            conflict_message="The department was changed meanwhile; reload and try again",
        )


def _item(department: Department) -> Item:
    return item_of(
        department, pk=customer_pk(department.customer_id), sk=key("DEPT", department.department_id), kind="department"
    )
