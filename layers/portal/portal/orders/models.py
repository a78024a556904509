"""Orders a customer's users place (ORD-1 supplies; change and service orders follow in this package)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.catalogue.models import MAX_QUANTITY
from portal.customers.models import Country
from portal.fields import EntityId, Name, Version

# Supplies are made by the vendor's supplier and carried by post, normally within a week (seed 000).
DELIVERY_DAYS = 7
MAX_ORDER_LINES = 50


class OrderStatus(StrEnum):
    PLACED = "placed"
    DELIVERED = "delivered"


class DeliveryAddress(BaseModel):
    """Where supplies go; it must be filled in before an order can be placed (seed 000)."""

    model_config = ConfigDict(extra="forbid")

    recipient: Name = Field(description="Company or person the parcel is addressed to")
    address: Name
    postal_code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]
    city: Name
    country: Country = Country.NORWAY


class OrderLineInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    product_id: EntityId
    quantity: int = Field(ge=1, le=MAX_QUANTITY)


OwnNotes = Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None


class SuppliesOrderInput(BaseModel):
    """A supplies order: products and quantities, and where they go."""

    model_config = ConfigDict(extra="forbid")

    lines: list[OrderLineInput] = Field(min_length=1, max_length=MAX_ORDER_LINES)
    notes: OwnNotes = Field(
        default=None, description="For the customer's own use; not a message to the vendor, who never sees it"
    )
    delivery_address: DeliveryAddress


class OrderLine(BaseModel):
    """An ordered product as it was when ordered (a later change to the catalogue does not change the order)."""

    product_id: str
    article_number: str
    name: str
    unit: str | None = None
    quantity: int


class SuppliesOrder(BaseModel):
    order_id: str
    customer_id: str
    number: int = Field(description="The order's number at its customer: 1, 2, 3, …")
    kind: Literal["supplies"] = "supplies"
    status: OrderStatus = OrderStatus.PLACED
    lines: list[OrderLine]
    notes: str | None = Field(default=None, description="Only the customer's own users are shown it")
    delivery_address: DeliveryAddress
    placed_at: datetime
    placed_by: str
    placed_by_name: str
    delivered_at: datetime | None = None
    version: int


class SuppliesOrderView(SuppliesOrder):
    expected_by: datetime = Field(description=f"When it normally has arrived: {DELIVERY_DAYS} days after placing")
    get_in_touch: bool = Field(description="Not delivered by `expected_by`: the customer should get in touch")


class SuppliesOrderPage(BaseModel):
    items: list[SuppliesOrderView]
    next_cursor: str | None = None


class DeliveryInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
