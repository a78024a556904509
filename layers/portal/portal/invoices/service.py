"""Invoices (INV-1): the vendor's billing hands over a customer's invoices; the customer's invoice readers find them by
number, date range and status; staff register payments and credit notes against what is outstanding; a daily
schedule moves the invoices that fell due to overdue and tells the customer's invoice readers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from portal import access
from portal.access import Principal
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Customer, CustomerHistoryAction
from portal.customers.repository import CustomerRepository
from portal.errors import Conflict, DomainError, NotFound, RuleRefused, ValidationFailed, field_refusal
from portal.history import FieldChange, require_version
from portal.invoices.amounts import Balance, status_of
from portal.invoices.models import (
    CreditNoteInput,
    Invoice,
    InvoiceEntry,
    InvoiceInput,
    InvoicePage,
    InvoiceQuery,
    InvoiceStatus,
    InvoiceView,
    PaymentInput,
)
from portal.invoices.repository import InvoiceRepository
from portal.languages import Language, portal_day
from portal.notifications import email
from portal.observability import logger
from portal.printouts.texts import amount

OVERDUE_BATCH = 100  # invoices the schedule reads per Query; it pages on until none are left
MAX_RECIPIENTS = 50  # SES takes at most 50 recipients per e-mail


@dataclass
class InvoiceService:
    invoices: InvoiceRepository
    customers: CustomerRepository
    invoice_readers: Callable[[Customer], list[tuple[str, Language]]]
    portal_url: str
    clock: Clock = now

    def find(self, principal: Principal, customer_id: str, query: InvoiceQuery) -> InvoicePage:
        self._customer(principal, customer_id)
        if query.date_from and query.date_to and query.date_from > query.date_to:
            raise field_refusal("date_from", "invalid_date_range", "The start date is after the end date")
        if query.number is not None:  # a number is one invoice at most: the claim, then the invoice
            holder = self.invoices.holder_of_number(customer_id, query.number)
            found = self.invoices.get(customer_id, holder) if holder else None
            return InvoicePage(items=[found] if found and found.number.upper() == query.number.upper() else [])
        items, cursor = self.invoices.list_page(
            customer_id,
            status=query.status,
            dates=(query.date_from, query.date_to),
            limit=query.limit,
            cursor=query.cursor,
            viewer=principal.username,
        )
        return InvoicePage(items=items, next_cursor=cursor)

    def get(self, principal: Principal, customer_id: str, invoice_id: str) -> InvoiceView:
        customer = self._customer(principal, customer_id)
        return self._view(principal, customer, self._invoice(customer_id, invoice_id))

    def create(self, principal: Principal, customer_id: str, data: InvoiceInput) -> InvoiceView:
        customer = self._customer(principal, customer_id, register=True)
        if self.invoices.holder_of_number(customer_id, data.number):
            raise Conflict("The customer has an invoice with this number", code="invoice_number_taken")
        at = self.clock()
        balance = Balance(data.total_minor)
        invoice = Invoice(
            **data.model_dump(exclude={"payer"}),
            payer=data.payer or customer.name,
            invoice_id=new_id(),
            customer_id=customer_id,
            outstanding_minor=balance.outstanding_minor,
            status=status_of(balance, due_date=data.due_date, today=portal_day(at)),
            version=1,
            created_at=at,
            updated_at=at,
        )
        self.invoices.save(
            None,
            invoice,
            actor=principal.username,
            action=CustomerHistoryAction.INVOICE_REGISTERED,
            claim=invoice.number,
        )
        return self._view(principal, customer, invoice)

    def register_payment(
        self, principal: Principal, customer_id: str, invoice_id: str, data: PaymentInput
    ) -> InvoiceView:
        customer, before = self._to_change(principal, customer_id, invoice_id, data.version)
        balance = self._taken(lambda: _balance(before).paid(data.amount_minor))
        entry = self._entry("payment", data.amount_minor, data.paid_on, data.reference, principal)
        after = self._after(before, balance)
        self.invoices.save(
            before,
            after,
            actor=principal.username,
            action=CustomerHistoryAction.INVOICE_PAID,
            changes=_changes(before, after),
            entry=entry,
        )
        return self._view(principal, customer, after)

    def register_credit_note(
        self, principal: Principal, customer_id: str, invoice_id: str, data: CreditNoteInput
    ) -> InvoiceView:
        customer, before = self._to_change(principal, customer_id, invoice_id, data.version)
        if self.invoices.holder_of_number(customer_id, data.number):
            raise Conflict("The customer has an invoice or credit note with this number", code="invoice_number_taken")
        balance = self._taken(lambda: _balance(before).credited(data.amount_minor))
        entry = self._entry("credit_note", data.amount_minor, data.issued_on, data.number, principal)
        after = self._after(before, balance)
        self.invoices.save(
            before,
            after,
            actor=principal.username,
            action=CustomerHistoryAction.INVOICE_CREDITED,
            changes=_changes(before, after),
            entry=entry,
            claim=data.number,
        )
        return self._view(principal, customer, after)

    def mark_overdue(self) -> int:
        """The schedule's part: every unpaid invoice whose due date has passed becomes overdue, and the customer's
        invoice readers are told, in the transaction that moves it. Found by one Query per batch on the sparse index
        of unpaid invoices (an invoice leaves it when it moves), so a repeated run finds nothing twice."""
        today = portal_day(self.clock())
        moved, cursor = 0, None
        while True:
            due, cursor = self.invoices.fallen_due(today, limit=OVERDUE_BATCH, cursor=cursor)
            moved += sum(self._moved_overdue(invoice) for invoice in due)
            if cursor is None:
                break
        logger.info("Overdue invoices marked", extra={"moved": moved, "today": today.isoformat()})
        return moved

    def _moved_overdue(self, invoice: Invoice) -> bool:
        """One invoice to overdue, its readers told in the same transaction (one e-mail per language, with every reader
        of it as a recipient, so the transaction stays small however many readers there are). One that cannot move
        is logged and left for the next run; it never stops the others."""
        customer = self.customers.get(invoice.customer_id)
        if customer is None:
            logger.warning("An unpaid invoice of no customer", extra={"invoice_id": invoice.invoice_id})
            return False
        after = invoice.model_copy(
            update={"status": InvoiceStatus.OVERDUE, "version": invoice.version + 1, "updated_at": self.clock()}
        )
        by_language: dict[Language, list[str]] = {}
        for address, language in self.invoice_readers(customer):
            by_language.setdefault(language, []).append(address)
        notices = [
            self._overdue_notice(after, addresses[start : start + MAX_RECIPIENTS], language)
            for language, addresses in by_language.items()
            for start in range(0, len(addresses), MAX_RECIPIENTS)
        ]
        try:
            self.invoices.save(
                invoice,
                after,
                actor="schedule",
                action=CustomerHistoryAction.INVOICE_OVERDUE,
                changes=_changes(invoice, after),
                side_effects=notices,
            )
        except DomainError as refused:  # paid or credited meanwhile (it left the index then), or refused
            logger.warning(
                "An invoice was not moved to overdue", extra={"invoice_id": invoice.invoice_id, "code": refused.code}
            )
            return False
        return True

    # -- parts ------------------------------------------------------------------------------------------------------

    def _customer(self, principal: Principal, customer_id: str, *, register: bool = False) -> Customer:
        customer = self.customers.get(customer_id)
        facts = customers.facts(customer) if customer else None
        if register:
            access.require_register_invoices(principal, facts)
        else:
            access.require_read_invoices(principal, facts)
        assert customer is not None
        return customer

    def _invoice(self, customer_id: str, invoice_id: str) -> Invoice:
        invoice = self.invoices.get(customer_id, invoice_id)
        if invoice is None:
            raise NotFound("No such invoice")
        return invoice

    def _to_change(
        self, principal: Principal, customer_id: str, invoice_id: str, version: int
    ) -> tuple[Customer, Invoice]:
        customer = self._customer(principal, customer_id, register=True)
        invoice = self._invoice(customer_id, invoice_id)
        require_version(invoice.version, version, "invoice")
        return customer, invoice

    @staticmethod
    def _taken(take: Callable[[], Balance]) -> Balance:
        try:
            return take()
        except RuleRefused as refused:
            raise ValidationFailed(
                refused.message, code=refused.code, details=[{"field": "amount_minor", "code": refused.code}]
            ) from None

    def _after(self, before: Invoice, balance: Balance) -> Invoice:
        at = self.clock()
        status = status_of(balance, due_date=before.due_date, today=portal_day(at))
        if status is InvoiceStatus.OVERDUE and before.status is InvoiceStatus.UNPAID:
            status = InvoiceStatus.UNPAID  # the schedule moves it, and tells its readers

        return before.model_copy(
            update={
                "paid_minor": balance.paid_minor,
                "credited_minor": balance.credited_minor,
                "outstanding_minor": balance.outstanding_minor,
                "status": status,
                "version": before.version + 1,
                "updated_at": at,
            }
        )

    def _entry(
        self, kind: str, amount_minor: int, on: date, reference: str | None, principal: Principal
    ) -> InvoiceEntry:
        return InvoiceEntry(
            entry_id=new_id(),
            kind=kind,
            amount_minor=amount_minor,
            on=on,
            reference=reference,
            registered_at=self.clock(),
            registered_by_name=principal.display_name,
        )

    def _view(self, principal: Principal, customer: Customer, invoice: Invoice) -> InvoiceView:
        return InvoiceView(
            **invoice.model_dump(),
            entries=self.invoices.entries(invoice),
            may_register=access.may_register_invoices(principal, customers.facts(customer)),
        )

    def _overdue_notice(self, invoice: Invoice, addresses: list[str], language: Language) -> email.EmailMessage:
        return email.invoice_overdue(
            to=addresses,
            number=invoice.number,
            invoice_date=f"{invoice.invoice_date:%d.%m.%Y}",
            due_date=f"{invoice.due_date:%d.%m.%Y}",
            outstanding=amount(invoice.outstanding_minor, invoice.currency.value, language),
            link=f"{self.portal_url}/#/invoices/{invoice.customer_id}/{invoice.invoice_id}",
            language=language,
        )


def _balance(invoice: Invoice) -> Balance:
    return Balance(invoice.total_minor, invoice.paid_minor, invoice.credited_minor)


def _changes(before: Invoice, after: Invoice) -> list[FieldChange]:
    fields = ("outstanding_minor", "paid_minor", "credited_minor", "status")
    return [
        FieldChange(field=name, before=str(getattr(before, name)), after=str(getattr(after, name)))
        for name in fields
        if getattr(before, name) != getattr(after, name)
    ]
