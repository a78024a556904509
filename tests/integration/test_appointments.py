"""Appointments (EMP-2) through the API: a customer's employee administrator books its employees into the vendor's
slots and removes them before the cut-off; capacity holds under two bookings for the last place at once; each
employee gets the appointment by e-mail in its language with a valid .ics (Europe/Oslo), and the update (same UID,
higher SEQUENCE) when staff move the slot, or the cancellation."""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any

from icalendar import Calendar

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.integration.test_booking_slots import service_order
from tests.support import ApiClient

KARI = "kari.nordmann@nordlys.no"  # employee administrator at the group, so at Bergen
OLA = "ola.hansen@nordlys-bergen.no"


def employee(api: ApiClient, kari: str, customer_id: str, **fields: str) -> dict[str, Any]:
    tag = uuid.uuid4().hex[:8]
    body = {"first_name": "Anna", "last_name": f"Ansatt {tag}", "email": f"anna.{tag}@testikkeibruk.no", **fields}
    made = api.post(f"/customers/{customer_id}/employees", token=kari, body=body)
    assert made.status == 201, made.body
    return dict(made.body)


def invitations(runtime: Runtime, address: str) -> list[tuple[dict[str, Any], Any]]:
    """The e-mails to the address, oldest first, each with its calendar parsed."""
    runtime.streams.drain()
    found = []
    for message in reversed(mailbox.messages_to(address)):
        (attachment,) = message["attachments"]
        assert attachment["content_type"] == "text/calendar"
        found.append((message, Calendar.from_ical(attachment["content"]).walk("VEVENT")[0]))
    return found


def slot_of(api: ApiClient, admin: str, order: dict[str, Any], *, capacity: int, starts: datetime) -> dict[str, Any]:
    slots = f"/customers/{order['customer_id']}/service-orders/{order['order_id']}/booking-slots"
    body = {"place": "Klinikken, Strandkaien 4", "starts_at": starts.isoformat(), "duration_minutes": 30}
    added = api.post(slots, token=admin, body={**body, "capacity": capacity, "cancel_until_hours": 48})
    assert added.status == 201, added.body
    return dict(added.body)


def test_two_employees_booked_get_invitations_that_follow_the_slot(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    admin, kari = api.login("admin"), api.login(KARI)
    order = service_order(api, admin, api.login(OLA), demo)
    bergen = order["customer_id"]
    starts = (datetime.now(UTC) + timedelta(days=20)).replace(hour=8, minute=0, second=0, microsecond=0)
    slot = slot_of(api, admin, order, capacity=3, starts=starts)
    bookings = f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots/{slot['slot_id']}/bookings"
    anna = employee(api, kari, bergen)
    sven = employee(api, kari, bergen, first_name="Sven", language="sv")
    for person in (anna, sven):
        booked = api.post(bookings, token=kari, body={"employee_id": person["employee_id"]})
        assert booked.status == 201, booked.body
    again = api.post(bookings, token=kari, body={"employee_id": anna["employee_id"]})
    assert (again.status, again.error_code) == (409, "already_booked")
    listed = api.get(bookings, token=kari).body
    assert {item["employee_id"] for item in listed["items"]} == {anna["employee_id"], sven["employee_id"]}
    assert listed["may_book"] is True

    [(mail, event)] = invitations(runtime, anna["email"])
    assert mail["subject"].startswith("Timeavtale: Helsekontroll")  # Norwegian: the customer's country's language
    assert event["DTSTART"].dt == starts.astimezone(event["DTSTART"].dt.tzinfo)
    assert str(event["DTSTART"].dt.tzinfo) == "Europe/Oslo"
    assert (int(event["SEQUENCE"]), str(event["LOCATION"])) == (0, "Klinikken, Strandkaien 4")
    assert str(event["ATTENDEE"]) == f"mailto:{anna['email']}"
    [(swedish, _)] = invitations(runtime, sven["email"])
    assert swedish["subject"].startswith("Tidsbokning: Helsekontroll")  # the employee's own language

    # Staff move the slot an hour: both get the invitation again, same UID, a higher SEQUENCE
    path = f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots/{slot['slot_id']}"
    moved = api.call(
        "PATCH",
        path,
        token=admin,
        body={"version": slot["version"], "starts_at": (starts + timedelta(hours=1)).isoformat()},
    )
    assert moved.status == 200, moved.body
    (_, first), (changed_mail, changed) = invitations(runtime, anna["email"])
    assert str(changed["UID"]) == str(first["UID"])
    assert int(changed["SEQUENCE"]) == 1
    assert changed["DTSTART"].dt == (starts + timedelta(hours=1)).astimezone(changed["DTSTART"].dt.tzinfo)
    assert changed_mail["subject"].startswith("Endret timeavtale")

    # Kari removes Sven before the cut-off: he gets the cancellation, same UID, higher still
    removed = api.call("DELETE", f"{bookings}/{sven['employee_id']}", token=kari)
    assert removed.status == 204, removed.body
    *_, (cancel_mail, cancelled) = invitations(runtime, sven["email"])
    assert (str(cancelled["STATUS"]), int(cancelled["SEQUENCE"])) == ("CANCELLED", 2)
    assert cancel_mail["subject"].startswith("Inställd tidsbokning")

    # Staff cancel the slot: Anna gets the cancellation; her history shows the booking
    cancelled_slot = api.call("DELETE", path, token=admin, query={"version": moved.body["version"]})
    assert cancelled_slot.status == 204, cancelled_slot.body
    *_, (_, last) = invitations(runtime, anna["email"])
    assert (str(last["STATUS"]), int(last["SEQUENCE"]), str(last["UID"])) == ("CANCELLED", 2, str(first["UID"]))
    history = api.get(f"/customers/{bergen}/employees/{anna['employee_id']}/history", token=kari).body["items"]
    assert "booked" in [entry["action"] for entry in history]


def test_two_bookings_for_the_last_place_at_once_make_exactly_one(api: ApiClient, demo: DemoData) -> None:
    admin, kari = api.login("admin"), api.login(KARI)
    order = service_order(api, admin, api.login(OLA), demo)
    bergen = order["customer_id"]
    slot = slot_of(api, admin, order, capacity=1, starts=datetime.now(UTC) + timedelta(days=10))
    bookings = f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots/{slot['slot_id']}/bookings"
    people = [employee(api, kari, bergen) for _ in range(2)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(
            pool.map(lambda person: api.post(bookings, token=kari, body={"employee_id": person["employee_id"]}), people)
        )
    assert sorted(answer.status for answer in answers) == [201, 409]
    assert [answer.error_code for answer in answers if answer.status == 409] == ["slot_full"]
    slots = api.get(f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots", token=kari).body
    assert [item["booked"] for item in slots["items"] if item["slot_id"] == slot["slot_id"]] == [1]
    assert len(api.get(bookings, token=kari).body["items"]) == 1


def test_a_booking_is_kept_after_the_cut_off_and_only_employee_administrators_book(
    api: ApiClient, demo: DemoData
) -> None:
    admin, kari, ola = api.login("admin"), api.login(KARI), api.login(OLA)
    order = service_order(api, admin, ola, demo)
    bergen = order["customer_id"]
    slot = slot_of(api, admin, order, capacity=2, starts=datetime.now(UTC) + timedelta(hours=30))  # cut-off passed
    bookings = f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots/{slot['slot_id']}/bookings"
    person = employee(api, kari, bergen)
    assert api.post(bookings, token=kari, body={"employee_id": person["employee_id"]}).status == 201
    late = api.call("DELETE", f"{bookings}/{person['employee_id']}", token=kari)
    assert (late.status, late.error_code) == (409, "booking_cutoff_passed")
    refused = api.post(bookings, token=ola, body={"employee_id": person["employee_id"]})
    assert (refused.status, refused.error_code) == (403, "missing_role")
    staff = api.post(bookings, token=admin, body={"employee_id": person["employee_id"]})
    assert staff.status == 403
    other = api.post(bookings, token=kari, body={"employee_id": str(uuid.uuid4().int)[:26]})
    assert other.status == 422
