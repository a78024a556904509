"""`make bench`, invoices (INV-1): the invoice list's items read per invoice returned (newest first, a date range, a
status, a number), and the daily overdue schedule's DynamoDB requests over 10 000 invoices of which 100 fell due:
one Query on the sparse index of unpaid invoices finds exactly those, so the work grows with what is due, not with
the invoices there are."""

from __future__ import annotations

import os
from datetime import UTC, date, datetime, timedelta
from typing import Any

from tests.support import ApiClient

LISTED = int(os.environ.get("BENCH_INVOICES", "300"))
SCHEDULED = int(os.environ.get("BENCH_SCHEDULED_INVOICES", "10000"))
DUE = int(os.environ.get("BENCH_DUE_INVOICES", "100"))
PAGE = 25
TODAY = date(2032, 3, 1)  # the frozen day the schedule runs on: far from every other invoice's due date


def invoice_figures(api: ApiClient, counter: Any, admin: str, customer_id: str, reader: str) -> None:
    from portal.clock import new_id
    from portal.invoices.models import Invoice, InvoiceStatus
    from portal.invoices.repository import _item
    from portal.money import Currency
    from portal.store import Table, key

    def invoice(index: int, due: date, status: InvoiceStatus) -> Invoice:
        issued = due - timedelta(days=20)
        at = datetime(issued.year, issued.month, issued.day, tzinfo=UTC)
        return Invoice(
            invoice_id=new_id(),
            customer_id=customer_id,
            number=f"B-{index}",
            invoice_date=issued,
            due_date=due,
            payer="Benk AS",
            currency=Currency.NOK,
            total_minor=1000_00 + index,
            outstanding_minor=1000_00 + index,
            status=status,
            version=1,
            created_at=at,
            updated_at=at,
        )

    # Written as the repository writes them (its item, with its index keys), in batches: the figures are the reads.
    table = Table()
    listed = [
        invoice(i, date(2031, 1, 1) + timedelta(days=i % 300), InvoiceStatus.PAID if i % 3 else InvoiceStatus.OVERDUE)
        for i in range(LISTED)
    ]
    claims = [
        {"PK": key("INVNO", customer_id, item.number.upper()), "SK": "INVNO", "invoice_id": item.invoice_id}
        for item in listed
    ]
    table.batch_put([*(_item(item) for item in listed), *claims])
    searches = {
        "newest first": {},
        "one month": {"date_from": "2031-03-01", "date_to": "2031-03-31"},
        "status overdue": {"status": "overdue"},
        "one number": {"number": "B-7"},
    }
    print(f"{'invoices (INV-1)':<32} {'DDB req/API req':>15} {'items read':>11} {'returned':>9} {'per invoice':>12}")
    for name, query in searches.items():
        counter.reset()
        reply = api.get(f"/customers/{customer_id}/invoices", token=reader, query={"limit": PAGE, **query})
        assert reply.status == 200, reply.body
        returned = len(reply.body["items"])
        per = counter.items_read / returned if returned else 0.0
        print(f"{name:<32} {counter.requests:>15} {counter.items_read:>11} {returned:>9} {per:>12.2f}")
    print(f"({LISTED} invoices at the customer; the reads include the session, its user and the customer)\n")

    unpaid = [
        invoice(
            LISTED + i,
            TODAY - timedelta(days=1 + i % 5) if i < DUE else TODAY + timedelta(days=1 + i % 60),
            InvoiceStatus.UNPAID,
        )
        for i in range(SCHEDULED)
    ]
    table.batch_put([_item(item) for item in unpaid])
    counter.reset()
    moved = _schedule(customer_id).mark_overdue()
    print(f"{'overdue schedule':<32} {'DDB requests':>15} {'items read':>11} {'moved':>9}")
    print(f"{f'{SCHEDULED} unpaid, {DUE} due':<32} {counter.requests:>15} {counter.items_read:>11} {moved:>9}")
    print("(the demo's one unpaid invoice falls due before that day too; per moved invoice: its customer, the invoice")
    print(" readers' logins, one transaction with the e-mails)\n")


def _schedule(customer_id: str) -> Any:
    from portal.access import CustomerRole
    from portal.auth.repository import DynamoAuthRepository
    from portal.invoices.repository import DynamoInvoiceRepository
    from portal.invoices.service import InvoiceService
    from portal.orders import recipients
    from portal.wiring import customer_repository

    users = DynamoAuthRepository()
    return InvoiceService(
        invoices=DynamoInvoiceRepository(),
        customers=customer_repository(),
        invoice_readers=lambda customer: recipients.role_holders(users, customer, CustomerRole.INVOICE_READER),
        portal_url="http://localhost:8000",
        clock=lambda: datetime(TODAY.year, TODAY.month, TODAY.day, 5, tzinfo=UTC),
    )
