"""A world of its own for AUTH-4's rules: two customers (A with objects A1 and A2, B with B1), contacts linked to
nothing, to object A1 and to customer A, and a login of every kind AUTH-2 knows (a contact login without a contact,
one per contact, an invoice-customer login of A, an object login of B1, and the administrator)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

import pytest

from infrastructure.local.demo import DEMO_PASSWORD, DemoData
from infrastructure.local.runtime import Runtime
from portal.access import PrincipalKind
from tests.support import ApiClient


@dataclass
class World:
    customers: dict[str, str] = field(default_factory=dict)
    objects: dict[str, str] = field(default_factory=dict)
    contacts: dict[str, str] = field(default_factory=dict)
    logins: dict[str, str] = field(default_factory=dict)  # key → session token
    usernames: dict[str, str] = field(default_factory=dict)  # key → username (its e-mail address too)
    cases: dict[str, str] = field(default_factory=dict)  # key → case id


def _login_of(api: ApiClient, kind: PrincipalKind, tag: str, **links: Any) -> tuple[str, str]:
    """A login of that kind with the demo password: its username, and a session of it."""
    from portal.wiring import auth_service

    username = f"{tag}-{uuid.uuid4().hex[:8]}@case-world.no"
    auth_service().create_user(
        actor="test",
        username=username,
        display_name=f"{tag.title()} Testesen",
        user_email=username,
        kind=kind,
        password=DEMO_PASSWORD,
        **links,
    )
    return username, api.login(username)


def file_case(api: ApiClient, token: str, **body: Any) -> Any:
    return api.post(
        "/cases", token=token, body={"title": "Lekker vann", **body}, headers={"Idempotency-Key": str(uuid.uuid4())}
    )


@pytest.fixture(scope="module")
def world(runtime: Runtime, demo: DemoData) -> World:
    api = ApiClient(runtime.gateway)
    admin = api.login("admin")
    made = World()
    tag = uuid.uuid4().hex[:6]
    for key, name in (("A", f"Acme Vest {tag}"), ("B", f"Bolt Nord {tag}")):
        number = str(uuid.uuid4().int)[:8]
        created = api.post("/customers", token=admin, body={"name": name, "number": number, "country": "NO"})
        assert created.status == 201, created.body
        made.customers[key] = created.body["customer_id"]
    for key, owner in (("A1", "A"), ("A2", "A"), ("B1", "B")):
        created = api.post(f"/customers/{made.customers[owner]}/objects", token=admin, body={"name": f"Anlegg {key}"})
        assert created.status == 201, created.body
        made.objects[key] = created.body["object_id"]
    links = {"none": ([], []), "object": ([], ["A1"]), "customer": (["A"], [])}
    for key, (customer_keys, object_keys) in links.items():
        contact = api.post(
            "/contacts", token=admin, body={"name": f"Kontakt {key}", "email": f"{key}-{tag}@case-world.no"}
        )
        assert contact.status == 201, contact.body
        contact_id = contact.body["contact_id"]
        body = {
            "version": 1,
            "customer_ids": [made.customers[c] for c in customer_keys],
            "objects": [{"customer_id": made.customers[o[0]], "object_id": made.objects[o]} for o in object_keys],
        }
        assert api.call("PUT", f"/contacts/{contact_id}/links", token=admin, body=body).status == 200
        made.contacts[key] = contact_id
    made.usernames["no_contact"], made.logins["no_contact"] = _login_of(api, PrincipalKind.CONTACT, "nocontact")
    for key in links:
        made.usernames[f"contact_{key}"], made.logins[f"contact_{key}"] = _login_of(
            api, PrincipalKind.CONTACT, key, contact_id=made.contacts[key]
        )
    made.usernames["invoice_customer"], made.logins["invoice_customer"] = _login_of(
        api, PrincipalKind.INVOICE_CUSTOMER, "faktura", customer_ids=[made.customers["A"]]
    )
    made.usernames["object"], made.logins["object"] = _login_of(
        api, PrincipalKind.OBJECT, "objekt", customer_ids=[made.customers["B"]], object_ids=[made.objects["B1"]]
    )
    made.logins["admin"] = admin
    return made
