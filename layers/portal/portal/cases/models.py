"""Service cases (CASE-1..3): what a customer reports, the work orders the vendor's technicians do for it, and the
article rows (work and parts, with prices) registered on them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, WithJsonSchema, model_validator

from portal.fields import MAX_ID_LENGTH, Version
from portal.money import Currency

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]
CaseRef = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_ID_LENGTH)]


class CaseStatus(StrEnum):
    NEW = "new"
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    CLOSED = "closed"


class CaseType(StrEnum):
    FAULT = "fault"  # a fault report ("feilmelding"): the customer's usual case
    SERVICE = "service"
    INSTALLATION = "installation"
    INSPECTION = "inspection"
    OTHER = "other"


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True)


# -- vendor settings (seed 002: "the selection may differ depending on how the portal is configured") ---------------


class CaseFormField(StrEnum):
    """The optional fields of the new-case form (the title is always asked for)."""

    DESCRIPTION = "description"
    WORK_SITE_ADDRESS = "work_site_address"
    REFERENCE_NAME = "reference_name"
    TYPE = "type"


class CaseColumn(StrEnum):
    """The columns of the case search."""

    NUMBER = "number"
    TITLE = "title"
    STATUS = "status"
    TYPE = "type"
    CUSTOMER = "customer"
    OBJECT = "object"
    REFERENCE_NAME = "reference_name"
    CREATED_AT = "created_at"


class ArticleColumn(StrEnum):
    """The columns of a case's article rows shown to the customer's logins (staff see every column)."""

    ARTICLE = "article"
    ARTICLE_TYPE = "article_type"
    ACTION_CODE = "action_code"
    QUANTITY = "quantity"
    UNIT_PRICE = "unit_price"
    VAT = "vat"
    AMOUNT = "amount"


class CaseSettings(_Model):
    """How the vendor configured the portal's cases: mandatory links, the form, the columns."""

    customer_required: bool = Field(
        default=False, description="A login that may choose a customer must choose one on a new case"
    )
    object_required: bool = Field(default=False, description="A login that may choose an object must choose one")
    form_fields: list[CaseFormField] = Field(
        default_factory=lambda: [
            CaseFormField.DESCRIPTION,
            CaseFormField.WORK_SITE_ADDRESS,
            CaseFormField.REFERENCE_NAME,
        ],
        max_length=len(CaseFormField),
    )
    search_columns: list[CaseColumn] = Field(
        default_factory=lambda: [
            CaseColumn.NUMBER,
            CaseColumn.TITLE,
            CaseColumn.STATUS,
            CaseColumn.CUSTOMER,
            CaseColumn.OBJECT,
            CaseColumn.CREATED_AT,
        ],
        min_length=1,
        max_length=len(CaseColumn),
    )
    article_columns: list[ArticleColumn] = Field(
        default_factory=lambda: list(ArticleColumn), min_length=1, max_length=len(ArticleColumn)
    )

    @model_validator(mode="after")
    def _distinct(self) -> CaseSettings:
        for name in ("form_fields", "search_columns", "article_columns"):
            chosen = getattr(self, name)
            if len(set(chosen)) != len(chosen):
                raise ValueError(f"{name} names a column twice")
        return self


class CaseSettingsInput(CaseSettings):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=0, le=2_147_483_647, description="The version read (0 before they were first saved)")


class StoredCaseSettings(CaseSettings):
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str | None = None


# -- cases -----------------------------------------------------------------------------------------------------------


class CaseInput(_Model):
    model_config = ConfigDict(extra="forbid")

    title: Title = Field(examples=["Kaffemaskinen lekker"])
    description: LongText | None = Field(default=None, examples=["Vann på gulvet under maskinen i 2. etasje"])
    work_site_address: ShortText | None = Field(default=None, examples=["Storgata 1, 0155 Oslo"])
    reference_name: ShortText | None = Field(default=None, description="Who to ask on site", examples=["Kari"])
    type: CaseType | None = Field(default=None, description="Fault report unless the form asks")
    customer_id: CaseRef | None = Field(default=None, description="As the login may choose (AUTH-4)")
    object_id: CaseRef | None = Field(default=None, description="As the login may choose (AUTH-4)")


class CaseChange(_Model):
    """What staff change on a case: its status and its type."""

    model_config = ConfigDict(extra="forbid")

    version: Version
    status: CaseStatus | None = None
    type: CaseType | None = None


class CaseTimelineEntry(_Model):
    at: datetime
    by_name: str
    action: str = Field(
        description="created, assigned, status_changed, type_changed, work_order_added, work_order_closed, "
        "article_row_added, file_added, file_deleted"
    )
    status: CaseStatus | None = None
    type: CaseType | None = None
    detail: str | None = Field(default=None, description="The work order's number, the assignee, ...")


class CaseLinks(_Model):
    """Who and what a case is on: the names are copied so a list needs no further reads."""

    customer_id: str | None = None
    customer_name: str | None = None
    object_id: str | None = None
    object_name: str | None = None
    contact_id: str | None = Field(default=None, description="The primary contact: the contact of the login")
    contact_name: str | None = None


class Case(CaseLinks):
    case_id: str
    number: int
    title: str
    description: str | None = None
    work_site_address: str | None = None
    reference_name: str | None = None
    type: CaseType
    status: CaseStatus
    assignees: list[str] = Field(default_factory=list, description="Staff usernames (ORG-4)")
    created_at: datetime
    created_by: str
    created_by_name: str
    updated_at: datetime
    closed_at: datetime | None = None
    timeline: list[CaseTimelineEntry] = Field(default_factory=list)
    version: int
    # Whether the dashboard counters hold the case (CASE-6): a case filed before they existed is counted in full at
    # its next change. Stored with the case, never shown.
    counted: bool = Field(default=False, exclude=True)


class CaseSummary(CaseLinks):
    """A case as the search lists it."""

    case_id: str
    number: int
    title: str
    type: CaseType
    status: CaseStatus
    reference_name: str | None = None
    created_at: datetime


class CasePage(_Model):
    items: list[CaseSummary]
    columns: list[CaseColumn]
    next_cursor: str | None = None


class CaseQuery(_Model):
    q: str | None = None
    status: CaseStatus | None = None
    type: CaseType | None = None
    customer_id: str | None = None
    object_id: str | None = None
    date_from: date | None = None
    date_to: date | None = None


# -- work orders and article rows (CASE-3) ---------------------------------------------------------------------------


class WorkOrderType(StrEnum):
    REPAIR = "repair"
    MAINTENANCE = "maintenance"
    INSTALLATION = "installation"
    INSPECTION = "inspection"


class WorkOrderStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class WorkOrderInput(_Model):
    model_config = ConfigDict(extra="forbid")

    version: Version = Field(description="The case's version you read")
    type: WorkOrderType
    description: LongText = Field(min_length=1, examples=["Bytte pakning på vanninntaket"])
    technician: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)] | None = Field(
        default=None, description="The staff username who does the work", examples=["tekniker"]
    )
    planned_on: date | None = None


class WorkOrderClosing(_Model):
    model_config = ConfigDict(extra="forbid")

    version: Version
    findings: LongText | None = Field(default=None, examples=["Pakningen var sprukket; byttet, tett etter test"])


class ArticleType(StrEnum):
    WORK = "work"
    PART = "part"
    TRAVEL = "travel"
    OTHER = "other"


class VatRate(StrEnum):
    """The Nordic VAT rates, per cent (Norway 25/15/12/0, Sweden 25/12/6/0)."""

    ZERO = "0"
    SIX = "6"
    TWELVE = "12"
    FIFTEEN = "15"
    TWENTY_FIVE = "25"


# Exact, never a float: given as a decimal string ("1.5"), at most two decimals.
Quantity = Annotated[
    Decimal,
    Field(gt=0, le=Decimal(100_000), max_digits=8, decimal_places=2),
    WithJsonSchema({"type": "string", "pattern": r"^[0-9]{1,6}(\.[0-9]{1,2})?$", "maxLength": 9, "examples": ["1.5"]}),
]


class ArticleRowInput(_Model):
    model_config = ConfigDict(extra="forbid")

    version: Version = Field(description="The work order's version you read")
    article_number: ShortText | None = Field(default=None, examples=["ARB-1"])
    article: Title = Field(description="What was done or used", examples=["Arbeid, tekniker"])
    article_type: ArticleType
    action_code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)] | None = Field(
        default=None, description="The vendor's code for what was done", examples=["R10"]
    )
    quantity: Quantity
    unit_price_minor: int = Field(ge=0, le=100_000_000_00, description="In minor units (øre, öre, cent)")
    currency: Currency
    vat_rate: VatRate = Field(description="Per cent")


class ArticleRow(_Model):
    """A row as stored and as staff see it. The amounts are exact: quantity × unit price, rounded half up to a whole
    minor unit, and VAT on that."""

    row_id: str
    work_order_id: str
    article_number: str | None = None
    article: str | None = None
    article_type: ArticleType | None = None
    action_code: str | None = None
    quantity: Decimal | None = None
    unit_price_minor: int | None = None
    currency: Currency
    vat_rate: Decimal | None = None
    amount_minor: int | None = Field(default=None, description="Excluding VAT")
    vat_minor: int | None = None
    registered_at: datetime
    registered_by_name: str


class WorkOrder(_Model):
    work_order_id: str
    case_id: str
    number: str = Field(description="The case's number and the work order's place on it, e.g. 1024-2")
    type: WorkOrderType
    description: str
    technician: str | None = None
    technician_name: str | None = None
    planned_on: date | None = None
    status: WorkOrderStatus
    findings: str | None = None
    created_at: datetime
    closed_at: datetime | None = None
    version: int


class WorkOrderView(WorkOrder):
    rows: list[ArticleRow] = Field(default_factory=list)


class CaseTotals(_Model):
    currency: Currency
    amount_minor: int
    vat_minor: int


class CaseView(_Model):
    """One case with its work orders and their article rows, as the login may see them."""

    case: Case
    work_orders: list[WorkOrderView]
    totals: list[CaseTotals] = Field(description="Per currency; empty when the login does not see the amounts")
    article_columns: list[ArticleColumn]
    may_handle: bool = Field(description="Whether the login moves the case on and registers its work (staff)")


class CaseChoices(_Model):
    """What the new-case form offers this login (AUTH-4) and how the vendor configured it."""

    customers: list[CaseLinks] = Field(description="The customers the login may choose (customer_id, name)")
    objects: list[CaseLinks] = Field(description="The objects the login may choose (with their customer)")
    customer_may_be_omitted: bool
    object_may_be_omitted: bool
    primary_contact: str | None = Field(default=None, description="The contact the case gets, if any")
    form_fields: list[CaseFormField]


def shown_row(row: ArticleRow, columns: list[ArticleColumn]) -> ArticleRow:
    """The row as a customer's login sees it: only the columns the vendor chose (staff see every one)."""
    hidden: dict[str, object] = {}
    if ArticleColumn.ARTICLE not in columns:
        hidden.update(article=None, article_number=None)
    if ArticleColumn.ARTICLE_TYPE not in columns:
        hidden["article_type"] = None
    if ArticleColumn.ACTION_CODE not in columns:
        hidden["action_code"] = None
    if ArticleColumn.QUANTITY not in columns:
        hidden["quantity"] = None
    if ArticleColumn.UNIT_PRICE not in columns:
        hidden["unit_price_minor"] = None
    if ArticleColumn.VAT not in columns:
        hidden.update(vat_rate=None, vat_minor=None)
    if ArticleColumn.AMOUNT not in columns:
        hidden["amount_minor"] = None
    return row.model_copy(update=hidden)
