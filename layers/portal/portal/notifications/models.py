"""The transactional outbox (NOT-1): side effects written with the change that causes them, delivered later."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from portal.notifications.email import EmailMessage
from portal.notifications.events import DomainEvent
from portal.notifications.jobs import Job, WorkflowStart


class DeliveryStatus(StrEnum):
    PENDING = "pending"
    DELIVERED = "delivered"
    FAILED = "failed"
    RETRIED = "retried"


class OutboxChannel(StrEnum):
    EMAIL = "email"
    EVENT = "event"
    JOB = "job"
    WORKFLOW = "workflow"


class Delivery(BaseModel):
    """One side effect waiting in, or delivered from, the outbox: an e-mail, or an event for the vendor's systems."""

    delivery_id: str
    channel: OutboxChannel = OutboxChannel.EMAIL
    email: EmailMessage | None = None
    event: DomainEvent | None = None
    job: Job | None = None
    workflow: WorkflowStart | None = None
    status: DeliveryStatus
    attempts: int = 0
    last_error: str | None = None
    created_at: datetime
    delivered_at: datetime | None = None


class DeliverySummary(BaseModel):
    """A delivery as staff see it: who and what, never the body (it may hold security codes or a link)."""

    delivery_id: str
    channel: OutboxChannel = OutboxChannel.EMAIL
    kind: str = Field(description="What was sent, e.g. SecurityCodesReport, or the event's type")
    to: list[str] = Field(description="The e-mail's recipients; for an event, the bus it is published on")
    subject: str
    status: DeliveryStatus
    attempts: int
    last_error: str | None = None
    created_at: datetime


class DeliveryPage(BaseModel):
    items: list[DeliverySummary]
    next_cursor: str | None = None


def summary_of(delivery: Delivery) -> DeliverySummary:
    if delivery.event is not None:
        kind, to, subject = delivery.event.detail_type, ["EventBridge"], delivery.event.detail_type
    elif delivery.job is not None:
        kind, to, subject = f"{delivery.job.queue} job", [f"SQS: {delivery.job.queue}"], f"{delivery.job.queue} job"
    elif delivery.workflow is not None:
        machine = delivery.workflow.state_machine
        kind, to, subject = f"{machine} workflow", [f"Step Functions: {machine}"], delivery.workflow.name
    else:
        assert delivery.email is not None
        kind, to, subject = delivery.email.kind, delivery.email.to, delivery.email.subject
    return DeliverySummary(
        delivery_id=delivery.delivery_id,
        channel=delivery.channel,
        kind=kind,
        to=to,
        subject=subject,
        status=delivery.status,
        attempts=delivery.attempts,
        last_error=delivery.last_error,
        created_at=delivery.created_at,
    )


class DeliveryRetried(BaseModel):
    delivery_id: str = Field(description="The new delivery that carries the message")
