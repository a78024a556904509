"""Employees (EMP-1): a customer's employee administrators find, add, edit, deactivate and reactivate its employees;
staff who see the customer read them. A national identity number is checked (python-stdnum), sealed with a KMS data
key, found again by its blind index, shown masked, and revealed only on request, with a reason that is recorded.
Every change is told to the vendor's CRM through the outbox."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from portal import access
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import search
from portal.customers import service as customers
from portal.customers.models import Customer
from portal.customers.repository import CustomerRepository
from portal.departments.repository import DepartmentRepository
from portal.employees import national_ids
from portal.employees.events import EmployeeChange, employee_changed
from portal.employees.models import (
    EmployeeHistory,
    EmployeeHistoryAction,
    EmployeeInput,
    EmployeePage,
    EmployeePatch,
    EmployeeQuery,
    EmployeeStatus,
    EmployeeStatusChange,
    EmployeeView,
    RevealedNationalId,
    RevealRequest,
    StoredEmployee,
)
from portal.employees.repository import EmployeeRepository
from portal.errors import Conflict, NotFound, RuleRefused, Unavailable, field_refusal
from portal.history import FieldChange, changes_between, require_version
from portal.languages import portal_day
from portal.sealing import Sealer, blind_index


@dataclass
class EmployeeService:
    employees: EmployeeRepository
    customers: CustomerRepository
    departments: DepartmentRepository
    sealer: Sealer
    index_key: bytes | None
    synthetic_numbers_allowed: bool
    clock: Clock = now

    def find(self, principal: Principal, customer_id: str, query: EmployeeQuery) -> EmployeePage:
        self._customer(principal, customer_id)
        terms = search.query_terms(query.q or "")
        if query.q and not terms:
            raise field_refusal("q", "invalid_search", "Search for letters or digits")
        if terms and max(len(term) for term in terms) < search.MIN_TERM_LENGTH:
            message = f"Type at least {search.MIN_TERM_LENGTH} characters to search"
            raise field_refusal("q", "search_too_short", message)
        if query.department_id is not None:
            self._department(customer_id, query.department_id)
        searchable = [term for term in terms if len(term) >= search.MIN_TERM_LENGTH]
        if searchable:
            items, cursor = self.employees.search_page(
                customer_id,
                status=query.status,
                terms=searchable,
                department_id=query.department_id,
                limit=query.limit,
                cursor=query.cursor,
                viewer=principal.username,
            )
        else:
            items, cursor = self.employees.list_page(
                customer_id,
                status=query.status,
                department_id=query.department_id,
                limit=query.limit,
                cursor=query.cursor,
                viewer=principal.username,
            )
        return EmployeePage(items=items, next_cursor=cursor)

    def get(self, principal: Principal, customer_id: str, employee_id: str) -> EmployeeView:
        customer = self._customer(principal, customer_id)
        return self._view(principal, customer, self._employee(customer_id, employee_id))

    def history(
        self, principal: Principal, customer_id: str, employee_id: str, *, limit: int, cursor: str | None
    ) -> EmployeeHistory:
        """What was changed on the employee and by whom, newest first; each reveal of its number, with the reason."""
        self._customer(principal, customer_id)
        self._employee(customer_id, employee_id)
        items, next_cursor = self.employees.history(employee_id, limit=limit, cursor=cursor, viewer=principal.username)
        return EmployeeHistory(items=items, next_cursor=next_cursor)

    def find_by_national_id(self, principal: Principal, customer_id: str, number: str) -> EmployeeView:
        """The employee with this number, found by its keyed hash: the number itself is stored nowhere in plain."""
        customer = self._customer(principal, customer_id)
        checked = self._checked(customer, number)
        holder = self.employees.holder_of_national_id(customer_id, self._index(customer_id, checked.value))
        if holder is None:
            raise NotFound("No employee has this number")
        return self._view(principal, customer, self._employee(customer_id, holder))

    def create(self, principal: Principal, customer_id: str, data: EmployeeInput) -> EmployeeView:
        customer = self._customer(principal, customer_id, change=True)
        if data.department_id is not None:
            self._department(customer_id, data.department_id)
        self._require_free_email(customer_id, data.email, None)
        at = self.clock()
        employee_id = new_id()
        fields = data.model_dump(exclude={"national_id"})
        if data.national_id is not None:
            fields |= self._sealed(customer, employee_id, data.national_id, data.birth_date)
        employee = StoredEmployee(
            **fields, employee_id=employee_id, customer_id=customer_id, version=1, created_at=at, updated_at=at
        )
        given = sorted(data.model_dump(exclude_none=True))
        self._save(principal, customer, None, employee, EmployeeChange.CREATED, [], fields=given)
        return self._view(principal, customer, employee)

    def update(self, principal: Principal, customer_id: str, employee_id: str, patch: EmployeePatch) -> EmployeeView:
        customer = self._customer(principal, customer_id, change=True)
        before = self._employee(customer_id, employee_id)
        require_version(before.version, patch.version, "employee")
        requested: dict[str, Any] = patch.model_dump(exclude={"version", "national_id"}, exclude_unset=True)
        if requested.get("department_id") is not None:
            self._department(customer_id, requested["department_id"])
        if "email" in requested:
            self._require_free_email(customer_id, requested["email"], employee_id)
        changes = changes_between(before.shown(), requested)
        if patch.national_id is not None:
            sealed = self._sealed(customer, employee_id, patch.national_id, requested.get("birth_date"))
            if sealed["national_id_index"] != before.national_id_index:
                changes.append(
                    FieldChange(
                        field="national_id", before=before.national_id_masked, after=sealed["national_id_masked"]
                    )
                )
                if "birth_date" not in requested and before.birth_date != sealed["birth_date"]:
                    changes.append(
                        FieldChange(field="birth_date", before=before.birth_date, after=sealed["birth_date"])
                    )
                requested |= sealed
        if not changes:
            return self._view(principal, customer, before)
        after = StoredEmployee.model_validate(
            {**before.model_dump(), **requested, "version": before.version + 1, "updated_at": self.clock()}
        )
        self._save(principal, customer, before, after, EmployeeChange.UPDATED, changes)
        return self._view(principal, customer, after)

    def change_status(
        self, principal: Principal, customer_id: str, employee_id: str, change: EmployeeStatusChange
    ) -> EmployeeView:
        """Deactivated when the employee has left (seed 004 "Deaktiver"), only with an e-mail address of its own on
        record, so nothing meant for another person ever reaches it; reactivated when it comes back."""
        customer = self._customer(principal, customer_id, change=True)
        before = self._employee(customer_id, employee_id)
        require_version(before.version, change.version, "employee")
        if before.status is change.status:
            return self._view(principal, customer, before)
        if change.status is EmployeeStatus.INACTIVE and self.employees.holder_of_email(customer_id, before.email) != (
            employee_id
        ):
            raise Conflict(
                "Give the employee an e-mail address of its own before deactivating it", code="email_not_unique"
            )
        after = before.model_copy(
            update={"status": change.status, "version": before.version + 1, "updated_at": self.clock()}
        )
        kind = EmployeeChange.DEACTIVATED if change.status is EmployeeStatus.INACTIVE else EmployeeChange.REACTIVATED
        changes = [FieldChange(field="status", before=before.status.value, after=after.status.value)]
        self._save(principal, customer, before, after, kind, changes)
        return self._view(principal, customer, after)

    def reveal(
        self, principal: Principal, customer_id: str, employee_id: str, request: RevealRequest
    ) -> RevealedNationalId:
        """The number in plain text, for an employee administrator who gives a reason; the reveal is recorded in the
        employee's history (who, when, why), the number is not."""
        self._customer(principal, customer_id, change=True)
        employee = self._employee(customer_id, employee_id)
        if employee.national_id_sealed is None:
            raise NotFound("No national identity number is registered for the employee")
        number = self.sealer.open(employee.national_id_sealed, context=_context(customer_id, employee_id))
        self.employees.record(
            employee,
            actor=principal.username,
            action=EmployeeHistoryAction.NATIONAL_ID_REVEALED,
            at=self.clock(),
            detail=request.reason,
        )
        return RevealedNationalId(national_id=number)

    # -- parts ------------------------------------------------------------------------------------------------------

    def _customer(self, principal: Principal, customer_id: str, *, change: bool = False) -> Customer:
        customer = self.customers.get(customer_id)
        facts = customers.facts(customer) if customer else None
        if change:
            access.require_change_employees(principal, facts)
        else:
            access.require_view_employees(principal, facts)
        assert customer is not None
        return customer

    def _employee(self, customer_id: str, employee_id: str) -> StoredEmployee:
        employee = self.employees.get(customer_id, employee_id)
        if employee is None:
            raise NotFound("No such employee")
        return employee

    def _department(self, customer_id: str, department_id: str) -> None:
        if self.departments.get(customer_id, department_id) is None:
            raise field_refusal("department_id", "unknown_department", "Choose one of the customer's departments")

    def _require_free_email(self, customer_id: str, email: str, employee_id: str | None) -> None:
        holder = self.employees.holder_of_email(customer_id, email)
        if holder is not None and holder != employee_id:
            raise Conflict(
                "Another employee of the customer has this e-mail address",
                code="employee_email_taken",
                details=[{"field": "email", "code": "employee_email_taken"}],
            )

    def _checked(self, customer: Customer, number: str) -> national_ids.NationalId:
        try:
            return national_ids.checked(
                number,
                customer.country,
                synthetic_allowed=self.synthetic_numbers_allowed,
                today=portal_day(self.clock()),
            )
        except RuleRefused as refused:
            raise field_refusal("national_id", refused.code, refused.message) from None

    def _index(self, customer_id: str, number: str) -> str:
        if not self.index_key:
            raise Unavailable("No key is configured to look up personal data")
        return blind_index(number, scope=customer_id, key=self.index_key)

    def _sealed(self, customer: Customer, employee_id: str, number: str, birth_date: Any) -> dict[str, Any]:
        """The number checked, unique at the customer, sealed: what the employee stores in its place."""
        checked = self._checked(customer, number)
        index = self._index(customer.customer_id, checked.value)
        holder = self.employees.holder_of_national_id(customer.customer_id, index)
        if holder is not None and holder != employee_id:
            raise Conflict(
                "Another employee of the customer has this national identity number",
                code="national_id_taken",
                details=[{"field": "national_id", "code": "national_id_taken"}],
            )
        sealed = self.sealer.seal(checked.value, context=_context(customer.customer_id, employee_id))
        return {
            "national_id_sealed": sealed,
            "national_id_index": index,
            "national_id_masked": checked.masked,
            "birth_date": birth_date or checked.birth_date,
        }

    def _save(
        self,
        principal: Principal,
        customer: Customer,
        before: StoredEmployee | None,
        after: StoredEmployee,
        change: EmployeeChange,
        changes: list[FieldChange],
        *,
        fields: list[str] | None = None,
    ) -> None:
        fields = fields if fields is not None else [entry.field for entry in changes]
        event = employee_changed(
            after, change=change, fields=fields, customer_number=customer.number, by=principal.username
        )
        self.employees.save(
            before,
            after,
            actor=principal.username,
            action=_ACTIONS[change],
            changes=changes,
            side_effects=[event],
        )

    def _view(self, principal: Principal, customer: Customer, employee: StoredEmployee) -> EmployeeView:
        department = (
            self.departments.get(customer.customer_id, employee.department_id) if employee.department_id else None
        )
        return EmployeeView(
            **employee.shown().model_dump(),
            department_name=department.name if department else None,
            may_change=access.may_change_employees(principal, customers.facts(customer)),
        )


_ACTIONS = {
    EmployeeChange.CREATED: EmployeeHistoryAction.CREATED,
    EmployeeChange.UPDATED: EmployeeHistoryAction.UPDATED,
    EmployeeChange.DEACTIVATED: EmployeeHistoryAction.DEACTIVATED,
    EmployeeChange.REACTIVATED: EmployeeHistoryAction.REACTIVATED,
}


def _context(customer_id: str, employee_id: str) -> dict[str, str]:
    """What a sealed number belongs to: bound to it, so a sealed value moved onto another employee does not open."""
    return {"purpose": "national_id", "customer_id": customer_id, "employee_id": employee_id}
