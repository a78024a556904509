"""Booking slots on a service order (ORD-3 "orders carry their bookings", EMP-2): the vendor's staff who handle the
customer's orders add them; whoever reads the customer's orders sees them with the order."""

from __future__ import annotations

from portal import access
from portal.access import Principal
from portal.bookings.models import MAX_SLOTS_PER_ORDER, Slot, SlotInput, SlotList
from portal.bookings.repository import SlotRepository
from portal.clock import Clock, new_id, now
from portal.customers.repository import CustomerRepository
from portal.errors import ValidationFailed, field_refusal
from portal.orders.models import ServiceOrderStatus
from portal.orders.repository import OrderRepository
from portal.orders.scope import service_order_in_view, status_conflict

# A slot is for an order that goes ahead: not one rejected or cancelled.
_CLOSED = {ServiceOrderStatus.REJECTED, ServiceOrderStatus.CANCELLED}


def slots_of(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    slots: SlotRepository,
    customer_id: str,
    order_id: str,
) -> SlotList:
    facts, _, _ = service_order_in_view(principal, customer_repository, orders, customer_id, order_id)
    return SlotList(items=slots.of_order(customer_id, order_id), may_add=access.may_handle_orders(principal, facts))


def add_slot(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    slots: SlotRepository,
    customer_id: str,
    order_id: str,
    data: SlotInput,
    clock: Clock = now,
) -> Slot:
    facts, order, _ = service_order_in_view(principal, customer_repository, orders, customer_id, order_id)
    access.require_handle_orders(principal, facts)
    if order.status in _CLOSED:
        raise status_conflict(order.status.value, f"The order is {order.status.value}; it takes no bookings")
    at = clock()
    if data.starts_at <= at:
        raise field_refusal("starts_at", "date_in_past", "A slot starts in the future")
    existing = slots.of_order(customer_id, order_id)
    if len(existing) >= MAX_SLOTS_PER_ORDER:
        raise ValidationFailed(f"An order takes at most {MAX_SLOTS_PER_ORDER} slots", code="too_many_slots", details=[])
    slot = Slot(
        slot_id=new_id(),
        customer_id=customer_id,
        order_id=order_id,
        place=data.place,
        starts_at=data.starts_at,
        duration_minutes=data.duration_minutes,
        capacity=data.capacity,
        cancel_until_hours=data.cancel_until_hours,
        self_declaration=data.self_declaration,
        created_at=at,
        created_by_name=principal.display_name,
    )
    slots.add(slot, actor=principal.username)
    return slot
