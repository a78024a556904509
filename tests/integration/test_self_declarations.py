"""Self-declarations (EMP-2) through the API: where a slot asks for one, the employee's invitation carries a link to
the health questionnaire; the answers are sealed at rest, read by the vendor's health personnel only (each reading
recorded), never by the employer or other staff, closed when the appointment begins, and gone with the booking or
after the retention period. When KMS does not answer, nothing is stored."""

from __future__ import annotations

import dataclasses
import json
import re
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from botocore.exceptions import ClientError

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from portal.access import Principal
from portal.auth.tokens import token_digest
from portal.bookings.models import SelfDeclarationAnswers, SlotChange
from portal.errors import Conflict, NotFound
from portal.wiring import appointment_service, auth_service, self_declaration_service
from tests.integration.test_appointments import KARI, OLA, employee
from tests.integration.test_booking_slots import service_order
from tests.support import ApiClient, table_items

REMARK = "Astma siden barndommen, bruker inhalator ved anstrengelse"  # stands out wherever it would leak
ANSWERS = {
    "general_health": "fair",
    "takes_medication": True,
    "medication": "Ventoline",
    "chronic_illness": True,
    "chronic_illness_details": "Astma",
    "hearing_problems": False,
    "breathing_problems": True,
    "skin_problems": False,
    "musculoskeletal_problems": False,
    "remarks": REMARK,
    "confirmed": True,
}
LINK = re.compile(r"/#/self-declaration/([A-Za-z0-9_-]+)")


@dataclasses.dataclass
class Booked:
    customer_id: str
    order_id: str
    slot: dict[str, Any]
    employee: dict[str, Any]
    token: str

    @property
    def bookings(self) -> str:
        order = f"/customers/{self.customer_id}/service-orders/{self.order_id}"
        return f"{order}/booking-slots/{self.slot['slot_id']}/bookings"

    @property
    def declaration(self) -> str:
        return f"{self.bookings}/{self.employee['employee_id']}/self-declaration"


@pytest.fixture
def booked(api: ApiClient, runtime: Runtime, demo: DemoData) -> Booked:
    """An employee of Nordlys Bergen booked into a health check that asks for a self-declaration, and the token of
    the link the invitation carries."""
    admin, kari = api.login("admin"), api.login(KARI)
    order = service_order(api, admin, api.login(OLA), demo)
    bergen = order["customer_id"]
    starts = (datetime.now(UTC) + timedelta(days=14)).replace(hour=8, minute=0, second=0, microsecond=0)
    slots = f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots"
    body = {"place": "Klinikken", "starts_at": starts.isoformat(), "duration_minutes": 30, "capacity": 4}
    slot = api.post(slots, token=admin, body={**body, "self_declaration": True})
    assert (slot.status, slot.body["self_declaration"]) == (201, True), slot.body
    person = employee(api, kari, bergen)
    path = f"{slots}/{slot.body['slot_id']}/bookings"
    assert api.post(path, token=kari, body={"employee_id": person["employee_id"]}).status == 201
    runtime.streams.drain()
    [invitation] = mailbox.messages_to(person["email"])
    found = LINK.search(invitation["body"])
    assert found, invitation["body"]
    return Booked(bergen, order["order_id"], dict(slot.body), person, found.group(1))


def declaration_items(booking: Booked) -> list[dict[str, Any]]:
    return [
        item
        for item in table_items()
        if item["SK"]["S"].startswith("DECLARATION#") and booking.employee["employee_id"] in item["SK"]["S"]
    ]


def test_the_employee_answers_and_only_the_health_personnel_read_them(
    api: ApiClient, booked: Booked, capfd: pytest.CaptureFixture[str]
) -> None:
    form = api.post("/self-declarations/form", body={"token": booked.token})
    assert form.status == 200, form.body
    assert (form.body["place"], form.body["open"], form.body["submitted_at"]) == ("Klinikken", True, None)
    assert form.body["employee_name"] == f"{booked.employee['first_name']} {booked.employee['last_name']}"
    unnamed = api.post("/self-declarations", body={"token": booked.token, "answers": {**ANSWERS, "medication": ""}})
    assert unnamed.status == 422
    assert [problem["field"] for problem in unnamed.body["error"]["details"]] == ["answers.medication"]
    assert REMARK not in json.dumps(unnamed.body)  # a refusal never repeats the answers
    unconfirmed = {"token": booked.token, "answers": {**ANSWERS, "confirmed": False}}
    assert api.post("/self-declarations", body=unconfirmed).status == 422
    sent = api.post("/self-declarations", body={"token": booked.token, "answers": ANSWERS})
    assert sent.status == 200, sent.body
    again = api.post("/self-declarations/form", body={"token": booked.token})
    assert again.body["submitted_at"] == sent.body["submitted_at"]
    assert REMARK not in json.dumps(again.body)  # the link shows that answers came, never which

    kari, admin, helse = api.login(KARI), api.login("admin"), api.login("helse")
    employer_view = api.get(booked.bookings, token=kari).body
    assert employer_view["items"][0]["declaration_submitted_at"] == sent.body["submitted_at"]
    assert employer_view["may_read_declarations"] is False
    for reader in (kari, admin, api.login("selger")):
        refused = api.get(booked.declaration, token=reader)
        assert (refused.status, refused.error_code) == (403, "missing_permission"), refused.body
    assert api.get(booked.bookings, token=helse).body["may_read_declarations"] is True
    read = api.get(booked.declaration, token=helse)
    assert read.status == 200, read.body
    assert read.body["answers"] == ANSWERS
    assert read.headers.get("Cache-Control") == "no-store"
    assert read.body["employee_id"] == booked.employee["employee_id"]

    history = api.get(
        f"/customers/{booked.customer_id}/employees/{booked.employee['employee_id']}/history", token=kari
    ).body["items"]
    assert [entry["action"] for entry in history[:2]] == ["self_declaration_read", "self_declaration_submitted"]
    assert history[0]["actor"] == "helse"
    [stored] = declaration_items(booked)
    table = json.dumps(table_items())
    logged = capfd.readouterr()
    for place, text in {"table": table, "logs": logged.out + logged.err, "history": json.dumps(history)}.items():
        assert REMARK not in text, f"the answers are in the {place} in plain text"
        assert "Ventoline" not in text, f"the answers are in the {place} in plain text"
        assert booked.token not in text, f"the link's token is in the {place}"
    assert {"key", "nonce", "ciphertext"} <= set(stored["sealed"]["M"])
    ends = datetime.fromisoformat(booked.slot["ends_at"])
    assert int(stored["expires_at"]["N"]) == int((ends + timedelta(days=90)).timestamp())  # the retention period

    unknown = api.post("/self-declarations/form", body={"token": "x" * 43})
    assert (unknown.status, unknown.error_code) == (404, "not_found")
    other = api.get(f"{booked.bookings}/{'0' * 26}/self-declaration", token=helse)
    assert (other.status, other.error_code) == (404, "not_found")


def test_the_form_closes_when_the_appointment_begins_and_the_answers_expire(api: ApiClient, booked: Booked) -> None:
    service = self_declaration_service()
    starts = datetime.fromisoformat(booked.slot["starts_at"])
    begun = dataclasses.replace(service, clock=lambda: starts)
    with pytest.raises(Conflict) as closed:
        begun.submit(booked.token, _answers())
    assert closed.value.code == "declaration_closed"
    assert begun.form(booked.token).open is False
    assert api.post("/self-declarations", body={"token": booked.token, "answers": ANSWERS}).status == 200

    principal = _principal("helse")
    path = (booked.customer_id, booked.order_id, booked.slot["slot_id"], booked.employee["employee_id"])
    assert service.read(principal, *path).answers.remarks == REMARK
    expires = int(declaration_items(booked)[0]["expires_at"]["N"])
    after_retention = dataclasses.replace(service, clock=lambda: datetime.fromtimestamp(expires, UTC))
    with pytest.raises(NotFound):  # past its retention it reads as gone, before DynamoDB's TTL removes it
        after_retention.read(principal, *path)
    # The bookings say until when the answers are kept, so no one is offered to read what is gone
    [booking] = api.get(booked.bookings, token=api.login("helse")).body["items"]
    assert datetime.fromisoformat(booking["declaration_kept_until"]) == datetime.fromtimestamp(expires, UTC)


def test_the_answers_go_with_the_booking_and_with_the_slot(api: ApiClient, runtime: Runtime, booked: Booked) -> None:
    kari, admin = api.login(KARI), api.login("admin")
    assert api.post("/self-declarations", body={"token": booked.token, "answers": ANSWERS}).status == 200
    assert len(declaration_items(booked)) == 1
    removed = api.call("DELETE", f"{booked.bookings}/{booked.employee['employee_id']}", token=kari)
    assert removed.status == 204, removed.body
    assert declaration_items(booked) == []
    gone = api.post("/self-declarations/form", body={"token": booked.token})
    assert (gone.status, gone.error_code) == (404, "not_found")  # the link died with the booking
    late = api.post("/self-declarations", body={"token": booked.token, "answers": ANSWERS})
    assert (late.status, late.error_code) == (404, "not_found")

    # Booked again, answered, and the slot cancelled: the answers go with it
    assert api.post(booked.bookings, token=kari, body={"employee_id": booked.employee["employee_id"]}).status == 201
    runtime.streams.drain()
    token = LINK.findall(mailbox.messages_to(booked.employee["email"])[0]["body"])[-1]
    assert token != booked.token
    assert api.post("/self-declarations", body={"token": token, "answers": ANSWERS}).status == 200
    assert len(declaration_items(booked)) == 1
    slot = f"/customers/{booked.customer_id}/service-orders/{booked.order_id}/booking-slots/{booked.slot['slot_id']}"
    cancelled = api.call("DELETE", slot, token=admin, query={"version": booked.slot["version"]})
    assert cancelled.status == 204, cancelled.body
    assert declaration_items(booked) == []


def test_a_moved_slot_keeps_its_answers_for_the_retention_period_after_its_new_end(
    api: ApiClient, booked: Booked
) -> None:
    assert api.post("/self-declarations", body={"token": booked.token, "answers": ANSWERS}).status == 200
    later = datetime.fromisoformat(booked.slot["starts_at"]) + timedelta(days=200)
    slot = f"/customers/{booked.customer_id}/service-orders/{booked.order_id}/booking-slots/{booked.slot['slot_id']}"
    moved = api.call(
        "PATCH",
        slot,
        token=api.login("admin"),
        body={"version": booked.slot["version"], "starts_at": later.isoformat()},
    )
    assert moved.status == 200, moved.body
    [stored] = declaration_items(booked)
    ends = datetime.fromisoformat(moved.body["ends_at"])
    assert int(stored["expires_at"]["N"]) == int((ends + timedelta(days=90)).timestamp())
    read = api.get(booked.declaration, token=api.login("helse"))
    assert read.status == 200, read.body  # still there, and read as such: its retention follows the appointment

    # Shortened once it has begun, so that it ends before the change: kept after its end, as the bookings say
    starts = datetime.fromisoformat(moved.body["starts_at"])
    during = dataclasses.replace(appointment_service(), clock=lambda: starts + timedelta(minutes=25))
    path = (booked.customer_id, booked.order_id, booked.slot["slot_id"])
    shortened = during.move(_principal("admin"), *path, SlotChange(version=moved.body["version"], duration_minutes=5))
    [stored] = declaration_items(booked)
    assert int(stored["expires_at"]["N"]) == int((shortened.ends_at + timedelta(days=90)).timestamp())
    [listed] = api.get(booked.bookings, token=api.login("helse")).body["items"]
    assert datetime.fromisoformat(listed["declaration_kept_until"]).timestamp() == int(stored["expires_at"]["N"])


class FailingKms:
    def generate_data_key(self, **request: Any) -> Any:
        raise ClientError({"Error": {"Code": "KMSInternalException", "Message": "down"}}, "GenerateDataKey")


def test_when_kms_fails_the_answers_are_refused_and_nothing_is_stored(
    api: ApiClient, booked: Booked, monkeypatch: pytest.MonkeyPatch
) -> None:
    from portal import sealing

    monkeypatch.setattr(sealing, "_client", FailingKms)
    refused = api.post("/self-declarations", body={"token": booked.token, "answers": ANSWERS})
    assert (refused.status, refused.error_code) == (503, "service_unavailable")
    monkeypatch.undo()
    assert declaration_items(booked) == []
    form = api.post("/self-declarations/form", body={"token": booked.token}).body
    assert form["submitted_at"] is None


def test_a_slot_without_the_form_sends_no_link(api: ApiClient, runtime: Runtime, demo: DemoData) -> None:
    admin, kari = api.login("admin"), api.login(KARI)
    order = service_order(api, admin, api.login(OLA), demo)
    bergen = order["customer_id"]
    slots = f"/customers/{bergen}/service-orders/{order['order_id']}/booking-slots"
    starts = datetime.now(UTC) + timedelta(days=9)
    body = {"place": "Klinikken", "starts_at": starts.isoformat(), "duration_minutes": 20, "capacity": 2}
    slot = api.post(slots, token=admin, body=body).body
    assert slot["self_declaration"] is False
    person = employee(api, kari, bergen)
    assert api.post(f"{slots}/{slot['slot_id']}/bookings", token=kari, body={"employee_id": person["employee_id"]})
    runtime.streams.drain()
    [invitation] = mailbox.messages_to(person["email"])
    assert not LINK.search(invitation["body"])
    helse = api.login("helse")
    listed = api.get(f"{slots}/{slot['slot_id']}/bookings", token=helse).body
    assert listed["may_read_declarations"] is False


def _answers() -> SelfDeclarationAnswers:
    return SelfDeclarationAnswers.model_validate(ANSWERS)


def _principal(username: str) -> Principal:
    """What the authorizer builds for the demo user's session."""
    auth = auth_service()
    user = auth.users.get_user(username)
    assert user is not None
    return auth.principal_for(user)


def test_a_link_token_is_kept_only_as_its_digest(booked: Booked) -> None:
    items = table_items()
    [booking] = [item for item in items if item.get("GSI1PK", {}).get("S", "").endswith(token_digest(booked.token))]
    assert booking["SK"]["S"].startswith("BOOKING#")
    assert booked.token not in json.dumps(items)
