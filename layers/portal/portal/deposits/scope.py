"""What every reading of deposits starts from: the customer, as the principal may see its deposits (DEP-1, DEP-2,
and the reports and printouts made of them)."""

from __future__ import annotations

from portal import access
from portal.access import Principal
from portal.customers import service as customers
from portal.customers.models import Customer
from portal.customers.repository import CustomerRepository


def customer_for_deposits(principal: Principal, customer_repository: CustomerRepository, customer_id: str) -> Customer:
    """The customer whose deposits are asked for; refused unless the principal may read them (404 for a customer it
    may not see at all)."""
    customer = customers.get_customer(principal, customer_repository, customer_id)
    access.require_view_deposits(principal, customers.facts(customer))
    return customer
