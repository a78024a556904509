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
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from portal.documents.content import DocumentContent, DocumentType
from portal.fields import EntityId, LinkToken
from portal.languages import Language
from portal.reports.models import ReportStatus as CopyStatus


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


class StepNote(StrEnum):
    """Why a step went as it did, as a code the pages word in each language."""

    IN_NETWORK = "in_network"  # delivered within the vendor's network, into the recipient's own portal
    CHANNEL_UNAVAILABLE = "channel_unavailable"  # the recipient cannot receive on the channel the sender chose
    NO_CHANNEL = "no_channel"  # no channel reaches the recipient


class Step(BaseModel):
    kind: StepKind
    at: datetime
    channel: Channel | None = None
    note: StepNote | None = None
    detail: str | None = Field(
        default=None, description="The rules broken (stopped), or the recipient's own words (not accepted)"
    )
    fields: list[str] = Field(default_factory=list, description="The fields a correction set")
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


class Rejection(BaseModel):
    """Why the recipient did not accept a delivered document (DOC-6): what it lacks, in the recipient's words, and
    the business terms the sender may correct for it."""

    reason: str
    terms: list[str]
    at: datetime
    by: str


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
    stopped_by: Direction | None = Field(
        default=None,
        description="Whose filter stopped it: the sender's for what it sends (outgoing), or the recipient's (incoming)",
    )
    files: list[FileVersion] = Field(default_factory=list)
    counterpart: Counterpart | None = None
    rejection: Rejection | None = None
    post_after: datetime | None = Field(
        default=None, description="Smartmail: when an unopened e-mailed document is printed and posted (DOC-7)"
    )
    task_token: str | None = Field(default=None, exclude=True, description="The waiting workflow step's token")
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

    def admits(self, row: DocumentRow) -> bool:
        return (
            (self.direction is None or row.direction is self.direction)
            and (self.status is None or row.status is self.status)
            and (self.channel is None or row.channel is self.channel)
            and (self.partner is None or row.partner_key == self.partner)
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
    post_after: datetime | None = Field(default=None, description="Smartmail: posted if not opened by then")


class DocumentView(Document):
    """A document as its page shows it: the broken rules with their reasons in each language, and what the sender
    may correct."""

    reasons: list[BrokenRule] = Field(default_factory=list)
    correctable: list[str] = Field(
        default_factory=list, description="The fields a correction may set now (stopped or not accepted documents)"
    )


class CorrectionCheck(BaseModel):
    """The rules a corrected document would still break: empty when it may be sent."""

    passes: bool
    reasons: list[BrokenRule]


class RejectionInput(BaseModel):
    """The recipient does not accept a delivered document: why, and which of its business terms must be corrected."""

    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)] = Field(
        examples=["Mangler vår referanse"]
    )
    terms: list[Annotated[str, StringConstraints(max_length=6, pattern=r"^BT-[0-9]{1,3}$")]] = Field(
        min_length=1, max_length=10, examples=[["BT-10"]], description="The business terms to correct, e.g. BT-10"
    )
    version: int = Field(ge=1, le=2_147_483_647, description="The version of the document you read")


class FileLink(BaseModel):
    url: str = Field(description="A presigned address, valid for a few minutes")
    expires_at: datetime
    file_name: str


class SendOptions(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: Channel | None = Field(default=None, description="Leave out for multichannel delivery")


MAX_LOGO_BYTES = 200 * 1024
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


DEFAULT_ACCENT = "#1F4E79"
Colour = Annotated[str, StringConstraints(max_length=7, pattern=r"^#[0-9A-Fa-f]{6}$"), Field(examples=["#1F4E79"])]
FooterText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class Logo(BaseModel):
    key: str
    content_type: str
    sha256: str


class DocumentSettings(BaseModel):
    """How a customer sends and receives documents: the filter it ordered, Smartmail's days, its electronic
    address in the vendor's network (where documents to it are delivered), and the look of its documents' viewing
    copies (DOC-3)."""

    filter_scope: FilterScope = FilterScope.OFF
    smartmail_days: int = Field(default=DEFAULT_SMARTMAIL_DAYS, ge=1, le=60)
    endpoint: str | None = None
    accent_colour: str = DEFAULT_ACCENT
    footer_text: str | None = None
    logo: Logo | None = None
    version: int = 0

    def filters(self, direction: Direction) -> bool:
        return self.filter_scope in (FilterScope.BOTH, FilterScope(direction.value))


class DocumentSettingsInput(BaseModel):
    """All of the settings (a PUT): an address left out would otherwise release the customer's address."""

    model_config = ConfigDict(extra="forbid")

    filter_scope: FilterScope
    smartmail_days: int = Field(ge=1, le=60, description="Days before an unopened e-mailed document is posted")
    endpoint: Endpoint | None = Field(description="null: the customer receives no documents within the network")
    accent_colour: Colour = Field(default=DEFAULT_ACCENT, description="Headings and rules of its viewing copies")
    footer_text: FooterText | None = Field(default=None, description="A line at the foot of each viewing copy")
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
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")
    status: PartnerStatus = PartnerStatus.OFF_NETWORK
    sent: int = 0
    delivered: int = 0
    received: int = 0
    stopped: int = 0
    last_document_at: datetime | None = None


class OpenedDocument(BaseModel):
    """What the recipient of an e-mailed document sees when it follows the link (DOC-7)."""

    sender: str
    recipient: str
    content: DocumentContent
    opened_at: datetime | None
    file: FileLink


class PrintJob(BaseModel):
    """A print the print service failed every retry of: it waits in the dead-letter queue for staff (DOC-7)."""

    customer_id: str
    document_id: str
    number: str | None
    recipient: str | None
    failed_at: datetime


class PrintJobPage(BaseModel):
    items: list[PrintJob]


class Redriven(BaseModel):
    redriven: int = Field(description="How many print jobs went back on the print queue")


class OpenLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: LinkToken = Field(
        description="The token of the e-mailed link", examples=["Zm9vYmFyYmF6cXV4cXV1eHF1dXhxdXV4cXV1eA"]
    )


Month = Annotated[
    str, StringConstraints(max_length=7, pattern=r"^[0-9]{4}-(0[1-9]|1[0-2])$"), Field(examples=["2026-11"])
]
MAX_STATISTICS_MONTHS = 24


class MonthFigures(BaseModel):
    """One customer's document traffic in one month (DOC-4), from the counters each document's steps keep."""

    customer_id: str
    month: str
    outgoing: int = 0
    incoming: int = 0
    stopped: int = 0
    opened: int = 0
    channels: dict[Channel, int] = Field(default_factory=dict, description="Documents delivered or sent, by channel")


class StatisticsCustomer(BaseModel):
    customer_id: str
    name: str


class DocumentStatistics(BaseModel):
    """A customer's document traffic per month, with its subsidiaries' (ORG-1) where the reader sees them."""

    customers: list[StatisticsCustomer]
    months: list[str]
    figures: list[MonthFigures] = Field(description="One per customer and month with any traffic")


CopyChannel = Literal["post", "email", "bank"]


class CopyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: CopyChannel = Field(description="As the recipient sees it on paper, in an e-mail, or in the online bank")


class ViewingCopy(BaseModel):
    """One document's look on one channel, for one version of its file and of its sender's layout: asking again for
    the same is the same PDF, made once (DOC-3)."""

    copy_id: str
    customer_id: str
    document_id: str
    channel: CopyChannel
    file_number: int
    status: CopyStatus = CopyStatus.QUEUED
    size: int | None = None
    error: str | None = None
    requested_at: datetime
    finished_at: datetime | None = None
    version: int = 1

    @property
    def object_key(self) -> str:
        return f"customers/{self.customer_id}/documents/{self.document_id}/copies/{self.copy_id}.pdf"


class ViewingCopyView(ViewingCopy):
    download_url: str | None = Field(default=None, description="Once ready: a presigned link, valid for minutes")
    download_expires_at: datetime | None = None


class LogoUpload(BaseModel):
    model_config = ConfigDict(extra="forbid")

    content_base64: Annotated[
        str,
        StringConstraints(min_length=4, max_length=(MAX_LOGO_BYTES * 4) // 3 + 4),
        AfterValidator(_base64),
        Field(description="A PNG or JPEG, base64-encoded; at most 200 kB", examples=["iVBORw0KGgo="]),
    ]

    def content(self) -> bytes:
        return base64.b64decode(self.content_base64)


class TradingPartnerPage(BaseModel):
    items: list[TradingPartner]
    next_cursor: str | None = None


__all__ = [
    "BrokenRule",
    "Channel",
    "CopyRequest",
    "CopyStatus",
    "CorrectionCheck",
    "Counterpart",
    "Direction",
    "Document",
    "DocumentFilters",
    "DocumentRow",
    "DocumentRowPage",
    "DocumentSettings",
    "DocumentSettingsInput",
    "DocumentStatistics",
    "DocumentStatus",
    "DocumentUpload",
    "DocumentView",
    "EntityId",
    "FileLink",
    "FileVersion",
    "FilterScope",
    "MonthFigures",
    "OpenLink",
    "OpenedDocument",
    "PartnerStatus",
    "PrintJob",
    "PrintJobPage",
    "Redriven",
    "Rejection",
    "RejectionInput",
    "Step",
    "StepKind",
    "TradingPartner",
    "TradingPartnerPage",
    "ViewingCopy",
    "ViewingCopyView",
]
