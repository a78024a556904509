"""The EN 16931 code list rules (BR-CL) whose lists are short enough to read here.

The long lists (currencies, countries, units of measure, ISO 6523 schemes …) are left out: they change with each
release of the lists, and a copy here would go stale silently.
"""

from __future__ import annotations

from portal.documents.rules._model import rule
from portal.documents.rules._ubl import Element, boolean, everywhere, findall, normalize_space, string_value

VAT_POINT_DATE_CODES = frozenset({"3", "35", "432"})  # UNTDID 2005: invoice date, delivery date, payment date
VAT_CATEGORY_CODES = frozenset({"S", "Z", "E", "AE", "K", "G", "O", "L", "M", "B"})  # UNCL5305
ALLOWANCE_REASON_CODES = frozenset(
    {
        "41",
        "42",
        "60",
        "62",
        "63",
        "64",
        "65",
        "66",
        "67",
        "68",
        "70",
        "71",
        "88",
        "95",
        "100",
        "102",
        "103",
        "104",
        "105",
    }
)  # UNCL5189
ATTACHMENT_MIME_CODES = frozenset(
    {
        "application/pdf",
        "image/png",
        "image/jpeg",
        "text/csv",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.oasis.opendocument.spreadsheet",
    }
)


def _coded(element: Element, codes: frozenset[str]) -> bool:
    return normalize_space(string_value(element)) in codes


@rule(
    "BR-CL-06",
    reads=("BT-8",),
    context=lambda root: everywhere(root, "cac:InvoicePeriod/cbc:DescriptionCode"),
    nb="Koden for når avgiftsplikten inntrer må være 3 (fakturadato), 35 (leveringsdato) eller 432 (betalingsdato).",
    sv="Koden för när skattskyldigheten inträder måste vara 3 (fakturadatum), 35 (leveransdatum) eller 432 "
    "(betalningsdatum).",
    en="The VAT point date code must be 3 (invoice date), 35 (delivery date) or 432 (payment date).",
)
def vat_point_date_code_is_known(description_code: Element) -> bool:
    return _coded(description_code, VAT_POINT_DATE_CODES)


@rule(
    "BR-CL-17",
    reads=("BT-95", "BT-102", "BT-118"),
    context=lambda root: everywhere(root, "cac:TaxCategory/cbc:ID"),
    nb="En mva-kategori må være en av kodene S, Z, E, AE, K, G, O, L, M eller B (UNCL5305).",
    sv="En momskategori måste vara en av koderna S, Z, E, AE, K, G, O, L, M eller B (UNCL5305).",
    en="A VAT category must be one of the codes S, Z, E, AE, K, G, O, L, M or B (UNCL5305).",
)
def vat_category_is_known(category_code: Element) -> bool:
    return _coded(category_code, VAT_CATEGORY_CODES)


@rule(
    "BR-CL-18",
    reads=("BT-151",),
    context=lambda root: everywhere(root, "cac:ClassifiedTaxCategory/cbc:ID"),
    nb="Mva-kategorien på en fakturalinje må være en av kodene S, Z, E, AE, K, G, O, L, M eller B (UNCL5305).",
    sv="Momskategorin på en fakturarad måste vara en av koderna S, Z, E, AE, K, G, O, L, M eller B (UNCL5305).",
    en="The VAT category of an invoice line must be one of the codes S, Z, E, AE, K, G, O, L, M or B (UNCL5305).",
)
def line_vat_category_is_known(category_code: Element) -> bool:
    return _coded(category_code, VAT_CATEGORY_CODES)


def _allowance_reason_codes(root: Element) -> list[Element]:
    return [
        reason_code
        for allowance in everywhere(root, "cac:AllowanceCharge")
        if boolean(allowance, "cbc:ChargeIndicator") is False
        for reason_code in findall(allowance, "cbc:AllowanceChargeReasonCode")
    ]


@rule(
    "BR-CL-19",
    reads=("BT-98", "BT-140"),
    context=_allowance_reason_codes,
    nb="Årsakskoden for en rabatt må være en av kodene i UNCL5189.",
    sv="Orsakskoden för en rabatt måste vara en av koderna i UNCL5189.",
    en="The reason code of an allowance must be one of the UNCL5189 codes.",
)
def allowance_reason_is_known(reason_code: Element) -> bool:
    return _coded(reason_code, ALLOWANCE_REASON_CODES)


@rule(
    "BR-CL-24",
    reads=("BT-125",),
    context=lambda root: [
        attachment
        for attachment in everywhere(root, "cbc:EmbeddedDocumentBinaryObject")
        if attachment.get("mimeCode") is not None
    ],
    nb="Et vedlagt dokument må være PDF, PNG, JPEG, CSV, Excel (xlsx) eller OpenDocument-regneark (ods).",
    sv="En bifogad fil måste vara PDF, PNG, JPEG, CSV, Excel (xlsx) eller OpenDocument-kalkylblad (ods).",
    en="An attached document must be a PDF, PNG, JPEG, CSV, Excel (xlsx) or OpenDocument spreadsheet (ods).",
)
def attachment_type_is_allowed(attachment: Element) -> bool:
    return attachment.get("mimeCode") in ATTACHMENT_MIME_CODES
