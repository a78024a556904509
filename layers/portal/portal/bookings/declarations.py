"""Self-declarations (EMP-2): where the booked product asks for it, an employee's invitation carries a link to a
short health questionnaire, filled in before the appointment. The link's token is the only key (the employee has no
login); the answers are sealed with the personal-data key, bound to the booking, and only the vendor's health
personnel open them, each reading recorded in the employee's history. The employer learns that answers came, never
what they say. They are deleted after the retention period, or at once when the booking goes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from portal import access
from portal.access import Principal
from portal.auth.tokens import token_digest
from portal.bookings.models import (
    Booking,
    SelfDeclaration,
    SelfDeclarationAnswers,
    SelfDeclarationForm,
    SelfDeclarationReceipt,
    Slot,
    StoredDeclaration,
)
from portal.bookings.repository import SlotRepository
from portal.clock import Clock, now
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, NotFound
from portal.orders.repository import OrderRepository
from portal.sealing import Sealer

PURPOSE = "self-declaration"


@dataclass
class SelfDeclarationService:
    slots: SlotRepository
    customers: CustomerRepository
    orders: OrderRepository
    sealer: Sealer
    retention: timedelta
    clock: Clock = now

    def form(self, token: str) -> SelfDeclarationForm:
        """What the link's holder sees: the appointment, and whether answers came. Answers sent are never shown
        again, so a link forwarded or left in a mailbox tells no one what they were."""
        booking, slot = self._by_link(token)
        found = self.orders.service_order(booking.customer_id, booking.order_id)
        return SelfDeclarationForm(
            employee_name=booking.employee_name,
            what=found[0].product_group if found else "",
            place=slot.place,
            starts_at=slot.starts_at,
            ends_at=slot.ends_at,
            language=booking.language,
            submitted_at=booking.declaration_submitted_at,
            open=self.clock() < slot.starts_at,
        )

    def submit(self, token: str, answers: SelfDeclarationAnswers) -> SelfDeclarationReceipt:
        """Taken until the appointment starts; sent again, the answers replace the earlier ones. When KMS does not
        answer, nothing is stored (503)."""
        booking, slot = self._by_link(token)
        at = self.clock()
        if at >= slot.starts_at:
            raise Conflict("The appointment has begun: the form is closed", code="declaration_closed")
        sealed = self.sealer.seal(answers.model_dump_json(), context=_context(booking))
        declaration = StoredDeclaration(
            booking_id=booking.booking_id,
            employee_id=booking.employee_id,
            submitted_at=at,
            sealed=sealed,
            expires_at=expiry(slot, self.retention, at),
        )
        self.slots.submit_declaration(booking, slot, declaration)
        return SelfDeclarationReceipt(submitted_at=at)

    def read(
        self, principal: Principal, customer_id: str, order_id: str, slot_id: str, employee_id: str
    ) -> SelfDeclaration:
        """The health personnel open an employee's answers; the reading is recorded (who, when) before they see
        them. Answers past their retention read as missing, whether or not DynamoDB has removed them yet."""
        customer = self.customers.get(customer_id)
        access.require_read_health_data(principal, customers.facts(customer) if customer else None)
        slot = self.slots.get(customer_id, order_id, slot_id)
        booking = self.slots.booking(slot, employee_id) if slot else None
        stored = self.slots.declaration(booking) if booking else None
        at = self.clock()
        if booking is None or stored is None or stored.booking_id != booking.booking_id or _expired(stored, at):
            raise NotFound("No self-declaration from this employee for this slot")
        self.slots.record_declaration_read(booking, actor=principal.username, at=at)
        plain = self.sealer.open(stored.sealed, context=_context(booking))
        return SelfDeclaration(
            employee_id=booking.employee_id,
            employee_name=booking.employee_name,
            submitted_at=stored.submitted_at,
            answers=SelfDeclarationAnswers.model_validate_json(plain),
        )

    def _by_link(self, token: str) -> tuple[Booking, Slot]:
        booking = self.slots.by_declaration_link(token_digest(token))
        slot = self.slots.get(booking.customer_id, booking.order_id, booking.slot_id) if booking else None
        if booking is None or slot is None or not slot.self_declaration:
            raise NotFound("This link leads to no self-declaration")
        return booking, slot


def expiry(slot: Slot, retention: timedelta, at: datetime) -> int:
    """When answers sent at `at` for the slot are deleted (epoch seconds, DynamoDB's TTL): the retention period after
    the appointment, or after they came if that is later."""
    return int((max(at, slot.ends_at) + retention).timestamp())


def kept_until(booking: Booking, slot: Slot, retention: timedelta) -> datetime | None:
    """When the booking's answers are deleted (DynamoDB's TTL may take a while longer; they read as gone from then)."""
    sent = booking.declaration_submitted_at
    return datetime.fromtimestamp(expiry(slot, retention, sent), UTC) if sent is not None else None


def _context(booking: Booking) -> dict[str, str]:
    """Binds the sealed answers to their booking: copied onto another record, they do not open."""
    return {"purpose": PURPOSE, "booking": booking.booking_id}


def _expired(stored: StoredDeclaration, at: datetime) -> bool:
    return stored.expires_at <= at.timestamp()
