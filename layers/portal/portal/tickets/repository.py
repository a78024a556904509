"""Support tickets in their customer's partition (DOC-8): `TICKET#<id>` the ticket, `TICKETMSG#<ticket>#<id>` its
replies; staff find the tickets of one status across customers under GSI1 `TICKETS#<status>`, latest activity
first; a login finds the tickets it opened for a customer under GSI2 `TICKETS#OPENER#<username>#<customer>`. Every
change is one transaction: the ticket conditioned on the version read, its audit entry, the e-mail."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Protocol

from portal.clock import is_id, iso
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.notifications.repository import SideEffect, enqueue
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of
from portal.tickets.models import Ticket, TicketMessage, TicketStatus, TicketSummary


def ticket_sk(ticket_id: str) -> str:
    return key("TICKET", ticket_id)


def message_sk(ticket_id: str, message_id: str) -> str:
    return key("TICKETMSG", ticket_id, message_id)


class TicketRepository(Protocol):
    def next_number(self) -> int: ...
    def get(self, customer_id: str, ticket_id: str) -> Ticket | None: ...
    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[TicketSummary], str | None]: ...
    def opened_by(
        self, customer_id: str, username: str, *, limit: int, cursor: str | None
    ) -> tuple[list[TicketSummary], str | None]: ...
    def with_status(
        self, status: TicketStatus, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[TicketSummary], str | None]: ...
    def save(
        self,
        ticket: Ticket,
        *,
        read_version: int | None,
        message: TicketMessage | None,
        actor: str,
        action: CustomerHistoryAction,
        at: datetime,
        side_effects: Sequence[SideEffect],
    ) -> None: ...


class DynamoTicketRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def next_number(self) -> int:
        counter = self.table.update("TICKETSEQ", "TICKETSEQ", expression="ADD last_number :one", values={":one": 1})
        return int(counter["last_number"])

    def get(self, customer_id: str, ticket_id: str) -> Ticket | None:
        if not (is_id(customer_id) and is_id(ticket_id)):
            return None
        item = self.table.get(customer_pk(customer_id), ticket_sk(ticket_id), consistent=True)
        if item is None:
            return None
        replies = self.table.query_all(pk=customer_pk(customer_id), sk_prefix=key("TICKETMSG", ticket_id) + "#")
        ticket = model_of(Ticket, item)
        return ticket.model_copy(update={"replies": [model_of(TicketMessage, reply) for reply in replies]})

    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[TicketSummary], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix="TICKET#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=viewer,
        )
        return [model_of(TicketSummary, item) for item in page.items], page.cursor

    def opened_by(
        self, customer_id: str, username: str, *, limit: int, cursor: str | None
    ) -> tuple[list[TicketSummary], str | None]:
        """The tickets one login opened for a customer, newest first (what a login tied to objects only reads)."""
        page = self.table.query(
            index="GSI2",
            pk=_opener_partition(username, customer_id),
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=username,
        )
        return [model_of(TicketSummary, item) for item in page.items], page.cursor

    def with_status(
        self, status: TicketStatus, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[TicketSummary], str | None]:
        page = self.table.query(
            index="GSI1", pk=_status_partition(status), ascending=False, limit=limit, cursor=cursor, principal=viewer
        )
        return [model_of(TicketSummary, item) for item in page.items], page.cursor

    def save(
        self,
        ticket: Ticket,
        *,
        read_version: int | None,
        message: TicketMessage | None,
        actor: str,
        action: CustomerHistoryAction,
        at: datetime,
        side_effects: Sequence[SideEffect],
    ) -> None:
        transaction = Transaction()
        if read_version is None:
            transaction.check(customer_pk(ticket.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
            transaction.put(_item(ticket), condition="attribute_not_exists(PK)")
        else:
            transaction.put(_item(ticket), condition="version = :read", values={":read": read_version})
        if message is not None:
            transaction.put(
                item_of(
                    message,
                    pk=customer_pk(ticket.customer_id),
                    sk=message_sk(ticket.ticket_id, message.message_id),
                    kind="ticket_message",
                ),
                condition="attribute_not_exists(PK)",
            )
        transaction.put(
            audit_item(
                partition=customer_pk(ticket.customer_id),
                actor=actor,
                action=action,
                at=at,
                subject=ticket.ticket_id,
                after={"number": ticket.number, "subject": ticket.subject, "status": ticket.status.value},
            )
        )
        enqueue(transaction, side_effects, at=at)
        self.table.transact(transaction, conflict_message="The ticket changed meanwhile; reload it and try again")


def _status_partition(status: TicketStatus) -> str:
    return key("TICKETS", status.value)


def _opener_partition(username: str, customer_id: str) -> str:
    return key("TICKETS", "OPENER", username, customer_id)


def _item(ticket: Ticket) -> Item:
    stored = ticket.model_copy(update={"replies": [], "may_change_status": False})
    return item_of(
        stored,
        pk=customer_pk(ticket.customer_id),
        sk=ticket_sk(ticket.ticket_id),
        kind="ticket",
        GSI1PK=_status_partition(ticket.status),
        GSI1SK=f"{iso(ticket.updated_at)}#{ticket.ticket_id}",
        GSI2PK=_opener_partition(ticket.created_by, ticket.customer_id),
        GSI2SK=ticket.ticket_id,
    )
