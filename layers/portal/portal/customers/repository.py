"""The customer register's DynamoDB adapter: stored item shapes and the keys of every access pattern.

See docs/data-model.md for the access patterns these keys serve.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol

from portal.clock import is_id, iso, parse_iso
from portal.customers import search
from portal.customers.models import (
    Customer,
    CustomerHistoryAction,
    CustomerRegisterSettings,
    CustomerSort,
    CustomerStatus,
    CustomerSummary,
    HistoryEntry,
)
from portal.errors import Conflict, field_problem
from portal.history import FieldChange, before_and_after, recorded_changes, stored_value
from portal.store import Item, Table, Transaction, audit_item, failed_conditions, key

if TYPE_CHECKING:
    from portal.notifications.repository import SideEffect

MAX_INDEXED_WORDS = 30
FILTERED_SEARCH_BATCH = 100

_SUMMARY_FIELDS = ("customer_id", "name", "number", "contact_person", "email", "city", "status")
_STORED_FIELDS = (
    "customer_id",
    "name",
    "number",
    "country",
    "organisation_number",
    "email",
    "contact_person",
    "phone",
    "address",
    "postal_code",
    "city",
    "parent_id",
    "subsidiaries_see_each_other",
    "custom_fields",
    "status",
    "assigned_staff",
    "version",
)


def customer_pk(customer_id: str) -> str:
    return key("CUST", customer_id)


def _number_sort_key(number: str) -> str:
    return number.zfill(40) if number.isdigit() else number.upper()


@dataclass(frozen=True)
class NumberHolder:
    """Who holds a customer number: a customer, and for a number a bulk upload took, that upload (ORG-3). Until the
    upload writes the customer, the number is held by an id with no customer behind it."""

    customer_id: str
    import_id: str | None = None


class CustomerPageResult:
    def __init__(self, items: list[CustomerSummary], cursor: str | None, items_read: int):
        self.items = items
        self.cursor = cursor
        self.items_read = items_read


class CustomerRepository(Protocol):
    def get(self, customer_id: str) -> Customer | None: ...
    def get_settings(self) -> CustomerRegisterSettings: ...
    def save_settings(self, settings: CustomerRegisterSettings, *, expected_version: int, actor: str) -> None: ...
    def create(self, customer: Customer, *, actor: str) -> None: ...
    def update(
        self,
        before: Customer,
        after: Customer,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
        side_effects: Sequence[SideEffect] = (),
    ) -> None: ...
    def list_page(
        self,
        *,
        status: CustomerStatus,
        sort: CustomerSort,
        ascending: bool,
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> CustomerPageResult: ...
    def search_page(
        self, *, status: CustomerStatus, terms: list[str], limit: int, cursor: str | None, viewer: str
    ) -> CustomerPageResult: ...
    def assigned_to(self, username: str) -> list[tuple[CustomerSummary, list[str]]]: ...
    def history(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[HistoryEntry], str | None]: ...
    def subsidiaries(self, customer_id: str) -> list[str]: ...
    def get_many(self, customer_ids: Iterable[str]) -> list[Customer]: ...
    def by_numbers(self, numbers: Iterable[str]) -> dict[str, Customer]: ...
    def number_holders(self, numbers: Iterable[str]) -> dict[str, NumberHolder]: ...
    def claim_number(self, customer: Customer, *, import_id: str) -> bool: ...
    def write_claimed(self, customers: Sequence[Customer], *, actor: str) -> None: ...
    def in_use(self, customer_id: str) -> list[str]: ...
    def delete(self, customer: Customer, *, actor: str, at: datetime) -> list[str]: ...
    def assign(self, customer: Customer, username: str, *, actor: str, at: Any) -> None: ...


class DynamoCustomerRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    # -- reads -------------------------------------------------------------------------------------------------

    def get(self, customer_id: str) -> Customer | None:
        if not is_id(customer_id):
            return None
        item = self.table.get(customer_pk(customer_id), "CUSTOMER")
        return _customer_from_item(item) if item else None

    def get_many(self, customer_ids: Iterable[str]) -> list[Customer]:
        items = self.table.batch_get(
            [(customer_pk(customer_id), "CUSTOMER") for customer_id in customer_ids if is_id(customer_id)]
        )
        return sorted(
            (_customer_from_item(item) for item in items), key=lambda customer: search.sort_key(customer.name)
        )

    def by_numbers(self, numbers: Iterable[str]) -> dict[str, Customer]:
        """The customers with these numbers, by number in upper case (numbers are unique regardless of case)."""
        found = self.get_many(holder.customer_id for holder in self.number_holders(numbers).values())
        return {customer.number.upper(): customer for customer in found}

    def number_holders(self, numbers: Iterable[str]) -> dict[str, NumberHolder]:
        """Who holds each of these numbers, by number in upper case (one read per number)."""
        items = self.table.batch_get([(key("CUSTNO", number.upper()), "CUSTNO") for number in set(numbers)])
        return {
            item["PK"].removeprefix("CUSTNO#"): NumberHolder(
                customer_id=item["customer_id"], import_id=item.get("import_id")
            )
            for item in items
        }

    # -- bulk upload (ORG-3) --------------------------------------------------------------------------------------

    def claim_number(self, customer: Customer, *, import_id: str) -> bool:
        """Takes the customer's number for it on behalf of an upload, unless someone holds it: the one conditional
        write of an imported customer. The rest of it follows in `write_claimed`; a run that dies between the two
        leaves a number held by a customer id with no customer, which a retried run of the same upload, and no
        other, completes (`number_holders` names the upload)."""
        try:
            self.table.put(_number_item(customer, import_id=import_id), condition="attribute_not_exists(PK)")
        except Conflict:
            return False
        return True

    def write_claimed(self, customers: Sequence[Customer], *, actor: str) -> None:
        """Customers whose numbers `claim_number` took for them, with their search items and "created" history
        entries, in batches: thousands of transactions would cost twice the writes for no more safety."""
        self.table.batch_put(
            [
                item
                for customer in customers
                for item in new_customer_items(customer, actor=actor)
                if item["SK"] != "CUSTNO"
            ]
        )

    # -- deleting a customer (AUTH-3 "Delete") --------------------------------------------------------------------

    def in_use(self, customer_id: str) -> list[str]:
        """What keeps a customer from being deleted, kept in its own partition: its traffic (orders, deposits,
        documents, quotes, invoice specifications, closed work), and the people and systems tied to it (logins,
        contacts, subsidiaries, API keys). Cases and files are asked of their own indexes by the caller."""
        kinds = set()
        for item in self.table.query_all(pk=customer_pk(customer_id)):
            prefix = str(item["SK"]).split("#", 1)[0]
            if prefix in _IN_USE:
                kinds.add(_IN_USE[prefix])
        return sorted(kinds)

    def delete(self, customer: Customer, *, actor: str, at: datetime) -> list[str]:
        """The customer, its number and search items, its place in its group and on its assignees' lists go in one
        transaction conditioned on the version read; its history stays under a pseudonym (what named the customer is
        replaced, its other personal data removed); what else its partition holds (objects, departments, settings)
        follows.

        The caller found nothing that uses the customer, but something may have been made for it since (an order,
        a login): that is never swept away with the rest. Its kinds are returned, to be looked into."""
        pseudonym = pseudonym_of(customer)
        transaction = Transaction()
        transaction.delete(
            customer_pk(customer.customer_id),
            "CUSTOMER",
            condition="version = :read",
            values={":read": customer.version},
        )
        transaction.delete(*_number_key(customer))
        for item in _search_items(customer):
            transaction.delete(item["PK"], item["SK"])
        if customer.parent_id:
            transaction.delete(customer_pk(customer.parent_id), key("CHILD", customer.customer_id))
        for username in customer.assigned_staff:
            transaction.delete(key("ASSIGNEE", username), customer_pk(customer.customer_id))
        transaction.put(
            audit_item(
                partition=customer_pk(customer.customer_id),
                actor=actor,
                action=CustomerHistoryAction.DELETED,
                at=at,
                after={"name": pseudonym, "number": customer.number},
            )
        )
        self.table.transact(transaction, conflict_message="The customer changed meanwhile; reload and try again")
        rest = self.table.query_all(pk=customer_pk(customer.customer_id))
        history = [item for item in rest if str(item["SK"]).startswith("AUDIT#")]
        self.table.batch_put([_pseudonymised(item, pseudonym) for item in history])
        arrived: set[str] = set()
        for item in rest:
            prefix = str(item["SK"]).split("#", 1)[0]
            if prefix in _IN_USE:
                arrived.add(_IN_USE[prefix])
            elif prefix != "AUDIT":
                self.table.delete(item["PK"], item["SK"])
        return sorted(arrived)

    def get_settings(self) -> CustomerRegisterSettings:
        item = self.table.get("SETTINGS", "CUSTOMER_REGISTER")
        if item is None:
            return CustomerRegisterSettings()
        return CustomerRegisterSettings.model_validate(
            {name: value for name, value in item.items() if name not in {"PK", "SK"}}
        )

    def list_page(
        self,
        *,
        status: CustomerStatus,
        sort: CustomerSort,
        ascending: bool,
        limit: int,
        cursor: str | None,
        viewer: str,
    ) -> CustomerPageResult:
        """`viewer` is the username the page is read for: its cursor continues this list for them only."""
        index = "GSI1" if sort is CustomerSort.NAME else "GSI2"
        page = self.table.query(
            pk=key("CUSTOMERS", status.value),
            index=index,
            ascending=ascending,
            limit=limit,
            cursor=cursor,
            principal=viewer,
        )
        return CustomerPageResult([_summary_from_item(item) for item in page.items], page.cursor, page.items_read)

    def search_page(
        self, *, status: CustomerStatus, terms: list[str], limit: int, cursor: str | None, viewer: str
    ) -> CustomerPageResult:
        """Reads the index items of the longest term; the other terms are checked against each hit's words.

        A customer with several words starting with the term is returned once: only the hit of its first such
        word counts, so a customer never shows up on two pages.
        """
        driver = max(terms, key=len)
        others = [term for term in terms if term != driver]
        partition = key("CSEARCH", status.value, search.bucket(driver))
        found: list[CustomerSummary] = []
        items_read = 0
        next_cursor = cursor
        while True:
            # Every item read is paid for: with one term ask only for what is missing; when other terms filter the
            # hits, read larger pages so a sparse match costs a few round trips rather than many.
            wanted = limit - len(found)
            batch = max(wanted, FILTERED_SEARCH_BATCH) if others else wanted
            # The other terms filter in memory, so the cursor is bound to them too.
            page = self.table.query(
                pk=partition,
                sk_prefix=driver,
                limit=batch,
                cursor=next_cursor,
                principal=viewer,
                bind={"terms": sorted(others)},
            )
            items_read += page.items_read
            for item in page.items:
                customer_words: list[str] = item["words"]
                first_match = min(word for word in customer_words if word.startswith(driver))
                if item["word"] == first_match and search.matches_all(others, customer_words):
                    found.append(_summary_from_item(item))
                    if len(found) == limit:
                        return CustomerPageResult(found, page.cursor_after(item), items_read)
            if page.cursor is None:
                return CustomerPageResult(found, None, items_read)
            next_cursor = page.cursor

    def assigned_to(self, username: str) -> list[tuple[CustomerSummary, list[str]]]:
        items = self.table.query_all(pk=key("ASSIGNEE", username), sk_prefix="CUST#")
        return [(_summary_from_item(item), list(item.get("words", []))) for item in items]

    def history(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[HistoryEntry], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id),
            sk_prefix="AUDIT#",
            ascending=False,
            limit=limit,
            cursor=cursor,
            principal=viewer,
        )
        return [_history_from_item(item) for item in page.items], page.cursor

    def subsidiaries(self, customer_id: str) -> list[str]:
        return [item["child_id"] for item in self.table.query_all(pk=customer_pk(customer_id), sk_prefix="CHILD#")]

    # -- writes ------------------------------------------------------------------------------------------------

    def save_settings(self, settings: CustomerRegisterSettings, *, expected_version: int, actor: str) -> None:
        item = {"PK": "SETTINGS", "SK": "CUSTOMER_REGISTER", **settings.model_dump(mode="json")}
        if expected_version == 0:
            self.table.put(
                item,
                condition="attribute_not_exists(PK)",
                conflict_message="The settings were changed meanwhile; reload and try again",
            )
        else:
            self.table.put(
                item,
                condition="version = :expected",
                values={":expected": expected_version},
                conflict_message="The settings were changed meanwhile; reload and try again",
            )

    def create(self, customer: Customer, *, actor: str) -> None:
        transaction = Transaction()
        record, number, *rest = new_customer_items(customer, actor=actor)
        transaction.put(record, condition="attribute_not_exists(PK)")
        transaction.put(number, condition="attribute_not_exists(PK)")
        if customer.parent_id:
            transaction.check(customer_pk(customer.parent_id), "CUSTOMER", condition="attribute_exists(PK)")
        for item in rest:
            transaction.put(item)
        try:
            self.table.transact(transaction, conflict_message="The customer's group no longer exists")
        except Conflict as conflict:
            if 1 in failed_conditions(conflict):
                raise number_taken(customer.number) from None
            raise

    def update(
        self,
        before: Customer,
        after: Customer,
        *,
        actor: str,
        action: CustomerHistoryAction,
        changes: list[FieldChange],
        side_effects: Sequence[SideEffect] = (),
    ) -> None:
        """The customer replacing the version read, with its index items, its history entry and the change's side
        effects (the e-mail telling staff of an assignment), in one transaction."""
        from portal.notifications.repository import enqueue

        transaction = Transaction()
        transaction.put(_customer_item(after), condition="version = :read", values={":read": before.version})
        number_guard = None
        if after.number != before.number:
            transaction.delete(*_number_key(before))
            number_guard = len(transaction.operations)
            transaction.put(_number_item(after), condition="attribute_not_exists(PK)")
        if after.parent_id and after.name != before.name:
            transaction.put(_child_item(after))
        old_search = {(item["PK"], item["SK"]) for item in _search_items(before)}
        new_search = _search_items(after)
        for item in new_search:
            transaction.put(item)
        for pk, sk in old_search - {(item["PK"], item["SK"]) for item in new_search}:
            transaction.delete(pk, sk)
        for username in after.assigned_staff:
            transaction.put(_assignee_item(after, username))
        for username in set(before.assigned_staff) - set(after.assigned_staff):
            transaction.delete(key("ASSIGNEE", username), key("CUST", after.customer_id))
        enqueue(transaction, side_effects, at=after.updated_at)
        transaction.put(
            audit_item(
                partition=customer_pk(after.customer_id),
                actor=actor,
                action=action,
                at=after.updated_at,
                before={change.field: change.before for change in changes},
                after={change.field: change.after for change in changes},
            )
        )
        try:
            self.table.transact(
                transaction, conflict_message="The customer was changed by someone else meanwhile; reload and try again"
            )
        except Conflict as conflict:
            if number_guard in failed_conditions(conflict):
                raise number_taken(after.number) from None
            raise

    def assign(self, customer: Customer, username: str, *, actor: str, at: Any) -> None:
        """Makes `username` responsible for the customer (ORG-4); the change is audited like any other."""
        updated = customer.model_copy(
            update={
                "assigned_staff": sorted({*customer.assigned_staff, username}),
                "version": customer.version + 1,
                "updated_at": at,
            }
        )
        self.update(
            customer,
            updated,
            actor=actor,
            action=CustomerHistoryAction.ASSIGNED,
            changes=[FieldChange(field="assigned_staff", before=customer.assigned_staff, after=updated.assigned_staff)],
        )


# -- records in a customer's partition (objects, departments) ---------------------------------------------------


def put_new_with_history(
    table: Table,
    item: Item,
    *,
    customer_id: str,
    subject: str,
    actor: str,
    action: CustomerHistoryAction,
    at: datetime,
    after: dict[str, Any],
) -> None:
    """A new record of a customer, with its entry in the customer's history; refused if the customer is gone."""
    audit = audit_item(
        partition=customer_pk(customer_id), actor=actor, action=action, at=at, subject=subject, after=after
    )
    table.put_audited(
        item, audit, parent=(customer_pk(customer_id), "CUSTOMER"), conflict_message="The customer no longer exists"
    )


def put_changed_with_history(
    table: Table,
    item: Item,
    *,
    customer_id: str,
    subject: str,
    actor: str,
    action: CustomerHistoryAction,
    at: datetime,
    changes: list[FieldChange],
    read_version: int,
    what: str,
) -> None:
    """A changed record of a customer, with its entry in the customer's history, if still at the version read."""
    before, after = before_and_after(changes)
    audit = audit_item(
        partition=customer_pk(customer_id),
        actor=actor,
        action=action,
        at=at,
        subject=subject,
        before=before,
        after=after,
    )
    table.put_audited(
        item,
        audit,
        read_version=read_version,
        conflict_message=f"The {what} was changed by someone else meanwhile; reload and try again",
    )


# -- item shapes -----------------------------------------------------------------------------------------------


def new_customer_items(customer: Customer, *, actor: str) -> list[Item]:
    """Every item a new customer consists of: record, number, subsidiary link, search items, audit entry."""
    # What a person entered, not bookkeeping: the id and version are the record's, not part of the change.
    after = {
        field: value
        for field, value in _plain(customer).items()
        if value not in (None, {}, []) and field not in {"customer_id", "version"}
    }
    return [
        _customer_item(customer),
        _number_item(customer),
        *([_child_item(customer)] if customer.parent_id else []),
        *_search_items(customer),
        audit_item(
            partition=customer_pk(customer.customer_id),
            actor=actor,
            action=CustomerHistoryAction.CREATED,
            at=customer.created_at,
            after=after,
        ),
    ]


def _plain(customer: Customer) -> dict[str, Any]:
    return customer.model_dump(mode="json", include=set(_STORED_FIELDS))


def number_taken(number: str) -> Conflict:
    """A customer number is one customer's (AUTH-3): the refusal names the field, for the form to show it there."""
    message = f"Customer number {number} is already in use"
    return Conflict(
        message, code="customer_number_taken", details=[field_problem("number", "customer_number_taken", message)]
    )


def _customer_item(customer: Customer) -> Item:
    status = customer.status.value
    return {
        "PK": customer_pk(customer.customer_id),
        "SK": "CUSTOMER",
        "type": "customer",
        **_plain(customer),
        "created_at": iso(customer.created_at),
        "updated_at": iso(customer.updated_at),
        "GSI1PK": key("CUSTOMERS", status),
        "GSI1SK": key(search.sort_key(customer.name), customer.customer_id),
        "GSI2PK": key("CUSTOMERS", status),
        "GSI2SK": key(_number_sort_key(customer.number), customer.customer_id),
    }


# The items of a customer's partition that keep it from being deleted, by their key's prefix, and what they are.
_IN_USE = {
    "ORDER": "orders",
    "CHANGE": "orders",
    "SERVICE": "orders",
    "CONTRACT": "contracts",
    "DEPOSIT": "deposits",
    "DOC": "documents",
    "QUOTE": "quotes",
    "INVSPEC": "invoice_specifications",
    "CLOSEDWO": "cases",
    "USER": "users",
    "CONTACT": "contacts",
    "EMPLOYEE": "employees",
    "INVOICE": "invoices",
    "OBJCONTACT": "contacts",
    "CHILD": "subsidiaries",
    "APIKEY": "api_keys",
    "TICKET": "support_tickets",
}
# What a customer's history may hold of it that is personal data (a sole proprietor's name and address are).
_PERSONAL_FIELDS = ("email", "contact_person", "phone", "address", "postal_code", "city", "organisation_number")


def pseudonym_of(customer: Customer) -> str:
    return f"deleted-customer-{customer.customer_id}"


def _pseudonymised(item: Item, pseudonym: str) -> Item:
    def cleaned(values: Any) -> Any:
        if not isinstance(values, dict):
            return values
        kept = {name: value for name, value in values.items() if name not in _PERSONAL_FIELDS}
        return {**kept, "name": pseudonym} if "name" in kept else kept

    return {**item, "before": cleaned(item.get("before")), "after": cleaned(item.get("after"))}


def _number_key(customer: Customer) -> tuple[str, str]:
    return key("CUSTNO", customer.number.upper()), "CUSTNO"


def _number_item(customer: Customer, *, import_id: str | None = None) -> Item:
    pk, sk = _number_key(customer)
    item: Item = {"PK": pk, "SK": sk, "type": "customer_number", "customer_id": customer.customer_id}
    return item | ({"import_id": import_id} if import_id else {})


def _child_item(customer: Customer) -> Item:
    assert customer.parent_id is not None
    return {
        "PK": customer_pk(customer.parent_id),
        "SK": key("CHILD", customer.customer_id),
        "type": "subsidiary",
        "child_id": customer.customer_id,
        "name": customer.name,
    }


def _summary_fields(customer: Customer) -> dict[str, Any]:
    return dict(customer.model_dump(mode="json", include=set(_SUMMARY_FIELDS)).items())


def _indexed_words(customer: Customer) -> list[str]:
    return search.words(customer.name, customer.number, customer.contact_person, customer.email)[:MAX_INDEXED_WORDS]


def _search_items(customer: Customer) -> list[Item]:
    customer_words = _indexed_words(customer)
    summary = _summary_fields(customer)
    return [
        {
            "PK": key("CSEARCH", customer.status.value, search.bucket(word)),
            "SK": key(word, customer.customer_id),
            "type": "customer_search",
            "word": word,
            "words": customer_words,
            **summary,
        }
        for word in customer_words
    ]


def _assignee_item(customer: Customer, username: str) -> Item:
    return {
        "PK": key("ASSIGNEE", username),
        "SK": key("CUST", customer.customer_id),
        "type": "assignment",
        "words": _indexed_words(customer),
        **_summary_fields(customer),
    }


def _customer_from_item(item: Item) -> Customer:
    data = {field: item.get(field) for field in _STORED_FIELDS if item.get(field) is not None}
    return Customer.model_validate(
        {
            **data,
            "created_at": parse_iso(item["created_at"]),
            "updated_at": parse_iso(item["updated_at"]),
            "version": int(item["version"]),
            "custom_fields": {name: stored_value(value) for name, value in (item.get("custom_fields") or {}).items()},
        }
    )


def _summary_from_item(item: Item) -> CustomerSummary:
    return CustomerSummary.model_validate({field: item.get(field) for field in _SUMMARY_FIELDS})


def _history_from_item(item: Item) -> HistoryEntry:
    return HistoryEntry(
        entry_id=item["entry_id"],
        at=parse_iso(item["at"]),
        actor=item["actor"],
        action=item["action"],
        changes=recorded_changes(item),
    )
