"""AUTH-2: a contact creates its own portal account, its e-mail address the username, confirmed through a single-use
link sent to that address; the account is bound to the contact with that address (by the contact's id) when there
is one, else it has no links and AUTH-4's first rule applies (it files cases on nothing and sees none)."""

from __future__ import annotations

import uuid
from typing import Any

from infrastructure.local import mailbox
from infrastructure.local.runtime import Runtime
from tests.support import NEW_PASSWORD, ApiClient, link_token


def signed_up(api: ApiClient, runtime: Runtime, email: str, name: str = "Siv Selv") -> int:
    reply = api.post("/auth/signup", body={"email": email, "name": name, "language": "nb"})
    assert reply.status == 202, reply.body
    runtime.queues.drain()
    runtime.streams.drain()
    return reply.status


def confirm(api: ApiClient, email: str) -> None:
    token = link_token(email, "SignupConfirmation")
    chosen = api.post("/auth/password", body={"token": token, "password": NEW_PASSWORD})
    assert chosen.status == 200, chosen.body
    again = api.post("/auth/password", body={"token": token, "password": NEW_PASSWORD})
    assert (again.status, again.error_code) == (422, "link_not_valid")  # single-use


def test_a_contact_signs_up_confirms_its_address_and_sees_through_its_contacts_links(
    api: ApiClient, runtime: Runtime
) -> None:
    admin = api.login("admin")
    email = f"Siv.{uuid.uuid4().hex[:6]}@Nordlys-Bergen.no"
    customers = api.get("/customers", token=admin, query={"q": "Nordlys Bergen"}).body["items"]
    bergen = customers[0]["customer_id"]
    contact = api.post("/contacts", token=admin, body={"name": "Siv Selv", "email": email.lower()})
    assert contact.status == 201, contact.body
    linked = api.call(
        "PUT",
        f"/contacts/{contact.body['contact_id']}/links",
        token=admin,
        body={"version": 1, "customer_ids": [bergen], "objects": []},
    )
    assert linked.status == 200, linked.body
    signed_up(api, runtime, email)
    # Not usable before the address is confirmed: no password yet
    assert api.post("/auth/login", body={"username": email, "password": NEW_PASSWORD}).status == 401
    confirm(api, email.lower())
    token = api.login(email.lower(), NEW_PASSWORD)
    me = api.get("/me", token=token).body
    assert (me["kind"], me["contact_id"]) == ("contact", contact.body["contact_id"])
    assert bergen in me["customer_ids"]
    filed = api.post(
        "/cases", token=token, body={"title": "Lys i taket", "customer_id": bergen}, headers={"Idempotency-Key": email}
    )
    assert filed.status == 201, filed.body


def test_an_address_without_a_contact_gets_an_account_without_links_and_an_existing_login_nothing(
    api: ApiClient, runtime: Runtime
) -> None:
    email = f"ny.{uuid.uuid4().hex[:6]}@eksempel.no"
    signed_up(api, runtime, email, "Ny Person")
    confirm(api, email)
    token = api.login(email, NEW_PASSWORD)
    me = api.get("/me", token=token).body
    assert (me["contact_id"], me["customer_ids"], me["object_ids"]) == (None, [], [])
    filed = api.post("/cases", token=token, body={"title": "Hjelp"}, headers={"Idempotency-Key": email})
    case = filed.body["case"]
    assert (case["customer_id"], case["object_id"], case["contact_id"]) == (None, None, None)
    assert api.get("/cases", token=token).body["items"] == []  # "kommer således inte att kunna se några ärenden"

    before = len(mailbox.messages_to(email))
    again = api.post("/auth/signup", body={"email": email, "name": "Noen Andre"})
    assert again.status == 202  # answered as anyone
    runtime.queues.drain()
    runtime.streams.drain()
    assert len(mailbox.messages_to(email)) == before  # nothing sent, nothing changed
    assert api.login(email, NEW_PASSWORD)


def test_signing_up_is_limited_per_address(api: ApiClient, runtime: Runtime) -> None:
    email = f"mange.{uuid.uuid4().hex[:6]}@eksempel.no"
    answers = [api.post("/auth/signup", body={"email": email, "name": "Mange"}).status for _ in range(5)]
    assert answers[:3] == [202, 202, 202]
    assert answers[-1] == 429
    runtime.queues.drain()
    refused = api.post("/auth/signup", body={"email": "not-an-address", "name": "X"})
    assert refused.status == 422


def test_staff_invite_contacts_in_bulk_each_bound_to_its_contact(api: ApiClient, runtime: Runtime) -> None:
    admin = api.login("admin")
    tag = uuid.uuid4().hex[:6]
    made = []
    for name, address in (("Bulk En", f"en.{tag}@bulk.no"), ("Bulk To", f"to.{tag}@bulk.no"), ("Uten Post", None)):
        body = {"name": name, **({"email": address} if address else {})}
        created = api.post("/contacts", token=admin, body=body)
        assert created.status == 201, created.body
        made.append(created.body["contact_id"])
    first = api.post("/contact-logins", token=admin, body={"contact_ids": made[:1]})
    assert first.body["results"][0]["outcome"] == "invited"
    report = api.post("/contact-logins", token=admin, body={"contact_ids": [*made, "0" * 26]})
    assert report.status == 200, report.body
    outcomes = [(result["outcome"], result["username"]) for result in report.body["results"]]
    assert outcomes == [
        ("has_login", f"en.{tag}@bulk.no"),
        ("invited", f"to.{tag}@bulk.no"),
        ("no_email", None),
        ("not_found", None),
    ]
    runtime.streams.drain()
    accept = api.post(
        "/auth/password", body={"token": link_token(f"to.{tag}@bulk.no", "UserReport"), "password": NEW_PASSWORD}
    )
    assert accept.status == 200, accept.body
    me = api.get("/me", token=api.login(f"to.{tag}@bulk.no", NEW_PASSWORD)).body
    assert me["contact_id"] == made[1]
    assert api.post("/contact-logins", token=api.login("tekniker"), body={"contact_ids": made}).status == 403


def test_staff_set_up_and_reset_a_customers_invoice_customer_and_object_logins(
    api: ApiClient, runtime: Runtime
) -> None:
    admin = api.login("admin")
    tag = uuid.uuid4().hex[:6]
    created = api.post("/customers", token=admin, body={"name": f"Delt {tag} AS", "number": str(uuid.uuid4().int)[:8]})
    customer = created.body["customer_id"]
    site = api.post(f"/customers/{customer}/objects", token=admin, body={"name": "Lageret"}).body["object_id"]
    invoice_address = f"faktura.{tag}@delt.no"
    invoice: dict[str, Any] = {
        "kind": "invoice_customer",
        "username": f"faktura-{tag}",
        "name": f"Delt {tag} (faktura)",
        "email": f"faktura.{tag}@delt.no",
        "roles": ["invoice_reader"],
    }
    made = api.post(f"/customers/{customer}/logins", token=admin, body=invoice)
    assert made.status == 201, made.body
    assert (made.body["kind"], made.body["roles"]) == ("invoice_customer", ["invoice_reader"])
    taken = api.post(f"/customers/{customer}/logins", token=admin, body=invoice)
    assert (taken.status, taken.error_code) == (409, "user_exists")
    site_login = {"kind": "object", "username": f"objekt-{tag}", "name": "Lageret", "email": f"lager.{tag}@delt.no"}
    no_object = api.post(f"/customers/{customer}/logins", token=admin, body=site_login)
    assert (no_object.status, no_object.error_code) == (422, "object_required")
    made_site = api.post(f"/customers/{customer}/logins", token=admin, body={**site_login, "object_id": site})
    assert made_site.status == 201, made_site.body
    runtime.streams.drain()
    for address in (invoice_address, site_login["email"]):
        token = link_token(address, "UserReport")
        assert api.post("/auth/password", body={"token": token, "password": NEW_PASSWORD}).status == 200
    object_login = api.login(f"objekt-{tag}", NEW_PASSWORD, email=site_login["email"])
    filed = api.post("/cases", token=object_login, body={"title": "Porten"}, headers={"Idempotency-Key": tag})
    assert (filed.body["case"]["customer_id"], filed.body["case"]["object_id"]) == (customer, site)

    reset = api.post(f"/customers/{customer}/users/{made.body['user_id']}/password-reset", token=admin)
    assert reset.status == 202, reset.body
    runtime.streams.drain()
    link = link_token(invoice_address, "PasswordReset")
    assert api.post("/auth/password", body={"token": link, "password": NEW_PASSWORD + "!"}).status == 200
    assert api.login(f"faktura-{tag}", NEW_PASSWORD + "!", email=invoice_address)
    seller = api.login("selger")  # sees the customer, may create customer users, but not change them
    assert api.post(f"/customers/{customer}/users/{made.body['user_id']}/password-reset", token=seller).status == 403
    assert api.post(f"/customers/{customer}/logins", token=api.login("tekniker"), body=invoice).status == 404
