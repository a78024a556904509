"""EN 16931 presence rules (BR-01 … BR-65): what an invoice or credit note must contain.

Each rule is evaluated where the schematron evaluates it: the document, each line, each allowance or charge, each
VAT breakdown … A rule whose context is absent passes (a document without a payee cannot break the payee rule).
"""

from __future__ import annotations

from portal.documents.rules._model import rule
from portal.documents.rules._ubl import (
    LINE_TAGS,
    Element,
    at,
    decimal,
    document,
    document_allowances,
    document_charges,
    document_periods,
    document_root,
    everywhere,
    exists,
    find,
    findall,
    has_reason,
    has_text,
    is_vat,
    line_allowances,
    line_charges,
    line_periods,
    lines,
    normalize_space,
    string_value,
    text,
    to_date,
    vat_breakdowns,
    vat_identifiers,
)

# The document


@rule(
    "BR-01",
    reads=("BT-24",),
    context=document,
    nb="Fakturaen må oppgi hvilken spesifikasjon den følger (spesifikasjons-ID).",
    sv="Fakturan måste ange vilken specifikation den följer (specifikations-ID).",
    en="The invoice must state which specification it follows (specification identifier).",
)
def has_specification_identifier(root: Element) -> bool:
    return has_text(root, "cbc:CustomizationID")


@rule(
    "BR-02",
    reads=("BT-1",),
    context=document,
    nb="Fakturaen må ha et fakturanummer.",
    sv="Fakturan måste ha ett fakturanummer.",
    en="The invoice must have an invoice number.",
)
def has_invoice_number(root: Element) -> bool:
    return has_text(root, "cbc:ID")


@rule(
    "BR-03",
    reads=("BT-2",),
    context=document,
    nb="Fakturaen må ha en fakturadato.",
    sv="Fakturan måste ha ett fakturadatum.",
    en="The invoice must have an issue date.",
)
def has_issue_date(root: Element) -> bool:
    return has_text(root, "cbc:IssueDate")


@rule(
    "BR-04",
    reads=("BT-3",),
    context=document,
    nb="Fakturaen må oppgi dokumenttype (fakturatypekode).",
    sv="Fakturan måste ange dokumenttyp (fakturatypkod).",
    en="The invoice must state its document type (invoice type code).",
)
def has_type_code(root: Element) -> bool:
    return has_text(root, "cbc:InvoiceTypeCode") or has_text(root, "cbc:CreditNoteTypeCode")


@rule(
    "BR-05",
    reads=("BT-5",),
    context=document,
    nb="Fakturaen må oppgi hvilken valuta den er i.",
    sv="Fakturan måste ange vilken valuta den är i.",
    en="The invoice must state its currency.",
)
def has_currency(root: Element) -> bool:
    return has_text(root, "cbc:DocumentCurrencyCode")


@rule(
    "BR-06",
    reads=("BT-27",),
    context=document,
    nb="Fakturaen må oppgi selgers juridiske navn.",
    sv="Fakturan måste ange säljarens juridiska namn.",
    en="The invoice must give the seller's legal name.",
)
def has_seller_name(root: Element) -> bool:
    return has_text(root, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName")


@rule(
    "BR-07",
    reads=("BT-44",),
    context=document,
    nb="Fakturaen må oppgi kjøpers juridiske navn.",
    sv="Fakturan måste ange köparens juridiska namn.",
    en="The invoice must give the buyer's legal name.",
)
def has_buyer_name(root: Element) -> bool:
    return has_text(root, "cac:AccountingCustomerParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName")


@rule(
    "BR-08",
    reads=("BG-5",),
    context=document,
    nb="Fakturaen må oppgi selgers postadresse.",
    sv="Fakturan måste ange säljarens postadress.",
    en="The invoice must give the seller's postal address.",
)
def has_seller_address(root: Element) -> bool:
    return exists(root, "cac:AccountingSupplierParty/cac:Party/cac:PostalAddress")


@rule(
    "BR-10",
    reads=("BG-8",),
    context=document,
    nb="Fakturaen må oppgi kjøpers postadresse.",
    sv="Fakturan måste ange köparens postadress.",
    en="The invoice must give the buyer's postal address.",
)
def has_buyer_address(root: Element) -> bool:
    return exists(root, "cac:AccountingCustomerParty/cac:Party/cac:PostalAddress")


@rule(
    "BR-16",
    reads=("BG-25",),
    context=document,
    nb="Fakturaen må ha minst én fakturalinje.",
    sv="Fakturan måste ha minst en fakturarad.",
    en="The invoice must have at least one invoice line.",
)
def has_lines(root: Element) -> bool:
    return any(child.tag in LINE_TAGS for child in root)


@rule(
    "BR-53",
    reads=("BT-6", "BT-111"),
    context=document,
    nb="Når fakturaen oppgir en egen valuta for mva-regnskapet, må den også oppgi total mva i den valutaen.",
    sv="När fakturan anger en egen valuta för momsredovisningen måste den också ange total moms i den valutan.",
    en="When the invoice names a VAT accounting currency, it must also give the total VAT in that currency.",
)
def has_vat_total_in_accounting_currency(root: Element) -> bool:
    tax_currencies = {tax_amount.get("currencyID") for tax_amount in everywhere(root, "cac:TaxTotal/cbc:TaxAmount")}
    return all(string_value(currency) in tax_currencies for currency in findall(root, "cbc:TaxCurrencyCode"))


# The parties


@rule(
    "BR-09",
    reads=("BT-40",),
    context=at("cac:AccountingSupplierParty/cac:Party/cac:PostalAddress"),
    nb="Selgers postadresse må ha en landkode.",
    sv="Säljarens postadress måste ha en landskod.",
    en="The seller's postal address must have a country code.",
)
def seller_address_has_country(address: Element) -> bool:
    return has_text(address, "cac:Country/cbc:IdentificationCode")


@rule(
    "BR-11",
    reads=("BT-55",),
    context=at("cac:AccountingCustomerParty/cac:Party/cac:PostalAddress"),
    nb="Kjøpers postadresse må ha en landkode.",
    sv="Köparens postadress måste ha en landskod.",
    en="The buyer's postal address must have a country code.",
)
def buyer_address_has_country(address: Element) -> bool:
    return has_text(address, "cac:Country/cbc:IdentificationCode")


@rule(
    "BR-62",
    reads=("BT-34",),
    context=at("cac:AccountingSupplierParty/cac:Party/cbc:EndpointID"),
    nb="Selgers elektroniske adresse må oppgi hvilket adresseregister den hører til.",
    sv="Säljarens elektroniska adress måste ange vilket adressregister den hör till.",
    en="The seller's electronic address must state which address scheme it belongs to.",
)
def seller_endpoint_has_scheme(endpoint: Element) -> bool:
    return endpoint.get("schemeID") is not None


@rule(
    "BR-63",
    reads=("BT-49",),
    context=at("cac:AccountingCustomerParty/cac:Party/cbc:EndpointID"),
    nb="Kjøpers elektroniske adresse må oppgi hvilket adresseregister den hører til.",
    sv="Köparens elektroniska adress måste ange vilket adressregister den hör till.",
    en="The buyer's electronic address must state which address scheme it belongs to.",
)
def buyer_endpoint_has_scheme(endpoint: Element) -> bool:
    return endpoint.get("schemeID") is not None


@rule(
    "BR-17",
    reads=("BG-10", "BT-59", "BT-60", "BT-28", "BT-29"),
    context=at("cac:PayeeParty"),
    nb="En betalingsmottaker må ha et navn, og bare oppgis når den er en annen enn selger.",
    sv="En betalningsmottagare måste ha ett namn och anges bara när den är en annan än säljaren.",
    en="A payee must have a name, and is only given when it is someone other than the seller.",
)
def payee_is_named_and_other_than_seller(payee: Element) -> bool:
    seller = find(document_root(payee), "cac:AccountingSupplierParty/cac:Party")
    name, identifier = "cac:PartyName/cbc:Name", "cac:PartyIdentification/cbc:ID"
    same_name = _values(payee, name) & _values(seller, name)
    same_identifier = _values(payee, identifier) & _values(seller, identifier)
    return exists(payee, name) and not same_name and not same_identifier


def _values(element: Element | None, path: str) -> set[str]:
    return set() if element is None else {string_value(found) for found in findall(element, path)}


@rule(
    "BR-18",
    reads=("BT-62",),
    context=at("cac:TaxRepresentativeParty"),
    nb="Selgers avgiftsrepresentant må ha et navn.",
    sv="Säljarens skatteombud måste ha ett namn.",
    en="The seller's tax representative must have a name.",
)
def tax_representative_has_name(representative: Element) -> bool:
    return has_text(representative, "cac:PartyName/cbc:Name")


@rule(
    "BR-19",
    reads=("BG-12",),
    context=at("cac:TaxRepresentativeParty"),
    nb="Selgers avgiftsrepresentant må ha en postadresse.",
    sv="Säljarens skatteombud måste ha en postadress.",
    en="The seller's tax representative must have a postal address.",
)
def tax_representative_has_address(representative: Element) -> bool:
    return exists(representative, "cac:PostalAddress")


@rule(
    "BR-20",
    reads=("BT-69",),
    context=at("cac:TaxRepresentativeParty/cac:PostalAddress"),
    nb="Postadressen til selgers avgiftsrepresentant må ha en landkode.",
    sv="Postadressen till säljarens skatteombud måste ha en landskod.",
    en="The postal address of the seller's tax representative must have a country code.",
)
def tax_representative_address_has_country(address: Element) -> bool:
    return has_text(address, "cac:Country/cbc:IdentificationCode")


@rule(
    "BR-56",
    reads=("BT-63",),
    context=at("cac:TaxRepresentativeParty"),
    nb="Selgers avgiftsrepresentant må ha et mva-nummer.",
    sv="Säljarens skatteombud måste ha ett momsregistreringsnummer.",
    en="The seller's tax representative must have a VAT identifier.",
)
def tax_representative_has_vat_identifier(representative: Element) -> bool:
    return bool(vat_identifiers(representative))


# The lines


@rule(
    "BR-21",
    reads=("BT-126",),
    context=lines,
    nb="Hver fakturalinje må ha et linjenummer.",
    sv="Varje fakturarad måste ha ett radnummer.",
    en="Each invoice line must have a line identifier.",
)
def line_has_identifier(line: Element) -> bool:
    return has_text(line, "cbc:ID")


@rule(
    "BR-22",
    reads=("BT-129",),
    context=lines,
    nb="Hver fakturalinje må oppgi fakturert mengde.",
    sv="Varje fakturarad måste ange fakturerad kvantitet.",
    en="Each invoice line must give the invoiced quantity.",
)
def line_has_quantity(line: Element) -> bool:
    return exists(line, "cbc:InvoicedQuantity") or exists(line, "cbc:CreditedQuantity")


@rule(
    "BR-23",
    reads=("BT-130",),
    context=lines,
    nb="Hver fakturalinje må oppgi måleenheten for mengden.",
    sv="Varje fakturarad måste ange måttenheten för kvantiteten.",
    en="Each invoice line must give the unit of measure of its quantity.",
)
def line_quantity_has_unit(line: Element) -> bool:
    quantities = findall(line, "cbc:InvoicedQuantity") + findall(line, "cbc:CreditedQuantity")
    return any(quantity.get("unitCode") is not None for quantity in quantities)


@rule(
    "BR-24",
    reads=("BT-131",),
    context=lines,
    nb="Hver fakturalinje må ha et nettobeløp.",
    sv="Varje fakturarad måste ha ett nettobelopp.",
    en="Each invoice line must have a net amount.",
)
def line_has_net_amount(line: Element) -> bool:
    return exists(line, "cbc:LineExtensionAmount")


@rule(
    "BR-25",
    reads=("BT-153",),
    context=lines,
    nb="Hver fakturalinje må ha et varenavn.",
    sv="Varje fakturarad måste ha ett artikelnamn.",
    en="Each invoice line must name the item.",
)
def line_has_item_name(line: Element) -> bool:
    return has_text(line, "cac:Item/cbc:Name")


@rule(
    "BR-26",
    reads=("BT-146",),
    context=lines,
    nb="Hver fakturalinje må ha en nettopris.",
    sv="Varje fakturarad måste ha ett nettopris.",
    en="Each invoice line must have a net price.",
)
def line_has_net_price(line: Element) -> bool:
    return exists(line, "cac:Price/cbc:PriceAmount")


@rule(
    "BR-27",
    reads=("BT-146",),
    context=lines,
    nb="Nettoprisen på en fakturalinje kan ikke være negativ.",
    sv="Nettopriset på en fakturarad får inte vara negativt.",
    en="The net price of an invoice line must not be negative.",
)
def line_net_price_is_not_negative(line: Element) -> bool:
    # As in the schematron, a line without a price fails here too (BR-26 names the cause).
    price = decimal(line, "cac:Price/cbc:PriceAmount")
    return price is not None and price >= 0


@rule(
    "BR-28",
    reads=("BT-148",),
    context=lines,
    nb="Bruttoprisen på en fakturalinje kan ikke være negativ.",
    sv="Bruttopriset på en fakturarad får inte vara negativt.",
    en="The gross price of an invoice line must not be negative.",
)
def line_gross_price_is_not_negative(line: Element) -> bool:
    if not exists(line, "cac:Price/cac:AllowanceCharge/cbc:BaseAmount"):
        return True
    gross_price = decimal(line, "cac:Price/cac:AllowanceCharge/cbc:BaseAmount")
    return gross_price is not None and gross_price >= 0


@rule(
    "BR-64",
    reads=("BT-157",),
    context=lambda root: [
        found for line in lines(root) for found in findall(line, "cac:Item/cac:StandardItemIdentification/cbc:ID")
    ],
    nb="Et standard vare-ID (for eksempel GTIN) må oppgi hvilket register det hører til.",
    sv="Ett standardartikelnummer (till exempel GTIN) måste ange vilket register det hör till.",
    en="A standard item identifier (such as a GTIN) must state which scheme it belongs to.",
)
def item_identifier_has_scheme(identifier: Element) -> bool:
    return identifier.get("schemeID") is not None


@rule(
    "BR-65",
    reads=("BT-158",),
    context=lambda root: [
        found
        for line in lines(root)
        for found in findall(line, "cac:Item/cac:CommodityClassification/cbc:ItemClassificationCode")
    ],
    nb="En vareklassifisering må oppgi hvilket klassifiseringssystem den hører til.",
    sv="En artikelklassificering måste ange vilket klassificeringssystem den hör till.",
    en="An item classification must state which classification scheme it belongs to.",
)
def item_classification_has_scheme(classification: Element) -> bool:
    return classification.get("listID") is not None


@rule(
    "BR-54",
    reads=("BT-160", "BT-161"),
    context=lambda root: everywhere(root, "cac:AdditionalItemProperty"),
    nb="En vareegenskap må ha både et navn og en verdi.",
    sv="En artikelegenskap måste ha både ett namn och ett värde.",
    en="An item attribute must have both a name and a value.",
)
def item_attribute_has_name_and_value(attribute: Element) -> bool:
    return exists(attribute, "cbc:Name") and exists(attribute, "cbc:Value")


# Periods


def _ends_on_or_after_start(period: Element) -> bool:
    start, end = find(period, "cbc:StartDate"), find(period, "cbc:EndDate")
    if start is None or end is None:
        return True
    start_date, end_date = to_date(string_value(start)), to_date(string_value(end))
    return start_date is not None and end_date is not None and end_date >= start_date


@rule(
    "BR-29",
    reads=("BT-73", "BT-74"),
    context=document_periods,
    nb="Faktureringsperioden kan ikke slutte før den begynner.",
    sv="Faktureringsperioden får inte sluta innan den börjar.",
    en="The invoicing period must not end before it starts.",
)
def document_period_in_order(period: Element) -> bool:
    return _ends_on_or_after_start(period)


@rule(
    "BR-30",
    reads=("BT-134", "BT-135"),
    context=line_periods,
    nb="Perioden på en fakturalinje kan ikke slutte før den begynner.",
    sv="Perioden på en fakturarad får inte sluta innan den börjar.",
    en="The period of an invoice line must not end before it starts.",
)
def line_period_in_order(period: Element) -> bool:
    return _ends_on_or_after_start(period)


# Allowances and charges


def _has_vat_category(allowance_or_charge: Element) -> bool:
    return any(
        is_vat(category) and exists(category, "cbc:ID") for category in findall(allowance_or_charge, "cac:TaxCategory")
    )


@rule(
    "BR-31",
    reads=("BT-92",),
    context=document_allowances,
    nb="En rabatt på dokumentnivå må ha et beløp.",
    sv="En rabatt på dokumentnivå måste ha ett belopp.",
    en="A document level allowance must have an amount.",
)
def document_allowance_has_amount(allowance: Element) -> bool:
    return exists(allowance, "cbc:Amount")


@rule(
    "BR-32",
    reads=("BT-95",),
    context=document_allowances,
    nb="En rabatt på dokumentnivå må ha en mva-kategori.",
    sv="En rabatt på dokumentnivå måste ha en momskategori.",
    en="A document level allowance must have a VAT category.",
)
def document_allowance_has_vat_category(allowance: Element) -> bool:
    return _has_vat_category(allowance)


@rule(
    "BR-33",
    reads=("BT-97", "BT-98"),
    context=document_allowances,
    nb="En rabatt på dokumentnivå må oppgi en årsak (tekst eller kode).",
    sv="En rabatt på dokumentnivå måste ange en orsak (text eller kod).",
    en="A document level allowance must give a reason (text or code).",
)
def document_allowance_has_reason(allowance: Element) -> bool:
    return has_reason(allowance)


@rule(
    "BR-36",
    reads=("BT-99",),
    context=document_charges,
    nb="Et tillegg på dokumentnivå må ha et beløp.",
    sv="Ett tillägg på dokumentnivå måste ha ett belopp.",
    en="A document level charge must have an amount.",
)
def document_charge_has_amount(charge: Element) -> bool:
    return exists(charge, "cbc:Amount")


@rule(
    "BR-37",
    reads=("BT-102",),
    context=document_charges,
    nb="Et tillegg på dokumentnivå må ha en mva-kategori.",
    sv="Ett tillägg på dokumentnivå måste ha en momskategori.",
    en="A document level charge must have a VAT category.",
)
def document_charge_has_vat_category(charge: Element) -> bool:
    return _has_vat_category(charge)


@rule(
    "BR-38",
    reads=("BT-104", "BT-105"),
    context=document_charges,
    nb="Et tillegg på dokumentnivå må oppgi en årsak (tekst eller kode).",
    sv="Ett tillägg på dokumentnivå måste ange en orsak (text eller kod).",
    en="A document level charge must give a reason (text or code).",
)
def document_charge_has_reason(charge: Element) -> bool:
    return has_reason(charge)


@rule(
    "BR-41",
    reads=("BT-136",),
    context=line_allowances,
    nb="En rabatt på en fakturalinje må ha et beløp.",
    sv="En rabatt på en fakturarad måste ha ett belopp.",
    en="An invoice line allowance must have an amount.",
)
def line_allowance_has_amount(allowance: Element) -> bool:
    return exists(allowance, "cbc:Amount")


@rule(
    "BR-42",
    reads=("BT-139", "BT-140"),
    context=line_allowances,
    nb="En rabatt på en fakturalinje må oppgi en årsak (tekst eller kode).",
    sv="En rabatt på en fakturarad måste ange en orsak (text eller kod).",
    en="An invoice line allowance must give a reason (text or code).",
)
def line_allowance_has_reason(allowance: Element) -> bool:
    return has_reason(allowance)


@rule(
    "BR-43",
    reads=("BT-141",),
    context=line_charges,
    nb="Et tillegg på en fakturalinje må ha et beløp.",
    sv="Ett tillägg på en fakturarad måste ha ett belopp.",
    en="An invoice line charge must have an amount.",
)
def line_charge_has_amount(charge: Element) -> bool:
    return exists(charge, "cbc:Amount")


@rule(
    "BR-44",
    reads=("BT-144", "BT-145"),
    context=line_charges,
    nb="Et tillegg på en fakturalinje må oppgi en årsak (tekst eller kode).",
    sv="Ett tillägg på en fakturarad måste ange en orsak (text eller kod).",
    en="An invoice line charge must give a reason (text or code).",
)
def line_charge_has_reason(charge: Element) -> bool:
    return has_reason(charge)


# Totals and the VAT breakdown


@rule(
    "BR-12",
    reads=("BT-106",),
    context=at("cac:LegalMonetaryTotal"),
    nb="Fakturaen må oppgi summen av linjenes nettobeløp.",
    sv="Fakturan måste ange summan av radernas nettobelopp.",
    en="The invoice must give the sum of the line net amounts.",
)
def totals_have_line_sum(totals: Element) -> bool:
    return exists(totals, "cbc:LineExtensionAmount")


@rule(
    "BR-13",
    reads=("BT-109",),
    context=at("cac:LegalMonetaryTotal"),
    nb="Fakturaen må oppgi totalbeløpet uten mva.",
    sv="Fakturan måste ange totalbeloppet exklusive moms.",
    en="The invoice must give the total amount without VAT.",
)
def totals_have_amount_without_vat(totals: Element) -> bool:
    return exists(totals, "cbc:TaxExclusiveAmount")


@rule(
    "BR-14",
    reads=("BT-112",),
    context=at("cac:LegalMonetaryTotal"),
    nb="Fakturaen må oppgi totalbeløpet med mva.",
    sv="Fakturan måste ange totalbeloppet inklusive moms.",
    en="The invoice must give the total amount with VAT.",
)
def totals_have_amount_with_vat(totals: Element) -> bool:
    return exists(totals, "cbc:TaxInclusiveAmount")


@rule(
    "BR-15",
    reads=("BT-115",),
    context=at("cac:LegalMonetaryTotal"),
    nb="Fakturaen må oppgi beløpet som skal betales.",
    sv="Fakturan måste ange beloppet att betala.",
    en="The invoice must give the amount due for payment.",
)
def totals_have_amount_due(totals: Element) -> bool:
    return exists(totals, "cbc:PayableAmount")


@rule(
    "BR-45",
    reads=("BT-116",),
    context=vat_breakdowns,
    nb="Hver linje i mva-spesifikasjonen må ha et grunnlag (beløpet mva beregnes av).",
    sv="Varje rad i momsspecifikationen måste ha ett beskattningsunderlag.",
    en="Each VAT breakdown must give the taxable amount.",
)
def breakdown_has_taxable_amount(breakdown: Element) -> bool:
    return exists(breakdown, "cbc:TaxableAmount")


@rule(
    "BR-46",
    reads=("BT-117",),
    context=vat_breakdowns,
    nb="Hver linje i mva-spesifikasjonen må ha et mva-beløp.",
    sv="Varje rad i momsspecifikationen måste ha ett momsbelopp.",
    en="Each VAT breakdown must give the VAT amount.",
)
def breakdown_has_tax_amount(breakdown: Element) -> bool:
    return exists(breakdown, "cbc:TaxAmount")


@rule(
    "BR-47",
    reads=("BT-118",),
    context=vat_breakdowns,
    nb="Hver linje i mva-spesifikasjonen må ha en mva-kategori.",
    sv="Varje rad i momsspecifikationen måste ha en momskategori.",
    en="Each VAT breakdown must have a VAT category.",
)
def breakdown_has_category(breakdown: Element) -> bool:
    return _has_vat_category(breakdown)


@rule(
    "BR-48",
    reads=("BT-119",),
    context=vat_breakdowns,
    nb="Hver linje i mva-spesifikasjonen må ha en mva-sats, unntatt når fakturaen er utenfor mva-området.",
    sv="Varje rad i momsspecifikationen måste ha en momssats, utom när fakturan ligger utanför momsens område.",
    en="Each VAT breakdown must have a VAT rate, except when the invoice is not subject to VAT.",
)
def breakdown_has_rate(breakdown: Element) -> bool:
    categories = [category for category in findall(breakdown, "cac:TaxCategory") if is_vat(category)]
    return any(exists(category, "cbc:Percent") or text(category, "cbc:ID") == "O" for category in categories)


# Payment


@rule(
    "BR-49",
    reads=("BT-81",),
    context=at("cac:PaymentMeans"),
    nb="En betalingsinstruks må oppgi betalingsmåte (kode).",
    sv="En betalningsinstruktion måste ange betalningssätt (kod).",
    en="A payment instruction must give the payment means (code).",
)
def payment_means_has_code(payment_means: Element) -> bool:
    return exists(payment_means, "cbc:PaymentMeansCode")


def _credit_transfer_accounts(root: Element) -> list[Element]:
    """The payee's accounts of payment means that are credit transfers (30) or SEPA credit transfers (58)."""
    return [
        account
        for payment_means in findall(root, "cac:PaymentMeans")
        if {"30", "58"} & {string_value(found) for found in findall(payment_means, "cbc:PaymentMeansCode")}
        for account in findall(payment_means, "cac:PayeeFinancialAccount")
    ]


@rule(
    "BR-50",
    reads=("BT-84",),
    context=_credit_transfer_accounts,
    nb="Ved bankoverføring må mottakerkontoen ha et kontonummer.",
    sv="Vid kontoöverföring måste mottagarkontot ha ett kontonummer.",
    en="For a credit transfer, the payee's account must have an account number.",
)
def credit_transfer_account_has_identifier(account: Element) -> bool:
    return has_text(account, "cbc:ID")


@rule(
    "BR-61",
    reads=("BT-81", "BT-84"),
    context=at("cac:PaymentMeans"),
    nb="Ved bankoverføring må fakturaen oppgi kontonummeret det skal betales til.",
    sv="Vid kontoöverföring måste fakturan ange kontonumret som ska betalas till.",
    en="For a credit transfer, the invoice must give the account number to pay to.",
)
def credit_transfer_has_account(payment_means: Element) -> bool:
    if text(payment_means, "cbc:PaymentMeansCode") not in {"30", "58"}:
        return True
    return exists(payment_means, "cac:PayeeFinancialAccount/cbc:ID")


@rule(
    "BR-51",
    reads=("BT-87",),
    context=at("cac:PaymentMeans/cac:CardAccount/cbc:PrimaryAccountNumberID"),
    nb="Av sikkerhetshensyn bør fakturaen ikke vise hele kortnummeret, høyst de første 6 og de siste 4 sifrene.",
    sv="Av säkerhetsskäl bör fakturan inte visa hela kortnumret, högst de första 6 och de sista 4 siffrorna.",
    en="For security, the invoice should not show the full card number, at most its first 6 and last 4 digits.",
    severity="warning",
)
def card_number_is_masked(card_number: Element) -> bool:
    return len(normalize_space(string_value(card_number))) <= 10


# References and delivery


@rule(
    "BR-52",
    reads=("BT-122",),
    context=at("cac:AdditionalDocumentReference"),
    nb="Et vedlagt eller referert tilleggsdokument må ha en referanse (dokument-ID).",
    sv="Ett bifogat eller refererat tilläggsdokument måste ha en referens (dokument-ID).",
    en="A supporting document must have a reference (document identifier).",
)
def supporting_document_has_reference(reference: Element) -> bool:
    return has_text(reference, "cbc:ID")


@rule(
    "BR-55",
    reads=("BT-25",),
    context=at("cac:BillingReference"),
    nb="En henvisning til en tidligere faktura må oppgi fakturanummeret.",
    sv="En hänvisning till en tidigare faktura måste ange fakturanumret.",
    en="A reference to a preceding invoice must give that invoice's number.",
)
def preceding_invoice_has_number(reference: Element) -> bool:
    return exists(reference, "cac:InvoiceDocumentReference/cbc:ID")


@rule(
    "BR-57",
    reads=("BT-80",),
    context=lambda root: everywhere(root, "cac:Delivery/cac:DeliveryLocation/cac:Address"),
    nb="En leveringsadresse må ha en landkode.",
    sv="En leveransadress måste ha en landskod.",
    en="A delivery address must have a country code.",
)
def delivery_address_has_country(address: Element) -> bool:
    return exists(address, "cac:Country/cbc:IdentificationCode")
