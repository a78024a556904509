"""What a PDF says, in nb, sv and en, and how it writes dates and money in each. Every label lives in `TEXTS`; a
unit test fails when a language lacks one. The wording follows the web pages the PDFs print (web/src/i18n)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from portal import languages, money
from portal.languages import Language, wall_clock
from portal.money import MINOR_UNITS_PER_MAJOR, Currency

_NB, _SV, _EN = Language.NB, Language.SV, Language.EN

TEXTS: dict[str, dict[Language, str]] = {
    # -- every document
    "customer": {_NB: "Kunde", _SV: "Kund", _EN: "Customer"},
    "status": {_NB: "Status", _SV: "Status", _EN: "Status"},
    "printed": {_NB: "Skrevet ut {at}", _SV: "Utskriven {at}", _EN: "Printed {at}"},
    "page": {_NB: "Side {page} av {pages}", _SV: "Sida {page} av {pages}", _EN: "Page {page} of {pages}"},
    "amount": {_NB: "Beløp", _SV: "Belopp", _EN: "Amount"},
    "pieces": {_NB: "Antall", _SV: "Antal", _EN: "Pieces"},
    "note": {_NB: "Seddel {value}", _SV: "Sedel {value}", _EN: "Note {value}"},
    "coin": {_NB: "Mynt {value}", _SV: "Mynt {value}", _EN: "Coin {value}"},
    "denomination": {_NB: "Seddel eller mynt", _SV: "Sedel eller mynt", _EN: "Note or coin"},
    "denominations": {_NB: "Sedler og mynter", _SV: "Sedlar och mynt", _EN: "Notes and coins"},
    "department": {_NB: "Avdeling", _SV: "Avdelning", _EN: "Department"},
    "description": {_NB: "Beskrivelse", _SV: "Beskrivning", _EN: "Description"},
    "total": {_NB: "Sum {currency}", _SV: "Summa {currency}", _EN: "Total {currency}"},
    # -- deposits (DEP-1, DEP-2)
    "deposit_receipt": {
        _NB: "Kvittering for innskudd: pose {bag}",
        _SV: "Kvitto för insättning: påse {bag}",
        _EN: "Deposit receipt: bag {bag}",
    },
    "counting_receipt": {
        _NB: "Tellekvittering: pose {bag}",
        _SV: "Räkningskvitto: påse {bag}",
        _EN: "Counting receipt: bag {bag}",
    },
    "deposit_date": {_NB: "Dato", _SV: "Datum", _EN: "Date"},
    "bag_number": {_NB: "Posenummer", _SV: "Påsnummer", _EN: "Bag number"},
    "responsibility_number": {_NB: "Ansvarsnummer", _SV: "Ansvarsnummer", _EN: "Responsibility number"},
    "signature": {_NB: "Signatur", _SV: "Signatur", _EN: "Signature"},
    "registered": {_NB: "Registrert {at} av {by}", _SV: "Registrerad {at} av {by}", _EN: "Registered {at} by {by}"},
    "cheques": {_NB: "Sjekker", _SV: "Checkar", _EN: "Cheques"},
    "cheque": {_NB: "Sjekk {number}", _SV: "Check {number}", _EN: "Cheque {number}"},
    "cheque_reference": {_NB: "Nummer eller utsteder", _SV: "Nummer eller utställare", _EN: "Number or drawer"},
    "fallbacks": {_NB: "Reserveløsninger", _SV: "Reservlösningar", _EN: "Fallback solutions"},
    "foreign": {_NB: "Utenlandsk valuta", _SV: "Utländsk valuta", _EN: "Foreign currency"},
    "foreign_not_added": {
        _NB: "Utenlandsk valuta listes for seg og legges ikke til summen i {currency}.",
        _SV: "Utländsk valuta listas för sig och läggs inte till summan i {currency}.",
        _EN: "Foreign currency is listed apart and not added to the total in {currency}.",
    },
    "currency": {_NB: "Valuta", _SV: "Valuta", _EN: "Currency"},
    "deposit.registered": {
        _NB: "Registrert, ikke telt",
        _SV: "Registrerad, inte räknad",
        _EN: "Registered, not counted",
    },
    "deposit.counted": {_NB: "Telt", _SV: "Räknad", _EN: "Counted"},
    "deposit.reversed": {_NB: "Reversert", _SV: "Reverserad", _EN: "Reversed"},
    "reversed": {
        _NB: "Reversert {at} av {by}: {reason}",
        _SV: "Reverserad {at} av {by}: {reason}",
        _EN: "Reversed {at} by {by}: {reason}",
    },
    "counted": {_NB: "Telt {at} av {by}", _SV: "Räknad {at} av {by}", _EN: "Counted {at} by {by}"},
    "declared": {_NB: "Deklarert", _SV: "Deklarerat", _EN: "Declared"},
    "counted_amount": {_NB: "Telt", _SV: "Räknat", _EN: "Counted"},
    "difference": {_NB: "Differanse", _SV: "Differens", _EN: "Difference"},
    "difference_explained": {
        _NB: "Det som ble telt, avviker fra bilaget med {amount}. Ta kontakt med kundeservice om du har spørsmål om "
        "posen.",
        _SV: "Det som räknades avviker från bilagan med {amount}. Kontakta kundservice om du har frågor om påsen.",
        _EN: "What was counted differs from the slip by {amount}. Contact customer service if you have questions "
        "about the bag.",
    },
    "no_difference": {
        _NB: "Det som ble telt, stemmer med bilaget.",
        _SV: "Det som räknades stämmer med bilagan.",
        _EN: "What was counted matches the slip.",
    },
    # -- orders (ORD-1..4)
    "order_confirmation": {
        _NB: "Ordrebekreftelse {number}",
        _SV: "Orderbekräftelse {number}",
        _EN: "Order confirmation {number}",
    },
    "kind.supplies": {_NB: "Rekvisita", _SV: "Förbrukningsmaterial", _EN: "Supplies"},
    "kind.change": {_NB: "Veksel", _SV: "Växel", _EN: "Change"},
    "kind.service": {_NB: "Tjenesteordre", _SV: "Tjänsteorder", _EN: "Service order"},
    "kind": {_NB: "Ordretype", _SV: "Ordertyp", _EN: "Kind of order"},
    "placed": {_NB: "Bestilt {at} av {by}", _SV: "Beställd {at} av {by}", _EN: "Placed {at} by {by}"},
    "article_number": {_NB: "Artikkelnummer", _SV: "Artikelnummer", _EN: "Article number"},
    "product": {_NB: "Produkt", _SV: "Produkt", _EN: "Product"},
    "quantity": {_NB: "Antall", _SV: "Antal", _EN: "Quantity"},
    "unit": {_NB: "Enhet", _SV: "Enhet", _EN: "Unit"},
    "delivery_address": {_NB: "Leveringsadresse", _SV: "Leveransadress", _EN: "Delivery address"},
    "expected_by": {
        _NB: "Leveres normalt innen {date}. Kommer den ikke, ta kontakt med oss.",
        _SV: "Levereras normalt senast {date}. Kommer den inte, kontakta oss.",
        _EN: "Normally delivered by {date}. If it has not arrived, get in touch with us.",
    },
    "delivered": {_NB: "Levert {at}", _SV: "Levererad {at}", _EN: "Delivered {at}"},
    "notes": {_NB: "Merknader (til eget bruk)", _SV: "Anteckningar (för eget bruk)", _EN: "Notes (for your own use)"},
    "delivery_date": {_NB: "Leveringsdato", _SV: "Leveransdatum", _EN: "Delivery date"},
    "deletable_until": {
        _NB: "Kan slettes til og med {date}.",
        _SV: "Kan raderas till och med {date}.",
        _EN: "Can be deleted until the end of {date}.",
    },
    "deleted": {_NB: "Slettet {at} av {by}", _SV: "Raderad {at} av {by}", _EN: "Deleted {at} by {by}"},
    "contract": {_NB: "Avtale", _SV: "Avtal", _EN: "Contract"},
    "product_group": {_NB: "Produktgruppe", _SV: "Produktgrupp", _EN: "Product group"},
    "customer_reference": {
        _NB: "Kundens ordrereferanse",
        _SV: "Kundens orderreferens",
        _EN: "Customer's order reference",
    },
    "progress": {_NB: "Ordretilstand", _SV: "Ordertillstånd", _EN: "Order state"},
    "timeline": {_NB: "Historikk", _SV: "Historik", _EN: "History"},
    "when": {_NB: "Når", _SV: "När", _EN: "When"},
    "who": {_NB: "Hvem", _SV: "Vem", _EN: "Who"},
    "what": {_NB: "Hva", _SV: "Vad", _EN: "What"},
    "status.placed": {_NB: "lagt inn", _SV: "lagd", _EN: "placed"},
    "status.delivered": {_NB: "levert", _SV: "levererad", _EN: "delivered"},
    "status.deleted": {_NB: "slettet", _SV: "raderad", _EN: "deleted"},
    "status.waiting_for_seller": {
        _NB: "venter på selgers godkjenning",
        _SV: "väntar på säljarens godkännande",
        _EN: "waiting for the seller's approval",
    },
    "status.waiting_for_customer": {
        _NB: "venter på kundens godkjenning",
        _SV: "väntar på kundens godkännande",
        _EN: "waiting for the customer's approval",
    },
    "status.approved": {_NB: "godkjent", _SV: "godkänd", _EN: "approved"},
    "status.rejected": {_NB: "avvist", _SV: "avvisad", _EN: "rejected"},
    "status.cancelled": {_NB: "kansellert", _SV: "avbruten", _EN: "cancelled"},
    "progress.active": {_NB: "aktiv", _SV: "aktiv", _EN: "active"},
    "progress.started": {_NB: "startet", _SV: "påbörjad", _EN: "started"},
    "progress.closed": {_NB: "avsluttet", _SV: "avslutad", _EN: "closed"},
    "action.placed": {_NB: "Bestilt", _SV: "Beställd", _EN: "Placed"},
    "action.approve": {_NB: "Godkjent av selger", _SV: "Godkänd av säljaren", _EN: "Approved by the seller"},
    "action.confirm": {_NB: "Bekreftet av kunden", _SV: "Bekräftad av kunden", _EN: "Confirmed by the customer"},
    "action.confirm_on_behalf": {
        _NB: "Bekreftet av selger på kundens vegne",
        _SV: "Bekräftad av säljaren för kundens räkning",
        _EN: "Confirmed by the seller on the customer's behalf",
    },
    "action.deliver": {_NB: "Levert", _SV: "Levererad", _EN: "Delivered"},
    "action.reject": {_NB: "Avvist", _SV: "Avvisad", _EN: "Rejected"},
    "action.cancel": {_NB: "Kansellert", _SV: "Avbruten", _EN: "Cancelled"},
    "action.reminded": {_NB: "Påminnelse sendt", _SV: "Påminnelse skickad", _EN: "Reminder sent"},
    "action.progress_started": {_NB: "Startet", _SV: "Påbörjad", _EN: "Started"},
    "action.progress_closed": {_NB: "Avsluttet", _SV: "Avslutad", _EN: "Closed"},
    # -- service protocols (seed 003: the protocols of the customer's work orders)
    # -- invoices (INV-1)
    "invoice_title": {_NB: "Faktura {number}", _SV: "Faktura {number}", _EN: "Invoice {number}"},
    "payer": {_NB: "Betaler", _SV: "Betalare", _EN: "Payer"},
    "invoice_date": {_NB: "Fakturadato", _SV: "Fakturadatum", _EN: "Invoice date"},
    "due_date": {_NB: "Forfallsdato", _SV: "Förfallodatum", _EN: "Due date"},
    "invoice_total": {_NB: "Total", _SV: "Totalt", _EN: "Total"},
    "outstanding": {_NB: "Utestående", _SV: "Att betala", _EN: "Outstanding"},
    "invoice.unpaid": {_NB: "Ubetalt", _SV: "Obetald", _EN: "Unpaid"},
    "invoice.overdue": {_NB: "Forfalt", _SV: "Förfallen", _EN: "Overdue"},
    "invoice.paid": {_NB: "Betalt", _SV: "Betald", _EN: "Paid"},
    "invoice.credited": {_NB: "Kreditert", _SV: "Krediterad", _EN: "Credited"},
    "invoice_entries": {
        _NB: "Innbetalinger og kreditnotaer",
        _SV: "Inbetalningar och kreditnotor",
        _EN: "Payments and credit notes",
    },
    "entry.payment": {_NB: "Innbetaling", _SV: "Inbetalning", _EN: "Payment"},
    "entry.credit_note": {_NB: "Kreditnota", _SV: "Kreditnota", _EN: "Credit note"},
    "entry_date": {_NB: "Dato", _SV: "Datum", _EN: "Date"},
    "reference": {_NB: "Referanse", _SV: "Referens", _EN: "Reference"},
    "service_protocol": {
        _NB: "Serviceprotokoll: arbeidsordre {number}",
        _SV: "Serviceprotokoll: arbetsorder {number}",
        _EN: "Service protocol: work order {number}",
    },
    "case": {_NB: "Sak", _SV: "Ärende", _EN: "Case"},
    "object": {_NB: "Objekt", _SV: "Objekt", _EN: "Object"},
    "work_site": {_NB: "Arbeidssted", _SV: "Arbetsplats", _EN: "Work site"},
    "technician": {_NB: "Tekniker", _SV: "Tekniker", _EN: "Technician"},
    "work_order_type": {_NB: "Type arbeid", _SV: "Typ av arbete", _EN: "Kind of work"},
    "closed_on": {_NB: "Avsluttet", _SV: "Avslutad", _EN: "Closed"},
    "work_to_do": {_NB: "Arbeid som skulle gjøres", _SV: "Arbete som skulle göras", _EN: "Work to do"},
    "findings": {_NB: "Funn og utført arbeid", _SV: "Fynd och utfört arbete", _EN: "Findings and work done"},
    "article_rows": {_NB: "Artikkelrader", _SV: "Artikelrader", _EN: "Article rows"},
    "article": {_NB: "Artikkel", _SV: "Artikel", _EN: "Article"},
    "action_code": {_NB: "Tiltakskode", _SV: "Åtgärdskod", _EN: "Action code"},
    "unit_price": {_NB: "Enhetspris", _SV: "Styckpris", _EN: "Unit price"},
    "vat": {_NB: "MVA", _SV: "Moms", _EN: "VAT"},
    "amount_excl": {_NB: "Beløp eks. mva", _SV: "Belopp exkl. moms", _EN: "Amount excl. VAT"},
    "total_incl": {
        _NB: "Sum {currency}: {amount} + mva {vat} = {total}",
        _SV: "Summa {currency}: {amount} + moms {vat} = {total}",
        _EN: "Total {currency}: {amount} + VAT {vat} = {total}",
    },
    "work_order.repair": {_NB: "Reparasjon", _SV: "Reparation", _EN: "Repair"},
    "work_order.maintenance": {_NB: "Vedlikehold", _SV: "Underhåll", _EN: "Maintenance"},
    "work_order.installation": {_NB: "Installasjon", _SV: "Installation", _EN: "Installation"},
    "work_order.inspection": {_NB: "Kontroll", _SV: "Kontroll", _EN: "Inspection"},
    "article.work": {_NB: "Arbeid", _SV: "Arbete", _EN: "Work"},
    "article.part": {_NB: "Del", _SV: "Del", _EN: "Part"},
    "article.travel": {_NB: "Reise", _SV: "Resa", _EN: "Travel"},
    "article.other": {_NB: "Annet", _SV: "Övrigt", _EN: "Other"},
}


def say(language: Language, text: str, **facts: object) -> str:
    return TEXTS[text][language].format(**facts)


def day(value: date) -> str:
    """Dates as dd.mm.yyyy in every language, as the web pages show them."""
    return f"{value.day:02d}.{value.month:02d}.{value.year}"


def moment(value: datetime, language: Language) -> str:
    local = wall_clock(value, language)
    return f"{day(local.date())} {local.hour:02d}:{local.minute:02d}"


def amount(minor: int, currency: str, language: Language) -> str:
    """Exact money from integer minor units, grouped as the language writes it: "12 345,50 NOK"."""
    return f"{languages.decimal_text(Decimal(minor) / MINOR_UNITS_PER_MAJOR, language)} {currency}"


def denomination(code: str, currency: Currency, language: Language) -> str:
    """A note or coin by its code ("note-500", "coin-0.50"), as the slip names it: "Seddel 500,00 NOK"."""
    found = money.denomination(currency, code)
    return say(
        language, "note" if found.form is money.Form.NOTE else "coin", value=amount(found.minor, currency, language)
    )
