"""Objects (ORG-2): a customer's sites and installations. Cases and files attach to them."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from portal.customers.models import OptionalText, PostalCode
from portal.fields import Name, Version, refuse_null


class ObjectStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"


class ServiceObjectInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    number: OptionalText = Field(default=None, description="The vendor's or customer's own number for the object")
    address: OptionalText = None
    postal_code: PostalCode = Field(default=None, description="In the format of the customer's country")
    city: OptionalText = None
    description: OptionalText = None


class ServiceObjectPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    name: Name | None = None
    number: OptionalText = None
    address: OptionalText = None
    postal_code: PostalCode = None
    city: OptionalText = None
    description: OptionalText = None
    status: ObjectStatus | None = None

    _required = refuse_null("name", "status")


class ServiceObject(ServiceObjectInput):
    object_id: str
    customer_id: str
    status: ObjectStatus = ObjectStatus.ACTIVE
    version: int
    created_at: datetime
    updated_at: datetime


class ServiceObjectPage(BaseModel):
    items: list[ServiceObject]
    next_cursor: str | None = None
