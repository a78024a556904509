"""The transactional outbox (NOT-1): side effects written with the change that causes them, delivered later."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from portal.notifications.email import EmailMessage


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    RETRIED = "retried"


class Delivery(BaseModel):
    """One side effect waiting in, or delivered from, the outbox. Today every side effect is an e-mail."""

    delivery_id: str
    email: EmailMessage
    status: DeliveryStatus
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime
    delivered_at: datetime | None = None


class DeliverySummary(BaseModel):
    """A delivery as staff see it: who and what, never the body (it may hold security codes or a link)."""

    delivery_id: str
    kind: str = Field(description="What was sent, e.g. SecurityCodesReport")
    to: list[str]
    subject: str
    status: DeliveryStatus
    attempts: int
    last_error: str | None = None
    created_at: datetime


class DeliveryPage(BaseModel):
    items: list[DeliverySummary]
    next_cursor: str | None = None


def summary_of(delivery: Delivery) -> DeliverySummary:
    return DeliverySummary(
        delivery_id=delivery.delivery_id,
        kind=delivery.email.kind,
        to=delivery.email.to,
        subject=delivery.email.subject,
        status=delivery.status,
        attempts=delivery.attempts,
        last_error=delivery.last_error,
        created_at=delivery.created_at,
    )


class DeliveryRetried(BaseModel):
    delivery_id: str = Field(description="The new delivery that carries the message")
