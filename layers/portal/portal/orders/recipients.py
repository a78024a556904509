"""Who hears of a service order: the customer's account managers, and its order approvers (ORD-3)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Protocol

from portal.access import CustomerRole, PrincipalKind
from portal.languages import Language

if TYPE_CHECKING:
    from portal.auth.models import User
    from portal.customers.models import Customer


class UserDirectory(Protocol):
    def get_user(self, username: str) -> User | None: ...
    def customer_users(self, customer_id: str) -> list[User]: ...


def account_manager_addresses(users: UserDirectory, assigned_staff: Iterable[str]) -> list[str]:
    """The e-mail addresses of the active staff assigned to the customer."""
    found = (users.get_user(username) for username in assigned_staff)
    return sorted({user.email for user in found if user and user.active and user.kind is PrincipalKind.STAFF})


def order_approvers(users: UserDirectory, customer: Customer) -> list[tuple[str, Language]]:
    """The customer's active order approvers, each with the language of its e-mails."""
    return role_holders(users, customer, CustomerRole.ORDER_APPROVER)


def role_holders(users: UserDirectory, customer: Customer, role: CustomerRole) -> list[tuple[str, Language]]:
    """The customer's active users with the role there, each with the language of its e-mails. A role granted at the
    customer's group holds at the customer too (AUTH-3), so the group's users count."""
    places = [customer.customer_id, *([customer.parent_id] if customer.parent_id else [])]
    holders: dict[str, Language] = {}
    for place in places:
        for user in users.customer_users(place):
            if user.active and role in user.customer_roles.get(place, []):
                holders[user.email] = user.language
    return sorted(holders.items())
