"""Login, session and user models (AUTH-1, AUTH-2, AUTH-5)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from portal.access import Principal, PrincipalKind, StaffRole

Username = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]


class LoginRequest(BaseModel):
    username: Username
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class LoginChallenge(BaseModel):
    challenge: str = Field(description="Send back with the code; valid for a few minutes")
    code_position: int = Field(description="Enter code number N from your SecurityCodesReport")
    expires_at: datetime


class CodeRequest(BaseModel):
    challenge: Annotated[str, StringConstraints(min_length=10, max_length=200)]
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


class ForgotPasswordRequest(BaseModel):
    username: Username


class SetPasswordRequest(BaseModel):
    token: Annotated[str, StringConstraints(min_length=20, max_length=200)] = Field(
        description="The token of the link e-mailed for a forgotten password or an invitation"
    )
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class Accepted(BaseModel):
    message: str


class Me(BaseModel):
    username: str
    display_name: str
    kind: PrincipalKind
    role: StaffRole | None = None
    permissions: list[str]
    customer_ids: list[str] = Field(description="Customers this login acts for (linked, not inherited)")
    visible_customer_ids: list[str]
    object_ids: list[str]
    session_expires_at: datetime | None = None


class LoginResult(BaseModel):
    me: Me
    codes_left: int
    new_code_list_sent: bool = Field(description="True when this login used the last code and a new list was sent")


class User(BaseModel):
    """A login of staff or of a customer (contact, invoice customer or object)."""

    username: str
    display_name: str
    email: str
    kind: PrincipalKind
    role: StaffRole | None = None
    extra_permissions: list[str] = Field(default_factory=list)
    contact_id: str | None = None
    customer_ids: list[str] = Field(default_factory=list)
    object_ids: list[str] = Field(default_factory=list)
    password_hash: str | None = Field(default=None, description="None until an invited user sets a password")
    failed_attempts: int = 0
    locked_until: datetime | None = None
    active: bool = True
    version: int = 1
    created_at: datetime


class CodeList(BaseModel):
    list_id: str
    hashes: dict[str, str] = Field(description="position (as text) → hash")
    unused: set[int]


class LinkPurpose(StrEnum):
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a purpose, not a password
    INVITATION = "invitation"


class OneTimeLink(BaseModel):
    """A single-use link e-mailed to a user's registered address; only its digest is stored."""

    username: str
    purpose: LinkPurpose
    expires: datetime


class StoredSession(BaseModel):
    principal: Principal
    user_version: int = Field(description="The user's authorization version when the session began")
    expires: datetime
