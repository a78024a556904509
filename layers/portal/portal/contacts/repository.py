"""Contacts in the single table. A contact's links are mirrored into each linked customer's partition, so
"the contacts of a customer" and "of an object" are one query in that customer's data."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from portal.clock import iso, parse_iso
from portal.contacts.models import Contact, ContactSummary
from portal.customers.models import FieldChange
from portal.customers.repository import customer_pk
from portal.store import Item, Table, Transaction, audit_item, key

_SUMMARY = ("contact_id", "name", "email", "phone", "title")


def contact_pk(contact_id: str) -> str:
    return key("CONTACT", contact_id)


def _email_key(email: str) -> tuple[str, str]:
    return key("CONTACTEMAIL", email.casefold()), "CONTACTEMAIL"


class ContactRepository(Protocol):
    def get(self, contact_id: str) -> Contact | None: ...
    def find_by_email(self, email: str) -> Contact | None: ...
    def create(self, contact: Contact, *, actor: str) -> None: ...
    def update(self, before: Contact, after: Contact, *, actor: str, changes: list[FieldChange]) -> None: ...
    def set_links(self, before: Contact, after: Contact, *, actor: str, at: datetime) -> None: ...
    def of_customer(self, customer_id: str) -> list[ContactSummary]: ...
    def of_object(self, customer_id: str, object_id: str) -> list[ContactSummary]: ...


class DynamoContactRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, contact_id: str) -> Contact | None:
        item = self.table.get(contact_pk(contact_id), "CONTACT")
        return _from_item(item) if item else None

    def find_by_email(self, email: str) -> Contact | None:
        pointer = self.table.get(*_email_key(email))
        return self.get(pointer["contact_id"]) if pointer else None

    def create(self, contact: Contact, *, actor: str) -> None:
        transaction = Transaction()
        transaction.put(_item(contact), condition="attribute_not_exists(PK)")
        if contact.email:
            transaction.put(_email_item(contact), condition="attribute_not_exists(PK)")
        transaction.put(
            audit_item(
                partition=contact_pk(contact.contact_id),
                actor=actor,
                action="created",
                at=contact.created_at,
                after=_summary(contact),
            )
        )
        self.table.transact(transaction, conflict_message=f"A contact with the e-mail {contact.email} already exists")

    def update(self, before: Contact, after: Contact, *, actor: str, changes: list[FieldChange]) -> None:
        transaction = Transaction()
        transaction.put(_item(after), condition="version = :read", values={":read": before.version})
        if (before.email or "").casefold() != (after.email or "").casefold():
            if before.email:
                transaction.delete(*_email_key(before.email))
            if after.email:
                transaction.put(_email_item(after), condition="attribute_not_exists(PK)")
        for item in _link_items(after):  # the mirrored summaries follow the contact's new name and e-mail
            transaction.put(item)
        transaction.put(
            audit_item(
                partition=contact_pk(after.contact_id),
                actor=actor,
                action="updated",
                at=after.updated_at,
                before={change.field: change.before for change in changes},
                after={change.field: change.after for change in changes},
            )
        )
        self.table.transact(transaction, conflict_message="The contact changed meanwhile, or the e-mail is in use")

    def set_links(self, before: Contact, after: Contact, *, actor: str, at: datetime) -> None:
        transaction = Transaction()
        transaction.put(_item(after), condition="version = :read", values={":read": before.version})
        old = {(item["PK"], item["SK"]) for item in _link_items(before)}
        new_items = _link_items(after)
        for item in new_items:
            if (item["PK"], item["SK"]) not in old:
                transaction.put(item)
        for pk, sk in old - {(item["PK"], item["SK"]) for item in new_items}:
            transaction.delete(pk, sk)
        added = sorted(set(after.customer_ids) - set(before.customer_ids))
        removed = sorted(set(before.customer_ids) - set(after.customer_ids))
        for customer_id, action in [(added_id, "contact_linked") for added_id in added] + [
            (removed_id, "contact_unlinked") for removed_id in removed
        ]:
            transaction.put(
                audit_item(
                    partition=customer_pk(customer_id),
                    actor=actor,
                    action=action,
                    at=at,
                    subject=after.contact_id,
                    after={"contact": after.name},
                )
            )
        for ref, action in [(ref, "contact_linked_to_object") for ref in set(after.objects) - set(before.objects)] + [
            (ref, "contact_unlinked_from_object") for ref in set(before.objects) - set(after.objects)
        ]:
            transaction.put(
                audit_item(
                    partition=customer_pk(ref.customer_id),
                    actor=actor,
                    action=action,
                    at=at,
                    subject=ref.object_id,
                    after={"contact": after.name},
                )
            )
        transaction.put(
            audit_item(
                partition=contact_pk(after.contact_id),
                actor=actor,
                action="links_changed",
                at=at,
                before=_links(before),
                after=_links(after),
            )
        )
        self.table.transact(transaction, conflict_message="The contact changed meanwhile; reload and try again")

    def of_customer(self, customer_id: str) -> list[ContactSummary]:
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix="CONTACT#")
        return sorted((_summary_from(item) for item in items), key=lambda contact: contact.name.casefold())

    def of_object(self, customer_id: str, object_id: str) -> list[ContactSummary]:
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix=key("OBJCONTACT", object_id, ""))
        return sorted((_summary_from(item) for item in items), key=lambda contact: contact.name.casefold())


def _summary(contact: Contact) -> dict[str, Any]:
    return contact.model_dump(mode="json", include=set(_SUMMARY), exclude_none=True)


def _links(contact: Contact) -> dict[str, Any]:
    return {
        "customer_ids": ",".join(sorted(contact.customer_ids)),
        "objects": ",".join(sorted(f"{ref.customer_id}/{ref.object_id}" for ref in contact.objects)),
    }


def _item(contact: Contact) -> Item:
    data = contact.model_dump(mode="json", exclude={"created_at", "updated_at"})
    return {
        "PK": contact_pk(contact.contact_id),
        "SK": "CONTACT",
        "type": "contact",
        **data,
        "created_at": iso(contact.created_at),
        "updated_at": iso(contact.updated_at),
    }


def _email_item(contact: Contact) -> Item:
    assert contact.email is not None
    pk, sk = _email_key(contact.email)
    return {"PK": pk, "SK": sk, "type": "contact_email", "contact_id": contact.contact_id}


def _link_items(contact: Contact) -> list[Item]:
    summary = _summary(contact)
    items = [
        {"PK": customer_pk(customer_id), "SK": key("CONTACT", contact.contact_id), "type": "contact_link", **summary}
        for customer_id in contact.customer_ids
    ]
    items += [
        {
            "PK": customer_pk(ref.customer_id),
            "SK": key("OBJCONTACT", ref.object_id, contact.contact_id),
            "type": "object_contact_link",
            "object_id": ref.object_id,
            **summary,
        }
        for ref in contact.objects
    ]
    return items


def _from_item(item: Item) -> Contact:
    fields = set(Contact.model_fields)
    data = {name: value for name, value in item.items() if name in fields and value is not None}
    data.update(
        version=int(item["version"]), created_at=parse_iso(item["created_at"]), updated_at=parse_iso(item["updated_at"])
    )
    return Contact.model_validate(data)


def _summary_from(item: Item) -> ContactSummary:
    return ContactSummary.model_validate({name: item.get(name) for name in _SUMMARY})
