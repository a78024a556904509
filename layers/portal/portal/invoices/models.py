"""Invoices (INV-1, seed 004 "Fakturaer"): number, invoice date, due date, payer, total, outstanding, status; what the
vendor's billing registers, and the payments and credit notes staff register against them."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from portal.fields import Name
from portal.money import Currency

MAX_INVOICES_PAGE = 100
MAX_AMOUNT_MINOR = 10**15  # far above any invoice; keeps every sum an exact integer in DynamoDB
InvoiceNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[0-9A-Za-z][0-9A-Za-z\-/]*$")
]
AmountMinor = Annotated[int, Field(gt=0, le=MAX_AMOUNT_MINOR, description="In minor units (øre, öre, cent)")]


class InvoiceStatus(StrEnum):
    UNPAID = "unpaid"
    OVERDUE = "overdue"  # set by the daily schedule once the due date has passed
    PAID = "paid"
    CREDITED = "credited"


class InvoiceInput(BaseModel):
    """An invoice as the vendor's billing system hands it over."""

    model_config = ConfigDict(extra="forbid")

    number: InvoiceNumber = Field(examples=["2018-118376"])
    invoice_date: date
    due_date: date
    payer: Name | None = Field(default=None, description="Who pays it; by default the customer")
    total_minor: AmountMinor
    currency: Currency

    @model_validator(mode="after")
    def _due_after_issue(self) -> InvoiceInput:
        if self.due_date < self.invoice_date:
            raise ValueError("An invoice falls due on or after its invoice date")
        return self


class PaymentInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The invoice's version you read")
    amount_minor: AmountMinor
    paid_on: date
    reference: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None


class CreditNoteInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=1, description="The invoice's version you read")
    number: InvoiceNumber
    amount_minor: AmountMinor
    issued_on: date


class Invoice(BaseModel):
    invoice_id: str
    customer_id: str
    number: str
    invoice_date: date
    due_date: date
    payer: str
    currency: Currency
    total_minor: int
    paid_minor: int = 0
    credited_minor: int = 0
    outstanding_minor: int
    status: InvoiceStatus
    version: int
    created_at: datetime
    updated_at: datetime


class InvoiceEntry(BaseModel):
    """A payment or a credit note registered on an invoice."""

    entry_id: str
    kind: str = Field(description="payment or credit_note")
    amount_minor: int
    on: date
    reference: str | None = None
    registered_at: datetime
    registered_by_name: str


class InvoiceView(Invoice):
    entries: list[InvoiceEntry] = Field(default_factory=list)
    may_register: bool = Field(description="Whether the login registers payments and credit notes (staff)")


class InvoicePage(BaseModel):
    items: list[Invoice]
    next_cursor: str | None = None


class InvoiceQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: InvoiceNumber | None = None
    date_from: date | None = None
    date_to: date | None = None
    status: InvoiceStatus | None = None
    limit: int = Field(default=25, ge=1, le=MAX_INVOICES_PAGE)
    cursor: str | None = None
