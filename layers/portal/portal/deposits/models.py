"""Deposit slips (DEP-1) and their counting (DEP-2): what a customer's deposit registrars declare is in a night-safe
bag, and what the vendor's cash centre counted in it."""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from portal.fields import EntityId, Version
from portal.money import Currency

MAX_PIECES = 10_000_000
MAX_LINES = 50
MAX_AMOUNT = 10**13  # minor units: far above anything a bag holds
BAG_NUMBER_DIGITS = 12
# What a user may type between the digits of the number printed on the bag (seed 000: "without dashes or spaces").
_BAG_SEPARATORS = re.compile(r"[\s\-]")


def _bag_number(value: str) -> str:
    digits = _BAG_SEPARATORS.sub("", value)
    if not (digits.isascii() and digits.isdigit() and len(digits) == BAG_NUMBER_DIGITS):
        raise PydanticCustomError(
            "invalid_bag_number",
            "A bag number is exactly {digits} digits, as printed on the bag",
            {"digits": BAG_NUMBER_DIGITS},
        )
    return digits


BagNumber = Annotated[
    str,
    StringConstraints(max_length=40),
    AfterValidator(_bag_number),
    Field(description="12 digits; spaces and dashes typed between them are left out", examples=["123456789012"]),
]
Amount = Annotated[int, Field(ge=1, le=MAX_AMOUNT, description="Minor units (øre, öre, cent)")]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
ForeignCurrency = Annotated[
    str,
    StringConstraints(strip_whitespace=True, to_upper=True, max_length=3, pattern=r"^[A-Za-z]{3}$"),
    Field(examples=["EUR"]),
]


class DepositStatus(StrEnum):
    REGISTERED = "registered"  # declared by the customer, waiting to be counted
    COUNTED = "counted"  # counted by the cash centre; the counting receipt is ready
    REVERSED = "reversed"  # withdrawn by a reversal; a new slip carries the bag number


class CountInput(BaseModel):
    """One note or coin: how many, or their amount (which must be a whole number of them)."""

    model_config = ConfigDict(extra="forbid")

    denomination: Annotated[str, StringConstraints(max_length=20)] = Field(examples=["note-500"])
    pieces: int | None = Field(default=None, ge=0, le=MAX_PIECES)
    amount: int | None = Field(default=None, ge=0, le=MAX_AMOUNT, description="Minor units")


class ChequeInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reference: ShortText | None = Field(default=None, description="The cheque's number or its drawer")
    amount: Amount


class FallbackInput(BaseModel):
    """A fallback solution put in the bag: e.g. the slips of a card terminal run offline."""

    model_config = ConfigDict(extra="forbid")

    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    amount: Amount


class ForeignInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    currency: ForeignCurrency
    amount: Amount


class DepositInput(BaseModel):
    """A deposit slip as the registrar fills it in (seed 000, "Bilag")."""

    model_config = ConfigDict(extra="forbid")

    deposit_date: date
    bag_number: BagNumber
    department_id: EntityId | None = None
    responsibility_number: ShortText | None = None
    signature: ShortText | None = None
    lines: list[CountInput] = Field(default_factory=list, max_length=MAX_LINES)
    cheques: list[ChequeInput] = Field(default_factory=list, max_length=MAX_LINES)
    fallbacks: list[FallbackInput] = Field(default_factory=list, max_length=MAX_LINES)
    foreign: list[ForeignInput] = Field(
        default_factory=list, max_length=MAX_LINES, description="Listed on the slip, not added to its total"
    )


class DepositLine(BaseModel):
    denomination: str
    pieces: int
    amount: int


class Cheque(BaseModel):
    reference: str | None = None
    amount: int


class Fallback(BaseModel):
    description: str
    amount: int


class ForeignAmount(BaseModel):
    currency: str
    amount: int


class DepositSlip(BaseModel):
    """What is declared, with every amount computed: the review before saving shows exactly this."""

    customer_id: str
    currency: Currency
    deposit_date: date
    bag_number: str
    department_id: str | None = None
    department_name: str | None = None
    responsibility_number: str | None = None
    signature: str | None = None
    lines: list[DepositLine]
    cheques: list[Cheque]
    fallbacks: list[Fallback]
    foreign: list[ForeignAmount]
    notes_and_coins: int = Field(description="Minor units")
    total: int = Field(description="Notes, coins, cheques and fallbacks, in the slip's currency; foreign left out")


class CountingInput(BaseModel):
    """What the cash centre counted in the bag."""

    model_config = ConfigDict(extra="forbid")

    lines: list[CountInput] = Field(max_length=MAX_LINES)
    cheques: int = Field(default=0, ge=0, le=MAX_AMOUNT, description="Minor units")
    fallbacks: int = Field(default=0, ge=0, le=MAX_AMOUNT, description="Minor units")
    version: Version


class CountedLine(BaseModel):
    denomination: str
    declared: int = Field(description="Minor units")
    counted: int = Field(description="Minor units")
    difference: int = Field(description="Counted less declared, minor units")


class Counting(BaseModel):
    lines: list[CountedLine]
    cheques: int
    fallbacks: int
    total: int
    difference: int = Field(description="Counted less declared, minor units; negative when money is missing")
    counted_at: datetime
    counted_by_name: str


class Reversal(BaseModel):
    reason: str
    reversed_at: datetime
    reversed_by_name: str


class Deposit(DepositSlip):
    deposit_id: str
    status: DepositStatus = DepositStatus.REGISTERED
    registered_at: datetime
    registered_by: str
    registered_by_name: str
    counting: Counting | None = None
    reversal: Reversal | None = None
    version: int


class DepositPage(BaseModel):
    items: list[Deposit]
    next_cursor: str | None = None


class ReversalInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=500)]
    version: Version


class DepositRow(BaseModel):
    """A deposit as the history lists it (and a report writes it): one row per slip."""

    deposit_id: str
    customer_id: str
    bag_number: str
    deposit_date: date
    department_id: str | None = None
    department_name: str | None = None
    responsibility_number: str | None = None
    status: DepositStatus
    currency: Currency
    total: int = Field(description="Declared, minor units")
    counted: int | None = Field(default=None, description="Counted, minor units, once the bag is counted")
    difference: int | None = Field(default=None, description="Counted less declared, minor units")
    registered_at: datetime
    registered_by_name: str

    @classmethod
    def of(cls, deposit: Deposit) -> DepositRow:
        counting = deposit.counting
        return cls(
            **deposit.model_dump(include=set(cls.model_fields) - {"counted", "difference"}),
            counted=counting.total if counting else None,
            difference=counting.difference if counting else None,
        )


class DepositRowPage(BaseModel):
    items: list[DepositRow]
    next_cursor: str | None = None


class DepositFilters(BaseModel):
    """What a deposit history search (or its report) is narrowed by (seed 000, Innskuddshistorikk)."""

    model_config = ConfigDict(extra="forbid")

    date_from: date | None = Field(default=None, description="The first slip date; by default 30 days ago")
    date_to: date | None = Field(default=None, description="The last slip date; by default today")
    status: DepositStatus | None = None
    department_id: EntityId | None = None
    bag_number: BagNumber | None = Field(default=None, description="One bag's slips, whatever their date")
