"""Deleting a customer (AUTH-3 "Delete"): staff with the Delete right remove a customer nothing was done with; its
personal data goes, its number is free again, and its history stays under a pseudonym. A customer with traffic, or
people tied to it, is refused with the advice to deactivate it."""

from __future__ import annotations

import uuid
from typing import Any

from infrastructure.local.demo import DemoData
from portal.customers.repository import customer_pk
from tests.support import ApiClient


def new_customer(api: ApiClient, token: str, **fields: str) -> dict[str, Any]:
    number = str(uuid.uuid4().int)[:8]
    body = {"name": f"Slettes {number} AS", "number": number, **fields}
    made = api.post("/customers", token=token, body=body)
    assert made.status == 201, made.body
    return dict(made.body)


def test_a_customer_nothing_was_done_with_is_deleted_and_its_history_keeps_a_pseudonym(api: ApiClient) -> None:
    from portal.store import Table

    admin = api.login("admin")
    customer = new_customer(
        api, admin, contact_person="Per Personlig", email="per@personlig.no", phone="+47 900 00 000", city="Molde"
    )
    customer_id = str(customer["customer_id"])
    obj = api.post(f"/customers/{customer_id}/objects", token=admin, body={"name": "Lager"})
    assert obj.status == 201
    assert api.call("PUT", f"/customers/{customer_id}/assignees/selger", token=admin).status == 200
    current = api.get(f"/customers/{customer_id}", token=admin).body
    assert "delete" in current["actions"]
    deleted = api.call("DELETE", f"/customers/{customer_id}", token=admin, query={"version": current["version"]})
    assert deleted.status == 204, deleted.body
    assert api.get(f"/customers/{customer_id}", token=admin).status == 404
    assert api.get(f"/customers?q={customer['number']}", token=admin).body["items"] == []
    assigned = api.get("/customers", token=admin, query={"assigned_to": "selger", "limit": 100})
    assert customer_id not in {item["customer_id"] for item in assigned.body.get("items", [])}
    again = api.post("/customers", token=admin, body={"name": "Ny med samme nummer AS", "number": customer["number"]})
    assert again.status == 201, again.body  # the number is free again
    left = Table().query_all(pk=customer_pk(customer_id))
    assert {item["SK"].split("#")[0] for item in left} == {"AUDIT"}  # the object, the record: gone
    history = " ".join(str(item.get("before")) + str(item.get("after")) for item in left)
    for personal in ("Per Personlig", "per@personlig.no", "900 00 000", "Molde", customer["name"]):
        assert personal not in history
    assert f"deleted-customer-{customer_id}" in history
    assert {item["action"] for item in left} >= {"created", "assigned", "object_created", "deleted"}


def test_what_is_made_for_a_customer_while_it_is_deleted_is_kept(api: ApiClient) -> None:
    """Between the look for what uses a customer and its deletion, an order (or a login) may be made for it: the
    clean-up after the deletion takes the objects and settings, never that."""
    from portal.store import Table
    from portal.wiring import customer_repository

    admin = api.login("admin")
    customer_id = str(new_customer(api, admin)["customer_id"])
    assert api.post(f"/customers/{customer_id}/objects", token=admin, body={"name": "Lager"}).status == 201
    repository = customer_repository()
    customer = repository.get(customer_id)
    assert customer is not None
    assert repository.in_use(customer_id) == []
    late_order = {"PK": customer_pk(customer_id), "SK": "ORDER#01JZZZZZZZZZZZZZZZZZZZZZZZ", "type": "order"}
    Table().put(late_order)  # made just after the look
    kept = repository.delete(customer, actor="admin", at=customer.updated_at)
    assert kept == ["orders"]
    left = {item["SK"].split("#")[0] for item in Table().query_all(pk=customer_pk(customer_id))}
    assert left == {"AUDIT", "ORDER"}  # the object went, the order stayed


def test_a_customer_in_use_is_refused_with_what_uses_it(api: ApiClient, demo: DemoData) -> None:
    admin = api.login("admin")
    bergen = api.get(f"/customers/{demo.customer_ids['bergen']}", token=admin).body
    refused = api.call(
        "DELETE", f"/customers/{bergen['customer_id']}", token=admin, query={"version": bergen["version"]}
    )
    assert (refused.status, refused.error_code) == (409, "customer_in_use")
    assert {"orders", "users", "contacts"} <= set(refused.body["error"]["details"][0]["in_use"])
    assert api.get(f"/customers/{bergen['customer_id']}", token=admin).status == 200
    with_case = new_customer(api, admin)
    case = api.post(
        "/cases",
        token=admin,
        body={"title": "Lekker", "customer_id": with_case["customer_id"]},
        headers={"Idempotency-Key": str(uuid.uuid4())},
    )
    assert case.status == 201, case.body
    refused = api.call("DELETE", f"/customers/{with_case['customer_id']}", token=admin, query={"version": 1})
    assert (refused.status, refused.body["error"]["details"][0]["in_use"]) == (409, ["cases"])


def test_only_staff_with_the_delete_right_delete_and_only_the_version_they_read(api: ApiClient) -> None:
    admin = api.login("admin")
    customer = new_customer(api, admin)
    path = f"/customers/{customer['customer_id']}"
    seller = api.login("selger")
    assert "delete" not in api.get(path, token=seller).body["actions"]
    refused = api.call("DELETE", path, token=seller, query={"version": 1})
    assert (refused.status, refused.error_code) == (403, "missing_permission")
    outdated = api.call("DELETE", path, token=admin, query={"version": 7})
    assert (outdated.status, outdated.error_code) == (409, "version_mismatch")
    assert api.call("DELETE", path, token=admin, query={"version": 1}).status == 204
    assert api.call("DELETE", path, token=admin, query={"version": 1}).status == 404
