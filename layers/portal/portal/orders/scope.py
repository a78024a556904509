"""What every order action starts from: the customer, as the principal may see its orders (and a service order of
it), and the refusal of an action the order's status does not allow (ORD-1..3)."""

from __future__ import annotations

from portal import access
from portal.access import CustomerFacts, Principal
from portal.customers import service as customers
from portal.customers.models import Customer
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, NotFound
from portal.orders.models import ServiceOrder
from portal.orders.repository import OrderRepository


def customer_for_orders(principal: Principal, customer_repository: CustomerRepository, customer_id: str) -> Customer:
    """The customer whose orders are asked for; refused unless the principal may read its orders (404 for a
    customer it may not see at all)."""
    customer = customers.get_customer(principal, customer_repository, customer_id)
    access.require_view_orders(principal, customers.facts(customer))
    return customer


def orders_visible_to(principal: Principal, customer_repository: CustomerRepository, customer_id: str) -> CustomerFacts:
    """The facts of that customer, for the access decisions an order action takes next."""
    return customers.facts(customer_for_orders(principal, customer_repository, customer_id))


def service_order_in_view(
    principal: Principal,
    customer_repository: CustomerRepository,
    orders: OrderRepository,
    customer_id: str,
    order_id: str,
) -> tuple[CustomerFacts, ServiceOrder, str | None]:
    """A service order of a customer whose orders the principal may read, with the task token of the workflow step
    waiting for it; an order that is not there is not found."""
    facts = orders_visible_to(principal, customer_repository, customer_id)
    found = orders.service_order(customer_id, order_id)
    if found is None:
        raise NotFound("No such order")
    order, task_token = found
    return facts, order, task_token


def status_conflict(status: str, message: str | None = None) -> Conflict:
    """409 with the order's status, for an action the order is not where it can start."""
    words = status.replace("_", " ")
    return Conflict(
        message or f"The order is {words}; that is not possible now",
        code="order_status_conflict",
        details=[{"status": status}],
    )
