"""The case dashboards in the browser (CASE-6; seed 002: "Se dashboard", and the case, work order, lead time and
article row dashboards): the last three months of cases, work orders, lead times of closed cases and article rows
with their prices, as charts and tables, narrowed by the filters in the address, and printable.

Staff file two cases for Nordlys Bergen through the API — a fault report that is closed, and a service case with a
work order of two priced article rows — open the dashboards under Cases, narrow them to Nordlys Bergen, and find the
four dashboards drawn and the figures the API counts in their tables; choosing a case type narrows the cases (and
only them); the print layout leaves out what is clicked. Ola Hansen, a contact of Nordlys Bergen AS, sees his own
views (his cases, his customers' cases) and no staff controls.

The figures are compared with what the API answers for the same filters, so other cases of the session's demo data
count alike on both sides."""

from __future__ import annotations

import re
import secrets
import uuid
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from infrastructure.local.demo import DemoData
from tests.e2e.browser import assert_accessible, fits_the_screen, log_in, screenshot, search_in
from tests.support import ApiClient

pytestmark = pytest.mark.e2e

OLA = "ola.hansen@nordlys-bergen.no"
ADMIN = ("admin", "anne.admin@kundeportal.example")
BERGEN = "Nordlys Bergen AS"
CASE_TYPES = ["fault", "service", "installation", "inspection", "other"]
SECTIONS = ["Saker", "Arbeidsordrer", "Gjennomløpstider", "Artikkelrader"]


def new_word() -> str:
    return f"dash{secrets.token_hex(3)}"


def kroner(text: str) -> int:
    """An amount as the page shows it ("3 850,00 kr") in øre."""
    digits = re.sub(r"[^\d,-]", "", text)
    whole, _, cents = digits.partition(",")
    return int(whole) * 100 + int(cents or 0)


def file_cases(api: ApiClient, demo: DemoData, word: str) -> None:
    """Two cases on Nordlys Bergen's shop, as tests/integration/test_case_dashboard.py works them: a fault report,
    closed, and a service case with a maintenance work order of two priced rows (a part and work, two action codes)."""
    admin = api.login("admin")
    where = {"customer_id": demo.customer_ids["bergen"], "object_id": demo.object_ids["bergen-shop"]}
    made = []
    for title, case_type in ((f"Kasseskuff {word}", "fault"), (f"Årlig service {word}", "service")):
        filed = api.post(
            "/cases",
            token=admin,
            body={"title": title, "type": case_type, **where},
            headers={"Idempotency-Key": str(uuid.uuid4())},
        )
        assert filed.status == 201, filed.body
        made.append(filed.body["case"])
    fault, service = made
    closing = {"version": fault["version"], "status": "closed"}
    closed = api.call("PATCH", f"/cases/{fault['case_id']}", token=admin, body=closing)
    assert closed.status == 200, closed.body
    body = {"version": service["version"], "type": "maintenance", "description": f"Service {word}"}
    added = api.post(f"/cases/{service['case_id']}/work-orders", token=admin, body=body)
    assert added.status == 201, added.body
    work_order = added.body["work_orders"][0]
    version = work_order["version"]
    for article_type, action_code, quantity, price in (("part", "SRV", "1", 45_000), ("work", "REP", "1.5", 100_000)):
        row = {"version": version, "article": f"Rad {word}", "article_type": article_type, "action_code": action_code}
        row |= {"quantity": quantity, "unit_price_minor": price, "currency": "NOK", "vat_rate": "25"}
        registered = api.post(
            f"/cases/{service['case_id']}/work-orders/{work_order['work_order_id']}/rows", token=admin, body=row
        )
        assert registered.status == 201, registered.body
        version += 1


def board(api: ApiClient, token: str, **query: str) -> dict[str, Any]:
    answer = api.get("/case-dashboard", token=token, query=query)
    assert answer.status == 200, answer.body
    body: dict[str, Any] = answer.body
    return body


def case_totals(answer: dict[str, Any]) -> list[str]:
    """The cases table's last row as the API's figures: the period's count of each case type, then all of them."""
    sums = [sum(month["counts"].get(case_type, 0) for month in answer["cases"]) for case_type in CASE_TYPES]
    return [str(count) for count in [*sums, answer["cases_total"]]]


def total_row(grid: Locator) -> Locator:
    return grid.get_by_role("row").filter(has=grid.page.get_by_role("rowheader", name="Sum", exact=True))


def open_dashboards(page: Page) -> None:
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    page.get_by_role("link", name="Dashbord", exact=True).click()
    expect(page.get_by_role("heading", name="Dashbord for saker", level=1)).to_be_visible()


def expect_four_dashboards(page: Page) -> None:
    """Each dashboard drawn (an SVG in each of its charts) with its figures as a table."""
    for name in SECTIONS:
        section = page.get_by_role("region", name=name, exact=True)
        expect(section.get_by_role("heading", name=name, level=2)).to_be_visible()
        charts = section.locator("figure.chart")
        expect(charts.first).to_be_visible()
        for index in range(charts.count()):
            expect(charts.nth(index).locator(".chart-canvas svg")).to_have_count(1)
        expect(section.get_by_role("grid").first).to_be_visible()


def test_staff_follow_a_customers_cases_narrow_them_by_type_and_print_them(
    page: Page, api: ApiClient, demo: DemoData
) -> None:
    word = new_word()
    file_cases(api, demo, word)
    admin = api.login("admin")
    bergen = demo.customer_ids["bergen"]
    expected = board(api, admin, customer_id=bergen)
    assert expected["view"] == "all"
    assert expected["cases_total"] >= 2
    assert expected["lead_times"]["closed"] >= 1
    rows = expected["article_rows"]
    nok = next(amount["amount_minor"] for amount in rows["amounts"] if amount["currency"] == "NOK")
    assert nok >= 45_000 + 150_000
    log_in(page, *ADMIN)
    open_dashboards(page)
    # Staff have one view (every case they see): no view to switch; the last three months unless told otherwise
    expect(page.get_by_role("radiogroup")).to_have_count(0)
    expect(page.get_by_text(re.compile(r"^Viser: Alle saker, \w+ \d{4} – \w+ \d{4}\.$"))).to_be_visible()
    # Narrowed to Nordlys Bergen, found by its name
    filters = page.get_by_role("form", name="Avgrens dashbordene")
    customer = filters.get_by_role("combobox", name="Kunde")
    search_in(customer, "Nordlys Bergen")
    expect(page.get_by_role("option", name=f"{BERGEN} (10001)")).to_be_visible()
    customer.press("ArrowDown")
    customer.press("Enter")
    expect(customer).to_have_value(f"{BERGEN} (10001)")
    filters.get_by_role("button", name="Vis", exact=True).click()
    expect(page.get_by_text(re.compile(rf"Avgrenset til Kunde: {BERGEN}\."))).to_be_visible()
    assert f"customer={bergen}" in page.url
    expect_four_dashboards(page)
    cases = page.get_by_role("region", name="Saker", exact=True)
    cases_table = cases.get_by_role("grid", name="Saker per måned")
    expect(cases_table.get_by_role("columnheader")).to_have_text(
        ["Måned", "Feilmelding", "Service", "Installasjon", "Kontroll", "Annet", "Sum"]
    )
    expect(cases_table.get_by_role("row")).to_have_count(1 + 3 + 1)  # the header, three months, the totals
    expect(total_row(cases_table).get_by_role("gridcell")).to_have_text(case_totals(expected))
    expect(cases).to_contain_text(f"{expected['cases_total']} saker i perioden.")
    # The other three dashboards count what the API counts
    work_orders = page.get_by_role("region", name="Arbeidsordrer", exact=True)
    expect(work_orders).to_contain_text(re.compile(rf"{expected['work_orders_total']} arbeidsordre(r)? i perioden\."))
    lead = page.get_by_role("region", name="Gjennomløpstider", exact=True)
    closed = expected["lead_times"]["closed"]
    expect(lead).to_contain_text(re.compile(rf"{closed} sak(er)? avsluttet i perioden, i snitt \d+,\d dager"))
    bands = lead.get_by_role("grid", name="Saker per gjennomløpstid")
    under_a_day = bands.get_by_role("row").filter(has=page.get_by_role("rowheader", name="Under 1 dag"))
    expect(under_a_day.get_by_role("gridcell")).to_have_text([str(expected["lead_times"]["bands"]["under_1_day"])])
    articles = page.get_by_role("region", name="Artikkelrader", exact=True)
    summary = articles.get_by_text(re.compile(r"artikkelrader i perioden, til sammen"))
    expect(summary).to_contain_text(f"{rows['rows']} artikkelrader i perioden")
    said = re.search(r"til sammen (.+) eks\. mva", summary.inner_text())
    assert said
    assert kroner(said.group(1)) == nok
    codes = articles.get_by_role("grid", name="Artikkelrader per tiltakskode")
    for code in ("SRV", "REP"):
        expect(codes.get_by_role("rowheader", name=code, exact=True)).to_be_visible()
    amounts = total_row(articles.get_by_role("grid", name="Artikkelrader per måned")).get_by_role("gridcell")
    expect(amounts.last).to_contain_text(re.compile(r"\s?kr"))
    assert kroner(amounts.last.inner_text()) == nok
    # Each chart's figures on demand, as a table
    cases.get_by_role("button", name="Vis som tabell").click()
    expect(cases.get_by_role("group", name="Saker per måned etter type sak")).to_be_visible()
    assert fits_the_screen(page)
    screenshot(page, "170-case-dashboard")
    cases.get_by_role("button", name="Skjul tabellen").click()

    # A case type narrows the cases (and not the work orders or the rows)
    filters.get_by_label("Type sak").select_option(label="Feilmelding")
    filters.get_by_role("button", name="Vis", exact=True).click()
    faults = board(api, admin, customer_id=bergen, case_type="fault")
    expect(total_row(cases_table).get_by_role("gridcell")).to_have_text(case_totals(faults))
    assert case_totals(faults)[1:5] == ["0", "0", "0", "0"]
    assert faults["cases_total"] < expected["cases_total"]
    expect(cases).to_contain_text(re.compile(rf"{faults['cases_total']} sak(er)? i perioden\."))
    expect(page.get_by_text(re.compile(rf"Avgrenset til Kunde: {BERGEN}, Type sak: Feilmelding\."))).to_be_visible()
    assert "caseType=fault" in page.url
    expect(work_orders).to_contain_text(re.compile(rf"{expected['work_orders_total']} arbeidsordre(r)? i perioden\."))
    expect(summary).to_contain_text(f"{rows['rows']} artikkelrader i perioden")
    expect_four_dashboards(page)
    screenshot(page, "171-case-dashboard-faults")

    # On paper: no menu, filters or buttons; the charts and the tables; each dashboard from a page of its own
    page.emulate_media(media="print")
    expect(page.get_by_role("navigation", name="Hovedmeny")).to_be_hidden()
    expect(filters).to_be_hidden()
    expect(page.get_by_role("button", name="Skriv ut")).to_be_hidden()
    expect(page.get_by_role("link", name="Tilbake til sakene")).to_be_hidden()
    expect(page.get_by_text(re.compile(rf"Avgrenset til Kunde: {BERGEN}, Type sak: Feilmelding\."))).to_be_visible()
    for name in SECTIONS:
        section = page.get_by_role("region", name=name, exact=True)
        expect(section.locator(".chart-canvas svg").first).to_be_visible()
        expect(section.get_by_role("grid").first).to_be_visible()
        for toggle in section.get_by_role("button").all():
            expect(toggle).to_be_hidden()
    # The charts drawn for the screen, scaled to the page's width (their viewBox), not cut off or collapsed
    sizes = page.evaluate(
        """[...document.querySelectorAll('.dashboard-section .chart-canvas svg')]
            .map((svg) => [svg.getBoundingClientRect().width, svg.getBoundingClientRect().height,
                           svg.closest('.chart').getBoundingClientRect().width])"""
    )
    assert len(sizes) == 7  # cases, work orders, lead times (2), article rows (3: one currency)
    assert all(height > 100 and abs(width - box) < 2 for width, height, box in sizes), sizes
    breaks = page.evaluate(
        "[...document.querySelectorAll('.dashboard-section')].map((s) => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["auto", "page", "page", "page"]
    screenshot(page, "172-case-dashboard-print")
    page.emulate_media(media="screen")
    expect(filters).to_be_visible()


def test_a_contact_sees_his_own_views_and_no_staff_controls(page: Page, api: ApiClient, demo: DemoData) -> None:
    ola = api.login(OLA)
    mine = board(api, ola)
    assert (mine["view"], mine["views"]) == ("mine", ["mine", "customers"])
    customers = board(api, ola, view="customers")
    log_in(page, OLA, OLA)
    open_dashboards(page)
    views = page.get_by_role("radiogroup", name="Hvilke saker")
    expect(views.get_by_role("radio")).to_have_count(2)
    expect(views.get_by_role("radio", name="Mine saker")).to_be_checked()
    expect(views.get_by_role("radio", name="Sakene til mine kunder")).not_to_be_checked()
    expect(page.get_by_role("radio", name="Alle saker")).to_have_count(0)
    # His own cases are not split by customer or object: no such filters; no staff search of the register
    filters = page.get_by_role("form", name="Avgrens dashbordene")
    expect(filters.get_by_label("Type sak")).to_be_visible()
    expect(filters.get_by_label("Kunde", exact=True)).to_have_count(0)
    expect(filters.get_by_label("Objekt", exact=True)).to_have_count(0)
    expect(page.locator("input[role='combobox']")).to_have_count(0)
    expect(page.get_by_text("Skriv minst to tegn")).to_have_count(0)
    cases_table = page.get_by_role("region", name="Saker", exact=True).get_by_role("grid", name="Saker per måned")
    expect(total_row(cases_table).get_by_role("gridcell")).to_have_text(case_totals(mine))
    expect_four_dashboards(page)
    screenshot(page, "173-case-dashboard-contact")
    # His customers' cases: a choice among his own customers (no search of the register), and their figures
    views.get_by_role("radio", name="Sakene til mine kunder").check()
    expect(page.get_by_text(re.compile(r"^Viser: Sakene til mine kunder,"))).to_be_visible()
    expect(total_row(cases_table).get_by_role("gridcell")).to_have_text(case_totals(customers))
    choice = filters.get_by_label("Kunde", exact=True)
    expect(choice).to_be_visible()
    expect(choice.locator("option")).to_have_text(["Alle kunder", BERGEN])
    expect(page.locator("input[role='combobox']")).to_have_count(0)
    assert "view=customers" in page.url
    assert_accessible(page)
    screenshot(page, "174-case-dashboard-contact-customers")
