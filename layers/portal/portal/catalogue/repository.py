"""Products live in one partition (a catalogue is small: one Query reads it whole); the orderable ones are also
under an index partition sorted by name, so an order form reads exactly the products it shows."""

from __future__ import annotations

from typing import Protocol

from portal.catalogue.models import Product
from portal.clock import is_id
from portal.history import FieldChange, before_and_after
from portal.store import Item, Table, audit_item, item_of, key, model_of

CATALOGUE = "CATALOGUE"
ORDERABLE = "CATALOGUE#active"


class CatalogueRepository(Protocol):
    def get(self, product_id: str) -> Product | None: ...
    def all(self) -> list[Product]: ...
    def orderable(self) -> list[Product]: ...
    def create(self, product: Product, *, actor: str) -> None: ...
    def update(self, before: Product, after: Product, *, actor: str, changes: list[FieldChange]) -> None: ...


class DynamoCatalogueRepository:
    def __init__(self, table: Table | None = None):
        self.table = table or Table()

    def get(self, product_id: str) -> Product | None:
        if not is_id(product_id):
            return None
        item = self.table.get(CATALOGUE, key("PRODUCT", product_id))
        return model_of(Product, item) if item else None

    def all(self) -> list[Product]:
        items = self.table.query_all(pk=CATALOGUE, sk_prefix="PRODUCT#")
        return sorted((model_of(Product, item) for item in items), key=_by_name)

    def orderable(self) -> list[Product]:
        return [model_of(Product, item) for item in self.table.query_all(pk=ORDERABLE, index="GSI1")]

    def create(self, product: Product, *, actor: str) -> None:
        after = product.model_dump(mode="json", exclude={"product_id", "version", "created_at", "updated_at"})
        audit = audit_item(
            partition=CATALOGUE,
            actor=actor,
            action="product_created",
            at=product.created_at,
            subject=product.product_id,
            after=after,
        )
        self.table.put_audited(_item(product), audit, conflict_message="The product exists already")

    def update(self, before: Product, after: Product, *, actor: str, changes: list[FieldChange]) -> None:
        old, new = before_and_after(changes)
        audit = audit_item(
            partition=CATALOGUE,
            actor=actor,
            action="product_updated",
            at=after.updated_at,
            subject=after.product_id,
            before=old,
            after=new,
        )
        self.table.put_audited(
            _item(after),
            audit,
            read_version=before.version,
            conflict_message="The product was changed by someone else meanwhile; reload and try again",
        )


def _by_name(product: Product) -> tuple[str, str]:
    return product.name.casefold(), product.product_id


def _item(product: Product) -> Item:
    extra = {"GSI1PK": ORDERABLE, "GSI1SK": f"{product.name.casefold()}#{product.product_id}"} if product.active else {}
    return item_of(product, pk=CATALOGUE, sk=key("PRODUCT", product.product_id), kind="product", **extra)
