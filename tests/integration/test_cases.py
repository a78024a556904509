"""Service cases through the API (CASE-1..3, AUTH-2, AUTH-4, ORG-4).

The visibility table's rows are the sentences of seed 002 (Lime Field's customer portal), each run against the API as
that login kind, in a world of its own: two customers with their objects, contacts linked to nothing, to an object
and to a customer, and logins of every kind AUTH-2 knows."""

from __future__ import annotations

import uuid
from typing import Any

import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.integration.case_world import World, file_case, world
from tests.support import ApiClient, local_today, username_email

__all__ = ["world"]  # the fixture, imported to be used here


def ids(reply: Any) -> set[str]:
    assert reply.status == 200, reply.body
    return {item["case_id"] for item in reply.body["items"]}


# What each login files, and where the case must land (customer, object, primary contact).
FILINGS = [
    ("k1", "no_contact", {}, (None, None, None)),
    ("k2", "contact_none", {}, (None, None, "none")),
    ("k3", "contact_object", {"object_id": "A1", "customer_id": "A"}, ("A", "A1", "object")),
    ("k4", "contact_object", {"customer_id": "A"}, ("A", None, "object")),
    ("k5", "contact_customer", {"customer_id": "A"}, ("A", None, "customer")),
    ("k6", "contact_customer", {"customer_id": "A", "object_id": "A2"}, ("A", "A2", "customer")),
    ("k7", "contact_customer", {}, (None, None, "customer")),
    ("k8", "admin", {"customer_id": "B", "object_id": "B1"}, ("B", "B1", None)),
    ("k9", "invoice_customer", {}, ("A", None, None)),
    ("k10", "object", {}, ("B", "B1", None)),
]


@pytest.fixture(scope="module")
def cases(runtime: Runtime, world: World) -> World:
    api = ApiClient(runtime.gateway)
    for key, login, chosen, (customer, obj, contact) in FILINGS:
        body = {
            name: (world.customers[value] if name == "customer_id" else world.objects[value])
            for name, value in chosen.items()
        }
        reply = file_case(api, world.logins[login], title=f"Sak {key} vannlekkasje", **body)
        assert reply.status == 201, (key, reply.body)
        case = reply.body["case"]
        assert case["customer_id"] == (world.customers[customer] if customer else None), key
        assert case["object_id"] == (world.objects[obj] if obj else None), key
        assert case["contact_id"] == (world.contacts[contact] if contact else None), key
        world.cases[key] = case["case_id"]
    return world


# AUTH-4, searching: (login, the seed's sentence, the cases it sees)
VISIBILITY = [
    (
        "no_contact",
        "Saknas det en kontakt för användarkontot ... Användaren kommer således inte att kunna se några ärenden",
        set(),
    ),
    (
        "contact_none",
        "Har användarkontot en koppling till en kontakt men kontakten är inte koppad till ett objekt eller kund ... "
        "Användaren kommer således att kunna se alla ärenden där användarens kontakt är kopplad till ärendet.",
        {"k2"},
    ),
    (
        "contact_object",
        "Alla ärenden skapade på objekt som kontakten är kopplad till oavsett kund. "
        "Alla ärenden där användarens kontakt är kopplat till ärendet.",
        {"k3", "k4"},
    ),
    (
        "contact_customer",
        "Alla ärenden skapade på kunder som kontakten är kopplad till oavsett objekt. Alla ärenden som är kopplade "
        "till objekt som är kopplade till kunden. Alla ärenden där användarens kontakt är kopplat till ärendet.",
        {"k3", "k4", "k5", "k6", "k7", "k9"},
    ),
    (
        "invoice_customer",
        "Med detta inloggningsalternativ kan fakturakund (kund) se alla ärenden som är kopplade till fakturakunden.",
        {"k3", "k4", "k5", "k6", "k9"},
    ),
    (
        "object",
        "Med detta inloggningsalternativ kan objekt (kund) se alla ärenden som är kopplade till objekt.",
        {"k8", "k10"},
    ),
]


@pytest.mark.parametrize(("login", "sentence", "expected"), VISIBILITY, ids=[row[0] for row in VISIBILITY])
def test_each_login_kind_sees_the_cases_seed_002_says(
    api: ApiClient, cases: World, login: str, sentence: str, expected: set[str]
) -> None:
    token = cases.logins[login]
    ours = {case_id: key for key, case_id in cases.cases.items()}
    listed = ids(api.get("/cases", token=token, query={"limit": 100}))
    assert {ours[case_id] for case_id in listed if case_id in ours} == expected, sentence
    assert listed <= set(ours), "a login of this world sees no case outside it"
    for key, case_id in cases.cases.items():
        reply = api.get(f"/cases/{case_id}", token=token)
        assert reply.status == (200 if key in expected else 404), (key, sentence)
    # a case it may not see answers exactly as one that does not exist
    hidden = next((case_id for key, case_id in cases.cases.items() if key not in expected), None)
    if hidden:
        missing = api.get(f"/cases/{'0' * 26}", token=token)
        assert api.get(f"/cases/{hidden}", token=token).body == missing.body


# AUTH-4, creating: (login, the seed's sentence, what it tries, the answer)
CHOOSING = [
    ("no_contact", "Saknas det en kontakt ... kan användaren inte välja objekt eller kund", {"customer_id": "A"}, 404),
    (
        "contact_none",
        "kontakten är inte koppad till ett objekt eller kund kan användaren inte välja objekt eller kund",
        {"customer_id": "A"},
        404,
    ),
    (
        "contact_object",
        "så kan användaren bara välja den eller de kunder som objekten är kopplade till",
        {"customer_id": "B"},
        404,
    ),
    (
        "contact_object",
        "Ärenden kommer såldes att kunna skapas: På objekt som kontakten är kopplad till",
        {"customer_id": "A", "object_id": "A2"},
        404,
    ),
    ("contact_object", "(an object-linked contact chooses a customer: it is not one of 'Utan kund')", {}, 422),
    (
        "contact_customer",
        "så kan användaren bara välja den eller de objekt som kunderna är kopplade till",
        {"customer_id": "B", "object_id": "B1"},
        404,
    ),
    ("contact_customer", "På objekt som kunden är kopplad till", {"customer_id": "A", "object_id": "A2"}, 201),
    ("contact_customer", "Utan kund", {}, 201),
    ("invoice_customer", "(an invoice customer files on its own customer only)", {"customer_id": "B"}, 404),
    ("object", "(an object login files on its own object only)", {"customer_id": "A", "object_id": "A1"}, 404),
    ("object", "Alla ärenden som skapas kopplas ihop med objekt automatiskt", {"customer_id": "A"}, 404),
]


@pytest.mark.parametrize(
    ("login", "sentence", "chosen", "status"), CHOOSING, ids=[f"{row[0]}-{n}" for n, row in enumerate(CHOOSING)]
)
def test_each_login_kind_files_cases_only_where_seed_002_lets_it(
    api: ApiClient, world: World, login: str, sentence: str, chosen: dict[str, str], status: int
) -> None:
    body = {
        name: (world.customers[value] if name == "customer_id" else world.objects[value])
        for name, value in chosen.items()
    }
    reply = file_case(api, world.logins[login], **body)
    assert reply.status == status, (sentence, reply.body)
    if status == 404:
        unknown = dict.fromkeys(body, "0" * 26)
        assert file_case(api, world.logins[login], **unknown).body == reply.body, "hidden and unknown alike"


def test_the_new_case_form_offers_what_the_login_may_choose(api: ApiClient, world: World) -> None:
    offered = api.get("/case-choices", token=world.logins["contact_object"]).body
    assert [c["customer_id"] for c in offered["customers"]] == [world.customers["A"]]
    assert [o["object_id"] for o in offered["objects"]] == [world.objects["A1"]]
    assert offered["customer_may_be_omitted"] is False
    by_customer = api.get("/case-choices", token=world.logins["contact_customer"]).body
    assert {o["object_id"] for o in by_customer["objects"]} == {world.objects["A1"], world.objects["A2"]}
    assert by_customer["customer_may_be_omitted"] is True
    assert by_customer["primary_contact"] == world.contacts["customer"]
    nothing = api.get("/case-choices", token=world.logins["no_contact"]).body
    assert (nothing["customers"], nothing["objects"], nothing["primary_contact"]) == ([], [], None)


def editable(settings: dict[str, Any]) -> dict[str, Any]:
    names = ("customer_required", "object_required", "form_fields", "search_columns", "article_columns")
    return {name: settings[name] for name in names}


def test_the_vendor_decides_what_is_mandatory_and_what_the_form_and_lists_show(api: ApiClient, world: World) -> None:
    admin = world.logins["admin"]
    current = api.get("/case-settings", token=admin).body
    try:
        saved = api.call(
            "PUT",
            "/case-settings",
            token=admin,
            body={
                "version": current["version"],
                "customer_required": True,
                "object_required": True,
                "form_fields": ["description"],
                "search_columns": ["number", "title", "status"],
                "article_columns": ["article", "quantity", "amount"],
            },
        )
        assert saved.status == 200, saved.body
        token = world.logins["contact_customer"]
        refused = file_case(api, token, customer_id=world.customers["A"])
        assert (refused.status, refused.error_code) == (422, "object_required")
        assert file_case(api, token).error_code == "customer_required"
        # A contact without links has nothing to choose: the vendor's rule does not bind it
        assert file_case(api, world.logins["contact_none"]).status == 201
        filed = file_case(
            api, token, customer_id=world.customers["A"], object_id=world.objects["A2"], reference_name="Not asked"
        )
        assert filed.status == 201, filed.body
        assert filed.body["case"]["reference_name"] is None  # the form does not ask for it
        assert api.get("/cases", token=token).body["columns"] == ["number", "title", "status"]
        assert len(api.get("/cases", token=admin).body["columns"]) == 8  # staff see every column
        assert api.get("/case-choices", token=token).body["form_fields"] == ["description"]
        stale = api.call(
            "PUT", "/case-settings", token=admin, body={**editable(saved.body), "version": current["version"]}
        )
        assert stale.status == 409
        for other in ("selger", "tekniker"):
            assert api.get("/case-settings", token=api.login(other)).status == 403
    finally:
        latest = api.get("/case-settings", token=admin).body
        restore = {name: current[name] for name in ("customer_required", "object_required", "form_fields")}
        restore |= {name: current[name] for name in ("search_columns", "article_columns")}
        assert (
            api.call("PUT", "/case-settings", token=admin, body={**restore, "version": latest["version"]}).status == 200
        )


def test_cases_are_found_by_words_status_type_customer_object_and_dates_page_by_page(
    api: ApiClient, cases: World
) -> None:
    token = cases.logins["contact_customer"]
    ours = {case_id: key for key, case_id in cases.cases.items()}

    def found(**query: Any) -> set[str]:
        return {ours.get(case_id, "other") for case_id in ids(api.get("/cases", token=token, query=query))}

    assert found(q="sak k5") == {"k5"}
    assert found(q="vannlek") >= {"k3", "k4", "k5", "k6", "k7", "k9"}
    # (q="sak" keeps to the table's cases: other tests here file more on the same customers)
    assert found(q="sak", object_id=cases.objects["A2"]) == {"k6"}
    assert found(q="sak", object_id=cases.objects["A1"], customer_id=cases.customers["A"]) == {"k3"}
    assert found(customer_id=cases.customers["B"]) == set()  # not its customer: nothing, as for an unknown one
    today = local_today().isoformat()
    assert found(date_from=today, date_to=today, customer_id=cases.customers["A"]) >= {"k3", "k4", "k5", "k6", "k9"}
    assert found(date_to="2020-01-01") == set()
    backwards = api.get("/cases", token=token, query={"date_from": today, "date_to": "2020-01-01"})
    assert (backwards.status, backwards.error_code) == (422, "invalid_date_range")
    assert api.get("/cases", token=token, query={"q": "k"}).error_code == "search_too_short"

    admin = cases.logins["admin"]
    moved = api.get(f"/cases/{cases.cases['k5']}", token=admin).body["case"]
    changed = api.call(
        "PATCH",
        f"/cases/{cases.cases['k5']}",
        token=admin,
        body={"version": moved["version"], "status": "planned", "type": "service"},
    )
    assert changed.status == 200, changed.body
    assert [entry["action"] for entry in changed.body["case"]["timeline"]][-2:] == ["status_changed", "type_changed"]
    assert found(status="planned") == {"k5"}
    assert found(status="planned", type="service") == {"k5"}
    assert found(status="planned", type="fault") == set()
    assert found(q="vannlekkasje", status="planned") == {"k5"}
    still_new = found(status="new", customer_id=cases.customers["A"])
    assert still_new >= {"k3", "k4", "k6", "k9"}
    assert "k5" not in still_new

    # Page by page through the contact's three scopes (its contact, its customer): each case once, newest first
    seen: list[str] = []
    cursor = None
    first_cursor = None
    while True:
        query: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = api.get("/cases", token=token, query=query)
        assert page.status == 200, page.body
        seen.extend(item["case_id"] for item in page.body["items"])
        cursor = page.body["next_cursor"]
        first_cursor = first_cursor or cursor
        if not cursor:
            break
    assert len(seen) == len(set(seen))
    assert set(seen) == set(ids(api.get("/cases", token=token, query={"limit": 100})))
    numbers = [api.get(f"/cases/{case_id}", token=token).body["case"]["number"] for case_id in seen]
    assert numbers == sorted(numbers, reverse=True)
    # The contact's cursor continues its own search only: not another login's, nor another search of its own
    assert first_cursor
    other = api.get("/cases", token=cases.logins["contact_object"], query={"limit": 2, "cursor": first_cursor})
    assert (other.status, other.error_code) == (400, "invalid_cursor")
    narrower = api.get("/cases", token=token, query={"limit": 2, "cursor": first_cursor, "status": "new"})
    assert narrower.error_code == "invalid_cursor"
    # Free text pages the same way: each case once
    by_words: list[str] = []
    cursor = None
    while True:
        query = {"q": "vannlekkasje", "limit": 2, **({"cursor": cursor} if cursor else {})}
        page = api.get("/cases", token=token, query=query)
        by_words.extend(item["case_id"] for item in page.body["items"])
        cursor = page.body["next_cursor"]
        if not cursor:
            break
    assert len(by_words) == len(set(by_words))
    assert {ours[case_id] for case_id in by_words if case_id in ours} == {"k3", "k4", "k5", "k6", "k7", "k9"}


def test_staff_plan_work_register_article_rows_and_customers_see_the_columns_the_vendor_chose(
    api: ApiClient, cases: World
) -> None:
    admin, case_id = cases.logins["admin"], cases.cases["k6"]
    case = api.get(f"/cases/{case_id}", token=admin).body["case"]
    customer_side = cases.logins["contact_customer"]
    body = {"version": case["version"], "type": "repair", "description": "Bytte pakning", "technician": "tekniker"}
    refused = api.post(f"/cases/{case_id}/work-orders", token=customer_side, body=body)
    assert refused.status == 403
    added = api.post(f"/cases/{case_id}/work-orders", token=admin, body=body)
    assert added.status == 201, added.body
    work_order = added.body["work_orders"][0]
    assert (work_order["number"], work_order["technician_name"]) == (f"{case['number']}-1", "Tore Tekniker")
    again = api.post(f"/cases/{case_id}/work-orders", token=admin, body=body)
    assert again.status == 409  # made from the version already moved on
    unknown = {**body, "version": added.body["case"]["version"], "technician": "nobody"}
    assert api.post(f"/cases/{case_id}/work-orders", token=admin, body=unknown).error_code == "unknown_technician"

    rows_path = f"/cases/{case_id}/work-orders/{work_order['work_order_id']}/rows"
    work = {
        "version": work_order["version"],
        "article_number": "ARB-1",
        "article": "Arbeid, tekniker",
        "article_type": "work",
        "action_code": "R10",
        "quantity": "1.5",
        "unit_price_minor": 95_000,
        "currency": "NOK",
        "vat_rate": "25",
    }
    registered = api.post(rows_path, token=admin, body=work)
    assert registered.status == 201, registered.body
    row = registered.body["work_orders"][0]["rows"][0]
    assert (row["amount_minor"], row["vat_minor"]) == (142_500, 35_625)  # 1.5 × 950,00; 25 % of it
    part = {**work, "version": work_order["version"] + 1, "article": "Pakning", "article_type": "part"}
    part |= {"quantity": "3", "unit_price_minor": 3_333, "action_code": "D20"}
    assert api.post(rows_path, token=admin, body=part).status == 201
    assert api.post(rows_path, token=admin, body=part).status == 409  # the same version twice
    assert api.post(rows_path, token=admin, body={**part, "version": 3, "vat_rate": "24"}).status == 422

    seen = api.get(f"/cases/{case_id}", token=customer_side).body
    assert seen["may_handle"] is False
    shown = seen["work_orders"][0]["rows"]
    assert [r["article"] for r in shown] == ["Arbeid, tekniker", "Pakning"]
    assert seen["totals"] == [{"currency": "NOK", "amount_minor": 142_500 + 9_999, "vat_minor": 35_625 + 2_500}]
    staff_view = api.get(f"/cases/{case_id}", token=admin).body
    assert staff_view["may_handle"] is True

    closing = api.post(
        f"/cases/{case_id}/work-orders/{work_order['work_order_id']}/close",
        token=admin,
        body={"version": 3, "findings": "Pakningen var sprukket"},
    )
    assert closing.status == 200, closing.body
    assert closing.body["work_orders"][0]["status"] == "closed"
    late = api.post(rows_path, token=admin, body={**part, "version": 4})
    assert (late.status, late.error_code) == (422, "work_order_closed")
    actions = [entry["action"] for entry in closing.body["case"]["timeline"]]
    assert actions[-2:] == ["work_order_added", "work_order_closed"]
    history = api.get(f"/customers/{cases.customers['A']}/history", token=admin).body["items"]
    assert {"case_created", "work_order_added", "article_row_added", "work_order_closed"} <= {
        entry["action"] for entry in history
    }


def test_a_deactivated_customer_keeps_its_cases_but_gets_no_new_ones(api: ApiClient, world: World) -> None:
    admin, customer = world.logins["admin"], world.customers["B"]
    version = api.get(f"/customers/{customer}", token=admin).body["version"]
    body = {"status": "inactive", "version": version}
    assert api.call("PUT", f"/customers/{customer}/status", token=admin, body=body).status == 200
    try:
        refused = file_case(api, world.logins["object"])  # an object login of B's object
        assert (refused.status, refused.error_code) == (422, "customer_inactive")
        assert api.get("/cases", token=world.logins["object"]).status == 200
    finally:
        version = api.get(f"/customers/{customer}", token=admin).body["version"]
        body = {"status": "active", "version": version}
        assert api.call("PUT", f"/customers/{customer}/status", token=admin, body=body).status == 200


def test_a_new_case_is_assigned_to_the_customers_technician_who_is_told_and_sees_it(
    api: ApiClient, runtime: Runtime, demo: DemoData
) -> None:
    per = api.login("per.bakke@fjellbakeriet.no")
    bakery, factory = demo.customer_ids["bakery"], demo.object_ids["bakery-factory"]
    filed = file_case(
        api, per, title=f"Ovnen slår seg av {uuid.uuid4().hex[:4]}", customer_id=bakery, object_id=factory
    )
    assert filed.status == 201, filed.body
    case = filed.body["case"]
    # Per sees who it went to by name; the usernames (and his own login's) are the staff's to see
    assert (case["assignees"], case["created_by"]) == ([], "")
    assert [entry["action"] for entry in case["timeline"]] == ["created", "assigned"]
    assert case["timeline"][1]["detail"] == "Tore Tekniker"
    staff_view = api.get(f"/cases/{case['case_id']}", token=api.login("admin")).body["case"]
    assert (staff_view["assignees"], staff_view["created_by"]) == (["tekniker"], "per.bakke@fjellbakeriet.no")
    runtime.streams.drain()
    told = [
        message
        for message in mailbox.messages_to(username_email("tekniker"))
        if str(case["number"]) in message["subject"]
    ]
    assert told, "the technician is told of the case"
    technician = api.login("tekniker")
    assert case["case_id"] in ids(api.get("/cases", token=technician, query={"limit": 100}))
    assert api.get(f"/cases/{case['case_id']}", token=technician).status == 200
    seller = api.login("selger")  # assigned to another customer, may see every customer: sees every case
    assert api.get(f"/cases/{case['case_id']}", token=seller).status == 200


# AUTH-4, invoice specifications: (login, the answer on customer A's specifications)
SPECIFICATION_READERS = [
    ("contact_customer", 200),
    ("contact_object", 404),
    ("invoice_customer", 403),
    ("object", 404),
    ("contact_none", 404),
    ("no_contact", 404),
]
ONLY_CUSTOMER_CONTACTS = (
    "Det är bara de användarkonton kopplade till kontakter, där kontakten är kopplad till kunder som ser "
    "fakturaspecifikationer och därmed kan godkänna dem i kundportalen."
)


def closed_work_on(api: ApiClient, world: World, rows: list[tuple[str, str, int]]) -> None:
    """A case on customer A, its work order with the rows (article, quantity, unit price), closed."""
    admin = world.logins["admin"]
    filed = file_case(api, admin, customer_id=world.customers["A"], object_id=world.objects["A1"], title="Service")
    case = filed.body["case"]
    body = {"version": case["version"], "type": "maintenance", "description": "Årlig service"}
    work_order = api.post(f"/cases/{case['case_id']}/work-orders", token=admin, body=body).body["work_orders"][0]
    path = f"/cases/{case['case_id']}/work-orders/{work_order['work_order_id']}"
    version = work_order["version"]
    for article, quantity, price in rows:
        row = {"version": version, "article": article, "article_type": "work", "quantity": quantity}
        row |= {"unit_price_minor": price, "currency": "NOK", "vat_rate": "25"}
        assert api.post(f"{path}/rows", token=admin, body=row).status == 201
        version += 1
    assert api.post(f"{path}/close", token=admin, body={"version": version}).status == 200


def test_staff_publish_an_invoice_specification_that_only_the_customers_contacts_see_and_review_once(
    api: ApiClient, runtime: Runtime, world: World
) -> None:
    admin, customer = world.logins["admin"], world.customers["A"]
    path = f"/customers/{customer}/invoice-specifications"
    today = local_today().isoformat()
    period = {"period_from": today, "period_to": today, "title": "Service i dag"}
    closed_work_on(api, world, [("Arbeid", "2", 80_000), ("Filter", "1", 12_550)])
    assert api.call("PUT", f"/customers/{customer}/assignees/selger", token=admin).status == 200
    published = api.post(path, token=admin, body=period)
    assert published.status == 201, published.body
    specification = published.body
    lines = [line["article"] for work in specification["work"] for line in work["lines"]]
    assert {"Arbeid", "Filter"} <= set(lines)
    total = specification["totals"][0]
    assert total["total_minor"] == total["amount_minor"] + total["vat_minor"]
    assert total["currency"] == "NOK"
    empty = api.post(path, token=admin, body={"period_from": "2020-01-01", "period_to": "2020-01-31"})
    assert (empty.status, empty.error_code) == (422, "nothing_to_specify")
    assert api.post(path, token=world.logins["contact_customer"], body=period).status == 403

    one = f"{path}/{specification['specification_id']}"
    for login, status in SPECIFICATION_READERS:
        token = world.logins[login]
        assert api.get(path, token=token).status == status, (login, ONLY_CUSTOMER_CONTACTS)
        assert api.get(one, token=token).status == status, (login, ONLY_CUSTOMER_CONTACTS)
    review = {"version": specification["version"], "approve": True}
    assert api.post(f"{one}/review", token=admin, body=review).status == 403  # the customer reviews, not the vendor
    assert api.post(f"{one}/review", token=world.logins["invoice_customer"], body=review).status == 403
    approved = api.post(f"{one}/review", token=world.logins["contact_customer"], body=review)
    assert approved.status == 200, approved.body
    assert (approved.body["status"], approved.body["reviewed_by_name"]) == ("approved", "Customer Testesen")
    again = api.post(f"{one}/review", token=world.logins["contact_customer"], body={**review, "version": 2})
    assert (again.status, again.error_code) == (409, "already_reviewed")
    runtime.streams.drain()
    told = [m for m in mailbox.messages_to(username_email("selger")) if "godkjent" in m["subject"]]
    assert any(world_name(api, world) in message["subject"] for message in told)

    # Work is billed once: the same period again has nothing left to specify
    again_published = api.post(path, token=admin, body=period)
    assert (again_published.status, again_published.error_code) == (422, "nothing_to_specify")
    closed_work_on(api, world, [("Kjøring", "1", 45_000)])
    second = api.post(path, token=admin, body=period).body
    assert [line["article"] for work in second["work"] for line in work["lines"]] == ["Kjøring"]
    second_path = f"{path}/{second['specification_id']}/review"
    silent = api.post(second_path, token=world.logins["contact_customer"], body={"version": 1, "approve": False})
    assert silent.status == 422
    commented = api.post(
        second_path,
        token=world.logins["contact_customer"],
        body={"version": 1, "approve": False, "comment": "Kjøringen gjelder ikke oss"},
    )
    assert (commented.body["status"], commented.body["comment"]) == ("commented", "Kjøringen gjelder ikke oss")
    # A commented specification gives its work back: staff publish it again, corrected or not
    third = api.post(path, token=admin, body=period)
    assert third.status == 201, third.body
    assert [line["article"] for work in third.body["work"] for line in work["lines"]] == ["Kjøring"]
    listed = api.get(path, token=world.logins["contact_customer"]).body["items"]
    assert [item["status"] for item in listed[:3]] == ["published", "commented", "approved"]
    history = {entry["action"] for entry in api.get(f"/customers/{customer}/history", token=admin).body["items"]}
    assert {"invoice_specification_published", "invoice_specification_approved"} <= history
    assert "invoice_specification_commented" in history


def world_name(api: ApiClient, world: World) -> str:
    return str(api.get(f"/customers/{world.customers['A']}", token=world.logins["admin"]).body["name"])
