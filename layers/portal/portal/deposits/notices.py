"""Who hears that a bag was counted (DEP-2): the user who registered its slip, or, when that login is gone, the
customer's deposit registrars; each in the language of its e-mails."""

from __future__ import annotations

from typing import TYPE_CHECKING

from portal.access import CustomerRole
from portal.notifications import email
from portal.orders.recipients import UserDirectory

if TYPE_CHECKING:
    from portal.customers.models import Customer
    from portal.deposits.models import Deposit
    from portal.languages import Language
    from portal.notifications.email import EmailMessage
    from portal.settings import Settings


def counting_receipt_link(settings: Settings, customer_id: str, deposit_id: str) -> str:
    return f"{settings.portal_url}/#/deposits/{customer_id}/{deposit_id}/counting-receipt"


def deposit_registrars(users: UserDirectory, customer: Customer) -> list[tuple[str, Language]]:
    """The customer's active deposit registrars (a role granted at its group holds at the customer too)."""
    places = [customer.customer_id, *([customer.parent_id] if customer.parent_id else [])]
    found: dict[str, Language] = {}
    for place in places:
        for user in users.customer_users(place):
            if user.active and CustomerRole.DEPOSIT_REGISTRAR in user.customer_roles.get(place, []):
                found[user.email] = user.language
    return sorted(found.items())


def counted(users: UserDirectory, settings: Settings, customer: Customer, deposit: Deposit) -> list[EmailMessage]:
    registrar = users.get_user(deposit.registered_by)
    if registrar is not None and registrar.active:
        recipients = [(registrar.email, registrar.language)]
    else:
        recipients = deposit_registrars(users, customer)
    by_language: dict[Language, list[str]] = {}
    for address, language in recipients:
        by_language.setdefault(language, []).append(address)
    link = counting_receipt_link(settings, customer.customer_id, deposit.deposit_id)
    return [
        email.deposit_counted(to=addresses, deposit=deposit, link=link, language=language)
        for language, addresses in sorted(by_language.items())
    ]
