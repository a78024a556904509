"""A booking slot: where and when the vendor receives the customer's employees for what a service order bought,
and how many it takes."""

from __future__ import annotations

from datetime import datetime, timedelta

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, computed_field, field_validator

from portal.fields import Name

MAX_SLOTS_PER_ORDER = 200
LAST_YEAR = 2100  # far enough for any booking; keeps the end of a slot a representable time


class SlotInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    place: Name = Field(description="Where the employees come, e.g. the clinic's address")
    starts_at: AwareDatetime = Field(description="With its offset", examples=["2030-01-07T09:00:00+01:00"])
    duration_minutes: int = Field(ge=5, le=12 * 60)
    capacity: int = Field(ge=1, le=500, description="How many employees the slot takes")

    @field_validator("starts_at")
    @classmethod
    def _within_reach(cls, value: datetime) -> datetime:
        if value.year > LAST_YEAR:
            raise ValueError(f"A slot starts by {LAST_YEAR}")
        return value


class Slot(BaseModel):
    slot_id: str
    customer_id: str
    order_id: str
    place: str
    starts_at: datetime
    duration_minutes: int
    capacity: int
    booked: int = Field(default=0, description="Employees booked into it so far")
    created_at: datetime
    created_by_name: str
    version: int = 1

    @computed_field  # type: ignore[prop-decorator]
    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class SlotList(BaseModel):
    items: list[Slot]
    may_add: bool = Field(description="Whether the reader may add slots to the order (the vendor's staff)")
