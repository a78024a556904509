"""Customer register imports (ORG-3): the job a staff member starts by asking for an upload form, as it runs and as
it ends, with the rows it rejected and why."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from portal.files.models import FileName, FileUploadForm
from portal.imports.register import MAX_IMPORT_BYTES

MAX_REJECTED_SHOWN = 100  # on the job itself; the report file lists every row


class ImportStatus(StrEnum):
    WAITING_FOR_FILE = "waiting_for_file"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"  # the file as a whole could not be read (its header, its encoding, its size)


class CustomerImportInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: FileName = Field(examples=["kunderegister.csv"])
    size: int = Field(ge=1, le=MAX_IMPORT_BYTES, description=f"In bytes, at most {MAX_IMPORT_BYTES}")


class RowReason(BaseModel):
    field: str
    code: str
    message: str


class RejectedRow(BaseModel):
    line: int = Field(description="The line of the file the row starts on (the header is line 1)")
    number: str | None = None
    name: str | None = None
    reasons: list[RowReason]


class CustomerImport(BaseModel):
    import_id: str
    file_name: str
    status: ImportStatus
    created_by: str
    created_by_name: str
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    rows_read: int = 0
    imported: int = Field(default=0, description="New customers made")
    already_imported: int = Field(default=0, description="Rows already in the register exactly as they are")
    rejected: int = 0
    rejected_rows: list[RejectedRow] = Field(
        default_factory=list, description=f"The first {MAX_REJECTED_SHOWN}; the report lists them all"
    )
    error_code: str | None = None
    error_message: str | None = None


class CustomerImportView(CustomerImport):
    report_url: str | None = Field(default=None, description="When done: the per-row report (CSV), a presigned link")


class CustomerImportStart(BaseModel):
    customer_import: CustomerImportView
    upload: FileUploadForm


class CustomerImportPage(BaseModel):
    items: list[CustomerImportView]
    next_cursor: str | None = None
