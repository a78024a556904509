"""Orders live in their customer's partition under time-ordered keys (ULIDs), newest read first; every order
placed or changed leaves an entry in the customer's history, in the same transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol

from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk, put_changed_with_history, put_new_with_history
from portal.history import FieldChange
from portal.money import as_text
from portal.orders.models import CashAgreement, ChangeOrder, SuppliesOrder
from portal.store import Item, Table, item_of, key, model_of


class OrderRepository(Protocol):
    def next_number(self, customer_id: str) -> int: ...
    def place(self, order: SuppliesOrder, *, actor: str) -> None: ...
    def get(self, customer_id: str, order_id: str) -> SuppliesOrder | None: ...
    def of_customer(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[SuppliesOrder], str | None]: ...
    def update(
        self,
        before: SuppliesOrder,
        after: SuppliesOrder,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
    ) -> None: ...

    def cash_agreement(self, customer_id: str) -> CashAgreement | None: ...
    def save_cash_agreement(
        self, before: CashAgreement, after: CashAgreement, *, actor: str, changes: list[FieldChange], at: datetime
    ) -> None: ...
    def place_change_order(self, order: ChangeOrder, *, actor: str) -> None: ...
    def change_order(self, customer_id: str, order_id: str) -> ChangeOrder | None: ...
    def change_orders_of(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[ChangeOrder], str | None]: ...
    def update_change_order(
        self,
        before: ChangeOrder,
        after: ChangeOrder,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
        at: datetime,
    ) -> None: ...


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

    def place(self, order: SuppliesOrder, *, actor: str) -> None:
        put_new_with_history(
            self.table,
            _item(order),
            customer_id=order.customer_id,
            subject=order.order_id,
            actor=actor,
            action=CustomerHistoryAction.ORDER_PLACED,
            at=order.placed_at,
            after={"number": order.number, "kind": order.kind, "lines": len(order.lines)},
        )

    def get(self, customer_id: str, order_id: str) -> SuppliesOrder | None:
        if not (is_id(customer_id) and is_id(order_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key("ORDER", order_id))
        return model_of(SuppliesOrder, item) if item else None

    def of_customer(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[SuppliesOrder], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix="ORDER#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=principal,
        )
        return [model_of(SuppliesOrder, item) for item in page.items], page.cursor

    def update(
        self,
        before: SuppliesOrder,
        after: SuppliesOrder,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
    ) -> None:
        put_changed_with_history(
            self.table,
            _item(after),
            customer_id=after.customer_id,
            subject=after.order_id,
            actor=actor,
            action=action,
            at=after.delivered_at or after.placed_at,
            changes=changes,
            read_version=before.version,
            what="order",
        )

    # -- change orders (ORD-2) -----------------------------------------------------------------------------------

    def cash_agreement(self, customer_id: str) -> CashAgreement | None:
        item = self.table.get(customer_pk(customer_id), "CASH_AGREEMENT")
        return model_of(CashAgreement, item) if item else None

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

    def place_change_order(self, order: ChangeOrder, *, actor: str) -> None:
        put_new_with_history(
            self.table,
            _change_item(order),
            customer_id=order.customer_id,
            subject=order.order_id,
            actor=actor,
            action=CustomerHistoryAction.ORDER_PLACED,
            at=order.placed_at,
            after={"number": order.number, "kind": order.kind, "total": as_text(order.total, order.currency)},
        )

    def change_order(self, customer_id: str, order_id: str) -> ChangeOrder | None:
        if not (is_id(customer_id) and is_id(order_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key("CHANGE", order_id))
        return model_of(ChangeOrder, item) if item else None

    def change_orders_of(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[ChangeOrder], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix="CHANGE#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=principal,
        )
        return [model_of(ChangeOrder, item) for item in page.items], page.cursor

    def update_change_order(
        self,
        before: ChangeOrder,
        after: ChangeOrder,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
        at: datetime,
    ) -> None:
        put_changed_with_history(
            self.table,
            _change_item(after),
            customer_id=after.customer_id,
            subject=after.order_id,
            actor=actor,
            action=action,
            at=at,
            changes=changes,
            read_version=before.version,
            what="order",
        )


def _item(order: SuppliesOrder) -> Item:
    return item_of(order, pk=customer_pk(order.customer_id), sk=key("ORDER", order.order_id), kind="order")


def _change_item(order: ChangeOrder) -> Item:
    return item_of(order, pk=customer_pk(order.customer_id), sk=key("CHANGE", order.order_id), kind="change_order")
