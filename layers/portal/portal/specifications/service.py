"""Invoice specifications (CASE-4): published by staff from a customer's closed work of a period, reviewed once by
the contacts linked to the customer (AUTH-4: only they see them), the account managers told of the review."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from portal import access
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Customer, CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, NotFound, ValidationFailed, field_problem
from portal.history import require_version
from portal.languages import Language
from portal.money import Currency
from portal.notifications import email
from portal.specifications.models import (
    InvoiceSpecification,
    SpecificationInput,
    SpecificationPage,
    SpecificationReview,
    SpecificationStatus,
    SpecificationTotal,
    SpecifiedWork,
)
from portal.specifications.repository import SpecificationRepository

# A specification is one item: a period's work must fit in it (DynamoDB's 400 KB; a line with long texts takes about
# 1 KB), so a longer list asks for a shorter period.
MAX_LINES = 300
# Each work order it bills is marked in the publishing transaction (at most 100 operations).
MAX_WORK_ORDERS = 90


@dataclass
class SpecificationService:
    specifications: SpecificationRepository
    customers: CustomerRepository
    account_managers: Callable[[list[str]], list[str]]
    staff_address: str
    portal_url: str
    staff_language: Language = Language.NB
    clock: Clock = now

    def publish(self, principal: Principal, customer_id: str, data: SpecificationInput) -> InvoiceSpecification:
        customer = self.customers.get(customer_id)
        access.require_publish_specification(principal, customers.facts(customer) if customer else None)
        assert customer is not None
        closed = self.specifications.closed_work(customer_id, (data.period_from, data.period_to))
        work = [
            SpecifiedWork(
                work_order_id=item.work_order_id,
                case_number=item.case_number,
                case_title=item.case_title,
                object_name=item.object_name,
                work_order_number=item.work_order_number,
                closed_on=item.closed_on,
                lines=item.rows,
            )
            for item in closed
            if item.rows and item.specification_id is None  # work already in a specification is not billed twice
        ]
        lines = [line for item in work for line in item.lines]
        if not lines:
            message = "No work with article rows was closed for the customer in the period, or all of it is specified"
            raise ValidationFailed(
                message,
                code="nothing_to_specify",
                details=[field_problem("period_from", "nothing_to_specify", message)],
            )
        if len(work) > MAX_WORK_ORDERS:
            message = f"The period has {len(work)} work orders; a specification holds at most {MAX_WORK_ORDERS}"
            raise ValidationFailed(
                message,
                code="period_too_long",
                details=[field_problem("period_to", "period_too_long", message, max_work_orders=MAX_WORK_ORDERS)],
            )
        if len(lines) > MAX_LINES:
            message = f"The period has {len(lines)} article rows; a specification holds at most {MAX_LINES}"
            raise ValidationFailed(
                message,
                code="period_too_long",
                details=[field_problem("period_to", "period_too_long", message, max_lines=MAX_LINES)],
            )
        sums: dict[Currency, list[int]] = {}
        for line in lines:
            total = sums.setdefault(line.currency, [0, 0])
            total[0] += line.amount_minor
            total[1] += line.vat_minor
        specification = InvoiceSpecification(
            specification_id=new_id(),
            customer_id=customer_id,
            customer_name=customer.name,
            title=data.title,
            period_from=data.period_from,
            period_to=data.period_to,
            work=work,
            totals=[
                SpecificationTotal(currency=currency, amount_minor=amount, vat_minor=vat, total_minor=amount + vat)
                for currency, (amount, vat) in sorted(sums.items())
            ],
            status=SpecificationStatus.PUBLISHED,
            published_at=self.clock(),
            published_by_name=principal.display_name,
            version=1,
        )
        self.specifications.publish(specification, actor=principal.username)
        return specification

    def list(self, principal: Principal, customer_id: str, *, limit: int, cursor: str | None) -> SpecificationPage:
        self._readable(principal, customer_id)
        items, next_cursor = self.specifications.of_customer(
            customer_id, limit=limit, cursor=cursor, viewer=principal.username
        )
        return SpecificationPage(items=items, next_cursor=next_cursor)

    def get(self, principal: Principal, customer_id: str, specification_id: str) -> InvoiceSpecification:
        self._readable(principal, customer_id)
        found = self.specifications.get(customer_id, specification_id)
        if found is None:
            raise NotFound("No such invoice specification")
        return found

    def review(
        self, principal: Principal, customer_id: str, specification_id: str, data: SpecificationReview
    ) -> InvoiceSpecification:
        """Approved or commented, once, by a contact linked to the customer; its account managers are told."""
        customer = self.customers.get(customer_id)
        access.require_review_specification(principal, customers.facts(customer) if customer else None)
        assert customer is not None
        before = self.specifications.get(customer_id, specification_id)
        if before is None:
            raise NotFound("No such invoice specification")
        if before.status is not SpecificationStatus.PUBLISHED:
            raise Conflict("The specification has been reviewed already", code="already_reviewed")
        require_version(before.version, data.version, "invoice specification")
        status = SpecificationStatus.APPROVED if data.approve else SpecificationStatus.COMMENTED
        after = before.model_copy(
            update={
                "status": status,
                "reviewed_at": self.clock(),
                "reviewed_by": principal.username,
                "reviewed_by_name": principal.display_name,
                "comment": data.comment,
                "version": before.version + 1,
            }
        )
        action = (
            CustomerHistoryAction.INVOICE_SPECIFICATION_APPROVED
            if data.approve
            else CustomerHistoryAction.INVOICE_SPECIFICATION_COMMENTED
        )
        self.specifications.review(
            before, after, actor=principal.username, action=action, side_effects=[self._notice(customer, after)]
        )
        return after

    def _readable(self, principal: Principal, customer_id: str) -> None:
        customer = self.customers.get(customer_id)
        access.require_view_specifications(principal, customers.facts(customer) if customer else None)

    def _notice(self, customer: Customer, specification: InvoiceSpecification) -> email.EmailMessage:
        return email.specification_reviewed(
            to=self.account_managers(customer.assigned_staff) or [self.staff_address],
            customer=f"{customer.name} ({customer.number})",
            period=f"{specification.period_from:%d.%m.%Y}–{specification.period_to:%d.%m.%Y}",
            approved=specification.status is SpecificationStatus.APPROVED,
            by=specification.reviewed_by_name or "",
            comment=specification.comment or "",
            link=f"{self.portal_url.rstrip('/')}/#/customers/{customer.customer_id}/specifications/{specification.specification_id}",
            language=self.staff_language,
        )
