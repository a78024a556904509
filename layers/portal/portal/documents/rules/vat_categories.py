"""EN 16931 VAT category rules: BR-S (standard rate), BR-Z, BR-E, BR-AE, BR-IC, BR-G, BR-O, BR-AF (IGIC), BR-AG (IPSI).

The standard repeats one set of rules for each VAT category (UNCL5305 code), numbered alike:

- 01: the VAT breakdown has the category when lines, allowances or charges use it;
- 02–04: a line, allowance or charge in the category needs (or, for "not subject to VAT", forbids) VAT identifiers;
- 05–07: the VAT rate a line, allowance or charge in the category must have;
- 08: the breakdown's taxable amount adds up the line net amounts, charges and allowances in the category;
- 09: the breakdown's VAT amount is zero, or the taxable amount times the rate for the categories that have rates;
- 10: the breakdown must, or must not, give an exemption reason.

So they are written once here, as templates, and `CATEGORIES` says how each category differs; a reviewer reads a
template once and a category's row against the standard's text. Rules only some categories have (BR-IC-11/12,
BR-O-11…14) are written out after the templates. (BR-AF and BR-AG were called BR-IG and BR-IP before release 1.3.)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum

from portal.documents.rules._model import Context, rule
from portal.documents.rules._ubl import (
    Element,
    allowance_charge_vat_categories,
    allowance_charges,
    cents,
    code,
    decimal,
    decimals,
    document,
    document_root,
    document_vat_categories,
    everywhere,
    exists,
    find,
    findall,
    has_children,
    is_vat,
    line_vat_categories,
    lines,
    string_value,
    total,
    vat_identifiers,
)


@dataclass(frozen=True)
class Wording:
    nb: str
    sv: str
    en: str


class Rate(Enum):
    """The VAT rate a line, allowance or charge in the category must have (rules 05–07)."""

    ABOVE_ZERO = Wording(nb="en mva-sats over null", sv="en momssats över noll", en="a VAT rate above zero")
    ZERO = Wording(nb="mva-sats 0 %", sv="momssats 0 %", en="a VAT rate of 0 %")
    ZERO_OR_MORE = Wording(
        nb="en mva-sats på null eller mer", sv="en momssats på noll eller mer", en="a VAT rate of zero or more"
    )
    NONE = Wording(nb="ingen mva-sats", sv="ingen momssats", en="no VAT rate")

    def allows(self, category: Element) -> bool:
        if self is Rate.NONE:
            return not exists(category, "cbc:Percent")
        rate = decimal(category, "cbc:Percent")
        if rate is None:
            return False
        if self is Rate.ABOVE_ZERO:
            return rate > 0
        if self is Rate.ZERO:
            return rate == 0
        return rate >= 0


# Who must be identified by a VAT identifier (rules 02–04).


def _seller_party(root: Element) -> Element | None:
    return find(root, "cac:AccountingSupplierParty/cac:Party")


def _buyer_party(root: Element) -> Element | None:
    return find(root, "cac:AccountingCustomerParty/cac:Party")


def _has_vat_identifier(party: Element | None) -> bool:
    return party is not None and bool(vat_identifiers(party))


def _representative_has_vat_identifier(root: Element) -> bool:
    return _has_vat_identifier(find(root, "cac:TaxRepresentativeParty"))


def _seller_has_tax_registration(root: Element) -> bool:
    """The seller's VAT identifier (BT-31) or tax registration identifier (BT-32): any party tax scheme counts."""
    return exists(root, "cac:AccountingSupplierParty/cac:Party/cac:PartyTaxScheme/cbc:CompanyID")


def _seller_registered(root: Element) -> bool:
    return _seller_has_tax_registration(root) or _representative_has_vat_identifier(root)


def _seller_vat_registered(root: Element) -> bool:
    return _has_vat_identifier(_seller_party(root)) or _representative_has_vat_identifier(root)


def _buyer_identified(root: Element) -> bool:
    buyer = _buyer_party(root)
    return _has_vat_identifier(buyer) or (buyer is not None and exists(buyer, "cac:PartyLegalEntity/cbc:CompanyID"))


def _no_vat_identifiers(root: Element) -> bool:
    return not (
        _has_vat_identifier(_seller_party(root))
        or _representative_has_vat_identifier(root)
        or _has_vat_identifier(_buyer_party(root))
    )


@dataclass(frozen=True)
class Identification:
    """What rules 02–04 demand of the parties when the category is used, worded to follow "When …, "."""

    test: Callable[[Element], bool]
    reads: tuple[str, ...]
    wording: Wording


SELLER_REGISTERED = Identification(
    test=_seller_registered,
    reads=("BT-31", "BT-32", "BT-63"),
    wording=Wording(
        nb="må fakturaen oppgi selgers mva-nummer eller skatteregistreringsnummer, eller avgiftsrepresentantens "
        "mva-nummer",
        sv="måste fakturan ange säljarens momsregistreringsnummer eller skatteregistreringsnummer, eller "
        "skatteombudets momsregistreringsnummer",
        en="the invoice must give the seller's VAT identifier or tax registration number, or the tax "
        "representative's VAT identifier",
    ),
)
SELLER_AND_BUYER_REGISTERED = Identification(
    test=lambda root: _seller_registered(root) and _buyer_identified(root),
    reads=("BT-31", "BT-32", "BT-63", "BT-48", "BT-47"),
    wording=Wording(
        nb="må fakturaen oppgi selgers mva-nummer eller skatteregistreringsnummer (eller avgiftsrepresentantens "
        "mva-nummer) og kjøpers mva-nummer eller organisasjonsnummer",
        sv="måste fakturan ange säljarens momsregistreringsnummer eller skatteregistreringsnummer (eller "
        "skatteombudets momsregistreringsnummer) och köparens momsregistreringsnummer eller organisationsnummer",
        en="the invoice must give the seller's VAT identifier or tax registration number (or the tax "
        "representative's VAT identifier) and the buyer's VAT identifier or legal registration number",
    ),
)
SELLER_VAT_REGISTERED = Identification(
    test=_seller_vat_registered,
    reads=("BT-31", "BT-63"),
    wording=Wording(
        nb="må fakturaen oppgi selgers eller avgiftsrepresentantens mva-nummer",
        sv="måste fakturan ange säljarens eller skatteombudets momsregistreringsnummer",
        en="the invoice must give the seller's or the tax representative's VAT identifier",
    ),
)
SELLER_AND_BUYER_VAT_REGISTERED = Identification(
    test=lambda root: _seller_vat_registered(root) and _has_vat_identifier(_buyer_party(root)),
    reads=("BT-31", "BT-63", "BT-48"),
    wording=Wording(
        nb="må fakturaen oppgi selgers (eller avgiftsrepresentantens) mva-nummer og kjøpers mva-nummer",
        sv="måste fakturan ange säljarens (eller skatteombudets) momsregistreringsnummer och köparens "
        "momsregistreringsnummer",
        en="the invoice must give the seller's (or the tax representative's) VAT identifier and the buyer's VAT "
        "identifier",
    ),
)
NO_VAT_IDENTIFIERS = Identification(
    test=_no_vat_identifiers,
    reads=("BT-31", "BT-63", "BT-48"),
    wording=Wording(
        nb="kan fakturaen ikke oppgi mva-nummer for selger, avgiftsrepresentant eller kjøper",
        sv="får fakturan inte ange momsregistreringsnummer för säljare, skatteombud eller köpare",
        en="the invoice must not give a VAT identifier for the seller, the tax representative or the buyer",
    ),
)


@dataclass(frozen=True)
class Category:
    code: str
    """The UNCL5305 VAT category code."""
    prefix: str
    name: Wording
    rate: Rate
    identification: Identification
    by_rate: bool
    """The category has rates: one breakdown per rate, with a VAT amount computed from it."""
    exemption_reason: bool
    """The breakdown must give an exemption reason (when True) or must not (when False)."""


CATEGORIES = (
    Category(
        code="S",
        prefix="BR-S",
        name=Wording(nb="standard sats", sv="standardmoms", en="standard rate"),
        rate=Rate.ABOVE_ZERO,
        identification=SELLER_REGISTERED,
        by_rate=True,
        exemption_reason=False,
    ),
    Category(
        code="Z",
        prefix="BR-Z",
        name=Wording(nb="nullsats", sv="nollskattesats", en="zero rated"),
        rate=Rate.ZERO,
        identification=SELLER_REGISTERED,
        by_rate=False,
        exemption_reason=False,
    ),
    Category(
        code="E",
        prefix="BR-E",
        name=Wording(nb="unntatt fra mva", sv="undantagen från moms", en="exempt from VAT"),
        rate=Rate.ZERO,
        identification=SELLER_REGISTERED,
        by_rate=False,
        exemption_reason=True,
    ),
    Category(
        code="AE",
        prefix="BR-AE",
        name=Wording(nb="omvendt avgiftsplikt", sv="omvänd betalningsskyldighet", en="reverse charge"),
        rate=Rate.ZERO,
        identification=SELLER_AND_BUYER_REGISTERED,
        by_rate=False,
        exemption_reason=True,
    ),
    Category(
        code="K",
        prefix="BR-IC",
        name=Wording(nb="levering til annet EU-land", sv="unionsintern leverans", en="intra-community supply"),
        rate=Rate.ZERO,
        identification=SELLER_AND_BUYER_VAT_REGISTERED,
        by_rate=False,
        exemption_reason=True,
    ),
    Category(
        code="G",
        prefix="BR-G",
        name=Wording(nb="eksport ut av EU", sv="export utanför EU", en="export outside the EU"),
        rate=Rate.ZERO,
        identification=SELLER_VAT_REGISTERED,
        by_rate=False,
        exemption_reason=True,
    ),
    Category(
        code="O",
        prefix="BR-O",
        name=Wording(nb="utenfor mva-området", sv="utanför momsens tillämpningsområde", en="not subject to VAT"),
        rate=Rate.NONE,
        identification=NO_VAT_IDENTIFIERS,
        by_rate=False,
        exemption_reason=True,
    ),
    Category(
        code="L",
        prefix="BR-AF",
        name=Wording(nb="IGIC (Kanariøyene)", sv="IGIC (Kanarieöarna)", en="IGIC (Canary Islands)"),
        rate=Rate.ZERO_OR_MORE,
        identification=SELLER_REGISTERED,
        by_rate=True,
        exemption_reason=False,
    ),
    Category(
        code="M",
        prefix="BR-AG",
        name=Wording(nb="IPSI (Ceuta og Melilla)", sv="IPSI (Ceuta och Melilla)", en="IPSI (Ceuta and Melilla)"),
        rate=Rate.ZERO_OR_MORE,
        identification=SELLER_REGISTERED,
        by_rate=True,
        exemption_reason=False,
    ),
)


# Reading the categories


def _in(category_code: str, categories: list[Element]) -> list[Element]:
    return [category for category in categories if code(category) == category_code]


def _breakdowns_in(category_code: str) -> Context:
    return lambda root: _in(category_code, document_vat_categories(root))


def _used_anywhere(root: Element, category_code: str) -> bool:
    """Some VAT category (of a line, an allowance, a charge or a breakdown) anywhere in the document has the code."""
    categories = everywhere(root, "cac:TaxCategory") + everywhere(root, "cac:ClassifiedTaxCategory")
    return any(is_vat(category) for category in _in(category_code, categories))


def _used_by_lines_allowances_or_charges(root: Element, category_code: str) -> bool:
    used = line_vat_categories(root)
    used += allowance_charge_vat_categories(root, charge=False) + allowance_charge_vat_categories(root, charge=True)
    return bool(_in(category_code, used))


def _has_category(element: Element, path: str, category_code: str, rate: Decimal | None) -> bool:
    """The element's VAT category (at `path`) has the code and, when a rate is given, that rate."""
    categories = findall(element, path)
    return any(code(category) == category_code for category in categories) and (
        rate is None or any(value == rate for category in categories for value in decimals(category, "cbc:Percent"))
    )


def _net_amount_in(root: Element, category_code: str, rate: Decimal | None = None) -> Decimal:
    """Line net amounts plus document level charges minus document level allowances in the category (and rate)."""
    in_lines = [
        line for line in lines(root) if _has_category(line, "cac:Item/cac:ClassifiedTaxCategory", category_code, rate)
    ]
    in_charges, in_allowances = (
        [
            found
            for found in allowance_charges(root, charge=charge)
            if _has_category(found, "cac:TaxCategory", category_code, rate)
        ]
        for charge in (True, False)
    )
    line_amounts = [amount for line in in_lines for amount in decimals(line, "cbc:LineExtensionAmount")]
    return total(line_amounts) + _amounts(in_charges) - _amounts(in_allowances)


def _sold_at(root: Element, category_code: str, rate: Decimal) -> bool:
    """A line, allowance or charge has the category and the rate."""
    return any(
        _has_category(line, "cac:Item/cac:ClassifiedTaxCategory", category_code, rate) for line in lines(root)
    ) or any(
        _has_category(found, "cac:TaxCategory", category_code, rate)
        for found in everywhere(root, "cac:AllowanceCharge")
    )


def _amounts(elements: list[Element]) -> Decimal:
    return total(amount for element in elements for amount in decimals(element, "cbc:Amount"))


# The templates


def _quoted(name: Wording) -> Wording:
    return Wording(nb=f"«{name.nb}»", sv=f"”{name.sv}”", en=f'"{name.en}"')


def _capitalized(name: Wording) -> Wording:
    return Wording(
        nb=name.nb[:1].upper() + name.nb[1:], sv=name.sv[:1].upper() + name.sv[1:], en=name.en[:1].upper() + name.en[1:]
    )


def _breakdown_rule(category: Category) -> None:
    name = _quoted(category.name)
    if category.by_rate:
        wording = Wording(
            nb=f"Mva-spesifikasjonen må ha kategori {name.nb} når, og bare når, linjer, rabatter eller tillegg bruker "
            "den.",
            sv=f"Momsspecifikationen måste ha kategorin {name.sv} när, och bara när, rader, rabatter eller tillägg "
            "använder den.",
            en=f"The VAT breakdown must have VAT category {name.en} when, and only when, lines, allowances or "
            "charges use it.",
        )
    else:
        wording = Wording(
            nb=f"Når fakturaen bruker mva-kategori {name.nb}, må mva-spesifikasjonen ha nøyaktig én linje for den.",
            sv=f"När fakturan använder momskategori {name.sv}, måste momsspecifikationen ha exakt en rad för den.",
            en=f"When the invoice uses VAT category {name.en}, the VAT breakdown must have exactly one entry for it.",
        )

    @rule(
        f"{category.prefix}-01",
        reads=("BT-151", "BT-95", "BT-102", "BT-118"),
        context=document,
        nb=wording.nb,
        sv=wording.sv,
        en=wording.en,
    )
    def breakdown_has_category(root: Element) -> bool:
        in_breakdown = _in(category.code, document_vat_categories(root))
        if category.by_rate:
            return _used_by_lines_allowances_or_charges(root, category.code) == bool(in_breakdown)
        return not _used_anywhere(root, category.code) or len(in_breakdown) == 1


@dataclass(frozen=True)
class Holder:
    """What carries a VAT category of its own: an invoice line, a document level allowance or charge."""

    name: Wording
    identification_rule: str
    rate_rule: str
    reads: tuple[str, str]
    """The terms of its VAT category code and VAT rate."""
    categories: Callable[[Element], list[Element]]


HOLDERS = (
    Holder(
        name=Wording(nb="en fakturalinje", sv="en fakturarad", en="an invoice line"),
        identification_rule="02",
        rate_rule="05",
        reads=("BT-151", "BT-152"),
        categories=line_vat_categories,
    ),
    Holder(
        name=Wording(nb="en rabatt på dokumentnivå", sv="en rabatt på dokumentnivå", en="a document level allowance"),
        identification_rule="03",
        rate_rule="06",
        reads=("BT-95", "BT-96"),
        categories=lambda root: allowance_charge_vat_categories(root, charge=False),
    ),
    Holder(
        name=Wording(nb="et tillegg på dokumentnivå", sv="ett tillägg på dokumentnivå", en="a document level charge"),
        identification_rule="04",
        rate_rule="07",
        reads=("BT-102", "BT-103"),
        categories=lambda root: allowance_charge_vat_categories(root, charge=True),
    ),
)


def _identification_rule(category: Category, holder: Holder) -> None:
    name, holder_name, demand = _quoted(category.name), holder.name, category.identification.wording

    @rule(
        f"{category.prefix}-{holder.identification_rule}",
        reads=(holder.reads[0], *category.identification.reads),
        context=document,
        nb=f"Når {holder_name.nb} har mva-kategori {name.nb}, {demand.nb}.",
        sv=f"När {holder_name.sv} har momskategori {name.sv}, {demand.sv}.",
        en=f"When {holder_name.en} has VAT category {name.en}, {demand.en}.",
    )
    def parties_identified(root: Element) -> bool:
        return not _in(category.code, holder.categories(root)) or category.identification.test(root)


def _rate_rule(category: Category, holder: Holder) -> None:
    name, holder_name, rate = _quoted(category.name), _capitalized(holder.name), category.rate.value

    @rule(
        f"{category.prefix}-{holder.rate_rule}",
        reads=holder.reads,
        context=lambda root: _in(category.code, holder.categories(root)),
        nb=f"{holder_name.nb} med mva-kategori {name.nb} må ha {rate.nb}.",
        sv=f"{holder_name.sv} med momskategori {name.sv} måste ha {rate.sv}.",
        en=f"{holder_name.en} with VAT category {name.en} must have {rate.en}.",
    )
    def has_allowed_rate(vat_category: Element) -> bool:
        return category.rate.allows(vat_category)


def _taxable_amount_rule(category: Category) -> None:
    name = _quoted(category.name)
    if category.by_rate:
        reads: tuple[str, ...] = ("BT-116", "BT-118", "BT-119", "BT-131", "BT-152", "BT-99", "BT-103", "BT-92", "BT-96")
        wording = Wording(
            nb=f"For hver mva-sats i kategori {name.nb} må grunnlaget i mva-spesifikasjonen være linjenes nettobeløp "
            "pluss tillegg minus rabatter med den satsen.",
            sv=f"För varje momssats i kategorin {name.sv} måste beskattningsunderlaget i momsspecifikationen vara "
            "radernas nettobelopp plus tillägg minus rabatter med den satsen.",
            en=f"For each VAT rate in VAT category {name.en}, the taxable amount in the VAT breakdown must equal the "
            "line net amounts plus charges minus allowances at that rate.",
        )
    else:
        reads = ("BT-116", "BT-118", "BT-131", "BT-99", "BT-92")
        wording = Wording(
            nb=f"Grunnlaget i mva-spesifikasjonen for kategori {name.nb} må være linjenes nettobeløp pluss tillegg "
            "minus rabatter i den kategorien.",
            sv=f"Beskattningsunderlaget i momsspecifikationen för kategorin {name.sv} måste vara radernas "
            "nettobelopp plus tillägg minus rabatter i den kategorin.",
            en=f"The taxable amount in the VAT breakdown for VAT category {name.en} must equal the line net amounts "
            "plus charges minus allowances in that category.",
        )

    @rule(
        f"{category.prefix}-08",
        reads=reads,
        context=_breakdowns_in(category.code),
        nb=wording.nb,
        sv=wording.sv,
        en=wording.en,
    )
    def taxable_amount_adds_up(vat_category: Element) -> bool:
        breakdown, root = vat_category.getparent(), document_root(vat_category)
        taxable = None if breakdown is None else decimal(breakdown, "cbc:TaxableAmount")
        if not category.by_rate:
            # Exact; and without lines the schematron has nothing to add up, so the rule fails.
            return bool(lines(root)) and taxable == _net_amount_in(root, category.code)
        if not exists(vat_category, "cbc:Percent"):
            return True  # checked rate by rate; a breakdown without a rate breaks BR-48 instead
        rate = decimal(vat_category, "cbc:Percent")
        if rate is None or taxable is None:
            return False
        # The standard rate asks that something is sold at the breakdown's rate; IGIC and IPSI only that there are
        # lines at all.
        sold = _sold_at(root, category.code, rate) if category.code == "S" else bool(lines(root))
        # A tolerance of one unit either way, as in the schematron.
        return sold and abs(taxable - _net_amount_in(root, category.code, rate)) < 1


def _vat_amount_rule(category: Category) -> None:
    name = _quoted(category.name)
    if category.by_rate:
        reads: tuple[str, ...] = ("BT-117", "BT-116", "BT-118", "BT-119")
        wording = Wording(
            nb=f"Mva-beløpet for kategori {name.nb} må være grunnlaget ganger mva-satsen.",
            sv=f"Momsbeloppet för kategorin {name.sv} måste vara beskattningsunderlaget gånger momssatsen.",
            en=f"The VAT amount for VAT category {name.en} must equal the taxable amount times the VAT rate.",
        )
    else:
        reads = ("BT-117", "BT-118")
        wording = Wording(
            nb=f"Mva-beløpet for kategori {name.nb} må være null.",
            sv=f"Momsbeloppet för kategorin {name.sv} måste vara noll.",
            en=f"The VAT amount for VAT category {name.en} must be zero.",
        )

    @rule(
        f"{category.prefix}-09",
        reads=reads,
        context=_breakdowns_in(category.code),
        nb=wording.nb,
        sv=wording.sv,
        en=wording.en,
    )
    def vat_amount_adds_up(vat_category: Element) -> bool:
        breakdown = vat_category.getparent()
        vat = None if breakdown is None else decimal(breakdown, "cbc:TaxAmount")
        if vat is None or breakdown is None:
            return False
        if not category.by_rate:
            return vat == 0
        taxable, rate = decimal(breakdown, "cbc:TaxableAmount"), decimal(vat_category, "cbc:Percent")
        if taxable is None or rate is None:
            return False
        # A tolerance of one unit either way, as in the schematron.
        return abs(abs(vat) - cents(abs(taxable) * rate / 100)) < 1


def _exemption_reason_rule(category: Category) -> None:
    name = _quoted(category.name)
    if category.exemption_reason:
        wording = Wording(
            nb=f"Mva-spesifikasjonen for kategori {name.nb} må oppgi fritaksgrunn (tekst eller kode).",
            sv=f"Momsspecifikationen för kategorin {name.sv} måste ange undantagsskäl (text eller kod).",
            en=f"The VAT breakdown for VAT category {name.en} must give an exemption reason (text or code).",
        )
    else:
        wording = Wording(
            nb=f"Mva-spesifikasjonen for kategori {name.nb} kan ikke oppgi fritaksgrunn.",
            sv=f"Momsspecifikationen för kategorin {name.sv} får inte ange undantagsskäl.",
            en=f"The VAT breakdown for VAT category {name.en} must not give an exemption reason.",
        )

    @rule(
        f"{category.prefix}-10",
        reads=("BT-118", "BT-120", "BT-121"),
        context=_breakdowns_in(category.code),
        nb=wording.nb,
        sv=wording.sv,
        en=wording.en,
    )
    def exemption_reason_as_required(vat_category: Element) -> bool:
        gives_reason = exists(vat_category, "cbc:TaxExemptionReason") or exists(
            vat_category, "cbc:TaxExemptionReasonCode"
        )
        return gives_reason == category.exemption_reason


for _category in CATEGORIES:
    _breakdown_rule(_category)
    for _holder in HOLDERS:
        _identification_rule(_category, _holder)
        _rate_rule(_category, _holder)
    _taxable_amount_rule(_category)
    _vat_amount_rule(_category)
    _exemption_reason_rule(_category)


# Rules of one category only


def _has_breakdown_in(root: Element, category_code: str) -> bool:
    return bool(_in(category_code, document_vat_categories(root)))


@rule(
    "BR-IC-11",
    reads=("BT-118", "BT-72", "BG-14"),
    context=document,
    nb="En faktura for levering til annet EU-land må oppgi leveringsdato eller faktureringsperiode.",
    sv="En faktura för unionsintern leverans måste ange leveransdatum eller faktureringsperiod.",
    en="An invoice for an intra-community supply must give the actual delivery date or the invoicing period.",
)
def intra_community_supply_has_delivery_date(root: Element) -> bool:
    if not _has_breakdown_in(root, "K"):
        return True
    delivery_date = find(root, "cac:Delivery/cbc:ActualDeliveryDate")
    has_date = delivery_date is not None and len(string_value(delivery_date)) > 1
    return has_date or any(has_children(period) for period in findall(root, "cac:InvoicePeriod"))


@rule(
    "BR-IC-12",
    reads=("BT-118", "BT-80"),
    context=document,
    nb="En faktura for levering til annet EU-land må oppgi landkoden for leveringsadressen.",
    sv="En faktura för unionsintern leverans måste ange landskoden för leveransadressen.",
    en="An invoice for an intra-community supply must give the country code of the delivery address.",
)
def intra_community_supply_has_delivery_country(root: Element) -> bool:
    if not _has_breakdown_in(root, "K"):
        return True
    country = find(root, "cac:Delivery/cac:DeliveryLocation/cac:Address/cac:Country/cbc:IdentificationCode")
    return country is not None and len(string_value(country)) > 1


def _only_not_subject_to_vat(root: Element, categories: list[Element]) -> bool:
    """Without a breakdown "not subject to VAT", anything goes; with one, every category given must be that."""
    return not _has_breakdown_in(root, "O") or all(code(category) == "O" for category in categories)


_NOT_SUBJECT = _quoted(next(category.name for category in CATEGORIES if category.code == "O"))


@rule(
    "BR-O-11",
    reads=("BT-118",),
    context=document,
    nb=f"En faktura med mva-kategori {_NOT_SUBJECT.nb} i mva-spesifikasjonen kan ikke ha andre kategorier der.",
    sv=f"En faktura med momskategori {_NOT_SUBJECT.sv} i momsspecifikationen får inte ha andra kategorier där.",
    en=f"An invoice with VAT category {_NOT_SUBJECT.en} in its VAT breakdown must not have other categories there.",
)
def breakdown_only_not_subject_to_vat(root: Element) -> bool:
    return _only_not_subject_to_vat(root, document_vat_categories(root))


@rule(
    "BR-O-12",
    reads=("BT-118", "BT-151"),
    context=document,
    nb=f"En faktura med mva-kategori {_NOT_SUBJECT.nb} i mva-spesifikasjonen kan ikke ha linjer i andre kategorier.",
    sv=f"En faktura med momskategori {_NOT_SUBJECT.sv} i momsspecifikationen får inte ha rader i andra kategorier.",
    en=f"An invoice with VAT category {_NOT_SUBJECT.en} in its VAT breakdown must not have lines in other categories.",
)
def lines_only_not_subject_to_vat(root: Element) -> bool:
    categories = [category for category in everywhere(root, "cac:ClassifiedTaxCategory") if is_vat(category)]
    return _only_not_subject_to_vat(root, categories)


@rule(
    "BR-O-13",
    reads=("BT-118", "BT-95"),
    context=document,
    nb=f"En faktura med mva-kategori {_NOT_SUBJECT.nb} i mva-spesifikasjonen kan ikke ha rabatter i andre kategorier.",
    sv=f"En faktura med momskategori {_NOT_SUBJECT.sv} i momsspecifikationen får inte ha rabatter i andra kategorier.",
    en=f"An invoice with VAT category {_NOT_SUBJECT.en} in its VAT breakdown must not have allowances in other "
    "categories.",
)
def allowances_only_not_subject_to_vat(root: Element) -> bool:
    return _only_not_subject_to_vat(root, allowance_charge_vat_categories(root, charge=False))


@rule(
    "BR-O-14",
    reads=("BT-118", "BT-102"),
    context=document,
    nb=f"En faktura med mva-kategori {_NOT_SUBJECT.nb} i mva-spesifikasjonen kan ikke ha tillegg i andre kategorier.",
    sv=f"En faktura med momskategori {_NOT_SUBJECT.sv} i momsspecifikationen får inte ha tillägg i andra kategorier.",
    en=f"An invoice with VAT category {_NOT_SUBJECT.en} in its VAT breakdown must not have charges in other "
    "categories.",
)
def charges_only_not_subject_to_vat(root: Element) -> bool:
    return _only_not_subject_to_vat(root, allowance_charge_vat_categories(root, charge=True))
