"""Import jobs in the table (ORG-3): `IMPORT#<id>` / `IMPORT`, listed newest first under GSI1 `IMPORTS`. The file
is `imports/<id>.csv` in the file bucket, its report `import-reports/<id>.csv`."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from portal.clock import is_id
from portal.errors import Conflict
from portal.imports.models import CustomerImport, ImportStatus
from portal.store import Item, Table, item_of, key, model_of

UNUSED_KEPT = timedelta(days=1)  # a form handed out and never used is forgotten (the table's TTL)
# No Lambda function runs longer: a job running for longer than this has lost its worker, and the next may take it.
RUN_LEASE = timedelta(minutes=15)


def import_pk(import_id: str) -> str:
    return key("IMPORT", import_id)


def file_key(import_id: str) -> str:
    return f"imports/{import_id}.csv"


def report_key(import_id: str) -> str:
    return f"import-reports/{import_id}.csv"


def import_id_of(object_key: str) -> str | None:
    name = object_key.removeprefix("imports/").removesuffix(".csv")
    return name if object_key == file_key(name) and is_id(name) else None


class ImportRepository(Protocol):
    def create(self, job: CustomerImport) -> None: ...
    def get(self, import_id: str) -> CustomerImport | None: ...
    def take(self, job: CustomerImport, *, attempt: str) -> bool: ...
    def save_run(self, job: CustomerImport, *, attempt: str) -> None: ...
    def recent(self, *, limit: int, cursor: str | None, viewer: str) -> tuple[list[CustomerImport], str | None]: ...


class DynamoImportRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def create(self, job: CustomerImport) -> None:
        expires = int((job.created_at + UNUSED_KEPT).timestamp())
        self.table.put(_item(job, expires_at=expires), condition="attribute_not_exists(PK)")

    def get(self, import_id: str) -> CustomerImport | None:
        if not is_id(import_id):
            return None
        item = self.table.get(import_pk(import_id), "IMPORT", consistent=True)
        return model_of(CustomerImport, item) if item else None

    def take(self, job: CustomerImport, *, attempt: str) -> bool:
        """The job, running from `job.started_at`, for one worker: a job waiting for its first run, or one whose
        last worker is gone (its lease ran out). False when another worker holds it: the notification can come
        twice, and a form can be posted again."""
        assert job.started_at is not None
        now = int(job.started_at.timestamp())
        try:
            self.table.put(
                _running(job, attempt),
                # (a job left running before leases existed has none: its worker is long gone)
                condition="#status = :waiting OR (#status = :running AND "
                "(lease_ends < :now OR attribute_not_exists(lease_ends)))",
                values={
                    ":waiting": ImportStatus.WAITING_FOR_FILE.value,
                    ":running": ImportStatus.RUNNING.value,
                    ":now": now,
                },
                names={"#status": "status"},
            )
        except Conflict:
            return False
        return True

    def save_run(self, job: CustomerImport, *, attempt: str) -> None:
        """Progress, or the end of a run, from the worker that took the job; anyone else's save is refused."""
        self.table.put(
            _running(job, attempt),
            condition="#status = :running AND attempt = :attempt",
            values={":running": ImportStatus.RUNNING.value, ":attempt": attempt},
            names={"#status": "status"},
            conflict_message="Another worker took the import over",
        )

    def recent(self, *, limit: int, cursor: str | None, viewer: str) -> tuple[list[CustomerImport], str | None]:
        page = self.table.query(
            index="GSI1", pk="IMPORTS", ascending=False, limit=limit, cursor=cursor, principal=viewer
        )
        return [model_of(CustomerImport, item) for item in page.items], page.cursor


def _running(job: CustomerImport, attempt: str) -> Item:
    assert job.started_at is not None
    return _item(job, attempt=attempt, lease_ends=int((job.started_at + RUN_LEASE).timestamp()))


def _item(job: CustomerImport, **extra: object) -> Item:
    return item_of(
        job,
        pk=import_pk(job.import_id),
        sk="IMPORT",
        kind="customer_import",
        GSI1PK="IMPORTS",
        GSI1SK=job.import_id,
        **extra,
    )
