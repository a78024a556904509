"""A business document as the portal keeps it (DOC-1, DOC-2, DOC-5): one copy per party that is a customer of the
vendor — the sender's outgoing copy and, when the recipient is a customer too, its incoming copy — each with the
document's content, its channel, its status and its delivery timeline, and the files of its versions in S3.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from portal.documents.content import DocumentContent, DocumentType
from portal.fields import EntityId
from portal.languages import Language


class Direction(StrEnum):
    OUTGOING = "outgoing"
    INCOMING = "incoming"


class Channel(StrEnum):
    """How a document reaches its recipient, in the order multichannel delivery tries them (seed 001: "Multikanal")."""

    PEPPOL = "peppol"  # Peppol/EHF, or within the vendor's network when the recipient is a customer too
    BANK = "bank"  # e-invoice to the recipient's online bank
    EMAIL = "email"  # Smartmail: e-mail with a tracking link, by post when not opened in time (DOC-7)
    POST = "post"  # printed and posted


MULTICHANNEL_ORDER = (Channel.PEPPOL, Channel.BANK, Channel.EMAIL, Channel.POST)


class DocumentStatus(StrEnum):
    RECEIVED = "received"  # the vendor has the file; checking and delivery follow
    STOPPED = "stopped"  # broke a rule of the filter: not delivered until corrected (DOC-5)
    SENT = "sent"  # handed to its channel
    DELIVERED = "delivered"  # the recipient has it
    OPENED = "opened"  # e-mail: the recipient opened it (DOC-7)
    POSTED = "posted"  # printed and posted
    UNDELIVERABLE = "undeliverable"  # no channel reaches the recipient
    NOT_ACCEPTED = "not_accepted"  # the recipient marked it as not acceptable; the sender may correct it (DOC-6)


class StepKind(StrEnum):
    RECEIVED = "received"
    VALIDATED = "validated"
    STOPPED = "stopped"
    CORRECTED = "corrected"
    SENT = "sent"
    DELIVERED = "delivered"
    OPENED = "opened"
    PRINTED = "printed"
    POSTED = "posted"
    UNDELIVERABLE = "undeliverable"
    NOT_ACCEPTED = "not_accepted"


class Step(BaseModel):
    kind: StepKind
    at: datetime
    channel: Channel | None = None
    detail: str | None = Field(default=None, description="What happened, e.g. the rules broken or the reason")
    actor: str | None = None


class BrokenRule(BaseModel):
    rule: str = Field(description="The rule's id, e.g. PEPPOL-EN16931-R003")
    where: str = Field(description="Where in the document it is broken")
    reads: list[str] = Field(description="The EN 16931 business terms the rule reads (BT-10, …)")
    messages: dict[Language, str] = Field(description="Why, in plain words, in each language")


class FileVersion(BaseModel):
    """One version of the document's XML, kept unchanged in S3: the original is version 1, each correction one
    more."""

    number: int
    key: str = Field(description="S3 key under the customer's prefix")
    sha256: str
    size: int
    at: datetime
    actor: str
    corrected: list[str] = Field(default_factory=list, description="The fields a correction changed")


class Counterpart(BaseModel):
    """The other party's copy, when the other party is a customer of the vendor too."""

    customer_id: str
    document_id: str


class Document(BaseModel):
    document_id: str
    customer_id: str = Field(description="The customer whose copy this is")
    direction: Direction
    content: DocumentContent
    partner_key: str = Field(description="The other party, as the portal recognises it (its electronic address)")
    partner_name: str
    channel: Channel | None = Field(default=None, description="The channel it goes, or went, out on")
    channel_chosen: bool = Field(default=False, description="Chosen by the sender; else multichannel delivery")
    status: DocumentStatus = DocumentStatus.RECEIVED
    timeline: list[Step] = Field(default_factory=list)
    broken_rules: list[dict[str, str]] = Field(
        default_factory=list, description="Rule id and location of each broken rule, when stopped or not accepted"
    )
    files: list[FileVersion] = Field(default_factory=list)
    counterpart: Counterpart | None = None
    received_at: datetime
    received_on: date = Field(description="The day it came in, on the customer's clock: what searches go by")
    version: int = 1

    @property
    def current_file(self) -> FileVersion:
        return self.files[-1]


def object_key(customer_id: str, document_id: str, number: int) -> str:
    return f"customers/{customer_id}/documents/{document_id}/v{number}.xml"


def checksum(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


Reference = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class DocumentFilters(BaseModel):
    """A document search (DOC-1): any combination of these, within a date range."""

    model_config = ConfigDict(extra="forbid")

    direction: Direction | None = None
    status: DocumentStatus | None = None
    channel: Channel | None = None
    partner: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, description="A trading partner's key"
    )


class DocumentRow(BaseModel):
    """A document as a search lists it."""

    document_id: str
    direction: Direction
    document_type: DocumentType
    number: str
    partner_key: str
    partner_name: str
    channel: Channel | None = None
    status: DocumentStatus
    issue_date: date | None = None
    received_on: date
    currency: str | None = None
    payable: str | None = Field(default=None, description="The amount due, an exact decimal as written in the document")
    payable_minor: int | None = Field(default=None, description="The amount due in minor units")


class DocumentView(Document):
    """A document as its page shows it: the broken rules with their reasons in the reader's language."""

    reasons: list[BrokenRule] = Field(default_factory=list)


class SendOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: Channel | None = Field(default=None, description="Leave out for multichannel delivery")


# A request to Lambda carries at most 6 MB; base64 makes a file a third larger.
MAX_UPLOAD_BYTES = 4 * 1024 * 1024


def _base64(value: str) -> str:
    try:
        base64.b64decode(value.encode("ascii"), validate=True)
    except (binascii.Error, UnicodeError):
        raise PydanticCustomError("invalid_base64", "The file is not base64-encoded") from None
    return value


class DocumentUpload(BaseModel):
    """A document to send: its UBL 2.1 XML file, base64-encoded, and the channel if the sender chooses one."""

    model_config = ConfigDict(extra="forbid")

    content_base64: Annotated[
        str,
        StringConstraints(min_length=4, max_length=(MAX_UPLOAD_BYTES * 4) // 3 + 4),
        AfterValidator(_base64),
        Field(
            description=f"The XML file, base64-encoded; at most {MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
            examples=["PEludm9pY2UvPg=="],
        ),
    ]
    channel: Channel | None = Field(default=None, description="Leave out for multichannel delivery")

    def content(self) -> bytes:
        return base64.b64decode(self.content_base64)

    def options(self) -> SendOptions:
        return SendOptions(channel=self.channel)


class DocumentRowPage(BaseModel):
    items: list[DocumentRow]
    next_cursor: str | None = None


class FilterScope(StrEnum):
    """Which of a customer's invoices the filter checks (DOC-5, seed 001); off unless the customer orders it."""

    OFF = "off"
    OUTGOING = "outgoing"
    INCOMING = "incoming"
    BOTH = "both"


DEFAULT_SMARTMAIL_DAYS = 14
Endpoint = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=3, max_length=80, pattern=r"^[0-9]{4}:[A-Za-z0-9.\-_]+$"),
    Field(description="A Peppol participant id as scheme:id", examples=["0192:974760673"]),
]


class DocumentSettings(BaseModel):
    """How a customer sends and receives documents: the filter it ordered, Smartmail's days and its electronic
    address in the vendor's network (where documents to it are delivered)."""

    filter_scope: FilterScope = FilterScope.OFF
    smartmail_days: int = Field(default=DEFAULT_SMARTMAIL_DAYS, ge=1, le=60)
    endpoint: str | None = None
    version: int = 0

    def filters(self, direction: Direction) -> bool:
        return self.filter_scope in (FilterScope.BOTH, FilterScope(direction.value))


class DocumentSettingsInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    filter_scope: FilterScope = FilterScope.OFF
    smartmail_days: int = Field(default=DEFAULT_SMARTMAIL_DAYS, ge=1, le=60, description="Days before posting")
    endpoint: Endpoint | None = None
    version: int = Field(ge=0, description="The version you read (0 before the first save)")


class PartnerStatus(StrEnum):
    CONNECTED = "connected"  # a customer of the vendor: documents go within the network
    PEPPOL = "peppol"  # reached through the Peppol network
    OFF_NETWORK = "off_network"  # reached by bank, e-mail or post only


class TradingPartner(BaseModel):
    """A company the customer exchanges documents with (DOC-2), with the counts of what went each way."""

    partner_key: str
    name: str
    organisation_number: str | None = None
    vat_number: str | None = None
    email: str | None = None
    status: PartnerStatus = PartnerStatus.OFF_NETWORK
    sent: int = 0
    delivered: int = 0
    received: int = 0
    stopped: int = 0
    last_document_at: datetime | None = None


class TradingPartnerPage(BaseModel):
    items: list[TradingPartner]
    next_cursor: str | None = None


__all__ = [
    "BrokenRule",
    "Channel",
    "Counterpart",
    "Direction",
    "Document",
    "DocumentFilters",
    "DocumentRow",
    "DocumentRowPage",
    "DocumentSettings",
    "DocumentSettingsInput",
    "DocumentStatus",
    "DocumentUpload",
    "DocumentView",
    "EntityId",
    "FileVersion",
    "FilterScope",
    "PartnerStatus",
    "Step",
    "StepKind",
    "TradingPartner",
    "TradingPartnerPage",
]
