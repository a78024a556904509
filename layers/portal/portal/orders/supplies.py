"""Supplies orders (ORD-1): a customer's orderers order from the catalogue; the vendor's staff deliver."""

from __future__ import annotations

from datetime import datetime, timedelta

from portal import access, formats
from portal.access import Principal
from portal.catalogue.models import Product
from portal.catalogue.repository import CatalogueRepository
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.errors import FieldProblems, NotFound, field_refusal
from portal.history import FieldChange, require_version
from portal.orders.models import (
    DELIVERY_DAYS,
    OrderLine,
    OrderStatus,
    SuppliesOrder,
    SuppliesOrderInput,
    SuppliesOrderPage,
    SuppliesOrderView,
)
from portal.orders.repository import OrderRepository
from portal.orders.scope import orders_visible_to, status_conflict


def expected_by(order: SuppliesOrder) -> datetime:
    """When the order has normally arrived (seed 000: by carrier within a week); after that the customer should get
    in touch."""
    return order.placed_at + timedelta(days=DELIVERY_DAYS)


def view(principal: Principal, order: SuppliesOrder, at: datetime) -> SuppliesOrderView:
    """The order as this principal reads it. The notes are the customer's own (seed 000: not a message to the
    vendor), so the vendor's staff are not shown them."""
    expected = expected_by(order)
    shown = order if access.reads_customer_notes(principal) else order.model_copy(update={"notes": None})
    return SuppliesOrderView(
        **shown.model_dump(),
        expected_by=expected,
        get_in_touch=order.status is OrderStatus.PLACED and at > expected,
    )


def place_supplies_order(
    principal: Principal,
    customer_repository: CustomerRepository,
    catalogue: CatalogueRepository,
    orders: OrderRepository,
    customer_id: str,
    data: SuppliesOrderInput,
    clock: Clock = now,
) -> SuppliesOrderView:
    customer = customers.get_customer(principal, customer_repository, customer_id)
    access.require_place_order(principal, customers.facts(customer))
    problems = FieldProblems()
    address = data.delivery_address
    postal_code = problems.attempt(
        formats.postcode, address.country, address.postal_code, field="delivery_address.postal_code"
    )
    orderable = {product.product_id: product for product in catalogue.orderable()}
    lines = problems.attempt(_order_lines, data, orderable) or []
    problems.raise_if_any()
    at = clock()
    order = SuppliesOrder(
        order_id=new_id(),
        customer_id=customer_id,
        number=orders.next_number(customer_id),
        lines=lines,
        notes=data.notes or None,
        delivery_address=address.model_copy(update={"postal_code": postal_code}),
        placed_at=at,
        placed_by=principal.username,
        placed_by_name=principal.display_name,
        version=1,
    )
    orders.place(order, actor=principal.username)
    return view(principal, order, at)


def _order_lines(data: SuppliesOrderInput, orderable: dict[str, Product]) -> list[OrderLine]:
    problems = FieldProblems()
    lines: list[OrderLine] = []
    seen: set[str] = set()
    for index, line in enumerate(data.lines):
        product = orderable.get(line.product_id)
        if line.product_id in seen:
            message = "Each product once per order; change its quantity instead"
            problems.add(field_refusal(f"lines.{index}.product_id", "duplicate", message))
        elif product is None:
            message = "This product cannot be ordered (it is unknown or no longer offered)"
            problems.add(field_refusal(f"lines.{index}.product_id", "product_not_orderable", message))
        elif line.quantity > product.max_quantity:
            message = f"At most {product.max_quantity} of {product.name} per order"
            problems.add(field_refusal(f"lines.{index}.quantity", "less_than_equal", message, le=product.max_quantity))
        else:
            lines.append(
                OrderLine(
                    product_id=product.product_id,
                    article_number=product.article_number,
                    name=product.name,
                    unit=product.unit,
                    quantity=line.quantity,
                )
            )
        seen.add(line.product_id)
    problems.raise_if_any()
    return lines


def supplies_orders(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    *,
    limit: int = 25,
    cursor: str | None = None,
    clock: Clock = now,
) -> SuppliesOrderPage:
    """A customer's orders, newest first."""
    orders_visible_to(principal, customer_repository, customer_id)
    found, next_cursor = orders.of_customer(customer_id, principal=principal.username, limit=limit, cursor=cursor)
    at = clock()
    return SuppliesOrderPage(items=[view(principal, order, at) for order in found], next_cursor=next_cursor)


def mark_delivered(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    order_id: str,
    version: int,
    clock: Clock = now,
) -> SuppliesOrderView:
    """Staff record that the carrier delivered the order; only a placed order can be delivered."""
    facts = orders_visible_to(principal, customer_repository, customer_id)
    before = orders.get(customer_id, order_id)
    if before is None:
        raise NotFound("No such order")
    access.require_handle_orders(principal, facts)
    if before.status is not OrderStatus.PLACED:
        raise status_conflict(before.status, f"The order is {before.status}; only a placed order can be delivered")
    require_version(before.version, version, "order")
    at = clock()
    after = before.model_copy(update={"status": OrderStatus.DELIVERED, "delivered_at": at, "version": version + 1})
    changes = [FieldChange(field="status", before=before.status.value, after=OrderStatus.DELIVERED.value)]
    orders.update(
        before, after, actor=principal.username, action=CustomerHistoryAction.ORDER_DELIVERED, changes=changes, at=at
    )
    return view(principal, after, at)
