"""Change orders (ORD-2): notes and coins a customer's orderers order for a delivery day the vendor agreed with the
customer, within the credit limit of its direct-debit mandate; deletable until the last business day before."""

from __future__ import annotations

from datetime import date, datetime

from portal import access
from portal.access import Principal
from portal.business_days import check_delivery_date, deletion_deadline, local_date, previous_business_day
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, FieldProblems, NotFound, ValidationFailed, field_problem, field_refusal
from portal.history import FieldChange, require_version
from portal.money import DENOMINATIONS, CountLine, Money, as_text, count_lines, total
from portal.orders.models import (
    CashAgreement,
    CashAgreementInput,
    CashAgreementView,
    ChangeLine,
    ChangeLineInput,
    ChangeOrder,
    ChangeOrderInput,
    ChangeOrderPage,
    ChangeOrderStatus,
    ChangeOrderView,
    DenominationInfo,
)
from portal.orders.repository import OrderRepository
from portal.orders.scope import orders_visible_to, status_conflict


def cash_agreement(
    principal: Principal, customer_repository: CustomerRepository, orders: OrderRepository, customer_id: str
) -> CashAgreementView:
    """What is agreed with the customer: for its order readers, its deposit registrars and the staff who see it."""
    customer = customers.get_customer(principal, customer_repository, customer_id)
    access.require_view_cash_agreement(principal, customers.facts(customer))
    return _view(orders.cash_agreement(customer_id))


def _view(agreement: CashAgreement) -> CashAgreementView:
    """With the closed set of notes and coins of its currency, so the web offers exactly those."""
    series = [DenominationInfo(code=found.code, minor=found.minor) for found in DENOMINATIONS[agreement.currency]]
    return CashAgreementView(**agreement.model_dump(), denominations=series)


def save_cash_agreement(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    data: CashAgreementInput,
    clock: Clock = now,
) -> CashAgreementView:
    customer = customers.get_customer(principal, customer_repository, customer_id)
    access.require_agree_cash(principal, customers.facts(customer))
    before = orders.cash_agreement(customer_id)
    require_version(before.version, data.version, "cash agreement")
    at = clock()
    after = CashAgreement(
        customer_id=customer_id,
        currency=data.currency,
        delivery_weekdays=sorted(set(data.delivery_weekdays), key=lambda day: day.number),
        credit_limit=data.credit_limit,
        version=before.version + 1,
        updated_at=at,
    )
    old, new = _recorded(before), _recorded(after)
    changes = [
        FieldChange(field=name, before=old[name] if before.version else None, after=new[name])
        for name in ("currency", "delivery_weekdays", "credit_limit")
        if old[name] != new[name] or not before.version
    ]
    orders.save_cash_agreement(before, after, actor=principal.username, changes=changes, at=at)
    return _view(after)


def _recorded(agreement: CashAgreement) -> dict[str, object]:
    """An agreement as its history records it: the limit as money with its currency."""
    recorded = agreement.model_dump(mode="json")
    recorded["credit_limit"] = as_text(agreement.credit_limit, agreement.currency)
    return recorded


def deletable_through(order: ChangeOrder) -> date:
    """The last day the customer may delete the order: the last business day before delivery, in its country."""
    return previous_business_day(order.delivery_date, order.currency)


def view(principal: Principal, order: ChangeOrder, at: datetime) -> ChangeOrderView:
    until = deletion_deadline(order.delivery_date, order.currency)
    shown = order if access.reads_customer_notes(principal) else order.model_copy(update={"notes": None})
    return ChangeOrderView(
        **shown.model_dump(),
        deletable_until=until,
        deletable_through=deletable_through(order),
        deletable=order.status is ChangeOrderStatus.PLACED and at < until,
    )


def place_change_order(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    data: ChangeOrderInput,
    clock: Clock = now,
) -> ChangeOrderView:
    customer = customers.get_customer(principal, customer_repository, customer_id)
    access.require_place_order(principal, customers.facts(customer))
    agreement = orders.cash_agreement(customer_id)
    at = clock()
    problems = FieldProblems()
    problems.attempt(
        check_delivery_date,
        data.delivery_date,
        today=local_date(at, agreement.currency),
        agreed_weekdays=[day.number for day in agreement.delivery_weekdays],
        currency=agreement.currency,
    )
    counted = problems.attempt(_count_lines, data.lines, agreement) or []
    problems.raise_if_any()
    amount = total(counted, agreement.currency)
    _within_credit_limit(amount, agreement)
    order = ChangeOrder(
        order_id=new_id(),
        customer_id=customer_id,
        number=orders.next_number(customer_id),
        currency=agreement.currency,
        delivery_date=data.delivery_date,
        lines=[
            ChangeLine(denomination=line.denomination.code, pieces=line.pieces, amount=line.amount.minor)
            for line in counted
        ],
        total=amount.minor,
        notes=data.notes or None,
        placed_at=at,
        placed_by=principal.username,
        placed_by_name=principal.display_name,
        version=1,
    )
    orders.place(order, actor=principal.username)
    return view(principal, order, at)


def _count_lines(lines: list[ChangeLineInput], agreement: CashAgreement) -> list[CountLine]:
    counted = count_lines(lines, agreement.currency)
    if not any(line.pieces for line in counted):
        raise field_refusal("lines", "nothing_ordered", "Order at least one note or coin")
    return [line for line in counted if line.pieces]


def _within_credit_limit(amount: Money, agreement: CashAgreement) -> None:
    if amount.minor <= agreement.credit_limit:
        return
    excess = amount.minor - agreement.credit_limit
    message = (
        f"The order's total {as_text(amount.minor, amount.currency)} is over the credit limit of "
        f"{as_text(agreement.credit_limit, amount.currency)} by {as_text(excess, amount.currency)}"
    )
    allowed = {"limit": agreement.credit_limit, "excess": excess, "total": amount.minor, "currency": amount.currency}
    raise ValidationFailed(
        message, code="over_credit_limit", details=[field_problem("lines", "over_credit_limit", message, **allowed)]
    )


def change_orders(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    *,
    limit: int = 25,
    cursor: str | None = None,
    clock: Clock = now,
) -> ChangeOrderPage:
    """A customer's change orders, newest first."""
    orders_visible_to(principal, customer_repository, customer_id)
    found, next_cursor = orders.change_orders_of(customer_id, principal=principal.username, limit=limit, cursor=cursor)
    at = clock()
    return ChangeOrderPage(items=[view(principal, order, at) for order in found], next_cursor=next_cursor)


def delete_change_order(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    order_id: str,
    version: int,
    clock: Clock = now,
) -> ChangeOrderView:
    """The customer's orderers withdraw an order until the end of the last business day before its delivery. The
    order stays, marked deleted, in the customer's list and history."""
    facts = orders_visible_to(principal, customer_repository, customer_id)
    before = orders.change_order(customer_id, order_id)
    if before is None:
        raise NotFound("No such order")
    access.require_place_order(principal, facts)
    if before.status is not ChangeOrderStatus.PLACED:
        raise status_conflict(before.status, f"The order is {before.status} already")
    require_version(before.version, version, "order")
    at = clock()
    until = deletion_deadline(before.delivery_date, before.currency)
    if at >= until:
        raise Conflict(
            f"The order could be deleted until {until.isoformat()}; get in touch with customer service",
            code="deletion_deadline_passed",
            details=[{"deletable_until": until.isoformat()}],
        )
    after = before.model_copy(
        update={
            "status": ChangeOrderStatus.DELETED,
            "deleted_at": at,
            "deleted_by_name": principal.display_name,
            "version": version + 1,
        }
    )
    changes = [FieldChange(field="status", before=before.status.value, after=ChangeOrderStatus.DELETED.value)]
    orders.update(
        before, after, actor=principal.username, action=CustomerHistoryAction.ORDER_DELETED, changes=changes, at=at
    )
    return view(principal, after, at)
