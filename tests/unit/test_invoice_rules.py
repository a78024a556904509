"""The invoice rule set (DOC-5) beyond the EN 16931 corpus: the Peppol reference rule, the Norwegian and Swedish
number checks, choosing rules with `check(..., rule_ids=...)`, where a violation is reported, and what every rule
must carry (messages in the portal's three languages, the business terms it reads)."""

from __future__ import annotations

import re

import pytest
from lxml import etree

from portal.documents.rules import RULES, Violation, check
from portal.documents.xml import parse
from portal.languages import Language

NAMESPACES = (
    'xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
    'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
    'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"'
)


def invoice(body: str) -> etree._Element:
    return parse(f"<Invoice {NAMESPACES}>{body}</Invoice>".encode())


def fires(rule_id: str, root: etree._Element) -> list[str]:
    return RULES[rule_id].check(root)


def party_tax_scheme(company_id: str, scheme: str = "VAT") -> str:
    return (
        f"<cac:PartyTaxScheme><cbc:CompanyID>{company_id}</cbc:CompanyID>"
        f"<cac:TaxScheme><cbc:ID>{scheme}</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"
    )


def legal_entity(company_id: str, scheme: str) -> str:
    return (
        "<cac:PartyLegalEntity><cbc:RegistrationName>AS</cbc:RegistrationName>"
        f'<cbc:CompanyID schemeID="{scheme}">{company_id}</cbc:CompanyID></cac:PartyLegalEntity>'
    )


def seller(*parts: str) -> str:
    return f"<cac:AccountingSupplierParty><cac:Party>{''.join(parts)}</cac:Party></cac:AccountingSupplierParty>"


def buyer(*parts: str) -> str:
    return f"<cac:AccountingCustomerParty><cac:Party>{''.join(parts)}</cac:Party></cac:AccountingCustomerParty>"


# PEPPOL-EN16931-R003


@pytest.mark.parametrize(
    "reference",
    [
        "<cbc:BuyerReference>Ola Nordmann</cbc:BuyerReference>",
        "<cac:OrderReference><cbc:ID>PO-4711</cbc:ID></cac:OrderReference>",
        "<cbc:BuyerReference>0150abc</cbc:BuyerReference><cac:OrderReference><cbc:ID>1</cbc:ID></cac:OrderReference>",
    ],
)
def test_a_buyer_or_order_reference_lets_the_invoice_through(reference: str) -> None:
    assert fires("PEPPOL-EN16931-R003", invoice(f"<cbc:ID>1</cbc:ID>{reference}")) == []


@pytest.mark.parametrize(
    "body",
    [
        "<cbc:ID>1</cbc:ID>",
        "<cbc:BuyerReference>  </cbc:BuyerReference>",
        "<cac:OrderReference><cbc:SalesOrderID>S-1</cbc:SalesOrderID></cac:OrderReference>",
    ],
)
def test_without_a_buyer_or_order_reference_the_invoice_is_stopped(body: str) -> None:
    assert fires("PEPPOL-EN16931-R003", invoice(body)) == ["Invoice"]


# Norwegian and Swedish numbers


@pytest.mark.parametrize(
    ("rule_id", "valid", "invalid"),
    [
        ("NORDIC-NO-VAT", "NO974760673MVA", "NO974760674MVA"),
        ("NORDIC-SE-VAT", "SE556036079301", "SE556036079401"),
    ],
)
def test_norwegian_and_swedish_vat_identifiers_of_seller_and_buyer_must_be_valid(
    rule_id: str, valid: str, invalid: str
) -> None:
    assert fires(rule_id, invoice(seller(party_tax_scheme(valid)) + buyer(party_tax_scheme(valid)))) == []
    assert fires(rule_id, invoice(seller(party_tax_scheme(invalid)) + buyer(party_tax_scheme(valid)))) == [
        "AccountingSupplierParty / Party / PartyTaxScheme / CompanyID"
    ]
    assert fires(rule_id, invoice(seller(party_tax_scheme(valid)) + buyer(party_tax_scheme(invalid)))) == [
        "AccountingCustomerParty / Party / PartyTaxScheme / CompanyID"
    ]


def test_vat_identifiers_are_checked_in_the_forms_they_are_written() -> None:
    spaced = invoice(seller(party_tax_scheme("NO 974 760 673 MVA")))
    assert fires("NORDIC-NO-VAT", spaced) == []
    without_mva = invoice(seller(party_tax_scheme("NO974760673")))
    assert fires("NORDIC-NO-VAT", without_mva) != []
    without_01 = invoice(seller(party_tax_scheme("SE5560360793")))
    assert fires("NORDIC-SE-VAT", without_01) != []


def test_only_norwegian_or_swedish_vat_identifiers_are_checked_by_each_rule() -> None:
    danish_and_swedish = invoice(seller(party_tax_scheme("DK12345678")) + buyer(party_tax_scheme("SE556036079301")))
    assert fires("NORDIC-NO-VAT", danish_and_swedish) == []
    assert fires("NORDIC-SE-VAT", invoice(seller(party_tax_scheme("NO974760674MVA")))) == []


def test_a_tax_registration_that_is_not_for_vat_is_not_a_vat_identifier() -> None:
    # Swedish invoices give "Godkänd för F-skatt" as the seller's second tax scheme; it is no VAT number.
    f_tax = invoice(seller(party_tax_scheme("SE-not-a-number", scheme="TAX")))
    assert fires("NORDIC-SE-VAT", f_tax) == []


@pytest.mark.parametrize(
    ("rule_id", "scheme", "valid", "invalid"),
    [
        ("NORDIC-NO-ORGNR", "0192", "974760673", "974760674"),
        ("NORDIC-SE-ORGNR", "0007", "5560360793", "5560360794"),
    ],
)
def test_organisation_numbers_in_their_national_scheme_must_be_valid(
    rule_id: str, scheme: str, valid: str, invalid: str
) -> None:
    assert fires(rule_id, invoice(seller(legal_entity(valid, scheme)) + buyer(legal_entity(valid, scheme)))) == []
    assert fires(rule_id, invoice(seller(legal_entity(valid, scheme)) + buyer(legal_entity(invalid, scheme)))) == [
        "AccountingCustomerParty / Party / PartyLegalEntity / CompanyID"
    ]
    # A number in another scheme (here GLN) is not a national organisation number.
    assert fires(rule_id, invoice(seller(legal_entity(invalid, "0088")))) == []


def test_the_swedish_organisation_number_may_be_written_with_its_hyphen() -> None:
    assert fires("NORDIC-SE-ORGNR", invoice(seller(legal_entity("556036-0793", "0007")))) == []


def test_nordic_and_peppol_rules_have_their_own_family() -> None:
    assert {rule_id for rule_id, rule in RULES.items() if rule.family == "NORDIC"} == {
        "NORDIC-NO-VAT",
        "NORDIC-NO-ORGNR",
        "NORDIC-SE-VAT",
        "NORDIC-SE-ORGNR",
    }
    assert {rule_id for rule_id, rule in RULES.items() if rule.family == "PEPPOL"} == {"PEPPOL-EN16931-R003"}
    assert all(rule.family == "EN16931" for rule_id, rule in RULES.items() if rule_id.startswith(("BR-", "UBL-")))


# check()

TWO_LINES_WITHOUT_IDS = invoice(
    "<cac:InvoiceLine><cbc:ID>1</cbc:ID></cac:InvoiceLine><cac:InvoiceLine><cbc:ID> </cbc:ID></cac:InvoiceLine>"
)


def test_check_runs_only_the_rules_named() -> None:
    violations = check(TWO_LINES_WITHOUT_IDS, rule_ids=["BR-21", "BR-02"])
    assert [(violation.rule.id, violation.where) for violation in violations] == [
        ("BR-02", "Invoice"),
        ("BR-21", "InvoiceLine 2"),
    ]
    assert violations[0] == Violation(rule=RULES["BR-02"], where="Invoice")
    assert len(set(violations + check(TWO_LINES_WITHOUT_IDS, rule_ids=["BR-21"]))) == 2


def test_check_without_rule_ids_runs_every_rule() -> None:
    fired = {violation.rule.id for violation in check(TWO_LINES_WITHOUT_IDS)}
    assert {"BR-01", "BR-02", "BR-21", "PEPPOL-EN16931-R003"} <= fired
    assert all(violation.rule.id in RULES for violation in check(TWO_LINES_WITHOUT_IDS))


def test_check_refuses_a_rule_it_does_not_have() -> None:
    with pytest.raises(KeyError):
        check(TWO_LINES_WITHOUT_IDS, rule_ids=["BR-CO-25"])


def test_a_document_that_passes_has_no_violations() -> None:
    assert check(TWO_LINES_WITHOUT_IDS, rule_ids=["BR-16", "BR-CO-10"]) == []


def test_a_credit_note_is_checked_like_an_invoice() -> None:
    credit_note = parse(
        b'<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2" '
        b'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        b'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        b"<cac:CreditNoteLine><cbc:ID>1</cbc:ID>"
        b'<cbc:CreditedQuantity unitCode="C62">1</cbc:CreditedQuantity>'
        b'<cbc:LineExtensionAmount currencyID="NOK">-50.00</cbc:LineExtensionAmount></cac:CreditNoteLine>'
        b"<cac:LegalMonetaryTotal>"
        b'<cbc:LineExtensionAmount currencyID="NOK">-49.99</cbc:LineExtensionAmount>'
        b"</cac:LegalMonetaryTotal></CreditNote>"
    )
    violations = check(credit_note, rule_ids=["BR-16", "BR-22", "BR-23", "BR-CO-10"])
    assert [(violation.rule.id, violation.where) for violation in violations] == [("BR-CO-10", "LegalMonetaryTotal")]


def test_amounts_are_rounded_as_the_schematron_rounds_them() -> None:
    # XPath round() takes a half towards positive infinity: 0.005 rounds to 0.01, and -0.005 to 0.00.
    line = "<cac:InvoiceLine><cbc:LineExtensionAmount>{}</cbc:LineExtensionAmount></cac:InvoiceLine>"
    total = "<cac:LegalMonetaryTotal><cbc:LineExtensionAmount>{}</cbc:LineExtensionAmount></cac:LegalMonetaryTotal>"
    assert fires("BR-CO-10", invoice(total.format("0.01") + line.format("0.005"))) == []
    assert fires("BR-CO-10", invoice(total.format("0.00") + line.format("-0.005"))) == []
    assert fires("BR-CO-10", invoice(total.format("-0.01") + line.format("-0.005"))) == ["LegalMonetaryTotal"]


# What every rule carries

PLACEHOLDERS = re.compile(r"TODO|FIXME|XXX|lorem|\{|\}|cbc:|cac:|//|@")


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_explains_itself_in_each_language(rule_id: str) -> None:
    messages = RULES[rule_id].messages
    assert set(messages) == set(Language)
    for language, message in messages.items():
        assert message.strip(), f"{rule_id} has no {language} message"
        assert not PLACEHOLDERS.search(message), f"{rule_id}'s {language} message: {message}"
        assert message[0].isupper(), f"{rule_id}'s {language} message: {message}"
        assert message.endswith("."), f"{rule_id}'s {language} message: {message}"
    assert len(set(messages.values())) == len(messages), f"{rule_id} has the same message in two languages"


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_every_rule_names_the_business_terms_it_reads(rule_id: str) -> None:
    rule = RULES[rule_id]
    assert rule.id == rule_id
    assert rule.reads, f"{rule_id} reads nothing"
    assert all(re.fullmatch(r"B[TG]-\d+", term) for term in rule.reads), rule.reads
    assert len(set(rule.reads)) == len(rule.reads), f"{rule_id} names a term twice: {rule.reads}"
    assert rule.severity in {"fatal", "warning"}
