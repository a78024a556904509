"""Quotes (seed 003): staff who may change a customer make them; the customer's orderers and order approvers see them
and accept or decline them before they expire; the account managers are told of the decision."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from portal import access
from portal.access import Principal
from portal.cases.repository import CaseRepository
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Customer, CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, NotFound, ValidationFailed, field_problem
from portal.history import require_version
from portal.languages import Language, portal_day
from portal.money import as_text, line_amounts
from portal.notifications import email
from portal.quotes.models import Quote, QuoteDecision, QuoteInput, QuoteLine, QuotePage, QuoteStatus
from portal.quotes.repository import QuoteRepository


@dataclass
class QuoteService:
    quotes: QuoteRepository
    customers: CustomerRepository
    cases: CaseRepository
    account_managers: Callable[[list[str]], list[str]]
    staff_address: str
    portal_url: str
    staff_language: Language = Language.NB
    clock: Clock = now

    def create(self, principal: Principal, customer_id: str, data: QuoteInput) -> Quote:
        customer = self.customers.get(customer_id)
        access.require_make_quote(principal, customers.facts(customer) if customer else None)
        assert customer is not None
        at = self.clock()
        if data.valid_until < portal_day(at):
            message = "The quote's last day is in the past"
            raise ValidationFailed(
                message, code="date_in_past", details=[field_problem("valid_until", "date_in_past", message)]
            )
        case_number = None
        if data.case_id:
            case = self.cases.get(data.case_id)
            if case is None or case.customer_id != customer_id:
                message = "No such case of this customer"
                raise ValidationFailed(
                    message, code="unknown_case", details=[field_problem("case_id", "unknown_case", message)]
                )
            case_number = case.number
        lines = [
            _line(line.description, line.quantity, line.unit_price_minor, Decimal(line.vat_rate.value))
            for line in data.lines
        ]
        amount = sum(line.amount_minor for line in lines)
        vat = sum(line.vat_minor for line in lines)
        quote = Quote(
            quote_id=new_id(),
            customer_id=customer_id,
            number=self.quotes.next_number(),
            title=data.title,
            description=data.description,
            currency=data.currency,
            lines=lines,
            amount_minor=amount,
            vat_minor=vat,
            total_minor=amount + vat,
            valid_until=data.valid_until,
            case_id=data.case_id,
            case_number=case_number,
            status=QuoteStatus.OPEN,
            created_at=at,
            created_by_name=principal.display_name,
            version=1,
        )
        self.quotes.create(quote, actor=principal.username)
        return quote

    def list(self, principal: Principal, customer_id: str, *, limit: int, cursor: str | None) -> QuotePage:
        self._readable(principal, customer_id)
        items, next_cursor = self.quotes.of_customer(customer_id, limit=limit, cursor=cursor, viewer=principal.username)
        return QuotePage(items=[self._as_now(item) for item in items], next_cursor=next_cursor)

    def get(self, principal: Principal, customer_id: str, quote_id: str) -> Quote:
        self._readable(principal, customer_id)
        return self._as_now(self._quote(customer_id, quote_id))

    def decide(self, principal: Principal, customer_id: str, quote_id: str, data: QuoteDecision) -> Quote:
        customer = self.customers.get(customer_id)
        access.require_decide_quote(principal, customers.facts(customer) if customer else None)
        assert customer is not None
        before = self._quote(customer_id, quote_id)
        at = self.clock()
        today = portal_day(at)
        if before.status is not QuoteStatus.OPEN:
            raise Conflict("The quote has been decided on already", code="quote_decided")
        if before.valid_until < today:
            raise Conflict("The quote has expired; ask for a new one", code="quote_expired")
        require_version(before.version, data.version, "quote")
        after = before.model_copy(
            update={
                "status": QuoteStatus.ACCEPTED if data.accept else QuoteStatus.DECLINED,
                "decided_at": at,
                "decided_by_name": principal.display_name,
                "reason": data.reason,
                "version": before.version + 1,
            }
        )
        action = CustomerHistoryAction.QUOTE_ACCEPTED if data.accept else CustomerHistoryAction.QUOTE_DECLINED
        self.quotes.decide(
            before,
            after,
            actor=principal.username,
            today=today,
            action=action,
            side_effects=[self._notice(customer, after)],
        )
        return after

    def _readable(self, principal: Principal, customer_id: str) -> None:
        customer = self.customers.get(customer_id)
        access.require_view_quotes(principal, customers.facts(customer) if customer else None)

    def _quote(self, customer_id: str, quote_id: str) -> Quote:
        found = self.quotes.get(customer_id, quote_id)
        if found is None:
            raise NotFound("No such quote")
        return found

    def _as_now(self, quote: Quote) -> Quote:
        """An open quote past its last day reads as expired (it is never accepted after it)."""
        if quote.status is QuoteStatus.OPEN and quote.valid_until < portal_day(self.clock()):
            return quote.model_copy(update={"status": QuoteStatus.EXPIRED})
        return quote

    def _notice(self, customer: Customer, quote: Quote) -> email.EmailMessage:
        return email.quote_decided(
            to=self.account_managers(customer.assigned_staff) or [self.staff_address],
            customer=f"{customer.name} ({customer.number})",
            number=quote.number,
            title=quote.title,
            total=as_text(quote.total_minor, quote.currency),
            accepted=quote.status is QuoteStatus.ACCEPTED,
            by=quote.decided_by_name or "",
            reason=quote.reason or "",
            link=f"{self.portal_url.rstrip('/')}/#/customers/{customer.customer_id}",
            language=self.staff_language,
        )


def _line(description: str, quantity: Decimal, unit_price_minor: int, vat_rate: Decimal) -> QuoteLine:
    amount, vat = line_amounts(quantity, unit_price_minor, vat_rate)
    return QuoteLine(
        description=description,
        quantity=quantity,
        unit_price_minor=unit_price_minor,
        vat_rate=vat_rate,
        amount_minor=amount,
        vat_minor=vat,
    )
