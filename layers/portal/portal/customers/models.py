"""Customer register models (ORG-1, ORG-3): API input, API output and domain values.

Stored items have their own shape, owned by `customers.repository`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.access import CustomerAction
from portal.fields import MAX_VERSION, Email, EntityId, Name, Phone, StoredInteger, Version, refuse_null
from portal.history import FieldChange

CUSTOM_FIELD_KEY_PATTERN = r"^[a-z][a-z0-9_]{0,39}$"

OptionalText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] | None
CustomerNumber = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40, pattern=r"^[A-Za-z0-9-]+$")
]
PostalCode = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20)] | None
MAX_CUSTOM_FIELDS = 50
MAX_CUSTOM_TEXT_LENGTH = 1000
CustomFieldKey = Annotated[str, StringConstraints(min_length=1, max_length=40)]
CustomFieldValue = Annotated[str, StringConstraints(max_length=MAX_CUSTOM_TEXT_LENGTH)] | StoredInteger | bool | None
CustomFieldValues = Annotated[
    dict[CustomFieldKey, CustomFieldValue],
    Field(max_length=MAX_CUSTOM_FIELDS, description=f"At most {MAX_CUSTOM_FIELDS} fields"),
]


class Country(StrEnum):
    NORWAY = "NO"
    SWEDEN = "SE"


class CustomerStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class CustomerSort(StrEnum):
    NAME = "name"
    NUMBER = "number"


class CustomFieldType(StrEnum):
    TEXT = "text"
    NUMBER = "number"
    DATE = "date"
    BOOLEAN = "boolean"
    CHOICE = "choice"


class CustomFieldLabels(BaseModel):
    """A custom field's label in the portal's languages; a language left out shows the field's own `label`."""

    model_config = ConfigDict(extra="forbid")

    nb: Name | None = None
    sv: Name | None = None
    en: Name | None = None


class CustomFieldDefinition(BaseModel):
    key: Annotated[str, StringConstraints(max_length=40, pattern=CUSTOM_FIELD_KEY_PATTERN)]
    label: Name = Field(description="The label where `labels` has none for the reader's language")
    labels: CustomFieldLabels = Field(default_factory=CustomFieldLabels)
    type: CustomFieldType
    required: bool = False
    choices: list[Name] = Field(default_factory=list, max_length=50)


class CustomerRegisterSettingsInput(BaseModel):
    number_min_length: int = Field(default=1, ge=1, le=40)
    number_max_length: int = Field(default=20, ge=1, le=40)
    custom_fields: list[CustomFieldDefinition] = Field(default_factory=list, max_length=MAX_CUSTOM_FIELDS)
    version: int = Field(
        default=0, ge=0, le=MAX_VERSION, description="The version you read; 0 when nothing was saved yet"
    )


class CustomerRegisterSettings(CustomerRegisterSettingsInput):
    updated_at: datetime | None = None
    updated_by: str | None = None


class CustomerInput(BaseModel):
    """A new customer."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    number: CustomerNumber = Field(description="The vendor's internal customer number, unique")
    country: Country = Country.NORWAY
    organisation_number: OptionalText = None
    email: Email | None = None
    contact_person: OptionalText = None
    phone: Phone | None = None
    address: OptionalText = None
    postal_code: PostalCode = Field(default=None, description="NO: 4 digits; SE: 5 digits, written NNN NN")
    city: OptionalText = None
    parent_id: EntityId | None = Field(default=None, description="The group (koncern) this customer belongs to")
    subsidiaries_see_each_other: bool = Field(
        default=False, description="For a group: its subsidiaries' users may see each other's traffic"
    )
    custom_fields: CustomFieldValues = Field(default_factory=dict)


class CustomerPatch(BaseModel):
    """Changes to a customer; fields left out stay as they are. `version` is the version you read."""

    model_config = ConfigDict(extra="forbid")

    version: Version
    name: Name | None = None
    number: CustomerNumber | None = None
    country: Country | None = None
    organisation_number: OptionalText = None
    email: Email | None = None
    contact_person: OptionalText = None
    phone: Phone | None = None
    address: OptionalText = None
    postal_code: PostalCode = None
    city: OptionalText = None
    subsidiaries_see_each_other: bool | None = None
    custom_fields: CustomFieldValues | None = None

    _required = refuse_null("name", "number", "country", "subsidiaries_see_each_other")


class Customer(BaseModel):
    customer_id: str
    name: str
    number: str
    country: Country
    organisation_number: str | None = None
    email: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    parent_id: str | None = None
    subsidiaries_see_each_other: bool = False
    custom_fields: dict[str, CustomFieldValue] = Field(default_factory=dict)
    status: CustomerStatus = CustomerStatus.ACTIVE
    assigned_staff: list[str] = Field(default_factory=list)
    version: int
    created_at: datetime
    updated_at: datetime


class CustomerView(Customer):
    """A customer as one principal reads it: with what that principal may do with it."""

    actions: list[CustomerAction] = Field(
        default_factory=list, description="What the caller may do with this customer (the API still decides)"
    )


class ExportColumn(StrEnum):
    """The columns of the customer list a CSV export can hold (those of the register's table)."""

    NUMBER = "number"
    NAME = "name"
    CONTACT_PERSON = "contact_person"
    EMAIL = "email"
    CITY = "city"
    STATUS = "status"


class CustomerSummary(BaseModel):
    customer_id: str
    name: str
    number: str
    contact_person: str | None = None
    email: str | None = None
    city: str | None = None
    status: CustomerStatus


class CustomerPage(BaseModel):
    items: list[CustomerSummary]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` to get the next page")


class CustomerQuery(BaseModel):
    q: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = ""
    status: CustomerStatus = CustomerStatus.ACTIVE
    assigned_to: Annotated[str, StringConstraints(max_length=254)] | None = None
    sort: CustomerSort = CustomerSort.NAME
    order: Literal["asc", "desc"] = "asc"
    limit: int = Field(default=25, ge=1, le=100)
    cursor: Annotated[str, StringConstraints(max_length=2000)] | None = None


class CustomerHistoryAction(StrEnum):
    """Every kind of entry in a customer's history: a closed list, so the web has a text for each of them."""

    CREATED = "created"
    UPDATED = "updated"
    DEACTIVATED = "deactivated"
    REACTIVATED = "reactivated"
    ASSIGNED = "assigned"
    UNASSIGNED = "unassigned"
    OBJECT_CREATED = "object_created"
    OBJECT_UPDATED = "object_updated"
    DEPARTMENT_CREATED = "department_created"
    DEPARTMENT_UPDATED = "department_updated"
    CONTACT_LINKED = "contact_linked"
    CONTACT_UNLINKED = "contact_unlinked"
    CONTACT_LINKED_TO_OBJECT = "contact_linked_to_object"
    CONTACT_UNLINKED_FROM_OBJECT = "contact_unlinked_from_object"
    USER_INVITED = "user_invited"
    USER_ROLES_CHANGED = "user_roles_changed"
    USER_DEACTIVATED = "user_deactivated"
    USER_DELETED = "user_deleted"
    ORDER_PLACED = "order_placed"
    ORDER_DELIVERED = "order_delivered"
    ORDER_DELETED = "order_deleted"
    CASH_AGREEMENT_CHANGED = "cash_agreement_changed"
    ORDER_STATUS_CHANGED = "order_status_changed"
    CONTRACT_CREATED = "contract_created"
    CONTRACT_UPDATED = "contract_updated"
    DEPOSIT_REGISTERED = "deposit_registered"
    DEPOSIT_REVERSED = "deposit_reversed"
    DEPOSIT_COUNTED = "deposit_counted"
    BOOKING_SLOT_ADDED = "booking_slot_added"
    BOOKING_SLOT_CHANGED = "booking_slot_changed"
    BOOKING_SLOT_CANCELLED = "booking_slot_cancelled"
    INVOICE_REGISTERED = "invoice_registered"
    INVOICE_PAID = "invoice_paid"
    INVOICE_CREDITED = "invoice_credited"
    INVOICE_OVERDUE = "invoice_overdue"
    DOCUMENT_RECEIVED = "document_received"
    DOCUMENT_STOPPED = "document_stopped"
    DOCUMENT_SENT = "document_sent"
    DOCUMENT_DELIVERED = "document_delivered"
    DOCUMENT_UNDELIVERABLE = "document_undeliverable"
    DOCUMENT_SETTINGS_CHANGED = "document_settings_changed"
    DOCUMENT_CORRECTED = "document_corrected"
    DOCUMENT_NOT_ACCEPTED = "document_not_accepted"
    DOCUMENT_OPENED = "document_opened"
    DOCUMENT_POSTED = "document_posted"
    DOCUMENT_LOGO_CHANGED = "document_logo_changed"
    API_KEY_CREATED = "api_key_created"
    API_KEY_REVOKED = "api_key_revoked"
    WEBHOOK_CREATED = "webhook_created"
    WEBHOOK_DELETED = "webhook_deleted"
    CASE_CREATED = "case_created"
    CASE_CHANGED = "case_changed"
    WORK_ORDER_ADDED = "work_order_added"
    WORK_ORDER_CLOSED = "work_order_closed"
    ARTICLE_ROW_ADDED = "article_row_added"
    INVOICE_SPECIFICATION_PUBLISHED = "invoice_specification_published"
    INVOICE_SPECIFICATION_APPROVED = "invoice_specification_approved"
    INVOICE_SPECIFICATION_COMMENTED = "invoice_specification_commented"
    QUOTE_CREATED = "quote_created"
    QUOTE_ACCEPTED = "quote_accepted"
    QUOTE_DECLINED = "quote_declined"
    DELETED = "deleted"
    TICKET_OPENED = "ticket_opened"
    TICKET_REPLIED = "ticket_replied"
    TICKET_STATUS_CHANGED = "ticket_status_changed"
    FILE_UPLOADED = "file_uploaded"
    FILE_DELETED = "file_deleted"


class HistoryEntry(BaseModel):
    entry_id: str
    at: datetime
    actor: str
    action: CustomerHistoryAction
    changes: list[FieldChange]


class CustomerHistory(BaseModel):
    items: list[HistoryEntry]
    next_cursor: str | None = None


class CustomerStatusChange(BaseModel):
    status: CustomerStatus
    version: Version
