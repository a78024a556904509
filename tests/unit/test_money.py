"""Money in whole minor units (ORD-2, DEP-1): closed sets of notes and coins, counts given as pieces or amounts,
and totals that are the exact sum of count × denomination, whatever the input."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from portal.errors import ValidationFailed
from portal.money import DENOMINATIONS, Currency, Money, count_line, denomination, total


def test_each_currency_has_its_own_notes_and_coins() -> None:
    codes = {currency: [d.code for d in DENOMINATIONS[currency]] for currency in Currency}
    assert codes[Currency.NOK] == [
        "note-1000", "note-500", "note-200", "note-100", "note-50", "coin-20", "coin-10", "coin-5", "coin-1",
    ]  # fmt: skip
    assert {"note-20", "coin-2"} <= set(codes[Currency.SEK])
    assert "coin-20" not in codes[Currency.SEK]
    assert codes[Currency.EUR][-3:] == ["coin-0.05", "coin-0.02", "coin-0.01"]
    assert "note-500" not in codes[Currency.EUR]  # no longer issued in the Europa series


def test_an_amount_must_be_a_whole_number_of_its_note_or_coin() -> None:
    five_hundred = denomination(Currency.NOK, "note-500")
    assert count_line(five_hundred, amount_minor=150_000).pieces == 3
    with pytest.raises(ValidationFailed) as refused:
        count_line(five_hundred, amount_minor=120_000)
    assert refused.value.code == "not_a_multiple"
    assert refused.value.details[0]["allowed"] == {"multiple_of": 50_000}


def test_a_note_of_another_currency_is_refused_with_the_ones_there_are() -> None:
    with pytest.raises(ValidationFailed) as refused:
        denomination(Currency.SEK, "coin-20")
    assert refused.value.code == "unknown_denomination"
    assert "coin-10" in refused.value.details[0]["allowed"]["choices"]


def test_money_is_never_a_float_and_never_mixes_currencies() -> None:
    with pytest.raises(TypeError):
        Money(10.5, Currency.NOK)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="SEK"):
        _ = Money(100, Currency.NOK) + Money(100, Currency.SEK)


currencies = st.sampled_from(list(Currency))


@given(currency=currencies, data=st.data())
def test_a_total_is_the_exact_sum_of_count_times_denomination(currency: Currency, data: st.DataObject) -> None:
    line = st.tuples(st.sampled_from(DENOMINATIONS[currency]), st.integers(0, 10**9))
    counts = data.draw(st.lists(line, max_size=30))
    lines = [count_line(note_or_coin, pieces=pieces) for note_or_coin, pieces in counts]
    summed = total(lines, currency)
    assert summed == Money(sum(note_or_coin.minor * pieces for note_or_coin, pieces in counts), currency)
    assert type(summed.minor) is int


@given(currency=currencies, data=st.data())
def test_an_amount_given_gives_back_its_pieces(currency: Currency, data: st.DataObject) -> None:
    note_or_coin = data.draw(st.sampled_from(DENOMINATIONS[currency]))
    pieces = data.draw(st.integers(0, 10**12))
    assert count_line(note_or_coin, amount_minor=pieces * note_or_coin.minor).pieces == pieces
