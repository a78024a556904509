"""Contacts, objects and their links (ORG-2), and what each login kind sees through them (AUTH-2, AUTH-4)."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.support import ApiClient, seeded_login


@pytest.fixture(scope="module")
def admin(runtime: Runtime, demo: DemoData) -> str:
    return ApiClient(runtime.gateway).login("admin")


def names(items: list[dict[str, Any]]) -> list[str]:
    return sorted(item["name"] for item in items)


def test_each_login_kind_sees_the_objects_its_links_allow(api: ApiClient, demo: DemoData) -> None:
    expectations = {
        "kari.nordmann@nordlys.no": ["Nordlys Bergen Torget"],  # through the group's subsidiary
        "ola.hansen@nordlys-bergen.no": ["Nordlys Bergen Torget"],
        "per.bakke@fjellbakeriet.no": ["Fjellbakeriet Bakeri"],  # linked to that object only
        "faktura-20000": ["Fjellbakeriet Bakeri", "Fjellbakeriet Storgata"],
        "objekt-fb-1": ["Fjellbakeriet Storgata"],
    }
    demo_objects = {name for expected in expectations.values() for name in expected}
    for username, expected in expectations.items():
        token = api.login(username)
        seen = names(api.get("/me/objects", token=token).body)
        # Other tests add objects to the demo customers (the route walk's staff do); of the demo's, exactly these
        assert [name for name in seen if name in demo_objects] == expected, username
        if username in {"per.bakke@fjellbakeriet.no", "objekt-fb-1"}:  # linked to objects: those and no others
            assert seen == expected, username


def test_an_object_linked_contact_chooses_among_its_objects_customers_but_sees_only_its_objects(
    api: ApiClient, demo: DemoData
) -> None:
    token = api.login("per.bakke@fjellbakeriet.no")
    bakery = demo.customer_ids["bakery"]
    chosen = api.get("/me/customers", token=token).body
    assert names(chosen) == ["Fjellbakeriet AS"]
    # It chooses the customer by name; the customer's contact person and e-mail are not its to see
    assert (chosen[0]["contact_person"], chosen[0]["email"]) == (None, None)
    for username in ("objekt-fb-1",):
        assert [
            (c["contact_person"], c["email"]) for c in api.get("/me/customers", token=api.login(username)).body
        ] == [(None, None)]
    group_contact = api.get("/me/customers", token=api.login("kari.nordmann@nordlys.no")).body
    assert all(customer["email"] for customer in group_contact)  # customer-linked logins see them
    assert api.get(f"/customers/{bakery}", token=token).status == 404
    objects = api.get(f"/customers/{bakery}/objects", token=token).body["items"]
    assert names(objects) == ["Fjellbakeriet Bakeri"]
    other = demo.object_ids["bakery-centre"]
    assert api.get(f"/customers/{bakery}/objects/{other}", token=token).status == 404
    me = api.get("/me", token=token).body
    assert (me["kind"], me["object_ids"]) == ("contact", [demo.object_ids["bakery-factory"]])


def test_staff_create_link_and_see_it_in_the_customers_history(api: ApiClient, admin: str, demo: DemoData) -> None:
    bakery = demo.customer_ids["bakery"]
    created = api.post(
        f"/customers/{bakery}/objects",
        token=admin,
        body={"name": "Fjellbakeriet Kafé", "address": "Kirkegata 4", "city": "Lillehammer"},
    )
    assert created.status == 201, created.body
    object_id = created.body["object_id"]
    email = f"siv-{uuid.uuid4().hex[:6]}@fjellbakeriet.no"
    contact = api.post("/contacts", token=admin, body={"name": "Siv Kafé", "email": email})
    assert contact.status == 201
    contact_id = contact.body["contact_id"]
    linked = api.call(
        "PUT",
        f"/contacts/{contact_id}/links",
        token=admin,
        body={"version": 1, "customer_ids": [bakery], "objects": [{"customer_id": bakery, "object_id": object_id}]},
    )
    assert linked.status == 200, linked.body
    assert linked.body["version"] == 2
    assert email in {item["email"] for item in api.get(f"/customers/{bakery}/contacts", token=admin).body}
    on_object = api.get(f"/customers/{bakery}/objects/{object_id}/contacts", token=admin).body
    assert [item["contact_id"] for item in on_object] == [contact_id]
    history = api.get(f"/customers/{bakery}/history", token=admin).body["items"]
    actions = [entry["action"] for entry in history[:3]]
    assert actions[:2] == ["contact_linked_to_object", "contact_linked"] or actions[:2] == [
        "contact_linked",
        "contact_linked_to_object",
    ]
    assert "object_created" in actions
    # Unlinking removes the mirrored entries and is recorded too.
    unlinked = api.call(
        "PUT", f"/contacts/{contact_id}/links", token=admin, body={"version": 2, "customer_ids": [], "objects": []}
    )
    assert unlinked.status == 200
    assert email not in {item["email"] for item in api.get(f"/customers/{bakery}/contacts", token=admin).body}
    assert api.get(f"/customers/{bakery}/objects/{object_id}/contacts", token=admin).body == []
    assert "contact_unlinked" in [
        entry["action"] for entry in api.get(f"/customers/{bakery}/history", token=admin).body["items"]
    ]


def test_new_links_end_the_contacts_sessions_and_apply_to_its_next_login(
    api: ApiClient, admin: str, demo: DemoData
) -> None:
    email = f"ny-{uuid.uuid4().hex[:6]}@nordlys.no"
    contact = api.post("/contacts", token=admin, body={"name": "Ny Kontakt", "email": email}).body
    seeded_login(email, "Ny Kontakt", contact_id=contact["contact_id"])
    before = api.login(email, email=email)
    assert api.get("/me/customers", token=before).body == []
    api.call(
        "PUT",
        f"/contacts/{contact['contact_id']}/links",
        token=admin,
        body={"version": 1, "customer_ids": [demo.customer_ids["oslo"]]},
    )
    # The login's session ends at once (its authorization version moved on with the links); a new one sees them
    assert api.get("/me/customers", token=before).status == 401
    after = api.login(email, email=email)
    assert names(api.get("/me/customers", token=after).body) == ["Nordlys Oslo AS"]


def test_contact_e_mails_are_unique(api: ApiClient, admin: str) -> None:
    duplicate = api.post("/contacts", token=admin, body={"name": "Kari To", "email": "KARI.NORDMANN@nordlys.no"})
    assert (duplicate.status, duplicate.error_code) == (409, "email_taken")
    assert [problem["field"] for problem in duplicate.body["error"]["details"]] == ["email"]
    found = api.get("/contacts", token=admin, query={"email": "kari.nordmann@nordlys.no"})
    assert found.body["name"] == "Kari Nordmann"


def test_edit_assigned_only_limits_who_links_and_edits(api: ApiClient, demo: DemoData) -> None:
    technician = api.login("tekniker")
    bakery, group = demo.customer_ids["bakery"], demo.customer_ids["group"]
    factory = demo.object_ids["bakery-factory"]
    own = api.call(
        "PATCH",
        f"/customers/{bakery}/objects/{factory}",
        token=technician,
        body={"version": 1, "description": "Ovn nr. 2 byttet"},
    )
    assert own.status == 200, own.body
    per = demo.contact_ids["per"]
    current = api.get(f"/contacts/{per}", token=technician).body
    refused = api.call(
        "PUT",
        f"/contacts/{per}/links",
        token=technician,
        body={"version": current["version"], "customer_ids": [group], "objects": current["objects"]},
    )
    # A customer the technician may not see is refused as one that does not exist (tests/security/test_unknown_ids.py)
    assert (refused.status, refused.error_code) == (422, "unknown_customer")
    stale = api.call(
        "PATCH", f"/customers/{bakery}/objects/{factory}", token=technician, body={"version": 1, "description": "igjen"}
    )
    assert (stale.status, stale.error_code) == (409, "version_mismatch")


def test_objects_of_an_unknown_customer_are_not_found(api: ApiClient, admin: str) -> None:
    reply = api.post("/customers/01JNOSUCHCUSTOMER000000000/objects", token=admin, body={"name": "X"})
    assert (reply.status, reply.error_code) == (404, "not_found")


def test_departments_belong_to_their_customer(api: ApiClient, admin: str, demo: DemoData) -> None:
    bergen = demo.customer_ids["bergen"]
    assert names(api.get(f"/customers/{bergen}/departments", token=admin).body) == ["Butikk", "Lager"]
    created = api.post(f"/customers/{bergen}/departments", token=admin, body={"name": "Kontor", "number": "130"})
    assert created.status == 201
    department_id = created.body["department_id"]
    renamed = api.call(
        "PATCH",
        f"/customers/{bergen}/departments/{department_id}",
        token=admin,
        body={"version": 1, "name": "Hovedkontor", "active": False},
    )
    assert renamed.status == 200
    assert (renamed.body["name"], renamed.body["active"]) == ("Hovedkontor", False)
    history = api.get(f"/customers/{bergen}/history", token=admin).body["items"]
    assert [entry["action"] for entry in history[:2]] == ["department_updated", "department_created"]
    # The subsidiary's own contact sees them; a department under another customer's id is not found.
    ola = api.login("ola.hansen@nordlys-bergen.no")
    assert "Hovedkontor" in names(api.get(f"/customers/{bergen}/departments", token=ola).body)
    bakery = demo.customer_ids["bakery"]
    crossed = api.call(
        "PATCH", f"/customers/{bakery}/departments/{department_id}", token=admin, body={"version": 2, "name": "X"}
    )
    assert crossed.status == 404
