"""`make bench`, the case search (CASE-2, AUTH-4): a contact linked to a customer reads two scopes (its contact's
cases and its customer's); each page merges a page of each, so the items read per case returned stay near one
however many cases there are. Printed for a plain page, a status filter, an object filter (one partition), and a
text search (a word row and its case per hit)."""

from __future__ import annotations

import os
import uuid
from typing import Any

from infrastructure.local.demo import DEMO_PASSWORD
from portal.access import PrincipalKind
from tests.support import ApiClient

CASES = int(os.environ.get("BENCH_CASES", "150"))
PAGE = 25


def case_search_figures(api: ApiClient, counter: Any, admin: str) -> None:
    from portal.wiring import auth_service

    customer = api.post("/customers", token=admin, body={"name": "Saksbenk AS", "number": str(uuid.uuid4().int)[:7]})
    assert customer.status == 201, customer.body
    customer_id = customer.body["customer_id"]
    objects = [
        api.post(f"/customers/{customer_id}/objects", token=admin, body={"name": f"Anlegg {index}"}).body["object_id"]
        for index in range(3)
    ]
    email = f"benk.{uuid.uuid4().hex[:6]}@saksbenk.no"
    contact = api.post("/contacts", token=admin, body={"name": "Benk Kontakt", "email": email}).body["contact_id"]
    links = {"version": 1, "customer_ids": [customer_id], "objects": []}
    assert api.call("PUT", f"/contacts/{contact}/links", token=admin, body=links).status == 200
    auth_service().create_user(
        actor="bench",
        username=email,
        display_name="Benk Kontakt",
        user_email=email,
        kind=PrincipalKind.CONTACT,
        contact_id=contact,
        password=DEMO_PASSWORD,
    )
    token = api.login(email)
    words = ["pumpe", "ventil", "dør", "lys", "varme"]
    for index in range(CASES):
        on_object = {"object_id": objects[index % 3]} if index % 2 else {}
        body = {"title": f"{words[index % 5]} sak {index}", "customer_id": customer_id, **on_object}
        by = token if index % 3 == 0 else admin  # a third filed by the contact itself: in both of its scopes
        filed = api.post("/cases", token=by, body=body, headers={"Idempotency-Key": str(uuid.uuid4())})
        assert filed.status == 201, filed.body
    searches = {
        "newest first": {},
        "status new": {"status": "new"},
        "one object": {"object_id": objects[1]},
        "text 'pumpe'": {"q": "pumpe"},
    }
    print(f"{'case search (2 scopes)':<32} {'DDB req/API req':>15} {'items read':>11} {'returned':>9} {'per case':>9}")
    for name, query in searches.items():
        counter.reset()
        reply = api.get("/cases", token=token, query={"limit": PAGE, **query})
        assert reply.status == 200, reply.body
        returned = len(reply.body["items"])
        per = counter.items_read / returned if returned else 0.0
        print(f"{name:<32} {counter.requests:>15} {counter.items_read:>11} {returned:>9} {per:>9.2f}")
    print(f"({CASES} cases; the reads include the session and its user, 2 items per request)\n")
    dashboard_figures(api, counter, admin, token, customer_id, objects)


def dashboard_figures(
    api: ApiClient, counter: Any, admin: str, contact: str, customer_id: str, objects: list[str]
) -> None:
    """CASE-6: a dashboard request reads the counters of its view's scopes, not the cases: the same items however
    many cases the months hold. Work orders and priced rows on a few cases first, so every dashboard has figures."""
    for index, case_id in enumerate(_some_cases(api, admin, customer_id)):
        case = api.get(f"/cases/{case_id}", token=admin).body["case"]
        body = {"version": case["version"], "type": "repair", "description": "Benk"}
        order = api.post(f"/cases/{case_id}/work-orders", token=admin, body=body).body["work_orders"][0]
        row = {"version": order["version"], "article": "Arbeid", "article_type": "work", "action_code": f"A{index % 3}"}
        row |= {"quantity": "1", "unit_price_minor": 95_000, "currency": "NOK", "vat_rate": "25"}
        path = f"/cases/{case_id}/work-orders/{order['work_order_id']}/rows"
        assert api.post(path, token=admin, body=row).status == 201
        closed = api.call(
            "PATCH", f"/cases/{case_id}", token=admin, body={"version": case["version"] + 1, "status": "closed"}
        )
        assert closed.status == 200, closed.body
    views = {
        "staff, one customer": (admin, {"customer_id": customer_id}),
        "staff, one object": (admin, {"customer_id": customer_id, "object_id": objects[0]}),
        "contact, its customers": (contact, {"view": "customers"}),
        "contact, its own cases": (contact, {"view": "mine"}),
        "staff, 12 months": (admin, {"customer_id": customer_id, "month_from": "2026-01-01", "month_to": "2026-12-31"}),
    }
    print(f"{'case dashboard (4 dashboards)':<32} {'DDB req/API req':>15} {'items read':>11} {'cases':>9}")
    for name, (token, query) in views.items():
        counter.reset()
        reply = api.get("/case-dashboard", token=token, query=query)
        assert reply.status == 200, reply.body
        print(f"{name:<32} {counter.requests:>15} {counter.items_read:>11} {reply.body['cases_total']:>9}")
    print(f"(counters, not cases, are read: {CASES} cases; the reads include the session, its user and the customer)\n")


def _some_cases(api: ApiClient, admin: str, customer_id: str) -> list[str]:
    found = api.get("/cases", token=admin, query={"customer_id": customer_id, "limit": 10})
    assert found.status == 200, found.body
    return [item["case_id"] for item in found.body["items"]]
