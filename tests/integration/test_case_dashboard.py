"""Dashboards (CASE-6) through the API: cases, work orders, lead times of closed cases and article rows with their
prices, counted as the cases are written and read per login view (seed 002, "Se dashboard"), in a world of its own
(so the figures are exact)."""

from __future__ import annotations

from typing import Any

import pytest

from infrastructure.local.runtime import Runtime
from portal.clock import now
from portal.languages import portal_day
from tests.integration.case_world import World, file_case, world
from tests.support import ApiClient

__all__ = ["world"]  # the fixture, imported to be used here

THIS_MONTH = portal_day(now()).strftime("%Y-%m")


def counted(reply: Any) -> dict[str, Any]:
    assert reply.status == 200, reply.body
    body: dict[str, Any] = reply.body
    return body


def this_month(series: list[dict[str, Any]]) -> dict[str, Any]:
    return next(entry for entry in series if entry.get("month", entry.get("key")) == THIS_MONTH)


@pytest.fixture(scope="module")
def worked(runtime: Runtime, world: World) -> World:
    """On customer A: a fault report by the customer's contact (closed, opened again and closed), a service case on
    object A1 with a work order and three priced rows, and an installation by the object's contact, its type then
    changed to inspection. On customer B: one case."""
    api = ApiClient(runtime.gateway)
    admin = world.logins["admin"]
    fault = file_case(api, world.logins["contact_customer"], customer_id=world.customers["A"], title="Dør").body["case"]
    for status in ("closed", "in_progress", "closed"):
        version = api.get(f"/cases/{fault['case_id']}", token=admin).body["case"]["version"]
        changed = api.call(
            "PATCH", f"/cases/{fault['case_id']}", token=admin, body={"version": version, "status": status}
        )
        assert changed.status == 200, changed.body
    service = file_case(
        api, admin, customer_id=world.customers["A"], object_id=world.objects["A1"], title="Service", type="service"
    ).body["case"]
    body = {"version": service["version"], "type": "maintenance", "description": "Årlig service"}
    work_order = api.post(f"/cases/{service['case_id']}/work-orders", token=admin, body=body).body["work_orders"][0]
    version = work_order["version"]
    for article_type, action_code, quantity, price in (
        ("work", "SRV", "2", 95_000),
        ("part", "SRV", "1", 45_000),
        ("work", "REP", "1.5", 100_000),
    ):
        row = {"version": version, "article": "Rad", "article_type": article_type, "action_code": action_code}
        row |= {"quantity": quantity, "unit_price_minor": price, "currency": "NOK", "vat_rate": "25"}
        added = api.post(
            f"/cases/{service['case_id']}/work-orders/{work_order['work_order_id']}/rows", token=admin, body=row
        )
        assert added.status == 201, added.body
        version += 1
    installation = file_case(
        api, world.logins["contact_object"], customer_id=world.customers["A"], object_id=world.objects["A1"], title="Ny"
    ).body["case"]
    changed = api.call(
        "PATCH",
        f"/cases/{installation['case_id']}",
        token=admin,
        body={"version": installation["version"], "type": "inspection"},
    )
    assert changed.status == 200, changed.body
    assert file_case(api, admin, customer_id=world.customers["B"], title="Annen kunde").status == 201
    return world


def test_staff_see_a_customers_cases_work_orders_lead_times_and_priced_rows(api: ApiClient, worked: World) -> None:
    board = counted(
        api.get("/case-dashboard", token=worked.logins["admin"], query={"customer_id": worked.customers["A"]})
    )
    assert board["view"] == "all"
    assert len(board["months"]) == 3
    assert board["months"][-1] == THIS_MONTH
    assert this_month(board["cases"])["counts"] == {"fault": 1, "inspection": 1, "service": 1}
    assert board["cases_total"] == 3
    assert this_month(board["work_orders"])["counts"] == {"maintenance": 1}
    lead = board["lead_times"]
    assert lead["closed"] == 1  # closed twice: the reopening took the first closing back
    assert lead["bands"]["under_1_day"] == 1
    rows = board["article_rows"]
    # 2 × 950.00 + 1 × 450.00 + 1.5 × 1000.00 = 3850.00 NOK, excluding VAT
    assert (rows["rows"], rows["amounts"]) == (3, [{"currency": "NOK", "amount_minor": 385_000}])
    assert {group["key"]: group["rows"] for group in rows["by_article_type"]} == {"part": 1, "work": 2}
    assert {group["key"]: group["amounts"][0]["amount_minor"] for group in rows["by_action_code"]} == {
        "REP": 150_000,
        "SRV": 235_000,
    }
    assert board["action_codes"] == ["REP", "SRV"]


def test_filters_narrow_each_dashboard(api: ApiClient, worked: World) -> None:
    admin, customer = worked.logins["admin"], worked.customers["A"]
    by_object = counted(
        api.get("/case-dashboard", token=admin, query={"customer_id": customer, "object_id": worked.objects["A1"]})
    )
    assert this_month(by_object["cases"])["counts"] == {"inspection": 1, "service": 1}
    assert by_object["lead_times"]["closed"] == 0
    faults = counted(api.get("/case-dashboard", token=admin, query={"customer_id": customer, "case_type": "fault"}))
    assert faults["cases_total"] == 1
    parts = counted(
        api.get(
            "/case-dashboard",
            token=admin,
            query={"customer_id": customer, "article_type": "part", "action_code": "SRV"},
        )
    )
    assert (parts["article_rows"]["rows"], parts["article_rows"]["amounts"][0]["amount_minor"]) == (1, 45_000)
    repairs = counted(
        api.get("/case-dashboard", token=admin, query={"customer_id": customer, "work_order_type": "repair"})
    )
    assert repairs["work_orders_total"] == 0
    earlier = counted(
        api.get(
            "/case-dashboard",
            token=admin,
            query={"customer_id": customer, "month_from": "2025-01-01", "month_to": "2025-02-28"},
        )
    )
    assert (earlier["months"], earlier["cases_total"]) == (["2025-01", "2025-02"], 0)
    backwards = api.get("/case-dashboard", token=admin, query={"month_from": "2026-05-01", "month_to": "2026-01-01"})
    assert (backwards.status, backwards.error_code) == (422, "invalid_month_range")


# Seed 002: "Användaren kan se dashboards för: alla ärenden som användarens kontakt är kopplad till; alla ärenden på
# objekt som användarens kontakt är kopplad till oavsett kund; alla ärenden på kunder som användarens kontakt är
# kopplad till oavsett objekt." (login, view, the cases it counts this month)
VIEWS = [
    ("contact_customer", "mine", {"fault": 1}),
    ("contact_customer", "customers", {"fault": 1, "inspection": 1, "service": 1}),
    ("contact_object", "mine", {"inspection": 1}),
    ("contact_object", "objects", {"inspection": 1, "service": 1}),
    ("invoice_customer", "customers", {"fault": 1, "inspection": 1, "service": 1}),
]


@pytest.mark.parametrize(("login", "view", "counts"), VIEWS, ids=[f"{row[0]}-{row[1]}" for row in VIEWS])
def test_each_login_counts_the_cases_its_view_covers(
    api: ApiClient, worked: World, login: str, view: str, counts: dict[str, int]
) -> None:
    board = counted(api.get("/case-dashboard", token=worked.logins[login], query={"view": view}))
    assert (board["view"], this_month(board["cases"])["counts"]) == (view, counts)


def test_a_login_is_refused_what_its_views_do_not_cover(api: ApiClient, worked: World) -> None:
    contact = worked.logins["contact_customer"]
    assert counted(api.get("/case-dashboard", token=contact))["views"] == ["mine", "customers"]
    other = api.get("/case-dashboard", token=contact, query={"view": "customers", "customer_id": worked.customers["B"]})
    assert other.status == 404
    objects = api.get("/case-dashboard", token=contact, query={"view": "objects"})
    assert (objects.status, objects.error_code) == (403, "dashboard_not_available")
    narrowed = api.get("/case-dashboard", token=contact, query={"view": "mine", "customer_id": worked.customers["A"]})
    assert (narrowed.status, narrowed.error_code) == (422, "filter_not_in_view")
    nobody = api.get("/case-dashboard", token=worked.logins["no_contact"])
    assert (nobody.status, nobody.error_code) == (403, "dashboard_not_available")
    object_login = counted(api.get("/case-dashboard", token=worked.logins["object"]))
    assert (object_login["views"], object_login["cases_total"]) == (["objects"], 0)  # B1 has no case here


def test_a_case_is_stored_as_counted_and_that_is_never_shown(api: ApiClient, worked: World) -> None:
    """A case written since the counters exist says so (one filed before them is counted at its next change)."""
    from portal.cases.repository import case_pk
    from portal.store import Table

    case = file_case(api, worked.logins["admin"], customer_id=worked.customers["B"], title="Telles").body["case"]
    assert "counted" not in case
    stored = Table().get(case_pk(case["case_id"]), "CASE")
    assert stored is not None
    assert stored["counted"] is True
