"""Orders a customer's users place (ORD-1 supplies; change and service orders follow in this package)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.catalogue.models import MAX_QUANTITY
from portal.customers.models import Country
from portal.fields import MAX_VERSION, EntityId, Name, Version
from portal.money import Currency

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


# -- change orders (ORD-2) ------------------------------------------------------------------------------------------

MAX_CREDIT_LIMIT = 10**13  # minor units: a hundred thousand million kroner, far above any mandate
MAX_PIECES = 10_000_000


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"

    @property
    def number(self) -> int:
        """0 = Monday, as `date.weekday()` counts."""
        return list(Weekday).index(self)


class CashAgreementInput(BaseModel):
    """What the vendor has agreed with a customer about cash: set by staff (ORD-2)."""

    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=0, le=MAX_VERSION, description="The version you read; 0 when there is none yet")
    currency: Currency = Currency.NOK
    delivery_weekdays: list[Weekday] = Field(
        min_length=1, max_length=len(Weekday), description="The weekdays the cash centre delivers change on"
    )
    credit_limit: int = Field(
        ge=0, le=MAX_CREDIT_LIMIT, description="The direct-debit mandate's limit per order, in minor units (øre)"
    )


class CashAgreement(BaseModel):
    customer_id: str
    currency: Currency = Currency.NOK
    delivery_weekdays: list[Weekday] = Field(default_factory=list)
    credit_limit: int = 0
    version: int = Field(default=0, description="0: nothing is agreed yet, and no change order can be placed")
    updated_at: datetime | None = None


class ChangeLineInput(BaseModel):
    """One note or coin, by its code (`note-500`, `coin-0.50`): how many, or their amount in minor units."""

    model_config = ConfigDict(extra="forbid")

    denomination: Annotated[str, StringConstraints(max_length=20)]
    pieces: int | None = Field(default=None, ge=0, le=MAX_PIECES)
    amount: int | None = Field(default=None, ge=0, le=MAX_CREDIT_LIMIT, description="In minor units")


class ChangeOrderInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    delivery_date: date
    lines: list[ChangeLineInput] = Field(min_length=1, max_length=30)
    notes: OwnNotes = Field(
        default=None, description="For the customer's own use; not a message to the vendor, who never sees it"
    )


class ChangeLine(BaseModel):
    denomination: str
    pieces: int
    amount: int = Field(description="In minor units")


class ChangeOrderStatus(StrEnum):
    PLACED = "placed"
    DELETED = "deleted"


class ChangeOrder(BaseModel):
    order_id: str
    customer_id: str
    number: int
    kind: Literal["change"] = "change"
    status: ChangeOrderStatus = ChangeOrderStatus.PLACED
    currency: Currency
    delivery_date: date
    lines: list[ChangeLine]
    total: int = Field(description="In minor units: the sum of the lines, exactly")
    notes: str | None = None
    placed_at: datetime
    placed_by: str
    placed_by_name: str
    deleted_at: datetime | None = None
    deleted_by_name: str | None = None
    version: int


class ChangeOrderView(ChangeOrder):
    deletable_until: datetime = Field(description="The end of the last business day before delivery")
    deletable_through: date = Field(description="That last business day, in the customer's country")
    deletable: bool


class ChangeOrderPage(BaseModel):
    items: list[ChangeOrderView]
    next_cursor: str | None = None
