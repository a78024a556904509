"""Business documents in the browser (DOC-1, DOC-2, DOC-5): a document handler of a group finds a subsidiary's
invoices, narrows them to the one the recipient's filter stopped and reads why, rule by rule, in the UI's language;
sends an invoice file from the invoicing system and follows it from received to delivered; sees the trading partners
with what went each way; and changes the document settings. Staff reach the same pages from the customer's page."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from infrastructure.local.runtime import Runtime
from infrastructure.local.sample_documents import SampleParty, invoice
from tests.e2e.browser import fits_the_screen, log_in, screenshot, toast
from tests.support import local_today

pytestmark = pytest.mark.e2e

KARI = "kari.nordmann@nordlys.no"
BERGEN = SampleParty("Nordlys Bergen AS", "912345696", "Strandkaien 2", "5013", "Bergen")
BUILDER = SampleParty("Bygg og Anlegg Vest AS", "974760673", "Kanalveien 10", "5068", "Bergen")


def open_documents_of_bergen(page: Page) -> Locator:
    """Kari acts for the group and its subsidiaries: the documents open at the group, and she chooses Bergen."""
    log_in(page, KARI, KARI)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Dokumenter").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Gruppen AS")).to_be_visible()
    page.get_by_role("combobox", name="Kunde", exact=True).select_option(label="Nordlys Bergen AS")
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Bergen AS")).to_be_visible()
    return page.get_by_role("region", name="Dokumentoversikt")


def row_of(overview: Locator, number: str) -> Locator:
    """The overview's row of a document, found by the link its number is (named with the document's type)."""
    link = overview.page.get_by_role("link", name=re.compile(rf" {re.escape(number)}$"))
    return overview.get_by_role("row").filter(has=link)


def test_a_document_handler_finds_the_stopped_invoice_and_reads_why(page: Page) -> None:
    overview = open_documents_of_bergen(page)
    # The demo's three invoices from Nordlys Bergen, each with its partner, amount, channel and status in words
    expect(row_of(overview, "2026-1001")).to_contain_text("Fjellbakeriet AS")
    expect(row_of(overview, "2026-1001")).to_contain_text("Levert")
    expect(row_of(overview, "2026-1002")).to_contain_text("Bygg og Anlegg Vest AS")
    expect(row_of(overview, "2026-1002")).to_contain_text(re.compile(r"2\s475,00\s?kr"))
    expect(row_of(overview, "2026-1002")).to_contain_text("Peppol")
    expect(row_of(overview, "2026-1003")).to_contain_text("Stoppet")
    expect(row_of(overview, "2026-1003")).to_contain_text(re.compile(r"437,50\s?kr"))
    screenshot(page, "93-documents")
    # Only what the filter stopped
    search = page.get_by_role("search", name="Søk i dokumentene")
    search.get_by_label("Status").select_option(label="Stoppet")
    search.get_by_role("button", name="Søk").click()
    expect(overview.get_by_role("row")).to_have_count(2)
    expect(overview.get_by_role("row").nth(1)).to_contain_text("2026-1003")
    # The invoice's page: why it was stopped, rule by rule, and each step it went through
    overview.get_by_role("link", name="Faktura 2026-1003").click()
    expect(page.get_by_role("heading", name="Faktura 2026-1003", level=1)).to_be_visible()
    stopped = page.get_by_role("region", name="Stoppet")
    expect(stopped).to_contain_text("PEPPOL-EN16931-R003")
    expect(stopped).to_contain_text("Fakturaen må oppgi kjøpers referanse eller et bestillingsnummer")
    expect(stopped).to_contain_text("kan rette opplysningene og sende dokumentet på nytt")
    steps = page.get_by_role("region", name="Leveringsforløp").get_by_role("listitem")
    expect(steps).to_have_count(2)
    expect(steps.nth(0)).to_contain_text("Mottatt i portalen")
    expect(steps.nth(1)).to_contain_text("Stoppet av filteret")
    parties = page.get_by_role("region", name="Parter")
    expect(parties.get_by_role("group", name="Kjøper")).to_contain_text("Fjellbakeriet AS")
    expect(parties.get_by_role("group", name="Kjøper")).to_contain_text("912 345 726")
    screenshot(page, "94-document-stopped")
    # On a phone the page keeps to the screen's width (its tables scroll within themselves)
    page.set_viewport_size({"width": 390, "height": 800})
    assert fits_the_screen(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    # The reason in the language the page is read in
    page.get_by_label("Språk").select_option("sv")
    expect(page.get_by_role("region", name="Stoppad")).to_contain_text("Fakturan måste ange köparens referens")
    page.get_by_label("Språk").select_option("nb")
    page.get_by_role("link", name="Til dokumentoversikten").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Bergen AS")).to_be_visible()
    # A number finds its document whatever the dates; more than 92 days is refused in words
    search.get_by_label("Dokumentnummer").fill("2026-1002")
    search.get_by_role("button", name="Søk").click()
    expect(overview.get_by_role("row")).to_have_count(2)
    expect(overview.get_by_role("row").nth(1)).to_contain_text("Bygg og Anlegg Vest AS")
    search.get_by_label("Dokumentnummer").fill("")
    search.get_by_role("spinbutton", name=re.compile("^dag.*Fra dato")).focus()
    page.keyboard.type((local_today() - timedelta(days=120)).strftime("%d%m%Y"))
    search.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("alert")).to_contain_text("Et søk dekker høyst 92 dager")


def test_a_document_handler_sends_an_invoice_and_follows_it_to_delivery(
    page: Page, runtime: Runtime, tmp_path: Path
) -> None:
    number = f"2026-{secrets.randbelow(10**6):06d}"
    file = tmp_path / f"faktura-{number}.xml"
    file.write_bytes(
        invoice(number=number, seller=BERGEN, buyer=BUILDER, lines=[("Kontanthåndtering", Decimal(4), Decimal(625))])
    )
    overview = open_documents_of_bergen(page)
    form = page.get_by_role("form", name="Send dokument")
    # Nothing chosen: refused before anything is sent
    form.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("Velg en fil.")
    form.get_by_label("Fil (XML) *").set_input_files(file)
    with page.expect_response(lambda answer: answer.url.endswith("/documents") and answer.request.method == "POST"):
        form.get_by_role("button", name="Send", exact=True).click()
    expect(toast(page, f"Faktura {number} er mottatt.")).to_be_visible()
    received = page.get_by_role("status").filter(has_text="til Bygg og Anlegg Vest AS er mottatt")
    expect(received).to_be_visible()
    expect(form.get_by_label("Fil (XML) *")).to_have_value("")
    expect(row_of(overview, number)).to_contain_text("Mottatt, under behandling")
    expect(row_of(overview, number)).to_contain_text(re.compile(r"3\s125,00\s?kr"))
    # The same file again is refused in words, pointing to the one sent before
    form.get_by_label("Fil (XML) *").set_input_files(file)
    form.get_by_role("button", name="Send", exact=True).click()
    expect(page.get_by_role("alert").filter(has_text="sendt før")).to_be_visible()
    page.get_by_role("link", name="Åpne dokumentet som ble sendt før").click()
    expect(page.get_by_role("heading", name=f"Faktura {number}", level=1)).to_be_visible()
    expect(page.get_by_text("Mottatt, under behandling")).to_be_visible()
    # The worker checks and delivers it in the background (the test's runtime does not poll)
    runtime.streams.drain()
    runtime.queues.drain()
    runtime.streams.drain()
    page.reload()
    expect(page.get_by_role("heading", name=f"Faktura {number}", level=1)).to_be_visible()
    expect(page.locator(".document-status")).to_contain_text("Levert")
    expect(page.get_by_role("region", name="Stoppet")).to_have_count(0)
    steps = page.get_by_role("region", name="Leveringsforløp").get_by_role("listitem")
    expect(steps.first).to_contain_text("Mottatt i portalen")
    expect(steps.last).to_contain_text("Levert til mottakeren")
    expect(steps.last).to_contain_text("via Peppol")
    files = page.get_by_role("region", name="Filversjoner")
    expect(files.get_by_role("row").nth(1)).to_contain_text("Original")
    screenshot(page, "95-document-timeline")


def test_trading_partners_and_the_document_settings(page: Page) -> None:
    open_documents_of_bergen(page)
    pages = page.get_by_role("navigation", name="Dokumentsider")
    pages.get_by_role("link", name="Handelspartnere").click()
    partners = page.get_by_role("region", name="Handelspartnere")
    builder = partners.get_by_role("row").filter(has_text="Bygg og Anlegg Vest AS")
    expect(builder).to_contain_text("974 760 673")
    expect(builder).to_contain_text("Nås via Peppol")
    bakery = partners.get_by_role("row").filter(has_text="Fjellbakeriet AS")
    expect(bakery).to_contain_text("I nettverket")
    # Two sent to the bakery, one delivered, none received from it, one stopped
    cells = bakery.get_by_role("gridcell")
    for column, count in ((2, "2"), (3, "1"), (4, "0"), (5, "1")):
        expect(cells.nth(column)).to_have_text(count)
    screenshot(page, "96-trading-partners")
    # A partner's name opens the documents exchanged with it
    partners.get_by_role("link", name="Dokumenter med Fjellbakeriet AS").click()
    overview = page.get_by_role("region", name="Dokumentoversikt")
    expect(page.get_by_role("search", name="Søk i dokumentene").get_by_label("Handelspartner")).to_have_value(
        "0192:912345726"
    )
    expect(row_of(overview, "2026-1003")).to_be_visible()
    expect(row_of(overview, "2026-1001")).to_be_visible()
    expect(row_of(overview, "2026-1002")).to_have_count(0)
    # The settings: Kari is the group's user administrator, so she may change them
    pages.get_by_role("link", name="Innstillinger").click()
    settings = page.get_by_role("form", name="Dokumentinnstillinger")
    address = settings.get_by_label("Elektronisk adresse")
    expect(address).to_have_value("0192:912345696")
    expect(settings.get_by_role("radio", name="Av", exact=True)).to_be_checked()
    # Another customer's address is refused at the field
    address.fill("0192:912345726")
    settings.get_by_role("button", name="Lagre innstillingene").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("registrert på en annen kunde")
    address.fill("0192:912345696")
    days = settings.get_by_label("Smartmail: dager før utskrift *")
    days.fill("21")
    settings.get_by_role("button", name="Lagre innstillingene").click()
    expect(toast(page, "Dokumentinnstillingene er lagret.")).to_be_visible()
    page.reload()
    settings = page.get_by_role("form", name="Dokumentinnstillinger")
    expect(settings.get_by_label("Smartmail: dager før utskrift *")).to_have_value("21")
    screenshot(page, "97-document-settings")


def test_staff_open_a_customers_documents_from_its_page(page: Page) -> None:
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Nordlys Bergen AS").click()
    page.get_by_role("link", name="Se dokumentene til Nordlys Bergen AS").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Bergen AS")).to_be_visible()
    expect(row_of(page.get_by_role("region", name="Dokumentoversikt"), "2026-1002")).to_be_visible()
    # Documents are sent by the customer's own document handlers
    expect(page.get_by_role("form", name="Send dokument")).to_have_count(0)
