"""Assignment (ORG-4): staff with the Assign right make a technician or account manager responsible for a customer,
chosen from the staff groups administrators keep; the user is told (the customer is not), the assignment is in the
customer's history, and the customer's new cases go to them. Unassigning tells the user too."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.support import ApiClient, username_email


@pytest.fixture
def customer(api: ApiClient) -> str:
    admin = api.login("admin")
    body = {
        "name": f"Tildelt {uuid.uuid4().hex[:6]} AS",
        "number": str(uuid.uuid4().int)[:8],
        "email": "post@tildelt.no",
    }
    created = api.post("/customers", token=admin, body=body)
    assert created.status == 201, created.body
    return str(created.body["customer_id"])


def mails_about(address: str, text: str) -> list[dict[str, Any]]:
    return [message for message in mailbox.messages_to(address) if text in message["subject"]]


def test_administrators_keep_groups_that_list_active_staff_for_the_menu(api: ApiClient) -> None:
    admin = api.login("admin")
    current = api.get("/staff-groups", token=admin).body
    groups = [
        {"name": "Teknikere Innlandet", "members": ["tekniker"]},
        {"name": "Kundeansvarlige", "members": ["selger", "admin"]},
    ]
    saved = api.call("PUT", "/staff-groups", token=admin, body={"version": current["version"], "groups": groups})
    assert saved.status == 200, saved.body
    listed = {group["name"]: [m["display_name"] for m in group["members"]] for group in saved.body["groups"]}
    assert listed == {"Kundeansvarlige": ["Anne Admin", "Sven Selger"], "Teknikere Innlandet": ["Tore Tekniker"]}
    assert api.get("/staff-groups", token=api.login("selger")).body["groups"] == saved.body["groups"]
    assert api.get("/staff-groups", token=api.login("tekniker")).status == 403  # no Assign right
    stale = api.call("PUT", "/staff-groups", token=admin, body={"version": current["version"], "groups": groups})
    assert stale.error_code == "version_mismatch"
    bad = [{"name": "Kunder", "members": ["ola.hansen@nordlys-bergen.no"]}, {"name": "kunder", "members": []}]
    refused = api.call("PUT", "/staff-groups", token=admin, body={"version": saved.body["version"], "groups": bad})
    assert refused.status == 422
    fields = {(problem["field"], problem["code"]) for problem in refused.body["error"]["details"]}
    assert fields == {("groups.0.members.0", "unknown_staff"), ("groups.1.name", "duplicate_group")}
    assert api.call("PUT", "/staff-groups", token=api.login("selger"), body={"version": 1, "groups": []}).status == 403


def test_an_assigned_technician_is_told_gets_the_customers_new_cases_and_is_told_when_unassigned(
    api: ApiClient, runtime: Runtime, customer: str, demo: DemoData
) -> None:
    selger = api.login("selger")  # an account manager: may assign
    assigned = api.call("PUT", f"/customers/{customer}/assignees/tekniker", token=selger)
    assert assigned.status == 200, assigned.body
    assert [m["username"] for m in assigned.body["assigned_staff"]] == ["tekniker"]
    again = api.call("PUT", f"/customers/{customer}/assignees/tekniker", token=selger)
    assert again.body["version"] == assigned.body["version"]  # nothing changes twice
    unknown = api.call("PUT", f"/customers/{customer}/assignees/ola.hansen@nordlys-bergen.no", token=selger)
    assert (unknown.status, unknown.error_code) == (422, "unknown_staff")
    runtime.streams.drain()
    name = api.get(f"/customers/{customer}", token=selger).body["name"]
    assert len(mails_about(username_email("tekniker"), name)) == 1
    assert mails_about("post@tildelt.no", name) == []  # the customer is not told

    technician = api.login("tekniker")  # now sees the customer ("view assigned only")
    assert api.get(f"/customers/{customer}", token=technician).status == 200
    filed = api.post(
        "/cases",
        token=api.login("admin"),
        body={"title": "Heisen står", "customer_id": customer},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert filed.body["case"]["assignees"] == ["tekniker"]
    assert api.get(f"/cases/{filed.body['case']['case_id']}", token=technician).status == 200

    refused = api.call("DELETE", f"/customers/{customer}/assignees/tekniker", token=technician)
    assert refused.status == 403  # a technician has no Assign right
    removed = api.call("DELETE", f"/customers/{customer}/assignees/tekniker", token=selger)
    assert removed.status == 200, removed.body
    assert removed.body["assigned_staff"] == []
    assert api.call("DELETE", f"/customers/{customer}/assignees/tekniker", token=selger).status == 404
    runtime.streams.drain()
    assert len(mails_about(username_email("tekniker"), name)) == 2
    assert api.get(f"/customers/{customer}", token=technician).status == 404
    # ...nor its cases: "view assigned only" follows who is assigned now
    assert api.get(f"/cases/{filed.body['case']['case_id']}", token=technician).status == 404
    assert filed.body["case"]["case_id"] not in {
        c["case_id"] for c in api.get("/cases", token=technician).body["items"]
    }
    later = api.post(
        "/cases",
        token=api.login("admin"),
        body={"title": "Heisen står igjen", "customer_id": customer},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert later.body["case"]["assignees"] == []
    history = api.get(f"/customers/{customer}/history", token=selger).body["items"]
    assert [entry["action"] for entry in history if entry["action"] in {"assigned", "unassigned"}] == [
        "unassigned",
        "assigned",
    ]
