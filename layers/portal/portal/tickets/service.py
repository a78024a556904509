"""Support tickets (DOC-8): a customer's user opens one (subject, description) and follows it; both sides write
replies; staff who may change the customer move its status on. The vendor hears of what the customer writes (its
account managers, else customer service), the user who opened it of what the vendor does: through the outbox."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal import access
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Customer, CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, Forbidden
from portal.history import require_version
from portal.languages import Language
from portal.notifications import email
from portal.tickets.models import (
    MAX_MESSAGES,
    Ticket,
    TicketInput,
    TicketMessage,
    TicketPage,
    TicketReplyInput,
    TicketStatus,
    TicketStatusInput,
)
from portal.tickets.repository import TicketRepository

# username → the address and language of that user's e-mails (None for a login that is gone)
UserAddress = Callable[[str], tuple[str, Language] | None]


@dataclass
class TicketService:
    tickets: TicketRepository
    customers: CustomerRepository
    user_address: UserAddress
    account_managers: Callable[[list[str]], list[str]]
    staff_address: str
    portal_url: str
    staff_language: Language = Language.NB
    clock: Clock = now

    def open(self, principal: Principal, customer_id: str, data: TicketInput) -> Ticket:
        customer = self.customers.get(customer_id)
        access.require_open_ticket(principal, customers.facts(customer) if customer else None)
        assert customer is not None
        at = self.clock()
        ticket = Ticket(
            ticket_id=new_id(),
            number=self.tickets.next_number(),
            customer_id=customer.customer_id,
            customer_name=customer.name,
            subject=data.subject,
            description=data.description,
            status=TicketStatus.OPEN,
            created_by=principal.username,
            created_by_name=principal.display_name,
            created_at=at,
            updated_at=at,
            version=1,
        )
        self.tickets.save(
            ticket,
            read_version=None,
            message=None,
            actor=principal.username,
            action=CustomerHistoryAction.TICKET_OPENED,
            at=at,
            side_effects=[self._to_staff(customer, ticket, by=principal.display_name, text=data.description)],
        )
        return ticket

    def list(self, principal: Principal, customer_id: str, *, limit: int, cursor: str | None) -> TicketPage:
        customer = self.customers.get(customer_id)
        facts = access.require_view_tickets(principal, customers.facts(customer) if customer else None)
        if access.reads_every_ticket(principal, facts):
            items, next_cursor = self.tickets.of_customer(
                customer_id, limit=limit, cursor=cursor, viewer=principal.username
            )
        else:
            items, next_cursor = self.tickets.opened_by(customer_id, principal.username, limit=limit, cursor=cursor)
        return TicketPage(items=items, next_cursor=next_cursor)

    def overview(self, principal: Principal, status: TicketStatus, *, limit: int, cursor: str | None) -> TicketPage:
        access.require_ticket_overview(principal)
        items, next_cursor = self.tickets.with_status(status, limit=limit, cursor=cursor, viewer=principal.username)
        return TicketPage(items=items, next_cursor=next_cursor)

    def get(self, principal: Principal, customer_id: str, ticket_id: str) -> Ticket:
        customer, ticket = self._readable(principal, customer_id, ticket_id)
        return self._as_seen(principal, customer, ticket)

    def reply(self, principal: Principal, customer_id: str, ticket_id: str, data: TicketReplyInput) -> Ticket:
        customer, before = self._readable(principal, customer_id, ticket_id)
        if principal.is_staff:
            access.require_handle_ticket(principal, customers.facts(customer))
        elif data.status is not None:
            raise Forbidden("The vendor's staff set a ticket's status", code="staff_only")
        require_version(before.version, data.version, "ticket")
        if before.messages >= MAX_MESSAGES:
            raise Conflict("The ticket has as many replies as it can hold: open a new one", code="ticket_full")
        if not principal.is_staff and before.status is TicketStatus.CLOSED:
            raise Conflict("The ticket is closed: open a new one", code="ticket_closed")
        # The vendor's answer leaves it with the customer (unless said otherwise); the customer's word puts it back.
        status = (data.status or TicketStatus.WAITING_FOR_CUSTOMER) if principal.is_staff else TicketStatus.OPEN
        at = self.clock()
        message = TicketMessage(
            message_id=new_id(), at=at, by_name=principal.display_name, from_staff=principal.is_staff, text=data.text
        )
        after = before.model_copy(
            update={
                "status": status,
                "updated_at": at,
                "messages": before.messages + 1,
                "last_from_staff": principal.is_staff,
                "version": before.version + 1,
                "replies": [],
            }
        )
        notice = (
            self._to_customer(after, reply=data.text)
            if principal.is_staff
            else self._to_staff(customer, after, by=principal.display_name, text=data.text)
        )
        self.tickets.save(
            after,
            read_version=before.version,
            message=message,
            actor=principal.username,
            action=CustomerHistoryAction.TICKET_REPLIED,
            at=at,
            side_effects=[notice] if notice else [],
        )
        return self._as_seen(principal, customer, after.model_copy(update={"replies": [*before.replies, message]}))

    def change_status(self, principal: Principal, customer_id: str, ticket_id: str, data: TicketStatusInput) -> Ticket:
        customer, before = self._readable(principal, customer_id, ticket_id)
        access.require_handle_ticket(principal, customers.facts(customer))
        require_version(before.version, data.version, "ticket")
        if before.status is data.status:
            return self._as_seen(principal, customer, before)
        at = self.clock()
        after = before.model_copy(
            update={"status": data.status, "updated_at": at, "version": before.version + 1, "replies": []}
        )
        notice = self._to_customer(after, reply="")
        self.tickets.save(
            after,
            read_version=before.version,
            message=None,
            actor=principal.username,
            action=CustomerHistoryAction.TICKET_STATUS_CHANGED,
            at=at,
            side_effects=[notice] if notice else [],
        )
        return self._as_seen(principal, customer, after.model_copy(update={"replies": before.replies}))

    def _readable(self, principal: Principal, customer_id: str, ticket_id: str) -> tuple[Customer, Ticket]:
        customer = self.customers.get(customer_id)
        facts = access.require_view_tickets(principal, customers.facts(customer) if customer else None)
        assert customer is not None
        ticket = self.tickets.get(customer_id, ticket_id)
        access.require_read_ticket(principal, ticket_facts(facts, ticket) if ticket else None)
        assert ticket is not None
        return customer, ticket

    def _as_seen(self, principal: Principal, customer: Customer, ticket: Ticket) -> Ticket:
        return ticket.model_copy(
            update={"may_change_status": access.may_handle_ticket(principal, customers.facts(customer))}
        )

    def _link(self, ticket: Ticket) -> str:
        return f"{self.portal_url}/#/customers/{ticket.customer_id}/tickets/{ticket.ticket_id}"

    def _to_staff(self, customer: Customer, ticket: Ticket, *, by: str, text: str) -> email.EmailMessage:
        return email.ticket_to_staff(
            to=self.account_managers(customer.assigned_staff) or [self.staff_address],
            number=ticket.number,
            subject=ticket.subject,
            customer=f"{customer.name} ({customer.number})",
            by=by,
            text=text,
            link=self._link(ticket),
            language=self.staff_language,
        )

    def _to_customer(self, ticket: Ticket, *, reply: str) -> email.EmailMessage | None:
        """To the user who opened the ticket, in the language of that user's e-mails; nobody when that login is
        gone."""
        found = self.user_address(ticket.created_by)
        if found is None:
            return None
        address, language = found
        return email.ticket_to_customer(
            to=address,
            number=ticket.number,
            subject=ticket.subject,
            status=ticket.status.value,
            reply=reply,
            link=self._link(ticket),
            language=language,
        )


def ticket_facts(customer: access.CustomerFacts, ticket: Ticket) -> access.TicketFacts:
    return access.TicketFacts(customer=customer, opened_by=ticket.created_by)
