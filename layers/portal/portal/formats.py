"""Formats that depend on the country: postcodes and organisation numbers (python-stdnum checks the latter,
check digits included). Each check returns the value in its normal form or refuses with a field problem that
names the format allowed. Pure rules: no storage, no HTTP."""

from __future__ import annotations

import re
from dataclasses import dataclass

from portal.customers.models import Country
from portal.errors import ValidationFailed, field_problem


@dataclass(frozen=True)
class PostcodeRule:
    digits: int
    written: str  # how a postcode is shown, N for a digit

    def normal_form(self, digits: str) -> str:
        parts = iter(digits)
        return "".join(next(parts) if character == "N" else character for character in self.written)


POSTCODES: dict[Country, PostcodeRule] = {
    Country.NORWAY: PostcodeRule(digits=4, written="NNNN"),
    Country.SWEDEN: PostcodeRule(digits=5, written="NNN NN"),
}

ORGANISATION_NUMBER_FORMATS: dict[Country, str] = {
    Country.NORWAY: "9 digits (NNN NNN NNN), or the VAT number NO NNN NNN NNN MVA",
    Country.SWEDEN: "10 digits (NNNNNN-NNNN), or the VAT number SE NNNNNNNNNN01",
}


def postcode(country: Country, text: str | None, *, field: str = "postal_code") -> str | None:
    """A postcode in its country's normal form (SE: "NNN NN"); an optional country prefix (SE-, NO-) is dropped."""
    if not text:
        return None
    rule = POSTCODES[country]
    digits = re.sub(r"[\s-]", "", text.strip())
    digits = digits[len(country.value) :] if digits.upper().startswith(country.value) else digits
    if not (digits.isascii() and digits.isdigit() and len(digits) == rule.digits):
        raise ValidationFailed(
            f"A postcode in {country.value} has {rule.digits} digits, written {rule.written}",
            code="invalid_postal_code",
            details=[
                field_problem(
                    field,
                    "invalid_postal_code",
                    f"A postcode in {country.value} has {rule.digits} digits, written {rule.written}",
                    format=rule.written,
                    digits=rule.digits,
                    country=country.value,
                )
            ],
        )
    return rule.normal_form(digits)


def organisation_number(country: Country, text: str | None, *, field: str = "organisation_number") -> str | None:
    """The organisation number in compact form; its VAT number is accepted too (and gives the same number)."""
    if not text:
        return None
    # Imported here: python-stdnum loads pydoc and pkgutil, a cost every cold start of the customer handlers paid.
    from stdnum import exceptions as stdnum_errors
    from stdnum.no import mva as norwegian_vat
    from stdnum.no import orgnr as norwegian_orgnr
    from stdnum.se import orgnr as swedish_orgnr
    from stdnum.se import vat as swedish_vat

    try:
        if country is Country.NORWAY:
            if "MVA" in text.upper() or text.strip().upper().startswith("NO"):
                return str(norwegian_vat.validate(text))[:9]
            return str(norwegian_orgnr.validate(text))
        if text.strip().upper().startswith("SE") or len(re.sub(r"\D", "", text)) == 12:
            return str(swedish_vat.validate(text))[:10]
        return str(swedish_orgnr.compact(swedish_orgnr.validate(text)))
    except stdnum_errors.ValidationError as error:
        message = f"'{text[:40]}' is not a valid {country.value} organisation number ({error})"
        raise ValidationFailed(
            message,
            code="invalid_organisation_number",
            details=[
                field_problem(
                    field,
                    "invalid_organisation_number",
                    message,
                    format=ORGANISATION_NUMBER_FORMATS[country],
                    country=country.value,
                )
            ],
        ) from error
