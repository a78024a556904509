"""Printout entries live under their customer, one per document, version, language and audience; DynamoDB's TTL
removes an entry when its file expires. The request and its job go in one transaction (the outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from portal.customers.repository import customer_pk
from portal.errors import Conflict
from portal.notifications.jobs import Job
from portal.printouts.models import Printout, PrintoutStatus
from portal.store import Item, Table, Transaction, item_of, key, model_of

PRINTOUT = "PRINTOUT"


class PrintoutRepository(Protocol):
    def create(self, printout: Printout, *, job: Job) -> bool: ...
    def get(self, customer_id: str, printout_id: str) -> Printout | None: ...
    def save(self, before: Printout, after: Printout) -> None: ...


class DynamoPrintoutRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def create(self, printout: Printout, *, job: Job) -> bool:
        """Queues the printout unless it is already there (made, or on its way): False then. One that failed, or
        whose file expired, is queued again."""
        from portal.notifications.repository import enqueue

        transaction = Transaction()
        transaction.put(
            printout_item(printout),
            condition="attribute_not_exists(PK) OR #status = :failed OR expires_at <= :now",
            names={"#status": "status"},
            values={":failed": PrintoutStatus.FAILED.value, ":now": _epoch(printout.requested_at)},
        )
        enqueue(transaction, [job], at=printout.requested_at)
        try:
            self.table.transact(transaction, conflict_message="The printout is already asked for")
        except Conflict:
            return False
        return True

    def get(self, customer_id: str, printout_id: str) -> Printout | None:
        item = self.table.get(customer_pk(customer_id), key(PRINTOUT, printout_id), consistent=True)
        return model_of(Printout, item) if item else None

    def save(self, before: Printout, after: Printout) -> None:
        """The printout in its next status, if still as read (a retried job and a late one never both write)."""
        self.table.put(
            printout_item(after),
            condition="version = :read",
            values={":read": before.version},
            conflict_message="The printout changed meanwhile",
        )


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def printout_item(printout: Printout) -> Item:
    return item_of(
        printout,
        pk=customer_pk(printout.customer_id),
        sk=key(PRINTOUT, printout.printout_id),
        kind="printout",
        # DynamoDB's TTL reads whole seconds since 1970; the model reads them back as the same moment.
        expires_at=_epoch(printout.expires_at),
    )
