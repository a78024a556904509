"""Objects live in their customer's partition, so a customer's objects are one query and never another's."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from portal.clock import is_id
from portal.customers.models import CustomerHistoryAction
from portal.customers.repository import customer_pk, put_changed_with_history, put_new_with_history
from portal.history import FieldChange
from portal.objects.models import ServiceObject
from portal.store import Item, Table, item_of, key, model_of


def object_sk(object_id: str) -> str:
    return key("OBJECT", object_id)


class ObjectRepository(Protocol):
    def get(self, customer_id: str, object_id: str) -> ServiceObject | None: ...
    def get_many(self, refs: Iterable[tuple[str, str]]) -> list[ServiceObject]: ...
    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[ServiceObject], str | None]: ...
    def create(self, service_object: ServiceObject, *, actor: str) -> None: ...
    def update(
        self, before: ServiceObject, after: ServiceObject, *, actor: str, changes: list[FieldChange]
    ) -> None: ...


class DynamoObjectRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, customer_id: str, object_id: str) -> ServiceObject | None:
        if not (is_id(customer_id) and is_id(object_id)):
            return None
        item = self.table.get(customer_pk(customer_id), object_sk(object_id))
        return model_of(ServiceObject, item) if item else None

    def get_many(self, refs: Iterable[tuple[str, str]]) -> list[ServiceObject]:
        keys = [
            (customer_pk(customer_id), object_sk(object_id))
            for customer_id, object_id in refs
            if is_id(customer_id) and is_id(object_id)
        ]
        found = (model_of(ServiceObject, item) for item in self.table.batch_get(keys))
        return sorted(found, key=lambda service_object: service_object.name.casefold())

    def of_customer(
        self, customer_id: str, *, limit: int, cursor: str | None, viewer: str
    ) -> tuple[list[ServiceObject], str | None]:
        page = self.table.query(
            pk=customer_pk(customer_id), sk_prefix="OBJECT#", limit=limit, cursor=cursor, principal=viewer
        )
        return [model_of(ServiceObject, item) for item in page.items], page.cursor

    def create(self, service_object: ServiceObject, *, actor: str) -> None:
        put_new_with_history(
            self.table,
            _item(service_object),
            customer_id=service_object.customer_id,
            subject=service_object.object_id,
            actor=actor,
            action=CustomerHistoryAction.OBJECT_CREATED,
            at=service_object.created_at,
            after=service_object.model_dump(
                mode="json",
                exclude_none=True,
                exclude={"created_at", "updated_at", "object_id", "customer_id", "version"},
            ),
        )

    def update(self, before: ServiceObject, after: ServiceObject, *, actor: str, changes: list[FieldChange]) -> None:
        put_changed_with_history(
            self.table,
            _item(after),
            customer_id=after.customer_id,
            subject=after.object_id,
            actor=actor,
            action=CustomerHistoryAction.OBJECT_UPDATED,
            at=after.updated_at,
            changes=changes,
            read_version=before.version,
            what="object",
        )


def _item(service_object: ServiceObject) -> Item:
    return item_of(
        service_object,
        pk=customer_pk(service_object.customer_id),
        sk=object_sk(service_object.object_id),
        kind="object",
    )
