"""Deposits (DEP-1, DEP-2) through the API: a deposit registrar's slip, reviewed with every amount computed and then
saved once per bag number; corrected by reversal and a new slip; counted by the cash centre, with the difference on
the counting receipt and in an e-mail; and who may do which."""

from __future__ import annotations

import secrets
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from typing import Any

import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.support import ApiClient, local_today

OLA = "ola.hansen@nordlys-bergen.no"


def bag() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(12))


def slip(bag_number: str, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "deposit_date": local_today().isoformat(),
        "bag_number": bag_number,
        "lines": [{"denomination": "note-500", "pieces": 3}, {"denomination": "coin-20", "amount": 4000}],
        "cheques": [{"reference": "Sjekk 4471", "amount": 125050}],
        "fallbacks": [{"description": "Terminal offline", "amount": 39900}],
        "foreign": [{"currency": "eur", "amount": 5000}],
    }
    return {**body, **fields}


@pytest.fixture
def bergen(demo: DemoData) -> str:
    return demo.customer_ids["bergen"]


def register(api: ApiClient, token: str, customer_id: str, body: dict[str, Any], key: str | None = None) -> Any:
    return api.post(
        f"/customers/{customer_id}/deposits",
        token=token,
        body=body,
        headers={"Idempotency-Key": key or str(uuid.uuid4())},
    )


def test_a_registrar_reviews_a_slip_with_every_amount_computed_then_saves_it_once(api: ApiClient, bergen: str) -> None:
    ola = api.login(OLA)
    number = bag()
    typed = f"{number[:4]} {number[4:8]}-{number[8:]}"  # as copied from the bag, with a space and a dash
    reviewed = api.post(f"/customers/{bergen}/deposit-reviews", token=ola, body=slip(typed))
    assert reviewed.status == 200, reviewed.body
    review = reviewed.body
    assert review["bag_number"] == number
    assert review["currency"] == "NOK"
    assert [(line["denomination"], line["pieces"], line["amount"]) for line in review["lines"]] == [
        ("note-500", 3, 150000),
        ("coin-20", 2, 4000),
    ]
    # Notes and coins, cheques and fallbacks in the total, exactly; the euros listed but not added
    assert (review["notes_and_coins"], review["total"]) == (154000, 154000 + 125050 + 39900)
    assert review["foreign"] == [{"currency": "EUR", "amount": 5000}]
    # The review saved nothing
    listed = api.get(f"/customers/{bergen}/deposits", token=ola, query={"limit": 100}).body["items"]
    assert number not in {deposit["bag_number"] for deposit in listed}

    key = str(uuid.uuid4())
    first = register(api, ola, bergen, slip(typed), key)
    again = register(api, ola, bergen, slip(typed), key)
    assert (first.status, again.status) == (201, 201), (first.body, again.body)
    assert first.body["deposit_id"] == again.body["deposit_id"]
    deposit = first.body
    assert (deposit["status"], deposit["total"], deposit["registered_by_name"]) == (
        "registered",
        review["total"],
        "Ola Hansen",
    )
    listed = api.get(f"/customers/{bergen}/deposits", token=ola, query={"limit": 100}).body["items"]
    assert [found["deposit_id"] for found in listed if found["bag_number"] == number] == [deposit["deposit_id"]]
    fetched = api.get(f"/customers/{bergen}/deposits/{deposit['deposit_id']}", token=ola).body
    assert fetched == deposit
    history = api.get(f"/customers/{bergen}/history", token=api.login("admin")).body["items"]
    entry = next(item for item in history if item["action"] == "deposit_registered")
    assert {change["field"]: change["after"] for change in entry["changes"]}["bag_number"] == number


def test_a_slip_is_refused_with_every_problem_named(api: ApiClient, bergen: str) -> None:
    ola = api.login(OLA)
    tomorrow = (local_today() + timedelta(days=2)).isoformat()
    refused = api.post(
        f"/customers/{bergen}/deposit-reviews",
        token=ola,
        body=slip(
            bag(),
            deposit_date=tomorrow,
            lines=[
                {"denomination": "note-500", "amount": 25000},  # not a whole number of 500-kroner notes
                {"denomination": "note-2000", "pieces": 1},  # no such note
                {"denomination": "coin-20", "pieces": 1, "amount": 2000},  # both
            ],
            foreign=[{"currency": "NOK", "amount": 100}],
            department_id="01JNOSUCHDEPARTMENT0000000",
        ),
    )
    assert refused.status == 422, refused.body
    fields = {detail["field"]: detail["code"] for detail in refused.body["error"]["details"]}
    assert fields == {
        "deposit_date": "date_in_future",
        "department_id": "not_a_choice",
        "lines.0.amount": "not_a_multiple",
        "lines.1.denomination": "not_a_choice",
        "lines.2.pieces": "pieces_or_amount",
        "foreign.0.currency": "own_currency",
    }
    for wrong in ("12345678901", "1234567890123", "12345678901a", "1234.5678.9012"):
        answer = api.post(f"/customers/{bergen}/deposit-reviews", token=ola, body=slip(wrong))
        assert (answer.status, answer.body["error"]["details"][0]["code"]) == (422, "invalid_bag_number"), wrong
    empty = api.post(
        f"/customers/{bergen}/deposit-reviews",
        token=ola,
        body=slip(bag(), lines=[], cheques=[], fallbacks=[], foreign=[]),
    )
    assert (empty.status, empty.error_code) == (422, "nothing_declared")


def test_a_bag_number_is_registered_once_and_a_mistake_corrected_by_reversal_and_a_new_slip(
    api: ApiClient, bergen: str
) -> None:
    ola = api.login(OLA)
    number = bag()
    first = register(api, ola, bergen, slip(number)).body
    # The same bag again, on review or on save, is refused at its field
    for path in ("deposit-reviews", "deposits"):
        again = api.post(
            f"/customers/{bergen}/{path}", token=ola, body=slip(number), headers={"Idempotency-Key": str(uuid.uuid4())}
        )
        assert (again.status, again.body["error"]["details"][0]["field"]) == (422, "bag_number"), again.body
        assert again.body["error"]["details"][0]["code"] == "bag_number_registered"
    # Reversed from an outdated copy: refused; with a reason from the current one: kept, marked reversed
    reversal = f"/customers/{bergen}/deposits/{first['deposit_id']}/reversal"
    stale = api.post(reversal, token=ola, body={"reason": "Feil antall", "version": first["version"] + 1})
    assert (stale.status, stale.error_code) == (409, "version_mismatch")
    reversed_ = api.post(reversal, token=ola, body={"reason": "Feil antall 500-lapper", "version": first["version"]})
    assert reversed_.status == 200, reversed_.body
    assert (reversed_.body["status"], reversed_.body["reversal"]["reason"]) == ("reversed", "Feil antall 500-lapper")
    twice = api.post(reversal, token=ola, body={"reason": "Igjen", "version": reversed_.body["version"]})
    assert (twice.status, twice.error_code) == (409, "deposit_status_conflict")
    # The bag is free for the corrected slip; both stay in the history
    corrected = register(api, ola, bergen, slip(number, lines=[{"denomination": "note-500", "pieces": 4}]))
    assert corrected.status == 201, corrected.body
    listed = api.get(f"/customers/{bergen}/deposits", token=ola, query={"limit": 100}).body["items"]
    assert [(found["status"], found["total"]) for found in listed if found["bag_number"] == number] == [
        ("registered", 200000 + 125050 + 39900),
        ("reversed", first["total"]),
    ]


def test_two_registrations_of_one_bag_at_once_save_exactly_one(api: ApiClient, bergen: str) -> None:
    ola = api.login(OLA)
    number = bag()
    with ThreadPoolExecutor(max_workers=4) as pool:
        answers = list(pool.map(lambda _: register(api, ola, bergen, slip(number)), range(4)))
    statuses = sorted(answer.status for answer in answers)
    assert statuses.count(201) == 1, [answer.body for answer in answers]
    assert all(status in {409, 422} for status in statuses if status != 201)


def test_the_cash_centre_counts_a_bag_and_the_customer_gets_the_difference(
    api: ApiClient, runtime: Runtime, bergen: str
) -> None:
    ola, admin = api.login(OLA), api.login("admin")
    number = bag()
    deposit = register(api, ola, bergen, slip(number)).body
    counting = f"/customers/{bergen}/deposits/{deposit['deposit_id']}/counting"
    body = {
        # one 500 note fewer than declared, and a 100 note not declared
        "lines": [
            {"denomination": "note-500", "pieces": 2},
            {"denomination": "coin-20", "pieces": 2},
            {"denomination": "note-100", "pieces": 1},
        ],
        "cheques": 125050,
        "fallbacks": 39900,
        "version": deposit["version"],
    }
    # The registrar does not count; staff who may change the customer do
    assert api.call("PUT", counting, token=ola, body=body).status == 403
    counted = api.call("PUT", counting, token=admin, body=body)
    assert counted.status == 200, counted.body
    result = counted.body["counting"]
    assert counted.body["status"] == "counted"
    assert [
        (line["denomination"], line["declared"], line["counted"], line["difference"]) for line in result["lines"]
    ] == [
        ("note-500", 150000, 100000, -50000),
        ("note-100", 0, 10000, 10000),
        ("coin-20", 4000, 4000, 0),
    ]
    assert (result["total"], result["difference"]) == (deposit["total"] - 40000, -40000)
    again = api.call("PUT", counting, token=admin, body={**body, "version": counted.body["version"]})
    assert (again.status, again.error_code) == (409, "deposit_status_conflict")
    reversal = api.post(
        f"/customers/{bergen}/deposits/{deposit['deposit_id']}/reversal",
        token=ola,
        body={"reason": "For sent", "version": counted.body["version"]},
    )
    assert (reversal.status, reversal.error_code) == (409, "deposit_status_conflict")
    # Ola, who registered the slip, hears of the difference with a link to the counting receipt
    runtime.streams.drain()
    notices = [message for message in mailbox.messages_to(OLA) if number in message["subject"]]
    assert len(notices) == 1
    assert "-400.00 NOK" in notices[0]["body"]
    assert f"/#/deposits/{bergen}/{deposit['deposit_id']}/counting-receipt" in notices[0]["body"]


def test_deposits_are_for_the_customers_registrars_and_the_staff_who_see_it(
    api: ApiClient, bergen: str, demo: DemoData
) -> None:
    ola = api.login(OLA)
    deposit = register(api, ola, bergen, slip(bag())).body
    one = f"/customers/{bergen}/deposits/{deposit['deposit_id']}"
    # Kari administers the group's users and approves orders, but registers no deposits
    kari = api.login("kari.nordmann@nordlys.no")
    assert api.get(f"/customers/{bergen}/deposits", token=kari).status == 403
    assert api.post(f"/customers/{bergen}/deposit-reviews", token=kari, body=slip(bag())).status == 403
    # Another tenant's login does not learn that the customer or the deposit exists
    faktura = api.login("faktura-20000")
    assert api.get(one, token=faktura).status == 404
    assert api.get(f"/customers/{bergen}/deposits/01JNOSUCHDEPOSIT0000000000", token=ola).status == 404
    assert api.get(f"/customers/{bergen}/deposits/not-an-id", token=ola).status == 404
    # Staff who see the customer read its deposits, and do not register them
    admin = api.login("admin")
    assert api.get(one, token=admin).status == 200
    assert register(api, admin, bergen, slip(bag())).status == 403


def search(api: ApiClient, token: str, customer_id: str, **query: Any) -> Any:
    return api.get(f"/customers/{customer_id}/deposit-history", token=token, query={"limit": 100, **query})


def test_the_history_finds_slips_by_date_status_department_and_bag_reading_only_what_it_returns(
    api: ApiClient, bergen: str, demo: DemoData
) -> None:
    from portal import histories
    from portal.store import Table

    ola, admin = api.login(OLA), api.login("admin")
    shop = demo.department_ids["bergen-shop"]
    today = local_today()
    made = {}
    for name, days_ago, department in (("today", 0, shop), ("last_week", 8, None), ("long_ago", 45, shop)):
        body = slip(bag(), deposit_date=(today - timedelta(days=days_ago)).isoformat())
        if department:
            body["department_id"] = department
        made[name] = register(api, ola, bergen, body).body
    counted = api.call(
        "PUT",
        f"/customers/{bergen}/deposits/{made['today']['deposit_id']}/counting",
        token=admin,
        body={"lines": [{"denomination": "note-500", "pieces": 3}], "version": 1},
    )
    assert counted.status == 200, counted.body

    def bags(**query: Any) -> list[str]:
        answer = search(api, ola, bergen, **query)
        assert answer.status == 200, answer.body
        return [row["bag_number"] for row in answer.body["items"]]

    ours = {deposit["bag_number"] for deposit in made.values()}
    # Without dates: the last 30 days, newest first
    assert [found for found in bags() if found in ours] == [
        made["today"]["bag_number"],
        made["last_week"]["bag_number"],
    ]
    # By status and department, alone and together
    assert made["today"]["bag_number"] in bags(status="counted")
    assert made["last_week"]["bag_number"] not in bags(status="counted")
    assert made["last_week"]["bag_number"] in bags(status="registered")
    assert [found for found in bags(department_id=shop) if found in ours] == [made["today"]["bag_number"]]
    assert made["today"]["bag_number"] in bags(department_id=shop, status="counted")
    assert made["today"]["bag_number"] not in bags(department_id=shop, status="registered")
    # A date range reaches further back
    since = (today - timedelta(days=60)).isoformat()
    assert made["long_ago"]["bag_number"] in bags(date_from=since)
    # One bag's slips, whatever their date, as typed from the bag
    long_ago = made["long_ago"]["bag_number"]
    assert bags(bag_number=f"{long_ago[:6]}-{long_ago[6:]}") == [long_ago]
    row = search(api, ola, bergen, bag_number=made["today"]["bag_number"]).body["items"][0]
    assert (row["status"], row["counted"], row["difference"]) == ("counted", 150000, 150000 - made["today"]["total"])
    # More than 92 days is refused, pointing to reports; so are dates the wrong way round
    too_long = search(api, ola, bergen, date_from=(today - timedelta(days=92)).isoformat())
    assert (too_long.status, too_long.error_code) == (422, "date_range_too_long")
    assert too_long.body["error"]["details"][0]["allowed"] == {"max_days": 92, "days": 93}
    assert "report" in too_long.body["error"]["message"]
    backwards = search(api, ola, bergen, date_from=today.isoformat(), date_to=(today - timedelta(days=1)).isoformat())
    assert (backwards.status, backwards.error_code) == (422, "invalid_date_range")
    # Every search reads only the rows it returns: the partition of its filters, between its dates
    for chosen in ({}, {"status": "counted"}, {"department": shop}, {"department": shop, "status": "registered"}):
        page = Table().query(
            pk=histories.partition("DEPOSIT", bergen, chosen),
            sk_between=histories.sort_key_range(today - timedelta(days=91), today),
            ascending=False,
            limit=100,
            principal="test",
        )
        assert page.items_read == len(page.items), chosen
    # Another tenant's login learns nothing
    assert search(api, api.login("faktura-20000"), bergen).status == 404
