"""The outbox in the single table. Other areas add outbox items to their own transactions with `enqueue`."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Protocol

from portal.clock import is_id, iso, new_id, parse_iso
from portal.notifications.email import EmailMessage
from portal.notifications.events import DomainEvent
from portal.notifications.jobs import Job, WorkflowStart
from portal.notifications.models import Delivery, DeliveryStatus, OutboxChannel
from portal.store import Item, Table, Transaction, key

OUTBOX = "OUTBOX"
FAILED_DELIVERIES = key(OUTBOX, DeliveryStatus.FAILED.value)
# A delivered e-mail's record is kept a while for support questions, then DynamoDB's TTL removes it.
KEEP_DELIVERED = timedelta(days=30)


SideEffect = EmailMessage | DomainEvent | Job | WorkflowStart


def outbox_item(message: SideEffect, *, at: datetime, delivery_id: str | None = None) -> Item:
    delivery_id = delivery_id or new_id()
    channel = {DomainEvent: OutboxChannel.EVENT, Job: OutboxChannel.JOB, WorkflowStart: OutboxChannel.WORKFLOW}.get(
        type(message), OutboxChannel.EMAIL
    )
    return {
        "PK": key(OUTBOX, delivery_id),
        "SK": OUTBOX,
        "type": "outbox",
        "delivery_id": delivery_id,
        "channel": channel.value,
        channel.value: message.model_dump(mode="json"),
        "status": DeliveryStatus.PENDING.value,
        "attempts": 0,
        "created_at": iso(at),
    }


def enqueue(transaction: Transaction, messages: Sequence[SideEffect], *, at: datetime) -> None:
    """Adds the e-mails and events to a change's transaction: they go out if, and only if, the change commits."""
    for message in messages:
        transaction.put(outbox_item(message, at=at), condition="attribute_not_exists(PK)")


class OutboxRepository(Protocol):
    def get(self, delivery_id: str) -> Delivery | None: ...
    def mark_delivered(self, delivery: Delivery, *, at: datetime) -> None: ...
    def record_failure(self, delivery_id: str, *, error: str, at: datetime) -> None: ...
    def list_failed(self, *, limit: int, cursor: str | None, viewer: str) -> tuple[list[Delivery], str | None]: ...
    def retry(self, delivery: Delivery, *, at: datetime) -> str: ...


class DynamoOutboxRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, delivery_id: str) -> Delivery | None:
        if not is_id(delivery_id):
            return None
        item = self.table.get(key(OUTBOX, delivery_id), OUTBOX, consistent=True)
        return _from_item(item) if item else None

    def mark_delivered(self, delivery: Delivery, *, at: datetime) -> None:
        # An e-mail's body goes once sent: it may hold security codes or a one-time link, which must not linger.
        erase = ", #email.#body = :gone" if delivery.channel is OutboxChannel.EMAIL else ""
        self.table.update(
            key(OUTBOX, delivery.delivery_id),
            OUTBOX,
            expression=f"SET #status = :delivered, delivered_at = :at, expires_at = :expires{erase} "
            "ADD attempts :one REMOVE GSI1PK, GSI1SK",
            names={"#status": "status", **({"#email": "email", "#body": "body"} if erase else {})},
            values={
                ":delivered": DeliveryStatus.DELIVERED.value,
                ":at": iso(at),
                ":expires": int((at + KEEP_DELIVERED).timestamp()),
                ":one": 1,
                **({":gone": ""} if erase else {}),
            },
            condition="attribute_exists(PK)",
        )

    def record_failure(self, delivery_id: str, *, error: str, at: datetime) -> None:
        self.table.update(
            key(OUTBOX, delivery_id),
            OUTBOX,
            expression="SET #status = :failed, last_error = :error, failed_at = :at, GSI1PK = :list, GSI1SK = :at "
            "ADD attempts :one",
            names={"#status": "status"},
            values={
                ":failed": DeliveryStatus.FAILED.value,
                ":error": error[:500],
                ":at": iso(at),
                ":list": FAILED_DELIVERIES,
                ":one": 1,
                ":delivered": DeliveryStatus.DELIVERED.value,
            },
            condition="attribute_exists(PK) AND #status <> :delivered",
        )

    def list_failed(self, *, limit: int, cursor: str | None, viewer: str) -> tuple[list[Delivery], str | None]:
        page = self.table.query(
            pk=FAILED_DELIVERIES, index="GSI1", ascending=False, limit=limit, cursor=cursor, principal=viewer
        )
        return [_from_item(item) for item in page.items], page.cursor

    def retry(self, delivery: Delivery, *, at: datetime) -> str:
        """A new outbox item with the same message (its insert is what the stream delivers), and the failed one
        marked as retried, in one transaction: a failure is retried once, however often staff click."""
        transaction = Transaction()
        transaction.update(
            key(OUTBOX, delivery.delivery_id),
            OUTBOX,
            expression="SET #status = :retried, retried_at = :at REMOVE GSI1PK, GSI1SK",
            names={"#status": "status"},
            values={":retried": DeliveryStatus.RETRIED.value, ":failed": DeliveryStatus.FAILED.value, ":at": iso(at)},
            condition="#status = :failed",
        )
        message = delivery.event or delivery.job or delivery.workflow or delivery.email
        assert message is not None
        retry = outbox_item(message, at=at)
        transaction.put(retry, condition="attribute_not_exists(PK)")
        self.table.transact(transaction, conflict_message="This delivery is no longer waiting for a retry")
        return str(retry["delivery_id"])


def _from_item(item: Item) -> Delivery:
    channel = OutboxChannel(item.get("channel", OutboxChannel.EMAIL.value))
    return Delivery(
        delivery_id=item["delivery_id"],
        channel=channel,
        email=EmailMessage.model_validate(item["email"]) if channel is OutboxChannel.EMAIL else None,
        event=DomainEvent.model_validate(item["event"]) if channel is OutboxChannel.EVENT else None,
        job=Job.model_validate(item["job"]) if channel is OutboxChannel.JOB else None,
        workflow=WorkflowStart.model_validate(item["workflow"]) if channel is OutboxChannel.WORKFLOW else None,
        status=DeliveryStatus(item["status"]),
        attempts=int(item.get("attempts", 0)),
        last_error=item.get("last_error"),
        created_at=parse_iso(item["created_at"]),
        delivered_at=parse_iso(item["delivered_at"]) if item.get("delivered_at") else None,
    )
