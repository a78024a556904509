"""Self-declarations (EMP-2, seed 004 "elektroniske egenerklæringsskjemaer") in the browser.

The administrator adds a slot to a service order (placed by Ola Hansen through the API) and ticks that it asks for a
self-declaration: the slot list says so. Kari Nordmann books a fresh employee of Nordlys Bergen AS into it through the
API, and the invitation e-mailed to the employee carries the link to the form.

The employee opens the link in a browser of its own, without logging in: the appointment, whom the answers are for,
and the questionnaire. A 'yes' to regular medication asks which: sent without it, the form says so beside the field;
named, the answers are sent and the page thanks with the time (and offers to send new answers, which replace them).
Kari, the employer, sees in the slot's bookings that the declaration was sent, and when, but has no way to read it.
Hanne Helse, the vendor's health personnel, reads the answers in words from the same list."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import fits_the_screen, log_in, screenshot, toast
from tests.e2e.test_bookings import log_out, name_of, new_employee, open_order, slot_row, without_toasts
from tests.integration.test_booking_slots import service_order
from tests.support import ApiClient

pytestmark = pytest.mark.e2e

KARI = "kari.nordmann@nordlys.no"  # employee administrator at the group, so at Bergen
OLA = "ola.hansen@nordlys-bergen.no"
ADMIN = ("admin", "anne.admin@kundeportal.example")
HELSE = ("helse", "hanne.helse@kundeportal.example")
CLINIC = "Bedriftshelsa, Kaigaten 9"
LINK = re.compile(r"http://[^\s/]+/#/self-declaration/([A-Za-z0-9_-]+)")
MEDICATION = "Levaxin 50 mikrogram om morgenen"
REMARK = "Tåler ikke lateks, bruk nitrilhansker"
PRIVACY = "Svarene leses bare av leverandørens helsepersonell, aldri av arbeidsgiveren din"
SENT = re.compile(r"Takk! Svarene er sendt (\d\d\.\d\d\.\d{4} \d\d:\d\d)\.")


def question(form: Locator, text: str) -> Locator:
    """A question of the form: its radio buttons grouped under it (the question is the group's name)."""
    return form.get_by_role("group", name=re.compile(rf"^{re.escape(text)}"))


def test_an_employee_sends_a_self_declaration_that_only_the_health_personnel_read(
    page: Page, browser: Browser, base_url: str, api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    admin, kari = api.login("admin"), api.login(KARI)
    order = service_order(api, admin, api.login(OLA), demo)
    bergen = order["customer_id"]
    slots = f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots"

    # The administrator adds the slot, ticking that what the order bought asks for a self-declaration
    log_in(page, *ADMIN)
    detail = open_order(page, order)
    add = detail.get_by_role("form", name="Legg til time")
    add.get_by_label("Sted *").fill(CLINIC)
    add.get_by_label("Starter *").fill((datetime.now(UTC) + timedelta(days=14)).strftime("%Y-%m-%dT10:00"))
    add.get_by_label("Plasser *").fill("4")
    add.get_by_label("Ansatte fyller ut egenerklæring (helseskjema)").check()
    add.get_by_role("button", name="Legg til time").click()
    expect(toast(page, "Timen er lagt til.")).to_be_visible()
    expect(slot_row(detail, CLINIC)).to_contain_text("Med egenerklæring")
    log_out(page)
    [slot] = api.get(slots, token=admin).body["items"]
    assert slot["self_declaration"] is True, slot

    person = new_employee(api, kari, bergen, "Sigrid", f"egen{secrets.token_hex(3)}")
    booked = api.post(f"{slots}/{slot['slot_id']}/bookings", token=kari, body={"employee_id": person["employee_id"]})
    assert booked.status == 201, booked.body
    runtime.streams.drain()
    [invitation] = mailbox.messages_to(person["email"])
    link = LINK.search(str(invitation["body"]))
    assert link, invitation["body"]
    leads_to = api.post("/self-declarations/form", body={"token": link.group(1)})  # the link leads to the form
    assert leads_to.status == 200, (leads_to.status, leads_to.body)

    # The employee opens the link in a browser of its own, without logging in: the appointment and who reads the answers
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    try:
        employee = context.new_page()
        employee.goto(f"/#/self-declaration/{link.group(1)}")
        expect(employee.get_by_role("heading", name="Egenerklæring før timen", level=1)).to_be_visible()
        expect(employee.get_by_text(f"Hei, {name_of(person)}! Fyll ut dette korte helseskjemaet")).to_be_visible()
        expect(employee.get_by_role("navigation", name="Hovedmeny")).to_have_count(0)
        facts = employee.locator("dl.facts")
        expect(facts).to_contain_text("Helsekontroll")
        expect(facts).to_contain_text(CLINIC)
        expect(facts).to_contain_text(re.compile(r"\d\d\.\d\d\.\d{4} \d\d:\d\d–\d\d:\d\d"))
        expect(employee.get_by_text(PRIVACY)).to_be_visible()
        form = employee.get_by_role("form", name="Helseskjema")
        question(form, "Hvordan er helsen din generelt?").get_by_role("radio", name="Middels").check()
        question(form, "Bruker du medisiner fast?").get_by_role("radio", name="Ja").check()
        for asked in (
            "Har du en kronisk sykdom?",
            "Har du problemer med hørselen?",
            "Har du problemer med pusten",
            "Har du problemer med huden",
            "Har du smerter eller plager",
        ):
            question(form, asked).get_by_role("radio", name="Nei").check()
        medication = form.get_by_label("Hvilke medisiner bruker du? *")
        expect(medication).to_be_visible()  # asked only after the 'yes'
        expect(form.get_by_label("Hvilken sykdom har du? *")).to_have_count(0)
        form.get_by_label("Er det noe annet helsepersonellet bør vite?").fill(REMARK)
        form.get_by_label("Jeg bekrefter at svarene er riktige").check()
        screenshot(employee, "225-self-declaration-form")
        employee.set_viewport_size({"width": 390, "height": 800})  # opened on a phone, from the e-mail
        assert fits_the_screen(employee)
        employee.set_viewport_size({"width": 1280, "height": 800})

        # The 'yes' without saying which: the summary and the field say so, and nothing is sent
        form.get_by_role("button", name="Send egenerklæringen").click()
        expect(form.get_by_role("alert")).to_contain_text("Medisiner: Skriv hvilke medisiner du bruker.")
        expect(medication).to_have_attribute("aria-invalid", "true")
        expect(medication).to_have_accessible_description(re.compile("Skriv hvilke medisiner du bruker."))
        screenshot(employee, "226-self-declaration-field-error")

        # Named, the answers go: the page says when, never what
        medication.fill(MEDICATION)
        form.get_by_role("button", name="Send egenerklæringen").click()
        thanks = employee.get_by_role("status").filter(has_text=SENT)
        expect(thanks).to_be_visible()
        match = SENT.search(thanks.inner_text())
        assert match
        sent_at = match.group(1)
        expect(employee.get_by_role("form", name="Helseskjema")).to_have_count(0)
        expect(employee.get_by_text(REMARK)).to_have_count(0)
        screenshot(employee, "227-self-declaration-sent")

        # Sending again is possible until the appointment: the form opens empty and says the new answers replace
        employee.get_by_role("button", name="Send nye svar").click()
        replaces = f"Du sendte svar {sent_at}. Sender du på nytt, erstatter de nye svarene de forrige."
        expect(employee.get_by_text(replaces)).to_be_visible()
        again = employee.get_by_role("form", name="Helseskjema")
        expect(question(again, "Bruker du medisiner fast?").get_by_role("radio", name="Ja")).not_to_be_checked()
        expect(again.get_by_label("Er det noe annet helsepersonellet bør vite?")).to_have_value("")

        # A link that leads nowhere says so
        employee.goto(f"/#/self-declaration/{'x' * 43}")
        expect(employee.get_by_role("heading", name="Lenken fører ikke til noe skjema", level=1)).to_be_visible()
    finally:
        context.close()

    # Kari, the employer, sees that it was sent and when, and has no way to read it
    log_in(page, KARI, KARI)
    detail = open_order(page, order)
    clinic = slot_row(detail, CLINIC)
    expect(clinic).to_contain_text("Med egenerklæring")
    clinic.get_by_role("button", name=re.compile(r"^Påmeldte ")).click()
    panel = detail.get_by_role("region", name=re.compile(rf"^Påmeldte .*, {CLINIC}$"))
    grid = panel.get_by_role("grid", name=re.compile(r"^Påmeldte "))
    columns = ["Navn", "E-post", "Lagt inn av", "Egenerklæring", "Handlinger"]
    expect(grid.get_by_role("columnheader")).to_have_text(columns)
    row = grid.get_by_role("row").filter(has_text=name_of(person))
    expect(row).to_contain_text(f"Sendt {sent_at}")
    expect(panel.get_by_role("button", name=re.compile("egenerklæring", re.IGNORECASE))).to_have_count(0)
    without_toasts(page)
    screenshot(page, "228-self-declaration-employer-sees-sent")
    log_out(page)

    # Hanne Helse, the vendor's health personnel, reads the answers in words
    log_in(page, *HELSE)
    detail = open_order(page, order)
    clinic = slot_row(detail, CLINIC)
    clinic.get_by_role("button", name=re.compile(r"^Påmeldte ")).click()
    panel = detail.get_by_role("region", name=re.compile(rf"^Påmeldte .*, {CLINIC}$"))
    row = panel.get_by_role("grid", name=re.compile(r"^Påmeldte ")).get_by_role("row").filter(has_text=name_of(person))
    expect(row).to_contain_text(f"Sendt {sent_at}")
    read = row.get_by_role("button", name=f"Les egenerklæring fra {name_of(person)}")
    read.click()
    expect(read).to_have_attribute("aria-expanded", "true")
    answers = panel.get_by_role("region", name=f"Egenerklæring fra {name_of(person)}")
    expect(answers).to_contain_text(f"Sendt {sent_at}.")
    for label, text in (
        ("Generell helse:", "Middels"),
        ("Bruker medisiner fast:", "Ja"),
        ("Medisiner:", MEDICATION),
        ("Kronisk sykdom:", "Nei"),
        ("Problemer med pusten:", "Nei"),
        ("Annet:", REMARK),
    ):
        expect(answers.locator("div").filter(has=page.locator("dt", has_text=label))).to_contain_text(text)
    screenshot(page, "229-self-declaration-health-personnel-reads")
    answers.get_by_role("button", name="Lukk egenerklæringen").click()
    expect(answers).to_have_count(0)
    expect(read).to_have_attribute("aria-expanded", "false")
