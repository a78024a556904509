"""Import jobs in the table (ORG-3): `IMPORT#<id>` / `IMPORT`, listed newest first under GSI1 `IMPORTS`. The file
is `imports/<id>.csv` in the file bucket, its report `import-reports/<id>.csv`."""

from __future__ import annotations

from datetime import timedelta
from typing import Protocol

from portal.clock import is_id
from portal.imports.models import CustomerImport, ImportStatus
from portal.store import Item, Table, item_of, key, model_of

UNUSED_KEPT = timedelta(days=1)  # a form handed out and never used is forgotten (the table's TTL)


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
    def save(self, job: CustomerImport, *, expected: set[ImportStatus]) -> None: ...
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

    def save(self, job: CustomerImport, *, expected: set[ImportStatus]) -> None:
        """The job as it is now, kept for good, when it still has one of the `expected` statuses."""
        statuses = sorted(status.value for status in expected)
        values = {f":s{index}": status for index, status in enumerate(statuses)}
        self.table.put(
            _item(job),
            condition=f"#status IN ({', '.join(values)})",
            values=values,
            names={"#status": "status"},
            conflict_message="The import moved on meanwhile",
        )

    def recent(self, *, limit: int, cursor: str | None, viewer: str) -> tuple[list[CustomerImport], str | None]:
        page = self.table.query(
            index="GSI1", pk="IMPORTS", ascending=False, limit=limit, cursor=cursor, principal=viewer
        )
        return [model_of(CustomerImport, item) for item in page.items], page.cursor


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
