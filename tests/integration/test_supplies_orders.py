"""Supplies orders (ORD-1) through the API: the catalogue kept by administrators, orders placed by a customer's
orderers with their own notes and a delivery address, confirmation and list, delivery, and "get in touch"."""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from infrastructure.local.demo import DemoData
from tests.support import ApiClient

OLA = "ola.hansen@nordlys-bergen.no"
ADDRESS = {"recipient": "Nordlys Bergen AS", "address": "Strandkaien 2", "postal_code": "5013", "city": "Bergen"}


def new_product(api: ApiClient, admin: str, **fields: Any) -> dict[str, Any]:
    body = {"name": f"Poser {uuid.uuid4().hex[:6]}", "article_number": f"T-{uuid.uuid4().hex[:8]}", **fields}
    reply = api.post("/products", token=admin, body=body)
    assert reply.status == 201, reply.body
    product: dict[str, Any] = reply.body
    return product


def order(product_id: str, quantity: int = 1, **fields: Any) -> dict[str, Any]:
    return {"lines": [{"product_id": product_id, "quantity": quantity}], "delivery_address": ADDRESS, **fields}


def test_administrators_keep_the_catalogue_and_retired_products_cannot_be_ordered(
    api: ApiClient, demo: DemoData
) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    # Given a product an administrator added
    product = new_product(api, admin, unit="pakke à 10", max_quantity=5)
    assert product["product_id"] in {item["product_id"] for item in api.get("/products", token=ola).body["items"]}
    # When the administrator renames it, and then retires it
    renamed = api.call("PATCH", f"/products/{product['product_id']}", token=admin, body={"version": 1, "name": "Ny"})
    assert (renamed.status, renamed.body["name"], renamed.body["version"]) == (200, "Ny", 2)
    retired = api.call("PATCH", f"/products/{product['product_id']}", token=admin, body={"version": 2, "active": False})
    assert (retired.status, retired.body["active"]) == (200, False)
    # Then the order form no longer offers it, the catalogue's keepers still see it, and ordering it is refused
    assert product["product_id"] not in {item["product_id"] for item in api.get("/products", token=ola).body["items"]}
    everything = api.get("/products", token=admin, query={"include_retired": "true"}).body["items"]
    assert product["product_id"] in {item["product_id"] for item in everything}
    refused = api.post(
        f"/customers/{demo.customer_ids['bergen']}/supplies-orders", token=ola, body=order(product["product_id"])
    )
    assert (refused.status, refused.error_code) == (422, "product_not_orderable")
    assert refused.body["error"]["details"][0]["field"] == "lines.0.product_id"
    # And an outdated version is refused, and only administrators keep the catalogue
    stale = api.call("PATCH", f"/products/{product['product_id']}", token=admin, body={"version": 1, "name": "X"})
    assert (stale.status, stale.error_code) == (409, "version_mismatch")
    for who in ("selger", OLA):
        token = api.login(who)
        assert api.post("/products", token=token, body={"name": "X", "article_number": "X-1"}).status == 403
        assert api.get("/products", token=token, query={"include_retired": "true"}).status == 403


def test_an_orderer_places_a_supplies_order_and_sees_it_first_in_the_list(api: ApiClient, demo: DemoData) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    bergen = demo.customer_ids["bergen"]
    product = new_product(api, admin, unit="eske")
    # When Ola orders three with a note of his own
    placed = api.post(
        f"/customers/{bergen}/supplies-orders", token=ola, body=order(product["product_id"], 3, notes="Til kasse 2")
    )
    # Then the order is confirmed with its number, lines as ordered, and when it normally arrives
    assert placed.status == 201, placed.body
    body = placed.body
    assert (body["status"], body["notes"], body["placed_by_name"], body["get_in_touch"]) == (
        "placed",
        "Til kasse 2",
        "Ola Hansen",
        False,
    )
    assert body["lines"] == [
        {
            "product_id": product["product_id"],
            "article_number": product["article_number"],
            "name": product["name"],
            "unit": "eske",
            "quantity": 3,
        }
    ]
    placed_at = datetime.fromisoformat(body["placed_at"])
    assert datetime.fromisoformat(body["expected_by"]) == placed_at + timedelta(days=7)
    # And it is the first of the customer's orders, with the next number
    listed = api.get(f"/customers/{bergen}/supplies-orders", token=ola).body["items"]
    assert listed[0]["order_id"] == body["order_id"]
    assert body["number"] == max(item["number"] for item in listed)
    # And the vendor's staff see the order but not the customer's own notes
    seen_by_staff = api.get(f"/customers/{bergen}/supplies-orders", token=admin).body["items"][0]
    assert (seen_by_staff["order_id"], seen_by_staff["notes"]) == (body["order_id"], None)
    history = api.get(f"/customers/{bergen}/history", token=admin).body["items"]
    placed_entries = [entry for entry in history if entry["action"] == "order_placed"]
    assert {"field": "number", "before": None, "after": body["number"]} in placed_entries[0]["changes"]


def test_an_order_not_delivered_after_seven_days_tells_the_customer_to_get_in_touch(
    api: ApiClient, demo: DemoData
) -> None:
    # The demo has an order of Nordlys Bergen placed 9 days ago and not delivered, and one delivered after 4 days
    items = api.get(
        f"/customers/{demo.customer_ids['bergen']}/supplies-orders", token=api.login(OLA), query={"limit": 100}
    ).body["items"]
    now = datetime.now(UTC)
    late = [item for item in items if item["get_in_touch"]]
    assert late
    assert all(item["status"] == "placed" and datetime.fromisoformat(item["expected_by"]) < now for item in late)
    delivered = [item for item in items if item["status"] == "delivered"]
    assert delivered
    assert not any(item["get_in_touch"] for item in delivered)


def test_staff_record_the_delivery_once(api: ApiClient, demo: DemoData) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    bergen = demo.customer_ids["bergen"]
    product = new_product(api, admin)
    placed = api.post(f"/customers/{bergen}/supplies-orders", token=ola, body=order(product["product_id"])).body
    path = f"/customers/{bergen}/supplies-orders/{placed['order_id']}/delivery"
    # The orderer cannot record it; staff can, once
    assert api.post(path, token=ola, body={"version": 1}).status == 403
    delivered = api.post(path, token=admin, body={"version": 1})
    assert (delivered.status, delivered.body["status"], delivered.body["version"]) == (200, "delivered", 2)
    assert delivered.body["delivered_at"]
    again = api.post(path, token=admin, body={"version": 2})
    assert (again.status, again.error_code, again.body["error"]["details"]) == (
        409,
        "order_status_conflict",
        [{"status": "delivered"}],
    )


def test_an_order_needs_the_orderer_role_a_delivery_address_and_valid_lines(api: ApiClient, demo: DemoData) -> None:
    admin, ola, kari = api.login("admin"), api.login(OLA), api.login("kari.nordmann@nordlys.no")
    bergen = demo.customer_ids["bergen"]
    product = new_product(api, admin, max_quantity=5)
    path = f"/customers/{bergen}/supplies-orders"
    # Kari approves orders at the group and its subsidiaries: she sees Bergen's orders but does not order
    assert api.get(path, token=kari).status == 200
    refused = api.post(path, token=kari, body=order(product["product_id"]))
    assert (refused.status, refused.error_code) == (403, "missing_role")
    # Staff do not place orders for the customer
    assert api.post(path, token=admin, body=order(product["product_id"])).status == 403
    # No delivery address: refused, naming the field
    no_address = api.post(path, token=ola, body={"lines": [{"product_id": product["product_id"], "quantity": 1}]})
    assert no_address.status == 422
    assert "delivery_address" in {detail["field"] for detail in no_address.body["error"]["details"]}
    # Too many, the same product twice, and a wrong postcode: every problem at once
    body = {
        "lines": [
            {"product_id": product["product_id"], "quantity": 6},
            {"product_id": product["product_id"], "quantity": 1},
        ],
        "delivery_address": {**ADDRESS, "postal_code": "50"},
    }
    refused = api.post(path, token=ola, body=body)
    assert (refused.status, refused.error_code) == (422, "invalid_fields")
    problems = {(detail["field"], detail["code"]) for detail in refused.body["error"]["details"]}
    assert problems == {
        ("delivery_address.postal_code", "invalid_postal_code"),
        ("lines.0.quantity", "less_than_equal"),
        ("lines.1.product_id", "duplicate"),
    }
    # Another tenant's customer answers as an unknown one
    hidden = api.post(
        f"/customers/{demo.customer_ids['bakery']}/supplies-orders", token=ola, body=order(product["product_id"])
    )
    unknown = api.post(
        "/customers/01JNOSUCHCUSTOMER000000000/supplies-orders", token=ola, body=order(product["product_id"])
    )
    assert (hidden.status, hidden.body) == (unknown.status, unknown.body) == (404, unknown.body)


def test_the_same_order_sent_twice_with_one_idempotency_key_is_placed_once(api: ApiClient, demo: DemoData) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    bergen = demo.customer_ids["bergen"]
    product = new_product(api, admin)
    key = {"Idempotency-Key": str(uuid.uuid4())}
    path = f"/customers/{bergen}/supplies-orders"
    first = api.post(path, token=ola, body=order(product["product_id"], 2), headers=key)
    second = api.post(path, token=ola, body=order(product["product_id"], 2), headers=key)
    assert (first.status, second.status) == (201, 201)
    assert first.body["order_id"] == second.body["order_id"]
    listed = api.get(path, token=ola, query={"limit": 100}).body["items"]
    assert sum(item["lines"][0]["product_id"] == product["product_id"] for item in listed) == 1
    changed = api.post(path, token=ola, body=order(product["product_id"], 3), headers=key)
    assert (changed.status, changed.error_code) == (409, "idempotency_key_reused")


def test_orders_placed_at_once_get_distinct_numbers(api: ApiClient, demo: DemoData) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    bergen = demo.customer_ids["bergen"]
    product = new_product(api, admin)
    numbers: list[int] = []

    def place() -> None:
        reply = api.post(f"/customers/{bergen}/supplies-orders", token=ola, body=order(product["product_id"]))
        assert reply.status == 201, reply.body
        numbers.append(reply.body["number"])

    threads = [threading.Thread(target=place) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(set(numbers)) == 4
