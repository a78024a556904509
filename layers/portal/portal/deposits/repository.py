"""Deposit slips live in their customer's partition under ULIDs, newest read first. A bag number is held by one
slip at a time through a guard item written in the slip's transaction and released by its reversal; each slip is
listed in the history partitions of its status and department (portal.histories), and found by its bag number
(GSI2), reversed slips included."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from typing import Protocol

from portal import histories
from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.deposits.models import Deposit, DepositFilters, DepositRow
from portal.money import as_text
from portal.notifications.email import EmailMessage
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of

DEPOSIT, BAG = "DEPOSIT", "BAG"


class DepositRepository(Protocol):
    def get(self, customer_id: str, deposit_id: str) -> Deposit | None: ...
    def of_customer(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[Deposit], str | None]: ...
    def bag_registered(self, customer_id: str, bag_number: str) -> bool: ...
    def search(
        self,
        customer_id: str,
        filters: DepositFilters,
        dates: tuple[date, date],
        *,
        principal: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[DepositRow], str | None]: ...
    def slips_of_bag(self, customer_id: str, bag_number: str) -> list[Deposit]: ...
    def each_row(self, customer_id: str, filters: DepositFilters, dates: tuple[date, date]) -> Iterator[DepositRow]: ...
    def register(self, deposit: Deposit, *, actor: str) -> None: ...
    def reverse(self, before: Deposit, after: Deposit, *, actor: str) -> None: ...
    def record_counting(
        self, before: Deposit, after: Deposit, *, actor: str, emails: Sequence[EmailMessage]
    ) -> None: ...


class DynamoDepositRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, customer_id: str, deposit_id: str) -> Deposit | None:
        if not (is_id(customer_id) and is_id(deposit_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key(DEPOSIT, deposit_id))
        return model_of(Deposit, item) if item else None

    def of_customer(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[Deposit], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix=f"{DEPOSIT}#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=principal,
        )
        return [model_of(Deposit, item) for item in page.items], page.cursor

    def bag_registered(self, customer_id: str, bag_number: str) -> bool:
        return self.table.get(customer_pk(customer_id), key(BAG, bag_number), consistent=True) is not None

    def search(
        self,
        customer_id: str,
        filters: DepositFilters,
        dates: tuple[date, date],
        *,
        principal: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[DepositRow], str | None]:
        """One page of the customer's slips dated within `dates`, newest first, from the partition of its filters."""
        return histories.page(
            self.table,
            DepositRow,
            pk=_partition(customer_id, filters),
            dates=dates,
            principal=principal,
            limit=limit,
            cursor=cursor,
        )

    def each_row(self, customer_id: str, filters: DepositFilters, dates: tuple[date, date]) -> Iterator[DepositRow]:
        """Every row a report covers, oldest first, read a page at a time."""
        return histories.each_row(self.table, DepositRow, pk=_partition(customer_id, filters), dates=dates)

    def slips_of_bag(self, customer_id: str, bag_number: str) -> list[Deposit]:
        """Every slip of one bag, reversed ones included, newest first (a bag has one or a few)."""
        if not is_id(customer_id):
            return []
        items = self.table.query_all(pk=key("DEPOSITBAG", customer_id, bag_number), index="GSI2")
        return sorted((model_of(Deposit, item) for item in items), key=lambda found: found.deposit_id, reverse=True)

    def register(self, deposit: Deposit, *, actor: str) -> None:
        """The slip, its hold on the bag number and its history entry; refused if the bag number was registered
        meanwhile (or the customer is gone)."""
        partition = customer_pk(deposit.customer_id)
        transaction = Transaction()
        transaction.check(partition, "CUSTOMER", condition="attribute_exists(PK)")
        transaction.put(_deposit_item(deposit), condition="attribute_not_exists(PK)")
        histories.write(transaction, [], _rows(deposit))
        transaction.put(
            {"PK": partition, "SK": key(BAG, deposit.bag_number), "type": "bag", "deposit_id": deposit.deposit_id},
            condition="attribute_not_exists(PK)",
        )
        transaction.put(
            audit_item(
                partition=partition,
                actor=actor,
                action=CustomerHistoryAction.DEPOSIT_REGISTERED,
                at=deposit.registered_at,
                subject=deposit.deposit_id,
                after={"bag_number": deposit.bag_number, "total": as_text(deposit.total, deposit.currency)},
            )
        )
        self.table.transact(
            transaction, conflict_message=f"Bag {deposit.bag_number} was registered meanwhile; reload and check"
        )

    def reverse(self, before: Deposit, after: Deposit, *, actor: str) -> None:
        """The slip marked reversed (if still as read) and the bag number released, with the history entry."""
        assert after.reversal is not None
        partition = customer_pk(after.customer_id)
        transaction = Transaction()
        transaction.put(_deposit_item(after), condition="version = :read", values={":read": before.version})
        histories.write(transaction, _rows(before), _rows(after))
        transaction.delete(
            partition,
            key(BAG, after.bag_number),
            condition="deposit_id = :deposit",
            values={":deposit": after.deposit_id},
        )
        transaction.put(
            audit_item(
                partition=partition,
                actor=actor,
                action=CustomerHistoryAction.DEPOSIT_REVERSED,
                at=after.reversal.reversed_at,
                subject=after.deposit_id,
                before={"status": before.status.value},
                after={"status": after.status.value, "bag_number": after.bag_number, "reason": after.reversal.reason},
            )
        )
        self.table.transact(transaction, conflict_message="The deposit was changed meanwhile; reload and try again")

    def record_counting(self, before: Deposit, after: Deposit, *, actor: str, emails: Sequence[EmailMessage]) -> None:
        """The counting on the slip (if still as read), its history entry and its e-mails, together."""
        from portal.notifications.repository import enqueue

        assert after.counting is not None
        partition = customer_pk(after.customer_id)
        transaction = Transaction()
        transaction.put(_deposit_item(after), condition="version = :read", values={":read": before.version})
        histories.write(transaction, _rows(before), _rows(after))
        transaction.put(
            audit_item(
                partition=partition,
                actor=actor,
                action=CustomerHistoryAction.DEPOSIT_COUNTED,
                at=after.counting.counted_at,
                subject=after.deposit_id,
                before={"status": before.status.value},
                after={
                    "status": after.status.value,
                    "bag_number": after.bag_number,
                    "counted": as_text(after.counting.total, after.currency),
                    "difference": as_text(after.counting.difference, after.currency),
                },
            )
        )
        enqueue(transaction, emails, at=after.counting.counted_at)
        self.table.transact(transaction, conflict_message="The deposit was changed meanwhile; reload and try again")


def _deposit_item(deposit: Deposit) -> Item:
    return item_of(
        deposit,
        pk=customer_pk(deposit.customer_id),
        sk=key(DEPOSIT, deposit.deposit_id),
        kind="deposit",
        GSI2PK=key("DEPOSITBAG", deposit.customer_id, deposit.bag_number),
        GSI2SK=deposit.deposit_id,
    )


def _facets(deposit: Deposit | DepositFilters) -> dict[str, str | None]:
    return {"status": deposit.status.value if deposit.status else None, "department": deposit.department_id}


def _partition(customer_id: str, filters: DepositFilters) -> str:
    return histories.partition(DEPOSIT, customer_id, _facets(filters))


def _rows(deposit: Deposit) -> list[Item]:
    """The slip's row in the history partitions of its status and department (DEP-2)."""
    row = DepositRow.of(deposit).model_dump(mode="json")
    return histories.index_items(
        DEPOSIT, deposit.customer_id, deposit.deposit_id, deposit.deposit_date, _facets(deposit), row
    )
