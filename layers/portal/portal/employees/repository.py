"""Employees in DynamoDB (EMP-1), under their customer:

- `CUST#<customer>` / `EMPLOYEE#<id>`: the employee, its national identity number sealed beside it. Listed by name
  under GSI1 `EMPLOYEES#<customer>#<status>` and, within a department, under GSI2
  `EMPLOYEES#<customer>#<status>#DEPT#<department>` (sort key: the name's words, then the id).
- `EMPMAIL#<customer>#<e-mail>`: who holds an e-mail address at the customer (unique, case-insensitive).
- `EMPNATID#<customer>#<blind index>`: who holds a national identity number there (found by its keyed hash).
- `EMPWORD#<customer>#<status>#<first two letters>` / `<word>#<id>`: one item per word of the name and e-mail, for
  the free-text search, carrying the row it shows.
- `EMP#<id>` / `AUDIT#...`: the employee's history (the number appears in it as changed, never as itself).

Every change is one transaction: the employee conditioned on the version read, its claims, its search items, its
history entry and the event for the vendor's CRM."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, Protocol

from portal.clock import is_id, parse_iso
from portal.customers import search
from portal.customers.repository import customer_pk
from portal.employees.models import EmployeeHistoryEntry, EmployeeStatus, EmployeeSummary, StoredEmployee
from portal.history import FieldChange, before_and_after, recorded_changes
from portal.notifications.repository import SideEffect, enqueue
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of

FILTERED_SEARCH_BATCH = 50
MAX_INDEXED_WORDS = 20
_SUMMARY_FIELDS = tuple(EmployeeSummary.model_fields)


def employee_sk(employee_id: str) -> str:
    return key("EMPLOYEE", employee_id)


def history_partition(employee_id: str) -> str:
    return key("EMP", employee_id)


class EmployeeRepository(Protocol):
    def get(self, customer_id: str, employee_id: str) -> StoredEmployee | None: ...
    def save(
        self,
        before: StoredEmployee | None,
        after: StoredEmployee,
        *,
        actor: str,
        action: str,
        changes: Sequence[FieldChange],
        side_effects: Sequence[SideEffect],
    ) -> None: ...
    def list_page(
        self,
        customer_id: str,
        *,
        status: EmployeeStatus,
        department_id: str | None,
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> tuple[list[EmployeeSummary], str | None]: ...
    def search_page(
        self,
        customer_id: str,
        *,
        status: EmployeeStatus,
        terms: list[str],
        department_id: str | None,
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> tuple[list[EmployeeSummary], str | None]: ...
    def holder_of_national_id(self, customer_id: str, index: str) -> str | None: ...
    def holder_of_email(self, customer_id: str, email: str) -> str | None: ...
    def history(
        self, employee_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[EmployeeHistoryEntry], str | None]: ...
    def record(self, employee: StoredEmployee, *, actor: str, action: str, at: datetime, detail: str) -> None: ...


class DynamoEmployeeRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, customer_id: str, employee_id: str) -> StoredEmployee | None:
        if not (is_id(customer_id) and is_id(employee_id)):
            return None
        item = self.table.get(customer_pk(customer_id), employee_sk(employee_id), consistent=True)
        return model_of(StoredEmployee, item) if item else None

    def save(
        self,
        before: StoredEmployee | None,
        after: StoredEmployee,
        *,
        actor: str,
        action: str,
        changes: Sequence[FieldChange],
        side_effects: Sequence[SideEffect],
    ) -> None:
        transaction = Transaction()
        if before is None:
            transaction.check(customer_pk(after.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
            transaction.put(_item(after), condition="attribute_not_exists(PK)")
        else:
            transaction.put(_item(after), condition="version = :read", values={":read": before.version})
        _move_claim(transaction, _email_key(before) if before else None, _email_key(after), after)
        _move_claim(transaction, _national_id_key(before) if before else None, _national_id_key(after), after)
        old_words = {(item["PK"], item["SK"]) for item in _word_items(before)} if before else set()
        new_words = _word_items(after)
        for item in new_words:
            transaction.put(item)
        for pk, sk in old_words - {(item["PK"], item["SK"]) for item in new_words}:
            transaction.delete(pk, sk)
        recorded_before, recorded_after = before_and_after(list(changes))
        transaction.put(
            audit_item(
                partition=history_partition(after.employee_id),
                actor=actor,
                action=action,
                at=after.updated_at,
                subject=after.employee_id,
                before=recorded_before or None,
                after=recorded_after or {"name": after.name},
            )
        )
        enqueue(transaction, side_effects, at=after.updated_at)
        self.table.transact(transaction, conflict_message="The employee changed meanwhile; reload and try again")

    def list_page(
        self,
        customer_id: str,
        *,
        status: EmployeeStatus,
        department_id: str | None,
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> tuple[list[EmployeeSummary], str | None]:
        index, partition = (
            ("GSI2", _department_partition(customer_id, status, department_id))
            if department_id
            else ("GSI1", _list_partition(customer_id, status))
        )
        page = self.table.query(index=index, pk=partition, limit=limit, cursor=cursor, principal=viewer)
        return [_summary(item) for item in page.items], page.cursor

    def search_page(
        self,
        customer_id: str,
        *,
        status: EmployeeStatus,
        terms: list[str],
        department_id: str | None,
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> tuple[list[EmployeeSummary], str | None]:
        """Reads the search items of the longest term; the other terms and the department are checked against each
        hit. An employee with several words starting with the term counts at its first such word only."""
        driver = max(terms, key=len)
        others = [term for term in terms if term != driver]
        partition = key("EMPWORD", customer_id, status.value, search.bucket(driver))
        filtered = bool(others) or department_id is not None
        found: list[EmployeeSummary] = []
        next_cursor = cursor
        while True:
            wanted = limit - len(found)
            page = self.table.query(
                pk=partition,
                sk_prefix=driver,
                limit=max(wanted, FILTERED_SEARCH_BATCH) if filtered else wanted,
                cursor=next_cursor,
                principal=viewer,
                bind={"terms": sorted(others), "department_id": department_id or ""},
            )
            for item in page.items:
                words: list[str] = item["words"]
                first_match = min(word for word in words if word.startswith(driver))
                in_department = department_id is None or item.get("department_id") == department_id
                if item["word"] == first_match and in_department and search.matches_all(others, words):
                    found.append(_summary(item))
                    if len(found) == limit:
                        return found, page.cursor_after(item)
            if page.cursor is None:
                return found, None
            next_cursor = page.cursor

    def holder_of_national_id(self, customer_id: str, index: str) -> str | None:
        item = self.table.get(key("EMPNATID", customer_id, index), "EMPNATID", consistent=True)
        return str(item["employee_id"]) if item else None

    def holder_of_email(self, customer_id: str, email: str) -> str | None:
        item = self.table.get(key("EMPMAIL", customer_id, email.casefold()), "EMPMAIL", consistent=True)
        return str(item["employee_id"]) if item else None

    def history(
        self, employee_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[EmployeeHistoryEntry], str | None]:
        page = self.table.query(
            pk=history_partition(employee_id),
            sk_prefix="AUDIT#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=viewer,
        )
        entries = [
            EmployeeHistoryEntry(
                entry_id=item["entry_id"],
                at=parse_iso(item["at"]),
                actor=item["actor"],
                action=item["action"],
                changes=recorded_changes(item),
            )
            for item in page.items
        ]
        return entries, page.cursor

    def record(self, employee: StoredEmployee, *, actor: str, action: str, at: datetime, detail: str) -> None:
        """An entry in the employee's history for something read rather than changed (the number revealed)."""
        self.table.put(
            audit_item(
                partition=history_partition(employee.employee_id),
                actor=actor,
                action=action,
                at=at,
                subject=employee.employee_id,
                after={"reason": detail},
            )
        )


def _sort_key(employee: StoredEmployee | EmployeeSummary) -> str:
    return f"{search.sort_key(employee.last_name + ' ' + employee.first_name)}#{employee.employee_id}"


def _list_partition(customer_id: str, status: EmployeeStatus) -> str:
    return key("EMPLOYEES", customer_id, status.value)


def _department_partition(customer_id: str, status: EmployeeStatus, department_id: str | None) -> str:
    return key("EMPLOYEES", customer_id, status.value, "DEPT", department_id or "")


def _item(employee: StoredEmployee) -> Item:
    index_keys: dict[str, Any] = {"GSI1PK": _list_partition(employee.customer_id, employee.status)}
    index_keys["GSI1SK"] = _sort_key(employee)
    if employee.department_id:
        index_keys["GSI2PK"] = _department_partition(employee.customer_id, employee.status, employee.department_id)
        index_keys["GSI2SK"] = _sort_key(employee)
    return item_of(
        employee,
        pk=customer_pk(employee.customer_id),
        sk=employee_sk(employee.employee_id),
        kind="employee",
        **index_keys,
    )


def _email_key(employee: StoredEmployee) -> tuple[str, str]:
    return key("EMPMAIL", employee.customer_id, employee.email.casefold()), "EMPMAIL"


def _national_id_key(employee: StoredEmployee) -> tuple[str, str] | None:
    if employee.national_id_index is None:
        return None
    return key("EMPNATID", employee.customer_id, employee.national_id_index), "EMPNATID"


def _move_claim(
    transaction: Transaction, old: tuple[str, str] | None, new: tuple[str, str] | None, employee: StoredEmployee
) -> None:
    """A unique value changes hands: the new one taken only if nobody holds it (the conditional write is what keeps
    it unique), the old one given up."""
    if old == new:
        return
    if new is not None:
        transaction.put(
            {"PK": new[0], "SK": new[1], "type": "employee_claim", "employee_id": employee.employee_id},
            condition="attribute_not_exists(PK)",
        )
    if old is not None:
        transaction.delete(*old)


def _word_items(employee: StoredEmployee) -> list[Item]:
    # Bounded, so a change (its old and new items) always fits in one transaction.
    words = search.words(employee.first_name, employee.last_name, employee.email)[:MAX_INDEXED_WORDS]
    row = EmployeeSummary.model_validate(employee.model_dump(include=set(_SUMMARY_FIELDS))).model_dump(mode="json")
    return [
        {
            "PK": key("EMPWORD", employee.customer_id, employee.status.value, search.bucket(word)),
            "SK": key(word, employee.employee_id),
            "type": "employee_search",
            "word": word,
            "words": words,
            **row,
        }
        for word in words
    ]


def _summary(item: Item) -> EmployeeSummary:
    return model_of(EmployeeSummary, item)
