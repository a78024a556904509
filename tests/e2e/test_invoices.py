"""Invoices (INV-1, seed 004 "Fakturaer") in the browser.

The bakery's invoice-customer login opens Fakturaer, finds the overdue 2017-118350 by status (Forfalt, 1 500,00 kr
total and outstanding, as seed 004 lists it) and by its number, opens it and downloads it as a PDF that names it.
Staff (the administrator) open the bakery's invoices from its page, register a payment on an invoice of the test's
own and see what is outstanding go down; a payment larger than what is outstanding is refused in words at its field.

Each test's own invoice has a number of its own, so it is found whatever the others made."""

from __future__ import annotations

import io
import re
import uuid
from datetime import date, timedelta
from urllib.parse import urljoin

import pypdf
import pytest
import requests
from playwright.sync_api import Page, expect

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import log_in, screenshot, toast
from tests.support import ApiClient

pytestmark = pytest.mark.e2e

READER = ("faktura-20000", "faktura@fjellbakeriet.no")
ADMIN = ("admin", "anne.admin@kundeportal.example")
BAKERY = "Fjellbakeriet AS"
OVERDUE = "2017-118350"


def kroner(amount: str) -> re.Pattern[str]:
    """An amount as the app writes NOK in Norwegian: "1 500,00 kr", the spaces no-break ones."""
    return re.compile(amount.replace(" ", r"\s") + r"\skr")


def search(page: Page, *, number: str = "", status: str = "Alle") -> None:
    finder = page.get_by_role("search", name="Søk etter faktura")
    finder.get_by_label("Fakturanummer").fill(number)
    finder.get_by_label("Status").select_option(label=status)
    finder.get_by_role("button", name="Søk").click()


def test_an_invoice_reader_finds_an_overdue_invoice_and_downloads_it_as_a_pdf(page: Page, runtime: Runtime) -> None:
    log_in(page, *READER)
    tab = page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Fakturaer")
    tab.click()
    expect(page.get_by_role("heading", name=f"Fakturaer hos {BAKERY}", level=1)).to_be_visible()
    expect(tab).to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Her ser du alle fakturaer dere har hos oss.")).to_be_visible()
    grid = page.get_by_role("grid", name="Fakturaer")
    expect(grid.get_by_role("columnheader")).to_have_text(
        ["Fakturanummer", "Fakturadato", "Forfallsdato", "Betaler", "Total", "Utestående", "Status"]
    )
    # This year's invoice, partly paid: unpaid with what remains outstanding
    this_year = grid.get_by_role("row").filter(has_text=f"{date.today().year}-120001")
    expect(this_year).to_contain_text("Ubetalt")
    expect(this_year).to_contain_text(kroner("12 450,00"))
    expect(this_year).to_contain_text(kroner("10 000,00"))
    screenshot(page, "220-invoices-list")

    # Status Forfalt: 2017-118350 as seed 004 lists it
    search(page, status="Forfalt")
    row = grid.get_by_role("row").filter(has_text=OVERDUE)
    expect(row).to_contain_text("31.12.2017")
    expect(row).to_contain_text("20.01.2018")
    expect(row).to_contain_text(BAKERY)
    expect(row).to_contain_text(re.compile(r"1\s500,00\skr.*1\s500,00\skr.*Forfalt"))
    expect(grid.get_by_role("row").filter(has_text="Ubetalt")).to_have_count(0)
    screenshot(page, "221-invoices-overdue")

    # Its number finds it alone
    search(page, number=OVERDUE)
    expect(grid.get_by_role("row")).to_have_count(2)  # the header and the invoice
    expect(page.get_by_text("1 faktura vises.")).to_be_visible()
    search(page, number="2099-000000")
    expect(page.get_by_text("Ingen fakturaer å vise.")).to_be_visible()
    search(page, number=OVERDUE)

    # The invoice: its facts, no payments yet, no forms for a reader; the PDF made in the background
    grid.get_by_role("link", name=OVERDUE).click()
    expect(page.get_by_role("heading", name=f"Faktura {OVERDUE}", level=1)).to_contain_text("Forfalt")
    facts = page.locator("dl.details")
    expect(facts).to_contain_text("Fakturadato31.12.2017")
    expect(facts).to_contain_text("Forfallsdato20.01.2018")
    expect(facts).to_contain_text(f"Betaler{BAKERY}")
    expect(facts).to_contain_text(re.compile(r"Utestående1\s500,00\skr"))
    expect(page.get_by_text("Ingen innbetalinger eller kreditnotaer er registrert.")).to_be_visible()
    expect(page.get_by_role("form", name="Registrer innbetaling")).to_have_count(0)
    with page.expect_response(lambda answer: answer.url.endswith("/printouts") and answer.request.method == "POST"):
        page.get_by_role("button", name="Last ned PDF").click()
    runtime.streams.drain()
    runtime.queues.drain()
    pdf = page.get_by_role("link", name=re.compile(r"^Last ned PDF \(\d+ kB\)"))
    expect(pdf).to_be_focused(timeout=20_000)
    screenshot(page, "222-invoice-reader")
    href = pdf.get_attribute("href")
    assert href
    fetched = requests.get(urljoin(page.url, href), timeout=30)
    assert fetched.status_code == 200
    assert fetched.content.startswith(b"%PDF-")
    text = "\n".join(sheet.extract_text() for sheet in pypdf.PdfReader(io.BytesIO(fetched.content)).pages)
    assert OVERDUE in text


def test_staff_register_a_payment_and_a_payment_above_what_is_outstanding_is_refused(
    page: Page, api: ApiClient, demo: DemoData
) -> None:
    admin = api.login("admin")
    number = f"E2E-{uuid.uuid4().int % 10**8:08d}"
    today = date.today()
    made = api.post(
        f"/customers/{demo.customer_ids['bakery']}/invoices",
        token=admin,
        body={
            "number": number,
            "invoice_date": today.isoformat(),
            "due_date": (today + timedelta(days=20)).isoformat(),
            "total_minor": 2_000_00,
            "currency": "NOK",
        },
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert made.status == 201, made.body

    # From the customer's page to its invoices (no tab for staff), then the invoice by its number
    log_in(page, *ADMIN)
    expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Fakturaer")).to_have_count(0)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name=BAKERY, exact=True).click()
    expect(page.get_by_role("heading", name=BAKERY, level=1)).to_be_visible()
    page.get_by_role("link", name=f"Se fakturaene til {BAKERY}").click()
    expect(page.get_by_role("heading", name=f"Fakturaer hos {BAKERY}", level=1)).to_be_visible()
    search(page, number=number)
    grid = page.get_by_role("grid", name="Fakturaer")
    expect(grid.get_by_role("row").filter(has_text=number)).to_contain_text("Ubetalt")
    grid.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name=f"Faktura {number}", level=1)).to_contain_text("Ubetalt")
    facts = page.locator("dl.details")
    expect(facts).to_contain_text(re.compile(r"Utestående2\s000,00\skr"))

    # A payment of 500: what is outstanding goes down to 1 500, and the payment is listed
    payment = page.get_by_role("form", name="Registrer innbetaling")
    payment.get_by_label("Beløp *").fill("500")
    payment.get_by_label("Referanse").fill("KID 123")
    payment.get_by_role("button", name="Registrer innbetaling").click()
    expect(toast(page, re.compile(rf"Innbetaling på 500,00\skr er registrert på faktura {number}\."))).to_be_visible()
    expect(facts).to_contain_text(re.compile(r"Utestående1\s500,00\skr"))
    expect(facts).to_contain_text(re.compile(r"Innbetalt500,00\skr"))
    entries = page.get_by_role("table", name="Innbetalinger og kreditnotaer")
    expect(entries.get_by_role("row").filter(has_text="KID 123")).to_contain_text("Innbetaling")
    expect(payment.get_by_label("Beløp *")).to_have_value("")
    screenshot(page, "223-invoice-payment")

    # More than is outstanding: refused, in words, at the amount
    payment.get_by_label("Beløp *").fill("1 600,00")
    payment.get_by_role("button", name="Registrer innbetaling").click()
    summary = payment.get_by_role("alert")
    expect(summary).to_contain_text("Beløp: Beløpet er større enn det som står utestående på fakturaen.")
    expect(payment.get_by_label("Beløp *")).to_have_attribute("aria-invalid", "true")
    expect(facts).to_contain_text(re.compile(r"Utestående1\s500,00\skr"))
    # Not an amount at all: said before it is sent
    credit = page.get_by_role("form", name="Registrer kreditnota")
    credit.get_by_role("button", name="Registrer kreditnota").click()
    expect(credit.get_by_role("alert")).to_contain_text("Kreditnotanummer: Må fylles ut.")
    screenshot(page, "224-invoice-refused")
