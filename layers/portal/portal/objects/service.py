"""Objects of a customer (ORG-2), seen and changed as the access policy allows (AUTH-4)."""

from __future__ import annotations

from portal import access, formats
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Customer
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound
from portal.history import next_version, require_version
from portal.objects.models import ServiceObject, ServiceObjectInput, ServiceObjectPage, ServiceObjectPatch
from portal.objects.repository import ObjectRepository


def _visible_object(
    principal: Principal,
    customer_repository: CustomerRepository,
    objects: ObjectRepository,
    customer_id: str,
    object_id: str,
) -> tuple[ServiceObject, access.ObjectFacts, Customer]:
    """An object the principal may see, with the facts the policy decided on (for a further edit check) and its
    customer."""
    customer = customer_repository.get(customer_id)
    facts = access.ObjectFacts(object_id=object_id, customer=customers.facts(customer)) if customer else None
    access.require_view_object(principal, facts)
    found = objects.get(customer_id, object_id)
    if found is None or facts is None or customer is None:
        raise NotFound("No such object")
    return found, facts, customer


def create_object(
    principal: Principal,
    customer_repository: CustomerRepository,
    objects: ObjectRepository,
    customer_id: str,
    data: ServiceObjectInput,
    clock: Clock = now,
) -> ServiceObject:
    customer = customers.customer_to_change(principal, customer_repository, customer_id)
    # An object's postcode is written as in its customer's country.
    postal_code = formats.postcode(customer.country, data.postal_code)
    at = clock()
    created = ServiceObject(
        **data.model_dump(exclude={"postal_code"}),
        postal_code=postal_code,
        object_id=new_id(),
        customer_id=customer_id,
        version=1,
        created_at=at,
        updated_at=at,
    )
    objects.create(created, actor=principal.username)
    return created


def get_object(
    principal: Principal,
    customer_repository: CustomerRepository,
    objects: ObjectRepository,
    customer_id: str,
    object_id: str,
) -> ServiceObject:
    return _visible_object(principal, customer_repository, objects, customer_id, object_id)[0]


def update_object(
    principal: Principal,
    customer_repository: CustomerRepository,
    objects: ObjectRepository,
    customer_id: str,
    object_id: str,
    patch: ServiceObjectPatch,
    clock: Clock = now,
) -> ServiceObject:
    before, facts, customer = _visible_object(principal, customer_repository, objects, customer_id, object_id)
    access.require_edit_object(principal, facts)
    require_version(before.version, patch.version, "object")
    requested = patch.model_dump(exclude={"version"}, exclude_unset=True)
    if "postal_code" in requested:
        requested["postal_code"] = formats.postcode(customer.country, requested["postal_code"])
    after, changes = next_version(before, requested, clock())
    if changes:
        objects.update(before, after, actor=principal.username, changes=changes)
    return after


def objects_of_customer(
    principal: Principal,
    customer_repository: CustomerRepository,
    objects: ObjectRepository,
    customer_id: str,
    *,
    limit: int,
    cursor: str | None,
) -> ServiceObjectPage:
    """A customer-linked login sees all the customer's objects; an object-linked one only its own objects."""
    customer = customer_repository.get(customer_id)
    facts = customers.facts(customer) if customer else None
    if facts is not None and access.can_view_customer(principal, facts):
        items, next_cursor = objects.of_customer(customer_id, limit=limit, cursor=cursor, viewer=principal.username)
        return ServiceObjectPage(items=items, next_cursor=next_cursor)
    own = access.own_objects_of(principal, customer_id)
    if facts is None or not own:
        access.require_view_customer(principal, None)
    return ServiceObjectPage(items=objects.get_many((customer_id, object_id) for object_id in own))


def my_objects(principal: Principal, objects: ObjectRepository) -> list[ServiceObject]:
    """The objects a portal login works with: its visible customers' objects and the objects it is linked to."""
    found: dict[str, ServiceObject] = {}
    for customer_id in sorted(principal.visible_customer_ids):
        cursor: str | None = None
        while True:
            items, cursor = objects.of_customer(customer_id, limit=100, cursor=cursor, viewer=principal.username)
            found.update((item.object_id, item) for item in items)
            if cursor is None:
                break
    for item in objects.get_many((owner, object_id) for object_id, owner in principal.linked_objects.items()):
        found[item.object_id] = item
    return sorted(found.values(), key=lambda item: item.name.casefold())
