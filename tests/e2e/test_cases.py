"""Service cases in the browser (CASE-1..3, AUTH-4; seed 002: Nytt ärende, Sök ärende, Åtgärder): Per Bakke, a contact
linked to Fjellbakeriet's bakery (an object, not the customer), files a case on it and finds it in the search; staff
plan it, add a work order for the technician, register an article row and close the work order, and Per then sees the
rows and the totals. Staff file a case for a customer they find by its name, and administrators configure the cases
(with a version conflict shown when someone saved first).

Every case has a title with a word of its own, so each test finds its own case whatever the others filed."""

from __future__ import annotations

import re
import secrets
import uuid

import pytest
from playwright.sync_api import Page, expect

from infrastructure.local.demo import DemoData
from tests.e2e.browser import assert_accessible, log_in, screenshot, search_in, toast
from tests.support import ApiClient

pytestmark = pytest.mark.e2e

PER = "per.bakke@fjellbakeriet.no"
ADMIN = ("admin", "anne.admin@kundeportal.example")


def new_word() -> str:
    """A word no other case has: the free-text search finds exactly the test's case by it."""
    return f"deig{secrets.token_hex(3)}"


def open_cases(page: Page) -> None:
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Saker").click()
    expect(page.get_by_role("heading", name="Saker", level=1)).to_be_visible()


def search_for(page: Page, word: str) -> None:
    search = page.get_by_role("search", name="Søk i saker")
    search.get_by_label("Fritekst").fill(word)
    search.get_by_role("button", name="Søk", exact=True).click()


def case_heading(page: Page, title: str) -> re.Match[str]:
    """The case page's heading, Sak <number>: <title>, and the number in it."""
    heading = page.get_by_role("heading", level=1, name=re.compile(rf"^Sak \d+: {re.escape(title)}$"))
    expect(heading).to_be_visible()
    match = re.match(r"Sak (\d+):", heading.inner_text())
    assert match
    return match


def without_toasts(page: Page) -> None:
    """The confirmations closed by hand, so they cover nothing in a picture."""
    close = page.get_by_role("region", name="Meldinger").get_by_role("button", name="Lukk")
    for _ in range(10):  # at most three are shown; one closed, the next waiting may show
        if not close.count():
            break
        close.first.click()
    expect(close).to_have_count(0)


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()


def test_a_contact_files_a_case_on_his_object_and_finds_it(page: Page) -> None:
    word = new_word()
    title = f"Eltemaskinen lekker olje {word}"
    log_in(page, PER, PER)
    open_cases(page)
    page.get_by_role("link", name="Ny sak").click()
    expect(page.get_by_role("heading", name="Ny sak", level=1)).to_be_visible()
    form = page.get_by_role("form", name="Ny sak")
    # Per is linked to the bakery, not to the customer: he files on its customer, and only that one (AUTH-4)
    customer = form.get_by_label("Kunde *")
    expect(customer.locator("option")).to_have_text(["Fjellbakeriet AS"])
    objects = form.get_by_label("Objekt", exact=True)
    expect(objects.locator("option")).to_have_text(["Uten objekt", "Fjellbakeriet Bakeri"])
    objects.select_option(label="Fjellbakeriet Bakeri")
    expect(form).to_contain_text("Du blir kontaktperson for saken.")
    # The fields the vendor asks by default: no case type, so the case is a fault report
    expect(form.get_by_label("Type sak")).to_have_count(0)
    form.get_by_role("button", name="Registrer saken").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("Tittel: Må fylles ut.")
    form.get_by_label("Tittel *").fill(title)
    form.get_by_label("Beskrivelse").fill("Olje på gulvet under eltemaskinen i bakeriet, siden i morges.")
    form.get_by_label("Arbeidssted").fill("Industrivegen 3, 2619 Lillehammer")
    form.get_by_label("Referanse").fill("Per Bakke, tlf. 900 00 000")
    screenshot(page, "109-new-case")
    form.get_by_role("button", name="Registrer saken").click()
    # The case's page opens, with what was filed
    number = case_heading(page, title).group(1)
    expect(toast(page, f"Sak {number} er registrert.")).to_be_visible()
    details = page.get_by_role("region", name=f"Sak {number}: {title}")
    for fact in ("Ny", "Feilmelding", "Fjellbakeriet AS", "Fjellbakeriet Bakeri", "Per Bakke", "Industrivegen 3"):
        expect(details).to_contain_text(fact)
    expect(details).to_contain_text("Olje på gulvet under eltemaskinen")
    # Its history: filed, and given to the staff assigned to the customer (ORG-4)
    history = page.get_by_role("region", name="Historikk")
    expect(history.get_by_role("listitem").first).to_contain_text("Saken ble registrert")
    expect(history).to_contain_text("Tildelt Tore Tekniker")
    expect(page.get_by_role("region", name="Arbeidsordrer og utført arbeid")).to_contain_text(
        "Ingen arbeidsordrer ennå"
    )
    # A customer's login moves nothing on
    expect(page.get_by_role("form", name="Behandle saken")).to_have_count(0)
    expect(page.get_by_role("form", name="Ny arbeidsordre")).to_have_count(0)
    without_toasts(page)
    screenshot(page, "110-case")
    # The search finds it by a word of its title, in the columns the vendor chose
    page.get_by_role("link", name="Tilbake til sakene").click()
    search_for(page, word)
    results = page.get_by_role("grid", name="Treff")
    expect(results.get_by_role("columnheader")).to_have_text(
        ["Nummer", "Tittel", "Status", "Kunde", "Objekt", "Registrert"]
    )
    row = results.get_by_role("row").filter(has_text=title)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Ny")
    expect(row).to_contain_text("Fjellbakeriet Bakeri")
    screenshot(page, "111-case-search")
    row.get_by_role("link", name=f"Åpne sak {number}: {title}").click()
    case_heading(page, title)


def test_staff_work_a_case_and_the_contact_sees_the_rows(page: Page, api: ApiClient, demo: DemoData) -> None:
    word = new_word()
    title = f"Stekeovnen blir ikke varm {word}"
    # Per files the case through the API, on the bakery
    token = api.login(PER)
    filed = api.post(
        "/cases",
        token=token,
        body={"title": title, "object_id": demo.object_ids["bakery-factory"]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.status == 201, filed.body
    number = str(filed.body["case"]["number"])
    # Staff find it and plan it
    log_in(page, *ADMIN)
    open_cases(page)
    search_for(page, word)
    expect(page.get_by_role("grid", name="Treff").get_by_role("columnheader")).to_have_count(
        8
    )  # staff see every column
    assert_accessible(page)
    page.get_by_role("link", name=f"Åpne sak {number}: {title}").click()
    case_heading(page, title)
    handle = page.get_by_role("form", name="Behandle saken")
    handle.get_by_label("Status").select_option(label="Planlagt")
    handle.get_by_role("button", name="Lagre status og type").click()
    expect(toast(page, f"Sak {number} er endret.")).to_be_visible()
    expect(page.get_by_role("region", name=f"Sak {number}: {title}")).to_contain_text("Planlagt")
    expect(page.get_by_role("region", name="Historikk")).to_contain_text("Status endret til Planlagt")
    # A work order without saying what is to be done is refused at its field; with it, for Tore (chosen from the
    # staff groups' menu), it is added
    work = page.get_by_role("form", name="Ny arbeidsordre")
    work.get_by_role("button", name="Legg til arbeidsordren").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("Hva skal gjøres: Må fylles ut.")
    assert_accessible(page)  # the form with its refusal shown, too
    work.get_by_label("Hva skal gjøres *").fill("Bytte termostaten i stekeovnen")
    work.get_by_label("Tekniker").select_option(label="Tore Tekniker (tekniker)")
    work.get_by_role("button", name="Legg til arbeidsordren").click()
    order = f"{number}-1"
    expect(toast(page, f"Arbeidsordre {order} er lagt til.")).to_be_visible()
    work_order = page.get_by_role("article", name=f"Arbeidsordre {order}")
    expect(work_order).to_contain_text("Reparasjon")
    expect(work_order).to_contain_text("Tore Tekniker")
    expect(work_order).to_contain_text("Åpen")
    # An article row: 1,5 hours at 950,00 NOK with 25 % VAT, the amounts exact
    work_order.get_by_text(f"Registrer artikkelrad på {order}").click()
    row_form = page.get_by_role("form", name=f"Registrer artikkelrad på {order}")
    row_form.get_by_label("Artikkel *").fill("Arbeid, tekniker")
    row_form.get_by_label("Artikkelnummer").fill("ARB-1")
    row_form.get_by_label("Tiltakskode").fill("R10")
    row_form.get_by_label("Antall *").fill("1,5")
    row_form.get_by_label("Enhetspris eks. mva *").fill("950,00")
    expect(row_form.get_by_label("Valuta")).to_have_value("NOK")
    expect(row_form.get_by_label("MVA-sats")).to_have_value("25")
    without_toasts(page)
    screenshot(page, "112-case-article-row")
    row_form.get_by_role("button", name="Registrer raden").click()
    expect(toast(page, f"Arbeid, tekniker er registrert på arbeidsordre {order}.")).to_be_visible()
    row = work_order.get_by_role("row").filter(has_text="Arbeid, tekniker")
    expect(row).to_contain_text("ARB-1")
    expect(row).to_contain_text("R10")
    expect(row).to_contain_text(re.compile(r"1,50?"))
    expect(row).to_contain_text(re.compile(r"950,00\s?kr"))
    expect(row).to_contain_text(re.compile(r"356,25\s?kr"))
    expect(row).to_contain_text("25 %")
    expect(row).to_contain_text(re.compile(r"1\s425,00\s?kr"))
    totals = page.get_by_role("table", name="Sum for saken")
    expect(totals.get_by_role("row", name=re.compile("NOK"))).to_contain_text(
        re.compile(r"1\s425,00\s?kr.*356,25\s?kr.*1\s781,25\s?kr")
    )
    # The work order closed with what was found
    work_order.get_by_text(f"Avslutt arbeidsordre {order}").click()
    closing = page.get_by_role("form", name=f"Avslutt arbeidsordre {order}")
    closing.get_by_label("Funn og utført arbeid").fill("Termostaten var defekt; byttet, ovnen holder 250 grader.")
    closing.get_by_role("button", name="Avslutt arbeidsordren").click()
    expect(toast(page, f"Arbeidsordre {order} er avsluttet.")).to_be_visible()
    expect(work_order).to_contain_text("Avsluttet")
    expect(work_order).to_contain_text("Termostaten var defekt")
    expect(page.get_by_role("form", name=f"Registrer artikkelrad på {order}")).to_have_count(0)
    history = page.get_by_role("region", name="Historikk")
    expect(history).to_contain_text(f"Arbeidsordre {order} lagt til")
    expect(history).to_contain_text(f"Arbeidsordre {order} avsluttet")
    without_toasts(page)
    screenshot(page, "113-case-handled")
    # Per sees the case planned, the work order closed, its row and the totals; and changes nothing
    log_out(page)
    log_in(page, PER, PER)
    open_cases(page)
    search_for(page, word)
    found = page.get_by_role("grid", name="Treff").get_by_role("row").filter(has_text=title)
    expect(found).to_contain_text("Planlagt")
    found.get_by_role("link", name=f"Åpne sak {number}: {title}").click()
    case_heading(page, title)
    work_order = page.get_by_role("article", name=f"Arbeidsordre {order}")
    expect(work_order).to_contain_text("Termostaten var defekt")
    row = work_order.get_by_role("row").filter(has_text="Arbeid, tekniker")
    expect(row).to_contain_text(re.compile(r"1\s425,00\s?kr"))
    expect(row).to_contain_text(re.compile(r"356,25\s?kr"))
    expect(page.get_by_role("table", name="Sum for saken")).to_contain_text(re.compile(r"1\s781,25\s?kr"))
    expect(page.get_by_role("form", name="Behandle saken")).to_have_count(0)
    expect(page.get_by_text(f"Registrer artikkelrad på {order}")).to_have_count(0)
    screenshot(page, "114-case-rows")


def test_staff_file_a_case_for_a_customer_found_by_name(page: Page) -> None:
    title = f"Kassaskuffen går ikke opp {new_word()}"
    log_in(page, *ADMIN)
    open_cases(page)
    page.get_by_role("link", name="Ny sak").click()
    form = page.get_by_role("form", name="Ny sak")
    # Without a customer the case is refused at the field before anything is sent
    form.get_by_label("Tittel *").fill(title)
    form.get_by_role("button", name="Registrer saken").click()
    expect(page.get_by_role("alert").filter(has_text="Noe må rettes")).to_contain_text("Kunde: Må fylles ut.")
    customer = form.get_by_role("combobox", name="Kunde *")
    search_in(customer, "Fjellbak")
    expect(page.get_by_role("option", name="Fjellbakeriet AS (20000)")).to_be_visible()
    customer.press("ArrowDown")
    customer.press("Enter")
    expect(customer).to_have_value("Fjellbakeriet AS (20000)")
    objects = form.get_by_label("Objekt", exact=True)
    expect(objects.locator("option").first).to_have_text("Uten objekt")
    expect(objects.locator("option", has_text="Fjellbakeriet Bakeri")).to_have_count(1)
    objects.select_option(label="Fjellbakeriet Storgata")
    form.get_by_label("Type sak").select_option(label="Service")
    assert_accessible(page)
    form.get_by_role("button", name="Registrer saken").click()
    number = case_heading(page, title).group(1)
    expect(toast(page, f"Sak {number} er registrert.")).to_be_visible()
    details = page.get_by_role("region", name=f"Sak {number}: {title}")
    for fact in ("Service", "Fjellbakeriet AS", "Fjellbakeriet Storgata", "Anne Admin"):
        expect(details).to_contain_text(fact)
    # Staff narrow the search to a customer they find by name, and to one of its objects
    page.get_by_role("link", name="Tilbake til sakene").click()
    search = page.get_by_role("search", name="Søk i saker")
    customer = search.get_by_role("combobox", name="Kunde")
    search_in(customer, "Fjellbak")
    expect(page.get_by_role("option", name="Fjellbakeriet AS (20000)")).to_be_visible()
    customer.press("ArrowDown")
    customer.press("Enter")
    search.get_by_label("Objekt", exact=True).select_option(label="Fjellbakeriet Storgata")
    search.get_by_label("Type sak").select_option(label="Service")
    search.get_by_role("button", name="Søk", exact=True).click()
    results = page.get_by_role("grid", name="Treff")
    expect(results.get_by_role("row").filter(has_text=title)).to_have_count(1)
    for row in results.get_by_role("row").filter(has_text="Fjellbakeriet").all():
        expect(row).to_contain_text("Fjellbakeriet Storgata")
    # The search is in the address: the customer is shown by its name after the page is built again
    expect(page.get_by_role("search", name="Søk i saker").get_by_role("combobox", name="Kunde")).to_have_value(
        "Fjellbakeriet AS (20000)"
    )
    without_toasts(page)
    screenshot(page, "115-case-search-staff")


def test_administrators_configure_the_cases_and_see_when_someone_saved_first(page: Page, api: ApiClient) -> None:
    log_in(page, *ADMIN)
    open_cases(page)
    page.get_by_role("link", name="Innstillinger for saker").click()
    expect(page.get_by_role("heading", name="Innstillinger for saker", level=1)).to_be_visible()
    form = page.get_by_role("form", name="Innstillinger for saker")
    searched = form.get_by_role("group", name="Kolonner i søket")
    expect(searched.get_by_label("Tittel")).to_be_checked()
    # Saved as they are, they are saved
    form.get_by_role("button", name="Lagre innstillingene").click()
    expect(toast(page, "Innstillingene for saker er lagret.")).to_be_visible()
    expect(page.get_by_text(re.compile(r"Sist lagret .* av admin\."))).to_be_visible()
    # Someone else saves meanwhile: the next save is refused, and the page offers to read them again
    token = api.login("admin")
    stored = api.get("/case-settings", token=token)
    assert stored.status == 200, stored.body
    fields = ("customer_required", "object_required", "form_fields", "search_columns", "article_columns")
    body = {name: stored.body[name] for name in fields}
    saved = api.call("PUT", "/case-settings", token=token, body={**body, "version": stored.body["version"]})
    assert saved.status == 200, saved.body
    searched = form.get_by_role("group", name="Kolonner i søket")
    searched.get_by_label("Type", exact=True).check()
    form.get_by_role("button", name="Lagre innstillingene").click()
    expect(form.get_by_text("Noen andre har endret dette i mellomtiden. Last inn siden på nytt")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="Noen andre har endret dette")).to_be_visible()
    without_toasts(page)
    screenshot(page, "116-case-settings-conflict")
    form.get_by_role("button", name="Last inn på nytt").click()
    searched = page.get_by_role("form", name="Innstillinger for saker").get_by_role("group", name="Kolonner i søket")
    expect(searched.get_by_label("Type", exact=True)).not_to_be_checked()
    expect(page.get_by_text("Noen andre har endret dette i mellomtiden. Last inn siden på nytt")).to_have_count(0)
    assert_accessible(page)
