"""Bookings of employees into the vendor's slots (EMP-2, seed 004 "Tilgang til å legge inn ansatte på forhåndsdefinerte
bookinger/timeavtaler") in the browser.

The setup goes through the API as the integration tests do: a contract (the administrator), a service order (Ola
Hansen), two slots (the administrator) — one three weeks ahead with two places, one tomorrow whose cut-off has
passed, with an employee booked already — and three fresh employees of Nordlys Bergen AS.

Kari Nordmann, employee administrator at the group, opens the service order, opens the first slot's bookings and
books two employees, found by name: both are listed with who booked them, the slot's count goes to 2 of 2 and the
slot refuses more in words. Each employee gets an e-mail with an .ics REQUEST at the slot's time in Europe/Oslo. Kari
removes one before the cut-off (asked first) and that employee gets the CANCEL with the same UID; the second slot, past
its cut-off, offers no "Fjern" and says that changes go through the vendor. The administrator moves the first slot an
hour (the remaining employee gets the update: same UID, SEQUENCE 1), calls off the second (its employee gets the
CANCEL) and reads the first slot's bookings without a way to change them."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from icalendar import Calendar
from playwright.sync_api import Locator, Page, expect

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import log_in, screenshot, search_in, toast
from tests.integration.test_booking_slots import service_order
from tests.support import ApiClient

pytestmark = pytest.mark.e2e

KARI = "kari.nordmann@nordlys.no"  # employee administrator at the group, so at Bergen; approves its orders
OLA = "ola.hansen@nordlys-bergen.no"
ADMIN = ("admin", "anne.admin@kundeportal.example")
CLINIC = "Klinikken, Strandkaien 4"
SURGERY = "Legesenteret, Torget 1"


def new_word() -> str:
    return f"tid{secrets.token_hex(3)}"


def log_out(page: Page) -> None:
    page.get_by_role("button", name="Logg ut").click()
    expect(page.get_by_role("heading", name="Logg inn")).to_be_visible()


def without_toasts(page: Page) -> None:
    close = page.get_by_role("region", name="Meldinger").get_by_role("button", name="Lukk")
    for _ in range(10):
        if not close.count():
            break
        close.first.click()
    expect(close).to_have_count(0)


def add_slot(
    api: ApiClient, admin: str, order: dict[str, Any], *, place: str, starts: datetime, capacity: int, cut_off: int
) -> dict[str, Any]:
    slots = f"/customers/{order['customer_id']}/service-orders/{order['order_id']}/booking-slots"
    body = {
        "place": place,
        "starts_at": starts.isoformat(),
        "duration_minutes": 30,
        "capacity": capacity,
        "cancel_until_hours": cut_off,
    }
    added = api.post(slots, token=admin, body=body)
    assert added.status == 201, added.body
    return dict(added.body)


def new_employee(api: ApiClient, kari: str, customer_id: str, first_name: str, word: str) -> dict[str, Any]:
    """An employee of the test's own: its last name the test's word, its e-mail address unique."""
    local = re.sub(r"[^a-z]", "", first_name.lower().replace("ø", "o"))
    email = f"{local}.{word}.{secrets.token_hex(3)}@testikkeibruk.no"
    body = {"first_name": first_name, "last_name": word.capitalize(), "email": email}
    made = api.post(f"/customers/{customer_id}/employees", token=kari, body=body)
    assert made.status == 201, made.body
    return dict(made.body)


def name_of(employee: dict[str, Any]) -> str:
    return f"{employee['first_name']} {employee['last_name']}"


def invitations(runtime: Runtime, address: str) -> list[tuple[Calendar, Any]]:
    """The e-mails to the address, oldest first: each with one .ics attachment, its calendar and its event."""
    runtime.streams.drain()
    found = []
    for message in reversed(mailbox.messages_to(address)):
        (attachment,) = message["attachments"]
        assert attachment["content_type"] == "text/calendar", attachment
        assert str(attachment["filename"]).endswith(".ics"), attachment
        calendar = Calendar.from_ical(attachment["content"])
        assert str(calendar["METHOD"]) == attachment["method"]
        found.append((calendar, calendar.walk("VEVENT")[0]))
    return found


def starts_at(event: Any) -> datetime:
    start = event["DTSTART"].dt
    assert str(start.tzinfo) == "Europe/Oslo"  # Nordlys Bergen is Norwegian: the slot's wall clock is Oslo's
    assert isinstance(start, datetime)
    return start


def slot_row(detail: Locator, place: str) -> Locator:
    return detail.get_by_role("grid", name="Timebestillinger").get_by_role("row").filter(has_text=place)


def open_order(page: Page, order: dict[str, Any]) -> Locator:
    page.goto(f"/#/orders/service?customer={order['customer_id']}&order={order['order_id']}")
    detail = page.get_by_role("region", name=re.compile(r"^Serviceordre \d+$"))
    expect(detail.get_by_role("grid", name="Timebestillinger")).to_be_visible()
    return detail


def test_an_employee_administrator_books_employees_into_a_slot_that_staff_move(
    page: Page, api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    admin, kari = api.login("admin"), api.login(KARI)
    order = service_order(api, admin, api.login(OLA), demo)
    bergen = order["customer_id"]
    # 08:00 UTC three weeks ahead: an hour later never crosses a change of daylight saving time
    starts = (datetime.now(UTC) + timedelta(days=21)).replace(hour=8, minute=0, second=0, microsecond=0)
    tomorrow = (datetime.now(UTC) + timedelta(hours=30)).replace(second=0, microsecond=0)
    add_slot(api, admin, order, place=CLINIC, starts=starts, capacity=2, cut_off=24)
    soon = add_slot(api, admin, order, place=SURGERY, starts=tomorrow, capacity=5, cut_off=48)  # cut-off passed
    word = new_word()
    anna, bjorn, bo = (new_employee(api, kari, bergen, first, word) for first in ("Anna", "Bjørn", "Bo"))
    soon_bookings = f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots/{soon['slot_id']}/bookings"
    booked = api.post(soon_bookings, token=kari, body={"employee_id": bo["employee_id"]})
    assert booked.status == 201, booked.body

    # Kari opens the service order: each slot with its count, cut-off and a way to its bookings
    log_in(page, KARI, KARI)
    detail = open_order(page, order)
    clinic = slot_row(detail, CLINIC)
    expect(clinic).to_contain_text("0 av 2")
    expect(slot_row(detail, SURGERY)).to_contain_text("1 av 5")
    expect(detail.get_by_role("grid", name="Timebestillinger").get_by_role("columnheader")).to_have_text(
        ["Starter", "Slutter", "Sted", "Booket", "Endringsfrist", "Handlinger"]
    )
    for staff_only in ("Flytt", "Avlys"):
        expect(detail.get_by_role("button", name=re.compile(f"^{staff_only} "))).to_have_count(0)
    expect(detail.get_by_role("form", name="Legg til time")).to_have_count(0)
    screenshot(page, "210-bookings-slots")

    # "Påmeldte" opens the slot's bookings under the list; Anna is found by her name and booked
    show = clinic.get_by_role("button", name=re.compile(r"^Påmeldte "))
    show.click()
    expect(show).to_have_attribute("aria-expanded", "true")
    panel = detail.get_by_role("region", name=re.compile(rf"^Påmeldte .*, {CLINIC}$"))
    expect(panel).to_contain_text("Ingen er påmeldt ennå.")
    expect(panel).to_contain_text(re.compile(r"Du kan fjerne påmeldte fram til \d\d\.\d\d\.\d{4} \d\d:\d\d\."))
    form = panel.get_by_role("form", name="Legg til ansatt")
    form.get_by_role("button", name="Legg til ansatt").click()
    expect(form.get_by_role("alert")).to_contain_text("Ansatt: Velg en ansatt i listen.")
    # The refused form's summary takes the focus once shown; typing before that would lose the suggestions with it
    expect(form.get_by_role("alert")).to_be_focused()
    search = form.get_by_role("combobox", name="Ansatt")
    search_in(search, word)
    choices = page.get_by_role("listbox")  # the language choice is a select of its own options
    expect(choices.get_by_role("option")).to_have_count(3)
    expect(choices.get_by_role("option", name=f"{name_of(anna)} ({anna['email']})")).to_be_visible()
    choices.get_by_role("option", name=f"{name_of(anna)} ({anna['email']})").click()
    expect(search).to_have_value(f"{name_of(anna)} ({anna['email']})")
    expect(choices).to_have_count(0)
    screenshot(page, "211-bookings-chosen-employee")  # the list closed: while open, React Aria hides the rest from axe
    form.get_by_role("button", name="Legg til ansatt").click()
    expect(toast(page, f"{name_of(anna)} er lagt til. Innkallingen sendes til {anna['email']}.")).to_be_visible()
    expect(clinic).to_contain_text("1 av 2")

    # Bjørn by keyboard; Anna, booked already, is no longer offered
    search = panel.get_by_role("form", name="Legg til ansatt").get_by_role("combobox", name="Ansatt")
    expect(search).to_have_value("")
    search_in(search, f"bjørn {word}")
    expect(choices.get_by_role("option")).to_have_count(1)
    expect(choices.get_by_role("option", name=re.compile(r"^Anna "))).to_have_count(0)
    bjorn_option = choices.get_by_role("option", name=f"{name_of(bjorn)} ({bjorn['email']})")
    expect(bjorn_option).to_be_visible()  # the suggestions loaded, so the keys choose among them
    search.press("ArrowDown")
    expect(bjorn_option).to_have_attribute("data-focused", "true")
    search.press("Enter")
    expect(search).to_have_value(f"{name_of(bjorn)} ({bjorn['email']})")
    panel.get_by_role("button", name="Legg til ansatt").click()
    expect(toast(page, f"{name_of(bjorn)} er lagt til.")).to_be_visible()

    # Both are listed with who booked them; the slot is full and says so instead of offering more
    booked_grid = panel.get_by_role("grid", name=re.compile(r"^Påmeldte "))
    expect(booked_grid.get_by_role("columnheader")).to_have_text(["Navn", "E-post", "Lagt inn av", "Handlinger"])
    for person in (anna, bjorn):
        row = booked_grid.get_by_role("row").filter(has_text=name_of(person))
        expect(row).to_contain_text(person["email"])
        expect(row).to_contain_text("Kari Nordmann")
    expect(clinic).to_contain_text("2 av 2")
    expect(clinic).to_contain_text("Full")
    expect(panel).to_contain_text("2 av 2 plasser er tatt.")
    expect(panel).to_contain_text("Timen er full: alle 2 plassene er tatt. Velg en annen time for flere ansatte.")
    expect(panel.get_by_role("form", name="Legg til ansatt")).to_have_count(0)
    without_toasts(page)
    screenshot(page, "212-bookings-booked")

    # Each got the appointment: an .ics REQUEST at the slot's time in Europe/Oslo, a UID of the portal's each
    [(anna_calendar, anna_event)] = invitations(runtime, anna["email"])
    [(bjorn_calendar, bjorn_event)] = invitations(runtime, bjorn["email"])
    for calendar, event in ((anna_calendar, anna_event), (bjorn_calendar, bjorn_event)):
        assert str(calendar["METHOD"]) == "REQUEST"
        assert starts_at(event) == starts
        assert (int(event["SEQUENCE"]), str(event["LOCATION"])) == (0, CLINIC)
        assert str(event["UID"]).endswith("@kundeportal")
    assert str(anna_event["UID"]) != str(bjorn_event["UID"])

    # Kari removes Bjørn before the cut-off, asked first: he gets the cancellation of the same appointment
    booked_grid.get_by_role("button", name=f"Fjern {name_of(bjorn)}").click()
    confirm = page.get_by_role("alertdialog", name=f"Fjerne {name_of(bjorn)} fra timen?")
    expect(confirm).to_contain_text(f"{name_of(bjorn)} får en avlysning på e-post ({bjorn['email']})")
    screenshot(page, "213-bookings-remove")
    confirm.get_by_role("button", name="Fjern").click()
    expect(toast(page, f"{name_of(bjorn)} er fjernet fra timen.")).to_be_visible()
    expect(booked_grid.get_by_role("row").filter(has_text=name_of(bjorn))).to_have_count(0)
    expect(clinic).to_contain_text("1 av 2")
    expect(panel.get_by_role("form", name="Legg til ansatt")).to_be_visible()
    *_, (cancel_calendar, cancelled) = invitations(runtime, bjorn["email"])
    assert str(cancel_calendar["METHOD"]) == "CANCEL"
    assert (str(cancelled["UID"]), str(cancelled["STATUS"])) == (str(bjorn_event["UID"]), "CANCELLED")

    # Past its cut-off a slot keeps its bookings: no "Fjern", and changes go through the vendor
    slot_row(detail, SURGERY).get_by_role("button", name=re.compile(r"^Påmeldte ")).click()
    expect(show).to_have_attribute("aria-expanded", "false")
    late = detail.get_by_role("region", name=re.compile(rf"^Påmeldte .*, {SURGERY}$"))
    expect(late.get_by_role("row").filter(has_text=name_of(bo))).to_contain_text(bo["email"])
    expect(late).to_contain_text(
        re.compile(r"Fristen for å fjerne påmeldte gikk ut \d\d\.\d\d\.\d{4} \d\d:\d\d\. Endringer gjøres nå av oss")
    )
    expect(late.get_by_role("button", name=re.compile(r"^Fjern"))).to_have_count(0)
    expect(late.get_by_role("form", name="Legg til ansatt")).to_be_visible()
    without_toasts(page)
    screenshot(page, "214-bookings-cut-off-passed")
    log_out(page)

    # The administrator: "Flytt" and "Avlys" on each slot, and the new slot's form asks for the cut-off
    log_in(page, *ADMIN)
    detail = open_order(page, order)
    clinic = slot_row(detail, CLINIC)
    add = detail.get_by_role("form", name="Legg til time")
    expect(add.get_by_label("Frist for endringer (timer før start) *")).to_have_value("24")
    expect(add.get_by_label("Plasser *")).to_have_value("10")
    screenshot(page, "215-bookings-staff")

    # The first slot moved an hour later: Anna, still booked, gets the update of the same appointment
    clinic.get_by_role("button", name=re.compile(r"^Flytt timen ")).click()
    move = page.get_by_role("dialog", name=re.compile(r"^Flytt timen "))
    expect(move).to_contain_text("Den som er påmeldt, får en oppdatert innkalling på e-post.")
    field = move.get_by_label("Starter *")
    later = datetime.fromisoformat(field.input_value()) + timedelta(hours=1)
    field.fill(later.strftime("%Y-%m-%dT%H:%M"))
    screenshot(page, "216-bookings-move")
    move.get_by_role("button", name="Flytt timen").click()
    expect(toast(page, f"Timen er flyttet til {later.strftime('%d.%m.%Y %H:%M')}.")).to_be_visible()
    expect(move).to_have_count(0)
    expect(clinic).to_contain_text(later.strftime("%d.%m.%Y %H:%M"))
    without_toasts(page)
    screenshot(page, "217-bookings-moved")
    (_, first), (update_calendar, updated) = invitations(runtime, anna["email"])
    assert str(update_calendar["METHOD"]) == "REQUEST"
    assert (str(updated["UID"]), int(updated["SEQUENCE"])) == (str(first["UID"]), 1)
    assert starts_at(updated) == starts + timedelta(hours=1)
    assert len(invitations(runtime, bjorn["email"])) == 2  # removed before the move: told nothing more

    # The second slot called off, asked first: Bo gets the cancellation, and the slot leaves the list
    slot_row(detail, SURGERY).get_by_role("button", name=re.compile(r"^Avlys timen ")).click()
    confirm = page.get_by_role("alertdialog", name=re.compile(r"^Avlyse timen .*\?$"))
    expect(confirm).to_contain_text(f"Timen på {SURGERY} fjernes fra ordren. Den som er påmeldt, får en avlysning")
    screenshot(page, "218-bookings-call-off")
    confirm.get_by_role("button", name="Avlys timen").click()
    expect(toast(page, re.compile(r"Timen \d\d\.\d\d\.\d{4} \d\d:\d\d er avlyst\."))).to_be_visible()
    expect(slot_row(detail, SURGERY)).to_have_count(0)
    *_, (bo_calendar, bo_cancelled) = invitations(runtime, bo["email"])
    assert (str(bo_calendar["METHOD"]), str(bo_cancelled["STATUS"])) == ("CANCEL", "CANCELLED")

    # Staff read who is booked, without a way to book or remove
    clinic.get_by_role("button", name=re.compile(r"^Påmeldte ")).click()
    panel = detail.get_by_role("region", name=re.compile(rf"^Påmeldte .*, {CLINIC}$"))
    expect(panel.get_by_role("row").filter(has_text=name_of(anna))).to_contain_text("Kari Nordmann")
    expect(panel).to_contain_text("Kundens ansattadministratorer legger til og fjerner påmeldte.")
    expect(panel.get_by_role("button", name=re.compile(r"^Fjern"))).to_have_count(0)
    expect(panel.get_by_role("form", name="Legg til ansatt")).to_have_count(0)
    without_toasts(page)
    screenshot(page, "219-bookings-staff-reads")
