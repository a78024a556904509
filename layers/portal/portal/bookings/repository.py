"""Slots live under their customer, keyed by their order: `SLOT#<order>#<slot>`, so an order's slots are one
Query in time of creation (ULIDs). A slot is written with its entry in the customer's history, and only while its
order is there. The employees booked into a slot are `BOOKING#<order>#<slot>#<employee>` beside it (EMP-2); the
slot's `booked` count is what its capacity is held against.

A booking into a slot that asks for a self-declaration carries the digest of its form link's token in GSI1 (one
Query finds the booking from the link; the link dies with the booking). The answers, sealed, are
`DECLARATION#<order>#<slot>#<employee>` beside it, with a TTL: DynamoDB deletes them after the retention period,
and removing the booking or cancelling the slot deletes them at once."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from portal.bookings.models import MAX_CAPACITY, Booking, Slot, StoredDeclaration
from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.employees.models import EmployeeHistoryAction, EmployeeStatus
from portal.employees.repository import employee_sk, history_partition
from portal.errors import Conflict, NotFound
from portal.notifications.email import EmailMessage
from portal.notifications.repository import enqueue
from portal.store import Item, Table, Transaction, audit_item, failed_conditions, item_of, key, model_of

SLOT = "SLOT"
BOOKING = "BOOKING"
DECLARATION = "DECLARATION"
DECLARATION_LINK = "DECLLINK"
SERVICE = "SERVICE"  # the service order's own key prefix (portal.orders.repository)


class SlotRepository(Protocol):
    def add(self, slot: Slot, *, actor: str) -> None: ...
    def of_order(self, customer_id: str, order_id: str) -> list[Slot]: ...
    def get(self, customer_id: str, order_id: str, slot_id: str) -> Slot | None: ...
    def bookings(self, slot: Slot) -> list[Booking]: ...
    def booking(self, slot: Slot, employee_id: str) -> Booking | None: ...
    def book(
        self, slot: Slot, booking: Booking, *, actor: str, notice: EmailMessage, link_digest: str | None = None
    ) -> None: ...
    def unbook(self, slot: Slot, booking: Booking, *, actor: str, at: datetime, notice: EmailMessage) -> None: ...
    def move(self, before: Slot, after: Slot, *, actor: str, at: datetime, notices: Sequence[EmailMessage]) -> None: ...
    def cancel(
        self, slot: Slot, bookings: Sequence[Booking], *, actor: str, at: datetime, notices: Sequence[EmailMessage]
    ) -> None: ...
    def by_declaration_link(self, link_digest: str) -> Booking | None: ...
    def submit_declaration(self, booking: Booking, slot: Slot, declaration: StoredDeclaration) -> None: ...
    def keep_declarations_until(self, slot: Slot, kept: Sequence[tuple[Booking, int]]) -> None: ...
    def declaration(self, booking: Booking) -> StoredDeclaration | None: ...
    def record_declaration_read(self, booking: Booking, *, actor: str, at: datetime) -> None: ...


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
            after=slot.model_dump(
                mode="json", include={"place", "starts_at", "duration_minutes", "capacity", "self_declaration"}
            ),
        )
        self.table.put_audited(
            item, audit, parent=(partition, key(SERVICE, slot.order_id)), conflict_message="The order no longer exists"
        )

    def get(self, customer_id: str, order_id: str, slot_id: str) -> Slot | None:
        if not (is_id(customer_id) and is_id(order_id) and is_id(slot_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key(SLOT, order_id, slot_id), consistent=True)
        return model_of(Slot, item) if item else None

    def bookings(self, slot: Slot) -> list[Booking]:
        """A slot's bookings (at most its capacity): one query."""
        items = self.table.query_all(pk=customer_pk(slot.customer_id), sk_prefix=f"{_booking_prefix(slot)}#")
        return sorted((model_of(Booking, item) for item in items), key=lambda booking: booking.employee_name)

    def booking(self, slot: Slot, employee_id: str) -> Booking | None:
        if not is_id(employee_id):
            return None
        item = self.table.get(customer_pk(slot.customer_id), key(_booking_prefix(slot), employee_id), consistent=True)
        return model_of(Booking, item) if item else None

    def book(
        self, slot: Slot, booking: Booking, *, actor: str, notice: EmailMessage, link_digest: str | None = None
    ) -> None:
        """A place taken: the slot's count goes up only while below its capacity and the slot is as read (a slot
        moved meanwhile would not tell this employee), the booking is new, the employee active; with the
        employee's history entry and the invitation. Of two bookings for the last place exactly one wins."""
        partition = customer_pk(slot.customer_id)
        transaction = Transaction()
        transaction.update(
            partition,
            key(SLOT, slot.order_id, slot.slot_id),
            expression="SET booked = booked + :one",
            # (never past what a move or cancellation can tell in one transaction, whatever a slot once allowed)
            condition="booked < #capacity AND booked < :most AND version = :read",
            values={":one": 1, ":read": slot.version, ":most": MAX_CAPACITY},
            names={"#capacity": "capacity"},
        )
        transaction.put(_booking_item(booking, link_digest), condition="attribute_not_exists(PK)")
        transaction.check(
            partition,
            employee_sk(booking.employee_id),
            condition="#status = :active",
            values={":active": EmployeeStatus.ACTIVE.value},
            names={"#status": "status"},
        )
        transaction.put(_employee_entry(booking, actor, EmployeeHistoryAction.BOOKED, booking.booked_at, slot))
        enqueue(transaction, [notice], at=booking.booked_at)
        try:
            self.table.transact(transaction, conflict_message="The slot changed meanwhile; reload it and try again")
        except Conflict as conflict:
            raise _booking_refusal(conflict) from None

    def unbook(self, slot: Slot, booking: Booking, *, actor: str, at: datetime, notice: EmailMessage) -> None:
        partition = customer_pk(slot.customer_id)
        transaction = Transaction()
        transaction.update(
            partition,
            key(SLOT, slot.order_id, slot.slot_id),
            expression="SET booked = booked - :one",
            condition="version = :read",
            values={":one": 1, ":read": slot.version},
        )
        transaction.delete(partition, key(_booking_prefix(slot), booking.employee_id), condition="attribute_exists(PK)")
        transaction.delete(partition, _declaration_sk(booking))
        transaction.put(_employee_entry(booking, actor, EmployeeHistoryAction.UNBOOKED, at, slot))
        enqueue(transaction, [notice], at=at)
        self.table.transact(transaction, conflict_message="The booking changed meanwhile; reload it and try again")

    def move(self, before: Slot, after: Slot, *, actor: str, at: datetime, notices: Sequence[EmailMessage]) -> None:
        """The slot as changed, conditioned on the version read and on the bookings told (a booking made meanwhile
        would not get its update): everyone booked gets the new invitation in the same transaction."""
        partition = customer_pk(after.customer_id)
        transaction = Transaction()
        transaction.put(
            item_of(after, pk=partition, sk=key(SLOT, after.order_id, after.slot_id), kind="booking_slot"),
            condition="version = :read AND booked = :booked",
            values={":read": before.version, ":booked": before.booked},
        )
        changed = {"place", "starts_at", "duration_minutes"}
        transaction.put(
            audit_item(
                partition=partition,
                actor=actor,
                action=CustomerHistoryAction.BOOKING_SLOT_CHANGED,
                at=at,
                subject=after.order_id,
                before=before.model_dump(mode="json", include=changed),
                after=after.model_dump(mode="json", include=changed),
            )
        )
        enqueue(transaction, notices, at=at)
        self.table.transact(transaction, conflict_message="The slot changed meanwhile; reload it and try again")

    def cancel(
        self, slot: Slot, bookings: Sequence[Booking], *, actor: str, at: datetime, notices: Sequence[EmailMessage]
    ) -> None:
        partition = customer_pk(slot.customer_id)
        transaction = Transaction()
        transaction.delete(
            partition,
            key(SLOT, slot.order_id, slot.slot_id),
            condition="version = :read AND booked = :booked",
            values={":read": slot.version, ":booked": slot.booked},
        )
        for booking in bookings:
            transaction.delete(partition, key(_booking_prefix(slot), booking.employee_id))
        transaction.put(
            audit_item(
                partition=partition,
                actor=actor,
                action=CustomerHistoryAction.BOOKING_SLOT_CANCELLED,
                at=at,
                subject=slot.order_id,
                before=slot.model_dump(mode="json", include={"place", "starts_at", "booked"}),
            )
        )
        enqueue(transaction, notices, at=at)
        self.table.transact(transaction, conflict_message="The slot changed meanwhile; reload it and try again")
        # A slot's bookings, their invitations and its entries fill one transaction; the answers to its
        # self-declarations go right after, by the bookings' keys (their TTL deletes any a failure here leaves).
        if slot.self_declaration:
            for booking in bookings:
                self.table.delete(partition, _declaration_sk(booking))

    def by_declaration_link(self, link_digest: str) -> Booking | None:
        items = self.table.query_all(pk=key(DECLARATION_LINK, link_digest), index="GSI1")
        return model_of(Booking, items[0]) if items else None

    def submit_declaration(self, booking: Booking, slot: Slot, declaration: StoredDeclaration) -> None:
        """The answers (sealed) with the booking's note of when they came, while the booking is there and the slot
        as read (a slot moved meanwhile may have begun); sent again, they replace the earlier ones. The employee's
        history records that they came, never what they say."""
        partition = customer_pk(booking.customer_id)
        at = declaration.submitted_at
        transaction = Transaction()
        transaction.update(
            partition,
            _booking_sk(booking),
            expression="SET declaration_submitted_at = :at",
            condition="booking_id = :booking",
            values={":at": at.isoformat(), ":booking": booking.booking_id},
        )
        transaction.check(
            partition,
            key(SLOT, slot.order_id, slot.slot_id),
            condition="version = :read",
            values={":read": slot.version},
        )
        transaction.put(
            item_of(declaration, pk=partition, sk=_declaration_sk(booking), kind="self_declaration"),
        )
        transaction.put(
            _employee_entry(booking, booking.employee_name, EmployeeHistoryAction.DECLARATION_SUBMITTED, at)
        )
        try:
            self.table.transact(transaction, conflict_message="The appointment changed meanwhile; open the link again")
        except Conflict as conflict:
            if 0 in failed_conditions(conflict):
                raise NotFound("This link leads to no self-declaration") from None
            raise

    def keep_declarations_until(self, slot: Slot, kept: Sequence[tuple[Booking, int]]) -> None:
        """A moved slot's answers are kept for the retention period after its new end: each booking's answers get
        their new expiry (one small update per booking; answers gone meanwhile are left alone)."""
        partition = customer_pk(slot.customer_id)
        for booking, expires_at in kept:
            try:
                self.table.update(
                    partition,
                    _declaration_sk(booking),
                    expression="SET expires_at = :expires",
                    condition="attribute_exists(PK)",
                    values={":expires": expires_at},
                )
            except Conflict:
                continue

    def declaration(self, booking: Booking) -> StoredDeclaration | None:
        item = self.table.get(customer_pk(booking.customer_id), _declaration_sk(booking), consistent=True)
        return model_of(StoredDeclaration, item) if item else None

    def record_declaration_read(self, booking: Booking, *, actor: str, at: datetime) -> None:
        self.table.put(_employee_entry(booking, actor, EmployeeHistoryAction.DECLARATION_READ, at))

    def of_order(self, customer_id: str, order_id: str) -> list[Slot]:
        # An order has at most MAX_SLOTS_PER_ORDER slots (refused beyond): one small collection, read whole.
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix=f"{key(SLOT, order_id)}#")
        return sorted((model_of(Slot, item) for item in items), key=lambda slot: (slot.starts_at, slot.slot_id))


def _booking_prefix(slot: Slot) -> str:
    return key(BOOKING, slot.order_id, slot.slot_id)


def _booking_sk(booking: Booking) -> str:
    return key(BOOKING, booking.order_id, booking.slot_id, booking.employee_id)


def _declaration_sk(booking: Booking) -> str:
    return key(DECLARATION, booking.order_id, booking.slot_id, booking.employee_id)


def _booking_item(booking: Booking, link_digest: str | None = None) -> Item:
    link = {"GSI1PK": key(DECLARATION_LINK, link_digest), "GSI1SK": BOOKING} if link_digest else {}
    return item_of(booking, pk=customer_pk(booking.customer_id), sk=_booking_sk(booking), kind="booking", **link)


def _employee_entry(booking: Booking, actor: str, action: str, at: datetime, slot: Slot | None = None) -> Item:
    """A change of the employee's appointments, in its history: when and where for a booking (the slot), only that it
    happened for a self-declaration (never what it says)."""
    return audit_item(
        partition=history_partition(booking.employee_id),
        actor=actor,
        action=action,
        at=at,
        subject=booking.slot_id,
        after={"place": slot.place, "starts_at": slot.starts_at.isoformat()} if slot else None,
    )


def _booking_refusal(conflict: Conflict) -> Conflict:
    """Which condition refused the booking, in words: the slot full (or moved), the employee booked already, or the
    employee no longer active."""
    failed = failed_conditions(conflict)
    if 0 in failed:
        return Conflict("The slot is full, or was changed meanwhile", code="slot_full")
    if 1 in failed:
        return Conflict("The employee is booked into this slot already", code="already_booked")
    if 2 in failed:
        return Conflict("The employee is no longer active", code="employee_inactive")
    return conflict
