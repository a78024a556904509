"""Invoice specifications, quotes, the customer's lists and service protocols in the browser (CASE-4, AUTH-4; seed 003:
"orders, fault reports and quotes are listed on the customer", quotes, service protocols of closed work orders).

Staff publish a specification of Nordlys Bergen's closed work for today on the customer's page; Ola Hansen, a contact
linked to Nordlys Bergen AS, opens it under Cases, sees its lines and totals and approves it, and the staff page
shows it approved; the invoice-customer login faktura-20000 has no way to it. Staff make a quote of two lines, whose
totals the form works out as they type; Ola declines it with a reason under Orders → Quotes. The customer's page
lists its orders, cases and quotes ten rows each, sorted by a header, the rest on "Show all". A closed work order's
service protocol downloads from its case's page.

Every case and quote has a title with a word of its own, so each test finds its own whatever the others made."""

from __future__ import annotations

import re
import secrets
import uuid
from datetime import timedelta
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import assert_accessible, log_in, pdf_text, screenshot, toast
from tests.support import ApiClient, local_today

pytestmark = pytest.mark.e2e

OLA = "ola.hansen@nordlys-bergen.no"
ADMIN = ("admin", "anne.admin@kundeportal.example")
INVOICE_CUSTOMER = ("faktura-20000", "faktura@fjellbakeriet.no")
BERGEN = "Nordlys Bergen AS"


def new_word() -> str:
    return f"nord{secrets.token_hex(3)}"


def kroner(text: str) -> int:
    """An amount as the page shows it ("18 593,75 kr") in øre."""
    digits = re.sub(r"[^\d,-]", "", text)
    whole, _, cents = digits.partition(",")
    return int(whole) * 100 + int(cents or 0)


def closed_work_order(api: ApiClient, demo: DemoData, title: str) -> dict[str, Any]:
    """A case on Nordlys Bergen's shop, filed by staff through the API, with a work order of two article rows that is
    then closed (as tests/integration/test_cases.py works a case)."""
    admin = api.login("admin")
    filed = api.post(
        "/cases",
        token=admin,
        body={"title": title, "customer_id": demo.customer_ids["bergen"], "object_id": demo.object_ids["bergen-shop"]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.status == 201, filed.body
    case = filed.body["case"]
    work = {"version": case["version"], "type": "repair", "description": "Bytte kompressoren i kjøledisken"}
    added = api.post(f"/cases/{case['case_id']}/work-orders", token=admin, body=work)
    assert added.status == 201, added.body
    work_order = added.body["work_orders"][0]
    path = f"/cases/{case['case_id']}/work-orders/{work_order['work_order_id']}"
    version = work_order["version"]
    for row in (
        {"article": f"Kompressor {title}", "article_type": "part", "quantity": "1", "unit_price_minor": 1_250_000},
        {"article": f"Montering {title}", "article_type": "work", "quantity": "2.5", "unit_price_minor": 95_000},
    ):
        registered = api.post(
            f"{path}/rows", token=admin, body={**row, "version": version, "currency": "NOK", "vat_rate": "25"}
        )
        assert registered.status == 201, registered.body
        version += 1
    closed = api.post(f"{path}/close", token=admin, body={"version": version, "findings": "Kompressoren byttet."})
    assert closed.status == 200, closed.body
    return {"case_id": case["case_id"], "case_number": case["number"], "work_order": work_order["number"]}


def open_customer(page: Page, name: str = BERGEN) -> None:
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name=name, exact=True).click()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()


def type_date(form: Locator, label: str, day: str) -> None:
    form.get_by_role("spinbutton", name=re.compile(rf"^dag.*{label}")).focus()
    form.page.keyboard.type(day)


def without_toasts(page: Page) -> None:
    close = page.get_by_role("region", name="Meldinger").get_by_role("button", name="Lukk")
    for _ in range(10):
        if not close.count():
            break
        close.first.click()
    expect(close).to_have_count(0)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()


def test_staff_publish_a_specification_that_the_contact_approves_and_an_invoice_login_never_sees(
    page: Page, api: ApiClient, demo: DemoData
) -> None:
    word = new_word()
    work = closed_work_order(api, demo, f"Kjøledisk {word}")
    title = f"Service {word}"
    today = local_today().strftime("%d.%m.%Y")
    # Staff publish the day's closed work of Nordlys Bergen from its page
    log_in(page, *ADMIN)
    open_customer(page)
    card = page.get_by_role("region", name="Fakturaspesifikasjoner")
    publish = card.get_by_role("form", name="Publiser en spesifikasjon")
    type_date(publish, "Fra og med", today.replace(".", ""))
    type_date(publish, "Til og med", today.replace(".", ""))
    publish.get_by_label("Tittel").fill(title)
    publish.scroll_into_view_if_needed()
    screenshot(page, "125-specification-publish")
    publish.get_by_role("button", name="Publiser", exact=True).click()
    expect(toast(page, f"Fakturaspesifikasjonen for {today} er publisert for {BERGEN}.")).to_be_visible()
    listed = card.get_by_role("grid", name="Fakturaspesifikasjoner").get_by_role("row").filter(has_text=title)
    expect(listed).to_contain_text("Venter på godkjenning")
    log_out(page)
    # Ola, a contact linked to Nordlys Bergen AS, finds it under Cases and sees the work order's lines and the totals
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    page.get_by_role("link", name="Fakturaspesifikasjoner").click()
    expect(page.get_by_role("heading", name="Fakturaspesifikasjoner", level=1)).to_be_visible()
    mine = (
        page.get_by_role("grid", name=f"Fakturaspesifikasjoner for {BERGEN}").get_by_role("row").filter(has_text=title)
    )
    expect(mine).to_contain_text("Venter på godkjenning")
    assert_accessible(page)
    mine.get_by_role("link", name=f"Åpne fakturaspesifikasjonen for {today}").click()
    expect(page.get_by_role("heading", name=f"Fakturaspesifikasjon {today}: {title}", level=1)).to_be_visible()
    case = page.get_by_role("article", name=f"Sak {work['case_number']}: Kjøledisk {word}")
    expect(case).to_contain_text(f"Arbeidsordre {work['work_order']}, avsluttet {today}")
    expect(case).to_contain_text("Nordlys Bergen Torget")
    compressor = case.get_by_role("row").filter(has_text=f"Kompressor Kjøledisk {word}")
    expect(compressor).to_contain_text("Deler og materiell")
    expect(compressor).to_contain_text(re.compile(r"12\s500,00\s?kr.*3\s125,00\s?kr.*25 %.*12\s500,00\s?kr"))
    mounting = case.get_by_role("row").filter(has_text=f"Montering Kjøledisk {word}")
    expect(mounting).to_contain_text(re.compile(r"2,5.*950,00\s?kr.*593,75\s?kr.*2\s375,00\s?kr"))
    # The totals are the period's: what the API says it published
    admin = api.login("admin")
    bergen = demo.customer_ids["bergen"]
    items = api.get(f"/customers/{bergen}/invoice-specifications", token=admin, query={"limit": 100}).body["items"]
    published = next(item for item in items if item["title"] == title)
    total = next(total for total in published["totals"] if total["currency"] == "NOK")
    totals = page.get_by_role("table", name="Sum for perioden").get_by_role("row", name=re.compile("NOK"))
    expect(totals.get_by_role("cell").last).to_contain_text(re.compile(r"\s?kr"))
    assert kroner(totals.get_by_role("cell").last.inner_text()) == total["total_minor"]
    assert total["total_minor"] >= 1_250_000 + 312_500 + 237_500 + 59_375  # ours, and the day's other closed work
    # A comment is needed to comment; approving needs none
    review = page.get_by_role("form", name="Godkjenning")
    review.get_by_role("button", name="Send kommentar").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text(
        "Kommentar: Skriv hva som ikke stemmer før du sender kommentaren."
    )
    assert_accessible(page)
    screenshot(page, "126-specification-review")
    review.get_by_role("button", name="Godkjenn", exact=True).click()
    expect(toast(page, f"Fakturaspesifikasjonen for {today} er godkjent.")).to_be_visible()
    answer = page.get_by_role("region", name="Godkjenning")
    expect(answer).to_contain_text(re.compile(rf"Godkjent {re.escape(today)} \d\d:\d\d av Ola Hansen\."))
    expect(page.get_by_role("form", name="Godkjenning")).to_have_count(0)
    expect(page.get_by_role("heading", level=1).locator("xpath=..")).to_contain_text("Godkjent")
    log_out(page)
    # Staff see it approved on the customer's page, and open it
    log_in(page, *ADMIN)
    open_customer(page)
    card = page.get_by_role("region", name="Fakturaspesifikasjoner")
    listed = card.get_by_role("grid", name="Fakturaspesifikasjoner").get_by_role("row").filter(has_text=title)
    expect(listed).to_contain_text("Godkjent")
    expect(page.get_by_role("region", name="Endringshistorikk")).to_contain_text("fakturaspesifikasjon godkjent")
    listed.get_by_role("link", name=f"Åpne fakturaspesifikasjonen for {today}").click()
    expect(page.get_by_role("heading", name=f"Fakturaspesifikasjon {today}: {title}", level=1)).to_be_visible()
    expect(page.get_by_role("region", name="Godkjenning")).to_contain_text("av Ola Hansen")
    expect(page.get_by_role("button", name="Godkjenn", exact=True)).to_have_count(0)
    without_toasts(page)
    screenshot(page, "127-specification-approved")
    spec_path = page.url.split("#", 1)[1]
    log_out(page)
    # The invoice-customer login is offered no specifications, is sent away from their addresses, and the API
    # refuses it its own customer's (AUTH-4)
    log_in(page, *INVOICE_CUSTOMER)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    expect(page.get_by_role("heading", name="Saker", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Fakturaspesifikasjoner")).to_have_count(0)
    for address in (
        "/cases/specifications",
        f"/cases/specifications/{bergen}/{published['specification_id']}",
        spec_path,
    ):
        page.goto(f"/#{address}")
        expect(page.get_by_role("heading", level=1)).not_to_have_text(re.compile("Fakturaspesifikasjon"))
        expect(page.get_by_text(title)).to_have_count(0)
    invoice_login = api.login(INVOICE_CUSTOMER[0])
    own = api.get(f"/customers/{demo.customer_ids['bakery']}/invoice-specifications", token=invoice_login)
    assert (own.status, own.error_code) == (403, "contacts_only")
    other = api.get(f"/customers/{bergen}/invoice-specifications/{published['specification_id']}", token=invoice_login)
    assert other.status in (403, 404)


def test_staff_make_a_quote_of_two_lines_that_the_contact_declines_with_a_reason(page: Page) -> None:
    title = f"Ny kompressor {new_word()}"
    log_in(page, *ADMIN)
    open_customer(page)
    card = page.get_by_role("region", name="Tilbud")
    card.get_by_text("Nytt tilbud", exact=True).click()
    form = page.get_by_role("form", name="Nytt tilbud")
    form.get_by_label("Tittel *").fill(title)
    form.get_by_label("Beskrivelse", exact=True).fill("Utskifting av kompressoren i kjøledisken, med montering.")
    first = form.get_by_role("group", name="Linje 1")
    first.get_by_label("Beskrivelse *").fill("Kompressor 1,5 kW")
    first.get_by_label("Antall *").fill("1")
    first.get_by_label("Enhetspris eks. mva *").fill("12 500,00")
    expect(first).to_contain_text(re.compile(r"Beløp eks. mva: 12\s500,00\s?kr"))
    form.get_by_role("button", name="Legg til linje").click()
    second = form.get_by_role("group", name="Linje 2")
    second.get_by_label("Beskrivelse *").fill("Montering, timer")
    second.get_by_label("Antall *").fill("2,5")
    # Not yet a price: the totals say the line is not counted
    expect(form).to_contain_text("Linjer uten gyldig antall og enhetspris er ikke med i summen ennå.")
    second.get_by_label("Enhetspris eks. mva *").fill("950")
    expect(second).to_contain_text(re.compile(r"Beløp eks. mva: 2\s375,00\s?kr \(MVA 593,75\s?kr\)"))
    totals = form.get_by_role("table", name="Sum for tilbudet")
    expect(totals.get_by_role("row", name=re.compile("^Sum eks. mva"))).to_contain_text(re.compile(r"14\s875,00\s?kr"))
    expect(totals.get_by_role("row", name=re.compile("^MVA"))).to_contain_text(re.compile(r"3\s718,75\s?kr"))
    expect(totals.get_by_role("row", name=re.compile("^Sum inkl. mva"))).to_contain_text(re.compile(r"18\s593,75\s?kr"))
    expect(form).not_to_contain_text("ikke med i summen")
    form.scroll_into_view_if_needed()
    screenshot(page, "128-quote-form")
    form.get_by_role("button", name="Send tilbudet").click()
    made = toast(page, re.compile(rf"Tilbud \d+ er sendt til {BERGEN}\."))
    expect(made).to_be_visible()
    match = re.search(r"Tilbud (\d+)", made.inner_text())
    assert match
    number = match.group(1)
    row = card.get_by_role("grid", name="Tilbud").get_by_role("row").filter(has_text=title)
    expect(row).to_contain_text("Åpent")
    expect(row).to_contain_text(re.compile(r"18\s593,75\s?kr"))
    log_out(page)
    # Ola sees it under Orders → Quotes and declines it, saying why
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ordre").click()
    page.get_by_role("navigation", name="Ordretyper").get_by_role("link", name="Tilbud").click()
    quote = page.get_by_role("article", name=f"Tilbud {number}: {title}")
    expect(quote).to_contain_text("Åpent")
    expect(quote.get_by_role("row", name=re.compile("Montering, timer"))).to_contain_text(re.compile(r"2\s375,00\s?kr"))
    expect(quote.get_by_role("row", name=re.compile("^Sum inkl. mva"))).to_contain_text(re.compile(r"18\s593,75\s?kr"))
    screenshot(page, "129-quotes")
    quote.get_by_role("button", name="Avslå").click()
    dialog = page.get_by_role("dialog", name=f"Avslå tilbud {number}: {title}")
    dialog.get_by_label("Begrunnelse *").fill("For dyrt; vi venter til neste år.")
    assert_accessible(page)  # the dialog open, too
    dialog.get_by_role("button", name="Avslå").click()
    expect(toast(page, f"Tilbud {number} er avslått.")).to_be_visible()
    expect(quote).to_contain_text(re.compile(r"Avslått \d\d\.\d\d\.\d{4} \d\d:\d\d av Ola Hansen"))
    expect(quote).to_contain_text("Begrunnelse: For dyrt; vi venter til neste år.")
    expect(quote.get_by_role("button", name="Avslå")).to_have_count(0)
    without_toasts(page)
    quote.scroll_into_view_if_needed()
    screenshot(page, "130-quote-declined")
    log_out(page)
    # Staff see the answer on the customer's page, and in its history
    log_in(page, *ADMIN)
    open_customer(page)
    row = (
        page.get_by_role("region", name="Tilbud")
        .get_by_role("grid", name="Tilbud")
        .get_by_role("row")
        .filter(has_text=title)
    )
    expect(row).to_contain_text("Avslått")
    expect(row).to_contain_text("Ola Hansen: For dyrt; vi venter til neste år.")
    expect(page.get_by_role("region", name="Endringshistorikk")).to_contain_text("tilbud avslått")


def totals_of(grid: Locator) -> list[int]:
    """The quotes' totals as the rows show them, top to bottom (the fourth cell after the number)."""
    rows = grid.get_by_role("row").all()[1:]
    return [kroner(row.get_by_role("gridcell").nth(3).inner_text()) for row in rows]


def test_the_customer_page_lists_orders_cases_and_quotes_ten_each_sorted_by_a_header(
    page: Page, api: ApiClient, demo: DemoData
) -> None:
    word = new_word()
    admin = api.login("admin")
    bergen = demo.customer_ids["bergen"]
    valid_until = (local_today() + timedelta(days=14)).isoformat()
    for place in range(11):  # more than the ten the page shows
        body = {
            "title": f"Filterbytte {word} {place}",
            "currency": "NOK",
            "valid_until": valid_until,
            "lines": [
                {"description": "Filter", "quantity": str(place + 1), "unit_price_minor": 12_345, "vat_rate": "25"}
            ],
        }
        assert api.post(f"/customers/{bergen}/quotes", token=admin, body=body).status == 201
    log_in(page, *ADMIN)
    open_customer(page)
    # The orders of the last three months and the cases, ten at most each
    orders = page.get_by_role("region", name="Ordre", exact=True).get_by_role("grid", name="Ordre")
    expect(orders.get_by_role("columnheader")).to_have_text(["Nr.", "Type", "Lagt inn", "Status", "Sum", "Bestilt av"])
    expect(orders.get_by_role("row").filter(has_text="Rekvisita").first).to_be_visible()
    cases = page.get_by_role("region", name="Saker").get_by_role("grid", name="Saker")
    expect(cases.get_by_role("row").filter(has_text="Døren til telleromet går tregt")).to_have_count(1)
    assert cases.get_by_role("row").count() <= 11
    # The quotes: the ten newest, ours; sorted by their total at a click on its header, the other way at the next
    quotes = page.get_by_role("region", name="Tilbud").get_by_role("grid", name="Tilbud")
    expect(quotes.get_by_role("row")).to_have_count(11)
    expect(quotes.get_by_role("row").filter(has_text=f"Filterbytte {word}")).to_have_count(10)
    total = quotes.get_by_role("columnheader", name="Sum inkl. mva")
    total.click()
    expect(total).to_have_attribute("aria-sort", "ascending")
    ascending = totals_of(quotes)
    assert ascending == sorted(ascending)
    assert ascending[0] == 30_863  # 2 × 123,45 kr and its VAT: the smallest of the ten newest (the oldest has 1)
    total.click()
    expect(total).to_have_attribute("aria-sort", "descending")
    descending = totals_of(quotes)
    assert descending == sorted(ascending, reverse=True)
    without_toasts(page)
    page.get_by_role("region", name="Tilbud").scroll_into_view_if_needed()
    screenshot(page, "131-customer-lists")
    # "Show all" brings the rest, still in the order chosen
    page.get_by_role("region", name="Tilbud").get_by_role("button", name="Vis alle").click()
    expect(quotes.get_by_role("row").filter(has_text=f"Filterbytte {word}")).to_have_count(11)
    everything = totals_of(quotes)
    assert len(everything) > 10
    assert everything == sorted(everything, reverse=True)
    expect(page.get_by_role("region", name="Tilbud").get_by_role("button", name="Vis alle")).to_have_count(0)
    # The cases sort by their number
    number = cases.get_by_role("columnheader", name="Nummer")
    number.click()
    expect(number).to_have_attribute("aria-sort", "ascending")
    numbers = [int(row.get_by_role("rowheader").inner_text()) for row in cases.get_by_role("row").all()[1:]]
    assert numbers == sorted(numbers)
    assert_accessible(page)


def test_a_closed_work_orders_service_protocol_downloads_from_its_case(
    page: Page, api: ApiClient, demo: DemoData, runtime: Runtime
) -> None:
    word = new_word()
    title = f"Frysedisk {word}"
    work = closed_work_order(api, demo, title)
    # The protocol was queued when the work order closed; the test's runtime makes it now
    runtime.streams.drain()
    runtime.queues.drain()
    log_in(page, OLA, OLA)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    search = page.get_by_role("search", name="Søk i saker")
    search.get_by_label("Fritekst").fill(word)
    search.get_by_role("button", name="Søk", exact=True).click()
    page.get_by_role("link", name=f"Åpne sak {work['case_number']}: {title}").click()
    work_order = page.get_by_role("article", name=f"Arbeidsordre {work['work_order']}")
    expect(work_order).to_contain_text("Avsluttet")
    named = f"Arbeidsordre {work['work_order']}"
    with page.expect_response(lambda answer: answer.url.endswith("/printouts") and answer.request.method == "POST"):
        work_order.get_by_role("button", name=f"Serviceprotokoll (PDF), {named}").click()
    runtime.queues.drain()
    pdf = work_order.get_by_role(
        "link", name=re.compile(rf"^Last ned serviceprotokollen \(\d+ kB\), {re.escape(named)}$")
    )
    expect(pdf).to_be_focused(timeout=20_000)
    screenshot(page, "132-case-service-protocol")
    with page.expect_download() as downloading:
        pdf.click()
    text = pdf_text(downloading.value.path())
    assert "Serviceprotokoll" in text
    assert work["work_order"] in text
    assert "Kompressoren byttet." in text
