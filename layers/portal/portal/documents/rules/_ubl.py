"""Reading a UBL 2.1 invoice or credit note the way the EN 16931 schematron reads it.

The official rules are XPath 2.0 expressions; the few XPath habits they lean on are kept here in one place, so that
each rule can be read against its text without re-deciding them: text is compared after `normalize-space`, amounts
are exact decimals (`xs:decimal`, never float), `round()` rounds halves up towards positive infinity, a VAT category
counts only when its tax scheme is VAT, and an allowance/charge is one or the other only when its indicator is a
valid boolean.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from decimal import ROUND_FLOOR, Decimal

from lxml import etree

from portal.documents.xml import CAC, NAMESPACES

Element = etree._Element

LINE_TAGS = frozenset({f"{{{CAC}}}InvoiceLine", f"{{{CAC}}}CreditNoteLine"})

_XML_WHITESPACE = re.compile(r"[ \t\r\n]+")
# The lexical space of xs:decimal: no exponent, no NaN or infinity (which Python's Decimal would accept).
_DECIMAL = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_DATE = re.compile(r"(-?\d{4,})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?")
_HALF = Decimal("0.5")


def find(element: Element, path: str) -> Element | None:
    return element.find(path, NAMESPACES)


def findall(element: Element, path: str) -> list[Element]:
    return element.findall(path, NAMESPACES)


def exists(element: Element, path: str) -> bool:
    return find(element, path) is not None


def everywhere(element: Element, path: str) -> list[Element]:
    """The elements at `path` at any depth below `element` (XPath `//path`)."""
    return findall(element, f".//{path}")


def normalize_space(text: str | None) -> str:
    """XPath normalize-space: XML whitespace (and only that) collapsed and trimmed."""
    return _XML_WHITESPACE.sub(" ", text or "").strip(" ")


def has_children(element: Element) -> bool:
    """XPath `element/*`: it has a child element (a comment or processing instruction is not one)."""
    return any(isinstance(child.tag, str) for child in element)


def string_value(element: Element) -> str:
    return "".join(part for part in element.itertext() if isinstance(part, str))


def text(element: Element, path: str) -> str:
    """The normalized text of the first element at `path`, or "" when there is none."""
    found = find(element, path)
    return "" if found is None else normalize_space(string_value(found))


def texts(element: Element, path: str) -> list[str]:
    return [normalize_space(string_value(found)) for found in findall(element, path)]


def has_text(element: Element, path: str) -> bool:
    """The schematron's `normalize-space(path) != ''`: present and not blank."""
    return text(element, path) != ""


def to_decimal(raw: str | None) -> Decimal | None:
    """An `xs:decimal` cast: None when the text is not a decimal number (the schematron would raise an error)."""
    trimmed = (raw or "").strip(" \t\r\n")
    return Decimal(trimmed) if _DECIMAL.fullmatch(trimmed) else None


def decimal(element: Element, path: str) -> Decimal | None:
    """The first element at `path` as a decimal; None when it is absent or not a number."""
    found = find(element, path)
    return None if found is None else to_decimal(string_value(found))


def decimals(element: Element, path: str) -> list[Decimal]:
    """Every number at `path`; what is not a number is left out, as it adds nothing to a sum."""
    values = (to_decimal(string_value(found)) for found in findall(element, path))
    return [value for value in values if value is not None]


def total(values: Iterable[Decimal]) -> Decimal:
    return sum(values, Decimal(0))


def xpath_round(value: Decimal, places: int = 0) -> Decimal:
    """XPath `round()`: to the nearest, and a half towards positive infinity (2.5 → 3, -2.5 → -2)."""
    scale = Decimal(10) ** places
    return (value * scale + _HALF).to_integral_value(rounding=ROUND_FLOOR) / scale


def cents(value: Decimal) -> Decimal:
    """The schematron's `round(x * 10 * 10) div 100`."""
    return xpath_round(value, 2)


def to_date(raw: str) -> date | None:
    """An `xs:date` (YYYY-MM-DD, perhaps with a time zone, which does not change the day compared)."""
    match = _DATE.fullmatch(raw.strip(" \t\r\n"))
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def boolean(element: Element, path: str) -> bool | None:
    """An `xs:boolean`: "true"/"1" or "false"/"0", None when absent or anything else."""
    found = find(element, path)
    if found is None:
        return None
    return {"true": True, "1": True, "false": False, "0": False}.get(string_value(found).strip(" \t\r\n"))


def is_vat(category: Element) -> bool:
    """A tax category or party tax scheme counts for VAT only when its tax scheme is VAT (in any letter case)."""
    return any(scheme.upper() == "VAT" for scheme in texts(category, "cac:TaxScheme/cbc:ID"))


def code(category: Element) -> str:
    """The VAT category code (UNCL5305: S, Z, E, AE, K, G, O, L, M)."""
    return text(category, "cbc:ID")


# Where things are: the contexts the rules are evaluated on.


def document_root(element: Element) -> Element:
    """The document element, where the schematron's `//` starts."""
    return element.getroottree().getroot()


def document(root: Element) -> list[Element]:
    return [root]


def at(path: str) -> Callable[[Element], list[Element]]:
    """The context "each element at `path` below the document"."""
    return lambda root: findall(root, path)


def lines(root: Element) -> list[Element]:
    """The invoice lines, or the credit note lines (BG-25)."""
    return list(root.iter(*LINE_TAGS))


def allowance_charges(parent: Element, *, charge: bool) -> list[Element]:
    """The charges (`charge=True`) or allowances directly under `parent` (document level when it is the root)."""
    return [
        found for found in findall(parent, "cac:AllowanceCharge") if boolean(found, "cbc:ChargeIndicator") is charge
    ]


def document_allowances(root: Element) -> list[Element]:
    return allowance_charges(root, charge=False)


def document_charges(root: Element) -> list[Element]:
    return allowance_charges(root, charge=True)


def line_allowances(root: Element) -> list[Element]:
    return [found for line in lines(root) for found in allowance_charges(line, charge=False)]


def line_charges(root: Element) -> list[Element]:
    return [found for line in lines(root) for found in allowance_charges(line, charge=True)]


def document_periods(root: Element) -> list[Element]:
    """The invoicing periods (BG-14) but not the lines' ones (BG-26), which the schematron gives to the line rules."""
    return [period for period in everywhere(root, "cac:InvoicePeriod") if _parent_tag(period) not in LINE_TAGS]


def line_periods(root: Element) -> list[Element]:
    return [period for line in lines(root) for period in findall(line, "cac:InvoicePeriod")]


def _parent_tag(element: Element) -> object:
    parent = element.getparent()
    return None if parent is None else parent.tag


def has_reason(allowance_or_charge: Element) -> bool:
    """An allowance or charge gives its reason as text, as a code, or both."""
    return exists(allowance_or_charge, "cbc:AllowanceChargeReason") or exists(
        allowance_or_charge, "cbc:AllowanceChargeReasonCode"
    )


def vat_breakdowns(root: Element) -> list[Element]:
    """Every VAT breakdown (BG-23): a TaxSubtotal of a TaxTotal, wherever it is."""
    return everywhere(root, "cac:TaxTotal/cac:TaxSubtotal")


def document_vat_categories(root: Element) -> list[Element]:
    """The VAT categories of the document's own VAT breakdowns (BT-118 with its rate and exemption reason)."""
    return [category for category in findall(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory") if is_vat(category)]


def line_vat_categories(root: Element) -> list[Element]:
    """The VAT category of every line's item (BT-151, BT-152)."""
    return [
        category
        for line in lines(root)
        for category in findall(line, "cac:Item/cac:ClassifiedTaxCategory")
        if is_vat(category)
    ]


def allowance_charge_vat_categories(root: Element, *, charge: bool) -> list[Element]:
    """The VAT categories of the allowances or charges, wherever they are (in practice on the document level)."""
    return [
        category
        for allowance_charge in everywhere(root, "cac:AllowanceCharge")
        if boolean(allowance_charge, "cbc:ChargeIndicator") is charge
        for category in findall(allowance_charge, "cac:TaxCategory")
        if is_vat(category)
    ]


def vat_identifiers(party: Element) -> list[str]:
    """The party's VAT identifiers: PartyTaxScheme/CompanyID where the tax scheme is VAT."""
    return [
        text(scheme, "cbc:CompanyID")
        for scheme in findall(party, "cac:PartyTaxScheme")
        if is_vat(scheme) and exists(scheme, "cbc:CompanyID")
    ]


# Where a failing context is, for a person to find it: "InvoiceLine 2", "TaxTotal / TaxSubtotal 1".

_NUMBERED = frozenset(
    {
        "InvoiceLine",
        "CreditNoteLine",
        "TaxSubtotal",
        "AllowanceCharge",
        "PaymentMeans",
        "AdditionalDocumentReference",
        "BillingReference",
        "AdditionalItemProperty",
    }
)


def location(element: Element) -> str:
    """The path from the document down to `element`, by element names; repeatable ones carry their number."""
    steps = [_step(node, parent) for node, parent in _ancestry(element)]
    return " / ".join(reversed(steps)) or etree.QName(element).localname


def _ancestry(element: Element) -> Iterator[tuple[Element, Element]]:
    node = element
    while (parent := node.getparent()) is not None:
        yield node, parent
        node = parent


def _step(node: Element, parent: Element) -> str:
    name = etree.QName(node).localname
    siblings = [sibling for sibling in parent if sibling.tag == node.tag]
    if name in _NUMBERED or len(siblings) > 1:
        return f"{name} {siblings.index(node) + 1}"
    return name
