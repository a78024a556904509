"""National identity numbers (EMP-1), checked with python-stdnum: Norwegian fødselsnummer and D-number, Swedish
personnummer; Tenor's synthetic test numbers only outside production; the masked form a saved number shows."""

from __future__ import annotations

from datetime import date

import pytest
from stdnum.no import fodselsnummer

from portal.customers.models import Country
from portal.employees.national_ids import checked
from portal.errors import RuleRefused

TODAY = date(2026, 12, 7)


def with_check_digits(first_nine: str) -> str:
    check1 = fodselsnummer.calc_check_digit1(first_nine + "00")
    check2 = fodselsnummer.calc_check_digit2(first_nine + check1 + "0")
    assert len(check1) == len(check2) == 1, "pick other individual digits"
    return first_nine + check1 + check2


@pytest.mark.parametrize(
    ("number", "born", "masked"),
    [
        (with_check_digits("130918499"), date(1918, 9, 13), "130918*****"),  # seed 004's Donald Duck, born 1918
        (with_check_digits("410190123"), date(1990, 1, 1), "410190*****"),  # a D-number: the day plus 40
        ("130918 49962", date(1918, 9, 13), "130918*****"),  # spaces as people type them
    ],
)
def test_norwegian_numbers_give_their_birth_date_and_show_masked(number: str, born: date, masked: str) -> None:
    found = checked(number, Country.NORWAY, synthetic_allowed=False, today=TODAY)
    assert (found.birth_date, found.masked, len(found.value), found.synthetic) == (born, masked, 11, False)


def test_synthetic_numbers_pass_in_test_environments_only() -> None:
    synthetic = with_check_digits("018185123")  # 1 January 1985, the month plus 80
    found = checked(synthetic, Country.NORWAY, synthetic_allowed=True, today=TODAY)
    assert (found.birth_date, found.synthetic) == (date(1985, 1, 1), True)
    with pytest.raises(RuleRefused) as refused:
        checked(synthetic, Country.NORWAY, synthetic_allowed=False, today=TODAY)
    assert refused.value.code == "synthetic_national_id"


@pytest.mark.parametrize(
    "number",
    [
        "1309184996",  # ten digits
        "1309184996X",
        with_check_digits("130918499")[:-1] + "0",  # a check digit wrong
        with_check_digits("320118123"),  # the 32nd of January
        with_check_digits("010130501"),  # born in 2030
    ],
)
def test_numbers_that_do_not_check_out_are_refused(number: str) -> None:
    with pytest.raises(RuleRefused) as refused:
        checked(number, Country.NORWAY, synthetic_allowed=True, today=TODAY)
    assert refused.value.code == "invalid_national_id"


@pytest.mark.parametrize("number", ["811218-9876", "19811218-9876", "8112189876"])
def test_a_swedish_personnummer_in_any_usual_form_is_kept_with_its_century(number: str) -> None:
    found = checked(number, Country.SWEDEN, synthetic_allowed=False, today=TODAY)
    assert (found.value, found.birth_date, found.masked) == ("198112189876", date(1981, 12, 18), "19811218****")


def test_a_swedish_number_with_a_wrong_check_digit_is_refused() -> None:
    with pytest.raises(RuleRefused):
        checked("811218-9875", Country.SWEDEN, synthetic_allowed=True, today=TODAY)
