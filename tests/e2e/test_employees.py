"""Employees (EMP-1, seed 004 "Ansatte") in the browser.

Kari Nordmann, employee administrator at the Nordlys group (and so at its subsidiaries), opens Ansatte for Nordlys
Bergen AS, finds Donald Duck by free text and Skrue McDuck by department; adds a new employee with a fødselsnummer
(an empty form first says what is missing), sees the number masked and never in plain, reveals it with a reason
(too short a reason is refused in words), edits the mobile number, deactivates the employee and finds it among the
deactivated ones only; the employee's history tells all of it in words, newest first. The same e-mail address again,
and a number that does not check out, are refused at their fields in Norwegian. The administrator reads the
employees from the customer's page, without a way to change them, and an employee's history.

Every employee has a word and a number of its own, so each test finds its own whatever the others made."""

from __future__ import annotations

import random
import re
import secrets
from datetime import date, timedelta

import pytest
from playwright.sync_api import Page, expect
from stdnum.no import fodselsnummer

from tests.e2e.browser import log_in, screenshot, toast

pytestmark = pytest.mark.e2e

KARI = "kari.nordmann@nordlys.no"
ADMIN = ("admin", "anne.admin@kundeportal.example")
BERGEN = "Nordlys Bergen AS"


def new_word() -> str:
    return f"and{secrets.token_hex(3)}"


def birth_number() -> tuple[str, date]:
    """A fødselsnummer with valid check digits and its birth date: born in the 1900s (individual digits 000-499), the
    individual digits from a random start on that give single check digits (some give none)."""
    born = date(1960, 1, 1) + timedelta(days=random.randrange(40 * 365))
    birth = born.strftime("%d%m%y")
    start = random.randrange(400)
    for candidate in range(start, 500):
        first = f"{birth}{candidate:03d}"
        check1 = fodselsnummer.calc_check_digit1(first + "00")
        check2 = fodselsnummer.calc_check_digit2(first + check1 + "0")
        if len(check1) == len(check2) == 1:
            return first + check1 + check2, born
    raise AssertionError(f"no number for {birth}")


def without_toasts(page: Page) -> None:
    close = page.get_by_role("region", name="Meldinger").get_by_role("button", name="Lukk")
    for _ in range(10):
        if not close.count():
            break
        close.first.click()
    expect(close).to_have_count(0)


def open_bergen_employees(page: Page) -> None:
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ansatte").click()
    expect(page.get_by_role("heading", name=re.compile("^Ansatte hos "), level=1)).to_be_visible()
    page.get_by_label("Kunde", exact=True).select_option(label=BERGEN)
    expect(page.get_by_role("heading", name=f"Ansatte hos {BERGEN}", level=1)).to_be_visible()
    # The search form starts over once the customer's departments have come: search only after that
    departments = page.get_by_role("search", name="Finn ansatte").get_by_label("Bedrift/avdeling")
    expect(departments.locator("option", has_text="Lager")).to_have_count(1)


def search(page: Page, text: str, *, department: str = "Alle avdelinger", shown: str = "Aktive ansatte") -> None:
    finder = page.get_by_role("search", name="Finn ansatte")
    finder.get_by_label("Fritekst").fill(text)
    finder.get_by_label("Bedrift/avdeling").select_option(label=department)
    finder.get_by_label("Vis").select_option(label=shown)
    expect(finder.get_by_label("Fritekst")).to_have_value(text)
    finder.get_by_role("button", name="Søk").click()
    expect(page).to_have_url(re.compile(f"q={re.escape(text)}" if text else r"/employees"))


def test_an_employee_administrator_adds_reveals_edits_and_deactivates_an_employee(page: Page) -> None:
    word = new_word()
    number, born = birth_number()
    email = f"anders.{word}@testikkeibruk.no"
    name = f"Anders {word.capitalize()}"
    # Kari opens Ansatte for Nordlys Bergen and finds Donald by free text, Skrue by his department
    log_in(page, KARI, KARI)
    open_bergen_employees(page)
    expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ansatte")).to_have_attribute(
        "aria-current", "page"
    )
    search(page, "duck")
    grid = page.get_by_role("grid", name="Søkeresultater")
    donald = grid.get_by_role("row").filter(has_text="Donald Duck")
    expect(donald).to_contain_text("13.09.2018")
    expect(donald).to_contain_text("duck@testikkeibruk.no")
    expect(donald).to_contain_text("Butikk")
    expect(grid.get_by_role("row").filter(has_text="Skrue McDuck")).to_have_count(0)
    expect(grid.get_by_role("columnheader")).to_have_text(["Navn", "Fødselsdato", "E-post", "Bedrift/avdeling"])
    screenshot(page, "200-employees-search")
    search(page, "", department="Lager")
    expect(grid.get_by_role("row").filter(has_text="Skrue McDuck")).to_contain_text("Lager")
    expect(grid.get_by_role("row").filter(has_text="Donald Duck")).to_have_count(0)

    # A new employee: the empty form says what is missing, then the employee is added with a fødselsnummer
    page.get_by_role("link", name="Ny ansatt").click()
    expect(page.get_by_role("heading", name="Ny ansatt", level=1)).to_be_visible()
    form = page.get_by_role("form", name="Ny ansatt")
    form.get_by_role("button", name="Legg til ansatt").click()
    summary = form.get_by_role("alert")
    expect(summary).to_contain_text("Fornavn: Må fylles ut.")
    expect(summary).to_contain_text("Etternavn: Må fylles ut.")
    expect(summary).to_contain_text("E-post: Må fylles ut.")
    expect(form.get_by_label("E-post *")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "201-employee-new-missing")
    form.get_by_label("Fornavn *").fill("Anders")
    form.get_by_label("Etternavn *").fill(word.capitalize())
    form.get_by_label("E-post *").fill(email)
    form.get_by_label("Mobilnummer").fill("41234567")
    form.get_by_label("Kjønn").select_option(label="Mann")
    form.get_by_label("Bedrift/avdeling").select_option(label="Lager")
    form.get_by_label("Fødselsnummer (11 siffer)").fill(number)
    form.get_by_role("button", name="Legg til ansatt").click()
    expect(toast(page, f"{name} er lagt til.")).to_be_visible()
    expect(page.get_by_role("heading", name=name, level=1)).to_be_visible()

    # Its page: the facts, the number masked (birth-date part and *****), never in plain
    facts = page.locator("dl.details")
    masked = number[:6] + "*****"
    expect(facts).to_contain_text(f"Fødselsnummer{masked}")
    expect(facts).to_contain_text(f"Fødselsdato{born.strftime('%d.%m.%Y')}")
    expect(facts).to_contain_text("Bedrift/avdelingLager")
    expect(facts).to_contain_text("KjønnMann")
    expect(facts).to_contain_text(f"E-post{email}")
    expect(facts).to_contain_text("Mobilnummer41234567")
    assert number not in page.content()
    without_toasts(page)
    screenshot(page, "202-employee-page")

    # "Vis fødselsnummer": too short a reason is refused in words; with one, the number is shown, and hidden again
    page.get_by_role("button", name="Vis fødselsnummer").click()
    dialog = page.get_by_role("dialog", name=f"Vise fødselsnummeret til {name}?")
    expect(dialog).to_contain_text("Begrunnelsen lagres i den ansattes historikk")
    dialog.get_by_label("Begrunnelse *").fill("Ja")
    dialog.get_by_role("button", name="Vis fødselsnummer").click()
    expect(dialog.get_by_role("alert")).to_have_text("Begrunnelse: Minst 5 tegn.")
    assert number not in page.content()
    screenshot(page, "203-employee-reveal-reason")
    dialog.get_by_label("Begrunnelse *").fill("Innkalling til helsekontroll, timen må bestilles med nummeret")
    dialog.get_by_role("button", name="Vis fødselsnummer").click()
    expect(dialog).to_have_count(0)
    expect(facts).to_contain_text(f"Fødselsnummer{number}")
    expect(facts).to_contain_text("Visningen er registrert.")
    screenshot(page, "204-employee-revealed")
    facts.get_by_role("button", name="Skjul").click()
    expect(facts).to_contain_text(f"Fødselsnummer{masked}")
    assert number not in page.content()

    # "Rediger": the number's field is empty (a new one would replace it); the mobile number is changed
    page.get_by_role("button", name="Rediger").click()
    edit = page.get_by_role("form", name="Rediger ansatt")
    expect(edit.get_by_label("Fødselsnummer (11 siffer)")).to_have_value("")
    expect(edit).to_contain_text(f"Registrert: {masked}.")
    expect(edit.get_by_label("E-post *")).to_have_value(email)
    edit.get_by_label("Mobilnummer").fill("99 88 77 66")
    screenshot(page, "205-employee-edit")
    edit.get_by_role("button", name="Lagre endringene").click()
    expect(toast(page, f"{name} er lagret.")).to_be_visible()
    expect(edit).to_have_count(0)
    expect(facts).to_contain_text("Mobilnummer99 88 77 66")
    expect(facts).to_contain_text(f"Fødselsnummer{masked}")

    # "Deaktiver", confirmed: the employee is deactivated, and found among the deactivated ones only
    page.get_by_role("button", name="Deaktiver").click()
    confirm = page.get_by_role("alertdialog", name=f"Deaktivere {name}?")
    expect(confirm).to_contain_text("når den ansatte har sluttet")
    confirm.get_by_role("button", name="Deaktiver").click()
    expect(toast(page, f"{name} er deaktivert.")).to_be_visible()
    expect(page.get_by_role("heading", name=name, level=1)).to_contain_text("Deaktivert")
    expect(page.get_by_role("button", name="Aktiver")).to_be_visible()
    without_toasts(page)
    screenshot(page, "206-employee-deactivated")

    # "Historikk", newest first: deactivated, the mobile number changed, the number shown with the reason, added —
    # by Kari, in words; the number itself only masked
    history = page.get_by_role("region", name="Historikk")
    rows = history.locator("tbody").get_by_role("row")
    expect(rows).to_have_count(4)
    expect(history.get_by_role("columnheader")).to_have_text(["Tidspunkt", "Hvem", "Hva"])
    expect(rows.nth(0)).to_contain_text("ansatt deaktivert")
    expect(rows.nth(0)).to_contain_text("Status: aktiv → inaktiv")
    expect(rows.nth(1)).to_contain_text("ansatt endret")
    expect(rows.nth(1)).to_contain_text("Mobilnummer: 41234567 → 99 88 77 66")
    expect(rows.nth(2)).to_contain_text("fødselsnummer vist")
    expect(rows.nth(2)).to_contain_text("Begrunnelse: Innkalling til helsekontroll, timen må bestilles med nummeret")
    expect(rows.nth(3)).to_contain_text("ansatt lagt til")
    expect(rows.nth(3)).to_contain_text(f"Navn: {name}")
    for row in range(4):
        expect(rows.nth(row)).to_contain_text(KARI)
        expect(rows.nth(row)).to_contain_text(re.compile(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}"))
    expect(history).not_to_contain_text("_")  # no codes: no employee_created, no first_name
    assert number not in page.content()
    screenshot(page, "230-employee-history")
    page.get_by_role("link", name="Tilbake til ansattlisten").click()
    expect(page.get_by_role("heading", name=f"Ansatte hos {BERGEN}", level=1)).to_be_visible()
    search(page, word)
    expect(page.get_by_text("Ingen ansatte å vise.")).to_be_visible()
    search(page, word, shown="Deaktiverte ansatte")
    deactivated = page.get_by_role("grid", name="Søkeresultater: deaktiverte ansatte")
    inactive = deactivated.get_by_role("row").filter(has_text=name)
    expect(inactive).to_contain_text(email)
    expect(inactive).to_contain_text("Lager")

    # The same e-mail address again, and a number that does not check out: refused at their fields, in Norwegian
    page.get_by_role("link", name="Ny ansatt").click()
    form = page.get_by_role("form", name="Ny ansatt")
    form.get_by_label("Fornavn *").fill("Andrea")
    form.get_by_label("Etternavn *").fill(word.capitalize())
    form.get_by_label("E-post *").fill(email)
    form.get_by_role("button", name="Legg til ansatt").click()
    expect(form.get_by_role("alert")).to_contain_text("E-post: En annen ansatt hos kunden har denne e-postadressen.")
    email_field = form.get_by_label("E-post *")
    expect(email_field).to_have_attribute("aria-invalid", "true")
    expect(form.locator(f"#{email_field.get_attribute('id')}-error")).to_have_text(
        "En annen ansatt hos kunden har denne e-postadressen."
    )
    form.get_by_label("E-post *").fill(f"andrea.{word}@testikkeibruk.no")
    form.get_by_label("Fødselsnummer (11 siffer)").fill(number[:10] + str((int(number[10]) + 1) % 10))
    form.get_by_role("button", name="Legg til ansatt").click()
    expect(form.get_by_role("alert")).to_contain_text(
        "Fødselsnummer (11 siffer): Fødselsnummeret stemmer ikke. Sjekk de 11 sifrene."
    )
    expect(form.get_by_label("Fødselsnummer (11 siffer)")).to_have_attribute("aria-invalid", "true")
    expect(form.get_by_label("E-post *")).not_to_have_attribute("aria-invalid", "true")
    screenshot(page, "207-employee-refused")


def test_staff_read_a_customers_employees_from_its_page_without_changing_them(page: Page) -> None:
    log_in(page, *ADMIN)
    expect(page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Ansatte")).to_have_count(0)
    page.get_by_role("navigation", name="Hovedmeny").get_by_role("link", name="Kunder").click()
    page.get_by_role("link", name=BERGEN, exact=True).click()
    expect(page.get_by_role("heading", name=BERGEN, level=1)).to_be_visible()
    page.get_by_role("link", name=f"Se de ansatte hos {BERGEN}").click()
    expect(page.get_by_role("heading", name=f"Ansatte hos {BERGEN}", level=1)).to_be_visible()
    expect(page.get_by_role("link", name="Ny ansatt")).to_have_count(0)
    grid = page.get_by_role("grid", name="Søkeresultater")
    expect(grid.get_by_role("row").filter(has_text="Skrue McDuck")).to_contain_text("Lager")
    screenshot(page, "208-employees-staff")
    grid.get_by_role("link", name="Donald Duck").click()
    expect(page.get_by_role("heading", name="Donald Duck", level=1)).to_be_visible()
    facts = page.locator("dl.details")
    expect(facts).to_contain_text("Fødselsdato13.09.2018")
    expect(facts).to_contain_text("KjønnMann")
    expect(facts).to_contain_text("Mobilnummer12345678")
    expect(facts).to_contain_text("Fødselsnummer138918*****")
    for action in ("Rediger", "Deaktiver", "Vis fødselsnummer"):
        expect(page.get_by_role("button", name=action)).to_have_count(0)
    expect(page.get_by_text("Kundens ansattadministratorer endrer og deaktiverer ansatte.")).to_be_visible()
    # Staff read the employee's history too: Donald was added by Kari (other tests may have booked him since)
    history = page.get_by_role("region", name="Historikk")
    expect(history).to_contain_text("ansatt lagt til")
    expect(history).to_contain_text("Navn: Donald Duck")
    expect(history).to_contain_text(KARI)
    screenshot(page, "209-employee-staff")
    # An employee without a number says so
    page.get_by_role("link", name="Tilbake til ansattlisten").click()
    grid.get_by_role("link", name="Dolly Duck").click()
    expect(page.get_by_role("heading", name="Dolly Duck", level=1)).to_be_visible()
    expect(facts).to_contain_text("FødselsnummerIkke registrert")
    expect(facts).to_contain_text("KjønnKvinne")
    expect(facts).to_contain_text("Mobilnummer–")
