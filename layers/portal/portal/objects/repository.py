"""Objects live in their customer's partition, so a customer's objects are one query and never another's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from portal.clock import iso, parse_iso
from portal.customers.models import FieldChange
from portal.customers.repository import customer_pk
from portal.objects.models import ServiceObject
from portal.store import Item, Table, Transaction, audit_item, key


def object_sk(object_id: str) -> str:
    return key("OBJECT", object_id)


class ObjectRepository(Protocol):
    def get(self, customer_id: str, object_id: str) -> ServiceObject | None: ...
    def get_many(self, refs: Iterable[tuple[str, str]]) -> list[ServiceObject]: ...
    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None
    ) -> tuple[list[ServiceObject], str | None]: ...
    def create(self, service_object: ServiceObject, *, actor: str) -> None: ...
    def update(
        self, before: ServiceObject, after: ServiceObject, *, actor: str, changes: list[FieldChange]
    ) -> None: ...


class DynamoObjectRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, customer_id: str, object_id: str) -> ServiceObject | None:
        item = self.table.get(customer_pk(customer_id), object_sk(object_id))
        return _from_item(item) if item else None

    def get_many(self, refs: Iterable[tuple[str, str]]) -> list[ServiceObject]:
        items = self.table.batch_get(
            [(customer_pk(customer_id), object_sk(object_id)) for customer_id, object_id in refs]
        )
        return sorted((_from_item(item) for item in items), key=lambda found: found.name.casefold())

    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None
    ) -> tuple[list[ServiceObject], str | None]:
        page = self.table.query(pk=customer_pk(customer_id), sk_prefix="OBJECT#", limit=limit, cursor=cursor)
        return [_from_item(item) for item in page.items], page.cursor

    def create(self, service_object: ServiceObject, *, actor: str) -> None:
        transaction = Transaction()
        transaction.check(customer_pk(service_object.customer_id), "CUSTOMER", condition="attribute_exists(PK)")
        transaction.put(_item(service_object), condition="attribute_not_exists(PK)")
        transaction.put(
            audit_item(
                partition=customer_pk(service_object.customer_id),
                actor=actor,
                action="object_created",
                at=service_object.created_at,
                subject=service_object.object_id,
                after=service_object.model_dump(mode="json", exclude_none=True, exclude={"created_at", "updated_at"}),
            )
        )
        self.table.transact(transaction, conflict_message="The customer no longer exists")

    def update(self, before: ServiceObject, after: ServiceObject, *, actor: str, changes: list[FieldChange]) -> None:
        transaction = Transaction()
        transaction.put(_item(after), condition="version = :read", values={":read": before.version})
        transaction.put(
            audit_item(
                partition=customer_pk(after.customer_id),
                actor=actor,
                action="object_updated",
                at=after.updated_at,
                subject=after.object_id,
                before={change.field: change.before for change in changes},
                after={change.field: change.after for change in changes},
            )
        )
        self.table.transact(
            transaction, conflict_message="The object was changed by someone else meanwhile; reload and try again"
        )


def _item(service_object: ServiceObject) -> Item:
    data = service_object.model_dump(mode="json", exclude={"created_at", "updated_at"})
    return {
        "PK": customer_pk(service_object.customer_id),
        "SK": object_sk(service_object.object_id),
        "type": "object",
        **data,
        "created_at": iso(service_object.created_at),
        "updated_at": iso(service_object.updated_at),
    }


def _from_item(item: Item) -> ServiceObject:
    fields = set(ServiceObject.model_fields)
    data = {name: value for name, value in item.items() if name in fields and value is not None}
    data.update(
        version=int(item["version"]), created_at=parse_iso(item["created_at"]), updated_at=parse_iso(item["updated_at"])
    )
    return ServiceObject.model_validate(data)
