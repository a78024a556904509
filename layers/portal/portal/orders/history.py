"""The order history (ORD-4, seeds 000 and 004): a customer's orders of every kind searched by date (at most 92 days),
status, department and product group — each combination a partition written for it (decision 0013) — or found
exactly by order number or customer reference, whatever their date."""

from __future__ import annotations

from portal import histories
from portal.access import Principal
from portal.business_days import local_date
from portal.clock import Clock, now
from portal.customers.repository import CustomerRepository
from portal.money import Currency
from portal.orders.models import OrderFilters, OrderRow, OrderRowPage
from portal.orders.repository import OrderRepository
from portal.orders.scope import orders_visible_to


def order_history(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    filters: OrderFilters,
    *,
    limit: int = 25,
    cursor: str | None = None,
    clock: Clock = now,
) -> OrderRowPage:
    orders_visible_to(principal, customer_repository, customer_id)
    if filters.number is not None or filters.reference:
        found = orders.by_key(customer_id, number=filters.number, reference=filters.reference)
        return OrderRowPage(items=[row for row in found if matches(row, filters)])
    today = local_date(clock(), Currency.NOK)
    dates = histories.date_range(filters.date_from, filters.date_to, today=today, longest=histories.SEARCH_DAYS)
    rows, next_cursor = orders.history(
        customer_id, filters, dates, principal=principal.username, limit=limit, cursor=cursor
    )
    return OrderRowPage(items=rows, next_cursor=next_cursor)


def matches(row: OrderRow, filters: OrderFilters) -> bool:
    """The other filters, on the one or few orders an exact key finds."""
    wanted = {
        "status": filters.status,
        "department_id": filters.department_id,
        "product_group": filters.product_group,
    }
    return all(value is None or getattr(row, name) == value for name, value in wanted.items())
