"""Invoices in DynamoDB (INV-1), under their customer:

- `CUST#<customer>` / `INVOICE#<id>`: the invoice. Listed by invoice date under GSI1 `INVOICES#<customer>`, and by
  status under GSI2 `INVOICES#<customer>#<status>` (sort key `<invoice date>#<id>`, so a date range is a BETWEEN).
- GSI3 `UNPAID` / `<due date>#<customer>#<id>`: set only while an invoice is unpaid (a sparse index), so the daily
  schedule finds the invoices that fell due with one Query, however many invoices there are.
- `INVNO#<customer>#<number>`: who holds an invoice or credit-note number at the customer (unique); a search by
  number reads it, then the invoice.
- `CUST#<customer>` / `INVENTRY#<invoice>#<id>`: a payment or credit note registered on it.

Every change is one transaction: the invoice conditioned on the version read, the entry, the audit entry in the
customer's history, and what the outbox sends."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any, Protocol

from portal.clock import is_id
from portal.customers.repository import customer_pk
from portal.history import FieldChange, before_and_after
from portal.invoices.models import Invoice, InvoiceEntry, InvoiceStatus
from portal.notifications.repository import SideEffect, enqueue
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of

UNPAID = "UNPAID"


def invoice_sk(invoice_id: str) -> str:
    return key("INVOICE", invoice_id)


class InvoiceRepository(Protocol):
    def get(self, customer_id: str, invoice_id: str) -> Invoice | None: ...
    def entries(self, invoice: Invoice) -> list[InvoiceEntry]: ...
    def holder_of_number(self, customer_id: str, number: str) -> str | None: ...
    def save(
        self,
        before: Invoice | None,
        after: Invoice,
        *,
        actor: str,
        action: str,
        changes: Sequence[FieldChange] = (),
        entry: InvoiceEntry | None = None,
        claim: str | None = None,
        side_effects: Sequence[SideEffect] = (),
    ) -> None: ...
    def list_page(
        self,
        customer_id: str,
        *,
        status: InvoiceStatus | None,
        dates: tuple[date | None, date | None],
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> tuple[list[Invoice], str | None]: ...
    def fallen_due(self, today: date, *, limit: int, cursor: str | None) -> tuple[list[Invoice], str | None]: ...


class DynamoInvoiceRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, customer_id: str, invoice_id: str) -> Invoice | None:
        if not (is_id(customer_id) and is_id(invoice_id)):
            return None
        item = self.table.get(customer_pk(customer_id), invoice_sk(invoice_id), consistent=True)
        return model_of(Invoice, item) if item else None

    def entries(self, invoice: Invoice) -> list[InvoiceEntry]:
        items = self.table.query_all(
            pk=customer_pk(invoice.customer_id), sk_prefix=f"{key('INVENTRY', invoice.invoice_id)}#"
        )
        return [model_of(InvoiceEntry, item) for item in items]

    def holder_of_number(self, customer_id: str, number: str) -> str | None:
        item = self.table.get(*_number_key(customer_id, number), consistent=True)
        return str(item["invoice_id"]) if item else None

    def save(
        self,
        before: Invoice | None,
        after: Invoice,
        *,
        actor: str,
        action: str,
        changes: Sequence[FieldChange] = (),
        entry: InvoiceEntry | None = None,
        claim: str | None = None,
        side_effects: Sequence[SideEffect] = (),
    ) -> None:
        """`claim`: a number taken with this change (the invoice's own when it is made, a credit note's)."""
        partition = customer_pk(after.customer_id)
        transaction = Transaction()
        if before is None:
            transaction.check(partition, "CUSTOMER", condition="attribute_exists(PK)")
            transaction.put(_item(after), condition="attribute_not_exists(PK)")
        else:
            transaction.put(_item(after), condition="version = :read", values={":read": before.version})
        if claim is not None:
            pk, sk = _number_key(after.customer_id, claim)
            transaction.put(
                {"PK": pk, "SK": sk, "type": "invoice_number", "invoice_id": after.invoice_id},
                condition="attribute_not_exists(PK)",
            )
        if entry is not None:
            transaction.put(
                item_of(
                    entry, pk=partition, sk=key("INVENTRY", after.invoice_id, entry.entry_id), kind="invoice_entry"
                ),
                condition="attribute_not_exists(PK)",
            )
        recorded_before, recorded_after = before_and_after(list(changes))
        transaction.put(
            audit_item(
                partition=partition,
                actor=actor,
                action=action,
                at=after.updated_at,
                subject=after.invoice_id,
                before=recorded_before or None,
                after=recorded_after or {"number": after.number, "total_minor": after.total_minor},
            )
        )
        enqueue(transaction, side_effects, at=after.updated_at)
        self.table.transact(
            transaction, conflict_message="The invoice changed meanwhile, or the number is taken; reload and try again"
        )

    def list_page(
        self,
        customer_id: str,
        *,
        status: InvoiceStatus | None,
        dates: tuple[date | None, date | None],
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> tuple[list[Invoice], str | None]:
        """Newest first, within the dates when given; one Query on the index of the customer's invoices, or of those
        with the status."""
        index, partition = (
            ("GSI2", key("INVOICES", customer_id, status.value)) if status else ("GSI1", key("INVOICES", customer_id))
        )
        low = dates[0].isoformat() if dates[0] else "0"
        high = f"{dates[1].isoformat()}#~" if dates[1] else "~"
        page = self.table.query(
            index=index,
            pk=partition,
            sk_between=(low, high),
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=viewer,
        )
        return [model_of(Invoice, item) for item in page.items], page.cursor

    def fallen_due(self, today: date, *, limit: int, cursor: str | None) -> tuple[list[Invoice], str | None]:
        """Unpaid invoices whose due date is before today, oldest due first: one Query on the sparse index per page."""
        page = self.table.query(
            index="GSI3", pk=UNPAID, sk_between=("0", today.isoformat()), limit=limit, cursor=cursor, principal="-"
        )
        return [model_of(Invoice, item) for item in page.items], page.cursor


def _number_key(customer_id: str, number: str) -> tuple[str, str]:
    return key("INVNO", customer_id, number.upper()), "INVNO"


def _item(invoice: Invoice) -> Item:
    sort = f"{invoice.invoice_date.isoformat()}#{invoice.invoice_id}"
    keys: dict[str, Any] = {
        "GSI1PK": key("INVOICES", invoice.customer_id),
        "GSI1SK": sort,
        "GSI2PK": key("INVOICES", invoice.customer_id, invoice.status.value),
        "GSI2SK": sort,
    }
    if invoice.status is InvoiceStatus.UNPAID:
        keys |= {
            "GSI3PK": UNPAID,
            "GSI3SK": f"{invoice.due_date.isoformat()}#{invoice.customer_id}#{invoice.invoice_id}",
        }
    return item_of(
        invoice, pk=customer_pk(invoice.customer_id), sk=invoice_sk(invoice.invoice_id), kind="invoice", **keys
    )
