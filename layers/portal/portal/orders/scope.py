"""What every order action starts from: the customer, as the principal may see its orders, and the refusal of an
action the order's status does not allow (ORD-1..3)."""

from __future__ import annotations

from portal import access
from portal.access import CustomerFacts, Principal
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict


def orders_visible_to(principal: Principal, customer_repository: CustomerRepository, customer_id: str) -> CustomerFacts:
    """The customer whose orders are asked for; refused unless the principal may read its orders (404 for a
    customer it may not see at all)."""
    customer = customers.get_customer(principal, customer_repository, customer_id)
    return access.require_view_orders(principal, customers.facts(customer))


def status_conflict(status: str, message: str | None = None) -> Conflict:
    """409 with the order's status, for an action the order is not where it can start."""
    words = status.replace("_", " ")
    return Conflict(
        message or f"The order is {words}; that is not possible now",
        code="order_status_conflict",
        details=[{"status": status}],
    )
