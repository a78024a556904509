"""Deposits in the browser (DEP-1, DEP-2): a deposit registrar fills in a slip (the bag number cleaned as typed, the
amounts and total computed while typing), reviews it and saves it, and finds its receipt in the history; reverses
a slip with a reason; the cash centre counts a bag from the customer's page, and the counting receipt shows the
difference."""

from __future__ import annotations

import re
import secrets

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.browser import log_in, screenshot, toast

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


def test_the_cash_centre_counts_a_bag_and_the_counting_receipt_shows_the_difference(page: Page) -> None:
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
