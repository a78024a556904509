"""A printout is one document (a deposit receipt, a counting receipt, an order confirmation) as one PDF, in one
language, for one audience, of one version of what it prints. That makes its id: asking again for the same thing
finds the file already made instead of making another."""

from __future__ import annotations

import hashlib
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.fields import EntityId
from portal.languages import Language
from portal.reports.models import ReportStatus as PrintoutStatus

PrintoutId = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
# The customer's own users read an order's own-use notes on its confirmation; the vendor's staff never do.
Audience = Literal["customer", "vendor"]


class PrintoutDocument(StrEnum):
    DEPOSIT_RECEIPT = "deposit_receipt"
    COUNTING_RECEIPT = "counting_receipt"
    ORDER_CONFIRMATION = "order_confirmation"
    SERVICE_PROTOCOL = "service_protocol"  # a closed work order (seed 003)
    INVOICE = "invoice"  # an invoice as it stands (INV-1): its payments and credit notes make a new version


class PrintoutRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    document: PrintoutDocument
    subject_id: EntityId = Field(
        description="The deposit (receipts), order (confirmations), work order (service protocols) or invoice"
    )
    case_id: EntityId | None = Field(default=None, description="Service protocols: the work order's case")
    language: Language = Field(default=Language.NB, description="The language the PDF is written in")


def printout_id(
    document: PrintoutDocument, subject_id: str, subject_version: int, language: Language, audience: Audience
) -> str:
    """The same document of the same version, language and audience is one printout, made once."""
    named = f"{document.value}|{subject_id}|{subject_version}|{language.value}|{audience}"
    return hashlib.sha256(named.encode()).hexdigest()[:32]


def protocol_printout_id(
    work_order_id: str, work_order_version: int, columns_version: int, language: Language, audience: Audience
) -> str:
    """A service protocol shows a customer's logins the article columns the vendor chose: a change of that choice
    (its settings' version) makes it a new printout."""
    subject = f"{work_order_id}:{columns_version}"
    return printout_id(PrintoutDocument.SERVICE_PROTOCOL, subject, work_order_version, language, audience)


class Printout(BaseModel):
    printout_id: str
    customer_id: str
    document: PrintoutDocument
    subject_id: str
    subject_version: int = Field(description="The version of the deposit, order or work order it prints")
    case_id: str | None = None
    language: Language
    audience: Audience
    status: PrintoutStatus = PrintoutStatus.QUEUED
    size: int | None = Field(default=None, description="Bytes")
    error: str | None = None
    requested_at: datetime
    finished_at: datetime | None = None
    expires_at: datetime = Field(description="When the file and this entry are removed (it is made again if asked)")
    version: int = 1

    @property
    def object_key(self) -> str:
        """Under the customer's prefix: a file is only ever the customer's."""
        return f"customers/{self.customer_id}/printouts/{self.printout_id}.pdf"

    @property
    def file_name(self) -> str:
        return f"{self.document.value.replace('_', '-')}-{self.subject_id}.pdf"


class PrintoutView(Printout):
    download_url: str | None = Field(default=None, description="Once ready: a presigned link, valid for minutes")
    download_expires_at: datetime | None = None


__all__ = ["Printout", "PrintoutDocument", "PrintoutId", "PrintoutRequest", "PrintoutStatus", "PrintoutView"]
