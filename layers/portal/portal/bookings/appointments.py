"""Appointments (EMP-2): a customer's employee administrator books its employees into the vendor's slots on a
service order, and removes them again until the slot's cut-off; the vendor's staff move or cancel a slot. Each
employee booked hears of it by e-mail in its own language, with an .ics invitation (Europe/Oslo or Europe/Stockholm):
a REQUEST when booked or moved (same UID, higher SEQUENCE), a CANCEL when removed or cancelled. Every e-mail goes
through the outbox, in the transaction of the change it tells of. Where the slot asks for a self-declaration, the
first invitation carries the link to the form (`portal.bookings.declarations`); only its digest is kept."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from portal import access
from portal.access import Principal
from portal.auth.tokens import new_token, token_digest
from portal.bookings.declarations import expiry, kept_until
from portal.bookings.invitations import Method, calendar
from portal.bookings.models import Booking, BookingInput, BookingList, Slot, SlotChange
from portal.bookings.repository import SlotRepository
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Country, Customer
from portal.customers.repository import CustomerRepository
from portal.employees.models import EmployeeStatus
from portal.employees.repository import EmployeeRepository
from portal.errors import Conflict, NotFound, field_refusal
from portal.history import require_version
from portal.languages import of_country, wall_clock
from portal.notifications import email
from portal.orders.models import ServiceOrder, ServiceOrderStatus
from portal.orders.repository import OrderRepository

_CLOSED = {ServiceOrderStatus.REJECTED, ServiceOrderStatus.CANCELLED}


@dataclass
class AppointmentService:
    slots: SlotRepository
    customers: CustomerRepository
    orders: OrderRepository
    employees: EmployeeRepository
    organizer: str
    portal_url: str
    declaration_retention: timedelta
    clock: Clock = now

    def bookings(self, principal: Principal, customer_id: str, order_id: str, slot_id: str) -> BookingList:
        """Who is booked into a slot: for the customer's employee administrators and the vendor's staff."""
        customer, _, slot = self._slot(principal, customer_id, order_id, slot_id)
        may_book = access.may_change_employees(principal, customers.facts(customer))
        return BookingList(
            items=[
                booking.model_copy(
                    update={"declaration_kept_until": kept_until(booking, slot, self.declaration_retention)}
                )
                for booking in self.slots.bookings(slot)
            ],
            may_book=may_book,
            may_read_declarations=slot.self_declaration and access.may_read_health_data(principal),
        )

    def book(self, principal: Principal, customer_id: str, order_id: str, slot_id: str, data: BookingInput) -> Booking:
        customer, order, slot = self._slot(principal, customer_id, order_id, slot_id, change=True)
        at = self.clock()
        if order.status in _CLOSED:
            raise Conflict(f"The order is {order.status.value}: it takes no bookings", code="order_closed")
        if slot.starts_at <= at:
            raise Conflict("The slot has begun: it takes no more bookings", code="slot_started")
        employee = self.employees.get(customer_id, data.employee_id)
        if employee is None:
            raise field_refusal("employee_id", "unknown_employee", "Choose one of the customer's employees")
        if employee.status is not EmployeeStatus.ACTIVE:
            raise Conflict("The employee is no longer active", code="employee_inactive")
        if slot.booked >= slot.capacity:
            raise Conflict("The slot is full", code="slot_full")
        booking = Booking(
            booking_id=new_id(),
            customer_id=customer_id,
            order_id=order_id,
            slot_id=slot_id,
            employee_id=employee.employee_id,
            employee_name=employee.name,
            email=employee.email,
            language=employee.language or of_country(customer.country.value),
            slot_version=slot.version,
            booked_at=at,
            booked_by_name=principal.display_name,
        )
        token = new_token() if slot.self_declaration else None
        form_link = f"{self.portal_url}/#/self-declaration/{token}" if token else None
        notice = self._notice("BookingInvitation", Method.REQUEST, customer, order, slot, booking, form_link=form_link)
        link_digest = token_digest(token) if token else None
        self.slots.book(slot, booking, actor=principal.username, notice=notice, link_digest=link_digest)
        return booking

    def unbook(self, principal: Principal, customer_id: str, order_id: str, slot_id: str, employee_id: str) -> None:
        """Removed before the slot's cut-off (seed 004's employees are added to the vendor's slots; the vendor keeps
        the places it plans with after that)."""
        customer, order, slot = self._slot(principal, customer_id, order_id, slot_id, change=True)
        booking = self.slots.booking(slot, employee_id)
        if booking is None:
            raise NotFound("The employee is not booked into this slot")
        at = self.clock()
        if at >= slot.cancel_until:
            raise Conflict(
                "Bookings of this slot can no longer be removed: ask the vendor",
                code="booking_cutoff_passed",
                details=[{"cancel_until": slot.cancel_until.isoformat()}],
            )
        notice = self._notice("BookingCancelled", Method.CANCEL, customer, order, slot, booking)
        self.slots.unbook(slot, booking, actor=principal.username, at=at, notice=notice)

    def move(self, principal: Principal, customer_id: str, order_id: str, slot_id: str, change: SlotChange) -> Slot:
        """Staff who handle the customer's orders move a slot; everyone booked gets the invitation again."""
        customer, order, before = self._slot(principal, customer_id, order_id, slot_id, staff=True)
        require_version(before.version, change.version, "slot")
        at = self.clock()
        requested = change.model_dump(exclude={"version"}, exclude_unset=True, exclude_none=True)
        if "starts_at" in requested and requested["starts_at"] <= at:
            raise field_refusal("starts_at", "date_in_past", "A slot starts in the future")
        after = Slot.model_validate({**before.model_dump(), **requested, "version": before.version + 1})
        if after == before.model_copy(update={"version": after.version}):
            return before
        bookings = self.slots.bookings(before)
        notices = [self._notice("BookingChanged", Method.REQUEST, customer, order, after, b) for b in bookings]
        self.slots.move(before, after, actor=principal.username, at=at, notices=notices)
        if after.self_declaration and after.ends_at != before.ends_at:
            # The same rule as when they came (and as the bookings list shows): after the appointment, or after
            # they came if that is later; not after the move, which may come after a shortened slot's new end.
            kept = [
                (booking, expiry(after, self.declaration_retention, booking.declaration_submitted_at))
                for booking in bookings
                if booking.declaration_submitted_at is not None
            ]
            self.slots.keep_declarations_until(after, kept)
        return after

    def cancel(self, principal: Principal, customer_id: str, order_id: str, slot_id: str, version: int) -> None:
        customer, order, slot = self._slot(principal, customer_id, order_id, slot_id, staff=True)
        require_version(slot.version, version, "slot")
        bookings = self.slots.bookings(slot)
        notices = [self._notice("BookingCancelled", Method.CANCEL, customer, order, slot, b) for b in bookings]
        self.slots.cancel(slot, bookings, actor=principal.username, at=self.clock(), notices=notices)

    # -- parts ------------------------------------------------------------------------------------------------------

    def _slot(
        self,
        principal: Principal,
        customer_id: str,
        order_id: str,
        slot_id: str,
        *,
        change: bool = False,
        staff: bool = False,
    ) -> tuple[Customer, ServiceOrder, Slot]:
        customer = self.customers.get(customer_id)
        facts = customers.facts(customer) if customer else None
        if staff:
            access.require_handle_orders(principal, access.require_view_customer(principal, facts))
        elif change:
            access.require_change_employees(principal, facts)
        else:
            access.require_view_employees(principal, facts)
        assert customer is not None
        found = self.orders.service_order(customer_id, order_id)
        slot = self.slots.get(customer_id, order_id, slot_id) if found else None
        if found is None or slot is None:
            raise NotFound("No such order or slot")
        return customer, found[0], slot

    def _notice(
        self,
        kind: str,
        method: Method,
        customer: Customer,
        order: ServiceOrder,
        slot: Slot,
        booking: Booking,
        *,
        form_link: str | None = None,
    ) -> email.EmailMessage:
        # Each invitation of a booking outranks the one before: the slot's version counts its moves since, and the
        # cancellation outranks the last of them.
        sequence = slot.version - booking.slot_version + (1 if method is Method.CANCEL else 0)
        ics = calendar(
            method=method,
            uid=booking.uid,
            sequence=sequence,
            summary=order.product_group,
            place=slot.place,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            country=customer.country,
            organizer=self.organizer,
            attendee=booking.email,
            attendee_name=booking.employee_name,
            stamp=self.clock(),
        )
        return email.booking_notice(
            kind,
            to=booking.email,
            name=booking.employee_name,
            what=order.product_group,
            place=slot.place,
            when=_when(slot.starts_at, customer.country),
            calendar=ics,
            method=method.value,
            language=booking.language,
            form_link=form_link,
        )


def _when(moment: datetime, country: Country) -> str:
    local = wall_clock(moment, of_country(country.value))
    return f"{local:%d.%m.%Y %H:%M} ({local.tzname()})"
