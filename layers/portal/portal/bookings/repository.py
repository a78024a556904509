"""Slots live under their customer, keyed by their order: `SLOT#<order>#<slot>`, so an order's slots are one
Query in time of creation (ULIDs). A slot is written with its entry in the customer's history, and only while its
order is there."""

from __future__ import annotations

from typing import Protocol

from portal.bookings.models import Slot
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.store import Table, audit_item, item_of, key, model_of

SLOT = "SLOT"
SERVICE = "SERVICE"  # the service order's own key prefix (portal.orders.repository)


class SlotRepository(Protocol):
    def add(self, slot: Slot, *, actor: str) -> None: ...
    def of_order(self, customer_id: str, order_id: str) -> list[Slot]: ...


class DynamoSlotRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def add(self, slot: Slot, *, actor: str) -> None:
        partition = customer_pk(slot.customer_id)
        item = item_of(slot, pk=partition, sk=key(SLOT, slot.order_id, slot.slot_id), kind="booking_slot")
        audit = audit_item(
            partition=partition,
            actor=actor,
            action=CustomerHistoryAction.BOOKING_SLOT_ADDED,
            at=slot.created_at,
            subject=slot.order_id,
            after=slot.model_dump(mode="json", include={"place", "starts_at", "duration_minutes", "capacity"}),
        )
        self.table.put_audited(
            item, audit, parent=(partition, key(SERVICE, slot.order_id)), conflict_message="The order no longer exists"
        )

    def of_order(self, customer_id: str, order_id: str) -> list[Slot]:
        # An order has at most MAX_SLOTS_PER_ORDER slots (refused beyond): one small collection, read whole.
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix=f"{key(SLOT, order_id)}#")
        return sorted((model_of(Slot, item) for item in items), key=lambda slot: (slot.starts_at, slot.slot_id))
