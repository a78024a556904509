"""Registration requests: a company asks for access to the portal (AUTH-1)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.customers.models import Country, CustomerNumber
from portal.fields import Email, Name, Phone
from portal.languages import Language


class RegistrationStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    PROVISIONED = "provisioned"
    REJECTED = "rejected"
    EXPIRED = "expired"
    FAILED = "failed"


class RegistrationInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    company_name: Name
    organisation_number: Annotated[str, StringConstraints(strip_whitespace=True, min_length=9, max_length=20)]
    country: Country = Country.NORWAY
    contact_person: Name
    email: Email
    phone: Phone | None = None
    message: Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)] | None = None
    language: Language | None = Field(
        default=None, description="The language of the answer and of the login's e-mails; by country when left out"
    )

    @property
    def answer_language(self) -> Language:
        return self.language or (Language.SV if self.country is Country.SWEDEN else Language.NB)


class RegistrationRequest(RegistrationInput):
    request_id: str
    status: RegistrationStatus
    created_at: datetime
    ready_for_decision: bool = Field(description="The workflow is waiting for an administrator's decision")
    decided_by: str | None = None
    decided_at: datetime | None = None
    customer_number: str | None = None
    reason: str | None = None
    failure: str | None = Field(
        default=None, description="Why the last approval failed, e.g. customer_number_taken; decide again to retry"
    )
    customer_id: str | None = None


class RegistrationReceipt(BaseModel):
    request_id: str
    message: str


class RegistrationDecision(BaseModel):
    model_config = ConfigDict(extra="forbid")

    approved: bool
    customer_number: CustomerNumber | None = Field(default=None, description="Required when approving")
    reason: Annotated[str, StringConstraints(strip_whitespace=True, max_length=1000)] | None = Field(
        default=None, description="Sent to the company when rejecting"
    )


class RegistrationPage(BaseModel):
    items: list[RegistrationRequest]
    next_cursor: str | None = None
