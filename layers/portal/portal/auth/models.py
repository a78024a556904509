"""Login, session and user models (AUTH-1, AUTH-2, AUTH-5)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.access import CustomerRole, PrincipalKind, StaffRole
from portal.fields import Email, Name, Version
from portal.languages import Language

Username = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=254)]


class _Model(BaseModel):
    """Each model builds its validator when first used: a function loads these models but uses few of them, and a
    cold start pays only for those (decision 0007)."""

    model_config = ConfigDict(defer_build=True)


class LoginRequest(_Model):
    username: Username
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class LoginChallenge(_Model):
    challenge: str = Field(description="Send back with the code; valid for a few minutes")
    code_position: int = Field(description="Enter code number N from your SecurityCodesReport")
    expires_at: datetime


class CodeRequest(_Model):
    challenge: Annotated[str, StringConstraints(min_length=10, max_length=200)]
    code: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20)]


class ForgotPasswordRequest(_Model):
    username: Username


class SetPasswordRequest(_Model):
    token: Annotated[str, StringConstraints(min_length=20, max_length=200)] = Field(
        description="The token of the link e-mailed for a forgotten password or an invitation"
    )
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]


class SignupRequest(_Model):
    """AUTH-2: a contact asks for a personal account; its e-mail address is the username."""

    model_config = ConfigDict(extra="forbid")

    email: Email = Field(examples=["kari.nordmann@nordlys.no"])
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)] = Field(
        examples=["Kari Nordmann"]
    )
    language: Language = Language.NB


class SignupMessage(_Model):
    """A signup handed to the background (see `AuthService.create_signed_up`)."""

    kind: Literal["signup"] = "signup"
    email: str
    name: str
    language: Language


class Accepted(_Model):
    message: str


class Me(_Model):
    username: str
    display_name: str
    kind: PrincipalKind
    role: StaffRole | None = None
    permissions: list[str]
    customer_ids: list[str] = Field(description="Customers this login acts for (linked, not inherited)")
    visible_customer_ids: list[str]
    object_ids: list[str]
    contact_id: str | None = Field(default=None, description="Contact logins: the contact it is bound to (AUTH-2)")
    roles: dict[str, list[CustomerRole]] = Field(
        default_factory=dict, description="Portal users: their roles per customer id (what they may do there)"
    )
    session_expires_at: datetime | None = None


class LoginResult(_Model):
    me: Me
    codes_left: int
    new_code_list_sent: bool = Field(description="True when this login used the last code and a new list was sent")


class User(_Model):
    """A login of staff or of a customer (contact, invoice customer or object)."""

    user_id: str = Field(default="", description="Stable and meaningless: what audit entries keep after deletion")
    username: str
    display_name: str
    email: str
    kind: PrincipalKind
    role: StaffRole | None = None
    extra_permissions: list[str] = Field(default_factory=list)
    contact_id: str | None = None
    customer_ids: list[str] = Field(default_factory=list)
    object_ids: list[str] = Field(default_factory=list)
    customer_roles: dict[str, list[CustomerRole]] = Field(default_factory=dict)
    member_of: list[str] = Field(default_factory=list, description="Customers whose user list shows this login")
    language: Language = Field(default=Language.NB, description="The language of the user's e-mails")
    password_hash: str | None = Field(default=None, description="None until an invited user sets a password")
    failed_attempts: int = 0
    locked_until: datetime | None = None
    active: bool = True
    version: int = 1
    created_at: datetime


class CodeList(_Model):
    list_id: str
    hashes: dict[str, str] = Field(description="position (as text) → hash")
    unused: set[int]


class LinkPurpose(StrEnum):
    PASSWORD_RESET = "password_reset"  # noqa: S105 - a purpose, not a password
    INVITATION = "invitation"


class OneTimeLink(_Model):
    """A single-use link e-mailed to a user's registered address; only its digest is stored."""

    username: str
    purpose: LinkPurpose
    expires: datetime


# -- customer users (AUTH-3, administered by the customer's user administrator or the vendor's staff) ----

Roles = Annotated[list[CustomerRole], Field(max_length=len(CustomerRole), description="The user's roles here")]


class CustomerUser(_Model):
    """One login as seen from one customer: who, which kind, its roles there, and whether it still works."""

    user_id: str
    username: str
    display_name: str
    email: str
    kind: PrincipalKind
    roles: list[CustomerRole]
    active: bool
    version: int = Field(description="The login's authorization version; send it back with a change")


class CustomerUserList(_Model):
    items: list[CustomerUser]


class InviteUser(_Model):
    """A person to invite: their login is their e-mail; the invitation lets them choose the password."""

    model_config = ConfigDict(extra="forbid")

    name: Name
    email: Email
    roles: Roles = Field(default_factory=list)
    language: Language = Field(default=Language.NB, description="The language of the invitation and later e-mails")


class ContactLoginsRequest(_Model):
    """AUTH-2: staff make the personal logins of contacts in bulk; each contact's e-mail address is its username."""

    model_config = ConfigDict(extra="forbid")

    contact_ids: list[Annotated[str, StringConstraints(min_length=1, max_length=26)]] = Field(
        min_length=1, max_length=100
    )
    language: Language = Language.NB


class ContactLoginOutcome(StrEnum):
    INVITED = "invited"
    HAS_LOGIN = "has_login"
    NO_EMAIL = "no_email"
    NOT_FOUND = "not_found"


class ContactLoginResult(_Model):
    contact_id: str
    outcome: ContactLoginOutcome
    username: str | None = None


class ContactLoginsReport(_Model):
    results: list[ContactLoginResult]


class SharedLoginKind(StrEnum):
    """The logins a customer shares rather than a person owns (AUTH-2): as the invoice customer, or as an object."""

    INVOICE_CUSTOMER = "invoice_customer"
    OBJECT = "object"


class SharedLoginInput(_Model):
    model_config = ConfigDict(extra="forbid")

    kind: SharedLoginKind
    username: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=3, max_length=100, pattern=r"^[a-z0-9._-]+$")
    ] = Field(description="Lower-case letters, digits, dots, dashes and underscores", examples=["faktura-20000"])
    name: Name = Field(examples=["Fjellbakeriet AS (faktura)"])
    email: Email = Field(description="Where the invitation and code lists go", examples=["faktura@fjellbakeriet.no"])
    object_id: Annotated[str, StringConstraints(min_length=1, max_length=26)] | None = Field(
        default=None, description="For an object login: the customer's object"
    )
    roles: Roles = Field(default_factory=list, description="Its roles at the customer (an invoice-customer login)")
    language: Language = Language.NB


class RolesChange(_Model):
    model_config = ConfigDict(extra="forbid")

    version: Version
    roles: Roles


class VersionOnly(_Model):
    model_config = ConfigDict(extra="forbid")

    version: Version
