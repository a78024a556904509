"""Helpers for tests of the transactional outbox: what SES sent, what waits, and SES refusing for a while."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3

from infrastructure.local import mailbox
from infrastructure.local.runtime import Runtime
from portal.store import deserialize
from tests.support import seeded_login, table_items


def sent_to(address: str) -> list[str]:
    """Subjects SES has sent to the address, oldest first, read without delivering what waits in the outbox."""
    return [str(message["subject"]) for message in reversed(mailbox.sent()) if address in message["to"]]


def outbox_items_to(address: str) -> list[dict[str, Any]]:
    """Every outbox item addressed to one recipient (a test may scan; the portal never does)."""
    items = table_items(
        FilterExpression="#t = :outbox",
        ExpressionAttributeNames={"#t": "type"},
        ExpressionAttributeValues={":outbox": {"S": "outbox"}},
    )
    return [item for item in map(deserialize, items) if address in item.get("email", {}).get("to", [])]


def create_login(address: str) -> None:
    """A seeded login: its code list is e-mailed with it (an invited user would get its invitation)."""
    seeded_login(address, "Outbox Test")


@contextmanager
def refusing_ses(runtime: Runtime) -> Iterator[None]:
    """SES refuses to send while the sender identity is unverified (what others wrote before is sent first)."""
    runtime.streams.drain()
    dead_letters(runtime)
    sender = runtime.backend.names.parameters["SesSenderAddress"]
    sesv2 = boto3.client("sesv2")
    sesv2.delete_email_identity(EmailIdentity=sender)
    try:
        yield
    finally:
        sesv2.create_email_identity(EmailIdentity=sender)


def dead_letters(runtime: Runtime) -> list[dict[str, Any]]:
    """Takes every message off the outbox's dead-letter queue."""
    sqs = boto3.client("sqs")
    queue_url = runtime.backend.names.refs["OutboxDeadLetterQueue"]
    letters = []
    while received := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        for message in received:
            letters.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return letters


@contextmanager
def listening_to_events(runtime: Runtime) -> Iterator[str]:
    """An SQS queue that a rule on the portal's bus fills with every event (as the vendor's CRM would subscribe)."""
    bus = runtime.backend.names.refs["PortalEventBus"]
    events, sqs = boto3.client("events"), boto3.client("sqs")
    name = f"crm-{uuid.uuid4().hex[:8]}"
    queue_url = sqs.create_queue(QueueName=name)["QueueUrl"]
    queue_arn = sqs.get_queue_attributes(QueueUrl=queue_url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
    events.put_rule(Name=name, EventBusName=bus, EventPattern=json.dumps({"source": ["kundeportal"]}))
    events.put_targets(Rule=name, EventBusName=bus, Targets=[{"Id": "crm", "Arn": queue_arn}])
    try:
        yield queue_url
    finally:
        events.remove_targets(Rule=name, EventBusName=bus, Ids=["crm"])
        events.delete_rule(Name=name, EventBusName=bus)
        sqs.delete_queue(QueueUrl=queue_url)


def received_events(queue_url: str) -> list[dict[str, Any]]:
    sqs = boto3.client("sqs")
    found = []
    while messages := sqs.receive_message(QueueUrl=queue_url, MaxNumberOfMessages=10).get("Messages", []):
        for message in messages:
            found.append(json.loads(message["Body"]))
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
    return found
