"""The vendor's staff as the assignment menu lists them (ORG-4): users by the groups administrators keep."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.access import StaffRole

GroupName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
Username = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]
MAX_GROUPS = 50
MAX_MEMBERS = 200


class _Model(BaseModel):
    model_config = ConfigDict(defer_build=True)


class StaffGroupInput(_Model):
    model_config = ConfigDict(extra="forbid")

    name: GroupName = Field(examples=["Teknikere Innlandet"])
    members: list[Username] = Field(default_factory=list, max_length=MAX_MEMBERS, examples=[["tekniker"]])


class StaffGroupsInput(_Model):
    model_config = ConfigDict(extra="forbid")

    version: int = Field(ge=0, le=2_147_483_647, description="The version read (0 before groups were first kept)")
    groups: list[StaffGroupInput] = Field(max_length=MAX_GROUPS)


class StoredStaffGroups(_Model):
    groups: list[StaffGroupInput] = Field(default_factory=list)
    version: int = 0
    updated_at: datetime | None = None
    updated_by: str | None = None


class StaffMember(_Model):
    username: str
    display_name: str
    role: StaffRole | None = None


class StaffGroup(_Model):
    name: str
    members: list[StaffMember]


class StaffDirectory(_Model):
    """The menu: each group with its active members, by name; a user may be in several groups."""

    groups: list[StaffGroup]
    version: int


class Assignment(_Model):
    """Who is assigned to a customer now (ORG-4)."""

    customer_id: str
    assigned_staff: list[StaffMember]
    version: int


class StaffUser(_Model):
    """An active staff user, as assignment and work orders name them."""

    username: str
    display_name: str
    email: str
    role: StaffRole | None = None
