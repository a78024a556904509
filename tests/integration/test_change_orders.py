"""Change orders (ORD-2) through the API: what staff agree with a customer (weekdays, currency, credit limit), the
orderer's notes and coins by count or amount with exact totals, the refusals (date, denomination, multiple, limit),
and deletion until the end of the last business day before delivery."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from infrastructure.local.demo import DemoData
from portal.business_days import deletion_deadline, is_business_day, previous_business_day
from portal.errors import Conflict
from portal.money import Currency
from tests.support import ApiClient, local_today

OLA = "ola.hansen@nordlys-bergen.no"
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday"]


def next_business_day(after: date, weekdays: list[str] = WEEKDAYS) -> date:
    """The first day after `after` that is one of `weekdays` and a Norwegian business day."""
    day = after + timedelta(days=1)
    while day.weekday() >= 5 or WEEKDAYS[day.weekday()] not in weekdays or not is_business_day(day, Currency.NOK):
        day += timedelta(days=1)
    return day


def agree(api: ApiClient, admin: str, customer_id: str, **changes: Any) -> dict[str, Any]:
    current = api.get(f"/customers/{customer_id}/cash-agreement", token=admin).body
    body = {"currency": "NOK", "delivery_weekdays": WEEKDAYS, "credit_limit": 25_000_000, **changes}
    saved = api.call(
        "PUT", f"/customers/{customer_id}/cash-agreement", token=admin, body={**body, "version": current["version"]}
    )
    assert saved.status == 200, saved.body
    agreement: dict[str, Any] = saved.body
    return agreement


@pytest.fixture
def bergen(api: ApiClient, demo: DemoData) -> str:
    customer_id = demo.customer_ids["bergen"]
    agree(api, api.login("admin"), customer_id)
    return customer_id


def change_order(delivery: date, *lines: dict[str, Any], **fields: Any) -> dict[str, Any]:
    return {"delivery_date": delivery.isoformat(), "lines": list(lines), **fields}


def test_staff_agree_delivery_days_currency_and_credit_limit_with_a_customer(api: ApiClient, demo: DemoData) -> None:
    admin = api.login("admin")
    oslo = demo.customer_ids["oslo"]
    # Nothing is agreed at first: version 0, no weekdays
    first = api.get(f"/customers/{oslo}/cash-agreement", token=admin).body
    assert (first["version"], first["delivery_weekdays"], first["credit_limit"]) == (0, [], 0)
    saved = agree(api, admin, oslo, delivery_weekdays=["friday", "monday", "monday"], credit_limit=10_000_00)
    assert (saved["delivery_weekdays"], saved["credit_limit"], saved["currency"]) == (
        ["monday", "friday"],
        10_000_00,
        "NOK",
    )
    # An outdated version is refused; the customer's history records the change
    stale = api.call(
        "PUT",
        f"/customers/{oslo}/cash-agreement",
        token=admin,
        body={"version": saved["version"] - 1, "currency": "SEK", "delivery_weekdays": ["monday"], "credit_limit": 1},
    )
    assert (stale.status, stale.error_code) == (409, "version_mismatch")
    history = api.get(f"/customers/{oslo}/history", token=admin).body["items"]
    assert "cash_agreement_changed" in {entry["action"] for entry in history}
    # Kari approves orders for the group and sees what is agreed; she cannot change it; the invoice login sees nothing
    kari = api.login("kari.nordmann@nordlys.no")
    assert api.get(f"/customers/{oslo}/cash-agreement", token=kari).body["credit_limit"] == 10_000_00
    refused = api.call(
        "PUT",
        f"/customers/{oslo}/cash-agreement",
        token=kari,
        body={"version": saved["version"], "currency": "NOK", "delivery_weekdays": ["monday"], "credit_limit": 1},
    )
    assert refused.status == 403
    bakery = demo.customer_ids["bakery"]
    assert api.get(f"/customers/{bakery}/cash-agreement", token=api.login("faktura-20000")).status == 403


def test_an_orderer_orders_notes_and_coins_by_count_or_amount_with_an_exact_total(api: ApiClient, bergen: str) -> None:
    ola = api.login(OLA)
    delivery = next_business_day(local_today() + timedelta(days=3))
    # When Ola orders 20 notes of 500 kroner, 1000 kroner in 20-kroner coins, and no 1-krone coins
    placed = api.post(
        f"/customers/{bergen}/change-orders",
        token=ola,
        body=change_order(
            delivery,
            {"denomination": "note-500", "pieces": 20},
            {"denomination": "coin-20", "amount": 1000_00},
            {"denomination": "coin-1", "pieces": 0},
            notes="Til julehandelen",
        ),
    )
    # Then the order has its lines with pieces and amounts, the exact total in øre, and when it can be deleted
    assert placed.status == 201, placed.body
    body = placed.body
    assert body["lines"] == [
        {"denomination": "note-500", "pieces": 20, "amount": 10_000_00},
        {"denomination": "coin-20", "pieces": 50, "amount": 1000_00},
    ]
    assert (body["total"], body["currency"], body["status"], body["notes"]) == (
        11_000_00,
        "NOK",
        "placed",
        "Til julehandelen",
    )
    assert datetime.fromisoformat(body["deletable_until"]) == deletion_deadline(delivery, Currency.NOK)
    assert body["deletable_through"] == previous_business_day(delivery, Currency.NOK).isoformat()
    assert body["deletable"] is True
    listed = api.get(f"/customers/{bergen}/change-orders", token=ola).body["items"]
    assert listed[0]["order_id"] == body["order_id"]
    # The vendor's staff see the order but not the customer's notes
    staff_view = api.get(f"/customers/{bergen}/change-orders", token=api.login("admin")).body["items"][0]
    assert (staff_view["order_id"], staff_view["notes"]) == (body["order_id"], None)


def test_an_order_over_the_credit_limit_is_refused_with_the_limit_and_the_excess(
    api: ApiClient, demo: DemoData
) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    bergen = demo.customer_ids["bergen"]
    agree(api, admin, bergen, credit_limit=5_000_00)
    delivery = next_business_day(local_today() + timedelta(days=3))
    refused = api.post(
        f"/customers/{bergen}/change-orders",
        token=ola,
        body=change_order(
            delivery, {"denomination": "note-1000", "pieces": 5}, {"denomination": "coin-1", "pieces": 50}
        ),
    )
    assert (refused.status, refused.error_code) == (422, "over_credit_limit")
    assert "5000.00 NOK" in refused.body["error"]["message"]
    assert "by 50.00 NOK" in refused.body["error"]["message"]
    (detail,) = refused.body["error"]["details"]
    assert detail["allowed"] == {"limit": 5_000_00, "excess": 50_00, "total": 5_050_00, "currency": "NOK"}
    # Exactly at the limit is allowed
    placed = api.post(
        f"/customers/{bergen}/change-orders",
        token=ola,
        body=change_order(delivery, {"denomination": "note-1000", "pieces": 5}),
    )
    assert placed.status == 201, placed.body
    agree(api, admin, bergen)


def test_every_problem_of_a_change_order_is_named_at_once(api: ApiClient, bergen: str, demo: DemoData) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    agree(api, admin, bergen, delivery_weekdays=["tuesday"])
    wednesday = next_business_day(local_today() + timedelta(days=3), ["wednesday"])
    refused = api.post(
        f"/customers/{bergen}/change-orders",
        token=ola,
        body=change_order(
            wednesday,
            {"denomination": "coin-20", "amount": 30_00},
            {"denomination": "note-5", "pieces": 1},
            {"denomination": "note-100", "pieces": 1, "amount": 100_00},
            {"denomination": "coin-20", "pieces": 1},
        ),
    )
    assert (refused.status, refused.error_code) == (422, "invalid_fields")
    problems = {(detail["field"], detail["code"]) for detail in refused.body["error"]["details"]}
    assert problems == {
        ("delivery_date", "not_agreed_weekday"),
        ("lines.0.amount", "not_a_multiple"),
        ("lines.1.denomination", "not_a_choice"),
        ("lines.2.pieces", "pieces_or_amount"),
        ("lines.3.denomination", "duplicate"),
    }
    today = api.post(
        f"/customers/{bergen}/change-orders",
        token=ola,
        body=change_order(local_today(), {"denomination": "coin-20", "pieces": 1}),
    )
    assert "not_in_future" in {detail["code"] for detail in today.body["error"]["details"]}
    agree(api, admin, bergen)


def test_a_change_order_is_deleted_until_the_last_business_day_before_delivery(
    api: ApiClient, bergen: str, demo: DemoData
) -> None:
    from portal.orders import change
    from portal.wiring import auth_service, customer_repository, order_repository

    ola = api.login(OLA)
    delivery = next_business_day(local_today() + timedelta(days=3))
    path = f"/customers/{bergen}/change-orders"
    first = api.post(path, token=ola, body=change_order(delivery, {"denomination": "note-100", "pieces": 10})).body
    # Kari approves orders but does not delete them
    kari = api.login("kari.nordmann@nordlys.no")
    assert api.call("DELETE", f"{path}/{first['order_id']}", token=kari, query={"version": 1}).status == 403
    # Ola deletes it in time: it stays in the list, marked deleted, and cannot be deleted twice
    deleted = api.call("DELETE", f"{path}/{first['order_id']}", token=ola, query={"version": 1})
    assert (deleted.status, deleted.body["status"], deleted.body["deletable"]) == (200, "deleted", False)
    again = api.call("DELETE", f"{path}/{first['order_id']}", token=ola, query={"version": 2})
    assert (again.status, again.error_code) == (409, "order_status_conflict")
    # After the cut-off (the end of the last business day before delivery) deletion is refused, naming the cut-off
    second = api.post(path, token=ola, body=change_order(delivery, {"denomination": "note-100", "pieces": 1})).body
    until = deletion_deadline(delivery, Currency.NOK)
    auth = auth_service()
    user = auth.users.get_user(OLA)
    assert user is not None
    with pytest.raises(Conflict) as refused:
        change.delete_change_order(
            auth.principal_for(user),
            customer_repository(),
            order_repository(),
            bergen,
            second["order_id"],
            1,
            clock=lambda: until.astimezone(UTC),
        )
    assert refused.value.code == "deletion_deadline_passed"
    assert refused.value.details == [{"deletable_until": until.isoformat()}]
    # A second earlier it could still go
    just_before = change.delete_change_order(
        auth.principal_for(user),
        customer_repository(),
        order_repository(),
        bergen,
        second["order_id"],
        1,
        clock=lambda: until - timedelta(seconds=1),
    )
    assert just_before.status == "deleted"


def test_the_same_change_order_sent_twice_with_one_idempotency_key_is_placed_once(api: ApiClient, bergen: str) -> None:
    ola = api.login(OLA)
    delivery = next_business_day(local_today() + timedelta(days=3))
    key = {"Idempotency-Key": str(uuid.uuid4())}
    body = change_order(delivery, {"denomination": "note-200", "pieces": 3})
    first = api.post(f"/customers/{bergen}/change-orders", token=ola, body=body, headers=key)
    second = api.post(f"/customers/{bergen}/change-orders", token=ola, body=body, headers=key)
    assert (first.status, second.status) == (201, 201)
    assert first.body["order_id"] == second.body["order_id"]
