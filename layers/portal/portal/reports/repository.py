"""Report entries live under their customer and are listed for the user who asked for them (GSI1, newest first);
DynamoDB's TTL removes an entry when its file expires. The request and its job go in one transaction (the outbox)."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from portal.clock import is_id
from portal.customers.repository import customer_pk
from portal.notifications.jobs import Job
from portal.reports.models import Report, ReportStatus
from portal.store import Item, Table, Transaction, item_of, key, model_of

REPORT = "REPORT"


class ReportRepository(Protocol):
    def create(self, report: Report, *, job: Job) -> None: ...
    def get(self, customer_id: str, report_id: str) -> Report | None: ...
    def of_user(
        self, username: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[Report], str | None]: ...
    def save(self, before: Report, after: Report) -> None: ...


class DynamoReportRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def create(self, report: Report, *, job: Job) -> None:
        from portal.notifications.repository import enqueue

        transaction = Transaction()
        transaction.check(customer_pk(report.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
        transaction.put(_item(report), condition="attribute_not_exists(PK)")
        enqueue(transaction, [job], at=report.requested_at)
        self.table.transact(transaction, conflict_message="The customer no longer exists")

    def get(self, customer_id: str, report_id: str) -> Report | None:
        if not (is_id(customer_id) and is_id(report_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key(REPORT, report_id), consistent=True)
        return model_of(Report, item) if item else None

    def of_user(
        self, username: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[Report], str | None]:
        page = self.table.query(
            pk=_listed_for(username), index="GSI1", ascending=False, limit=limit, cursor=cursor, principal=principal
        )
        return [model_of(Report, item) for item in page.items], page.cursor

    def save(self, before: Report, after: Report) -> None:
        """The report in its next status, if still as read (a retried job and a late one never both write)."""
        self.table.put(
            _item(after),
            condition="version = :read",
            values={":read": before.version},
            conflict_message="The report changed meanwhile",
        )


def _listed_for(username: str) -> str:
    return key("REPORTS", username)


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


def _item(report: Report) -> Item:
    return item_of(
        report,
        pk=customer_pk(report.customer_id),
        sk=key(REPORT, report.report_id),
        kind="report",
        GSI1PK=_listed_for(report.requested_by),
        GSI1SK=report.report_id,
        # DynamoDB's TTL reads whole seconds since 1970; the model reads them back as the same moment.
        expires_at=_epoch(report.expires_at),
    )


__all__ = ["DynamoReportRepository", "ReportRepository", "ReportStatus"]
