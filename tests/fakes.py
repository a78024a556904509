"""In-memory fakes of the repository interfaces, for unit tests of the domain rules (no network)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from portal.customers import search
from portal.customers.models import (
    Customer,
    CustomerHistoryAction,
    CustomerRegisterSettings,
    CustomerSort,
    CustomerStatus,
    CustomerSummary,
    HistoryEntry,
)
from portal.customers.repository import CustomerPageResult, NumberHolder, number_taken
from portal.errors import Conflict
from portal.history import FieldChange
from portal.notifications.repository import SideEffect


class InMemoryCustomers:
    def __init__(self) -> None:
        self.customers: dict[str, Customer] = {}
        self.settings = CustomerRegisterSettings()
        self.side_effects: list[SideEffect] = []
        self.history_by_customer: dict[str, list[HistoryEntry]] = {}
        # numbers an import took before it wrote their customers
        self.claimed_numbers: dict[str, NumberHolder] = {}
        self.uses: dict[str, list[str]] = {}  # what keeps a customer from being deleted

    def get(self, customer_id: str) -> Customer | None:
        return self.customers.get(customer_id)

    def get_many(self, customer_ids: Iterable[str]) -> list[Customer]:
        found = [self.customers[customer_id] for customer_id in customer_ids if customer_id in self.customers]
        return sorted(found, key=lambda customer: search.sort_key(customer.name))

    def get_settings(self) -> CustomerRegisterSettings:
        return self.settings

    def save_settings(self, settings: CustomerRegisterSettings, *, expected_version: int, actor: str) -> None:
        if self.settings.version != expected_version:
            raise Conflict("changed meanwhile")
        self.settings = settings

    def create(self, customer: Customer, *, actor: str) -> None:
        if any(existing.number.upper() == customer.number.upper() for existing in self.customers.values()):
            raise number_taken(customer.number)
        self.customers[customer.customer_id] = customer
        self._record(customer.customer_id, actor, CustomerHistoryAction.CREATED, [])

    def update(
        self,
        before: Customer,
        after: Customer,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
        side_effects: Sequence[SideEffect] = (),
    ) -> None:
        if self.customers[before.customer_id].version != before.version:
            raise Conflict("changed meanwhile")
        self.customers[after.customer_id] = after
        self._record(after.customer_id, actor, action, changes)
        self.side_effects.extend(side_effects)

    def list_page(
        self,
        *,
        status: CustomerStatus,
        sort: CustomerSort,
        ascending: bool,
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> CustomerPageResult:
        rows = sorted(
            (customer for customer in self.customers.values() if customer.status is status),
            key=lambda customer: getattr(customer, sort.value),
            reverse=not ascending,
        )
        return _page(rows, limit, cursor)

    def search_page(
        self, *, status: CustomerStatus, terms: list[str], limit: int, cursor: str | None, viewer: str
    ) -> CustomerPageResult:
        rows = [
            customer
            for customer in self.customers.values()
            if customer.status is status
            and search.matches_all(
                terms, search.words(customer.name, customer.number, customer.contact_person, customer.email)
            )
        ]
        return _page(rows, limit, cursor)

    def assigned_to(self, username: str) -> list[tuple[CustomerSummary, list[str]]]:
        return [
            (_summary(customer), search.words(customer.name, customer.number))
            for customer in self.customers.values()
            if username in customer.assigned_staff
        ]

    def history(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[HistoryEntry], str | None]:
        entries = list(reversed(self.history_by_customer.get(customer_id, [])))
        start = int(cursor or 0)
        end = start + limit
        return entries[start:end], str(end) if end < len(entries) else None

    def assign(self, customer: Customer, username: str, *, actor: str, at: datetime) -> None:
        updated = customer.model_copy(
            update={"assigned_staff": sorted({*customer.assigned_staff, username}), "version": customer.version + 1}
        )
        updated = updated.model_copy(update={"updated_at": at})
        change = FieldChange(field="assigned_staff", before=customer.assigned_staff, after=updated.assigned_staff)
        self.update(customer, updated, actor=actor, action=CustomerHistoryAction.ASSIGNED, changes=[change])

    def by_numbers(self, numbers: Iterable[str]) -> dict[str, Customer]:
        wanted = {number.upper() for number in numbers}
        return {c.number.upper(): c for c in self.customers.values() if c.number.upper() in wanted}

    def number_holders(self, numbers: Iterable[str]) -> dict[str, NumberHolder]:
        wanted = {number.upper() for number in numbers}
        held = {c.number.upper(): NumberHolder(c.customer_id) for c in self.customers.values()} | self.claimed_numbers
        return {number: holder for number, holder in held.items() if number in wanted}

    def claim_number(self, customer: Customer, *, import_id: str) -> bool:
        if self.number_holders([customer.number]):
            return False
        self.claimed_numbers[customer.number.upper()] = NumberHolder(customer.customer_id, import_id)
        return True

    def write_claimed(self, customers: Sequence[Customer], *, actor: str) -> None:
        for customer in customers:
            self.customers[customer.customer_id] = customer
            self.claimed_numbers.pop(customer.number.upper(), None)
            self._record(customer.customer_id, actor, CustomerHistoryAction.CREATED, [])

    def in_use(self, customer_id: str) -> list[str]:
        return self.uses.get(customer_id, [])

    def delete(self, customer: Customer, *, actor: str, at: datetime) -> list[str]:
        if self.customers[customer.customer_id].version != customer.version:
            raise Conflict("changed meanwhile")
        del self.customers[customer.customer_id]
        return []

    def subsidiaries(self, customer_id: str) -> list[str]:
        return [customer.customer_id for customer in self.customers.values() if customer.parent_id == customer_id]

    def _record(self, customer_id: str, actor: str, action: CustomerHistoryAction, changes: list[FieldChange]) -> None:
        customer = self.customers[customer_id]
        entry = HistoryEntry(
            entry_id=str(len(self.history_by_customer.get(customer_id, []))),
            at=customer.updated_at,
            actor=actor,
            action=action,
            changes=changes,
        )
        self.history_by_customer.setdefault(customer_id, []).append(entry)


def _page(rows: list[Customer], limit: int, cursor: str | None) -> CustomerPageResult:
    """One page of `rows`; the fake's cursor is the offset of the next page."""
    start = int(cursor or 0)
    end = start + limit
    return CustomerPageResult(
        [_summary(customer) for customer in rows[start:end]], str(end) if end < len(rows) else None, len(rows)
    )


def _summary(customer: Customer) -> CustomerSummary:
    return CustomerSummary.model_validate(customer.model_dump())
