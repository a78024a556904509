"""Invoices (INV-1) through the API: the vendor's billing (staff) registers a customer's invoices; the customer's
invoice readers, and only they among its users, find them by number, date range and status; staff register payments
and credit notes, never more than is outstanding; the daily schedule, with the clock frozen, moves exactly the
invoices that fell due to overdue and tells the invoice readers."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

import pytest

from infrastructure.local import mailbox
from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from tests.support import ApiClient

READER = "faktura-20000"  # the bakery's invoice-customer login: invoice reader there
READER_EMAIL = "faktura@fjellbakeriet.no"
OLA = "ola.hansen@nordlys-bergen.no"


def register(api: ApiClient, admin: str, customer_id: str, **fields: Any) -> dict[str, Any]:
    body = {
        "number": f"2021-{uuid.uuid4().int % 10**6:06d}",
        "invoice_date": "2021-05-01",
        "due_date": "2021-05-21",
        "total_minor": 1500_00,
        "currency": "NOK",
        **fields,
    }
    made = api.post(
        f"/customers/{customer_id}/invoices", token=admin, body=body, headers={"Idempotency-Key": str(uuid.uuid4())}
    )
    assert made.status == 201, made.body
    return dict(made.body)


@pytest.fixture
def bakery(demo: DemoData) -> str:
    return demo.customer_ids["bakery"]


def test_invoice_readers_find_invoices_by_number_dates_and_status(api: ApiClient, bakery: str, demo: DemoData) -> None:
    admin, reader = api.login("admin"), api.login(READER)
    early = register(api, admin, bakery, invoice_date="2021-01-15", due_date="2021-02-04")
    late = register(
        api, admin, bakery, invoice_date="2021-03-15", due_date="2021-04-04", payer="Fjellbakeriet Storgata"
    )
    assert (early["payer"], early["status"], early["outstanding_minor"]) == ("Fjellbakeriet AS", "overdue", 1500_00)

    def found(**query: str) -> list[str]:
        page = api.get(f"/customers/{bakery}/invoices", token=reader, query={"limit": "100", **query})
        assert page.status == 200, page.body
        return [item["invoice_id"] for item in page.body["items"]]

    assert found(number=early["number"]) == [early["invoice_id"]]
    assert found(number=early["number"].lower()) == [early["invoice_id"]]
    assert found(date_from="2021-03-01", date_to="2021-03-31") == [late["invoice_id"]]
    in_both = found(date_from="2021-01-01", date_to="2021-03-31")
    assert in_both.index(late["invoice_id"]) < in_both.index(early["invoice_id"])  # newest first
    assert early["invoice_id"] in found(status="overdue")
    assert early["invoice_id"] not in found(status="paid")
    ola = api.login(OLA)  # Bergen's orderer: sees Bergen, without the invoice reader role there
    refused = api.get(f"/customers/{demo.customer_ids['bergen']}/invoices", token=ola)
    assert (refused.status, refused.error_code) == (403, "missing_role")
    assert api.get(f"/customers/{bakery}/invoices", token=ola).status == 404  # another tenant's: as unknown
    taken = api.post(
        f"/customers/{bakery}/invoices",
        token=admin,
        body={"number": early["number"], "invoice_date": "2021-01-15", "due_date": "2021-02-04"}
        | {"total_minor": 100, "currency": "NOK"},
    )
    assert (taken.status, taken.error_code) == (409, "invoice_number_taken")
    assert api.post(f"/customers/{bakery}/invoices", token=reader, body={}).status in {403, 422}


def test_payments_and_credit_notes_take_from_what_is_outstanding_and_never_more(api: ApiClient, bakery: str) -> None:
    admin = api.login("admin")
    invoice = register(api, admin, bakery, total_minor=3000_00)
    path = f"/customers/{bakery}/invoices/{invoice['invoice_id']}"
    paid = api.post(
        f"{path}/payments", token=admin, body={"version": 1, "amount_minor": 1000_00, "paid_on": "2021-05-10"}
    )
    assert paid.status == 200, paid.body
    assert (paid.body["outstanding_minor"], paid.body["paid_minor"], paid.body["status"]) == (
        2000_00,
        1000_00,
        "overdue",
    )
    too_much = api.post(
        f"{path}/payments", token=admin, body={"version": 2, "amount_minor": 2000_01, "paid_on": "2021-05-11"}
    )
    assert (too_much.status, too_much.error_code) == (422, "amount_exceeds_outstanding")
    credit_number = f"K-{uuid.uuid4().int % 10**6}"
    credited = api.post(
        f"{path}/credit-notes",
        token=admin,
        body={"version": 2, "number": credit_number, "amount_minor": 2000_00, "issued_on": "2021-05-12"},
    )
    assert credited.status == 200, credited.body
    assert (credited.body["outstanding_minor"], credited.body["status"]) == (0, "paid")
    assert [entry["kind"] for entry in credited.body["entries"]] == ["payment", "credit_note"]
    stale = api.post(f"{path}/payments", token=admin, body={"version": 2, "amount_minor": 1, "paid_on": "2021-05-13"})
    assert stale.status == 409
    reader = api.get(path, token=api.login(READER)).body
    assert (reader["outstanding_minor"], reader["may_register"]) == (0, False)
    refused = api.post(
        f"{path}/payments", token=api.login(READER), body={"version": 3, "amount_minor": 1, "paid_on": "2021-05-13"}
    )
    assert refused.status == 403


def test_the_daily_schedule_moves_what_fell_due_once_and_tells_the_invoice_readers(
    api: ApiClient, runtime: Runtime, bakery: str
) -> None:
    from portal.access import CustomerRole
    from portal.auth.repository import DynamoAuthRepository
    from portal.invoices.repository import DynamoInvoiceRepository
    from portal.invoices.service import InvoiceService
    from portal.orders import recipients
    from portal.wiring import customer_repository

    admin = api.login("admin")
    # Registered "today" (a later day than their due dates would make them overdue at once): they are unpaid
    due_before = register(api, admin, bakery, invoice_date="2031-01-02", due_date="2031-01-09")
    due_on_the_day = register(api, admin, bakery, invoice_date="2031-01-02", due_date="2031-01-10")
    assert {due_before["status"], due_on_the_day["status"]} == {"unpaid"}
    users = DynamoAuthRepository()
    schedule = InvoiceService(
        invoices=DynamoInvoiceRepository(),
        customers=customer_repository(),
        invoice_readers=lambda customer: recipients.role_holders(users, customer, CustomerRole.INVOICE_READER),
        portal_url="http://localhost:8000",
        clock=lambda: datetime(2031, 1, 10, 5, 0, tzinfo=UTC),  # 06:00 in Oslo, when the schedule runs
    )
    runtime.streams.drain()
    already = len(mailbox.messages_to(READER_EMAIL))
    assert schedule.mark_overdue() >= 1
    assert schedule.mark_overdue() == 0  # a second run finds nothing: the moved ones left the index
    reader = api.login(READER)
    status = {
        invoice["invoice_id"]: api.get(f"/customers/{bakery}/invoices/{invoice['invoice_id']}", token=reader).body[
            "status"
        ]
        for invoice in (due_before, due_on_the_day)
    }
    assert status == {due_before["invoice_id"]: "overdue", due_on_the_day["invoice_id"]: "unpaid"}
    runtime.streams.drain()
    received = mailbox.messages_to(READER_EMAIL)  # newest first
    told = received[: len(received) - already]
    assert any(due_before["number"] in message["subject"] for message in told)
    assert not any(due_on_the_day["number"] in message["subject"] for message in told)
    body = next(m["body"] for m in told if due_before["number"] in m["subject"])
    assert "1 500,00 NOK" in body.replace("\xa0", " ")


def test_the_schedule_runs_as_a_function_the_template_schedules(runtime: Runtime) -> None:
    assert "MarkOverdueInvoicesFunction" in runtime.backend.template.schedules
    result = runtime.run_schedule("MarkOverdueInvoicesFunction")
    assert set(result) == {"moved"}
    assert isinstance(result["moved"], int)
    # and as `make run` offers it, by hand
    from werkzeug.test import Client

    client = Client(runtime.gateway)
    listed = client.get("/dev/schedules")
    assert listed.status_code == 200
    assert "MarkOverdueInvoicesFunction" in listed.get_json()
    ran = client.post("/dev/schedules/MarkOverdueInvoicesFunction")
    assert (ran.status_code, set(ran.get_json()["result"])) == (200, {"moved"})
    assert client.post("/dev/schedules/NoSuchFunction").status_code == 404


def test_the_invoice_pdf_is_made_once_in_the_background_for_its_readers(
    api: ApiClient, runtime: Runtime, bakery: str, demo: DemoData
) -> None:
    from tests.integration.test_printouts import ask, made, text_of

    admin, reader = api.login("admin"), api.login(READER)
    invoice = register(api, admin, bakery, total_minor=2_345_67)
    path = f"/customers/{bakery}/invoices/{invoice['invoice_id']}"
    paid = api.post(
        f"{path}/payments", token=admin, body={"version": 1, "amount_minor": 345_67, "paid_on": "2021-05-10"}
    )
    assert paid.status == 200, paid.body
    asked = ask(api, reader, bakery, "invoice", invoice["invoice_id"])
    assert asked.status in {200, 201, 202}, asked.body
    printout = made(api, runtime, reader, bakery, asked.body["printout_id"])
    text = text_of(printout)
    for expected in (
        f"Faktura {invoice['number']}",
        "Fjellbakeriet AS",
        "2 345,67",
        "2 000,00",
        "Forfalt",
        "Innbetaling",
    ):
        assert expected in text, expected
    again = ask(api, reader, bakery, "invoice", invoice["invoice_id"])
    assert again.body["printout_id"] == printout["printout_id"]  # the same version: the file made before
    assert ask(api, api.login(OLA), demo.customer_ids["bergen"], "invoice", invoice["invoice_id"]).status in {403, 404}
    assert ask(api, api.login(OLA), bakery, "invoice", invoice["invoice_id"]).status == 404


def test_a_pdf_asked_for_before_a_payment_is_never_filed_with_the_newer_figures(
    api: ApiClient, runtime: Runtime, bakery: str
) -> None:
    from tests.integration.test_printouts import ask, made, text_of

    admin, reader = api.login("admin"), api.login(READER)
    invoice = register(api, admin, bakery, total_minor=800_00)
    runtime.streams.drain()
    asked = ask(api, reader, bakery, "invoice", invoice["invoice_id"]).body  # version 1, not made yet
    path = f"/customers/{bakery}/invoices/{invoice['invoice_id']}/payments"
    assert (
        api.post(path, token=admin, body={"version": 1, "amount_minor": 300_00, "paid_on": "2021-05-10"}).status == 200
    )
    outdated = made(api, runtime, reader, bakery, asked["printout_id"])
    assert (outdated["status"], outdated["download_url"]) == ("failed", None)
    fresh = made(
        api, runtime, reader, bakery, ask(api, reader, bakery, "invoice", invoice["invoice_id"]).body["printout_id"]
    )
    assert "500,00" in text_of(fresh)
