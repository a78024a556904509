"""Bulk upload of a customer register (ORG-3). Staff who create customers ask for an upload form; the browser posts
the CSV straight to the file bucket, whose notification hands it to a worker. The worker reads it row by row, makes
a customer of every valid row whose number is new, counts a row already in the register exactly as it stands as
imported before (so the same file uploaded twice, or a retried run, makes nothing twice), rejects the rest with every
reason, and writes a per-row report for download."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from itertools import islice
from typing import Protocol

from portal import access
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers.models import Customer, CustomerInput
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound, ValidationFailed
from portal.files.models import FileUploadForm
from portal.imports.models import (
    MAX_REJECTED_SHOWN,
    CustomerImport,
    CustomerImportInput,
    CustomerImportPage,
    CustomerImportStart,
    CustomerImportView,
    ImportStatus,
    RejectedRow,
    RowReason,
)
from portal.imports.register import MAX_IMPORT_BYTES, ImportRow, ReportRow, RowProblem, read_register, report_lines
from portal.imports.repository import ImportRepository, file_key, import_id_of, report_key

FORM_SECONDS = 10 * 60
LINK_SECONDS = 5 * 60
ROWS_PER_LOOKUP = 100  # one batched read of the register per this many rows
PROGRESS_EVERY = 1000  # rows between two saves of the job's counts
_COMPARED = (
    "name",
    "country",
    "organisation_number",
    "email",
    "contact_person",
    "phone",
    "address",
    "postal_code",
    "city",
)


class ImportFiles(Protocol):
    def upload_form(
        self, key: str, *, content_type: str, max_bytes: int, seconds: int, file_name: str
    ) -> tuple[str, dict[str, str]]: ...
    def read(self, key: str) -> bytes: ...
    def put(self, key: str, content: bytes, content_type: str) -> None: ...
    def link(self, key: str, *, file_name: str, seconds: int, content_type: str | None = None) -> str: ...


class ImportBusy(RuntimeError):
    """Another worker runs the import: the notification is to be tried again later (by then it is done)."""


@dataclass(frozen=True)
class _Run:
    """A job as one worker took it: `attempt` names that worker in each of its saves."""

    job: CustomerImport
    attempt: str


@dataclass
class ImportService:
    imports: ImportRepository
    customers: CustomerRepository
    files: ImportFiles
    clock: Clock = now

    def start(self, principal: Principal, data: CustomerImportInput) -> CustomerImportStart:
        access.require_import_customers(principal)
        at = self.clock()
        job = CustomerImport(
            import_id=new_id(),
            file_name=data.name,
            status=ImportStatus.WAITING_FOR_FILE,
            created_by=principal.username,
            created_by_name=principal.display_name,
            created_at=at,
        )
        self.imports.create(job)
        url, fields = self.files.upload_form(
            file_key(job.import_id),
            content_type="text/csv",
            max_bytes=min(data.size, MAX_IMPORT_BYTES),
            seconds=FORM_SECONDS,
            file_name=data.name,
        )
        form = FileUploadForm(url=url, fields=fields, expires_at=at + timedelta(seconds=FORM_SECONDS))
        return CustomerImportStart(customer_import=self._view(job), upload=form)

    def get(self, principal: Principal, import_id: str) -> CustomerImportView:
        access.require_import_customers(principal)
        job = self.imports.get(import_id)
        if job is None:
            raise NotFound("No such import")
        return self._view(job)

    def recent(self, principal: Principal, *, limit: int, cursor: str | None) -> CustomerImportPage:
        access.require_import_customers(principal)
        jobs, next_cursor = self.imports.recent(limit=limit, cursor=cursor, viewer=principal.username)
        return CustomerImportPage(items=[self._view(job) for job in jobs], next_cursor=next_cursor)

    # -- the worker ------------------------------------------------------------------------------------------------

    def run(self, key: str) -> ImportStatus | None:
        """Imports the file at `key` once; a retried run (after a crash) goes through it again and makes nothing
        twice. None when nothing waits for the file (a repeated notification, or an unknown key); `ImportBusy`
        while another worker runs it, so the notification is tried again later.

        The whole file is read and every line checked before the first customer is made: a file refused as a
        whole (too many rows, a line that is not CSV) makes nothing."""
        import_id = import_id_of(key)
        job = self.imports.get(import_id) if import_id else None
        if job is None or job.status not in {ImportStatus.WAITING_FOR_FILE, ImportStatus.RUNNING}:
            return None
        job = job.model_copy(update={"status": ImportStatus.RUNNING, "started_at": self.clock()})
        attempt = new_id()
        if not self.imports.take(job, attempt=attempt):
            raise ImportBusy(f"Import {job.import_id} is being run by another worker")
        run = _Run(job, attempt)
        try:
            register = read_register(self.files.read(key), self.customers.get_settings())
            rows = list(register.rows())
        except ValidationFailed as refused:
            failed = job.model_copy(
                update={
                    "status": ImportStatus.FAILED,
                    "error_code": refused.code,
                    "error_message": refused.message,
                    "finished_at": self.clock(),
                }
            )
            self.imports.save_run(failed, attempt=attempt)
            return ImportStatus.FAILED
        outcomes = list(self._import(run, rows))
        report = "".join(report_lines(outcomes)).encode("utf-8")
        self.files.put(report_key(job.import_id), report, "text/csv; charset=utf-8")
        done = _counted(job, outcomes).model_copy(update={"status": ImportStatus.DONE, "finished_at": self.clock()})
        self.imports.save_run(done, attempt=attempt)
        return ImportStatus.DONE

    def _import(self, run: _Run, rows: list[ImportRow]) -> Iterator[ReportRow]:
        done = 0
        for chunk in _batched(rows, ROWS_PER_LOOKUP):
            yield from self._import_chunk(run, chunk)
            done += len(chunk)
            if done % PROGRESS_EVERY < ROWS_PER_LOOKUP:
                self.imports.save_run(run.job.model_copy(update={"rows_read": done}), attempt=run.attempt)

    def _import_chunk(self, run: _Run, chunk: list[ImportRow]) -> list[ReportRow]:
        """One look-up of the register for the chunk's numbers, a conditional write per new number, and the new
        customers written in batches."""
        holders = self.customers.number_holders(row.customer.number for row in chunk if row.customer is not None)
        existing = {
            customer.customer_id: customer
            for customer in self.customers.get_many(holder.customer_id for holder in holders.values())
        }
        made: list[Customer] = []
        outcomes: list[ReportRow] = []
        for row in chunk:
            if row.customer is None:
                outcomes.append(row.outcome("rejected"))
                continue
            holder = holders.get(row.customer.number.upper())
            if holder is None:
                customer = self._customer(row.customer, new_id())
                if self.customers.claim_number(customer, import_id=run.job.import_id):
                    made.append(customer)
                    outcomes.append(row.outcome("imported"))
                    continue
                # taken since the look-up, by hand or by another upload
                outcomes.append(self._held(row, self.customers.by_numbers([row.customer.number])))
            elif holder.customer_id in existing:
                outcomes.append(self._held(row, {row.customer.number.upper(): existing[holder.customer_id]}))
            elif holder.import_id == run.job.import_id:
                # claimed by an earlier run of this upload, which died before it wrote the customer
                made.append(self._customer(row.customer, holder.customer_id))
                outcomes.append(row.outcome("imported"))
            else:  # claimed by another upload, whose worker writes that customer
                outcomes.append(self._held(row, {}))
        self.customers.write_claimed(made, actor=run.job.created_by)
        return outcomes

    def _held(self, row: ImportRow, holders: dict[str, Customer]) -> ReportRow:
        """A row whose number the register holds: imported before when the customer is exactly the row."""
        assert row.customer is not None
        holder = holders.get(row.customer.number.upper())
        if holder is not None and _same(holder, row.customer):
            return row.outcome("already_imported")
        message = f"Customer number {row.customer.number} is already in the register"
        return ReportRow(
            line=row.line,
            number=row.number,
            name=row.name,
            result="rejected",
            problems=[RowProblem(field="number", code="number_in_register", message=message)],
        )

    def _customer(self, data: CustomerInput, customer_id: str) -> Customer:
        at = self.clock()
        return Customer(**data.model_dump(), customer_id=customer_id, version=1, created_at=at, updated_at=at)

    def _view(self, job: CustomerImport) -> CustomerImportView:
        url = None
        if job.status is ImportStatus.DONE:
            name = f"{job.file_name.rsplit('.', 1)[0]} - rapport.csv"
            url = self.files.link(
                report_key(job.import_id), file_name=name, seconds=LINK_SECONDS, content_type="text/csv"
            )
        return CustomerImportView(**job.model_dump(), report_url=url)


def _batched(rows: Iterable[ImportRow], size: int) -> Iterator[list[ImportRow]]:
    iterator = iter(rows)
    while chunk := list(islice(iterator, size)):
        yield chunk


def _same(existing: Customer, row: CustomerInput) -> bool:
    """A row already in the register exactly as it stands (an earlier upload of the same file, or a retried run)."""
    return all(getattr(existing, name) == getattr(row, name) for name in _COMPARED) and (
        existing.custom_fields == row.custom_fields
    )


def _counted(job: CustomerImport, outcomes: list[ReportRow]) -> CustomerImport:
    rejected = [outcome for outcome in outcomes if outcome.result == "rejected"]
    shown = [
        RejectedRow(
            line=outcome.line,
            number=outcome.number,
            name=outcome.name,
            reasons=[RowReason(field=p.field, code=p.code, message=p.message) for p in outcome.problems],
        )
        for outcome in rejected[:MAX_REJECTED_SHOWN]
    ]
    return job.model_copy(
        update={
            "rows_read": len(outcomes),
            "imported": sum(outcome.result == "imported" for outcome in outcomes),
            "already_imported": sum(outcome.result == "already_imported" for outcome in outcomes),
            "rejected": len(rejected),
            "rejected_rows": shown,
        }
    )
