"""Deposits in the browser (DEP-1, DEP-2): a deposit registrar fills in a slip (the bag number cleaned as typed, the
amounts and total computed while typing), reviews it and saves it, and finds its receipt in the history; reverses
a slip with a reason; the cash centre counts a bag from the customer's page, and the counting receipt shows the
difference."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local.runtime import Runtime
from tests.e2e.browser import log_in, pdf_text, screenshot, toast
from tests.support import local_today

pytestmark = pytest.mark.e2e

OLA = "ola.hansen@nordlys-bergen.no"


def new_bag() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(12))


def fill_slip(page: Page, bag: str) -> None:
    form = page.get_by_role("form", name="Nytt bilag")
    bag_field = form.get_by_label("Posenummer *")
    bag_field.fill(f"{bag[:4]} {bag[4:8]}-{bag[8:]}")
    # What is sent shows as it is typed: the spaces and dashes copied from the bag are left out
    expect(bag_field).to_have_value(bag)
    form.get_by_label("Seddel 500,00 kr").fill("3")
    form.get_by_label("Mynt 20,00 kr").fill("2")
    form.get_by_role("button", name="Legg til sjekk").click()
    form.get_by_label("Sjekk 1: nummer eller utsteder").fill("Sjekk 4471")
    form.get_by_label("Sjekk 1: beløp *").fill("1 250,50")
    form.get_by_role("button", name="Legg til utenlandsk valuta").click()
    form.get_by_label("Valuta 1: beløp *").fill("50")
    expect(form.locator(".totals")).to_contain_text(re.compile(r"Sum NOK: 2\s790,50\s?kr"))


def test_a_registrar_reviews_and_saves_a_slip_finds_its_receipt_and_reverses_it(page: Page) -> None:
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Innskudd").click()
    expect(page.get_by_role("heading", name="Innskudd for Nordlys Bergen AS")).to_be_visible()
    form = page.get_by_role("form", name="Nytt bilag")
    # A bag number of too few digits is refused before anything is sent
    form.get_by_label("Posenummer *").fill("12345")
    form.get_by_role("button", name="Kontroller bilaget").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("Posenummeret er 12 siffer")
    bag = new_bag()
    fill_slip(page, bag)
    screenshot(page, "82-deposit-slip")
    form.get_by_role("button", name="Kontroller bilaget").click()
    review = page.get_by_role("region", name="Kontroller bilaget før du lagrer")
    expect(review).to_contain_text(bag)
    expect(review).to_contain_text(re.compile(r"Sum NOK: 2\s790,50\s?kr"))
    expect(review).to_contain_text("legges ikke til summen i NOK")
    screenshot(page, "83-deposit-review")
    review.get_by_role("button", name="Lagre bilaget").click()
    saved = page.get_by_role("status").filter(has_text="er lagret")
    expect(saved).to_contain_text(re.compile(rf"Bilaget for pose {bag} på 2\s790,50\s?kr er lagret"))
    # The same bag again is refused at its field, on review
    fill_slip(page, bag)
    form.get_by_role("button", name="Kontroller bilaget").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("registrert allerede")
    # The history lists the slip; its bag number opens the receipt
    page.get_by_role("navigation", name="Innskuddssider").get_by_role("link", name="Innskuddshistorikk").click()
    history = page.get_by_role("region", name="Innskuddshistorikk")
    expect(history.get_by_role("row").nth(1)).to_contain_text("Registrert, ikke telt")
    screenshot(page, "84-deposit-history")
    history.get_by_role("link", name=f"Kvittering for pose {bag}").click()
    expect(page.get_by_role("heading", name=f"Kvittering for innskudd: pose {bag}")).to_be_visible()
    expect(page.get_by_role("button", name="Skriv ut")).to_be_visible()
    screenshot(page, "85-deposit-receipt")
    # A mistake: the slip is reversed with a reason, and stays, marked reversed
    page.get_by_role("button", name="Reverser bilaget").click()
    dialog = page.get_by_role("dialog")
    dialog.get_by_label("Begrunnelse *").fill("Feil antall 500-lapper")
    dialog.get_by_role("button", name="Reverser bilaget").click()
    expect(toast(page, f"Bilaget for pose {bag} er reversert.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Reversert .* Feil antall 500-lapper"))).to_be_visible()
    page.get_by_label("Språk").select_option("sv")
    expect(page.get_by_role("heading", name=f"Kvitto för insättning: påse {bag}")).to_be_visible()
    screenshot(page, "86-deposit-receipt-sv")
    page.get_by_label("Språk").select_option("nb")


def test_the_cash_centre_counts_a_bag_and_the_counting_receipt_shows_the_difference(
    page: Page, runtime: Runtime
) -> None:
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Innskudd").click()
    bag = new_bag()
    fill_slip(page, bag)
    page.get_by_role("form", name="Nytt bilag").get_by_role("button", name="Kontroller bilaget").click()
    page.get_by_role("button", name="Lagre bilaget").click()
    expect(page.get_by_role("status").filter(has_text="er lagret")).to_be_visible()
    page.get_by_role("button", name="Logg ut").click()
    # Staff reach the customer's deposits from its page and count the bag: one 500 note short
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Nordlys Bergen AS").click()
    page.get_by_role("link", name="Se innskuddene til Nordlys Bergen AS").click()
    page.get_by_role("link", name=f"Kvittering for pose {bag}").click()
    counting = page.get_by_role("form", name="Registrer telling")
    counting.get_by_label("Seddel 500,00 kr").fill("2")
    counting.get_by_label("Mynt 20,00 kr").fill("2")
    counting.get_by_label("Sjekker, telt beløp").fill("1 250,50")
    screenshot(page, "87-deposit-counting")
    counting.get_by_role("button", name="Lagre tellingen").click()
    expect(toast(page, f"Tellingen av pose {bag} er lagret.")).to_be_visible()
    page.get_by_role("link", name="Tellekvittering").click()
    expect(page.get_by_role("heading", name=f"Tellekvittering: pose {bag}")).to_be_visible()
    receipt = page.get_by_role("table")
    expect(receipt.get_by_role("row", name=re.compile("Seddel 500"))).to_contain_text(re.compile(r"-500,00\s?kr"))
    expect(page.get_by_text(re.compile(r"avviker fra bilaget med -500,00\s?kr"))).to_be_visible()
    screenshot(page, "88-counting-receipt")
    # The counting receipt as a PDF: made in the background (the test's runtime does not poll), then downloaded
    with page.expect_response(lambda answer: answer.url.endswith("/printouts") and answer.request.method == "POST"):
        page.get_by_role("button", name="Lag PDF").click()
    runtime.streams.drain()
    runtime.queues.drain()
    pdf = page.get_by_role("link", name=re.compile(r"^Last ned PDF \(\d+ kB\)"))
    expect(pdf).to_be_focused(timeout=20_000)
    with page.expect_download() as downloading:
        pdf.click()
    text = pdf_text(downloading.value.path())
    assert f"Tellekvittering: pose {bag}" in text
    assert "-500,00 NOK" in text


def test_the_history_is_searched_in_chosen_columns_and_made_into_a_report_that_downloads(
    page: Page, runtime: Runtime
) -> None:
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Innskudd").click()
    page.get_by_role("navigation", name="Innskuddssider").get_by_role("link", name="Innskuddshistorikk").click()
    search = page.get_by_role("search", name="Søk i innskuddene")
    history = page.get_by_role("region", name="Innskuddshistorikk")
    # One bag, typed as printed: the demo's bag counted twelve days ago
    search.get_by_label("Posenummer").fill("4000 1234 5671")
    search.get_by_role("button", name="Søk").click()
    expect(history.get_by_role("row")).to_have_count(2)
    expect(history.get_by_role("row").nth(1)).to_contain_text("400012345671")
    # The counted and the difference columns, chosen and kept
    page.get_by_role("button", name="Kolonner").click()
    page.get_by_role("menuitemcheckbox", name="Telt").click()
    page.get_by_role("menuitemcheckbox", name="Differanse").click()
    page.keyboard.press("Escape")
    expect(history.get_by_role("row").nth(1)).to_contain_text(re.compile(r"-100,00\s?kr"))
    screenshot(page, "89-deposit-history-search")
    # More than 92 days is refused, pointing to reports
    search.get_by_label("Posenummer").fill("")
    search.get_by_role("spinbutton", name=re.compile("^dag.*Fra dato")).focus()
    page.keyboard.type((local_today() - timedelta(days=120)).strftime("%d%m%Y"))
    search.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("alert")).to_contain_text("Et søk dekker høyst 92 dager")
    # The same period as a report: made in the background, listed under Reports, downloaded
    page.get_by_label("Rapportformat").select_option("xml")
    page.get_by_role("button", name="Generer rapport").click()
    expect(page.get_by_role("status").filter(has_text="Rapporten lages")).to_be_visible()
    # The outbox puts the job on the report queue, and the worker makes the file (the test's runtime does not poll)
    runtime.streams.drain()
    runtime.queues.drain()
    page.get_by_role("link", name="Gå til Rapporter").click()
    reports = page.get_by_role("region", name="Rapporter")
    first = reports.get_by_role("row").nth(1)
    expect(first).to_contain_text("Klar", timeout=20_000)
    screenshot(page, "90-reports")
    with page.expect_download() as downloading:
        first.get_by_role("button", name=re.compile("^Last ned XML")).click()
    path = downloading.value.path()
    assert path is not None
    content = Path(path).read_text(encoding="utf-8")
    assert content.startswith("<?xml")
    assert "400012345671" in content
