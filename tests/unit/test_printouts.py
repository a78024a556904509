"""Printouts' words and numbers: every label in every language, money exact from minor units as each language
writes it, and a change order's confirmation with its deletion cut-off (the integration tests print the rest)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime

import pypdf

from portal.languages import Language
from portal.money import Currency
from portal.orders.models import ChangeLine, ChangeOrder
from portal.printouts import documents
from portal.printouts.models import PrintoutDocument, printout_id
from portal.printouts.texts import TEXTS, amount, denomination


def test_every_label_is_written_in_every_language() -> None:
    assert {key for key, languages in TEXTS.items() if set(languages) != set(Language)} == set()


def test_money_is_written_exactly_from_minor_units_in_each_language() -> None:
    assert amount(123456789, "NOK", Language.NB) == "1\u00a0234\u00a0567,89 NOK"
    assert amount(-50, "SEK", Language.SV) == "-0,50 SEK"
    assert amount(100000, "EUR", Language.EN) == "1,000.00 EUR"
    assert denomination("coin-0.50", Currency.EUR, Language.SV) == "Mynt 0,50 EUR"
    assert denomination("note-1000", Currency.NOK, Language.EN) == "Note 1,000.00 NOK"


def test_a_printout_is_one_per_document_version_language_and_audience() -> None:
    made = printout_id(PrintoutDocument.DEPOSIT_RECEIPT, "01J", 1, Language.NB, "customer")
    assert made == printout_id(PrintoutDocument.DEPOSIT_RECEIPT, "01J", 1, Language.NB, "customer")
    assert (
        len(
            {
                made,
                printout_id(PrintoutDocument.COUNTING_RECEIPT, "01J", 1, Language.NB, "customer"),
                printout_id(PrintoutDocument.DEPOSIT_RECEIPT, "01J", 2, Language.NB, "customer"),
                printout_id(PrintoutDocument.DEPOSIT_RECEIPT, "01J", 1, Language.SV, "customer"),
                printout_id(PrintoutDocument.DEPOSIT_RECEIPT, "01J", 1, Language.NB, "vendor"),
            }
        )
        == 5
    )


def test_a_change_order_confirmation_names_its_delivery_total_and_deletion_cut_off() -> None:
    placed = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    order = ChangeOrder(
        order_id="01JCHANGE",
        customer_id="01JCUSTOMER",
        number=7,
        currency=Currency.NOK,
        delivery_date=date(2026, 12, 28),  # a Monday after Christmas: the last business day before is the 23rd
        lines=[ChangeLine(denomination="note-100", pieces=20, amount=200000)],
        total=200000,
        notes="Til julekassa",
        placed_at=placed,
        placed_by="ola",
        placed_by_name="Ola Hansen",
        version=1,
    )
    pdf = documents.order_confirmation(order, "Nordlys Bergen AS", "vendor", Language.NB, placed)
    text = "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages).replace("\xa0", " ")
    assert "Ordrebekreftelse 7" in text
    assert "Leveringsdato 28.12.2026" in text
    assert "Seddel 100,00 NOK 20 2 000,00 NOK" in text
    assert "Sum NOK: 2 000,00 NOK" in text
    assert "Kan slettes til og med 23.12.2026." in text
    assert "Til julekassa" not in text  # the vendor's copy leaves the customer's own notes out
