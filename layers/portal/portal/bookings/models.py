"""A booking slot: where and when the vendor receives the customer's employees for what a service order bought,
and how many it takes."""

from __future__ import annotations

from datetime import datetime, timedelta
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationInfo,
    computed_field,
    field_validator,
)

from portal.fields import EntityId, LinkToken, Name, Version
from portal.languages import Language
from portal.sealing import SealedValue

MAX_SLOTS_PER_ORDER = 200
MAX_CAPACITY = 40
LAST_YEAR = 2100  # far enough for any booking; keeps the end of a slot a representable time


class SlotInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    place: Name = Field(description="Where the employees come, e.g. the clinic's address")
    starts_at: AwareDatetime = Field(description="With its offset", examples=["2030-01-07T09:00:00+01:00"])
    duration_minutes: int = Field(ge=5, le=12 * 60)
    # A moved or cancelled slot tells every employee booked into it in the transaction that moves it.
    capacity: int = Field(
        ge=1, le=MAX_CAPACITY, description=f"How many employees the slot takes (at most {MAX_CAPACITY})"
    )
    cancel_until_hours: int = Field(
        default=24, ge=0, le=24 * 30, description="Bookings may be removed until this many hours before the start"
    )
    self_declaration: bool = Field(
        default=False,
        description="Whether what the order bought asks for a self-declaration (e.g. a health check): each employee "
        "booked gets a link to the form with the invitation",
    )

    @field_validator("starts_at")
    @classmethod
    def _within_reach(cls, value: datetime) -> datetime:
        return _within_reach(value)


class Slot(BaseModel):
    slot_id: str
    customer_id: str
    order_id: str
    place: str
    starts_at: datetime
    duration_minutes: int
    capacity: int
    cancel_until_hours: int = 24
    self_declaration: bool = False
    booked: int = Field(default=0, description="Employees booked into it so far")
    created_at: datetime
    created_by_name: str
    version: int = 1

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @computed_field  # type: ignore[prop-decorator]
    @property
    def cancel_until(self) -> datetime:
        return self.starts_at - timedelta(hours=self.cancel_until_hours)


class SlotChange(BaseModel):
    """Staff move a slot (place, time, length); everyone booked into it gets the invitation again, updated."""

    model_config = ConfigDict(extra="forbid")

    version: Version
    place: Name | None = None
    starts_at: AwareDatetime | None = None
    duration_minutes: int | None = Field(default=None, ge=5, le=12 * 60)

    @field_validator("starts_at")
    @classmethod
    def _within_reach(cls, value: datetime | None) -> datetime | None:
        return _within_reach(value) if value is not None else None


class BookingInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    employee_id: EntityId


class Booking(BaseModel):
    """An employee booked into a slot: one per employee and slot. `slot_version` is the slot's version when booked,
    so each later invitation for it carries a higher SEQUENCE."""

    booking_id: str
    customer_id: str
    order_id: str
    slot_id: str
    employee_id: str
    employee_name: str
    email: str
    language: Language
    slot_version: int
    booked_at: datetime
    booked_by_name: str
    # Whether, not what: the answers are for the vendor's health personnel alone.
    declaration_submitted_at: datetime | None = Field(
        default=None, description="When the employee sent the self-declaration the slot asks for"
    )
    declaration_kept_until: datetime | None = Field(
        default=None,
        description="When the answers are deleted: the retention period after the appointment (or after they came)",
    )

    @property
    def uid(self) -> str:
        return f"{self.booking_id}@kundeportal"


class BookingList(BaseModel):
    items: list[Booking]
    may_book: bool = Field(description="Whether the login books the customer's employees (employee administrator)")
    may_read_declarations: bool = Field(
        default=False, description="Whether the login reads the employees' self-declarations (the health personnel)"
    )


class SlotList(BaseModel):
    items: list[Slot]
    may_add: bool = Field(description="Whether the reader may add slots to the order (the vendor's staff)")


# -- the self-declaration (EMP-2) -------------------------------------------------------------------------------------

Detail = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None


class GeneralHealth(StrEnum):
    GOOD = "good"
    FAIR = "fair"
    POOR = "poor"


class SelfDeclarationAnswers(BaseModel):
    """The short health questionnaire an employee fills in before the appointment: special-category personal data,
    sealed at rest and read by the vendor's health personnel only. A 'yes' asks for a few words on it. A refusal
    never repeats what was given (pydantic would quote it, and a refusal may be logged)."""

    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)

    general_health: GeneralHealth
    takes_medication: bool
    medication: Detail = Field(default=None, validate_default=True, description="Which, when taking any")
    chronic_illness: bool
    chronic_illness_details: Detail = Field(default=None, validate_default=True, description="Which, when any")
    hearing_problems: bool
    breathing_problems: bool
    skin_problems: bool
    musculoskeletal_problems: bool = Field(description="Pain or problems in muscles, joints, back, neck or shoulders")
    remarks: Detail = Field(default=None, description="Anything else the health personnel should know")
    confirmed: Literal[True] = Field(
        description="The employee confirms the answers are true and that the vendor's health personnel may read them"
    )

    @field_validator("medication")
    @classmethod
    def _medication_named(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _detail_given(value, info.data.get("takes_medication"), "Name the medication")

    @field_validator("chronic_illness_details")
    @classmethod
    def _illness_named(cls, value: str | None, info: ValidationInfo) -> str | None:
        return _detail_given(value, info.data.get("chronic_illness"), "Name the illness")


class SelfDeclarationLink(BaseModel):
    model_config = ConfigDict(extra="forbid")

    token: LinkToken = Field(description="The token of the link in the invitation")


class SelfDeclarationSubmission(SelfDeclarationLink):
    answers: SelfDeclarationAnswers


class SelfDeclarationForm(BaseModel):
    """What the link's holder sees above the form: the appointment, and whether answers were sent (never which)."""

    employee_name: str
    what: str
    place: str
    starts_at: datetime
    ends_at: datetime
    language: Language
    submitted_at: datetime | None = None
    open: bool = Field(description="Whether answers are still taken (until the appointment starts)")


class SelfDeclarationReceipt(BaseModel):
    submitted_at: datetime


class SelfDeclaration(BaseModel):
    """An employee's answers as the health personnel read them."""

    employee_id: str
    employee_name: str
    submitted_at: datetime
    answers: SelfDeclarationAnswers


class StoredDeclaration(BaseModel):
    """The answers as kept: sealed with the personal-data key for this booking, and gone after `expires_at`."""

    booking_id: str
    employee_id: str
    submitted_at: datetime
    sealed: SealedValue
    expires_at: int = Field(description="Epoch seconds: DynamoDB's TTL deletes the answers after the retention period")


def _detail_given(value: str | None, asked: object, message: str) -> str | None:
    if asked is True and not value:
        raise ValueError(message)
    return (value or None) if asked is True else None


def _within_reach(value: datetime) -> datetime:
    if value.year > LAST_YEAR:
        raise ValueError(f"A slot starts by {LAST_YEAR}")
    return value
