"""The document API for a customer's own systems (DOC-3): a user administrator creates a key with a name, a role and
an expiry, sees it once, and revokes it; the key searches, sends and fetches viewing copies of its own customer's
documents, and nothing else."""

from __future__ import annotations

import base64
import hashlib
from datetime import timedelta
from decimal import Decimal

import requests

from infrastructure.local.demo import DEMO_API_KEYS, DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.sample_documents import SampleParty, invoice
from portal.access import ApiKeyRole
from portal.auth.api_key_repository import DynamoApiKeyRepository
from portal.auth.api_keys import StoredKey
from portal.auth.keys import key_hint, new_api_key
from portal.auth.tokens import token_digest
from portal.clock import new_id, now
from tests.support import ApiClient, local_today

KARI = "kari.nordmann@nordlys.no"
BERGEN = SampleParty("Nordlys Bergen AS", "912345696", "Strandkaien 2", "5013", "Bergen")
BUILDER = SampleParty("Bygg og Anlegg Vest AS", "974760673", "Kanalveien 10", "5068", "Bergen")


def create_key(api: ApiClient, token: str, customer_id: str, role: str, *, days: int = 30) -> dict[str, str]:
    body = {"name": f"System {new_id()[-6:]}", "role": role, "expires_on": str(local_today() + timedelta(days=days))}
    created = api.post(f"/customers/{customer_id}/api-keys", token=token, body=body)
    assert created.status == 201, created.body
    return {"key_id": created.body["key"]["key_id"], "api_key": created.body["api_key"], "name": body["name"]}


def test_a_key_searches_sends_and_fetches_viewing_copies_of_its_customers_documents(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    # Given a sending key Bergen's user administrator created
    key = create_key(api, kari, bergen, "send_documents")
    # When Bergen's accounting system sends an invoice with it
    content = invoice(
        number=(number := f"K-{new_id()[-8:]}"),
        seller=BERGEN,
        buyer=BUILDER,
        lines=[("Telling", Decimal(1), Decimal(500))],
    )
    body = {"content_base64": base64.b64encode(content).decode()}
    sent = api.post(f"/customers/{bergen}/documents", api_key=key["api_key"], body=body)
    assert sent.status == 202, sent.body
    document_id = sent.body["document_id"]
    runtime.streams.drain()
    runtime.queues.drain()
    runtime.streams.drain()
    # Then it finds it by its number and follows it to delivery
    found = api.get(f"/customers/{bergen}/documents", api_key=key["api_key"], query={"number": number}).body["items"]
    assert [row["document_id"] for row in found] == [document_id]
    document = api.get(f"/customers/{bergen}/documents/{document_id}", api_key=key["api_key"]).body
    assert document["status"] == "delivered"
    # And the key's name is who sent it, in the document's history
    assert document["timeline"][0]["kind"] == "received"
    # And it fetches the file it sent and a viewing copy through short-lived links
    file = api.get(f"/customers/{bergen}/documents/{document_id}/files/1", api_key=key["api_key"]).body
    assert hashlib.sha256(requests.get(file["url"], timeout=10).content).hexdigest() == document["files"][0]["sha256"]
    copies = f"/customers/{bergen}/documents/{document_id}/viewing-copies"
    asked = api.post(copies, api_key=key["api_key"], body={"channel": "email"})
    assert asked.status == 202, asked.body
    runtime.streams.drain()
    runtime.queues.drain()
    copy = api.get(f"{copies}/{asked.body['copy_id']}", api_key=key["api_key"]).body
    assert copy["status"] == "ready", copy
    assert requests.get(copy["download_url"], timeout=10).content.startswith(b"%PDF")


def test_a_key_is_shown_once_listed_by_its_hint_and_in_the_customers_history(api: ApiClient, demo: DemoData) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    key = create_key(api, kari, bergen, "read_documents")
    listed = api.get(f"/customers/{bergen}/api-keys", token=kari)
    assert listed.status == 200, listed.body
    mine = next(item for item in listed.body["items"] if item["key_id"] == key["key_id"])
    assert (mine["name"], mine["role"], mine["status"], mine["created_by"]) == (
        key["name"],
        "read_documents",
        "active",
        KARI,
    )
    assert mine["hint"] == key_hint(key["api_key"])
    assert key["api_key"][-20:] not in listed.text, "the key itself is never shown again"
    history = api.get(f"/customers/{bergen}/history", token=api.login("admin")).body["items"]
    assert {"api_key_created"} <= {entry["action"] for entry in history}


def test_a_key_sees_nothing_of_another_customer_and_reaches_no_other_route(api: ApiClient, demo: DemoData) -> None:
    bergen, bakery, kari = demo.customer_ids["bergen"], demo.customer_ids["bakery"], api.login(KARI)
    key = create_key(api, kari, bergen, "send_documents")["api_key"]
    # Another customer's documents answer exactly as a customer that does not exist
    other = api.get(f"/customers/{bakery}/documents", api_key=key)
    missing = api.get(f"/customers/{new_id()}/documents", api_key=key)
    assert (other.status, other.body) == (missing.status, missing.body) == (404, missing.body)
    assert api.get(f"/customers/{demo.customer_ids['group']}/document-statistics", api_key=key).status == 403
    # And nothing but the document API answers it, not even about its own customer
    for path in ("/me", "/customers", f"/customers/{bergen}", f"/customers/{bergen}/supplies-orders"):
        refused = api.get(path, api_key=key)
        assert (refused.status, refused.error_code) == (403, "api_key_not_allowed"), path
    assert api.get(f"/customers/{bergen}/api-keys", api_key=key).error_code == "api_key_not_allowed"


def test_a_key_acts_within_its_role(api: ApiClient, demo: DemoData) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    reading = create_key(api, kari, bergen, "read_documents")["api_key"]
    content = invoice(number=f"R-{new_id()[-8:]}", seller=BERGEN, buyer=BUILDER, lines=[("X", Decimal(1), Decimal(1))])
    body = {"content_base64": base64.b64encode(content).decode()}
    refused = api.post(f"/customers/{bergen}/documents", api_key=reading, body=body)
    assert (refused.status, refused.error_code) == (403, "api_key_role")
    assert api.get(f"/customers/{bergen}/documents", api_key=reading).status == 200


def test_revoked_expired_and_made_up_keys_are_refused(api: ApiClient, demo: DemoData) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    search = f"/customers/{bergen}/documents"
    # A revoked key stops working at once, and stays listed with who revoked it
    key = create_key(api, kari, bergen, "read_documents")
    assert api.get(search, api_key=key["api_key"]).status == 200
    revoked = api.call("DELETE", f"/customers/{bergen}/api-keys/{key['key_id']}", token=kari)
    assert (revoked.status, revoked.body["status"], revoked.body["revoked_by"]) == (200, "revoked", KARI)
    assert api.get(search, api_key=key["api_key"]).status == 401
    # An expired key (its last day behind it) is refused
    expired = new_api_key(key_id := new_id())
    at = now()
    DynamoApiKeyRepository().add(
        StoredKey(
            key_id=key_id,
            customer_id=bergen,
            name="Expired",
            role=ApiKeyRole.READ_DOCUMENTS,
            hint=key_hint(expired),
            digest=token_digest(expired),
            expires_on=at.date() - timedelta(days=1),
            created_at=at - timedelta(days=30),
            created_by=KARI,
        ),
        actor=KARI,
    )
    assert api.get(search, api_key=expired).status == 401
    listed = api.get(f"/customers/{bergen}/api-keys", token=kari).body["items"]
    assert next(item for item in listed if item["key_id"] == key_id)["status"] == "expired"
    # And keys never handed out, or in another scheme, are refused alike
    demo_key = DEMO_API_KEYS[0].api_key
    for forged in (demo_key[:-1] + ("A" if demo_key[-1] != "A" else "B"), "kpk_nothing", new_api_key(new_id())):
        assert api.get(search, api_key=forged).status == 401
    basic = api.get(search, headers={"Authorization": "Basic " + base64.b64encode(b"a:b").decode()})
    assert (basic.status, basic.error_code) == (401, "unauthenticated")


def test_keys_are_made_by_the_customers_user_administrators_for_at_most_a_year(api: ApiClient, demo: DemoData) -> None:
    bergen, kari, admin = demo.customer_ids["bergen"], api.login(KARI), api.login("admin")
    path = f"/customers/{bergen}/api-keys"
    too_long = {"name": "Lang", "role": "read_documents", "expires_on": str(local_today() + timedelta(days=400))}
    refused = api.post(path, token=kari, body=too_long)
    assert (refused.status, refused.error_code) == (422, "expiry_out_of_range")
    assert refused.body["error"]["details"][0]["field"] == "expires_on"
    # Staff may revoke a leaked key, never make one
    staff = api.post(path, token=admin, body={**too_long, "expires_on": str(local_today())})
    assert (staff.status, staff.error_code) == (403, "missing_role")
    key = create_key(api, kari, bergen, "read_documents")
    assert api.call("DELETE", f"{path}/{key['key_id']}", token=admin).body["revoked_by"] == "admin"
    assert api.call("DELETE", f"{path}/{new_id()}", token=kari).status == 404
