"""Orders live in their customer's partition under time-ordered keys (ULIDs), newest read first; every order
placed or changed leaves an entry in the customer's history, in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Protocol

from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk, put_changed_with_history, put_new_with_history
from portal.errors import Conflict
from portal.history import FieldChange
from portal.money import as_text
from portal.orders.models import CashAgreement, ChangeOrder, Contract, ServiceOrder, SuppliesOrder
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of

if TYPE_CHECKING:
    from portal.notifications.repository import SideEffect


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

    def contracts(self, customer_id: str) -> list[Contract]: ...
    def contract(self, customer_id: str, contract_id: str) -> Contract | None: ...
    def create_contract(self, contract: Contract, *, actor: str) -> None: ...
    def update_contract(self, before: Contract, after: Contract, *, actor: str, changes: list[FieldChange]) -> None: ...
    def service_order_key(self, customer_id: str, order_id: str) -> dict[str, dict[str, str]]: ...
    def place_service_order(self, order: ServiceOrder, *, actor: str, side_effects: Sequence[SideEffect]) -> None: ...
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

    # -- contracts and service orders (ORD-3) ----------------------------------------------------------------------

    def contracts(self, customer_id: str) -> list[Contract]:
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix="CONTRACT#")
        return sorted((model_of(Contract, item) for item in items), key=lambda found: found.name.casefold())

    def contract(self, customer_id: str, contract_id: str) -> Contract | None:
        if not (is_id(customer_id) and is_id(contract_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key("CONTRACT", contract_id))
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
        return {"PK": {"S": customer_pk(customer_id)}, "SK": {"S": key("SERVICE", order_id)}}

    def place_service_order(self, order: ServiceOrder, *, actor: str, side_effects: Sequence[SideEffect]) -> None:
        from portal.notifications.repository import enqueue

        transaction = Transaction()
        transaction.check(customer_pk(order.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
        transaction.put(_service_item(order), condition="attribute_not_exists(PK)")
        transaction.put(
            audit_item(
                partition=customer_pk(order.customer_id),
                actor=actor,
                action=CustomerHistoryAction.ORDER_PLACED,
                at=order.placed_at,
                subject=order.order_id,
                after={"number": order.number, "kind": order.kind, "product_group": order.product_group},
            )
        )
        enqueue(transaction, side_effects, at=order.placed_at)
        self.table.transact(transaction, conflict_message="The customer no longer exists")

    def service_order(self, customer_id: str, order_id: str) -> tuple[ServiceOrder, str | None] | None:
        """The order, and the task token of the workflow step waiting for it (None while none waits)."""
        if not (is_id(customer_id) and is_id(order_id)):
            return None
        item = self.table.get(customer_pk(customer_id), key("SERVICE", order_id), consistent=True)
        if item is None:
            return None
        return model_of(ServiceOrder, item), item.get("task_token")

    def service_orders_of(
        self, customer_id: str, *, principal: str, limit: int, cursor: str | None
    ) -> tuple[list[ServiceOrder], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix="SERVICE#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=principal,
        )
        return [model_of(ServiceOrder, item) for item in page.items], page.cursor

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
            key("SERVICE", after.order_id),
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


def _item(order: SuppliesOrder) -> Item:
    return item_of(order, pk=customer_pk(order.customer_id), sk=key("ORDER", order.order_id), kind="order")


def _change_item(order: ChangeOrder) -> Item:
    return item_of(order, pk=customer_pk(order.customer_id), sk=key("CHANGE", order.order_id), kind="change_order")


def _contract_item(contract: Contract) -> Item:
    return item_of(
        contract, pk=customer_pk(contract.customer_id), sk=key("CONTRACT", contract.contract_id), kind="contract"
    )


def _service_item(order: ServiceOrder) -> Item:
    return item_of(order, pk=customer_pk(order.customer_id), sk=key("SERVICE", order.order_id), kind="service_order")
