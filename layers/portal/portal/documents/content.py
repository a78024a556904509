"""What a business document says (DOC-1): the fields of a UBL 2.1 invoice, credit note, order or order response
that the portal shows, searches and delivers by, read from the customer's XML without changing it.

Amounts stay exact decimals as written (a price may have four decimals); the totals the portal searches by are also
kept in minor units. A document the portal cannot read as one of the four kinds is refused with the reason.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

from lxml import etree
from pydantic import BaseModel, Field

from portal.documents.xml import CREDIT_NOTE, INVOICE, NAMESPACES, ORDER, ORDER_RESPONSE, UnreadableXml
from portal.errors import field_problem
from portal.money import MINOR_UNITS_PER_MAJOR

MAX_LINES = 10_000


class DocumentType(StrEnum):
    INVOICE = "invoice"
    CREDIT_NOTE = "credit_note"
    ORDER = "order"
    ORDER_RESPONSE = "order_response"


_ROOTS = {
    f"{{{INVOICE}}}Invoice": DocumentType.INVOICE,
    f"{{{CREDIT_NOTE}}}CreditNote": DocumentType.CREDIT_NOTE,
    f"{{{ORDER}}}Order": DocumentType.ORDER,
    f"{{{ORDER_RESPONSE}}}OrderResponse": DocumentType.ORDER_RESPONSE,
}

# Where each kind keeps its parties, totals and lines: orders name them differently from invoices.
_SELLER = {
    DocumentType.INVOICE: "cac:AccountingSupplierParty/cac:Party",
    DocumentType.CREDIT_NOTE: "cac:AccountingSupplierParty/cac:Party",
    DocumentType.ORDER: "cac:SellerSupplierParty/cac:Party",
    DocumentType.ORDER_RESPONSE: "cac:SellerSupplierParty/cac:Party",
}
_BUYER = {
    DocumentType.INVOICE: "cac:AccountingCustomerParty/cac:Party",
    DocumentType.CREDIT_NOTE: "cac:AccountingCustomerParty/cac:Party",
    DocumentType.ORDER: "cac:BuyerCustomerParty/cac:Party",
    DocumentType.ORDER_RESPONSE: "cac:BuyerCustomerParty/cac:Party",
}
_TOTALS = {
    DocumentType.INVOICE: "cac:LegalMonetaryTotal",
    DocumentType.CREDIT_NOTE: "cac:LegalMonetaryTotal",
    DocumentType.ORDER: "cac:AnticipatedMonetaryTotal",
    DocumentType.ORDER_RESPONSE: "cac:LegalMonetaryTotal",
}
_LINES = {
    DocumentType.INVOICE: ("cac:InvoiceLine", "cbc:InvoicedQuantity"),
    DocumentType.CREDIT_NOTE: ("cac:CreditNoteLine", "cbc:CreditedQuantity"),
    DocumentType.ORDER: ("cac:OrderLine/cac:LineItem", "cbc:Quantity"),
    DocumentType.ORDER_RESPONSE: ("cac:OrderLine/cac:LineItem", "cbc:Quantity"),
}


class Address(BaseModel):
    lines: list[str] = Field(default_factory=list)
    postal_code: str | None = None
    city: str | None = None
    country: str | None = Field(default=None, description="ISO 3166-1 alpha-2")

    @property
    def postable(self) -> bool:
        """Enough to put on an envelope."""
        return bool(self.lines and self.postal_code and self.city)


class Party(BaseModel):
    name: str | None = None
    endpoint: str | None = Field(default=None, description="Electronic address as scheme:id, e.g. 0192:974760673")
    organisation_number: str | None = None
    vat_number: str | None = None
    email: str | None = None
    address: Address = Field(default_factory=Address)

    @property
    def key(self) -> str | None:
        """How the portal recognises the party across documents: its electronic address, else its numbers."""
        return self.endpoint or self.organisation_number or self.vat_number


class Line(BaseModel):
    line_id: str | None = None
    name: str | None = None
    quantity: Decimal | None = None
    unit: str | None = None
    net_amount: Decimal | None = None
    vat_category: str | None = None
    vat_percent: Decimal | None = None


class Totals(BaseModel):
    line_extension: Decimal | None = None
    tax_exclusive: Decimal | None = None
    tax: Decimal | None = None
    tax_inclusive: Decimal | None = None
    payable: Decimal | None = None


class DocumentContent(BaseModel):
    document_type: DocumentType
    number: str = Field(description="The sender's number of the document (BT-1)")
    issue_date: date | None = None
    due_date: date | None = None
    currency: str | None = Field(default=None, description="ISO 4217")
    buyer_reference: str | None = Field(default=None, description="BT-10")
    order_reference: str | None = Field(default=None, description="BT-13")
    payment_reference: str | None = Field(default=None, description="BT-83, e.g. a KID or OCR number")
    payee_account: str | None = Field(default=None, description="BT-84, the account to pay to")
    seller: Party
    buyer: Party
    totals: Totals = Field(default_factory=Totals)
    lines: list[Line] = Field(default_factory=list)

    @property
    def payable_minor(self) -> int | None:
        """The amount due in minor units, for searching by amount (rounded half up to the cent)."""
        return minor_units(self.totals.payable) if self.totals.payable is not None else None


def minor_units(amount: Decimal) -> int:
    """An amount in cents (øre, öre), rounded half up: what searches by amount compare."""
    return int((amount * MINOR_UNITS_PER_MAJOR).to_integral_value(rounding="ROUND_HALF_UP"))


def document_type(root: etree._Element) -> DocumentType:
    found = _ROOTS.get(root.tag)
    if found is None:
        raise UnreadableXml(
            "The file is not a UBL 2.1 invoice, credit note, order or order response.",
            code="unsupported_document",
            details=[field_problem("file", "unsupported_document", f"Root element {root.tag} is not supported")],
        )
    return found


def read(root: etree._Element) -> DocumentContent:
    """The fields of a parsed UBL document (see `portal.documents.xml.parse`)."""
    kind = document_type(root)
    number = _text(root, "cbc:ID")
    if not number:
        raise UnreadableXml(
            "The document has no number (cbc:ID).",
            code="document_number_missing",
            details=[field_problem("number", "document_number_missing", "The document has no number (cbc:ID)")],
        )
    lines_path, quantity_path = _LINES[kind]
    lines = root.findall(lines_path, NAMESPACES)
    if len(lines) > MAX_LINES:
        raise UnreadableXml(
            f"The document has {len(lines)} lines; at most {MAX_LINES} are read.", code="too_many_lines"
        )
    totals = root.find(_TOTALS[kind], NAMESPACES)
    return DocumentContent(
        document_type=kind,
        number=number,
        issue_date=_date(root, "cbc:IssueDate"),
        due_date=_date(root, "cbc:DueDate") or _date(root, "cac:PaymentMeans/cbc:PaymentDueDate"),
        currency=_text(root, "cbc:DocumentCurrencyCode"),
        buyer_reference=_text(root, "cbc:BuyerReference"),
        order_reference=_text(root, "cac:OrderReference/cbc:ID"),
        payment_reference=_text(root, "cac:PaymentMeans/cbc:PaymentID"),
        payee_account=_text(root, "cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID"),
        seller=_party(root.find(_SELLER[kind], NAMESPACES)),
        buyer=_party(root.find(_BUYER[kind], NAMESPACES)),
        totals=Totals(
            line_extension=_amount(totals, "cbc:LineExtensionAmount"),
            tax_exclusive=_amount(totals, "cbc:TaxExclusiveAmount"),
            tax=_amount(root, "cac:TaxTotal/cbc:TaxAmount"),
            tax_inclusive=_amount(totals, "cbc:TaxInclusiveAmount"),
            payable=_amount(totals, "cbc:PayableAmount"),
        ),
        lines=[_line(line, quantity_path) for line in lines],
    )


def _party(party: etree._Element | None) -> Party:
    if party is None:
        return Party()
    endpoint = party.find("cbc:EndpointID", NAMESPACES)
    endpoint_text = _clean(endpoint.text) if endpoint is not None else None
    scheme = endpoint.get("schemeID") if endpoint is not None else None
    vat = next(
        (
            _text(scheme_item, "cbc:CompanyID")
            for scheme_item in party.findall("cac:PartyTaxScheme", NAMESPACES)
            if (_text(scheme_item, "cac:TaxScheme/cbc:ID") or "").upper() == "VAT"
        ),
        None,
    )
    address = party.find("cac:PostalAddress", NAMESPACES)
    return Party(
        name=_text(party, "cac:PartyLegalEntity/cbc:RegistrationName") or _text(party, "cac:PartyName/cbc:Name"),
        endpoint=f"{scheme}:{endpoint_text}" if scheme and endpoint_text else endpoint_text,
        organisation_number=_text(party, "cac:PartyLegalEntity/cbc:CompanyID"),
        vat_number=vat,
        email=_text(party, "cac:Contact/cbc:ElectronicMail"),
        address=_address(address),
    )


def _address(address: etree._Element | None) -> Address:
    if address is None:
        return Address()
    lines = [
        text
        for path in ("cbc:StreetName", "cbc:AdditionalStreetName", "cac:AddressLine/cbc:Line")
        if (text := _text(address, path))
    ]
    return Address(
        lines=lines,
        postal_code=_text(address, "cbc:PostalZone"),
        city=_text(address, "cbc:CityName"),
        country=_text(address, "cac:Country/cbc:IdentificationCode"),
    )


def _line(line: etree._Element, quantity_path: str) -> Line:
    quantity = line.find(quantity_path, NAMESPACES)
    category = line.find("cac:Item/cac:ClassifiedTaxCategory", NAMESPACES)
    return Line(
        line_id=_text(line, "cbc:ID"),
        name=_text(line, "cac:Item/cbc:Name"),
        quantity=_decimal(quantity.text) if quantity is not None else None,
        unit=quantity.get("unitCode") if quantity is not None else None,
        net_amount=_amount(line, "cbc:LineExtensionAmount"),
        vat_category=_text(category, "cbc:ID") if category is not None else None,
        vat_percent=_amount(category, "cbc:Percent") if category is not None else None,
    )


def _clean(text: str | None) -> str | None:
    """Like XPath's normalize-space; nothing for an empty element."""
    cleaned = " ".join((text or "").split())
    return cleaned or None


def _text(element: etree._Element | None, path: str) -> str | None:
    if element is None:
        return None
    found = element.find(path, NAMESPACES)
    return _clean(found.text) if found is not None else None


def _date(element: etree._Element, path: str) -> date | None:
    text = _text(element, path)
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UnreadableXml(
            f"{path.rsplit(':', maxsplit=1)[-1]} '{text}' is not a date (YYYY-MM-DD).",
            code="invalid_date",
            details=[field_problem(path, "invalid_date", f"'{text}' is not a date (YYYY-MM-DD)")],
        ) from None


def _decimal(text: str | None) -> Decimal | None:
    cleaned = _clean(text)
    if cleaned is None:
        return None
    try:
        value = Decimal(cleaned)
    except InvalidOperation:
        raise UnreadableXml(
            f"'{cleaned}' is not a number.",
            code="invalid_number",
            details=[field_problem("amount", "invalid_number", f"'{cleaned}' is not a number")],
        ) from None
    if not value.is_finite() or abs(value) >= Decimal(10) ** 15:
        raise UnreadableXml(f"'{cleaned}' is not an amount the portal reads.", code="invalid_number")
    return value


def _amount(element: etree._Element | None, path: str) -> Decimal | None:
    if element is None:
        return None
    found = element.find(path, NAMESPACES)
    return _decimal(found.text) if found is not None else None
