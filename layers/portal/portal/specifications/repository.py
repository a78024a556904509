"""Invoice specifications in their customer's partition, made of the closed work the case change wrote there."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.money import as_text
from portal.notifications.repository import SideEffect, enqueue
from portal.specifications.models import (
    ClosedWork,
    InvoiceSpecification,
    SpecificationStatus,
    SpecificationSummary,
    SpecifiedWork,
)
from portal.store import Item, Table, Transaction, audit_item, item_of, key, model_of


def closed_work_sk(work: ClosedWork) -> str:
    return key("CLOSEDWO", work.closed_on.isoformat(), work.work_order_id)


def closed_work_item(customer_id: str, work: ClosedWork) -> Item:
    return item_of(work, pk=customer_pk(customer_id), sk=closed_work_sk(work), kind="closed_work")


def _closed_work_key(customer_id: str, work: SpecifiedWork) -> tuple[str, str]:
    return customer_pk(customer_id), key("CLOSEDWO", work.closed_on.isoformat(), work.work_order_id)


def specification_sk(specification_id: str) -> str:
    return key("INVSPEC", specification_id)


class SpecificationRepository(Protocol):
    def closed_work(self, customer_id: str, period: tuple[date, date]) -> list[ClosedWork]: ...
    def get(self, customer_id: str, specification_id: str) -> InvoiceSpecification | None: ...
    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[SpecificationSummary], str | None]: ...
    def publish(self, specification: InvoiceSpecification, *, actor: str) -> None: ...
    def review(
        self,
        before: InvoiceSpecification,
        after: InvoiceSpecification,
        *,
        actor: str,
        action: CustomerHistoryAction,
        side_effects: Sequence[SideEffect],
    ) -> None: ...


class DynamoSpecificationRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def closed_work(self, customer_id: str, period: tuple[date, date]) -> list[ClosedWork]:
        """The work orders of the customer closed within the period, oldest first (read whole: a period's work)."""
        items = []
        between = (key("CLOSEDWO", period[0].isoformat(), ""), key("CLOSEDWO", period[1].isoformat(), "~"))
        for page in self.table.each(pk=customer_pk(customer_id), sk_between=between):
            items.extend(page)
        return [model_of(ClosedWork, item) for item in items]

    def get(self, customer_id: str, specification_id: str) -> InvoiceSpecification | None:
        if not (is_id(customer_id) and is_id(specification_id)):
            return None
        item = self.table.get(customer_pk(customer_id), specification_sk(specification_id), consistent=True)
        return model_of(InvoiceSpecification, item) if item else None

    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[SpecificationSummary], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix="INVSPEC#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=viewer,
        )
        return [model_of(SpecificationSummary, item) for item in page.items], page.cursor

    def publish(self, specification: InvoiceSpecification, *, actor: str) -> None:
        transaction = Transaction()
        transaction.check(customer_pk(specification.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
        transaction.put(_item(specification), condition="attribute_not_exists(PK)")
        for work in specification.work:  # each closed work order is billed in one specification only
            transaction.update(
                *_closed_work_key(specification.customer_id, work),
                expression="SET specification_id = :id",
                condition="attribute_exists(PK) AND attribute_not_exists(specification_id)",
                values={":id": specification.specification_id},
            )
        transaction.put(
            audit_item(
                partition=customer_pk(specification.customer_id),
                actor=actor,
                action=CustomerHistoryAction.INVOICE_SPECIFICATION_PUBLISHED,
                at=specification.published_at,
                subject=specification.specification_id,
                after=_summary_of(specification),
            )
        )
        self.table.transact(
            transaction, conflict_message="Some of the work was specified meanwhile, or the customer is gone; try again"
        )

    def review(
        self,
        before: InvoiceSpecification,
        after: InvoiceSpecification,
        *,
        actor: str,
        action: CustomerHistoryAction,
        side_effects: Sequence[SideEffect],
    ) -> None:
        """Once: the review is a put conditioned on the version read and on the specification still waiting."""
        at = after.reviewed_at or after.published_at
        transaction = Transaction()
        transaction.put(
            _item(after),
            condition="version = :read AND #status = :published",
            values={":read": before.version, ":published": "published"},
            names={"#status": "status"},
        )
        transaction.put(
            audit_item(
                partition=customer_pk(after.customer_id),
                actor=actor,
                action=action,
                at=at,
                subject=after.specification_id,
                before={"status": before.status.value},
                after={"status": after.status.value, **({"comment": after.comment} if after.comment else {})},
            )
        )
        if after.status is SpecificationStatus.COMMENTED:  # its work may be specified again, corrected
            for work in after.work:
                transaction.update(
                    *_closed_work_key(after.customer_id, work),
                    expression="REMOVE specification_id",
                    condition="specification_id = :id",
                    values={":id": after.specification_id},
                )
        enqueue(transaction, side_effects, at=at)
        self.table.transact(transaction, conflict_message="The specification was reviewed meanwhile; reload it")


def _item(specification: InvoiceSpecification) -> Item:
    return item_of(
        specification,
        pk=customer_pk(specification.customer_id),
        sk=specification_sk(specification.specification_id),
        kind="invoice_specification",
    )


def _summary_of(specification: InvoiceSpecification) -> dict[str, str]:
    totals = ", ".join(as_text(total.total_minor, total.currency) for total in specification.totals)
    return {
        "period": f"{specification.period_from.isoformat()}–{specification.period_to.isoformat()}",
        "totals": totals,
    }
