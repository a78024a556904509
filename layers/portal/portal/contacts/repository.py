"""Contacts in the single table. A contact's links are mirrored into each linked customer's partition, so
"the contacts of a customer" and "of an object" are one query in that customer's data."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from portal.clock import is_id
from portal.contacts.models import Contact, ContactSummary, ObjectRef
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk
from portal.errors import Conflict, field_problem
from portal.history import FieldChange, before_and_after
from portal.store import Item, Table, Transaction, audit_item, failed_conditions, item_of, key, model_of

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
    def set_links(
        self, before: Contact, after: Contact, *, actor: str, at: datetime, object_names: dict[ObjectRef, str]
    ) -> None: ...
    def of_customer(self, customer_id: str) -> list[ContactSummary]: ...
    def of_object(self, customer_id: str, object_id: str) -> list[ContactSummary]: ...


class DynamoContactRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, contact_id: str) -> Contact | None:
        if not is_id(contact_id):
            return None
        item = self.table.get(contact_pk(contact_id), "CONTACT")
        return model_of(Contact, item) if item else None

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
        try:
            self.table.transact(transaction, conflict_message="The contact exists already")
        except Conflict as conflict:
            if contact.email and 1 in failed_conditions(conflict):
                raise email_taken(contact.email) from None
            raise

    def update(self, before: Contact, after: Contact, *, actor: str, changes: list[FieldChange]) -> None:
        transaction = Transaction()
        transaction.put(_item(after), condition="version = :read", values={":read": before.version})
        email_guard = None
        if (before.email or "").casefold() != (after.email or "").casefold():
            if before.email:
                transaction.delete(*_email_key(before.email))
            if after.email:
                email_guard = len(transaction.operations)
                transaction.put(_email_item(after), condition="attribute_not_exists(PK)")
        for item in _link_items(after):  # the mirrored summaries follow the contact's new name and e-mail
            transaction.put(item)
        old, new = before_and_after(changes)
        transaction.put(
            audit_item(
                partition=contact_pk(after.contact_id),
                actor=actor,
                action="updated",
                at=after.updated_at,
                before=old,
                after=new,
            )
        )
        try:
            self.table.transact(transaction, conflict_message="The contact changed meanwhile; reload and try again")
        except Conflict as conflict:
            if after.email and email_guard in failed_conditions(conflict):
                raise email_taken(after.email) from None
            raise

    def set_links(
        self, before: Contact, after: Contact, *, actor: str, at: datetime, object_names: dict[ObjectRef, str]
    ) -> None:
        transaction = Transaction()
        transaction.put(_item(after), condition="version = :read", values={":read": before.version})
        old = {(item["PK"], item["SK"]) for item in _link_items(before)}
        new_items = _link_items(after)
        for item in new_items:
            if (item["PK"], item["SK"]) not in old:
                transaction.put(item)
        for pk, sk in old - {(item["PK"], item["SK"]) for item in new_items}:
            transaction.delete(pk, sk)
        for customer_id, action in _customer_link_changes(before, after):
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
        for ref, action in _object_link_changes(before, after):
            transaction.put(
                audit_item(
                    partition=customer_pk(ref.customer_id),
                    actor=actor,
                    action=action,
                    at=at,
                    subject=ref.object_id,
                    after={"contact": after.name, "object": object_names.get(ref)},
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
        # The links decide what the contact's login sees (AUTH-4): its authorization version moves on with them,
        # so its sessions end at their next request instead of seeing the old links until they expire.
        login = self.table.get(contact_pk(after.contact_id), "LOGIN", consistent=True)
        if login is not None:
            transaction.update(
                key("USER", str(login["username"]).casefold()),
                "USER",
                expression="ADD version :one",
                values={":one": 1},
                condition="attribute_exists(PK)",
            )
        self.table.transact(transaction, conflict_message="The contact changed meanwhile; reload and try again")

    def of_customer(self, customer_id: str) -> list[ContactSummary]:
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix="CONTACT#")
        return sorted((model_of(ContactSummary, item) for item in items), key=lambda contact: contact.name.casefold())

    def of_object(self, customer_id: str, object_id: str) -> list[ContactSummary]:
        items = self.table.query_all(pk=customer_pk(customer_id), sk_prefix=key("OBJCONTACT", object_id, ""))
        return sorted((model_of(ContactSummary, item) for item in items), key=lambda contact: contact.name.casefold())


def _customer_link_changes(before: Contact, after: Contact) -> list[tuple[str, CustomerHistoryAction]]:
    added = sorted(set(after.customer_ids) - set(before.customer_ids))
    removed = sorted(set(before.customer_ids) - set(after.customer_ids))
    return [(customer_id, CustomerHistoryAction.CONTACT_LINKED) for customer_id in added] + [
        (customer_id, CustomerHistoryAction.CONTACT_UNLINKED) for customer_id in removed
    ]


def _object_link_changes(before: Contact, after: Contact) -> list[tuple[ObjectRef, CustomerHistoryAction]]:
    added = set(after.objects) - set(before.objects)
    removed = set(before.objects) - set(after.objects)
    return [(ref, CustomerHistoryAction.CONTACT_LINKED_TO_OBJECT) for ref in added] + [
        (ref, CustomerHistoryAction.CONTACT_UNLINKED_FROM_OBJECT) for ref in removed
    ]


def _summary(contact: Contact) -> dict[str, Any]:
    return contact.model_dump(mode="json", include=set(_SUMMARY), exclude_none=True)


def _links(contact: Contact) -> dict[str, Any]:
    return {
        "customer_ids": ",".join(sorted(contact.customer_ids)),
        "objects": ",".join(sorted(f"{ref.customer_id}/{ref.object_id}" for ref in contact.objects)),
    }


def _item(contact: Contact) -> Item:
    return item_of(contact, pk=contact_pk(contact.contact_id), sk="CONTACT", kind="contact")


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


def email_taken(email: str) -> Conflict:
    """A contact's e-mail is its login's name, so it is one contact's (ORG-2)."""
    message = f"A contact with the e-mail {email} already exists"
    return Conflict(message, code="email_taken", details=[field_problem("email", "email_taken", message)])
