"""A deposit slip's amounts (DEP-1), whatever is typed: the total is exactly the sum of count × denomination plus the
cheques and fallbacks, foreign currency is listed and never added, and no amount on the slip is ever a float."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from portal.access import CustomerRole, Principal, PrincipalKind
from portal.customers.models import Country, Customer
from portal.deposits.models import ChequeInput, CountInput, DepositInput, FallbackInput, ForeignInput
from portal.deposits.service import DepositService
from portal.money import DENOMINATIONS, Currency
from tests.fakes import InMemoryCustomers

CUSTOMER = "01JCUSTOMER000000000000001"
AT = datetime(2026, 12, 3, 10, tzinfo=UTC)
REGISTRAR = Principal(
    username="registrar@example.no",
    display_name="Registrar",
    kind=PrincipalKind.CONTACT,
    linked_customer_ids=frozenset({CUSTOMER}),
    visible_customer_ids=frozenset({CUSTOMER}),
    customer_roles={CUSTOMER: frozenset({CustomerRole.DEPOSIT_REGISTRAR})},
)


class NoDepartments:
    def get(self, customer_id: str, department_id: str) -> None:
        return None


class NoBags:
    """Only what a review asks: whether the bag number is taken (never, here)."""

    def bag_registered(self, customer_id: str, bag_number: str) -> bool:
        return False


def service(currency: Currency) -> DepositService:
    customers = InMemoryCustomers()
    customers.customers[CUSTOMER] = Customer(
        customer_id=CUSTOMER,
        name="Kiosk AS",
        number="1001",
        country=Country.NORWAY,
        version=1,
        created_at=AT,
        updated_at=AT,
    )
    return DepositService(
        customers=customers,
        departments=NoDepartments(),  # type: ignore[arg-type]
        deposits=NoBags(),  # type: ignore[arg-type]
        currency_of=lambda _: currency,
        counting_notices=lambda customer, deposit: [],
        clock=lambda: AT,
    )


def floats_in(value: Any) -> list[Any]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [found for inner in value.values() for found in floats_in(inner)]
    if isinstance(value, list):
        return [found for inner in value for found in floats_in(inner)]
    return []


amounts = st.integers(1, 10**11)


@settings(max_examples=150, deadline=None)
@given(currency=st.sampled_from(list(Currency)), data=st.data())
def test_the_total_is_exactly_counts_times_denominations_plus_cheques_and_fallbacks(
    currency: Currency, data: st.DataObject
) -> None:
    series = DENOMINATIONS[currency]
    chosen = data.draw(st.lists(st.sampled_from(series), unique=True, min_size=1, max_size=len(series)))
    pieces = data.draw(st.lists(st.integers(0, 10**6), min_size=len(chosen), max_size=len(chosen)))
    by_amount = data.draw(st.lists(st.booleans(), min_size=len(chosen), max_size=len(chosen)))
    cheques = data.draw(st.lists(amounts, max_size=5))
    fallbacks = data.draw(st.lists(amounts, max_size=5))
    foreign = data.draw(st.lists(amounts, max_size=3))
    lines = [
        CountInput(denomination=note.code, amount=count * note.minor)
        if amount
        else CountInput(denomination=note.code, pieces=count)
        for note, count, amount in zip(chosen, pieces, by_amount, strict=True)
    ]
    other = "USD" if currency is not Currency.EUR else "GBP"
    slip = service(currency).review(
        REGISTRAR,
        CUSTOMER,
        DepositInput(
            deposit_date=date(2026, 12, 2),
            bag_number="1234-5678 9012",
            lines=lines,
            cheques=[ChequeInput(amount=amount) for amount in cheques],
            fallbacks=[FallbackInput(description="Terminal", amount=amount) for amount in fallbacks],
            foreign=[ForeignInput(currency=other, amount=amount) for amount in foreign]
            or [ForeignInput(currency=other, amount=1)],
        ),
    )
    expected = sum(note.minor * count for note, count in zip(chosen, pieces, strict=True))
    assert slip.notes_and_coins == expected
    assert slip.total == expected + sum(cheques) + sum(fallbacks)
    assert slip.bag_number == "123456789012"
    assert all(
        line.amount == line.pieces * next(n.minor for n in series if n.code == line.denomination) for line in slip.lines
    )
    assert floats_in(slip.model_dump(mode="json")) == []
