"""Assignment (ORG-4): staff with the Assign right make a technician or account manager responsible for a customer,
chosen from the groups administrators keep; the user is told, the customer is not. New cases of the customer are
then assigned to them (portal.cases)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal import access
from portal.access import Principal
from portal.clock import Clock, now
from portal.customers import service as customers
from portal.customers.models import Customer, CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.errors import NotFound, ValidationFailed, field_problem
from portal.history import FieldChange, require_version
from portal.languages import Language
from portal.notifications import email
from portal.staff.models import (
    Assignment,
    StaffDirectory,
    StaffGroup,
    StaffGroupsInput,
    StaffMember,
    StaffUser,
    StoredStaffGroups,
)
from portal.staff.repository import StaffGroupRepository

# The groups' members, all told: each is looked up when the groups are kept, and all live in one item.
MAX_STAFF = 200


@dataclass
class StaffService:
    groups: StaffGroupRepository
    customers: CustomerRepository
    staff: Callable[[str], StaffUser | None]
    portal_url: str
    staff_language: Language = Language.NB
    clock: Clock = now

    # -- the groups (administrators) -----------------------------------------------------------------------------------

    def directory(self, principal: Principal) -> StaffDirectory:
        access.require_staff_directory(principal)
        return self._directory(self.groups.groups())

    def save_groups(self, principal: Principal, data: StaffGroupsInput) -> StaffDirectory:
        access.require_keep_staff_groups(principal)
        current = self.groups.groups()
        require_version(current.version, data.version, "staff groups")
        problems = []
        names: set[str] = set()
        members = {username for group in data.groups for username in group.members}
        if len(members) > MAX_STAFF:
            message = f"The groups name more than {MAX_STAFF} staff users"
            raise ValidationFailed(message, code="invalid_staff_groups", details=[{"max_staff": MAX_STAFF}])
        active = {username: self.staff(username) is not None for username in members}
        for number, group in enumerate(data.groups):
            if group.name.casefold() in names:
                problems.append(field_problem(f"groups.{number}.name", "duplicate_group", "Two groups have this name"))
            names.add(group.name.casefold())
            for place, username in enumerate(group.members):
                if not active[username]:
                    problems.append(
                        field_problem(f"groups.{number}.members.{place}", "unknown_staff", "No active staff user")
                    )
        if problems:
            raise ValidationFailed(
                "Some groups cannot be kept as they are", code="invalid_staff_groups", details=problems
            )
        at = self.clock()
        saved = StoredStaffGroups(
            groups=[group.model_copy(update={"members": sorted(set(group.members))}) for group in data.groups],
            version=current.version + 1,
            updated_at=at,
            updated_by=principal.username,
        )
        self.groups.save(saved, read_version=current.version, actor=principal.username, at=at)
        return self._directory(saved)

    def _directory(self, stored: StoredStaffGroups) -> StaffDirectory:
        groups = []
        for group in sorted(stored.groups, key=lambda group: group.name.casefold()):
            members = [self._member(username) for username in group.members]
            groups.append(
                StaffGroup(
                    name=group.name,
                    members=sorted(
                        (member for member in members if member is not None),
                        key=lambda member: member.display_name.casefold(),
                    ),
                )
            )
        return StaffDirectory(groups=groups, version=stored.version)

    def _member(self, username: str) -> StaffMember | None:
        user = self.staff(username)
        return StaffMember(username=user.username, display_name=user.display_name, role=user.role) if user else None

    # -- assignment ----------------------------------------------------------------------------------------------------

    def assignment(self, principal: Principal, customer_id: str) -> Assignment:
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_staff(principal)
        return self._assignment(customer)

    def assign(self, principal: Principal, customer_id: str, username: str) -> Assignment:
        customer = self._to_assign(principal, customer_id)
        user = self.staff(username)
        if user is None:
            raise ValidationFailed(
                "No active staff user with this username",
                code="unknown_staff",
                details=[field_problem("username", "unknown_staff", "No active staff user with this username")],
            )
        if user.username in customer.assigned_staff:
            return self._assignment(customer)
        after = self._with_staff(customer, sorted({*customer.assigned_staff, user.username}))
        notice = email.customer_assigned(
            to=[user.email], customer=_named(customer), link=self._link(customer), language=self.staff_language
        )
        self._save(principal, customer, after, CustomerHistoryAction.ASSIGNED, notice)
        return self._assignment(after)

    def unassign(self, principal: Principal, customer_id: str, username: str) -> Assignment:
        customer = self._to_assign(principal, customer_id)
        if username not in customer.assigned_staff:
            raise NotFound("This staff user is not assigned to the customer", code="not_assigned")
        after = self._with_staff(customer, [each for each in customer.assigned_staff if each != username])
        user = self.staff(username)
        notices = (
            [email.customer_unassigned(to=[user.email], customer=_named(customer), language=self.staff_language)]
            if user
            else []
        )
        self._save(principal, customer, after, CustomerHistoryAction.UNASSIGNED, *notices)
        return self._assignment(after)

    def _to_assign(self, principal: Principal, customer_id: str) -> Customer:
        customer = self.customers.get(customer_id)
        access.require_assign(principal, customers.facts(customer) if customer else None)
        assert customer is not None
        return customer

    def _with_staff(self, customer: Customer, staff: list[str]) -> Customer:
        return customer.model_copy(
            update={"assigned_staff": staff, "version": customer.version + 1, "updated_at": self.clock()}
        )

    def _save(
        self,
        principal: Principal,
        before: Customer,
        after: Customer,
        action: CustomerHistoryAction,
        *notices: email.EmailMessage,
    ) -> None:
        change = FieldChange(field="assigned_staff", before=before.assigned_staff, after=after.assigned_staff)
        self.customers.update(
            before, after, actor=principal.username, action=action, changes=[change], side_effects=notices
        )

    def _assignment(self, customer: Customer) -> Assignment:
        members = [self._member(username) for username in customer.assigned_staff]
        return Assignment(
            customer_id=customer.customer_id,
            assigned_staff=[
                member or StaffMember(username=username, display_name=username)
                for member, username in zip(members, customer.assigned_staff, strict=True)
            ],
            version=customer.version,
        )

    def _link(self, customer: Customer) -> str:
        return f"{self.portal_url.rstrip('/')}/#/customers/{customer.customer_id}"


def _named(customer: Customer) -> str:
    return f"{customer.name} ({customer.number})"
