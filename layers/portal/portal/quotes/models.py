"""Quotes (seed 003, CASE-7): what the vendor offers a customer, line by line with prices, valid until a day; the
customer's users accept or decline it before then, and the account managers hear of it."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from portal.cases.models import Quantity, VatRate
from portal.fields import Version
from portal.money import Currency

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True)


class QuoteLineInput(_Model):
    model_config = ConfigDict(extra="forbid")

    description: Text = Field(examples=["Service av kjøleanlegg"])
    quantity: Quantity
    unit_price_minor: int = Field(ge=0, le=100_000_000_00, description="In minor units (øre, öre, cent)")
    vat_rate: VatRate


class QuoteInput(_Model):
    model_config = ConfigDict(extra="forbid")

    title: Text = Field(examples=["Utskifting av kompressor"])
    description: Annotated[str, StringConstraints(strip_whitespace=True, max_length=4000)] | None = None
    currency: Currency
    lines: list[QuoteLineInput] = Field(min_length=1, max_length=100)
    valid_until: date = Field(description="The last day the customer may accept it")
    case_id: Annotated[str, StringConstraints(min_length=1, max_length=26)] | None = Field(
        default=None, description="The customer's case it answers, if any"
    )


class QuoteStatus(StrEnum):
    OPEN = "open"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    EXPIRED = "expired"  # open past its last day: shown so, never stored


class QuoteLine(_Model):
    description: str
    quantity: Decimal
    unit_price_minor: int
    vat_rate: Decimal
    amount_minor: int
    vat_minor: int


class Quote(_Model):
    quote_id: str
    customer_id: str
    number: int
    title: str
    description: str | None = None
    currency: Currency
    lines: list[QuoteLine]
    amount_minor: int = Field(description="Excluding VAT")
    vat_minor: int
    total_minor: int
    valid_until: date
    case_id: str | None = None
    case_number: int | None = None
    status: QuoteStatus
    created_at: datetime
    created_by_name: str
    decided_at: datetime | None = None
    decided_by_name: str | None = None
    reason: str | None = None
    version: int


class QuoteDecision(_Model):
    model_config = ConfigDict(extra="forbid")

    version: Version
    accept: bool
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = Field(
        default=None, description="Why it is declined", examples=["For dyrt; vi venter til neste år"]
    )

    @model_validator(mode="after")
    def _nothing_to_explain_on_accept(self) -> QuoteDecision:
        if self.accept and self.reason:
            raise ValueError("A reason is given when declining only")
        return self


class QuotePage(_Model):
    items: list[Quote]
    next_cursor: str | None = None
