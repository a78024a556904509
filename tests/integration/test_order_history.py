"""The order history (ORD-4) through the API: orders of every kind found by date, status, department, product group,
number or customer reference; a change of status moves an order between the searches in its own transaction; each
search reads only the rows it returns; more than 92 days is refused; another tenant learns nothing."""

from __future__ import annotations

import io
import uuid
from datetime import timedelta
from typing import Any

import xmlschema

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.template import ROOT
from portal import histories
from portal.store import Table
from tests.integration.test_change_orders import agree, change_order, next_business_day
from tests.support import ApiClient, local_today

OLA = "ola.hansen@nordlys-bergen.no"


def search(api: ApiClient, token: str, customer_id: str, **query: Any) -> Any:
    return api.get(f"/customers/{customer_id}/order-history", token=token, query={"limit": 100, **query})


def numbers(api: ApiClient, token: str, customer_id: str, **query: Any) -> list[int]:
    answer = search(api, token, customer_id, **query)
    assert answer.status == 200, answer.body
    return [row["number"] for row in answer.body["items"]]


def test_orders_of_every_kind_are_found_by_date_status_department_group_number_and_reference(
    api: ApiClient, demo: DemoData
) -> None:
    admin, ola = api.login("admin"), api.login(OLA)
    bergen, shop = demo.customer_ids["bergen"], demo.department_ids["bergen-shop"]
    address = {"recipient": "Historikk", "address": "Gate 1", "postal_code": "5013", "city": "Bergen"}
    supplies = api.post(
        f"/customers/{bergen}/supplies-orders",
        token=ola,
        body={"lines": [{"product_id": demo.product_ids["slips"], "quantity": 1}], "delivery_address": address},
    ).body
    agree(api, admin, bergen)
    delivery = next_business_day(local_today() + timedelta(days=2))
    change = api.post(
        f"/customers/{bergen}/change-orders",
        token=ola,
        body=change_order(delivery, {"denomination": "note-100", "pieces": 3}),
    ).body
    reference = f"PO-{uuid.uuid4().hex[:6]}"
    terms = api.post(
        f"/customers/{bergen}/contracts",
        token=admin,
        body={"name": f"Historikk {reference}", "product_groups": ["Vaksinasjon"], "default_reference": reference},
    ).body
    service = api.post(
        f"/customers/{bergen}/service-orders",
        token=ola,
        body={
            "department_id": shop,
            "contract_id": terms["contract_id"],
            "product_group": "Vaksinasjon",
            "description": "Influensavaksine",
        },
    ).body
    ours = {supplies["number"], change["number"], service["number"]}

    # Without dates: the last 30 days, newest first, every kind
    found = [number for number in numbers(api, ola, bergen) if number in ours]
    assert found == [service["number"], change["number"], supplies["number"]]
    rows = {row["number"]: row for row in search(api, ola, bergen).body["items"]}
    assert (rows[change["number"]]["kind"], rows[change["number"]]["total"]) == ("change", 30000)
    assert rows[service["number"]]["customer_reference"] == reference
    # By status, department and product group
    assert ours & set(numbers(api, ola, bergen, status="placed")) == {supplies["number"], change["number"]}
    assert service["number"] in numbers(api, ola, bergen, status="waiting_for_seller")
    assert ours & set(numbers(api, ola, bergen, department_id=shop, product_group="Vaksinasjon")) == {service["number"]}
    # Exactly, whatever the date: by number, by reference
    assert numbers(api, ola, bergen, number=change["number"]) == [change["number"]]
    assert numbers(api, ola, bergen, reference=reference.lower()) == [service["number"]]
    # Delivered, the supplies order moves from the placed orders to the delivered ones
    delivered = api.post(
        f"/customers/{bergen}/supplies-orders/{supplies['order_id']}/delivery",
        token=admin,
        body={"version": supplies["version"]},
    )
    assert delivered.status == 200, delivered.body
    assert supplies["number"] not in numbers(api, ola, bergen, status="placed")
    assert supplies["number"] in numbers(api, ola, bergen, status="delivered")
    # Every search reads only the rows it returns
    today = local_today()
    for chosen in ({}, {"status": "placed"}, {"department": shop, "product_group": "Vaksinasjon"}):
        page = Table().query(
            pk=histories.partition("ORDER", bergen, chosen),
            sk_between=histories.sort_key_range(today - timedelta(days=91), today),
            limit=100,
            principal="test",
        )
        assert page.items_read == len(page.items), chosen
    # More than 92 days is refused; another tenant's login learns nothing
    too_long = search(api, ola, bergen, date_from=(today - timedelta(days=100)).isoformat())
    assert (too_long.status, too_long.error_code) == (422, "date_range_too_long")
    assert search(api, api.login("faktura-20000"), bergen).status == 404


def test_an_order_report_is_made_of_the_history_valid_against_its_schema(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    from tests.integration.test_reports import ask, download, ready

    bergen = demo.customer_ids["bergen"]
    kari = api.login("kari.nordmann@nordlys.no")  # the group's order approver: she reads Bergen's orders
    asked = ask(api, kari, bergen, kind="orders", format="xml", filters={"status": "delivered"})
    assert asked.status == 202, asked.body
    report = ready(api, runtime, kari, asked.body["report_id"])
    assert report["status"] == "ready", report
    content = download(api, kari, report)
    schema = xmlschema.XMLSchema(ROOT / "schemas" / "order-report.xsd")
    schema.validate(io.BytesIO(content))
    parsed: dict[str, Any] = schema.to_dict(io.BytesIO(content))  # type: ignore[assignment]
    orders = parsed.get("Order", [])
    assert len(orders) == report["rows"] >= 1  # the demo's delivered supplies order at least
    assert {order["Status"] for order in orders} == {"delivered"}
    # Her deposits are not hers to report on
    assert (ask(api, kari, bergen, kind="deposits").status) == 403
