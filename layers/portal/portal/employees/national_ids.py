"""National identity numbers (EMP-1): a Norwegian fødselsnummer or D-number (11 digits, two check digits), or a
Swedish personnummer or samordningsnummer (Luhn), checked with python-stdnum. Pure rules: no storage, no logging.

Test environments also take the synthetic Norwegian numbers the tax administration hands out for testing (Tenor: the
month plus 80, valid check digits), which no real person has; a production deployment refuses them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from stdnum.exceptions import ValidationError
from stdnum.no import fodselsnummer
from stdnum.se import personnummer

from portal.customers.models import Country
from portal.errors import RuleRefused

_SYNTHETIC_MONTH = 80  # Tenor's test persons: the month plus 80 (D-numbers and H-numbers keep their own marks)


@dataclass(frozen=True)
class NationalId:
    """A checked number, in its compact form (digits only; 12 for Sweden), and the birth date it holds."""

    value: str
    birth_date: date
    synthetic: bool = False

    @property
    def masked(self) -> str:
        """What a screen shows once it is saved: the birth date part, the rest hidden."""
        shown = 6 if len(self.value) == 11 else 8
        return self.value[:shown] + "*" * (len(self.value) - shown)


def checked(number: str, country: Country, *, synthetic_allowed: bool, today: date) -> NationalId:
    """The number, checked for the customer's country; `RuleRefused` with a code and a message otherwise."""
    if country is Country.SWEDEN:
        return _swedish(number, today)
    return _norwegian(number, synthetic_allowed=synthetic_allowed, today=today)


def _norwegian(number: str, *, synthetic_allowed: bool, today: date) -> NationalId:
    compact = fodselsnummer.compact(number)
    if len(compact) != 11 or not compact.isdigit():
        raise RuleRefused("invalid_national_id", "A Norwegian fødselsnummer or D-number has 11 digits")
    synthetic = int(compact[2:4]) > _SYNTHETIC_MONTH
    if synthetic and not synthetic_allowed:
        raise RuleRefused("synthetic_national_id", "Synthetic test numbers are not accepted here")
    as_real = compact[:2] + f"{int(compact[2:4]) - _SYNTHETIC_MONTH:02d}" + compact[4:] if synthetic else compact
    if compact[9] != fodselsnummer.calc_check_digit1(compact) or compact[10] != fodselsnummer.calc_check_digit2(
        compact
    ):
        raise RuleRefused("invalid_national_id", "The check digits do not match: check the number")
    try:
        born = fodselsnummer.get_birth_date(as_real)
    except ValidationError:
        raise RuleRefused("invalid_national_id", "The number holds no valid birth date") from None
    if born > today:
        raise RuleRefused("invalid_national_id", "The number holds a birth date in the future")
    return NationalId(value=compact, birth_date=born, synthetic=synthetic)


def _swedish(number: str, today: date) -> NationalId:
    try:
        compact = personnummer.validate(number)
        born = personnummer.get_birth_date(compact)
    except ValidationError:
        raise RuleRefused(
            "invalid_national_id", "A Swedish personnummer has 10 or 12 digits and a valid check digit"
        ) from None
    if born > today:
        raise RuleRefused("invalid_national_id", "The number holds a birth date in the future")
    century = str(born.year)[:2]
    digits = "".join(character for character in compact if character.isdigit())
    return NationalId(value=century + digits[-10:] if len(digits) == 10 else digits, birth_date=born)
