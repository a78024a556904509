"""Registration requests (AUTH-1): received publicly, decided by an administrator, provisioned by a workflow.

The workflow (statemachines/registration.asl.json) stores its task token on the request and waits; the decision
resumes it; approval sends the request to the provisioning queue, whose consumer calls `provision` here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from portal import access
from portal.access import Principal, PrincipalKind
from portal.auth.service import AuthService
from portal.clock import new_id, now
from portal.contacts import service as contacts
from portal.contacts.models import ContactInput, ContactLinks
from portal.customers import service as customers
from portal.customers.models import CustomerInput
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, DomainError, NotFound, ValidationFailed, field_problem
from portal.notifications import email
from portal.objects.repository import ObjectRepository
from portal.registration.models import (
    RegistrationDecision,
    RegistrationInput,
    RegistrationPage,
    RegistrationRequest,
    RegistrationStatus,
)
from portal.registration.repository import RegistrationRepository, request_key
from portal.settings import Settings
from portal.workflows import Workflows

DECISION_TIMEOUT_SECONDS = 30 * 24 * 3600


@dataclass
class RegistrationService:
    requests: RegistrationRepository
    customers: CustomerRepository
    objects: ObjectRepository
    workflows: Workflows
    settings: Settings
    clock: Callable[[], datetime] = field(default=now)

    def submit(self, data: RegistrationInput, *, decision_timeout_seconds: int = DECISION_TIMEOUT_SECONDS) -> str:
        organisation_number = customers.validate_organisation_number(data.country, data.organisation_number)
        request = RegistrationRequest(
            **data.model_dump(exclude={"organisation_number"}),
            organisation_number=organisation_number or "",
            request_id=new_id(),
            status=RegistrationStatus.PENDING,
            created_at=self.clock(),
            ready_for_decision=False,
        )
        staff_email = email.registration_received(
            to=self.settings.staff_notification_address,
            company=request.company_name,
            contact_person=request.contact_person,
            request_id=request.request_id,
            portal_url=self.settings.portal_url,
            language=self.settings.staff_language,
        )
        self.requests.add(request, emails=[staff_email])
        self.workflows.start(
            self.settings.registration_state_machine_arn,
            name=request.request_id,
            payload={
                "request_id": request.request_id,
                "key": request_key(request.request_id),
                "decision_timeout_seconds": decision_timeout_seconds,
            },
        )
        return request.request_id

    def list(
        self, principal: Principal, status: RegistrationStatus, *, limit: int, cursor: str | None
    ) -> RegistrationPage:
        access.require_staff(principal, access.Permission.CREATE_CUSTOMER_USER)
        items, next_cursor = self.requests.list_by_status(status, limit=limit, cursor=cursor, viewer=principal.username)
        return RegistrationPage(items=items, next_cursor=next_cursor)

    def decide(self, principal: Principal, request_id: str, decision: RegistrationDecision) -> RegistrationRequest:
        access.require_decide_registrations(principal)
        found = self.requests.get(request_id)
        if found is None:
            raise NotFound("No such registration request")
        request, task_token = found
        # A failed approval (e.g. a customer number taken meanwhile) waits for a new decision, as a pending one does.
        if request.status not in {RegistrationStatus.PENDING, RegistrationStatus.FAILED}:
            raise Conflict(f"This request is already {request.status.value}", code="already_decided")
        if task_token is None:
            raise Conflict("The request is still being received; try again in a moment", code="not_ready")
        if decision.approved:
            if not decision.customer_number:
                raise ValidationFailed(
                    "Give the new customer a customer number to approve", code="customer_number_required"
                )
            customers.validate_customer_number(decision.customer_number, self.customers.get_settings())
        status = RegistrationStatus.APPROVED if decision.approved else RegistrationStatus.REJECTED
        at = self.clock()
        rejection = email.registration_rejected(
            to=request.email,
            contact_person=request.contact_person,
            company=request.company_name,
            reason=decision.reason,
            language=request.answer_language,
        )
        self.requests.decide(
            request_id,
            status=status,
            by=principal.username,
            at=at,
            customer_number=decision.customer_number,
            reason=decision.reason,
            emails=[] if decision.approved else [rejection],
        )
        try:
            self.workflows.resume(task_token, {"approved": decision.approved})
        except Conflict:
            self.requests.set_status(request_id, RegistrationStatus.EXPIRED, expected=status)
            raise
        return request.model_copy(
            update={
                "status": status,
                "decided_by": principal.username,
                "decided_at": at,
                "customer_number": decision.customer_number,
                "reason": decision.reason,
                "ready_for_decision": False,
            }
        )

    def provision(self, request_id: str, task_token: str, auth: AuthService) -> None:
        """Creates the customer and its contact login, then resumes the workflow. Safe to run again: the customer
        takes the request's id, so a retry finds it instead of creating a second one."""
        found = self.requests.get(request_id)
        if found is None:
            raise NotFound("No such registration request")
        request, _ = found
        if request.status is RegistrationStatus.PROVISIONED:
            self.workflows.resume(task_token, {"customer_id": request.customer_id})
            return
        try:
            customer_id = self._create_customer_and_login(request, auth)
        except DomainError as refused:
            # The workflow goes back to waiting for a decision, so an administrator can correct and approve again.
            self.requests.set_status(
                request_id,
                RegistrationStatus.FAILED,
                expected=RegistrationStatus.APPROVED,
                reason=refused.message,
                failure=refused.code,
            )
            self.workflows.fail(task_token, error=refused.code, cause=refused.message)
            return
        self.requests.set_status(
            request_id, RegistrationStatus.PROVISIONED, expected=RegistrationStatus.APPROVED, customer_id=customer_id
        )
        self.workflows.resume(task_token, {"customer_id": customer_id})

    def _create_customer_and_login(self, request: RegistrationRequest, auth: AuthService) -> str:
        if request.status is not RegistrationStatus.APPROVED or not request.decided_by:
            raise Conflict(f"The request is {request.status.value}, not approved", code="not_approved")
        administrator = access.acting_for_administrator(request.decided_by)
        if self.customers.get(request.request_id) is None:
            self._create_customer(administrator, request)
        # AUTH-2: the login is the contact with this e-mail, and sees what the contact is linked to.
        contact = auth.contacts.find_by_email(request.email) or contacts.create_contact(
            administrator,
            auth.contacts,
            ContactInput(name=request.contact_person, email=request.email, phone=request.phone),
        )
        if request.request_id not in contact.customer_ids:
            links = ContactLinks(
                version=contact.version,
                customer_ids=[*contact.customer_ids, request.request_id],
                objects=contact.objects,
            )
            contacts.set_links(administrator, auth.contacts, self.customers, self.objects, contact.contact_id, links)
        if auth.users.get_user(request.email) is None:
            auth.create_user(
                actor=request.decided_by,
                username=request.email,
                display_name=request.contact_person,
                user_email=request.email,
                kind=PrincipalKind.CONTACT,
                contact_id=contact.contact_id,
                language=request.answer_language,
            )
        return request.request_id

    def _create_customer(self, administrator: Principal, request: RegistrationRequest) -> None:
        try:
            customers.create_customer(
                administrator,
                self.customers,
                CustomerInput(
                    name=request.company_name,
                    number=request.customer_number or "",
                    country=request.country,
                    organisation_number=request.organisation_number,
                    email=request.email,
                    contact_person=request.contact_person,
                    phone=request.phone,
                ),
                customer_id=request.request_id,
            )
        except Conflict as taken:
            message = f"Customer number {request.customer_number} is already in use"
            problem = field_problem("customer_number", "customer_number_taken", message)
            raise Conflict(message, code="customer_number_taken", details=[problem]) from taken
