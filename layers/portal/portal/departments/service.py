"""A customer's departments (ORG-1): seen by whoever may see the customer, changed by whoever may edit it."""

from __future__ import annotations

from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.repository import CustomerRepository
from portal.departments.models import Department, DepartmentInput, DepartmentPatch
from portal.departments.repository import DepartmentRepository
from portal.errors import NotFound
from portal.history import next_version, require_version


def departments_of(
    principal: Principal, customer_repository: CustomerRepository, departments: DepartmentRepository, customer_id: str
) -> list[Department]:
    customers.get_customer(principal, customer_repository, customer_id)
    return departments.of_customer(customer_id)


def create_department(
    principal: Principal,
    customer_repository: CustomerRepository,
    departments: DepartmentRepository,
    customer_id: str,
    data: DepartmentInput,
    clock: Clock = now,
) -> Department:
    customers.customer_to_change(principal, customer_repository, customer_id)
    at = clock()
    department = Department(
        **data.model_dump(), department_id=new_id(), customer_id=customer_id, version=1, created_at=at, updated_at=at
    )
    departments.create(department, actor=principal.username)
    return department


def update_department(
    principal: Principal,
    customer_repository: CustomerRepository,
    departments: DepartmentRepository,
    customer_id: str,
    department_id: str,
    patch: DepartmentPatch,
    clock: Clock = now,
) -> Department:
    customers.customer_to_change(principal, customer_repository, customer_id)
    before = departments.get(customer_id, department_id)
    if before is None:
        raise NotFound("No such department")
    require_version(before.version, patch.version, "department")
    requested = patch.model_dump(exclude={"version"}, exclude_unset=True)
    after, changes = next_version(before, requested, clock())
    if changes:
        departments.update(before, after, actor=principal.username, changes=changes)
    return after
