"""Quotes in their customer's partition; a decision is a put conditioned on the quote still open and in force."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.money import as_text
from portal.notifications.repository import SideEffect, enqueue
from portal.quotes.models import Quote
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of


def quote_sk(quote_id: str) -> str:
    return key("QUOTE", quote_id)


class QuoteRepository(Protocol):
    def next_number(self) -> int: ...
    def create(self, quote: Quote, *, actor: str) -> None: ...
    def get(self, customer_id: str, quote_id: str) -> Quote | None: ...
    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[Quote], str | None]: ...
    def decide(
        self,
        before: Quote,
        after: Quote,
        *,
        actor: str,
        today: date,
        action: CustomerHistoryAction,
        side_effects: Sequence[SideEffect],
    ) -> None: ...


class DynamoQuoteRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def next_number(self) -> int:
        counter = self.table.update("QUOTESEQ", "QUOTESEQ", expression="ADD last_number :one", values={":one": 1})
        return int(counter["last_number"])

    def create(self, quote: Quote, *, actor: str) -> None:
        transaction = Transaction()
        transaction.check(customer_pk(quote.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
        transaction.put(_item(quote), condition="attribute_not_exists(PK)")
        transaction.put(
            audit_item(
                partition=customer_pk(quote.customer_id),
                actor=actor,
                action=CustomerHistoryAction.QUOTE_CREATED,
                at=quote.created_at,
                subject=quote.quote_id,
                after={
                    "number": quote.number,
                    "title": quote.title,
                    "total": as_text(quote.total_minor, quote.currency),
                },
            )
        )
        self.table.transact(transaction, conflict_message="The customer no longer exists")

    def get(self, customer_id: str, quote_id: str) -> Quote | None:
        if not (is_id(customer_id) and is_id(quote_id)):
            return None
        item = self.table.get(customer_pk(customer_id), quote_sk(quote_id), consistent=True)
        return model_of(Quote, item) if item else None

    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[Quote], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix="QUOTE#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=viewer,
        )
        return [model_of(Quote, item) for item in page.items], page.cursor

    def decide(
        self,
        before: Quote,
        after: Quote,
        *,
        actor: str,
        today: date,
        action: CustomerHistoryAction,
        side_effects: Sequence[SideEffect],
    ) -> None:
        """Once, before it expires: conditioned on the version read, the quote still open and its last day not past."""
        at = after.decided_at or after.created_at
        transaction = Transaction()
        transaction.put(
            _item(after),
            condition="version = :read AND #status = :open AND valid_until >= :today",
            values={":read": before.version, ":open": "open", ":today": today.isoformat()},
            names={"#status": "status"},
        )
        transaction.put(
            audit_item(
                partition=customer_pk(after.customer_id),
                actor=actor,
                action=action,
                at=at,
                subject=after.quote_id,
                before={"status": before.status.value},
                after={"status": after.status.value, **({"reason": after.reason} if after.reason else {})},
            )
        )
        enqueue(transaction, side_effects, at=at)
        self.table.transact(transaction, conflict_message="The quote was decided on meanwhile, or has expired")


def _item(quote: Quote) -> Item:
    return item_of(quote, pk=customer_pk(quote.customer_id), sk=quote_sk(quote.quote_id), kind="quote")
