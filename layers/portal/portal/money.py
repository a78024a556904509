"""Money as the portal counts it: whole minor units (øre, öre, cent) with their currency, never a float.

Notes and coins come from a closed set per currency (ORD-2 change orders, DEP-1 deposit slips). A line of a count
gives either the number of notes or coins or their amount; an amount that is not a whole multiple of its
denomination is refused, and every total is the exact sum of count × denomination.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum
from typing import Protocol

from portal.errors import FieldProblems, ValidationFailed, field_problem, field_refusal

MINOR_UNITS_PER_MAJOR = 100  # øre per krone, öre per krona, cent per euro


class Currency(StrEnum):
    NOK = "NOK"
    SEK = "SEK"
    EUR = "EUR"


class Form(StrEnum):
    NOTE = "note"
    COIN = "coin"


@dataclass(frozen=True, order=True)
class Money:
    minor: int
    currency: Currency

    def __post_init__(self) -> None:
        if type(self.minor) is not int:  # bool is an int too, and a float is never money
            raise TypeError(f"Money is counted in whole minor units, not {type(self.minor).__name__}")

    def __add__(self, other: Money) -> Money:
        return Money(self.minor + self._same_currency(other).minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        return Money(self.minor - self._same_currency(other).minor, self.currency)

    def _same_currency(self, other: Money) -> Money:
        if other.currency is not self.currency:
            raise ValueError(f"Cannot add {other.currency} to {self.currency}")
        return other

    @classmethod
    def zero(cls, currency: Currency) -> Money:
        return cls(0, currency)


@dataclass(frozen=True)
class Denomination:
    """One note or coin: its value in minor units. `code` names it in requests and reports ("note-500", "coin-20")."""

    currency: Currency
    form: Form
    minor: int

    @property
    def code(self) -> str:
        major, cents = divmod(self.minor, MINOR_UNITS_PER_MAJOR)
        return f"{self.form}-{major}" if not cents else f"{self.form}-0.{cents:02d}"


def _series(currency: Currency, notes: Iterable[int], coins: Iterable[int]) -> tuple[Denomination, ...]:
    """Notes and coins given in minor units, largest first."""
    made = [Denomination(currency, Form.NOTE, value) for value in notes]
    made += [Denomination(currency, Form.COIN, value) for value in coins]
    return tuple(sorted(made, key=lambda denomination: -denomination.minor))


def _major(*values: int) -> tuple[int, ...]:
    """Whole kroner, kronor or euro in minor units."""
    return tuple(value * MINOR_UNITS_PER_MAJOR for value in values)


DENOMINATIONS: dict[Currency, tuple[Denomination, ...]] = {
    # Norges Bank: notes 50-1000 kroner, coins 1, 5, 10 and 20 kroner.
    Currency.NOK: _series(Currency.NOK, _major(50, 100, 200, 500, 1000), _major(1, 5, 10, 20)),
    # Riksbanken: notes 20-1000 kronor, coins 1, 2, 5 and 10 kronor.
    Currency.SEK: _series(Currency.SEK, _major(20, 50, 100, 200, 500, 1000), _major(1, 2, 5, 10)),
    # The ECB's Europa series (5-200 euro; the 500 is no longer issued) and the eight euro coins (1 cent-2 euro).
    Currency.EUR: _series(Currency.EUR, _major(5, 10, 20, 50, 100, 200), (1, 2, 5, 10, 20, 50, *_major(1, 2))),
}


def denomination(currency: Currency, code: str) -> Denomination:
    for candidate in DENOMINATIONS[currency]:
        if candidate.code == code:
            return candidate
    allowed = [candidate.code for candidate in DENOMINATIONS[currency]]
    raise ValidationFailed(
        f"{code} is not a {currency} note or coin",
        code="unknown_denomination",
        details=[field_problem("denomination", "not_a_choice", "Not a note or coin of this currency", choices=allowed)],
    )


@dataclass(frozen=True)
class CountLine:
    """How many of one note or coin, however the user gave it (a number of pieces, or their amount)."""

    denomination: Denomination
    pieces: int

    @property
    def amount(self) -> Money:
        return Money(self.denomination.minor * self.pieces, self.denomination.currency)


def count_line(denomination: Denomination, *, pieces: int | None = None, amount_minor: int | None = None) -> CountLine:
    """A line from a number of pieces or from an amount, which must be a whole number of them."""
    if (pieces is None) == (amount_minor is None):
        raise ValueError("Give either pieces or an amount")
    if amount_minor is not None:
        whole, rest = divmod(amount_minor, denomination.minor)
        if rest or amount_minor < 0:
            message = f"{amount_minor} is not a whole number of {denomination.code}"
            problem = field_problem(denomination.code, "not_a_multiple", message, multiple_of=denomination.minor)
            raise ValidationFailed(message, code="not_a_multiple", details=[problem])
        pieces = whole
    assert pieces is not None
    if pieces < 0:
        raise ValidationFailed("A count cannot be negative", code="negative_count")
    return CountLine(denomination, pieces)


class CountRequest(Protocol):
    """A line as a form sends it: a note or coin by its code, and either how many or their amount."""

    @property
    def denomination(self) -> str: ...
    @property
    def pieces(self) -> int | None: ...
    @property
    def amount(self) -> int | None: ...


def count_lines(lines: Sequence[CountRequest], currency: Currency, *, field: str = "lines") -> list[CountLine]:
    """Every line counted, or one refusal naming the problem of each line that has one: a note or coin given twice,
    neither or both of pieces and amount, not of the currency, or an amount that is not a whole number of it."""
    problems = FieldProblems()
    counted: list[CountLine] = []
    seen: set[str] = set()
    for index, line in enumerate(lines):
        where = f"{field}.{index}"
        if line.denomination in seen:
            problems.add(field_refusal(f"{where}.denomination", "duplicate", "Each note or coin once"))
            continue
        seen.add(line.denomination)
        if (line.pieces is None) == (line.amount is None):
            message = "Give either the number of pieces or their amount"
            problems.add(field_refusal(f"{where}.pieces", "pieces_or_amount", message))
            continue
        try:
            found = denomination(currency, line.denomination)
            counted.append(count_line(found, pieces=line.pieces, amount_minor=line.amount))
        except ValidationFailed as refused:
            # The money rules name the note or coin; the form names the line.
            named = f"{where}.amount" if refused.code == "not_a_multiple" else f"{where}.denomination"
            details = [{**detail, "field": named} for detail in refused.details]
            problems.add(ValidationFailed(refused.message, code=refused.code, details=details))
    problems.raise_if_any()
    return counted


def as_text(minor: int, currency: Currency) -> str:
    """Money as histories and messages write it: exact, with its currency ("20000.00 NOK")."""
    sign = "-" if minor < 0 else ""
    whole, cents = divmod(abs(minor), MINOR_UNITS_PER_MAJOR)
    return f"{sign}{whole}.{cents:02d} {currency}"


def total(lines: Iterable[CountLine], currency: Currency) -> Money:
    """The exact sum of the lines, all of one currency."""
    summed = Money.zero(currency)
    for line in lines:
        summed = summed + line.amount
    return summed


def line_amounts(quantity: Decimal, unit_price_minor: int, vat_rate: Decimal) -> tuple[int, int]:
    """A priced line's amount and its VAT, in whole minor units: quantity × unit price rounded half up, then the VAT
    rate (per cent) of that, rounded the same way. Exact: Decimal throughout, never a float."""
    amount = int((quantity * unit_price_minor).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    vat = int((Decimal(amount) * vat_rate / 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return amount, vat
