"""An order of any kind opened from the order history (ORD-4): its confirmation, as the reader may see it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, Field

from portal.access import Principal
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound
from portal.orders import change, service_orders, supplies
from portal.orders.models import ChangeOrder, ChangeOrderView, ServiceOrderView, SuppliesOrder, SuppliesOrderView
from portal.orders.repository import OrderRepository
from portal.orders.scope import customer_for_orders


class OrderConfirmation(BaseModel):
    customer_name: str
    order: Annotated[SuppliesOrderView | ChangeOrderView | ServiceOrderView, Field(discriminator="kind")]


def order_confirmation(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    order_id: str,
    at: datetime,
) -> OrderConfirmation:
    customer = customer_for_orders(principal, customer_repository, customer_id)
    order = orders.any_order(customer_id, order_id)
    if order is None:
        raise NotFound("No such order")
    if isinstance(order, SuppliesOrder):
        view: SuppliesOrderView | ChangeOrderView | ServiceOrderView = supplies.view(principal, order, at)
    elif isinstance(order, ChangeOrder):
        view = change.view(principal, order, at)
    else:
        view = service_orders.view(principal, customers.facts(customer), order)
    return OrderConfirmation(customer_name=customer.name, order=view)
