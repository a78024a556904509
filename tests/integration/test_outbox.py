"""The transactional outbox (NOT-1): e-mails are written with the change that causes them, delivered from the
table's stream, retried, dead-lettered and shown to staff when SES keeps refusing, and never dropped."""

from __future__ import annotations

import json
import uuid

import boto3
import pytest

from infrastructure.local.runtime import Runtime
from infrastructure.local.streams import matches
from portal.clock import now
from portal.errors import Conflict
from portal.notifications.events import DomainEvent
from portal.notifications.repository import enqueue
from portal.store import Table, Transaction
from tests.outbox import (
    create_login,
    dead_letters,
    listening_to_events,
    outbox_items_to,
    received_events,
    refusing_ses,
    sent_to,
)
from tests.support import ApiClient


def test_an_email_is_written_with_its_change_and_delivered_from_the_stream(runtime: Runtime, api: ApiClient) -> None:
    # Given a new login: its code list was written in the same transaction as the user
    address = f"outbox-{uuid.uuid4().hex[:8]}@example.no"
    create_login(address)
    waiting = outbox_items_to(address)
    assert [item["email"]["kind"] for item in waiting] == ["SecurityCodesReport"]
    assert [item["status"] for item in waiting] == ["pending"]
    assert sent_to(address) == []
    # When the stream is delivered
    runtime.streams.drain()
    # Then SES sent it, and the stored copy no longer holds the codes
    assert sent_to(address) == ["Kundeportal: SecurityCodesReport"]
    (delivered,) = outbox_items_to(address)
    assert (delivered["status"], delivered["email"]["body"]) == ("delivered", "")
    assert int(delivered["expires_at"]) > 0
    # And delivering again sends nothing twice
    runtime.streams.drain()
    assert len(sent_to(address)) == 1


def test_a_change_that_fails_sends_nothing(runtime: Runtime, api: ApiClient) -> None:
    address = f"outbox-{uuid.uuid4().hex[:8]}@example.no"
    create_login(address)
    runtime.streams.drain()
    with pytest.raises(Conflict):
        create_login(address)  # the username is taken: the transaction, and its e-mails, are refused whole
    runtime.streams.drain()
    assert len(sent_to(address)) == 1
    assert len(outbox_items_to(address)) == 1


def test_a_refused_email_is_retried_dead_lettered_shown_to_staff_and_sent_after_a_retry(
    runtime: Runtime, api: ApiClient
) -> None:
    # Logged in first: a login can use up a code list, and its new list must not be the e-mail SES refuses
    admin, selger = api.login("admin"), api.login("selger")
    # Given SES refuses to send, and a change that e-mails
    address = f"outbox-{uuid.uuid4().hex[:8]}@example.no"
    with refusing_ses(runtime):
        create_login(address)
        # When the stream delivers: every retry fails
        runtime.streams.drain()
    assert sent_to(address) == []
    items = outbox_items_to(address)
    assert {item["status"] for item in items} == {"failed"}
    retries = 5  # MaximumRetryAttempts in template.yaml
    assert {int(item["attempts"]) for item in items} == {1 + retries}
    assert all("MessageRejected" in str(item["last_error"]) for item in items)
    # Then Lambda's on-failure record reaches the dead-letter queue, and the e-mails are kept, not dropped
    letters = dead_letters(runtime)
    assert len(letters) == 1
    assert {letter["requestContext"]["condition"] for letter in letters} == {"RetryAttemptsExhausted"}
    # And an administrator sees them, without their contents
    failed = api.get("/deliveries/failed", token=admin)
    assert failed.status == 200
    mine = [item for item in failed.body["items"] if item["to"] == [address]]
    assert [item["kind"] for item in mine] == ["SecurityCodesReport"]
    assert all("body" not in item for item in mine)
    # And an account manager does not
    assert api.get("/deliveries/failed", token=selger).status == 403


def test_an_event_is_written_with_its_change_and_published_on_the_portals_bus(runtime: Runtime, api: ApiClient) -> None:
    runtime.streams.drain()
    with listening_to_events(runtime) as crm:
        # Given a change that writes an event for the vendor's CRM in its transaction
        marker = uuid.uuid4().hex
        event = DomainEvent(detail_type="OutboxTest", detail={"marker": marker, "amount": 12_345})
        transaction = Transaction()
        enqueue(transaction, [event], at=now())
        Table().transact(transaction)
        assert received_events(crm) == []
        # When the stream is delivered
        runtime.streams.drain()
        # Then the event reached the bus once, with its type and facts, and is recorded as delivered
        (published,) = received_events(crm)
        assert (published["source"], published["detail-type"], published["detail"]) == (
            "kundeportal",
            "OutboxTest",
            {"marker": marker, "amount": 12_345},
        )
        runtime.streams.drain()
        assert received_events(crm) == []


def test_an_event_the_bus_refuses_is_kept_shown_to_staff_and_published_after_a_retry(
    runtime: Runtime, api: ApiClient
) -> None:
    runtime.streams.drain()
    dead_letters(runtime)
    bus = runtime.backend.names.refs["PortalEventBus"]
    events = boto3.client("events")
    marker = uuid.uuid4().hex
    # Given the bus is gone while an event is delivered: every retry fails, and it is dead-lettered, not dropped
    events.delete_event_bus(Name=bus)
    try:
        transaction = Transaction()
        enqueue(transaction, [DomainEvent(detail_type="OutboxRefused", detail={"marker": marker})], at=now())
        Table().transact(transaction)
        runtime.streams.drain()
    finally:
        events.create_event_bus(Name=bus)
    assert len(dead_letters(runtime)) == 1
    admin = api.login("admin")
    failed = [
        item for item in api.get("/deliveries/failed", token=admin).body["items"] if item["kind"] == "OutboxRefused"
    ]
    assert [(item["channel"], item["to"], item["status"]) for item in failed][-1:] == [
        ("event", ["EventBridge"], "failed")
    ]
    # When an administrator retries it, the event is published
    with listening_to_events(runtime) as crm:
        assert api.post(f"/deliveries/{failed[-1]['delivery_id']}/retry", token=admin).status == 202
        runtime.streams.drain()
        assert [event["detail"] for event in received_events(crm)] == [{"marker": marker}]


@pytest.fixture
def failed_welcome(runtime: Runtime) -> str:
    """A new login whose code list SES refused, every retry; SES accepts again afterwards."""
    address = f"outbox-{uuid.uuid4().hex[:8]}@example.no"
    with refusing_ses(runtime):
        create_login(address)
        runtime.streams.drain()
    return address


def test_staff_retry_a_failed_delivery_once(runtime: Runtime, api: ApiClient, failed_welcome: str) -> None:
    address = failed_welcome
    admin = api.login("admin")
    failed = [item for item in api.get("/deliveries/failed", token=admin).body["items"] if item["to"] == [address]]
    assert len(failed) == 1
    # When an administrator retries one
    retried = api.post(f"/deliveries/{failed[0]['delivery_id']}/retry", token=admin)
    assert retried.status == 202
    assert retried.body["delivery_id"] != failed[0]["delivery_id"]
    runtime.streams.drain()
    # Then it is sent, leaves the failed list, and a second retry of the same failure is refused
    assert sent_to(address) == [f"Kundeportal: {failed[0]['kind']}"]
    still_failed = [
        item for item in api.get("/deliveries/failed", token=admin).body["items"] if item["to"] == [address]
    ]
    assert still_failed == []
    again = api.post(f"/deliveries/{failed[0]['delivery_id']}/retry", token=admin)
    assert (again.status, again.error_code) == (409, "conflict")
    unknown = api.post("/deliveries/01JNOSUCHDELIVERY000000000/retry", token=admin)
    assert unknown.status == 404


@pytest.mark.parametrize(
    ("record", "wanted"),
    [
        ({"eventName": "INSERT", "dynamodb": {"NewImage": {"type": {"S": "outbox"}}}}, True),
        ({"eventName": "MODIFY", "dynamodb": {"NewImage": {"type": {"S": "outbox"}}}}, False),
        ({"eventName": "INSERT", "dynamodb": {"NewImage": {"type": {"S": "customer"}}}}, False),
        ({"eventName": "INSERT", "dynamodb": {"NewImage": {}}}, False),
    ],
)
def test_the_local_stream_applies_the_templates_filter(record: dict[str, object], wanted: bool) -> None:
    from infrastructure.local.template import load_template

    (source,) = load_template().stream_sources
    assert any(matches(json.loads(pattern), record) for pattern in source.filter_patterns) is wanted
