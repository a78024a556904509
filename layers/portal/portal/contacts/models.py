"""Contacts (ORG-2): people, linked to customers and/or objects. A contact login (AUTH-2) is the contact whose
e-mail is the username, and its links decide what the login sees (AUTH-4)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from portal.customers.models import OptionalText
from portal.fields import Email, EntityId, Name, Phone, Version, refuse_null


class ContactInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    email: Email | None = Field(default=None, description="Unique among contacts; a contact login uses it")
    phone: Phone | None = None
    title: OptionalText = None


class ContactPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    name: Name | None = None
    email: Email | None = None
    phone: Phone | None = None
    title: OptionalText = None

    _required = refuse_null("name")


class ObjectRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    customer_id: EntityId
    object_id: EntityId


class ContactLinks(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    customer_ids: list[EntityId] = Field(default_factory=list, max_length=40)
    objects: list[ObjectRef] = Field(default_factory=list, max_length=40)


class Contact(ContactInput):
    contact_id: str
    customer_ids: list[str] = Field(default_factory=list)
    objects: list[ObjectRef] = Field(default_factory=list)
    version: int
    created_at: datetime
    updated_at: datetime


class ContactSummary(BaseModel):
    contact_id: str
    name: str
    email: str | None = None
    phone: str | None = None
    title: str | None = None
