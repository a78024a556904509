"""Webhooks (DOC-3): registered by a customer's user administrator, told of its documents' steps from the outbox.

A document change that brings a document of the customer to a step some of its webhooks asked for writes one
delivery per webhook, with the outbox job that sends it, in the change's own transaction (`deliveries_for`). The
webhook worker sends it signed (`send`); an address that does not answer 2xx is tried again later, with growing
delays, and after the last try the delivery is failed and waits in the dead-letter queue. Every try is on the
delivery, which the customer lists with its outcome.
"""

from __future__ import annotations

import http.client
import json
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from portal import access
from portal.access import Principal
from portal.clock import Clock, iso, new_id, now
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, NotFound, ValidationFailed, field_problem
from portal.notifications.jobs import Job
from portal.webhooks.models import (
    CreatedWebhook,
    DeliveryOutcome,
    Webhook,
    WebhookDelivery,
    WebhookDeliveryPage,
    WebhookEvent,
    WebhookInput,
    WebhookList,
)
from portal.webhooks.repository import StoredWebhook, WebhookRepository
from portal.webhooks.sender import SIGNATURE_HEADER, Answer, UnsafeAddress, check_url, signature

MOST_WEBHOOKS = 5
# Tries before a delivery is failed and left in the dead-letter queue (the queue's maxReceiveCount agrees).
MOST_TRIES = 6


class WebhookSender(Protocol):
    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer: ...


@dataclass(frozen=True)
class DocumentStep:
    """What a webhook is told of a document that reached a step: enough to fetch it with an API key."""

    customer_id: str
    document_id: str
    number: str
    kind: str
    direction: str
    status: str
    channel: str | None
    partner_name: str


@dataclass
class WebhookService:
    customers: CustomerRepository
    webhooks: WebhookRepository
    sender: WebhookSender
    allow_loopback_http: bool = False
    clock: Clock = field(default=now)
    new_secret: Callable[[], str] = field(default=lambda: f"whsec_{secrets.token_urlsafe(32)}")

    # -- registering (the customer's user administrators) ---------------------------------------------------------

    def registered(self, principal: Principal, customer_id: str) -> WebhookList:
        self._require(principal, customer_id, creating=False)
        return WebhookList(items=[_shown(webhook) for webhook in self.webhooks.webhooks_of(customer_id)])

    def create(self, principal: Principal, customer_id: str, data: WebhookInput) -> CreatedWebhook:
        self._require(principal, customer_id, creating=True)
        try:
            check_url(data.url, allow_loopback_http=self.allow_loopback_http)
        except UnsafeAddress as refused:
            raise ValidationFailed(
                str(refused),
                code="unsafe_webhook_url",
                details=[field_problem("url", "unsafe_webhook_url", str(refused))],
            ) from refused
        if len(self.webhooks.webhooks_of(customer_id)) >= MOST_WEBHOOKS:
            raise Conflict(
                f"A customer has at most {MOST_WEBHOOKS} webhooks; delete one first", code="too_many_webhooks"
            )
        webhook = StoredWebhook(
            webhook_id=new_id(),
            customer_id=customer_id,
            url=data.url,
            events=list(dict.fromkeys(data.events)),
            secret=self.new_secret(),
            created_at=self.clock(),
            created_by=principal.username,
        )
        self.webhooks.add(webhook)
        return CreatedWebhook(webhook=_shown(webhook), secret=webhook.secret)

    def delete(self, principal: Principal, customer_id: str, webhook_id: str) -> None:
        """Deliveries still waiting are cancelled when their turn comes; those made stay listed no more."""
        webhook = self._webhook(principal, customer_id, webhook_id)
        self.webhooks.delete(webhook, actor=principal.username, at=self.clock())

    def deliveries(
        self, principal: Principal, customer_id: str, webhook_id: str, *, limit: int, cursor: str | None
    ) -> WebhookDeliveryPage:
        webhook = self._webhook(principal, customer_id, webhook_id)
        items, next_cursor = self.webhooks.deliveries(
            webhook.webhook_id, principal=principal.username, limit=limit, cursor=cursor
        )
        return WebhookDeliveryPage(items=items, next_cursor=next_cursor)

    # -- telling (from a document change, then from the queue) -----------------------------------------------------

    def deliveries_for(self, steps: list[DocumentStep], at: datetime) -> list[tuple[WebhookDelivery, Job]]:
        """The deliveries the steps of one change cause, with their jobs, for the change's transaction. Each
        customer's webhooks are read once, however many of its documents the change moves."""
        subscribed: dict[str, list[StoredWebhook]] = {}
        made = []
        for step in steps:
            try:
                event = WebhookEvent(step.status)
            except ValueError:
                continue
            if step.customer_id not in subscribed:
                subscribed[step.customer_id] = self.webhooks.webhooks_of(step.customer_id)
            for webhook in subscribed[step.customer_id]:
                if event not in webhook.events:
                    continue
                delivery_id = new_id()
                delivery = WebhookDelivery(
                    delivery_id=delivery_id,
                    webhook_id=webhook.webhook_id,
                    customer_id=step.customer_id,
                    event=event,
                    document_id=step.document_id,
                    number=step.number,
                    created_at=at,
                    payload=_payload(delivery_id, event, step, at),
                )
                body = {"customer_id": step.customer_id, "webhook_id": webhook.webhook_id, "delivery_id": delivery_id}
                made.append((delivery, Job(queue="webhooks", body=body)))
        return made

    def send(self, customer_id: str, webhook_id: str, delivery_id: str, *, last_try: bool) -> bool:
        """One try of a delivery: True when it is done (delivered, or nothing left to do); False when the address
        did not take it, and it is to be tried again unless this was the last try."""
        delivery = self.webhooks.delivery(webhook_id, delivery_id)
        if delivery is None or delivery.outcome in {DeliveryOutcome.DELIVERED, DeliveryOutcome.CANCELLED}:
            return True
        webhook = self.webhooks.webhook(customer_id, webhook_id)
        at = self.clock()
        if webhook is None:
            self.webhooks.record_try(delivery, DeliveryOutcome.CANCELLED, status_code=None, error=None, at=at)
            return True
        body = json.dumps(delivery.payload, separators=(",", ":")).encode()
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Kundeportal-Webhooks/1",
            "Kundeportal-Event": f"document.{delivery.event.value}",
            "Kundeportal-Delivery": delivery.delivery_id,
            SIGNATURE_HEADER: signature(webhook.secret, int(at.timestamp()), body),
        }
        status_code, error = None, None
        try:
            status_code = self.sender.post(webhook.url, body, headers).status
        except (OSError, http.client.HTTPException, UnsafeAddress) as failure:
            # refused, unreachable, timed out, TLS, not HTTP, or no longer a public address
            error = f"{type(failure).__name__}: {failure}"[:300]
        taken = status_code is not None and 200 <= status_code < 300
        outcome = (
            DeliveryOutcome.DELIVERED if taken else DeliveryOutcome.FAILED if last_try else DeliveryOutcome.PENDING
        )
        try:
            self.webhooks.record_try(delivery, outcome, status_code=status_code, error=error, at=at)
        except Conflict:
            return True  # another copy of the message delivered it meanwhile
        return taken

    def _require(self, principal: Principal, customer_id: str, *, creating: bool) -> None:
        facts = customers.facts_of(self.customers, customer_id)
        access.require_manage_integrations(principal, facts, creating=creating)

    def _webhook(self, principal: Principal, customer_id: str, webhook_id: str) -> StoredWebhook:
        self._require(principal, customer_id, creating=False)
        webhook = self.webhooks.webhook(customer_id, webhook_id)
        if webhook is None:
            raise NotFound("No such webhook")
        return webhook


def _shown(webhook: StoredWebhook) -> Webhook:
    return Webhook(
        webhook_id=webhook.webhook_id,
        url=webhook.url,
        events=webhook.events,
        secret_hint=f"…{webhook.secret[-4:]}",
        created_at=webhook.created_at,
        created_by=webhook.created_by,
    )


def _payload(delivery_id: str, event: WebhookEvent, step: DocumentStep, at: datetime) -> dict[str, Any]:
    return {
        "id": delivery_id,
        "type": f"document.{event.value}",
        "created_at": iso(at),
        "data": {
            "customer_id": step.customer_id,
            "document_id": step.document_id,
            "number": step.number,
            "kind": step.kind,
            "direction": step.direction,
            "status": step.status,
            "channel": step.channel,
            "partner_name": step.partner_name,
        },
    }
