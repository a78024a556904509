"""EN 16931 rules of the UBL binding (UBL-SR, UBL-DT) that the corpus tests: what UBL allows more of than the model.

UBL can repeat some elements that EN 16931 has once (a VAT identifier, a payment reference), and has attributes
the model does not know; these rules keep a UBL invoice within what EN 16931 can say.
"""

from __future__ import annotations

from lxml import etree

from portal.documents.rules._model import rule
from portal.documents.rules._ubl import (
    Element,
    at,
    document,
    everywhere,
    findall,
    is_vat,
    string_value,
)
from portal.documents.xml import CAC

_AMOUNTS = ("BT-92", "BT-99", "BT-106", "BT-107", "BT-108", "BT-109", "BT-110", "BT-111", "BT-112", "BT-113")
_MORE_AMOUNTS = ("BT-114", "BT-115", "BT-116", "BT-117", "BT-131", "BT-136", "BT-141")


def _vat_identifier_count(party: Element) -> int:
    return sum(
        len(findall(scheme, "cbc:CompanyID")) for scheme in findall(party, "cac:PartyTaxScheme") if is_vat(scheme)
    )


@rule(
    "UBL-SR-12",
    reads=("BT-31",),
    context=at("cac:AccountingSupplierParty/cac:Party"),
    nb="Selger kan bare ha ett mva-nummer.",
    sv="Säljaren får bara ha ett momsregistreringsnummer.",
    en="The seller may have only one VAT identifier.",
)
def seller_has_one_vat_identifier(seller: Element) -> bool:
    return _vat_identifier_count(seller) <= 1


@rule(
    "UBL-SR-18",
    reads=("BT-48",),
    context=at("cac:AccountingCustomerParty/cac:Party"),
    nb="Kjøper kan bare ha ett mva-nummer.",
    sv="Köparen får bara ha ett momsregistreringsnummer.",
    en="The buyer may have only one VAT identifier.",
)
def buyer_has_one_vat_identifier(buyer: Element) -> bool:
    return _vat_identifier_count(buyer) <= 1


@rule(
    "UBL-SR-42",
    reads=("BT-31", "BT-32"),
    context=at("cac:AccountingSupplierParty/cac:Party"),
    nb="Selger kan ha høyst to skatteregistreringer: mva-nummeret og én annen.",
    sv="Säljaren får ha högst två skatteregistreringar: momsregistreringsnumret och en annan.",
    en="The seller may have at most two tax registrations: the VAT identifier and one other.",
)
def seller_has_at_most_two_tax_schemes(seller: Element) -> bool:
    return len(findall(seller, "cac:PartyTaxScheme")) <= 2


@rule(
    "UBL-SR-43",
    reads=("BT-18", "BT-122"),
    context=at("cac:AdditionalDocumentReference"),
    nb="Bare en referanse til et fakturert objekt (dokumenttype 130, eller 50 på en kreditnota) kan ha dokumenttype "
    "eller identifikatortype.",
    sv="Endast en referens till ett fakturerat objekt (dokumenttyp 130, eller 50 på en kreditnota) får ha dokumenttyp "
    "eller identifierartyp.",
    en="Only a reference to an invoiced object (document type 130, or 50 on a credit note) may have a document type or "
    "an identifier scheme.",
)
def only_invoiced_object_has_scheme(reference: Element) -> bool:
    type_codes = {string_value(found) for found in findall(reference, "cbc:DocumentTypeCode")}
    on_credit_note = etree.QName(reference.getroottree().getroot()).localname == "CreditNote"
    if "130" in type_codes or (on_credit_note and "50" in type_codes):
        return True
    has_scheme = any(identifier.get("schemeID") is not None for identifier in findall(reference, "cbc:ID"))
    return not has_scheme and not type_codes


@rule(
    "UBL-SR-44",
    reads=("BT-83",),
    context=document,
    nb="Fakturaen kan bare ha én betalingsreferanse (KID); den samme kan gjentas for hver betalingsmåte.",
    sv="Fakturan får bara ha en betalningsreferens (OCR); samma kan upprepas för varje betalningssätt.",
    en="The invoice may have only one payment reference; the same one may be repeated for each payment means.",
)
def one_payment_reference(root: Element) -> bool:
    return len({string_value(found) for found in everywhere(root, "cbc:PaymentID")}) <= 1


@rule(
    "UBL-SR-47",
    reads=("BT-81",),
    context=document,
    nb="Når fakturaen har flere betalingsmåter, må alle ha samme kode.",
    sv="När fakturan har flera betalningssätt måste alla ha samma kod.",
    en="When the invoice has several payment means, they must all have the same code.",
)
def one_payment_means_code(root: Element) -> bool:
    return len({string_value(found) for found in everywhere(root, "cbc:PaymentMeansCode")}) <= 1


def _amounts(root: Element) -> list[Element]:
    """Every amount except prices and what a price's allowance holds: those may have more decimals."""
    return [element for element in root.iter() if _is_amount(element) and not _in_price_allowance(element)]


def _is_amount(element: Element) -> bool:
    name = etree.QName(element).localname if isinstance(element.tag, str) else ""
    return name.endswith("Amount") and not name.endswith("PriceAmount")


def _in_price_allowance(element: Element) -> bool:
    return any(findall(price, "cac:AllowanceCharge") for price in element.iterancestors(_PRICE))


_PRICE = f"{{{CAC}}}Price"


@rule(
    "UBL-DT-01",
    reads=_AMOUNTS + _MORE_AMOUNTS,
    context=_amounts,
    nb="Beløp kan ha høyst to desimaler.",
    sv="Belopp får ha högst två decimaler.",
    en="Amounts may have at most two decimals.",
)
def amount_has_at_most_two_decimals(amount: Element) -> bool:
    _, _, decimals = string_value(amount).partition(".")
    return len(decimals) <= 2


@rule(
    "UBL-DT-06",
    reads=("BT-125",),
    context=lambda root: everywhere(root, "cbc:EmbeddedDocumentBinaryObject"),
    nb="Et vedlagt dokument må oppgi filtype (MIME-kode).",
    sv="En bifogad fil måste ange filtyp (MIME-kod).",
    en="An attached document must state its file type (MIME code).",
)
def attachment_has_mime_code(attachment: Element) -> bool:
    return attachment.get("mimeCode") is not None


@rule(
    "UBL-DT-07",
    reads=("BT-125",),
    context=lambda root: everywhere(root, "cbc:EmbeddedDocumentBinaryObject"),
    nb="Et vedlagt dokument må ha et filnavn.",
    sv="En bifogad fil måste ha ett filnamn.",
    en="An attached document must have a file name.",
)
def attachment_has_file_name(attachment: Element) -> bool:
    return attachment.get("filename") is not None
