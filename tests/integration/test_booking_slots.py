"""Booking slots on a service order (ORD-3 "orders carry their bookings", EMP-2) through the API: the vendor's
staff add them, with an entry in the customer's history; the customer reads them with the order; a slot starts in
the future and only on an order that goes ahead."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from infrastructure.local.demo import DemoData
from tests.support import ApiClient

OLA = "ola.hansen@nordlys-bergen.no"


def service_order(api: ApiClient, admin: str, ola: str, demo: DemoData) -> dict[str, Any]:
    bergen = demo.customer_ids["bergen"]
    contract = api.post(
        f"/customers/{bergen}/contracts", token=admin, body={"name": "Helse", "product_groups": ["Helsekontroll"]}
    )
    assert contract.status == 201, contract.body
    body = {
        "department_id": demo.department_ids["bergen-shop"],
        "contract_id": contract.body["contract_id"],
        "product_group": "Helsekontroll",
        "description": "Helsekontroll for lageret",
    }
    placed = api.post(f"/customers/{bergen}/service-orders", token=ola, body=body)
    assert placed.status == 201, placed.body
    order: dict[str, Any] = placed.body
    return order


def test_staff_add_booking_slots_that_the_customer_sees_with_the_order(api: ApiClient, demo: DemoData) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    order = service_order(api, admin, ola, demo)
    slots = f"/customers/{order['customer_id']}/service-orders/{order['order_id']}/booking-slots"
    later = datetime.now(UTC).replace(microsecond=0) + timedelta(days=14)
    # Staff add two slots, the later one first
    for starts in (later + timedelta(days=1), later):
        added = api.post(
            slots,
            token=admin,
            body={
                "place": "Klinikken, Strandkaien 4",
                "starts_at": starts.isoformat(),
                "duration_minutes": 90,
                "capacity": 8,
            },
        )
        assert added.status == 201, added.body
        assert added.body["ends_at"] == (starts + timedelta(minutes=90)).isoformat().replace("+00:00", "Z")
    # The customer reads them with the order, soonest first, and may not add any
    seen = api.get(slots, token=ola)
    assert seen.status == 200, seen.body
    assert [slot["starts_at"][:16] for slot in seen.body["items"]] == [
        later.isoformat()[:16],
        (later + timedelta(days=1)).isoformat()[:16],
    ]
    assert [slot["booked"] for slot in seen.body["items"]] == [0, 0]
    assert (seen.body["may_add"], api.get(slots, token=admin).body["may_add"]) == (False, True)
    body = {"place": "Her", "starts_at": later.isoformat(), "duration_minutes": 30, "capacity": 1}
    assert api.post(slots, token=ola, body=body).status == 403
    # Each is in the customer's history
    history = api.get(f"/customers/{order['customer_id']}/history", token=admin).body["items"]
    assert [entry["action"] for entry in history[:2]] == ["booking_slot_added", "booking_slot_added"]


def test_a_slot_starts_in_the_future_on_an_order_that_goes_ahead(api: ApiClient, demo: DemoData) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    order = service_order(api, admin, ola, demo)
    slots = f"/customers/{order['customer_id']}/service-orders/{order['order_id']}/booking-slots"
    past = (datetime.now(UTC) - timedelta(hours=1)).isoformat()
    refused = api.post(
        slots, token=admin, body={"place": "Her", "starts_at": past, "duration_minutes": 30, "capacity": 1}
    )
    assert (refused.status, refused.error_code) == (422, "date_in_past")
    assert refused.body["error"]["details"][0]["field"] == "starts_at"
    naive = api.post(
        slots,
        token=admin,
        body={"place": "Her", "starts_at": "2030-01-01T09:00:00", "duration_minutes": 30, "capacity": 1},
    )
    assert naive.status == 422  # a moment without its offset could be any time
    cancelled = api.post(
        f"/customers/{order['customer_id']}/service-orders/{order['order_id']}/transitions",
        token=ola,
        body={"action": "cancel", "version": order["version"]},
    )
    assert cancelled.status == 200, cancelled.body
    future = (datetime.now(UTC) + timedelta(days=3)).isoformat()
    late = api.post(
        slots, token=admin, body={"place": "Her", "starts_at": future, "duration_minutes": 30, "capacity": 1}
    )
    assert (late.status, late.error_code) == (409, "order_status_conflict")
    unknown = f"/customers/{order['customer_id']}/service-orders/01JNQ0000000000000000000ZZ/booking-slots"
    assert api.get(unknown, token=ola).status == 404
    assert (
        api.post(
            unknown, token=admin, body={"place": "Her", "starts_at": future, "duration_minutes": 30, "capacity": 1}
        ).status
        == 404
    )
