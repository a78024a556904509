"""Contacts and their links to customers and objects (ORG-2). Changing a link changes what a contact login
may see (AUTH-4), so it needs the right to edit each customer it touches."""

from __future__ import annotations

from portal import access
from portal.access import Permission, Principal
from portal.clock import Clock, new_id, now
from portal.contacts.models import Contact, ContactInput, ContactLinks, ContactPatch, ContactSummary, ObjectRef
from portal.contacts.repository import ContactRepository
from portal.customers import service as customers
from portal.customers.models import Customer
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound, ValidationFailed, field_problem
from portal.history import next_version, require_version
from portal.objects import service as objects_service
from portal.objects.repository import ObjectRepository


def create_contact(
    principal: Principal, contacts: ContactRepository, data: ContactInput, clock: Clock = now
) -> Contact:
    access.require_staff(principal, Permission.CREATE)
    at = clock()
    contact = Contact(**data.model_dump(), contact_id=new_id(), version=1, created_at=at, updated_at=at)
    contacts.create(contact, actor=principal.username)
    return contact


def get_contact(
    principal: Principal, contacts: ContactRepository, customer_repository: CustomerRepository, contact_id: str
) -> Contact:
    return _contact_and_owners(principal, contacts, customer_repository, contact_id)[0]


def _contact_and_owners(
    principal: Principal, contacts: ContactRepository, customer_repository: CustomerRepository, contact_id: str
) -> tuple[Contact, dict[str, Customer]]:
    """A contact the principal may see, with the customers it is linked to (directly or through their objects),
    read once so the edit checks that follow need not read them again."""
    contact = contacts.get(contact_id)
    owners: dict[str, Customer] = {}
    if contact is not None:
        # Staff who may see a customer may see the contacts of the customer and of its objects.
        wanted = {*contact.customer_ids, *(ref.customer_id for ref in contact.objects)}
        owners = {customer.customer_id: customer for customer in customer_repository.get_many(wanted)}
    access.require_view_contact(
        principal, contact_id, [customers.facts(owner) for owner in owners.values()] if contact else None
    )
    assert contact is not None
    return contact, owners


def find_contact_by_email(
    principal: Principal, contacts: ContactRepository, customer_repository: CustomerRepository, email: str
) -> Contact:
    access.require_staff(principal)
    contact = contacts.find_by_email(email)
    if contact is None:  # the same answer as for a contact the principal may not see
        access.require_view_contact(principal, "", None)
    assert contact is not None
    return get_contact(principal, contacts, customer_repository, contact.contact_id)


def update_contact(
    principal: Principal,
    contacts: ContactRepository,
    customer_repository: CustomerRepository,
    contact_id: str,
    patch: ContactPatch,
    clock: Clock = now,
) -> Contact:
    before, owners = _contact_and_owners(principal, contacts, customer_repository, contact_id)
    _require_edit(principal, customer_repository, before.customer_ids, owners)
    require_version(before.version, patch.version, "contact")
    requested = patch.model_dump(exclude={"version"}, exclude_unset=True)
    after, changes = next_version(before, requested, clock())
    if changes:
        contacts.update(before, after, actor=principal.username, changes=changes)
    return after


def set_links(
    principal: Principal,
    contacts: ContactRepository,
    customer_repository: CustomerRepository,
    objects: ObjectRepository,
    contact_id: str,
    links: ContactLinks,
    clock: Clock = now,
) -> Contact:
    before, owners = _contact_and_owners(principal, contacts, customer_repository, contact_id)
    access.require_staff(principal)
    require_version(before.version, links.version, "contact")
    customer_ids = list(dict.fromkeys(links.customer_ids))
    object_refs = list(dict.fromkeys(links.objects))
    changed_objects = set(object_refs) ^ set(before.objects)
    touched = set(customer_ids) ^ set(before.customer_ids)
    touched |= {ref.customer_id for ref in changed_objects}
    # A customer that does not exist and one the principal may not see are refused alike; then editing each touched
    # customer includes seeing it, and so seeing its objects: what is left is that they exist.
    _require_known_customers(principal, customer_repository, touched, owners, links)
    _require_edit(principal, customer_repository, touched, owners)
    found = {
        ObjectRef(customer_id=item.customer_id, object_id=item.object_id): item
        for item in objects.get_many((ref.customer_id, ref.object_id) for ref in changed_objects)
    }
    if set(object_refs) - set(before.objects) - set(found):
        raise NotFound("No such object")
    # Each customer's history names the object a contact was linked to or unlinked from.
    object_names = {ref: item.name for ref, item in found.items()}
    at = clock()
    after = before.model_copy(
        update={"customer_ids": customer_ids, "objects": object_refs, "version": before.version + 1, "updated_at": at}
    )
    contacts.set_links(before, after, actor=principal.username, at=at, object_names=object_names)
    return after


def contacts_of_customer(
    principal: Principal, contacts: ContactRepository, customer_repository: CustomerRepository, customer_id: str
) -> list[ContactSummary]:
    customers.get_customer(principal, customer_repository, customer_id)
    return contacts.of_customer(customer_id)


def contacts_of_object(
    principal: Principal,
    contacts: ContactRepository,
    customer_repository: CustomerRepository,
    objects: ObjectRepository,
    customer_id: str,
    object_id: str,
) -> list[ContactSummary]:
    objects_service.get_object(principal, customer_repository, objects, customer_id, object_id)
    return contacts.of_object(customer_id, object_id)


def _require_known_customers(
    principal: Principal,
    customer_repository: CustomerRepository,
    customer_ids: set[str],
    known: dict[str, Customer],
    links: ContactLinks,
) -> None:
    """Reads the touched customers not read yet into `known`, and refuses the links if any is unknown or hidden."""
    known.update(
        (customer.customer_id, customer) for customer in customer_repository.get_many(customer_ids - set(known))
    )
    facts = {customer_id: customers.facts(customer) for customer_id, customer in known.items()}
    unknown = set(access.missing_or_hidden(principal, customer_ids, facts))
    if not unknown:
        return
    problems = [
        {**field_problem(f"customer_ids.{index}", "unknown_customer", "No such customer"), "customer_id": customer_id}
        for index, customer_id in enumerate(links.customer_ids)
        if customer_id in unknown
    ] + [
        {
            **field_problem(f"objects.{index}.customer_id", "unknown_customer", "No such customer"),
            "customer_id": ref.customer_id,
        }
        for index, ref in enumerate(links.objects)
        if ref.customer_id in unknown
    ]
    named = {problem["customer_id"] for problem in problems}
    problems += [  # links being removed, to customers the contact had
        {**field_problem("customer_ids", "unknown_customer", "No such customer"), "customer_id": customer_id}
        for customer_id in sorted(unknown - named)
    ]
    raise ValidationFailed("Some customers do not exist", code="unknown_customer", details=problems)


def _require_edit(
    principal: Principal,
    customer_repository: CustomerRepository,
    customer_ids: set[str] | list[str],
    known: dict[str, Customer],
) -> None:
    """Changing a contact touches each customer it is linked to; an unlinked contact needs the Edit right.
    `known` are customers already read; only the others are read here."""
    wanted = set(customer_ids)
    if not wanted:
        access.require_staff(principal, Permission.EDIT)
        return
    access.require_staff(principal)
    found = {customer_id: known[customer_id] for customer_id in wanted & set(known)}
    found.update((customer.customer_id, customer) for customer in customer_repository.get_many(wanted - set(found)))
    missing = wanted - set(found)
    if missing:
        raise ValidationFailed(
            "Some customers do not exist",
            code="unknown_customer",
            details=[{"customer_id": customer_id} for customer_id in sorted(missing)],
        )
    for customer in found.values():
        access.require_edit_customer(principal, customers.facts(customer))
