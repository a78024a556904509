"""Reports (REP-1): "Generate report" turns the deposit or order history's search into a background job covering up
to 13 months; the worker streams the rows into an XML or CSV file in S3 under the customer's prefix; the Reports tab
lists the user's reports, and a download goes through a link valid for a few minutes. A file expires after the
retention period (the bucket's lifecycle rule, and the entry's TTL)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Protocol

from portal import histories
from portal.access import Principal
from portal.business_days import local_date
from portal.clock import Clock, new_id, now
from portal.customers.repository import CustomerRepository
from portal.deposits.models import DepositFilters, DepositRow
from portal.deposits.repository import DepositRepository
from portal.deposits.scope import customer_for_deposits
from portal.errors import Conflict, NotFound
from portal.money import Currency
from portal.notifications.jobs import Job
from portal.observability import logger
from portal.orders.history import matches
from portal.orders.models import OrderFilters, OrderRow
from portal.orders.repository import OrderRepository
from portal.orders.scope import customer_for_orders
from portal.reports.files import MultipartUpload, write_report
from portal.reports.models import (
    DepositReportRequest,
    OrderReportRequest,
    Report,
    ReportDownload,
    ReportFormat,
    ReportPage,
    ReportStatus,
)
from portal.reports.repository import ReportRepository

RETENTION_DAYS = 30
LINK_SECONDS = 300
CONTENT_TYPES = {ReportFormat.XML: "application/xml", ReportFormat.CSV: "text/csv; charset=utf-8"}


class ReportFiles(Protocol):
    def upload(self, key: str, content_type: str) -> MultipartUpload: ...
    def link(self, key: str, *, file_name: str, seconds: int) -> str: ...


@dataclass
class ReportService:
    customers: CustomerRepository
    reports: ReportRepository
    deposits: DepositRepository
    orders: OrderRepository
    files: ReportFiles
    currency_of: Callable[[str], Currency]
    clock: Clock = field(default=now)

    def _require_view(self, principal: Principal, customer_id: str, kind: str) -> None:
        """A report is read by whoever may read what it lists: the customer's deposits, or its orders."""
        if kind == "orders":
            customer_for_orders(principal, self.customers, customer_id)
        else:
            customer_for_deposits(principal, self.customers, customer_id)

    def request(
        self, principal: Principal, customer_id: str, data: DepositReportRequest | OrderReportRequest
    ) -> Report:
        """Queues the report of a search: the same filters, up to 13 months (refused beyond, with the limit)."""
        self._require_view(principal, customer_id, data.kind)
        at = self.clock()
        currency = self.currency_of(customer_id) if data.kind == "deposits" else Currency.NOK
        today = local_date(at, currency)
        start, end = histories.date_range(
            data.filters.date_from, data.filters.date_to, today=today, longest=histories.REPORT_DAYS
        )
        report = Report(
            report_id=new_id(),
            customer_id=customer_id,
            kind=data.kind,
            format=data.format,
            filters=data.filters,
            date_from=start,
            date_to=end,
            requested_by=principal.username,
            requested_by_name=principal.display_name,
            requested_at=at,
            expires_at=at + timedelta(days=RETENTION_DAYS),
        )
        job = Job(queue="reports", body={"customer_id": customer_id, "report_id": report.report_id})
        self.reports.create(report, job=job)
        return report

    def mine(self, principal: Principal, *, limit: int = 25, cursor: str | None = None) -> ReportPage:
        """The reports the user asked for, newest first (each only ever of a customer the user saw)."""
        found, next_cursor = self.reports.of_user(
            principal.username, principal=principal.username, limit=limit, cursor=cursor
        )
        return ReportPage(items=found, next_cursor=next_cursor)

    def download(self, principal: Principal, customer_id: str, report_id: str) -> ReportDownload:
        """A short-lived link to the file, for those who may read the customer's deposits today."""
        report = self.reports.get(customer_id, report_id)
        self._require_view(principal, customer_id, report.kind if report else "deposits")
        if report is None or report.expires_at <= self.clock():
            raise NotFound("No such report")
        if report.status is not ReportStatus.READY:
            raise Conflict(
                f"The report is {report.status.value}; it can be downloaded once it is ready",
                code="report_not_ready",
                details=[{"status": report.status.value}],
            )
        name = f"{report.kind}-{report.date_from.isoformat()}-{report.date_to.isoformat()}.{report.format.value}"
        url = self.files.link(report.object_key, file_name=name, seconds=LINK_SECONDS)
        return ReportDownload(url=url, expires_at=self.clock() + timedelta(seconds=LINK_SECONDS))

    def generate(self, customer_id: str, report_id: str) -> Report | None:
        """The worker: writes the file and records its rows and size. A failure is recorded on the report and
        raised, so the queue retries it, and after the last try keeps the message in its dead-letter queue."""
        report = self.reports.get(customer_id, report_id)
        if report is None or report.status is ReportStatus.READY:
            return report  # a queue may deliver a message twice; a finished report stays finished
        running = self._moved(report, status=ReportStatus.RUNNING, error=None)
        upload = self.files.upload(report.object_key, CONTENT_TYPES[report.format])
        try:
            rows = write_report(running, self._rows(running), upload)
            upload.close()
        except Exception as error:
            upload.abort()
            self._moved(running, status=ReportStatus.FAILED, error=f"{type(error).__name__}: {error}"[:500])
            logger.warning("report failed", extra={"report_id": report_id})
            raise
        return self._moved(running, status=ReportStatus.READY, rows=rows, size=upload.size, finished_at=self.clock())

    def _moved(self, before: Report, **changes: object) -> Report:
        after = before.model_copy(update={**changes, "version": before.version + 1})
        self.reports.save(before, after)
        return after

    def _rows(self, report: Report) -> Iterator[DepositRow | OrderRow]:
        filters, dates = report.filters, (report.date_from, report.date_to)
        if isinstance(filters, OrderFilters):
            if filters.number is not None or filters.reference:
                found = self.orders.by_key(report.customer_id, number=filters.number, reference=filters.reference)
                yield from (row for row in reversed(found) if matches(row, filters))
                return
            yield from self.orders.each_row(report.customer_id, filters, dates)
            return
        yield from self._deposit_rows(report.customer_id, filters, dates)

    def _deposit_rows(
        self, customer_id: str, filters: DepositFilters, dates: tuple[date, date]
    ) -> Iterator[DepositRow]:
        if filters.bag_number:
            for slip in reversed(self.deposits.slips_of_bag(customer_id, filters.bag_number)):
                if filters.status in {None, slip.status} and filters.department_id in {None, slip.department_id}:
                    yield DepositRow.of(slip)
            return
        yield from self.deposits.each_row(customer_id, filters, dates)
