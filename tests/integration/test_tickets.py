"""Support tickets (DOC-8) through the API: a customer's user opens one and follows its status and replies; staff
answer and move it on; each side hears of the other's word by e-mail, through the outbox."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from portal.settings import get_settings
from tests.integration.case_world import World, world
from tests.support import PDF, ApiClient, upload_file, username_email

__all__ = ["world"]  # the fixture, imported to be used here

OLA, KARI = "ola.hansen@nordlys-bergen.no", "kari.nordmann@nordlys.no"


@pytest.fixture
def bergen(demo: DemoData) -> str:
    return demo.customer_ids["bergen"]


def staff_told(runtime: Runtime, api: ApiClient, customer_id: str, ticket: dict[str, Any]) -> list[dict[str, Any]]:
    """The e-mails about the ticket to its customer's account managers, or to customer service when it has none
    (known by the ticket's subject they quote: its number alone is in other e-mails' subjects too, "serviceordre 3")."""
    runtime.streams.drain()
    assigned = api.get(f"/customers/{customer_id}", token=api.login("admin")).body["assigned_staff"]
    addresses = [username_email(username) for username in assigned] or [get_settings().staff_notification_address]
    return [m for a in addresses for m in mailbox.messages_to(a) if f"«{ticket['subject']}»" in m["body"]]


def open_ticket(api: ApiClient, token: str, customer_id: str, subject: str) -> Any:
    body = {"subject": subject, "description": "Terminalen i butikk 2 svarer ikke."}
    return api.post(
        f"/customers/{customer_id}/tickets", token=token, body=body, headers={"Idempotency-Key": str(uuid.uuid4())}
    )


def test_a_ticket_goes_back_and_forth_and_each_side_hears_of_the_others_word(
    api: ApiClient, runtime: Runtime, bergen: str
) -> None:
    ola, admin = api.login(OLA), api.login("admin")
    subject = f"Terminal nede {uuid.uuid4().hex[:4]}"
    opened = open_ticket(api, ola, bergen, subject)
    assert opened.status == 201, opened.body
    ticket = opened.body
    assert (ticket["status"], ticket["created_by_name"], ticket["number"] > 0) == ("open", "Ola Hansen", True)
    path = f"/customers/{bergen}/tickets/{ticket['ticket_id']}"
    told = staff_told(runtime, api, bergen, ticket)
    assert len(told) == 1
    assert "Terminalen i butikk 2 svarer ikke." in told[0]["body"]
    assert ticket["ticket_id"] in {
        item["ticket_id"] for item in api.get(f"/customers/{bergen}/tickets", token=api.login(KARI)).body["items"]
    }

    answered = api.post(f"{path}/replies", token=admin, body={"text": "Vi sender en tekniker i dag.", "version": 1})
    assert answered.status == 200, answered.body
    assert (answered.body["status"], answered.body["last_from_staff"], answered.body["messages"]) == (
        "waiting_for_customer",
        True,
        1,
    )
    runtime.streams.drain()
    to_ola = [m for m in mailbox.messages_to(OLA) if f"henvendelse {ticket['number']}" in m["subject"]]
    assert len(to_ola) == 1
    assert "Vi sender en tekniker i dag." in to_ola[0]["body"]

    thanked = api.post(f"{path}/replies", token=ola, body={"text": "Takk!", "version": 2})
    assert thanked.status == 200, thanked.body
    assert thanked.body["status"] == "open"  # the customer's word puts it back with the vendor
    assert [(reply["by_name"], reply["from_staff"]) for reply in thanked.body["replies"]] == [
        ("Anne Admin", True),
        ("Ola Hansen", False),
    ]
    assert len(staff_told(runtime, api, bergen, ticket)) == 2

    refused = api.call("PUT", f"{path}/status", token=ola, body={"status": "closed", "version": 3})
    assert (refused.status, refused.error_code) == (403, "forbidden")
    closed = api.call("PUT", f"{path}/status", token=admin, body={"status": "closed", "version": 3})
    assert closed.status == 200, closed.body
    assert closed.body["status"] == "closed"
    late = api.post(f"{path}/replies", token=ola, body={"text": "En ting til", "version": 4})
    assert (late.status, late.error_code) == (409, "ticket_closed")
    stale = api.post(f"{path}/replies", token=admin, body={"text": "Gammel", "version": 2})
    assert (stale.status, stale.error_code) == (409, "version_mismatch")
    runtime.streams.drain()
    assert len([m for m in mailbox.messages_to(OLA) if f"henvendelse {ticket['number']}" in m["subject"]]) == 2

    seen = api.get(path, token=ola).body
    assert (seen["status"], len(seen["replies"]), seen["may_change_status"]) == ("closed", 2, False)
    assert api.get(path, token=admin).body["may_change_status"] is True
    closed_ones = api.get("/tickets", token=admin, query={"status": "closed", "limit": 100}).body["items"]
    assert ticket["ticket_id"] in {item["ticket_id"] for item in closed_ones}
    history = api.get(f"/customers/{bergen}/history", token=admin).body["items"]
    assert {"ticket_opened", "ticket_replied", "ticket_status_changed"} <= {entry["action"] for entry in history}


def test_who_opens_and_reads_tickets(api: ApiClient, bergen: str, demo: DemoData) -> None:
    staff_opens = open_ticket(api, api.login("admin"), bergen, "Fra ansatt")
    assert (staff_opens.status, staff_opens.error_code) == (403, "customer_only")
    other = open_ticket(api, api.login("faktura-20000"), bergen, "Fra en annen kunde")
    assert other.status == 404  # another tenant's customer answers as unknown
    mine = open_ticket(api, api.login("faktura-20000"), demo.customer_ids["bakery"], "Fra bakeriet")
    assert mine.status == 201, mine.body
    path = f"/customers/{demo.customer_ids['bakery']}/tickets/{mine.body['ticket_id']}"
    assert api.get(path, token=api.login(OLA)).status == 404
    assert api.get(f"/customers/{demo.customer_ids['bakery']}/tickets", token=api.login(OLA)).status == 404
    assert api.get("/tickets", token=api.login("tekniker")).status == 403
    assert api.get("/tickets", token=api.login(OLA)).status == 403
    assert api.get("/tickets", token=api.login("selger")).status == 200


def test_a_login_tied_to_objects_only_reads_the_tickets_it_opened(
    api: ApiClient, runtime: Runtime, world: World
) -> None:
    """The customer's own logins read all its tickets; a login tied to one of its objects only (a shop's manager)
    reads the ones it opened, and their attachments: another's answers as unknown."""
    customer = world.customers["A"]
    at_shop, at_office = world.logins["contact_object"], world.logins["contact_customer"]
    office = open_ticket(api, at_office, customer, "Fakturaadresse").body
    shop = open_ticket(api, at_shop, customer, "Terminal i butikken").body
    attached = upload_file(api, runtime, at_office, PDF, customer_id=customer, ticket_id=office["ticket_id"])

    def listed(token: str) -> set[str]:
        page = api.get(f"/customers/{customer}/tickets", token=token, query={"limit": 100})
        assert page.status == 200, page.body
        return {item["ticket_id"] for item in page.body["items"]}

    assert listed(at_shop) == {shop["ticket_id"]}
    assert listed(at_office) >= {shop["ticket_id"], office["ticket_id"]}
    assert api.get(f"/customers/{customer}/tickets/{shop['ticket_id']}", token=at_shop).status == 200
    assert api.get(f"/customers/{customer}/tickets/{office['ticket_id']}", token=at_shop).status == 404
    reply = {"version": office["version"], "text": "Hei"}
    refused = api.post(f"/customers/{customer}/tickets/{office['ticket_id']}/replies", token=at_shop, body=reply)
    assert refused.status == 404
    assert api.get(f"/files/{attached['file_id']}", token=at_shop).status == 404
    on_ticket = api.get("/files", token=at_shop, query={"customer_id": customer, "ticket_id": office["ticket_id"]})
    assert on_ticket.status == 404
    assert api.get(f"/files/{attached['file_id']}", token=at_office).status == 200


def test_a_ticket_carries_attachments_its_readers_upload_and_read(
    api: ApiClient, runtime: Runtime, bergen: str, demo: DemoData
) -> None:
    ola = api.login(OLA)
    opened = open_ticket(api, ola, bergen, f"Vedlegg {uuid.uuid4().hex[:4]}")
    assert opened.status == 201, opened.body
    ticket_id = opened.body["ticket_id"]
    attached = upload_file(
        api, runtime, ola, PDF, name="Feilmelding.pdf", customer_id=bergen, ticket_id=ticket_id
    )  # the customer's user attaches it: no Upload right needed on its own ticket
    assert (attached["status"], attached["owner"], attached["ticket_id"]) == ("ready", "ticket", ticket_id)
    on_ticket = api.get("/files", token=api.login("admin"), query={"customer_id": bergen, "ticket_id": ticket_id})
    assert [item["name"] for item in on_ticket.body["items"]] == ["Feilmelding.pdf"]
    kari = api.get("/files", token=api.login(KARI), query={"customer_id": bergen, "ticket_id": ticket_id})
    assert [item["file_id"] for item in kari.body["items"]] == [attached["file_id"]]
    customer_files = api.get("/files", token=api.login("admin"), query={"customer_id": bergen, "limit": 100})
    assert attached["file_id"] not in {item["file_id"] for item in customer_files.body["items"]}  # the ticket's own
    stranger = api.login("faktura-20000")
    assert api.get(f"/files/{attached['file_id']}", token=stranger).status == 404
    refused = api.post(
        "/files",
        token=stranger,
        body={
            "name": "x.pdf",
            "content_type": "application/pdf",
            "size": 10,
            "customer_id": bergen,
            "ticket_id": ticket_id,
        },
    )
    assert refused.status == 404
    elsewhere = api.post(
        "/files",
        token=ola,
        body={
            "name": "x.pdf",
            "content_type": "application/pdf",
            "size": 10,
            "customer_id": demo.customer_ids["bakery"],
            "ticket_id": ticket_id,
        },
    )
    assert elsewhere.status == 404  # a ticket is found only with its own customer
