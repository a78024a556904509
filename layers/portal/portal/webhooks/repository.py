"""Webhooks and their deliveries in DynamoDB.

- a customer's webhooks: `CUST#<id>`, `WEBHOOK#<webhook id>` (the URL, the events, the signing secret);
- a webhook's deliveries, newest first: `WEBHOOK#<webhook id>`, `DELIVERY#<ULID>`, each with the body it sends (so
  every try sends the same bytes) and the outcome of its last try. A delivery is written by `put_delivery` in the
  transaction of the document change it tells of, with the outbox job that sends it.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta
from typing import Any, Protocol

from portal.clock import is_id, iso, parse_iso
from portal.customers.repository import customer_pk
from portal.store import Item, Table, Transaction, audit_item, key
from portal.webhooks.models import DeliveryOutcome, WebhookDelivery, WebhookEvent


class StoredWebhook:
    """A webhook as kept: what the customer sees of it, and the secret it signs with."""

    def __init__(
        self,
        *,
        webhook_id: str,
        customer_id: str,
        url: str,
        events: list[WebhookEvent],
        secret: str,
        created_at: datetime,
        created_by: str,
    ) -> None:
        self.webhook_id = webhook_id
        self.customer_id = customer_id
        self.url = url
        self.events = events
        self.secret = secret
        self.created_at = created_at
        self.created_by = created_by


class WebhookRepository(Protocol):
    def webhooks_of(self, customer_id: str) -> list[StoredWebhook]: ...
    def webhook(self, customer_id: str, webhook_id: str) -> StoredWebhook | None: ...
    def add(self, webhook: StoredWebhook) -> None: ...
    def delete(self, webhook: StoredWebhook, *, actor: str, at: datetime) -> None: ...
    def delivery(self, webhook_id: str, delivery_id: str) -> WebhookDelivery | None: ...
    def deliveries(
        self, webhook_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[WebhookDelivery], str | None]: ...
    def record_try(
        self,
        delivery: WebhookDelivery,
        outcome: DeliveryOutcome,
        *,
        status_code: int | None,
        error: str | None,
        at: datetime,
    ) -> None: ...


# How long a webhook's deliveries stay listed.
KEEP_DELIVERIES = timedelta(days=30)


def _webhook_pk(webhook_id: str) -> str:
    return key("WEBHOOK", webhook_id)


def put_delivery(transaction: Transaction, delivery: WebhookDelivery) -> None:
    transaction.put(
        {
            "PK": _webhook_pk(delivery.webhook_id),
            "SK": key("DELIVERY", delivery.delivery_id),
            "type": "webhook_delivery",
            **delivery.model_dump(mode="json", exclude={"payload"}),
            "payload": json.dumps(delivery.payload, separators=(",", ":")),
            # DynamoDB's TTL removes a delivery's record a while after it was made.
            "expires_at": int((delivery.created_at + KEEP_DELIVERIES).timestamp()),
        },
        condition="attribute_not_exists(PK)",
    )


class DynamoWebhookRepository:
    def __init__(self, table: Table | None = None) -> None:
        self.table = table or Table()

    def webhooks_of(self, customer_id: str) -> list[StoredWebhook]:
        """A customer's webhooks (at most five), read with each document change of that customer."""
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix="WEBHOOK#")
        return [_webhook(item) for item in items]

    def webhook(self, customer_id: str, webhook_id: str) -> StoredWebhook | None:
        if not (is_id(customer_id) and is_id(webhook_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key("WEBHOOK", webhook_id), consistent=True)
        return _webhook(item) if item else None

    def add(self, webhook: StoredWebhook) -> None:
        transaction = Transaction()
        transaction.put(
            {
                "PK": customer_pk(webhook.customer_id),
                "SK": key("WEBHOOK", webhook.webhook_id),
                "type": "webhook",
                "webhook_id": webhook.webhook_id,
                "customer_id": webhook.customer_id,
                "url": webhook.url,
                "events": [event.value for event in webhook.events],
                "secret": webhook.secret,
                "created_at": iso(webhook.created_at),
                "created_by": webhook.created_by,
            },
            condition="attribute_not_exists(PK)",
        )
        transaction.put(
            audit_item(
                partition=customer_pk(webhook.customer_id),
                actor=webhook.created_by,
                action="webhook_created",
                at=webhook.created_at,
                subject=webhook.webhook_id,
                after={"url": webhook.url, "events": ",".join(webhook.events)},
            )
        )
        self.table.transact(transaction)

    def delete(self, webhook: StoredWebhook, *, actor: str, at: datetime) -> None:
        transaction = Transaction()
        transaction.delete(
            customer_pk(webhook.customer_id), key("WEBHOOK", webhook.webhook_id), condition="attribute_exists(PK)"
        )
        transaction.put(
            audit_item(
                partition=customer_pk(webhook.customer_id),
                actor=actor,
                action="webhook_deleted",
                at=at,
                subject=webhook.webhook_id,
                before={"url": webhook.url, "events": ",".join(webhook.events)},
            )
        )
        self.table.transact(transaction, conflict_message="The webhook was deleted meanwhile")

    def delivery(self, webhook_id: str, delivery_id: str) -> WebhookDelivery | None:
        item = self.table.get(_webhook_pk(webhook_id), key("DELIVERY", delivery_id), consistent=True)
        return _delivery(item) if item else None

    def deliveries(
        self, webhook_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[WebhookDelivery], str | None]:
        page = self.table.query(
            pk=_webhook_pk(webhook_id),
            sk_prefix="DELIVERY#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=principal,
        )
        return [_delivery(item) for item in page.items], page.cursor

    def record_try(
        self,
        delivery: WebhookDelivery,
        outcome: DeliveryOutcome,
        *,
        status_code: int | None,
        error: str | None,
        at: datetime,
    ) -> None:
        """One try's outcome; a delivery already delivered or cancelled is not written over (a message may come
        twice)."""
        told: dict[str, int | str | None] = {"last_status_code": status_code, "last_error": error}
        if outcome is DeliveryOutcome.DELIVERED:
            told["delivered_at"] = iso(at)
        sets = ["outcome = :outcome", *(f"{name} = :{name}" for name, value in told.items() if value is not None)]
        gone = [name for name, value in told.items() if value is None]
        self.table.update(
            _webhook_pk(delivery.webhook_id),
            key("DELIVERY", delivery.delivery_id),
            expression=f"SET {', '.join(sets)} ADD attempts :one" + (f" REMOVE {', '.join(gone)}" if gone else ""),
            values={
                ":outcome": outcome.value,
                ":one": 1,
                ":pending": DeliveryOutcome.PENDING.value,
                ":failed": DeliveryOutcome.FAILED.value,
                **{f":{name}": value for name, value in told.items() if value is not None},
            },
            condition="attribute_exists(PK) AND outcome IN (:pending, :failed)",
        )


def _webhook(item: dict[str, Any]) -> StoredWebhook:
    return StoredWebhook(
        webhook_id=str(item["webhook_id"]),
        customer_id=str(item["customer_id"]),
        url=str(item["url"]),
        events=[WebhookEvent(str(event)) for event in item["events"]],
        secret=str(item["secret"]),
        created_at=parse_iso(str(item["created_at"])),
        created_by=str(item["created_by"]),
    )


def _delivery(item: Item) -> WebhookDelivery:
    fields = {name: value for name, value in item.items() if name in WebhookDelivery.model_fields and value is not None}
    fields["payload"] = json.loads(str(item["payload"]))
    return WebhookDelivery.model_validate(fields)
