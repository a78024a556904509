"""Peppol BIS Billing 3.0 invoices for the demo and the tests: complete, valid against EN 16931 and the Peppol rule
R003 unless told to leave a reference out, with Norwegian parties and 25 % VAT. What a customer's own invoicing
system would send."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from xml.sax.saxutils import escape


@dataclass(frozen=True)
class SampleParty:
    name: str
    organisation_number: str
    street: str = "Storgata 1"
    postal_code: str = "0155"
    city: str = "Oslo"
    email: str | None = None
    vat_registered: bool = True

    @property
    def endpoint(self) -> str:
        return f"0192:{self.organisation_number}"


def invoice(
    *,
    number: str,
    seller: SampleParty,
    buyer: SampleParty,
    lines: list[tuple[str, Decimal, Decimal]],
    issue_date: date = date(2026, 12, 1),
    due_date: date = date(2026, 12, 31),
    buyer_reference: str | None = "Innkjøp 4711",
    order_reference: str | None = None,
    currency: str = "NOK",
) -> bytes:
    """A UBL invoice of `lines` (name, quantity, unit price), each with 25 % VAT."""
    nets = [(name, quantity, price, (quantity * price).quantize(Decimal("0.01"))) for name, quantity, price in lines]
    net = sum((line[3] for line in nets), Decimal("0.00"))
    vat = (net * Decimal("0.25")).quantize(Decimal("0.01"))
    references = ""
    if buyer_reference:
        references += f"<cbc:BuyerReference>{escape(buyer_reference)}</cbc:BuyerReference>"
    if order_reference:
        references += f"<cac:OrderReference><cbc:ID>{escape(order_reference)}</cbc:ID></cac:OrderReference>"
    invoice_lines = "".join(
        f"""<cac:InvoiceLine><cbc:ID>{index}</cbc:ID>
<cbc:InvoicedQuantity unitCode="EA">{quantity}</cbc:InvoicedQuantity>
<cbc:LineExtensionAmount currencyID="{currency}">{line_net}</cbc:LineExtensionAmount>
<cac:Item><cbc:Name>{escape(name)}</cbc:Name><cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent>
<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:ClassifiedTaxCategory></cac:Item>
<cac:Price><cbc:PriceAmount currencyID="{currency}">{price}</cbc:PriceAmount></cac:Price></cac:InvoiceLine>"""
        for index, (name, quantity, price, line_net) in enumerate(nets, start=1)
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
<cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
<cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
<cbc:ID>{escape(number)}</cbc:ID>
<cbc:IssueDate>{issue_date.isoformat()}</cbc:IssueDate>
<cbc:DueDate>{due_date.isoformat()}</cbc:DueDate>
<cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
<cbc:DocumentCurrencyCode>{currency}</cbc:DocumentCurrencyCode>
{references}
<cac:AccountingSupplierParty>{_party(seller, supplier=True)}</cac:AccountingSupplierParty>
<cac:AccountingCustomerParty>{_party(buyer, supplier=False)}</cac:AccountingCustomerParty>
<cac:PaymentMeans><cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
<cac:PayeeFinancialAccount><cbc:ID>12345678903</cbc:ID></cac:PayeeFinancialAccount></cac:PaymentMeans>
<cac:TaxTotal><cbc:TaxAmount currencyID="{currency}">{vat}</cbc:TaxAmount>
<cac:TaxSubtotal><cbc:TaxableAmount currencyID="{currency}">{net}</cbc:TaxableAmount>
<cbc:TaxAmount currencyID="{currency}">{vat}</cbc:TaxAmount>
<cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>25</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
</cac:TaxCategory></cac:TaxSubtotal></cac:TaxTotal>
<cac:LegalMonetaryTotal>
<cbc:LineExtensionAmount currencyID="{currency}">{net}</cbc:LineExtensionAmount>
<cbc:TaxExclusiveAmount currencyID="{currency}">{net}</cbc:TaxExclusiveAmount>
<cbc:TaxInclusiveAmount currencyID="{currency}">{net + vat}</cbc:TaxInclusiveAmount>
<cbc:PayableAmount currencyID="{currency}">{net + vat}</cbc:PayableAmount>
</cac:LegalMonetaryTotal>
{invoice_lines}
</Invoice>
""".encode()


def _party(party: SampleParty, *, supplier: bool) -> str:
    tax = (
        f"""<cac:PartyTaxScheme><cbc:CompanyID>NO{party.organisation_number}MVA</cbc:CompanyID>
<cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>"""
        if party.vat_registered and supplier
        else ""
    )
    contact = (
        f"<cac:Contact><cbc:ElectronicMail>{escape(party.email)}</cbc:ElectronicMail></cac:Contact>"
        if party.email
        else ""
    )
    return f"""<cac:Party>
<cbc:EndpointID schemeID="0192">{party.organisation_number}</cbc:EndpointID>
<cac:PartyName><cbc:Name>{escape(party.name)}</cbc:Name></cac:PartyName>
<cac:PostalAddress><cbc:StreetName>{escape(party.street)}</cbc:StreetName><cbc:CityName>{escape(party.city)}</cbc:CityName>
<cbc:PostalZone>{party.postal_code}</cbc:PostalZone><cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country>
</cac:PostalAddress>{tax}
<cac:PartyLegalEntity><cbc:RegistrationName>{escape(party.name)}</cbc:RegistrationName>
<cbc:CompanyID schemeID="0192">{party.organisation_number}</cbc:CompanyID></cac:PartyLegalEntity>{contact}
</cac:Party>"""
