"""EN 16931 calculation and consistency rules (BR-CO): totals that must add up, and terms that go together.

Sums are compared as the schematron compares them: exact decimals, the computed side rounded to cents with XPath's
`round()` (halves towards positive infinity), and the stated side taken as it is written.
"""

from __future__ import annotations

from decimal import Decimal

from portal.documents.rules._model import rule
from portal.documents.rules._ubl import (
    Element,
    allowance_charges,
    at,
    cents,
    decimal,
    decimals,
    document,
    document_allowances,
    document_charges,
    document_periods,
    document_root,
    everywhere,
    exists,
    findall,
    has_reason,
    is_vat,
    line_allowances,
    line_charges,
    line_periods,
    lines,
    string_value,
    to_decimal,
    total,
    vat_breakdowns,
    xpath_round,
)

# ISO 3166-1 alpha-2 as the schematron lists it, with EL for Greece, XI for Northern Ireland and 1A for Kosovo.
_ISO_3166 = """
    1A AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ
    CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH EL ER ES ET FI FJ FK FM FO
    FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM
    JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ
    MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE
    RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT
    TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS XI YE YT ZA ZM ZW
"""
COUNTRY_CODES = frozenset(_ISO_3166.split())


def _amounts(elements: list[Element]) -> Decimal:
    return total(amount for element in elements for amount in decimals(element, "cbc:Amount"))


# The document totals (BG-22)


@rule(
    "BR-CO-10",
    reads=("BT-106", "BT-131"),
    context=at("cac:LegalMonetaryTotal"),
    nb="Summen av linjenes nettobeløp må stemme med nettobeløpene på fakturalinjene lagt sammen.",
    sv="Summan av radernas nettobelopp måste stämma med fakturaradernas nettobelopp sammanlagda.",
    en="The sum of line net amounts must equal the net amounts of the invoice lines added up.",
)
def line_total_adds_up(totals: Element) -> bool:
    stated = decimal(totals, "cbc:LineExtensionAmount")
    line_amounts = [
        amount for line in lines(document_root(totals)) for amount in decimals(line, "cbc:LineExtensionAmount")
    ]
    return stated is not None and stated == cents(total(line_amounts))


@rule(
    "BR-CO-11",
    reads=("BT-107", "BT-92"),
    context=at("cac:LegalMonetaryTotal"),
    nb="Summen av rabatter på dokumentnivå må stemme med rabattene lagt sammen.",
    sv="Summan av rabatter på dokumentnivå måste stämma med rabatterna sammanlagda.",
    en="The sum of document level allowances must equal the allowances added up.",
)
def allowance_total_adds_up(totals: Element) -> bool:
    return _stated_total_adds_up(totals, "cbc:AllowanceTotalAmount", charge=False)


@rule(
    "BR-CO-12",
    reads=("BT-108", "BT-99"),
    context=at("cac:LegalMonetaryTotal"),
    nb="Summen av tillegg på dokumentnivå må stemme med tilleggene lagt sammen.",
    sv="Summan av tillägg på dokumentnivå måste stämma med tilläggen sammanlagda.",
    en="The sum of document level charges must equal the charges added up.",
)
def charge_total_adds_up(totals: Element) -> bool:
    return _stated_total_adds_up(totals, "cbc:ChargeTotalAmount", charge=True)


def _stated_total_adds_up(totals: Element, path: str, *, charge: bool) -> bool:
    parent = totals.getparent()
    found = [] if parent is None else allowance_charges(parent, charge=charge)
    if not exists(totals, path) and not found:
        return True
    stated = decimal(totals, path)
    return stated is not None and stated == cents(_amounts(found))


@rule(
    "BR-CO-13",
    reads=("BT-109", "BT-106", "BT-107", "BT-108"),
    context=at("cac:LegalMonetaryTotal"),
    nb="Totalbeløpet uten mva må være summen av linjenes nettobeløp minus rabatter og pluss tillegg på dokumentnivå.",
    sv="Totalbeloppet exklusive moms måste vara summan av radernas nettobelopp minus rabatter och plus tillägg på "
    "dokumentnivå.",
    en="The total without VAT must equal the sum of line net amounts minus document level allowances plus document "
    "level charges.",
)
def total_without_vat_adds_up(totals: Element) -> bool:
    stated = decimal(totals, "cbc:TaxExclusiveAmount")
    line_total = decimal(totals, "cbc:LineExtensionAmount")
    if stated is None or line_total is None:
        return False
    has_charges, has_allowances = exists(totals, "cbc:ChargeTotalAmount"), exists(totals, "cbc:AllowanceTotalAmount")
    if not has_charges and not has_allowances:
        return stated == line_total  # compared as written: the schematron rounds only a computed sum
    charges = decimal(totals, "cbc:ChargeTotalAmount") if has_charges else Decimal(0)
    allowances = decimal(totals, "cbc:AllowanceTotalAmount") if has_allowances else Decimal(0)
    return charges is not None and allowances is not None and stated == cents(line_total + charges - allowances)


@rule(
    "BR-CO-15",
    reads=("BT-112", "BT-109", "BT-110"),
    context=document,
    nb="Totalbeløpet med mva må være totalbeløpet uten mva pluss total mva, oppgitt én gang i fakturavalutaen.",
    sv="Totalbeloppet inklusive moms måste vara totalbeloppet exklusive moms plus total moms, angiven en gång i "
    "fakturavalutan.",
    en="The total with VAT must equal the total without VAT plus the total VAT, given once in the invoice currency.",
)
def total_with_vat_adds_up(root: Element) -> bool:
    return all(_adds_up_in(root, string_value(currency)) for currency in findall(root, "cbc:DocumentCurrencyCode"))


def _adds_up_in(root: Element, currency: str) -> bool:
    vat_totals = [
        amount for amount in findall(root, "cac:TaxTotal/cbc:TaxAmount") if amount.get("currencyID") == currency
    ]
    if len(vat_totals) != 1:
        return False
    vat_total = to_decimal(string_value(vat_totals[0]))
    with_vat = decimal(root, "cac:LegalMonetaryTotal/cbc:TaxInclusiveAmount")
    without_vat = decimal(root, "cac:LegalMonetaryTotal/cbc:TaxExclusiveAmount")
    if vat_total is None or with_vat is None or without_vat is None:
        return False
    return with_vat == cents(without_vat + vat_total)


@rule(
    "BR-CO-16",
    reads=("BT-115", "BT-112", "BT-113", "BT-114"),
    context=at("cac:LegalMonetaryTotal"),
    nb="Beløpet å betale må være totalbeløpet med mva minus forskuddsbetalt beløp pluss eventuell avrunding.",
    sv="Beloppet att betala måste vara totalbeloppet inklusive moms minus förskottsbetalt belopp plus eventuell "
    "avrundning.",
    en="The amount due must equal the total with VAT minus any amount paid in advance plus any rounding amount.",
)
def amount_due_adds_up(totals: Element) -> bool:
    due, with_vat = decimal(totals, "cbc:PayableAmount"), decimal(totals, "cbc:TaxInclusiveAmount")
    if due is None or with_vat is None:
        return False
    due_before_rounding = with_vat
    if exists(totals, "cbc:PrepaidAmount"):
        prepaid = decimal(totals, "cbc:PrepaidAmount")
        if prepaid is None:
            return False
        due_before_rounding = cents(with_vat - prepaid)
    if exists(totals, "cbc:PayableRoundingAmount"):
        rounding = decimal(totals, "cbc:PayableRoundingAmount")
        return rounding is not None and cents(due - rounding) == due_before_rounding
    return due == due_before_rounding


# The VAT breakdown (BG-23)


@rule(
    "BR-CO-14",
    reads=("BT-110", "BT-117"),
    context=at("cac:TaxTotal"),
    nb="Total mva må stemme med mva-beløpene i mva-spesifikasjonen lagt sammen.",
    sv="Total moms måste stämma med momsbeloppen i momsspecifikationen sammanlagda.",
    en="The total VAT must equal the VAT amounts of the VAT breakdown added up.",
)
def vat_total_adds_up(vat_total: Element) -> bool:
    breakdowns = findall(vat_total, "cac:TaxSubtotal")
    if not breakdowns:
        return True
    stated = decimal(vat_total, "cbc:TaxAmount")
    breakdown_amounts = [amount for breakdown in breakdowns for amount in decimals(breakdown, "cbc:TaxAmount")]
    return stated is not None and stated == cents(total(breakdown_amounts))


@rule(
    "BR-CO-17",
    reads=("BT-117", "BT-116", "BT-119"),
    context=vat_breakdowns,
    nb="Mva-beløpet på hver linje i mva-spesifikasjonen må være grunnlaget ganger mva-satsen, avrundet til to "
    "desimaler.",
    sv="Momsbeloppet på varje rad i momsspecifikationen måste vara beskattningsunderlaget gånger momssatsen, avrundat "
    "till två decimaler.",
    en="The VAT amount of each VAT breakdown must equal its taxable amount times its VAT rate, rounded to two "
    "decimals.",
)
def breakdown_vat_is_rate_of_taxable_amount(breakdown: Element) -> bool:
    vat = decimal(breakdown, "cbc:TaxAmount")
    if vat is None:
        return False
    rates = [
        rate
        for category in findall(breakdown, "cac:TaxCategory")
        if is_vat(category)
        for rate in decimals(category, "cbc:Percent")
    ]
    # The schematron rounds the rate to a whole percent to tell a zero rate from the others.
    if not rates or xpath_round(rates[0]) == 0:
        return xpath_round(vat) == 0
    taxable = decimal(breakdown, "cbc:TaxableAmount")
    if taxable is None:
        return False
    # A tolerance of one unit either way, as in the schematron (the rounding is done per line in some countries).
    return abs(abs(vat) - cents(abs(taxable) * rates[0] / 100)) < 1


@rule(
    "BR-CO-18",
    reads=("BG-23",),
    context=document,
    nb="Fakturaen må ha en mva-spesifikasjon.",
    sv="Fakturan måste ha en momsspecifikation.",
    en="The invoice must have a VAT breakdown.",
)
def has_vat_breakdown(root: Element) -> bool:
    return exists(root, "cac:TaxTotal/cac:TaxSubtotal")


# Terms that go together


@rule(
    "BR-CO-03",
    reads=("BT-7", "BT-8"),
    context=document,
    nb="Fakturaen kan oppgi enten dato for avgiftsplikt eller kode for når avgiftsplikten inntrer, ikke begge.",
    sv="Fakturan får ange antingen datum för skattskyldighet eller kod för när skattskyldigheten inträder, inte båda.",
    en="The invoice may give either the VAT point date or the VAT point date code, not both.",
)
def vat_point_date_or_code(root: Element) -> bool:
    return not (exists(root, "cbc:TaxPointDate") and exists(root, "cac:InvoicePeriod/cbc:DescriptionCode"))


@rule(
    "BR-CO-04",
    reads=("BT-151",),
    context=lines,
    nb="Hver fakturalinje må ha en mva-kategori.",
    sv="Varje fakturarad måste ha en momskategori.",
    en="Each invoice line must have a VAT category.",
)
def line_has_vat_category(line: Element) -> bool:
    return any(
        is_vat(category) and exists(category, "cbc:ID")
        for category in findall(line, "cac:Item/cac:ClassifiedTaxCategory")
    )


@rule(
    "BR-CO-09",
    reads=("BT-31", "BT-63", "BT-48"),
    context=lambda root: [scheme for scheme in everywhere(root, "cac:PartyTaxScheme") if is_vat(scheme)],
    nb="Et mva-nummer må begynne med landkoden til landet som har utstedt det (Hellas kan bruke EL).",
    sv="Ett momsregistreringsnummer måste börja med landskoden för landet som utfärdat det (Grekland får använda EL).",
    en="A VAT identifier must begin with the code of the country that issued it (Greece may use EL).",
)
def vat_identifier_has_country_prefix(scheme: Element) -> bool:
    identifiers = findall(scheme, "cbc:CompanyID")
    # A missing identifier is not this rule's concern (the schematron's substring lookup lets it pass too).
    return not identifiers or string_value(identifiers[0])[:2] in COUNTRY_CODES


@rule(
    "BR-CO-19",
    reads=("BG-14", "BT-73", "BT-74"),
    context=document_periods,
    nb="En faktureringsperiode må ha en startdato eller en sluttdato (eller en kode for når avgiftsplikten inntrer).",
    sv="En faktureringsperiod måste ha ett startdatum eller ett slutdatum (eller en kod för när skattskyldigheten "
    "inträder).",
    en="An invoicing period must give a start date or an end date (or a VAT point date code).",
)
def document_period_has_dates(period: Element) -> bool:
    return any(exists(period, path) for path in ("cbc:StartDate", "cbc:EndDate", "cbc:DescriptionCode"))


@rule(
    "BR-CO-20",
    reads=("BG-26", "BT-134", "BT-135"),
    context=line_periods,
    nb="Perioden på en fakturalinje må ha en startdato, en sluttdato eller begge.",
    sv="Perioden på en fakturarad måste ha ett startdatum, ett slutdatum eller båda.",
    en="The period of an invoice line must give a start date, an end date or both.",
)
def line_period_has_dates(period: Element) -> bool:
    return exists(period, "cbc:StartDate") or exists(period, "cbc:EndDate")


@rule(
    "BR-CO-21",
    reads=("BG-20", "BT-97", "BT-98"),
    context=document_allowances,
    nb="En rabatt på dokumentnivå må oppgi en årsak som tekst, som kode eller begge.",
    sv="En rabatt på dokumentnivå måste ange en orsak som text, som kod eller båda.",
    en="A document level allowance must give a reason as text, as a code, or both.",
)
def document_allowance_gives_reason(allowance: Element) -> bool:
    return has_reason(allowance)


@rule(
    "BR-CO-22",
    reads=("BG-21", "BT-104", "BT-105"),
    context=document_charges,
    nb="Et tillegg på dokumentnivå må oppgi en årsak som tekst, som kode eller begge.",
    sv="Ett tillägg på dokumentnivå måste ange en orsak som text, som kod eller båda.",
    en="A document level charge must give a reason as text, as a code, or both.",
)
def document_charge_gives_reason(charge: Element) -> bool:
    return has_reason(charge)


@rule(
    "BR-CO-23",
    reads=("BG-27", "BT-139", "BT-140"),
    context=line_allowances,
    nb="En rabatt på en fakturalinje må oppgi en årsak som tekst, som kode eller begge.",
    sv="En rabatt på en fakturarad måste ange en orsak som text, som kod eller båda.",
    en="An invoice line allowance must give a reason as text, as a code, or both.",
)
def line_allowance_gives_reason(allowance: Element) -> bool:
    return has_reason(allowance)


@rule(
    "BR-CO-24",
    reads=("BG-28", "BT-144", "BT-145"),
    context=line_charges,
    nb="Et tillegg på en fakturalinje må oppgi en årsak som tekst, som kode eller begge.",
    sv="Ett tillägg på en fakturarad måste ange en orsak som text, som kod eller båda.",
    en="An invoice line charge must give a reason as text, as a code, or both.",
)
def line_charge_gives_reason(charge: Element) -> bool:
    return has_reason(charge)


@rule(
    "BR-CO-26",
    reads=("BT-29", "BT-30", "BT-31"),
    context=at("cac:AccountingSupplierParty"),
    nb="Selgeren må kunne identifiseres: oppgi selgers ID, organisasjonsnummer eller mva-nummer.",
    sv="Säljaren måste kunna identifieras: ange säljarens ID, organisationsnummer eller momsregistreringsnummer.",
    en="The seller must be identifiable: give the seller identifier, legal registration number or VAT identifier.",
)
def seller_is_identified(seller: Element) -> bool:
    has_vat_identifier = any(
        is_vat(scheme) and exists(scheme, "cbc:CompanyID") for scheme in findall(seller, "cac:Party/cac:PartyTaxScheme")
    )
    # A SEPA creditor identifier is given as a party identifier too, but does not identify the seller.
    has_seller_identifier = any(
        identifier.get("schemeID") != "SEPA"
        for identifier in findall(seller, "cac:Party/cac:PartyIdentification/cbc:ID")
    )
    return has_vat_identifier or has_seller_identifier or exists(seller, "cac:Party/cac:PartyLegalEntity/cbc:CompanyID")
