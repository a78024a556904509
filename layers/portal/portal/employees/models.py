"""Employees (EMP-1, seed 004 "Ansatte"): what an employee administrator enters, what is stored, what is shown.
The national identity number goes in and never comes out again, but masked or through the audited reveal."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from portal.fields import Email, EntityId, Name, Phone, Version, refuse_null
from portal.history import FieldChange
from portal.languages import Language
from portal.sealing import SealedValue

MAX_EMPLOYEES_PAGE = 100
NationalIdText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=20),
    Field(json_schema_extra={"writeOnly": True}),
]
Reason = Annotated[str, StringConstraints(strip_whitespace=True, min_length=5, max_length=500)]


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"


class EmployeeStatus(StrEnum):
    ACTIVE = "active"
    INACTIVE = "inactive"  # left the customer: kept, with its history, but not booked any longer


class EmployeeInput(BaseModel):
    model_config = ConfigDict(extra="forbid")

    first_name: Name
    last_name: Name
    email: Email = Field(description="Required and unique within the customer: appointments and forms go to it")
    mobile: Phone | None = None
    birth_date: date | None = Field(default=None, description="Taken from the national identity number when given")
    gender: Gender | None = None
    department_id: EntityId | None = Field(default=None, description="One of the customer's departments")
    language: Language | None = Field(
        default=None, description="Of the e-mails the employee gets (appointments); by default the customer's country's"
    )
    national_id: NationalIdText | None = Field(
        default=None,
        description="Fødselsnummer or D-number (Norway), personnummer (Sweden). Write-only: shown masked once saved",
    )


class EmployeePatch(BaseModel):
    """The fields to change; `national_id` replaces the number (it cannot be removed, only replaced)."""

    model_config = ConfigDict(extra="forbid")

    version: Version
    first_name: Name | None = None
    last_name: Name | None = None
    email: Email | None = None
    mobile: Phone | None = None
    birth_date: date | None = None
    gender: Gender | None = None
    department_id: EntityId | None = None
    language: Language | None = None
    national_id: NationalIdText | None = None

    _required = refuse_null("first_name", "last_name", "email", "national_id")


class EmployeeStatusChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: Version
    status: EmployeeStatus


class RevealRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: Reason = Field(description="Why the number is needed; kept in the employee's history")


class Employee(BaseModel):
    """An employee as stored, but for its sealed number (kept beside it, never in this model's answers)."""

    employee_id: str
    customer_id: str
    first_name: str
    last_name: str
    email: str
    mobile: str | None = None
    birth_date: date | None = None
    gender: Gender | None = None
    department_id: str | None = None
    language: Language | None = None
    status: EmployeeStatus = EmployeeStatus.ACTIVE
    national_id_masked: str | None = Field(
        default=None, description="The birth-date part and asterisks; absent when no number is registered"
    )
    version: int
    created_at: datetime
    updated_at: datetime

    @property
    def name(self) -> str:
        return f"{self.first_name} {self.last_name}"


class StoredEmployee(Employee):
    """With what only the repository and the reveal see: the sealed number and its blind index."""

    national_id_sealed: SealedValue | None = None
    national_id_index: str | None = None

    def shown(self) -> Employee:
        return Employee.model_validate(self.model_dump(exclude={"national_id_sealed", "national_id_index"}))


class EmployeeView(Employee):
    department_name: str | None = None
    may_change: bool = Field(description="Whether the login may edit, deactivate and reveal")


class EmployeeSummary(BaseModel):
    """A row of the employee list (seed 004: name, birth date, e-mail, employer/department)."""

    employee_id: str
    first_name: str
    last_name: str
    email: str
    birth_date: date | None = None
    department_id: str | None = None
    status: EmployeeStatus


class EmployeePage(BaseModel):
    items: list[EmployeeSummary]
    next_cursor: str | None = None


class EmployeeQuery(BaseModel):
    model_config = ConfigDict(extra="forbid")

    q: str | None = Field(default=None, max_length=100, description="Words of the name or e-mail, as prefixes")
    department_id: EntityId | None = None
    status: EmployeeStatus = EmployeeStatus.ACTIVE
    limit: int = Field(default=25, ge=1, le=MAX_EMPLOYEES_PAGE)
    cursor: str | None = None


class NationalIdLookup(BaseModel):
    model_config = ConfigDict(extra="forbid")

    national_id: NationalIdText


class EmployeeHistoryAction(StrEnum):
    CREATED = "employee_created"
    UPDATED = "employee_updated"
    DEACTIVATED = "employee_deactivated"
    REACTIVATED = "employee_reactivated"
    NATIONAL_ID_REVEALED = "national_id_revealed"  # with the reason given; the number never
    BOOKED = "booked"  # into a slot (EMP-2), with its place and time
    UNBOOKED = "unbooked"
    DECLARATION_SUBMITTED = "self_declaration_submitted"  # that it came, never what it says
    DECLARATION_READ = "self_declaration_read"  # by the vendor's health personnel


class EmployeeHistoryEntry(BaseModel):
    entry_id: str
    at: datetime
    actor: str
    action: EmployeeHistoryAction
    changes: list[FieldChange]


class EmployeeHistory(BaseModel):
    items: list[EmployeeHistoryEntry]
    next_cursor: str | None = None


class RevealedNationalId(BaseModel):
    national_id: str = Field(description="In plain text: shown once, to the one who asked, with the reason recorded")
