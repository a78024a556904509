"""Invoice specifications (CASE-4): the article rows of a customer's closed work orders for a period, with totals,
published by the vendor's staff and reviewed once by the contacts linked to the customer: approved, or commented."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from portal.cases.models import ArticleType
from portal.fields import Version
from portal.money import Currency


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True)


class ClosedWork(_Model):
    """A closed work order of a customer with its rows as they were when it closed (rows are added to open work
    orders only, so these are final): what a specification is made of."""

    case_id: str
    case_number: int
    case_title: str
    object_name: str | None = None
    work_order_id: str
    work_order_number: str
    closed_on: date
    rows: list[SpecificationLine]
    specification_id: str | None = Field(default=None, description="The specification it is billed in, once")


class SpecificationLine(_Model):
    article_number: str | None = None
    article: str
    article_type: ArticleType
    action_code: str | None = None
    quantity: Decimal
    unit_price_minor: int
    currency: Currency
    vat_rate: Decimal
    amount_minor: int
    vat_minor: int


class SpecifiedWork(_Model):
    work_order_id: str
    case_number: int
    case_title: str
    object_name: str | None = None
    work_order_number: str
    closed_on: date
    lines: list[SpecificationLine]


class SpecificationTotal(_Model):
    currency: Currency
    amount_minor: int = Field(description="Excluding VAT")
    vat_minor: int
    total_minor: int = Field(description="Including VAT")


class SpecificationStatus(StrEnum):
    PUBLISHED = "published"  # waiting for the customer's review
    APPROVED = "approved"
    COMMENTED = "commented"


class SpecificationInput(_Model):
    model_config = ConfigDict(extra="forbid")

    period_from: date
    period_to: date
    title: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None = Field(
        default=None, examples=["Service november"]
    )

    @model_validator(mode="after")
    def _ordered(self) -> SpecificationInput:
        if self.period_from > self.period_to:
            raise ValueError("The period starts after it ends")
        return self


class SpecificationReview(_Model):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"version": 1, "approve": True}, {"version": 1, "approve": False, "comment": "Feil"}]
        },
    )

    version: Version
    approve: bool = Field(description="True approves it; false comments on it (a comment is then required)")
    comment: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = Field(
        default=None, examples=["Kjøringen 12.11 gjelder ikke oss"]
    )

    @model_validator(mode="after")
    def _comment_when_not_approving(self) -> SpecificationReview:
        if not self.approve and not self.comment:
            raise ValueError("Say what is wrong in a comment")
        return self


class InvoiceSpecification(_Model):
    specification_id: str
    customer_id: str
    customer_name: str
    title: str | None = None
    period_from: date
    period_to: date
    work: list[SpecifiedWork]
    totals: list[SpecificationTotal]
    status: SpecificationStatus
    published_at: datetime
    published_by_name: str
    reviewed_at: datetime | None = None
    reviewed_by: str | None = None
    reviewed_by_name: str | None = None
    comment: str | None = None
    version: int


class SpecificationSummary(_Model):
    specification_id: str
    title: str | None = None
    period_from: date
    period_to: date
    totals: list[SpecificationTotal]
    status: SpecificationStatus
    published_at: datetime
    reviewed_at: datetime | None = None
    reviewed_by_name: str | None = None


class SpecificationPage(_Model):
    items: list[SpecificationSummary]
    next_cursor: str | None = None


ClosedWork.model_rebuild()
