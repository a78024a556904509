"""Departments of a customer (ORG-1, Avonova "Bedrift/avdeling"): orders, deposits and employees refer to them."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from portal.customers.models import OptionalText
from portal.fields import Name, Version, refuse_null


class DepartmentInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Name
    number: OptionalText = Field(default=None, description="The customer's own department or cost-centre number")


class DepartmentPatch(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    name: Name | None = None
    number: OptionalText = None
    active: bool | None = Field(default=None, description="Inactive departments cannot be chosen for new orders")

    _required = refuse_null("name", "active")


class Department(DepartmentInput):
    department_id: str
    customer_id: str
    active: bool = True
    version: int
    created_at: datetime
    updated_at: datetime
