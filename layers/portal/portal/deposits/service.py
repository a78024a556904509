"""Deposits (DEP-1, DEP-2): a customer's deposit registrars declare what is in a night-safe bag on an electronic
slip, reviewed before it is saved; the vendor's cash centre counts the bag, and the counting receipt shows the
customer any difference, with an e-mail.

A saved slip never changes: a mistake is corrected by reversing the slip (kept, marked reversed, the bag number
released) and registering a new one. A bag number is registered once per customer, guarded in the same transaction.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from portal import access, histories
from portal.access import Principal
from portal.business_days import local_date
from portal.clock import Clock, new_id, now
from portal.customers import service as customers
from portal.customers.models import Customer
from portal.customers.repository import CustomerRepository
from portal.departments.repository import DepartmentRepository
from portal.deposits.models import (
    Cheque,
    CountedLine,
    Counting,
    CountingInput,
    Deposit,
    DepositFilters,
    DepositInput,
    DepositLine,
    DepositPage,
    DepositRow,
    DepositRowPage,
    DepositSlip,
    DepositStatus,
    Fallback,
    ForeignAmount,
    Reversal,
    ReversalInput,
)
from portal.deposits.repository import DepositRepository
from portal.deposits.scope import customer_for_deposits
from portal.errors import Conflict, FieldProblems, NotFound, ValidationFailed, field_refusal
from portal.history import require_version
from portal.money import DENOMINATIONS, Currency, count_lines
from portal.notifications.email import EmailMessage

# Who hears that a bag was counted: `(customer, deposit) -> e-mails`, built where the users are known.
CountingNotices = Callable[[Customer, Deposit], list[EmailMessage]]


@dataclass
class DepositService:
    customers: CustomerRepository
    departments: DepartmentRepository
    deposits: DepositRepository
    currency_of: Callable[[str], Currency]
    counting_notices: CountingNotices
    clock: Clock = field(default=now)

    # -- reading ---------------------------------------------------------------------------------------------------

    def _visible(self, principal: Principal, customer_id: str) -> Customer:
        return customer_for_deposits(principal, self.customers, customer_id)

    def deposits_of(
        self, principal: Principal, customer_id: str, *, limit: int = 25, cursor: str | None = None
    ) -> DepositPage:
        """The customer's slips, newest registered first."""
        self._visible(principal, customer_id)
        found, next_cursor = self.deposits.of_customer(
            customer_id, principal=principal.username, limit=limit, cursor=cursor
        )
        return DepositPage(items=found, next_cursor=next_cursor)

    def search(
        self,
        principal: Principal,
        customer_id: str,
        filters: DepositFilters,
        *,
        limit: int = 25,
        cursor: str | None = None,
    ) -> DepositRowPage:
        """The deposit history (DEP-2): the customer's slips dated within at most 92 days, narrowed by status and
        department, newest first; or every slip of one bag, whatever its date (seed 000: "to check one bag")."""
        self._visible(principal, customer_id)
        if filters.bag_number:
            slips = self.deposits.slips_of_bag(customer_id, filters.bag_number)
            wanted = [
                slip
                for slip in slips
                if filters.status in {None, slip.status} and filters.department_id in {None, slip.department_id}
            ]
            return DepositRowPage(items=[DepositRow.of(slip) for slip in wanted])
        dates = self.dates(customer_id, filters, longest=histories.SEARCH_DAYS)
        rows, next_cursor = self.deposits.search(
            customer_id, filters, dates, principal=principal.username, limit=limit, cursor=cursor
        )
        return DepositRowPage(items=rows, next_cursor=next_cursor)

    def dates(self, customer_id: str, filters: DepositFilters, *, longest: int) -> tuple[date, date]:
        """The slip dates a search or report covers, in the customer's own calendar."""
        today = local_date(self.clock(), self.currency_of(customer_id))
        return histories.date_range(filters.date_from, filters.date_to, today=today, longest=longest)

    def deposit(self, principal: Principal, customer_id: str, deposit_id: str) -> Deposit:
        self._visible(principal, customer_id)
        return self._existing(customer_id, deposit_id)

    def _existing(self, customer_id: str, deposit_id: str) -> Deposit:
        found = self.deposits.get(customer_id, deposit_id)
        if found is None:
            raise NotFound("No such deposit")
        return found

    # -- registering -----------------------------------------------------------------------------------------------

    def review(self, principal: Principal, customer_id: str, data: DepositInput) -> DepositSlip:
        """The slip with every amount computed, refused as saving it would be: what the registrar checks before
        saving (seed 000: "check the slip before you save it"). Nothing is written."""
        customer = customers.get_customer(principal, self.customers, customer_id)
        access.require_register_deposit(principal, customers.facts(customer))
        return self._slip(customer_id, data)

    def register(self, principal: Principal, customer_id: str, data: DepositInput) -> Deposit:
        slip = self.review(principal, customer_id, data)
        deposit = Deposit(
            **slip.model_dump(),
            deposit_id=new_id(),
            registered_at=self.clock(),
            registered_by=principal.username,
            registered_by_name=principal.display_name,
            version=1,
        )
        self.deposits.register(deposit, actor=principal.username)
        return deposit

    def _slip(self, customer_id: str, data: DepositInput) -> DepositSlip:
        currency = self.currency_of(customer_id)
        problems = FieldProblems()
        today = local_date(self.clock(), currency)
        if data.deposit_date > today:
            problems.add(field_refusal("deposit_date", "date_in_future", "A deposit cannot be dated after today"))
        department_name = None
        if data.department_id is not None:
            department = self.departments.get(customer_id, data.department_id)
            if department is None or not department.active:
                message = "Choose one of the customer's departments"
                problems.add(field_refusal("department_id", "not_a_choice", message))
            else:
                department_name = department.name
        counted = problems.attempt(count_lines, data.lines, currency) or []
        for index, foreign in enumerate(data.foreign):
            if foreign.currency == currency:
                message = f"{currency} is the slip's own currency: count it as notes and coins"
                problems.add(field_refusal(f"foreign.{index}.currency", "own_currency", message))
        if self.deposits.bag_registered(customer_id, data.bag_number):
            problems.add(_bag_taken(data.bag_number))
        problems.raise_if_any()
        lines = [
            DepositLine(denomination=line.denomination.code, pieces=line.pieces, amount=line.amount.minor)
            for line in counted
            if line.pieces
        ]
        cheques = [Cheque(reference=cheque.reference or None, amount=cheque.amount) for cheque in data.cheques]
        fallbacks = [Fallback(description=entry.description, amount=entry.amount) for entry in data.fallbacks]
        if not (lines or cheques or fallbacks or data.foreign):
            raise field_refusal("lines", "nothing_declared", "Declare at least one note, coin, cheque or amount")
        notes_and_coins = sum(line.amount for line in lines)
        return DepositSlip(
            customer_id=customer_id,
            currency=currency,
            deposit_date=data.deposit_date,
            bag_number=data.bag_number,
            department_id=data.department_id if department_name else None,
            department_name=department_name,
            responsibility_number=data.responsibility_number or None,
            signature=data.signature or None,
            lines=lines,
            cheques=cheques,
            fallbacks=fallbacks,
            foreign=[ForeignAmount(currency=entry.currency, amount=entry.amount) for entry in data.foreign],
            notes_and_coins=notes_and_coins,
            total=notes_and_coins + sum(cheque.amount for cheque in cheques) + sum(e.amount for e in fallbacks),
        )

    # -- correcting and counting -----------------------------------------------------------------------------------

    def reverse(self, principal: Principal, customer_id: str, deposit_id: str, data: ReversalInput) -> Deposit:
        """Withdraws a slip not yet counted; it stays, marked reversed, and its bag number may be registered anew."""
        customer = self._visible(principal, customer_id)
        before = self._existing(customer_id, deposit_id)
        access.require_reverse_deposit(principal, customers.facts(customer))
        _require_status(before, DepositStatus.REGISTERED, "Only a slip not yet counted can be reversed")
        require_version(before.version, data.version, "deposit")
        reversal = Reversal(reason=data.reason, reversed_at=self.clock(), reversed_by_name=principal.display_name)
        after = before.model_copy(
            update={"status": DepositStatus.REVERSED, "reversal": reversal, "version": before.version + 1}
        )
        self.deposits.reverse(before, after, actor=principal.username)
        return after

    def count(self, principal: Principal, customer_id: str, deposit_id: str, data: CountingInput) -> Deposit:
        """The cash centre's count of the bag: per note and coin, with the difference from what was declared. The
        counting receipt is the deposit with its counting; the customer is told by e-mail."""
        customer = self._visible(principal, customer_id)
        before = self._existing(customer_id, deposit_id)
        access.require_count_deposit(principal, customers.facts(customer))
        _require_status(before, DepositStatus.REGISTERED, "The bag is counted already, or its slip reversed")
        require_version(before.version, data.version, "deposit")
        counted = {line.denomination.code: line.amount.minor for line in count_lines(data.lines, before.currency)}
        declared = {line.denomination: line.amount for line in before.lines}
        lines = [
            CountedLine(
                denomination=code,
                declared=declared.get(code, 0),
                counted=counted.get(code, 0),
                difference=counted.get(code, 0) - declared.get(code, 0),
            )
            for code in _in_series_order(before.currency, declared.keys() | counted.keys())
            if declared.get(code) or counted.get(code)
        ]
        total = sum(counted.values()) + data.cheques + data.fallbacks
        counting = Counting(
            lines=lines,
            cheques=data.cheques,
            fallbacks=data.fallbacks,
            total=total,
            difference=total - before.total,
            counted_at=self.clock(),
            counted_by_name=principal.display_name,
        )
        after = before.model_copy(
            update={"status": DepositStatus.COUNTED, "counting": counting, "version": before.version + 1}
        )
        self.deposits.record_counting(
            before, after, actor=principal.username, emails=self.counting_notices(customer, after)
        )
        return after


def _in_series_order(currency: Currency, codes: set[str]) -> list[str]:
    return [denomination.code for denomination in DENOMINATIONS[currency] if denomination.code in codes]


def _require_status(deposit: Deposit, status: DepositStatus, message: str) -> None:
    if deposit.status is not status:
        raise Conflict(message, code="deposit_status_conflict", details=[{"status": deposit.status.value}])


def _bag_taken(bag_number: str) -> ValidationFailed:
    message = f"Bag {bag_number} is registered already; reverse its slip to register it again"
    return field_refusal("bag_number", "bag_number_registered", message)
