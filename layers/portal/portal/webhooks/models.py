"""Webhooks (DOC-3, beyond the seeds): a customer's own system is told at an HTTPS address when its documents are
stopped, delivered, opened or posted; every delivery is signed with the webhook's secret and kept with its outcome."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints


class WebhookEvent(StrEnum):
    """The document steps a webhook may be told of (a document's status on reaching them)."""

    STOPPED = "stopped"
    DELIVERED = "delivered"
    OPENED = "opened"
    POSTED = "posted"


class DeliveryOutcome(StrEnum):
    PENDING = "pending"  # queued, or waiting for its next try
    DELIVERED = "delivered"  # the address answered 2xx
    FAILED = "failed"  # every try failed; it waits in the dead-letter queue
    CANCELLED = "cancelled"  # the webhook was deleted before the delivery went


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True)


class WebhookInput(_Model):
    url: Annotated[str, StringConstraints(strip_whitespace=True, min_length=8, max_length=500)] = Field(
        description="An https:// address on the public internet", examples=["https://erp.example.no/hooks/kundeportal"]
    )
    events: list[WebhookEvent] = Field(min_length=1, max_length=4, examples=[["stopped", "delivered"]])


class Webhook(_Model):
    webhook_id: str
    url: str
    events: list[WebhookEvent]
    secret_hint: str = Field(description="The secret's last characters, to recognise it by")
    created_at: datetime
    created_by: str


class CreatedWebhook(_Model):
    webhook: Webhook
    secret: str = Field(
        description="Signs every delivery (HMAC-SHA256). Shown this once; keep it in the receiving system"
    )


class WebhookList(_Model):
    items: list[Webhook]


class WebhookDelivery(_Model):
    """One event told, or to be told, to one webhook, with what happened on each try."""

    delivery_id: str
    webhook_id: str
    customer_id: str
    event: WebhookEvent
    document_id: str
    number: str
    outcome: DeliveryOutcome = DeliveryOutcome.PENDING
    attempts: int = 0
    last_status_code: int | None = Field(default=None, description="The address's HTTP status on the last try")
    last_error: str | None = None
    created_at: datetime
    delivered_at: datetime | None = None
    payload: dict[str, Any] = Field(default_factory=dict, exclude=True)


class WebhookDeliveryPage(_Model):
    items: list[WebhookDelivery]
    next_cursor: str | None = None
