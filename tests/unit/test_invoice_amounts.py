"""What an invoice still owes (INV-1), as properties: any sequence of payments and credit notes, each refused when it
would take more than is outstanding, keeps the outstanding amount a whole number of minor units, never below
nothing, and always the total less what was paid and credited; the status follows from it and the due date."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.errors import RuleRefused
from portal.invoices.amounts import Balance, status_of
from portal.invoices.models import InvoiceStatus

DUE = date(2026, 12, 1)
amounts = st.integers(min_value=-10, max_value=200_000)
steps = st.lists(st.tuples(st.sampled_from(["pay", "credit"]), amounts), max_size=30)


@given(total=st.integers(min_value=1, max_value=10**12), steps=steps)
def test_payments_and_credits_never_take_an_invoice_below_nothing(total: int, steps: list[tuple[str, int]]) -> None:
    balance = Balance(total)
    for kind, amount in steps:
        before = balance
        take = before.paid if kind == "pay" else before.credited
        if amount <= 0 or amount > before.outstanding_minor:
            with pytest.raises(RuleRefused):
                take(amount)
            continue
        balance = take(amount)
        assert balance.outstanding_minor == before.outstanding_minor - amount
    assert all(type(value) is int for value in (balance.outstanding_minor, balance.paid_minor, balance.credited_minor))
    assert 0 <= balance.outstanding_minor <= total
    assert balance.outstanding_minor == total - balance.paid_minor - balance.credited_minor


@given(total=st.integers(min_value=1, max_value=10**9), share=st.integers(min_value=0, max_value=100))
def test_settled_by_payment_is_paid_by_credit_alone_credited(total: int, share: int) -> None:
    paid = total * share // 100
    balance = Balance(total)
    if paid:
        balance = balance.paid(paid)
    if balance.outstanding_minor:
        balance = balance.credited(balance.outstanding_minor)
    expected = InvoiceStatus.PAID if paid else InvoiceStatus.CREDITED
    assert status_of(balance, due_date=DUE, today=DUE + timedelta(days=30)) is expected


@pytest.mark.parametrize(
    ("today", "status"),
    [
        (DUE - timedelta(days=1), InvoiceStatus.UNPAID),
        (DUE, InvoiceStatus.UNPAID),
        (DUE + timedelta(days=1), InvoiceStatus.OVERDUE),
    ],
)
def test_an_invoice_owed_after_its_due_date_is_overdue(today: date, status: InvoiceStatus) -> None:
    assert status_of(Balance(1500_00).paid(500_00), due_date=DUE, today=today) is status
