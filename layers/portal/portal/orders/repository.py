"""Orders live in their customer's partition under time-ordered keys (ULIDs), newest read first; every order
placed or changed leaves an entry in the customer's history, in the same transaction."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

from portal import histories
from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk, put_changed_with_history, put_new_with_history
from portal.errors import Conflict
from portal.history import FieldChange, before_and_after
from portal.money import as_text
from portal.orders.models import (
    CashAgreement,
    ChangeOrder,
    Contract,
    OrderFilters,
    OrderRow,
    ServiceOrder,
    SuppliesOrder,
)
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of

if TYPE_CHECKING:
    from pydantic import BaseModel

    from portal.notifications.repository import SideEffect

M = TypeVar("M", SuppliesOrder, ChangeOrder, ServiceOrder)

# The sort-key prefix of each kind of record under a customer.
SUPPLIES, CHANGE, SERVICE, CONTRACT = "ORDER", "CHANGE", "SERVICE", "CONTRACT"
_MODELS: dict[str, type[SuppliesOrder | ChangeOrder | ServiceOrder]] = {
    SUPPLIES: SuppliesOrder,
    CHANGE: ChangeOrder,
    SERVICE: ServiceOrder,
}


Order = SuppliesOrder | ChangeOrder


class OrderRepository(Protocol):
    def next_number(self, customer_id: str) -> int: ...
    def place(self, order: Order | ServiceOrder, *, actor: str, side_effects: Sequence[SideEffect] = ()) -> None: ...
    def update(
        self,
        before: Order,
        after: Order,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
        at: datetime,
    ) -> None: ...
    def get(self, customer_id: str, order_id: str) -> SuppliesOrder | None: ...
    def any_order(self, customer_id: str, order_id: str) -> SuppliesOrder | ChangeOrder | ServiceOrder | None: ...
    def of_customer(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[SuppliesOrder], str | None]: ...
    def cash_agreement(self, customer_id: str) -> CashAgreement: ...
    def save_cash_agreement(
        self, before: CashAgreement, after: CashAgreement, *, actor: str, changes: list[FieldChange], at: datetime
    ) -> None: ...
    def change_order(self, customer_id: str, order_id: str) -> ChangeOrder | None: ...
    def change_orders_of(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[ChangeOrder], str | None]: ...

    def contracts(self, customer_id: str) -> list[Contract]: ...
    def contract(self, customer_id: str, contract_id: str) -> Contract | None: ...
    def create_contract(self, contract: Contract, *, actor: str) -> None: ...
    def update_contract(self, before: Contract, after: Contract, *, actor: str, changes: list[FieldChange]) -> None: ...
    def service_order_key(self, customer_id: str, order_id: str) -> dict[str, dict[str, str]]: ...
    def service_order(self, customer_id: str, order_id: str) -> tuple[ServiceOrder, str | None] | None: ...
    def service_orders_of(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[ServiceOrder], str | None]: ...
    def move_service_order(
        self, before: ServiceOrder, after: ServiceOrder, *, task_token: str, actor: str, at: datetime
    ) -> bool: ...
    def record_reminder(
        self, before: ServiceOrder, after: ServiceOrder, *, at: datetime, emails: Sequence[SideEffect]
    ) -> bool: ...
    def record_progress(self, before: ServiceOrder, after: ServiceOrder, *, actor: str, at: datetime) -> None: ...
    def history(
        self,
        customer_id: str,
        filters: OrderFilters,
        dates: tuple[date, date],
        *,
        principal: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[OrderRow], str | None]: ...
    def by_key(self, customer_id: str, *, number: int | None, reference: str | None) -> list[OrderRow]: ...
    def each_row(self, customer_id: str, filters: OrderFilters, dates: tuple[date, date]) -> Iterator[OrderRow]: ...


class DynamoOrderRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def next_number(self, customer_id: str) -> int:
        """The customer's next order number. An atomic counter: two orders placed at once never share a number
        (a number whose order then fails to be written is skipped, never reused)."""
        counter = self.table.update(
            customer_pk(customer_id), "ORDERSEQ", expression="ADD last_number :one", values={":one": 1}
        )
        return int(counter["last_number"])

    def place(self, order: Order | ServiceOrder, *, actor: str, side_effects: Sequence[SideEffect] = ()) -> None:
        """A new order of any kind: the order, its history rows, its entry in the customer's history and its side
        effects (e-mails, events), in one transaction; refused if the customer is gone."""
        from portal.notifications.repository import enqueue

        summary: dict[str, object] = {"number": order.number, "kind": order.kind}
        if isinstance(order, ChangeOrder):
            summary["total"] = as_text(order.total, order.currency)
        elif isinstance(order, ServiceOrder):
            summary["product_group"] = order.product_group
        else:
            summary["lines"] = len(order.lines)
        transaction = Transaction()
        transaction.check(customer_pk(order.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
        transaction.put(_order_item(order), condition="attribute_not_exists(PK)")
        _write_rows(transaction, None, order)
        transaction.put(
            audit_item(
                partition=customer_pk(order.customer_id),
                actor=actor,
                action=CustomerHistoryAction.ORDER_PLACED,
                at=order.placed_at,
                subject=order.order_id,
                after=summary,
            )
        )
        enqueue(transaction, side_effects, at=order.placed_at)
        self.table.transact(transaction, conflict_message="The customer no longer exists")

    def update(
        self,
        before: Order,
        after: Order,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
        at: datetime,
    ) -> None:
        old, new = before_and_after(changes)
        transaction = Transaction()
        transaction.put(_order_item(after), condition="version = :read", values={":read": before.version})
        _write_rows(transaction, before, after)
        transaction.put(
            audit_item(
                partition=customer_pk(after.customer_id),
                actor=actor,
                action=action,
                at=at,
                subject=after.order_id,
                before=old,
                after=new,
            )
        )
        self.table.transact(
            transaction, conflict_message="The order was changed by someone else meanwhile; reload and try again"
        )

    def history(
        self,
        customer_id: str,
        filters: OrderFilters,
        dates: tuple[date, date],
        *,
        principal: str,
        limit: int,
        cursor: str | None,
    ) -> tuple[list[OrderRow], str | None]:
        """One page of the customer's orders placed within `dates`, newest first, from the partition of its filters
        (ORD-4)."""
        return histories.page(
            self.table,
            OrderRow,
            pk=_history_partition(customer_id, filters),
            dates=dates,
            principal=principal,
            limit=limit,
            cursor=cursor,
        )

    def each_row(self, customer_id: str, filters: OrderFilters, dates: tuple[date, date]) -> Iterator[OrderRow]:
        """Every row a report covers, oldest first, read a page at a time."""
        return histories.each_row(self.table, OrderRow, pk=_history_partition(customer_id, filters), dates=dates)

    def by_key(self, customer_id: str, *, number: int | None, reference: str | None) -> list[OrderRow]:
        """The order with a number, or the orders with a customer reference (exactly), whatever their date."""
        if not is_id(customer_id):
            return []
        if number is not None:
            items = self.table.query_all(pk=key("ORDERNO", customer_id, str(number)), index="GSI2")
        else:
            items = self.table.query_all(pk=_reference_key(customer_id, reference or ""), index="GSI1")
        return sorted((_row(item) for item in items), key=lambda row: row.placed_at, reverse=True)

    def get(self, customer_id: str, order_id: str) -> SuppliesOrder | None:
        item = self._record(customer_id, SUPPLIES, order_id)
        return model_of(SuppliesOrder, item) if item else None

    def any_order(self, customer_id: str, order_id: str) -> SuppliesOrder | ChangeOrder | ServiceOrder | None:
        """An order whatever its kind, in one request: its id is unique across kinds (a ULID)."""
        if not (is_id(customer_id) and is_id(order_id)):
            return None
        keys = [(customer_pk(customer_id), key(kind, order_id)) for kind in (SUPPLIES, CHANGE, SERVICE)]
        for item in self.table.batch_get(keys):
            return model_of(_MODELS[str(item["SK"]).split("#", 1)[0]], item)
        return None

    def of_customer(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[SuppliesOrder], str | None]:
        return self._newest(SuppliesOrder, customer_id, SUPPLIES, principal=principal, limit=limit, cursor=cursor)

    def _record(self, customer_id: str, kind: str, record_id: str, *, consistent: bool = False) -> Item | None:
        """One record kept under its customer; ids that cannot be ids are not looked up."""
        if not (is_id(customer_id) and is_id(record_id)):
            return None
        return self.table.get(customer_pk(customer_id), key(kind, record_id), consistent=consistent)

    def _newest(
        self, model: type[M], customer_id: str, kind: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[M], str | None]:
        """One page of a customer's records of a kind, newest first (their keys are ULIDs)."""
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix=f"{kind}#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=principal,
        )
        return [model_of(model, item) for item in page.items], page.cursor

    # -- change orders (ORD-2) -----------------------------------------------------------------------------------

    def cash_agreement(self, customer_id: str) -> CashAgreement:
        """What is agreed; without an agreement, nothing (version 0: no weekday, no credit)."""
        item = self.table.get(customer_pk(customer_id), "CASH_AGREEMENT")
        return model_of(CashAgreement, item) if item else CashAgreement(customer_id=customer_id)

    def save_cash_agreement(
        self, before: CashAgreement, after: CashAgreement, *, actor: str, changes: list[FieldChange], at: datetime
    ) -> None:
        item = item_of(after, pk=customer_pk(after.customer_id), sk="CASH_AGREEMENT", kind="cash_agreement")
        action = CustomerHistoryAction.CASH_AGREEMENT_CHANGED
        customer_id = after.customer_id
        if before.version == 0:
            after_values = {change.field: change.after for change in changes}
            put_new_with_history(
                self.table,
                item,
                customer_id=customer_id,
                subject=customer_id,
                actor=actor,
                action=action,
                at=at,
                after=after_values,
            )
        else:
            put_changed_with_history(
                self.table,
                item,
                customer_id=customer_id,
                subject=customer_id,
                actor=actor,
                action=action,
                at=at,
                changes=changes,
                read_version=before.version,
                what="cash agreement",
            )

    def change_order(self, customer_id: str, order_id: str) -> ChangeOrder | None:
        item = self._record(customer_id, CHANGE, order_id)
        return model_of(ChangeOrder, item) if item else None

    def change_orders_of(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[ChangeOrder], str | None]:
        return self._newest(ChangeOrder, customer_id, CHANGE, principal=principal, limit=limit, cursor=cursor)

    # -- contracts and service orders (ORD-3) ----------------------------------------------------------------------

    def contracts(self, customer_id: str) -> list[Contract]:
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix=f"{CONTRACT}#")
        return sorted((model_of(Contract, item) for item in items), key=lambda found: found.name.casefold())

    def contract(self, customer_id: str, contract_id: str) -> Contract | None:
        item = self._record(customer_id, CONTRACT, contract_id)
        return model_of(Contract, item) if item else None

    def create_contract(self, contract: Contract, *, actor: str) -> None:
        put_new_with_history(
            self.table,
            _contract_item(contract),
            customer_id=contract.customer_id,
            subject=contract.contract_id,
            actor=actor,
            action=CustomerHistoryAction.CONTRACT_CREATED,
            at=contract.created_at,
            after=contract.model_dump(mode="json", include={"name", "number", "product_groups", "customer_approval"}),
        )

    def update_contract(self, before: Contract, after: Contract, *, actor: str, changes: list[FieldChange]) -> None:
        put_changed_with_history(
            self.table,
            _contract_item(after),
            customer_id=after.customer_id,
            subject=after.contract_id,
            actor=actor,
            action=CustomerHistoryAction.CONTRACT_UPDATED,
            at=after.updated_at,
            changes=changes,
            read_version=before.version,
            what="contract",
        )

    @staticmethod
    def service_order_key(customer_id: str, order_id: str) -> dict[str, dict[str, str]]:
        """The order's key as a state machine's DynamoDB task names it."""
        return {"PK": {"S": customer_pk(customer_id)}, "SK": {"S": key(SERVICE, order_id)}}

    def service_order(self, customer_id: str, order_id: str) -> tuple[ServiceOrder, str | None] | None:
        """The order, and the task token of the workflow step waiting for it (None while none waits)."""
        item = self._record(customer_id, SERVICE, order_id, consistent=True)
        return (model_of(ServiceOrder, item), item.get("task_token")) if item else None

    def service_orders_of(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[ServiceOrder], str | None]:
        return self._newest(ServiceOrder, customer_id, SERVICE, principal=principal, limit=limit, cursor=cursor)

    def move_service_order(
        self, before: ServiceOrder, after: ServiceOrder, *, task_token: str, actor: str, at: datetime
    ) -> bool:
        """The order in its next status, if it is still the version read and its step still waits with this token
        (the token goes with the write: the next step stores its own). False when someone else moved it first."""
        transaction = Transaction()
        transaction.put(
            _service_item(after),
            condition="version = :read AND task_token = :token",
            values={":read": before.version, ":token": task_token},
        )
        _write_rows(transaction, before, after)
        transaction.put(
            audit_item(
                partition=customer_pk(after.customer_id),
                actor=actor,
                action=CustomerHistoryAction.ORDER_STATUS_CHANGED,
                at=at,
                subject=after.order_id,
                before={"status": before.status.value},
                after={"status": after.status.value, "number": after.number},
            )
        )
        try:
            self.table.transact(transaction)
        except Conflict:
            return False
        return True

    def record_reminder(
        self, before: ServiceOrder, after: ServiceOrder, *, at: datetime, emails: Sequence[SideEffect]
    ) -> bool:
        """The reminder on the order (keeping the waiting step's token) and its e-mails, or nothing if the order
        moved meanwhile."""
        from portal.notifications.repository import enqueue

        entry = after.timeline[-1].model_dump(mode="json")
        transaction = Transaction()
        transaction.update(
            customer_pk(after.customer_id),
            key(SERVICE, after.order_id),
            expression="SET reminders = :reminders, version = :next, timeline = list_append(timeline, :entry)",
            values={
                ":reminders": after.reminders,
                ":next": after.version,
                ":entry": [entry],
                ":read": before.version,
                ":waiting": before.status.value,
            },
            names={"#status": "status"},
            condition="version = :read AND #status = :waiting",
        )
        enqueue(transaction, emails, at=at)
        try:
            self.table.transact(transaction)
        except Conflict:
            return False
        return True

    def record_progress(self, before: ServiceOrder, after: ServiceOrder, *, actor: str, at: datetime) -> None:
        """The order's own state moved on (keeping its workflow step's token), with its history entry; refused if
        the order changed meanwhile."""
        transaction = Transaction()
        transaction.update(
            customer_pk(after.customer_id), key(SERVICE, after.order_id), **_progress_update(before, after)
        )
        transaction.put(
            audit_item(
                partition=customer_pk(after.customer_id),
                actor=actor,
                action=CustomerHistoryAction.ORDER_STATUS_CHANGED,
                at=at,
                subject=after.order_id,
                before={"progress": before.progress.value},
                after={"progress": after.progress.value, "number": after.number},
            )
        )
        self.table.transact(transaction, conflict_message="The order was changed meanwhile; reload and try again")


def _in_customer(record: BaseModel, customer_id: str, kind: str, record_id: str, type_name: str) -> Item:
    return item_of(record, pk=customer_pk(customer_id), sk=key(kind, record_id), kind=type_name)


def _order_item(order: Order | ServiceOrder) -> Item:
    if isinstance(order, ServiceOrder):
        return _service_item(order)
    if isinstance(order, ChangeOrder):
        return {**_in_customer(order, order.customer_id, CHANGE, order.order_id, "change_order"), **_number(order)}
    return {**_in_customer(order, order.customer_id, SUPPLIES, order.order_id, "order"), **_number(order)}


def _contract_item(contract: Contract) -> Item:
    return _in_customer(contract, contract.customer_id, CONTRACT, contract.contract_id, "contract")


def _service_item(order: ServiceOrder) -> Item:
    return {**_in_customer(order, order.customer_id, SERVICE, order.order_id, "service_order"), **_number(order)}


def _progress_update(before: ServiceOrder, after: ServiceOrder) -> dict[str, Any]:
    return {
        "expression": "SET progress = :progress, version = :next, timeline = list_append(timeline, :entry)",
        "values": {
            ":progress": after.progress.value,
            ":next": after.version,
            ":entry": [after.timeline[-1].model_dump(mode="json")],
            ":read": before.version,
        },
        "condition": "version = :read",
    }


ORDERS = "ORDER"


def _number(order: Order | ServiceOrder) -> Item:
    """An order found by its number (GSI2) and, with a customer reference, by that (GSI1): ORD-4's exact keys."""
    keys: Item = {"GSI2PK": key("ORDERNO", order.customer_id, str(order.number)), "GSI2SK": order.order_id}
    if isinstance(order, ServiceOrder) and order.customer_reference:
        keys.update(GSI1PK=_reference_key(order.customer_id, order.customer_reference), GSI1SK=order.order_id)
    return keys


def _history_partition(customer_id: str, filters: OrderFilters) -> str:
    chosen = {"status": filters.status, "department": filters.department_id, "product_group": filters.product_group}
    return histories.partition(ORDERS, customer_id, chosen)


def _reference_key(customer_id: str, reference: str) -> str:
    return key("ORDERREF", customer_id, reference.strip().casefold())


_KINDS: dict[str, type[SuppliesOrder] | type[ChangeOrder] | type[ServiceOrder]] = {
    "order": SuppliesOrder,
    "change_order": ChangeOrder,
    "service_order": ServiceOrder,
}


def _row(item: Item) -> OrderRow:
    return OrderRow.of(model_of(_KINDS[item["type"]], item))


def _rows(order: Order | ServiceOrder) -> list[Item]:
    """The order's row in the history partitions of its status (and a service order's department and product
    group), under the day it was placed (ORD-4, decision 0013)."""
    row = OrderRow.of(order)
    facets = {"status": row.status, "department": row.department_id, "product_group": row.product_group}
    return histories.index_items(
        ORDERS, order.customer_id, order.order_id, row.placed_on, facets, row.model_dump(mode="json")
    )


def _write_rows(transaction: Transaction, before: Order | ServiceOrder | None, after: Order | ServiceOrder) -> None:
    histories.write(transaction, _rows(before) if before is not None else [], _rows(after))
