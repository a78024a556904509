"""The event the vendor's CRM receives for every change of an employee (EMP-1 "changes are recorded for the vendor's
CRM"): `EmployeeChanged` on the portal's bus, through the outbox. Its detail is a documented contract
(schemas/events/EmployeeChanged.json, checked by tests/contract): the employee as it is after the change and what
changed. The national identity number is never in it: only whether one is registered, and whether it changed."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from portal.employees.models import EmployeeStatus, Gender, StoredEmployee
from portal.notifications.events import DomainEvent

DETAIL_TYPE = "EmployeeChanged"


class EmployeeChange(StrEnum):
    CREATED = "created"
    UPDATED = "updated"
    DEACTIVATED = "deactivated"
    REACTIVATED = "reactivated"


class EmployeeChangedDetail(BaseModel):
    model_config = ConfigDict(extra="forbid", title=DETAIL_TYPE)

    change: EmployeeChange
    changed_fields: list[str] = Field(description="The fields this change set; national_id when the number changed")
    employee_id: str
    customer_id: str
    customer_number: str
    first_name: str
    last_name: str
    email: str
    mobile: str | None
    birth_date: date | None
    gender: Gender | None
    department_id: str | None
    status: EmployeeStatus
    national_id_registered: bool
    version: int = Field(description="Events of one employee apply in this order")
    changed_at: datetime
    changed_by: str = Field(description="The username of the login that made the change")


def employee_changed(
    employee: StoredEmployee, *, change: EmployeeChange, fields: list[str], customer_number: str, by: str
) -> DomainEvent:
    detail = EmployeeChangedDetail(
        change=change,
        changed_fields=fields,
        customer_number=customer_number,
        national_id_registered=employee.national_id_sealed is not None,
        changed_at=employee.updated_at,
        changed_by=by,
        **employee.model_dump(
            include={
                "employee_id",
                "customer_id",
                "first_name",
                "last_name",
                "email",
                "mobile",
                "birth_date",
                "gender",
                "department_id",
                "status",
                "version",
            }
        ),
    )
    return DomainEvent(detail_type=DETAIL_TYPE, detail=detail.model_dump(mode="json"))
