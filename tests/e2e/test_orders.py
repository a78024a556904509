"""Supplies orders in the browser (ORD-1): an orderer places one and sees the confirmation at the top and the order
first in the list below, told what to fix when a quantity is too large; an overdue order says how to get in touch;
an administrator keeps the catalogue and staff record a delivery from the customer's page."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from portal.business_days import is_business_day
from portal.money import Currency
from tests.e2e.browser import log_in, pdf_text, screenshot, toast
from tests.support import ApiClient, local_today, service_order_waits, wait_for

pytestmark = pytest.mark.e2e

OLA = "ola.hansen@nordlys-bergen.no"


def test_an_orderer_places_a_supplies_order_and_finds_it_below_the_confirmation(page: Page) -> None:
    log_in(page, OLA, OLA)
    page.get_by_role("link", name="Bestill rekvisita til Nordlys Bergen AS").click()
    expect(page.get_by_role("heading", name="Ordre for Nordlys Bergen AS")).to_be_visible()
    # The demo's order of nine days ago has not arrived: the page says how to get in touch about it
    orders = page.get_by_role("region", name="Rekvisitabestillinger")
    expect(
        orders.get_by_text(re.compile(r"Bestilling 2 skulle normalt vært levert innen \d\d\.\d\d\.\d{4}"))
    ).to_be_visible()
    expect(orders.get_by_role("link", name="Skriv til kundeservice")).to_have_attribute(
        "href", re.compile(r"^mailto:.*rekvisitabestilling%202")
    )
    # The delivery address is the customer's own, filled in
    expect(page.get_by_label("Adresse *")).to_have_value("Strandkaien 2")
    expect(page.get_by_label("Postnummer *")).to_have_value("5013")
    # Too many bags and no postcode: both problems at once, next to their fields, and nothing typed is lost
    page.get_by_label("Nattsafeposer (pakke à 100)").fill("25")
    page.get_by_label("Merknader").fill("Til kasse 2")
    page.get_by_label("Postnummer *").fill("50")
    page.get_by_role("button", name="Legg inn bestilling").click()
    summary = page.get_by_role("alert").filter(has_text="Noe må rettes")
    expect(summary).to_contain_text("Nattsafeposer: Høyst 20.")
    expect(summary).to_contain_text("Postnummer: Et postnummer her har 4 siffer")
    expect(page.get_by_label("Merknader")).to_have_value("Til kasse 2")
    screenshot(page, "70-supplies-order-refused")
    # Corrected, the order is placed: the confirmation at the top, the order first in the list below
    page.get_by_label("Nattsafeposer (pakke à 100)").fill("2")
    page.get_by_label("Postnummer *").fill("5013")
    page.get_by_role("button", name="Legg inn bestilling").click()
    confirmation = page.get_by_role("status").filter(has_text="er lagt inn")
    expect(confirmation).to_contain_text(re.compile(r"Bestilling \d+ er lagt inn\. Den leveres normalt innen"))
    number = re.search(r"Bestilling (\d+)", confirmation.inner_text())
    assert number
    first = orders.get_by_role("row").nth(1)
    expect(first).to_contain_text(number.group(1))
    expect(first).to_contain_text("2 × Nattsafeposer")
    expect(first).to_contain_text("Til kasse 2")
    expect(page.get_by_label("Nattsafeposer (pakke à 100)")).to_have_value("")
    screenshot(page, "71-supplies-order-placed")
    # In English too
    page.get_by_label("Språk").select_option("en")
    expect(page.get_by_role("heading", name="Orders for Nordlys Bergen AS")).to_be_visible()
    expect(
        page.get_by_role("region", name="Supplies orders").get_by_text(re.compile("should normally have arrived by"))
    ).to_be_visible()
    screenshot(page, "72-supplies-order-en")
    page.get_by_label("Language").select_option("nb")


def test_an_administrator_keeps_the_catalogue_and_staff_record_a_delivery(
    page: Page, runtime: Runtime, demo: DemoData
) -> None:
    # An order of Bergen's of this test's own, to be delivered (the demo's overdue order stays overdue)
    api = ApiClient(runtime.gateway)
    placed = api.post(
        f"/customers/{demo.customer_ids['bergen']}/supplies-orders",
        token=api.login(OLA),
        body={
            "lines": [{"product_id": demo.product_ids["slips"], "quantity": 1}],
            "delivery_address": {
                "recipient": "Nordlys Bergen AS",
                "address": "Strandkaien 2",
                "postal_code": "5013",
                "city": "Bergen",
            },
        },
    )
    assert placed.status == 201, placed.body
    number = placed.body["number"]
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Produktkatalog").click()
    expect(page.get_by_role("heading", name="Produktkatalog", level=1)).to_be_visible()
    # The retired demo product is listed as such
    products = page.get_by_role("grid", name="Produkter")
    expect(products.get_by_role("row", name=re.compile("Plomber"))).to_contain_text("Utgått")
    # A new product
    name = f"Kvitteringsruller {uuid.uuid4().hex[:4]}"
    new = page.get_by_role("form", name="Nytt produkt")
    new.get_by_label("Navn *").fill(name)
    new.get_by_label("Artikkelnummer *").fill(f"KR-{uuid.uuid4().hex[:4]}")
    new.get_by_label("Enhet").fill("eske à 20")
    new.get_by_label("Høyst per bestilling *").fill("5")
    new.get_by_role("button", name="Legg til produkt").click()
    expect(toast(page, f"{name} er lagt til i katalogen.")).to_be_visible()
    row = products.get_by_role("row", name=re.compile(name))
    expect(row).to_contain_text("I sortimentet")
    screenshot(page, "73-catalogue")
    # Taken out of the range after confirming, and offered again
    row.get_by_role("button", name=f"Ta ut av sortimentet: {name}").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Ta ut av sortimentet").click()
    expect(toast(page, f"{name} er tatt ut av sortimentet.")).to_be_visible()
    expect(row).to_contain_text("Utgått")
    row.get_by_role("button", name=f"Tilby igjen: {name}").click()
    expect(row).to_contain_text("I sortimentet")
    # Staff reach a customer's orders from its page, do not see the customer's notes, and record a delivery
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Nordlys Bergen AS").click()
    page.get_by_role("link", name="Se rekvisitabestillingene til Nordlys Bergen AS").click()
    orders = page.get_by_role("region", name="Rekvisitabestillinger")
    expect(orders.get_by_role("columnheader", name="Merknader")).to_have_count(0)
    expect(page.get_by_role("button", name="Legg inn bestilling")).to_have_count(0)
    orders.get_by_role("button", name=f"Marker som levert: bestilling {number}").click()
    expect(toast(page, f"Bestilling {number} er markert som levert.")).to_be_visible()
    expect(orders.get_by_role("row", name=str(number), exact=True)).to_contain_text("Levert")
    screenshot(page, "74-orders-staff")


def next_business_day(after: date, weekdays: set[int]) -> date:
    day = after + timedelta(days=1)
    while day.weekday() not in weekdays or not is_business_day(day, Currency.NOK):
        day += timedelta(days=1)
    return day


def test_a_change_order_with_its_running_total_the_limit_refusal_and_deletion(page: Page) -> None:
    # Staff agree delivery on Mondays and Thursdays with Nordlys Bergen, and a credit limit of 20 000 kroner
    log_in(page, "admin", "anne.admin@kundeportal.example")
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name="Nordlys Bergen AS").click()
    agreement = page.get_by_role("form", name="Avtale om veksel")
    for day in ("mandag", "tirsdag", "onsdag", "torsdag", "fredag"):
        agreement.get_by_label(day, exact=True).set_checked(day in {"mandag", "torsdag"})
    agreement.get_by_label("Kredittgrense per bestilling *").fill("20 000")
    agreement.get_by_role("button", name="Lagre avtalen").click()
    expect(toast(page, "Avtalen om veksel er lagret.")).to_be_visible()
    screenshot(page, "75-cash-agreement")
    page.get_by_role("button", name="Logg ut").click()
    # Ola orders change for the next Monday or Thursday the banks are open
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ordre").click()
    kinds = page.get_by_role("navigation", name="Ordretyper")
    kinds.get_by_role("link", name="Veksel").click()
    expect(kinds.get_by_role("link", name="Veksel")).to_have_attribute("aria-current", "page")
    expect(kinds.get_by_role("link", name="Rekvisita")).not_to_have_attribute("aria-current", "page")
    expect(page.get_by_text("Levering: mandag, torsdag. Kredittgrense per bestilling: 20 000,00 kr")).to_be_visible()
    delivery = next_business_day(local_today() + timedelta(days=2), {0, 3})
    page.get_by_role("spinbutton", name=re.compile("^dag")).focus()
    page.keyboard.type(delivery.strftime("%d%m%Y"))
    form = page.get_by_role("form", name="Ny vekselbestilling")
    form.get_by_label("Seddel 1 000,00 kr").fill("15")
    form.get_by_label("Seddel 500,00 kr").fill("12")
    # The total and what is left of the limit show while typing; over the limit, the order is refused
    totals = form.locator(".totals")
    expect(totals).to_contain_text(re.compile(r"Sum: 21\s000,00\s?kr"))
    expect(totals).to_contain_text(re.compile(r"1\s000,00\s?kr over kredittgrensen på 20\s000,00\s?kr"))
    form.get_by_role("button", name="Legg inn vekselbestilling").click()
    summary = page.get_by_role("alert").filter(has_text="Noe må rettes")
    expect(summary).to_contain_text(re.compile(r"Summen er 1\s000,00\s?kr over kredittgrensen på 20\s000,00\s?kr"))
    screenshot(page, "76-change-order-over-limit")
    # By amount instead: 10 000 kroner in 500-kroner notes, and 250 kroner in 20-kroner coins is not a whole number
    form.get_by_label("beløp").check()
    form.get_by_label("Seddel 1 000,00 kr").fill("")
    form.get_by_label("Seddel 500,00 kr").fill("10 000")
    form.get_by_label("Mynt 20,00 kr").fill("250")
    form.get_by_role("button", name="Legg inn vekselbestilling").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("Mynt 20,00 kr")
    form.get_by_label("Mynt 20,00 kr").fill("240")
    expect(totals).to_contain_text(re.compile(r"Sum: 10\s240,00\s?kr"))
    form.get_by_role("button", name="Legg inn vekselbestilling").click()
    confirmation = page.get_by_role("status").filter(has_text="er lagt inn")
    expect(confirmation).to_contain_text(re.compile(r"Vekselbestilling \d+ på 10\s240,00\s?kr er lagt inn"))
    number = re.search(r"Vekselbestilling (\d+)", confirmation.inner_text())
    assert number
    orders = page.get_by_role("region", name="Vekselbestillinger")
    row = orders.get_by_role("row", name=number.group(1), exact=True)
    expect(row).to_contain_text(re.compile(r"Kan slettes til og med \d\d\.\d\d\.\d{4}"))
    screenshot(page, "77-change-order-placed")
    # Deleted after confirming, it stays in the list as deleted
    row.get_by_role("button", name=f"Slett: bestilling {number.group(1)}").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Slett").click()
    expect(toast(page, f"Vekselbestilling {number.group(1)} er slettet.")).to_be_visible()
    expect(row).to_contain_text("Slettet")
    page.get_by_label("Språk").select_option("sv")
    expect(page.get_by_role("heading", name="Beställningar för Nordlys Bergen AS")).to_be_visible()
    screenshot(page, "78-change-orders-sv")
    page.get_by_label("Språk").select_option("nb")


def open_service_order(page: Page, bergen: str, order_id: str) -> None:
    page.goto(f"/#/orders/service?customer={bergen}&order={order_id}")


def test_a_service_order_through_the_approval_flow_as_customer_and_staff(page: Page, demo: DemoData) -> None:
    bergen = demo.customer_ids["bergen"]
    # Ola sends a service order under the contract: its reference is filled in from the contract
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ordre").click()
    page.get_by_role("navigation", name="Ordretyper").get_by_role("link", name="Service").click()
    form = page.get_by_role("form", name="Ny serviceordre")
    form.get_by_label("Avdeling *").select_option(label="Butikk")
    form.get_by_label("Avtale *").select_option(label="Bedriftshelsetjeneste 2026")
    expect(form.get_by_label("Kundens ordrereferanse")).to_have_value("NB-2026")
    form.get_by_label("Produktgruppe *").select_option("Helsekontroll")
    form.get_by_label("Beskrivelse *").fill("Helsekontroll for tre nye ansatte i butikken.")
    form.get_by_role("button", name="Send serviceordre").click()
    expect(page.get_by_role("status").filter(has_text="er sendt")).to_contain_text("venter på selgers godkjenning")
    detail = page.get_by_role("region", name=re.compile(r"^Serviceordre \d+$"))
    expect(detail).to_contain_text("venter på selgers godkjenning")
    order_id = re.search(r"order=([0-9A-Z]{26})", page.url)
    assert order_id
    screenshot(page, "79-service-order-sent")
    # The seller approves it
    wait_for(lambda: service_order_waits(bergen, order_id.group(1)), what="the workflow to wait for the seller")
    page.get_by_role("button", name="Logg ut").click()
    log_in(page, "admin", "anne.admin@kundeportal.example")
    open_service_order(page, bergen, order_id.group(1))
    detail = page.get_by_role("region", name=re.compile(r"^Serviceordre \d+$"))
    detail.get_by_role("button", name="Godkjenn").click()
    expect(detail).to_contain_text("venter på kundens godkjenning")
    # The seller adds a time slot the order carries (its bookings)
    slot = detail.get_by_role("form", name="Legg til time")
    slot.get_by_label("Sted *").fill("Klinikken, Strandkaien 4")
    slot.get_by_label("Starter *").fill(f"{(local_today() + timedelta(days=10)).isoformat()}T09:00")
    slot.get_by_label("Plasser *").fill("6")
    slot.get_by_role("button", name="Legg til time").click()
    expect(toast(page, "Timen er lagt til.")).to_be_visible()
    expect(detail.get_by_role("grid", name="Timebestillinger").get_by_role("row").nth(1)).to_contain_text("0 av 6")
    # Kari, the group's order approver, confirms it
    wait_for(lambda: service_order_waits(bergen, order_id.group(1)), what="the workflow to wait for the customer")
    page.get_by_role("button", name="Logg ut").click()
    log_in(page, "kari.nordmann@nordlys.no", "kari.nordmann@nordlys.no")
    open_service_order(page, bergen, order_id.group(1))
    detail = page.get_by_role("region", name=re.compile(r"^Serviceordre \d+$"))
    expect(detail.get_by_role("button", name="Avvis")).to_be_visible()
    expect(detail.get_by_role("grid", name="Timebestillinger")).to_contain_text("Klinikken, Strandkaien 4")
    expect(detail.get_by_role("form", name="Legg til time")).to_have_count(0)
    detail.get_by_role("button", name="Bekreft ordre").click()
    expect(detail.get_by_role("definition").first).to_have_text("godkjent")
    screenshot(page, "80-service-order-confirmed")
    # The vendor delivers it; the timeline tells who did what
    wait_for(lambda: service_order_waits(bergen, order_id.group(1)), what="the workflow to wait for delivery")
    page.get_by_role("button", name="Logg ut").click()
    log_in(page, "admin", "anne.admin@kundeportal.example")
    open_service_order(page, bergen, order_id.group(1))
    detail = page.get_by_role("region", name=re.compile(r"^Serviceordre \d+$"))
    detail.get_by_role("button", name="Marker som levert").click()
    expect(detail.get_by_role("definition").first).to_have_text("levert")
    # The order's own state (active / started / closed) moves on apart from its approval
    detail.get_by_role("button", name="Avslutt ordren").click()
    expect(toast(page, re.compile(r"Ordre \d+ er avsluttet\."))).to_be_visible()
    expect(detail.get_by_role("button", name="Avslutt ordren")).to_have_count(0)
    timeline = detail.get_by_role("list").last
    expect(timeline.get_by_role("listitem")).to_have_count(5)
    expect(timeline).to_contain_text("Kari Nordmann: bekreftet av kunden")
    expect(timeline).to_contain_text("Anne Admin: ordren avsluttet")
    screenshot(page, "81-service-order-delivered")


def test_the_order_history_finds_orders_of_every_kind_by_search_or_number(page: Page, runtime: Runtime) -> None:
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ordre").click()
    page.get_by_role("navigation", name="Ordretyper").get_by_role("link", name="Historikk").click()
    history = page.get_by_role("region", name="Historikk")
    # The demo's two supplies orders (placed 20 and 9 days ago) are within the last 30 days
    expect(history.get_by_role("row").filter(has_text="Rekvisita").first).to_be_visible()
    search = page.get_by_role("search", name="Søk i ordrene")
    search.get_by_label("Bestillingsnummer").fill("1")
    search.get_by_role("button", name="Søk").click()
    expect(history.get_by_role("row")).to_have_count(2)
    expect(history.get_by_role("row").nth(1)).to_contain_text("levert")
    screenshot(page, "91-order-history")
    # The search as a report, made in the background like the deposit history's
    page.get_by_role("button", name="Generer rapport").click()
    expect(page.get_by_role("status").filter(has_text="Rapporten lages")).to_be_visible()
    # The order opens as its confirmation, printable and as a PDF made in the background
    history.get_by_role("row").nth(1).get_by_role("link", name="1", exact=True).click()
    expect(page.get_by_role("heading", name="Ordrebekreftelse 1")).to_be_visible()
    expect(page.get_by_text("Leveres til")).to_be_visible()
    with page.expect_response(lambda answer: answer.url.endswith("/printouts") and answer.request.method == "POST"):
        page.get_by_role("button", name="Lag PDF").click()
    runtime.streams.drain()
    runtime.queues.drain()
    pdf = page.get_by_role("link", name=re.compile(r"^Last ned PDF \(\d+ kB\)"))
    expect(pdf).to_be_focused(timeout=20_000)
    screenshot(page, "92-order-confirmation")
    with page.expect_download() as downloading:
        pdf.click()
    text = pdf_text(downloading.value.path())
    assert "Ordrebekreftelse 1" in text
