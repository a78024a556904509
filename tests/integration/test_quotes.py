"""Quotes (seed 003: "orders, fault reports and quotes are listed on the customer"): staff who may change a customer
make a quote; the customer's orderers and order approvers see it and accept or decline it once, before it expires
(a conditional write); its account managers are told."""

from __future__ import annotations

import uuid
from datetime import timedelta
from typing import Any

import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.support import ApiClient, local_today, username_email

OLA, KARI = "ola.hansen@nordlys-bergen.no", "kari.nordmann@nordlys.no"


def quote(**fields: Any) -> dict[str, Any]:
    body = {
        "title": f"Ny kompressor {uuid.uuid4().hex[:4]}",
        "currency": "NOK",
        "valid_until": (local_today() + timedelta(days=14)).isoformat(),
        "lines": [
            {"description": "Kompressor", "quantity": "1", "unit_price_minor": 1_250_000, "vat_rate": "25"},
            {"description": "Montering, timer", "quantity": "2.5", "unit_price_minor": 95_000, "vat_rate": "25"},
        ],
    }
    return {**body, **fields}


@pytest.fixture
def bergen(demo: DemoData) -> str:
    return demo.customer_ids["bergen"]


def test_staff_make_a_quote_that_the_customers_orderer_accepts_once_and_the_account_manager_hears_of(
    api: ApiClient, runtime: Runtime, bergen: str
) -> None:
    admin = api.login("admin")
    assert api.call("PUT", f"/customers/{bergen}/assignees/selger", token=admin).status == 200
    try:
        decided_by_ola_told_to_selger(api, runtime, bergen, admin)
    finally:  # Bergen is not the account manager's in the other tests
        assert api.call("DELETE", f"/customers/{bergen}/assignees/selger", token=admin).status == 200


def decided_by_ola_told_to_selger(api: ApiClient, runtime: Runtime, bergen: str, admin: str) -> None:
    made = api.post(f"/customers/{bergen}/quotes", token=admin, body=quote())
    assert made.status == 201, made.body
    offered = made.body
    assert (offered["amount_minor"], offered["vat_minor"]) == (1_250_000 + 237_500, 371_875)
    assert offered["total_minor"] == 1_487_500 + 371_875
    ola, kari = api.login(OLA), api.login(KARI)
    listed = api.get(f"/customers/{bergen}/quotes", token=ola).body["items"]
    assert offered["quote_id"] in [item["quote_id"] for item in listed]
    path = f"/customers/{bergen}/quotes/{offered['quote_id']}/decision"
    assert api.post(path, token=admin, body={"version": 1, "accept": True}).status == 403  # the customer decides
    accepted = api.post(path, token=ola, body={"version": 1, "accept": True})
    assert accepted.status == 200, accepted.body
    assert (accepted.body["status"], accepted.body["decided_by_name"]) == ("accepted", "Ola Hansen")
    twice = api.post(path, token=kari, body={"version": 2, "accept": False, "reason": "Nei"})
    assert (twice.status, twice.error_code) == (409, "quote_decided")
    runtime.streams.drain()
    told = [m for m in mailbox.messages_to(username_email("selger")) if f"tilbud {offered['number']}" in m["subject"]]
    assert told
    assert "akseptert" in told[0]["subject"]
    history = api.get(f"/customers/{bergen}/history", token=admin).body["items"]
    assert {"quote_created", "quote_accepted"} <= {entry["action"] for entry in history}


def test_a_quote_is_declined_with_a_reason_and_cannot_be_decided_after_its_last_day(
    api: ApiClient, bergen: str
) -> None:
    from portal.customers.repository import customer_pk
    from portal.quotes.repository import quote_sk
    from portal.store import Table

    admin, kari = api.login("admin"), api.login(KARI)
    past = api.post(f"/customers/{bergen}/quotes", token=admin, body=quote(valid_until="2020-01-01"))
    assert (past.status, past.error_code) == (422, "date_in_past")
    declined = api.post(f"/customers/{bergen}/quotes", token=admin, body=quote()).body
    path = f"/customers/{bergen}/quotes/{declined['quote_id']}/decision"
    no_reason_needed = api.post(path, token=kari, body={"version": 1, "accept": True, "reason": "x"})
    assert no_reason_needed.status == 422
    answer = api.post(path, token=kari, body={"version": 1, "accept": False, "reason": "For dyrt i år"})
    assert (answer.body["status"], answer.body["reason"]) == ("declined", "For dyrt i år")

    late = api.post(f"/customers/{bergen}/quotes", token=admin, body=quote(valid_until=local_today().isoformat())).body
    yesterday = (local_today() - timedelta(days=1)).isoformat()  # as if its last day had passed
    Table().update(
        customer_pk(bergen), quote_sk(late["quote_id"]), expression="SET valid_until = :d", values={":d": yesterday}
    )
    shown = {
        item["quote_id"]: item["status"] for item in api.get(f"/customers/{bergen}/quotes", token=kari).body["items"]
    }
    assert shown[late["quote_id"]] == "expired"
    expired = api.post(
        f"/customers/{bergen}/quotes/{late['quote_id']}/decision", token=kari, body={"version": 1, "accept": True}
    )
    assert (expired.status, expired.error_code) == (409, "quote_expired")
    assert api.get(f"/customers/{bergen}/quotes", token=api.login("faktura-20000")).status == 404
    assert api.post(f"/customers/{bergen}/quotes", token=api.login("selger"), body=quote()).status == 403
