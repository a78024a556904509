"""Files (CASE-5): the upload a staff member asks for, the file as stored and listed, and a page of them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.fields import EntityId
from portal.files.content import MAX_FILE_BYTES, FileRejection, FileType

# The name as the user's machine had it: kept as metadata and offered back on download, never part of a key.
FileName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class FileOwner(StrEnum):
    CUSTOMER = "customer"
    OBJECT = "object"
    CASE = "case"
    TICKET = "ticket"  # a support ticket's attachment (DOC-8)


class FileStatus(StrEnum):
    UPLOADING = "uploading"  # a form was handed out; the bytes have not been checked yet
    READY = "ready"
    REJECTED = "rejected"  # the bytes were not what was allowed or declared, and were deleted


class FileTarget(BaseModel):
    """What a file is linked to: a customer, one of its objects (with the customer), or a case."""

    model_config = ConfigDict(extra="forbid")

    customer_id: EntityId | None = None
    object_id: EntityId | None = Field(default=None, description="With its customer's id")
    case_id: EntityId | None = Field(default=None, description="Alone")
    ticket_id: EntityId | None = Field(default=None, description="A support ticket's, with its customer_id")


class FileUploadInput(FileTarget):
    model_config = ConfigDict(extra="forbid")

    name: FileName = Field(examples=["Servicerapport mars.pdf"])
    content_type: FileType = Field(description="Checked again from the file's bytes after upload")
    size: int = Field(ge=1, le=MAX_FILE_BYTES, description=f"In bytes, at most {MAX_FILE_BYTES}")


class StoredFile(BaseModel):
    file_id: str
    owner: FileOwner
    customer_id: str | None = Field(default=None, description="The customer it is filed under (a case may have none)")
    object_id: str | None = None
    case_id: str | None = None
    ticket_id: str | None = None
    name: str
    content_type: FileType
    size: int = Field(description="As declared; once checked, as uploaded")
    status: FileStatus
    rejection: FileRejection | None = None
    uploaded_by: str
    uploaded_by_name: str
    uploaded_at: datetime
    checked_at: datetime | None = None
    version_id: str | None = Field(
        default=None, description="The S3 version whose bytes were checked: the only one ever served"
    )


class FileView(StoredFile):
    download_url: str | None = Field(default=None, description="Once ready: a presigned link, valid for minutes")
    may_delete: bool = False


class FileUploadForm(BaseModel):
    """Where the browser posts the file itself: a presigned S3 POST, good for a few minutes, for this key only."""

    url: str
    fields: dict[str, str] = Field(description="Form fields to send before the file, as they are")
    expires_at: datetime


class FileUpload(BaseModel):
    file: FileView
    upload: FileUploadForm


class FilePage(BaseModel):
    items: list[FileView]
    next_cursor: str | None = None
