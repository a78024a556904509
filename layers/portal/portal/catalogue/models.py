"""The product catalogue (ORD-1): the supplies the vendor's staff offer and a customer's orderers order from."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.fields import Name, Version, refuse_null

ArticleNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
]
ProductText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None
MAX_QUANTITY = 10_000
MaxQuantity = Annotated[int, Field(ge=1, le=MAX_QUANTITY, description="The most one order may ask for")]


class ProductInput(BaseModel):
    """A new product."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    article_number: ArticleNumber = Field(description="The vendor's article number (letters, digits, . _ -)")
    unit: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] | None = Field(
        default=None, description="What one counts as, e.g. 'pack of 100 bags'"
    )
    description: ProductText = None
    max_quantity: MaxQuantity = 100


class ProductPatch(BaseModel):
    """Changes to a product; fields left out stay as they are. `active: false` retires it."""

    model_config = ConfigDict(extra="forbid")

    version: Version
    name: Name | None = None
    article_number: ArticleNumber | None = None
    unit: Annotated[str, StringConstraints(strip_whitespace=True, max_length=60)] | None = None
    description: ProductText = None
    max_quantity: MaxQuantity | None = None
    active: bool | None = Field(default=None, description="Retired products can no longer be ordered")

    _required = refuse_null("name", "article_number", "max_quantity", "active")


class Product(ProductInput):
    product_id: str
    active: bool = True
    version: int
    created_at: datetime
    updated_at: datetime


class Catalogue(BaseModel):
    items: list[Product]
