"""Keeping the product catalogue (the vendor's administrators) and reading it (everyone who may order)."""

from __future__ import annotations

from portal import access
from portal.access import Principal
from portal.catalogue.models import Catalogue, Product, ProductInput, ProductPatch
from portal.catalogue.repository import CatalogueRepository
from portal.clock import Clock, new_id, now
from portal.errors import NotFound
from portal.history import next_version, require_version


def catalogue(principal: Principal, products: CatalogueRepository, *, include_retired: bool = False) -> Catalogue:
    """What can be ordered, by name; the catalogue's keepers may ask for the retired products too."""
    if include_retired:
        access.require_keep_catalogue(principal)
        return Catalogue(items=products.all())
    return Catalogue(items=products.orderable())


def create_product(
    principal: Principal, products: CatalogueRepository, data: ProductInput, clock: Clock = now
) -> Product:
    access.require_keep_catalogue(principal)
    at = clock()
    product = Product(**data.model_dump(), product_id=new_id(), version=1, created_at=at, updated_at=at)
    products.create(product, actor=principal.username)
    return product


def update_product(
    principal: Principal, products: CatalogueRepository, product_id: str, patch: ProductPatch, clock: Clock = now
) -> Product:
    access.require_keep_catalogue(principal)
    before = products.get(product_id)
    if before is None:
        raise NotFound("No such product")
    require_version(before.version, patch.version, "product")
    after, changes = next_version(before, patch.model_dump(exclude={"version"}, exclude_unset=True), clock())
    if changes:
        products.update(before, after, actor=principal.username, changes=changes)
    return after
