"""A booking slot: where and when the vendor receives the customer's employees for what a service order bought,
and how many it takes."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, computed_field, field_validator

from portal.fields import EntityId, Name, Version
from portal.languages import Language

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

    @property
    def uid(self) -> str:
        return f"{self.booking_id}@kundeportal"


class BookingList(BaseModel):
    items: list[Booking]
    may_book: bool = Field(description="Whether the login books the customer's employees (employee administrator)")


class SlotList(BaseModel):
    items: list[Slot]
    may_add: bool = Field(description="Whether the reader may add slots to the order (the vendor's staff)")


def _within_reach(value: datetime) -> datetime:
    if value.year > LAST_YEAR:
        raise ValueError(f"A slot starts by {LAST_YEAR}")
    return value
