"""Orders a customer's users place (ORD-1 supplies; change and service orders follow in this package)."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.business_days import local_date
from portal.catalogue.models import MAX_QUANTITY
from portal.customers.models import Country
from portal.fields import MAX_VERSION, EntityId, Name, Version, refuse_null
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


class DenominationInfo(BaseModel):
    code: str = Field(description="How a change order names it: note-500, coin-0.50")
    minor: int = Field(description="Its value in minor units")


class CashAgreementView(CashAgreement):
    denominations: list[DenominationInfo] = Field(
        description="The notes and coins of the agreed currency, largest first: what a change order may contain"
    )


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


# -- service orders with approval (ORD-3) ---------------------------------------------------------------------------

ProductGroup = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Reference = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]


class ContractInput(BaseModel):
    """A customer's service contract, kept by the vendor's staff."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    default_reference: Reference | None = Field(
        default=None, description="Pre-fills the customer's order reference of an order under this contract"
    )
    product_groups: list[ProductGroup] = Field(min_length=1, max_length=30)
    customer_approval: bool = Field(
        default=True,
        description="Whether an order under this contract waits for the customer's approval after the seller's "
        "(agreed with the customer, seed 004)",
    )


class ContractPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    name: Name | None = None
    number: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    default_reference: Reference | None = None
    product_groups: list[ProductGroup] | None = Field(default=None, min_length=1, max_length=30)
    customer_approval: bool | None = None
    active: bool | None = Field(default=None, description="Inactive contracts cannot be chosen for new orders")

    _required = refuse_null("name", "product_groups", "customer_approval", "active")


class Contract(ContractInput):
    contract_id: str
    customer_id: str
    active: bool = True
    version: int
    created_at: datetime
    updated_at: datetime


class ContractList(BaseModel):
    items: list[Contract]


class ServiceOrderStatus(StrEnum):
    WAITING_FOR_SELLER = "waiting_for_seller"
    WAITING_FOR_CUSTOMER = "waiting_for_customer"
    APPROVED = "approved"
    DELIVERED = "delivered"
    REJECTED = "rejected"
    CANCELLED = "cancelled"


class OrderProgress(StrEnum):
    """The order's own state, apart from its approval (seed 004)."""

    ACTIVE = "active"
    STARTED = "started"
    CLOSED = "closed"


class ServiceOrderAction(StrEnum):
    APPROVE = "approve"  # the seller
    CONFIRM = "confirm"  # the customer's order approver
    CONFIRM_ON_BEHALF = "confirm_on_behalf"  # the seller, for the customer, with a reason
    DELIVER = "deliver"  # the vendor's staff
    REJECT = "reject"  # the seller, or the customer's order approver, with a reason
    CANCEL = "cancel"  # the customer's orderer before approval, or the vendor's staff


class ServiceOrderInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    department_id: EntityId
    contract_id: EntityId
    product_group: ProductGroup
    customer_reference: Reference | None = Field(default=None, description="Left out: the contract's default reference")
    description: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=4000)] = Field(
        description="What is ordered. Do not write sensitive personal data here (health, national identity numbers)."
    )


class TimelineEntry(BaseModel):
    at: datetime
    by_name: str
    action: str = Field(description="placed, a ServiceOrderAction, reminded, or progress_started / progress_closed")
    status: ServiceOrderStatus
    note: str | None = None


class ServiceOrder(BaseModel):
    order_id: str
    customer_id: str
    number: int
    kind: Literal["service"] = "service"
    status: ServiceOrderStatus = ServiceOrderStatus.WAITING_FOR_SELLER
    progress: OrderProgress = OrderProgress.ACTIVE
    department_id: str
    department_name: str
    contract_id: str
    contract_name: str
    product_group: str
    customer_reference: str | None = None
    description: str
    customer_approval: bool
    placed_at: datetime
    placed_by: str
    placed_by_name: str
    reminders: int = 0
    timeline: list[TimelineEntry]
    version: int


class ServiceOrderView(ServiceOrder):
    actions: list[ServiceOrderAction] = Field(description="What the reader may do with the order now")
    next_progress: list[OrderProgress] = Field(
        default_factory=list, description="The order states the reader may move the order on to now"
    )


# The order's own state moves forward only: active → started → closed (or active → closed).
PROGRESS_NEXT: dict[OrderProgress, tuple[OrderProgress, ...]] = {
    OrderProgress.ACTIVE: (OrderProgress.STARTED, OrderProgress.CLOSED),
    OrderProgress.STARTED: (OrderProgress.CLOSED,),
    OrderProgress.CLOSED: (),
}


class ProgressInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    progress: OrderProgress
    version: Version


class ServiceOrderPage(BaseModel):
    items: list[ServiceOrderView]
    next_cursor: str | None = None


class TransitionInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    action: ServiceOrderAction
    version: Version
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = Field(
        default=None, description="Required to reject, and to confirm on the customer's behalf"
    )


# -- order history (ORD-4) -------------------------------------------------------------------------------------------


class OrderRow(BaseModel):
    """An order of any kind as the order history lists it."""

    order_id: str
    customer_id: str
    kind: Literal["supplies", "change", "service"]
    number: int
    status: str = Field(description="The kind's own status: placed, delivered, deleted, waiting_for_seller, …")
    placed_on: date = Field(description="The day it was placed, in Norway")
    placed_at: datetime
    placed_by_name: str
    department_id: str | None = None
    department_name: str | None = None
    product_group: str | None = None
    customer_reference: str | None = None
    currency: Currency | None = None
    total: int | None = Field(default=None, description="Change orders: minor units")

    @classmethod
    def of(cls, order: SuppliesOrder | ChangeOrder | ServiceOrder) -> OrderRow:
        fields: dict[str, object] = {
            "order_id": order.order_id,
            "customer_id": order.customer_id,
            "kind": order.kind,
            "number": order.number,
            "status": order.status.value,
            "placed_on": local_date(order.placed_at, Currency.NOK),
            "placed_at": order.placed_at,
            "placed_by_name": order.placed_by_name,
        }
        if isinstance(order, ChangeOrder):
            fields.update(currency=order.currency, total=order.total)
        if isinstance(order, ServiceOrder):
            fields.update(
                department_id=order.department_id,
                department_name=order.department_name,
                product_group=order.product_group,
                customer_reference=order.customer_reference,
            )
        return cls.model_validate(fields)


class OrderRowPage(BaseModel):
    items: list[OrderRow]
    next_cursor: str | None = None


class OrderFilters(BaseModel):
    """What the order history is searched by (seeds 000 and 004)."""

    model_config = ConfigDict(extra="forbid")

    date_from: date | None = None
    date_to: date | None = None
    status: Annotated[str, StringConstraints(max_length=40, pattern=r"^[a-z_]+$")] | None = None
    department_id: EntityId | None = None
    product_group: ProductGroup | None = None
    number: int | None = Field(default=None, ge=1, le=MAX_VERSION, description="One order, whatever its date")
    reference: Reference | None = Field(default=None, description="The customer's order reference, exactly")
