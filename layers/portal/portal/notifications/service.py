"""Delivering the outbox (NOT-1): each item sent once it is committed, retried on failure, never dropped.

The table's stream hands every new outbox item to `deliver`. A failure is recorded on the item (so staff see it)
and raised again, so the stream retries it and finally reports it to the dead-letter queue.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from portal import access
from portal.access import Principal
from portal.clock import now
from portal.errors import NotFound
from portal.notifications.email import Mailer
from portal.notifications.events import EventPublisher
from portal.notifications.jobs import JobQueues, WorkflowStarter
from portal.notifications.models import Delivery, DeliveryPage, DeliveryStatus, summary_of
from portal.notifications.repository import OutboxRepository
from portal.observability import logger


@dataclass
class DeliveryService:
    outbox: OutboxRepository
    mailer: Mailer
    events: EventPublisher
    jobs: JobQueues
    workflows: WorkflowStarter
    clock: Callable[[], datetime] = field(default=now)

    def deliver(self, delivery_id: str) -> None:
        delivery = self.outbox.get(delivery_id)
        if delivery is None or delivery.status in {DeliveryStatus.DELIVERED, DeliveryStatus.RETRIED}:
            return  # a stream may hand a record over twice; what is done stays done
        try:
            self._send(delivery)
        except Exception as error:
            self.outbox.record_failure(delivery_id, error=f"{type(error).__name__}: {error}", at=self.clock())
            logger.warning("delivery failed", extra={"delivery_id": delivery_id, "channel": delivery.channel})
            raise
        self.outbox.mark_delivered(delivery, at=self.clock())

    def _send(self, delivery: Delivery) -> None:
        if delivery.event is not None:
            self.events.publish(delivery.event)
        elif delivery.job is not None:
            self.jobs.send(delivery.job)
        elif delivery.workflow is not None:
            self.workflows.start(delivery.workflow)
        elif delivery.email is not None:
            self.mailer.send(delivery.email)

    def failed(self, principal: Principal, *, limit: int, cursor: str | None) -> DeliveryPage:
        access.require_view_deliveries(principal)
        deliveries, next_cursor = self.outbox.list_failed(limit=limit, cursor=cursor, viewer=principal.username)
        return DeliveryPage(items=[summary_of(delivery) for delivery in deliveries], next_cursor=next_cursor)

    def retry(self, principal: Principal, delivery_id: str) -> str:
        access.require_view_deliveries(principal)
        delivery = self.outbox.get(delivery_id)
        if delivery is None:
            raise NotFound("No such delivery")
        return self.outbox.retry(delivery, at=self.clock())
