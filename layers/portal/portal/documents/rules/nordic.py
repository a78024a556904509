"""Norwegian and Swedish numbers on an invoice, checked with python-stdnum (the portal's own rules, not EN 16931).

EN 16931 only asks that a VAT identifier starts with a country code (BR-CO-09); a mistyped Norwegian or Swedish
number passes it, and the invoice then cannot be matched to the company. These rules check the numbers
themselves: the seller's and the buyer's VAT identifiers (BT-31, BT-48) when they are Norwegian or Swedish, and
their legal registration identifiers (BT-30, BT-47) when the scheme says they are a Norwegian organisasjonsnummer
(ISO 6523 ICD 0192) or a Swedish organisationsnummer (ICD 0007). The ids start with NORDIC- so that nobody takes
them for official ones.

python-stdnum is imported only when a number is checked: it loads pydoc and pkgutil, a cost every cold start of a
handler that merely imports the rules would pay.
"""

from __future__ import annotations

from collections.abc import Callable

from portal.documents.rules._model import Context, rule
from portal.documents.rules._ubl import Element, findall, is_vat, normalize_space, string_value

_PARTIES = ("cac:AccountingSupplierParty/cac:Party", "cac:AccountingCustomerParty/cac:Party")


def _vat_identifiers_of(country: str) -> Context:
    """The seller's and buyer's VAT identifiers that say they are of `country` by their prefix."""

    def identifiers(root: Element) -> list[Element]:
        return [
            company_id
            for party in _PARTIES
            for scheme in findall(root, f"{party}/cac:PartyTaxScheme")
            if is_vat(scheme)
            for company_id in findall(scheme, "cbc:CompanyID")
            if normalize_space(string_value(company_id)).upper().startswith(country)
        ]

    return identifiers


def _legal_identifiers_in(scheme: str) -> Context:
    """The seller's and buyer's legal registration identifiers in the ISO 6523 scheme `scheme`."""

    def identifiers(root: Element) -> list[Element]:
        return [
            company_id
            for party in _PARTIES
            for company_id in findall(root, f"{party}/cac:PartyLegalEntity/cbc:CompanyID")
            if company_id.get("schemeID", "").strip() == scheme
        ]

    return identifiers


def _valid(is_valid: Callable[[str], object], identifier: Element) -> bool:
    return bool(is_valid(normalize_space(string_value(identifier))))


@rule(
    "NORDIC-NO-VAT",
    reads=("BT-31", "BT-48"),
    context=_vat_identifiers_of("NO"),
    nb="Et norsk mva-nummer må være et gyldig organisasjonsnummer med MVA bak (for eksempel NO974760673MVA).",
    sv="Ett norskt momsregistreringsnummer måste vara ett giltigt organisationsnummer följt av MVA "
    "(till exempel NO974760673MVA).",
    en="A Norwegian VAT identifier must be a valid organisation number followed by MVA (for example NO974760673MVA).",
)
def norwegian_vat_identifier_is_valid(identifier: Element) -> bool:
    from stdnum.no import mva

    return _valid(mva.is_valid, identifier)


@rule(
    "NORDIC-NO-ORGNR",
    reads=("BT-30", "BT-47"),
    context=_legal_identifiers_in("0192"),
    nb="Et norsk organisasjonsnummer må ha ni siffer og riktig kontrollsiffer.",
    sv="Ett norskt organisationsnummer måste ha nio siffror och rätt kontrollsiffra.",
    en="A Norwegian organisation number must have nine digits and a correct check digit.",
)
def norwegian_organisation_number_is_valid(identifier: Element) -> bool:
    from stdnum.no import orgnr

    return _valid(orgnr.is_valid, identifier)


@rule(
    "NORDIC-SE-VAT",
    reads=("BT-31", "BT-48"),
    context=_vat_identifiers_of("SE"),
    nb="Et svensk mva-nummer må være SE, et gyldig organisasjonsnummer og 01 (for eksempel SE556036079301).",
    sv="Ett svenskt momsregistreringsnummer måste vara SE, ett giltigt organisationsnummer och 01 "
    "(till exempel SE556036079301).",
    en="A Swedish VAT identifier must be SE, a valid organisation number and 01 (for example SE556036079301).",
)
def swedish_vat_identifier_is_valid(identifier: Element) -> bool:
    from stdnum.se import vat

    return _valid(vat.is_valid, identifier)


@rule(
    "NORDIC-SE-ORGNR",
    reads=("BT-30", "BT-47"),
    context=_legal_identifiers_in("0007"),
    nb="Et svensk organisasjonsnummer må ha ti siffer og riktig kontrollsiffer.",
    sv="Ett svenskt organisationsnummer måste ha tio siffror och rätt kontrollsiffra.",
    en="A Swedish organisation number must have ten digits and a correct check digit.",
)
def swedish_organisation_number_is_valid(identifier: Element) -> bool:
    from stdnum.se import orgnr

    return _valid(orgnr.is_valid, identifier)
