"""Support tickets (DOC-8): what a customer's user opens, the messages both sides write, and the status staff keep."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.fields import Name, Version

TicketText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=5000)]
MAX_MESSAGES = 200  # a conversation longer than this is a new ticket's


class TicketStatus(StrEnum):
    OPEN = "open"  # waiting for the vendor
    IN_PROGRESS = "in_progress"
    WAITING_FOR_CUSTOMER = "waiting_for_customer"
    CLOSED = "closed"


class TicketInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    subject: Name = Field(examples=["Kortterminalen svarer ikke"])
    description: TicketText = Field(examples=["Terminalen i butikk 2 har vært nede siden i morges."])


class TicketReplyInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    text: TicketText
    version: Version
    status: TicketStatus | None = Field(
        default=None, description="Staff: the status the reply leaves the ticket in (else waiting for the customer)"
    )


class TicketStatusInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    status: TicketStatus
    version: Version


class TicketMessage(BaseModel):
    message_id: str
    at: datetime
    by_name: str
    from_staff: bool
    text: str


class TicketSummary(BaseModel):
    ticket_id: str
    number: int
    customer_id: str
    customer_name: str
    subject: str
    status: TicketStatus
    created_by_name: str
    created_at: datetime
    updated_at: datetime
    messages: int = Field(default=0, description="How many replies it has")
    last_from_staff: bool = Field(default=False, description="Whether the latest word is the vendor's")


class Ticket(TicketSummary):
    description: str
    created_by: str
    version: int
    replies: list[TicketMessage] = Field(default_factory=list)
    may_change_status: bool = False


class TicketPage(BaseModel):
    items: list[TicketSummary]
    next_cursor: str | None = None
