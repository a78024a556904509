"""The remaining document screens in the browser (DOC-4, DOC-6, DOC-7): a document handler corrects an invoice the
recipient's filter stopped, has the rules run again on the correction and sends it again; the recipient refuses a
delivered invoice for a missing reference and the sender sees why; the recipient of an e-mailed invoice opens it
from the link without logging in, and the sender's Smartmail overview shows it opened; the group's statistics per
month and subsidiary; the print jobs that failed, for administrators; the overview searched by the amount due; and
the trading partners documents were stopped with.

Invoices to Fjellbakeriet go from Nordlys Oslo AS here, so Nordlys Bergen's traffic with Fjellbakeriet, which
test_documents.py counts, stays as the demo made it whichever file runs first."""

from __future__ import annotations

import re
import secrets
from decimal import Decimal
from pathlib import Path
from urllib.parse import unquote

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from infrastructure.local import mailbox
from infrastructure.local.runtime import Runtime
from infrastructure.local.sample_documents import SampleParty, invoice
from portal.auth.tokens import token_digest
from portal.documents.repository import DynamoDocumentRepository
from tests.e2e.browser import assert_accessible, fits_the_screen, log_in, screenshot, toast
from tests.support import local_today

pytestmark = pytest.mark.e2e

KARI = "kari.nordmann@nordlys.no"
FAKTURA = "faktura-20000"
FAKTURA_EMAIL = "faktura@fjellbakeriet.no"
BERGEN = SampleParty("Nordlys Bergen AS", "912345696", "Strandkaien 2", "5013", "Bergen")
OSLO = SampleParty("Nordlys Oslo AS", "912345718", "Karl Johans gate 5", "0154", "Oslo")
BAKERY = SampleParty("Fjellbakeriet AS", "912345726", "Storgata 12", "2609", "Lillehammer")
MONTHS = ["jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.", "nov.", "des."]


def new_number() -> str:
    return f"2026-{secrets.randbelow(10**6):06d}"


def open_documents_of(page: Page, customer: str) -> None:
    """Kari's documents open at the group; she chooses the subsidiary."""
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Dokumenter").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Gruppen AS")).to_be_visible()
    page.get_by_role("combobox", name="Kunde", exact=True).select_option(label=customer)
    expect(page.get_by_role("heading", name=f"Dokumenter for {customer}")).to_be_visible()


def process_in_background(runtime: Runtime) -> None:
    """What the runtime's pollers do when they run: the outbox, the document queue, and what that wrote."""
    runtime.streams.drain()
    runtime.queues.drain()
    runtime.streams.drain()


def send_and_open(page: Page, runtime: Runtime, tmp_path: Path, number: str, content: bytes) -> None:
    """Sends an invoice file from the overview, opens its page, and lets the background check and deliver it."""
    file = tmp_path / f"faktura-{number}.xml"
    file.write_bytes(content)
    form = page.get_by_role("form", name="Send dokument")
    form.get_by_label("Fil (XML) *").set_input_files(file)
    with page.expect_response(lambda answer: answer.url.endswith("/documents") and answer.request.method == "POST"):
        form.get_by_role("button", name="Send", exact=True).click()
    expect(toast(page, f"Faktura {number} er mottatt.")).to_be_visible()
    page.get_by_role("link", name=f"Åpne faktura {number}").click()
    expect(page.get_by_role("heading", name=f"Faktura {number}", level=1)).to_be_visible()
    process_in_background(runtime)
    page.reload()
    expect(page.get_by_role("heading", name=f"Faktura {number}", level=1)).to_be_visible()


def steps_of(page: Page) -> Locator:
    return page.get_by_role("region", name="Leveringsforløp").get_by_role("listitem")


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()


def test_a_stopped_invoice_is_corrected_checked_again_and_sent_again(
    page: Page, runtime: Runtime, tmp_path: Path
) -> None:
    number = new_number()
    log_in(page, KARI, KARI)
    open_documents_of(page, "Nordlys Oslo AS")
    content = invoice(
        number=number, seller=OSLO, buyer=BAKERY, lines=[("Frakt", Decimal(2), Decimal(99))], buyer_reference=None
    )
    send_and_open(page, runtime, tmp_path, number, content)
    # Fjellbakeriet's filter stopped it: the panel says why, and holds the correction of what the rule reads
    expect(page.locator(".document-status")).to_contain_text("Stoppet")
    stopped = page.get_by_role("region", name="Stoppet")
    expect(stopped).to_contain_text("PEPPOL-EN16931-R003")
    correction = stopped.get_by_role("form", name="Rett og send på nytt")
    reference = correction.get_by_label("Kjøpers referanse (BT-10)")
    expect(reference).to_have_value("")
    expect(correction.get_by_label("Ordrereferanse (BT-13)")).to_be_visible()
    resend = correction.get_by_role("button", name="Send på nytt")
    expect(resend).to_be_disabled()
    # Nothing filled in: refused before anything is asked
    correction.get_by_role("button", name="Kontroller rettelsen").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("Fyll inn minst én opplysning.")
    # The check runs the rules again on the corrected file
    reference.fill("Innkjøp 4711")
    correction.get_by_role("button", name="Kontroller rettelsen").click()
    expect(stopped.get_by_role("status")).to_contain_text("Rettelsen består kontrollen")
    expect(resend).to_be_enabled()
    screenshot(page, "98-document-correction")
    # A change after the check asks for a new one before sending
    reference.fill("Innkjøp 4712")
    expect(resend).to_be_disabled()
    expect(stopped.get_by_role("status")).to_contain_text("Kontroller rettelsen på nytt")
    correction.get_by_role("button", name="Kontroller rettelsen").click()
    expect(resend).to_be_enabled()
    with page.expect_response(lambda answer: answer.url.endswith("/corrections")):
        resend.click()
    expect(toast(page, f"Faktura {number} er rettet og sendt på nytt.")).to_be_visible()
    # The page is read again at once: received again, the correction in the timeline, the original kept
    expect(page.locator(".document-status")).to_contain_text("Mottatt, under behandling")
    expect(page.get_by_role("region", name="Stoppet")).to_have_count(0)
    expect(steps_of(page).filter(has_text="Rettet")).to_contain_text("Rettet: Kjøpers referanse")
    files = page.get_by_role("region", name="Filversjoner")
    expect(files.get_by_role("row")).to_have_count(3)
    expect(files.get_by_role("row").nth(2)).to_contain_text("Rettet: Kjøpers referanse")
    # And delivered once the background has checked it again
    process_in_background(runtime)
    page.reload()
    expect(page.locator(".document-status")).to_contain_text("Levert")
    steps = steps_of(page)
    expect(steps.filter(has_text="Stoppet av filteret")).to_have_count(1)
    expect(steps.filter(has_text="Rettet")).to_contain_text("Kjøpers referanse")
    expect(steps.filter(has_text="Rettet")).to_contain_text(f"av {KARI}")
    expect(steps.filter(has_text="Kontrollert mot reglene")).to_have_count(1)  # checked again, and passed
    expect(steps.last).to_contain_text("Levert til mottakeren")


def test_the_recipient_refuses_a_delivered_invoice_and_the_sender_sees_why(
    page: Page, runtime: Runtime, tmp_path: Path
) -> None:
    number = new_number()
    log_in(page, KARI, KARI)
    open_documents_of(page, "Nordlys Oslo AS")
    content = invoice(number=number, seller=OSLO, buyer=BAKERY, lines=[("Telling", Decimal(1), Decimal(450))])
    send_and_open(page, runtime, tmp_path, number, content)
    expect(page.locator(".document-status")).to_contain_text("Levert")
    # The sender's document handler is not offered the recipient's refusal
    expect(page.get_by_role("region", name="Godtar ikke dokumentet")).to_have_count(0)
    log_out(page)
    # Fjellbakeriet's invoice login finds it among what it received
    log_in(page, FAKTURA, FAKTURA_EMAIL)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Dokumenter").click()
    expect(page.get_by_role("heading", name="Dokumenter for Fjellbakeriet AS")).to_be_visible()
    page.get_by_role("link", name=f"Faktura {number}").click()
    expect(page.get_by_role("heading", name=f"Faktura {number}", level=1)).to_be_visible()
    refusal = page.get_by_role("region", name="Godtar ikke dokumentet")
    form = refusal.get_by_role("form", name="Godtar ikke dokumentet")
    # Nothing given: both the reason and what is missing are asked for, next to their fields
    form.get_by_role("button", name="Avvis dokumentet").click()
    summary = page.get_by_role("alert").filter(has_text="Noe må rettes")
    expect(summary).to_contain_text("Begrunnelse: Må fylles ut.")
    expect(summary).to_contain_text("Opplysninger som mangler: Kryss av for minst én opplysning som mangler.")
    assert_accessible(page)  # the form with its errors shown, too
    form.get_by_label("Begrunnelse *").fill("Mangler kontraktsnummer")
    form.get_by_label("Kontraktsreferanse (BT-12)").check()
    form.get_by_role("button", name="Avvis dokumentet").click()
    expect(toast(page, f"Faktura {number} er avvist.")).to_be_visible()
    refused = page.get_by_role("region", name="Ikke godtatt")
    expect(refused).to_contain_text("Mangler kontraktsnummer")
    expect(refused).to_contain_text("BT-12")
    expect(refused).to_contain_text("Avsenderen, Nordlys Oslo AS, har fått beskjed")
    expect(page.get_by_role("region", name="Godtar ikke dokumentet")).to_have_count(0)
    log_out(page)
    # The sender sees it refused, with the reason, and may correct the contract reference
    log_in(page, KARI, KARI)
    open_documents_of(page, "Nordlys Oslo AS")
    page.get_by_role("link", name=f"Faktura {number}").click()
    expect(page.locator(".document-status")).to_contain_text("Ikke godtatt")
    told = page.get_by_role("region", name="Ikke godtatt")
    expect(told).to_contain_text("Mangler kontraktsnummer")
    correction = told.get_by_role("form", name="Rett og send på nytt")
    expect(correction.get_by_label("Kontraktsreferanse (BT-12)")).to_have_value("")
    expect(correction.get_by_label("Kjøpers referanse (BT-10)")).to_have_count(0)
    expect(steps_of(page).last).to_contain_text("Ikke godtatt av mottakeren")


def test_the_recipient_opens_an_emailed_invoice_and_smartmail_shows_it_opened(
    page: Page, browser: Browser, base_url: str, runtime: Runtime, tmp_path: Path
) -> None:
    number, waiting = new_number(), new_number()
    address = f"post-{secrets.token_hex(4)}@fjordkafeen.no"
    cafe = SampleParty("Fjordkafeen AS", "986105174", "Bryggen 3", "5003", "Bergen", email=address)
    log_in(page, KARI, KARI)
    open_documents_of(page, "Nordlys Bergen AS")
    # One invoice the recipient will leave unopened for now
    lines = [("Kaffefilter", Decimal(10), Decimal(25))]
    send_and_open(page, runtime, tmp_path, waiting, invoice(number=waiting, seller=BERGEN, buyer=cafe, lines=lines))
    page.get_by_role("link", name="Til dokumentoversikten").click()
    content = invoice(number=number, seller=BERGEN, buyer=cafe, lines=[("Kaffebønner", Decimal(4), Decimal(150))])
    send_and_open(page, runtime, tmp_path, number, content)
    # Not in the network and not on Peppol: Smartmail e-mails it with a link
    expect(page.locator(".document-status strong")).to_have_text("Sendt")
    expect(page.get_by_text("Sendes i posten hvis uåpnet")).to_be_visible()
    messages = [message for message in mailbox.messages_to(address) if number in str(message["subject"])]
    assert len(messages) == 1, mailbox.messages_to(address)
    link = re.search(r"/#/open/([A-Za-z0-9_-]+)", str(messages[0]["body"]))
    assert link, messages[0]["body"]
    # The link is known (its digest kept with the document), so a failure below is the page's, not the link's
    assert DynamoDocumentRepository().tracked(token_digest(link.group(1))) is not None, link.group(1)
    # The recipient opens the link in a browser of its own, without logging in
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    try:
        recipient = context.new_page()
        recipient.goto(f"/#/open/{link.group(1)}")
        heading = recipient.get_by_role("heading", name=f"Faktura {number} fra Nordlys Bergen AS", level=1)
        expect(heading).to_be_visible()
        # Opening it is what keeps it from being printed and posted
        not_posted = "Til Fjordkafeen AS. Du har åpnet dokumentet, så det blir ikke sendt i posten."
        expect(recipient.get_by_text(not_posted)).to_be_visible()
        expect(recipient.get_by_role("navigation", name="Hovedmeny")).to_have_count(0)
        expect(recipient.get_by_role("link", name="Last ned dokumentet (XML)")).to_be_visible()
        totals = recipient.get_by_role("region", name="Beløp")
        expect(totals.get_by_role("row", name=re.compile("Å betale"))).to_contain_text(re.compile(r"750,00\s?kr"))
        expect(totals).to_contain_text("Kaffebønner")
        expect(recipient.get_by_role("group", name="Kjøper")).to_contain_text("Fjordkafeen AS")
        screenshot(recipient, "99-opened-document")
        recipient.set_viewport_size({"width": 390, "height": 800})
        assert fits_the_screen(recipient)
        # A link that leads nowhere says so
        recipient.goto(f"/#/open/{'x' * 40}")
        expect(recipient.get_by_role("heading", name="Lenken fører ikke til noe dokument")).to_be_visible()
    finally:
        context.close()
    # Opened, so never posted: the sender's Smartmail overview lists it under Åpnet
    runtime.streams.drain()
    page.reload()
    expect(page.locator(".document-status")).to_contain_text("Åpnet av mottakeren")
    expect(steps_of(page).last).to_contain_text("Åpnet av mottakeren")
    page.get_by_role("link", name="Til dokumentoversikten").click()
    page.get_by_role("navigation", name="Dokumentsider").get_by_role("link", name="Smartmail").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Bergen AS")).to_be_visible()
    expect(page.get_by_text(re.compile(r"ikke er åpnet innen \d+ dager, skrives ut og sendes"))).to_be_visible()
    opened = page.get_by_role("region", name="Åpnet", exact=True)
    row = opened.get_by_role("row").filter(has=page.get_by_role("link", name=f"Faktura {number}"))
    expect(row).to_contain_text("Fjordkafeen AS")
    expect(row).to_contain_text(re.compile(r"750,00\s?kr"))
    unopened = page.get_by_role("region", name="Ikke åpnet ennå")
    expect(unopened.get_by_role("link", name=f"Faktura {number}")).to_have_count(0)
    # The unopened one, with the days left before it is printed and posted (the customer's days, sent today)
    days = page.get_by_text(re.compile(r"ikke er åpnet innen (\d+) dager")).inner_text()
    left = re.search(r"innen (\d+) dager", days)
    assert left
    row = unopened.get_by_role("row").filter(has=page.get_by_role("link", name=f"Faktura {waiting}"))
    expect(row).to_contain_text(f"{left.group(1)} dager")
    expect(row).to_contain_text(re.compile(r"312,50\s?kr"))
    expect(page.get_by_role("region", name="Sendt i posten")).to_be_visible()
    screenshot(page, "100-smartmail")


def test_group_statistics_show_each_subsidiarys_channels_and_volumes(page: Page) -> None:
    log_in(page, KARI, KARI)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Dokumenter").click()
    page.get_by_role("navigation", name="Dokumentsider").get_by_role("link", name="Statistikk").click()
    expect(page.get_by_role("heading", name="Dokumenter for Nordlys Gruppen AS")).to_be_visible()
    today = local_today()
    this_month = f"{MONTHS[today.month - 1]} {today.year}"
    # The last twelve months by default, for the group and the subsidiaries Kari sees
    expect(page.get_by_label("Til måned")).to_have_value(today.isoformat()[:7])
    expect(page.get_by_text("Med: Nordlys Gruppen AS, Nordlys Bergen AS, Nordlys Oslo AS.")).to_be_visible()
    expect(page.get_by_role("figure", name="Dokumenter per måned etter kanal")).to_be_visible()
    expect(page.get_by_role("figure", name="Dokumenter sendt og mottatt per måned, per selskap")).to_be_visible()
    expect(page.locator(".chart-canvas svg")).to_have_count(2)
    # The same figures as a table: Bergen's demo invoices this month
    table = page.get_by_role("grid", name="Tall per selskap og måned")
    bergen = table.get_by_role("row").filter(has_text="Nordlys Bergen AS").filter(has_text=this_month)
    expect(bergen).to_have_count(1)
    cells = bergen.get_by_role("gridcell")
    expect(cells.nth(0)).to_have_text(this_month)
    expect(cells.nth(1)).not_to_have_text("0")  # outgoing
    expect(cells.nth(2)).to_have_text(re.compile(r"^\d+$"))  # incoming
    # Every column in view beside the guide: the table fits its card without scrolling sideways
    assert page.locator(".compact-table .table-wrap").evaluate("(wrap) => wrap.scrollWidth <= wrap.clientWidth")
    screenshot(page, "101-document-statistics")
    # Months without documents only on request: then one row per company and month, twelve months of three
    expect(page.get_by_text(re.compile(r"rader? uten dokumenter er utelatt"))).to_be_visible()
    page.get_by_label("Vis også måneder uten dokumenter").check()
    expect(table.get_by_role("row")).to_have_count(1 + 12 * 3)
    # On a phone the charts and the table keep to the screen's width
    page.set_viewport_size({"width": 390, "height": 800})
    assert fits_the_screen(page)
    page.set_viewport_size({"width": 1280, "height": 800})
    # Each chart's own figures, shown as a table on request
    by_channel = page.get_by_role("figure", name="Dokumenter per måned etter kanal")
    by_channel.get_by_role("button", name="Vis som tabell").click()
    expect(by_channel.get_by_role("table")).to_be_visible()
    expect(by_channel.get_by_role("columnheader", name="Peppol")).to_be_visible()
    by_channel.get_by_role("button", name="Skjul tabellen").click()
    # More than two years at once is refused in words
    page.get_by_label("Fra måned").select_option(index=30)
    page.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Statistikken dekker høyst 24 måneder")


def test_administrators_see_the_print_jobs_that_failed(page: Page) -> None:
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Innstillinger").click()
    jobs = page.get_by_role("region", name="Utskrifter som feilet")
    expect(jobs).to_contain_text("Smartmail skriver ut og poster dokumenter")
    expect(
        jobs.get_by_text("Ingen utskrifter har feilet.").or_(jobs.get_by_role("button", name="Skriv ut på nytt"))
    ).to_be_visible()
    jobs.scroll_into_view_if_needed()
    screenshot(page, "102-failed-print-jobs")


def row_of(overview: Locator, number: str) -> Locator:
    """The overview's row of a document, found by the link its number is (named with the document's type)."""
    link = overview.page.get_by_role("link", name=re.compile(rf" {re.escape(number)}$"))
    return overview.get_by_role("row").filter(has=link)


def test_a_document_handler_finds_documents_by_their_amount(page: Page) -> None:
    log_in(page, KARI, KARI)
    open_documents_of(page, "Nordlys Bergen AS")
    overview = page.get_by_role("region", name="Dokumentoversikt")
    search = page.get_by_role("search", name="Søk i dokumentene")
    expect(row_of(overview, "2026-1002")).to_be_visible()
    # Typed the Norwegian way: the demo invoice of 1 687,50 kr is between 1 000 and 2 000 kroner, its others are not
    search.get_by_label("Beløp fra").fill("1 000")
    search.get_by_label("Beløp til").fill("2 000,00")
    expect(search.get_by_label("Valuta")).to_have_value("NOK")
    search.get_by_role("button", name="Søk").click()
    expect(row_of(overview, "2026-1001")).to_contain_text(re.compile(r"1\s687,50\s?kr"))
    expect(row_of(overview, "2026-1002")).to_have_count(0)
    expect(row_of(overview, "2026-1003")).to_have_count(0)
    expect(overview.get_by_text("måned for måned, nyeste måned først")).to_be_visible()
    # Kept in the address as the API takes it, and shown again as typed
    address = unquote(page.url)  # the router writes a string that reads as a number in quotes, to keep it a string
    assert 'amountFrom="1000.00"' in address, address
    assert 'amountTo="2000.00"' in address, address
    page.reload()
    expect(search.get_by_label("Beløp fra")).to_have_value(re.compile(r"^1\s000,00$"))
    expect(row_of(overview, "2026-1001")).to_be_visible()
    screenshot(page, "107-amount-search")
    # The same amounts in Swedish kronor: none of Bergen's documents
    search.get_by_label("Valuta").select_option("SEK")
    search.get_by_role("button", name="Søk").click()
    expect(overview.get_by_text("Ingen dokumenter passer til søket.")).to_be_visible()
    search.get_by_label("Valuta").select_option("NOK")
    # What is not an amount is refused at its field before anything is asked
    search.get_by_label("Beløp til").fill("mye")
    search.get_by_role("button", name="Søk").click()
    expect(search.get_by_label("Beløp til")).to_have_accessible_description("Skriv et beløp, for eksempel 1 500,00.")
    expect(search.get_by_label("Beløp til")).to_be_focused()
    # The amounts the wrong way round: the API's refusal is shown at the lowest amount
    search.get_by_label("Beløp fra").fill("2 000")
    search.get_by_label("Beløp til").fill("1 000")
    search.get_by_role("button", name="Søk").click()
    expect(page.get_by_role("alert")).to_contain_text("Beløp fra er høyere enn beløp til")
    expect(search.get_by_label("Beløp fra")).to_have_accessible_description("Kan ikke være høyere enn beløp til.")
    expect(search.get_by_label("Beløp fra")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)


def test_the_trading_partners_documents_were_stopped_with(page: Page) -> None:
    log_in(page, KARI, KARI)
    open_documents_of(page, "Nordlys Bergen AS")
    page.get_by_role("navigation", name="Dokumentsider").get_by_role("link", name="Handelspartnere").click()
    partners = page.get_by_role("region", name="Handelspartnere")
    expect(page.get_by_role("radio", name="Alle")).to_be_checked()
    expect(partners.get_by_role("row").filter(has_text="Bygg og Anlegg Vest AS")).to_be_visible()
    # Only those Bergen's documents were stopped with, most often first: the demo's invoice to Fjellbakeriet
    page.get_by_role("radio", name="Med stoppede dokumenter").check()
    expect(partners).to_contain_text("de med flest stoppede dokumenter først")
    bakery = partners.get_by_role("row").filter(has_text="Fjellbakeriet AS")
    expect(bakery).to_be_visible()
    expect(bakery.get_by_role("gridcell").nth(5)).to_have_text(re.compile(r"^[1-9]\d*$"))  # stopped, at least once
    expect(partners.get_by_role("row").filter(has_text="Bygg og Anlegg Vest AS")).to_have_count(0)
    # Kept in the address: reopened, the same choice
    assert "stopped=true" in page.url, page.url
    page.reload()
    expect(page.get_by_role("radio", name="Med stoppede dokumenter")).to_be_checked()
    expect(partners.get_by_role("row").filter(has_text="Fjellbakeriet AS")).to_be_visible()
    screenshot(page, "108-stopped-partners")
    # The partner's name still opens the documents exchanged with it
    partners.get_by_role("link", name="Dokumenter med Fjellbakeriet AS").click()
    expect(page.get_by_role("search", name="Søk i dokumentene").get_by_label("Handelspartner")).to_have_value(
        "0192:912345726"
    )
