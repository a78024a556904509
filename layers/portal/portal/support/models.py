"""How the vendor's customer service is reached: set by an administrator, read by anyone (also before login)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.fields import Email, Phone

OpeningHours = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class OpeningHoursByLanguage(BaseModel):
    """The opening hours as people write them in each language ("Man–fre 08–16", "Mon–Fri 8 am–4 pm")."""

    model_config = ConfigDict(extra="forbid")

    nb: OpeningHours
    sv: OpeningHours
    en: OpeningHours


class SupportContactsInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    phone: Phone
    email: Email
    opening_hours: OpeningHoursByLanguage
    version: Annotated[int, Field(ge=0, le=2_147_483_647, description="The version you read (0 before the first)")]


class SupportContacts(BaseModel):
    phone: str
    email: str
    opening_hours: OpeningHoursByLanguage
    version: Annotated[int, Field(ge=0, description="0 while the portal shows its defaults (nothing saved yet)")]
    updated_at: datetime | None = None
    updated_by: str | None = None


# What the portal shows until an administrator has set the real contacts.
DEFAULT_SUPPORT = SupportContacts(
    phone="+47 21 00 00 00",
    email="kundeservice@kundeportal.example",
    opening_hours=OpeningHoursByLanguage(nb="Man–fre 08–16", sv="Mån–fre 08–16", en="Mon–Fri 8:00–16:00"),
    version=0,  # what a first save sends back: nothing is stored yet
)
