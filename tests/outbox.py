"""Helpers for tests of the transactional outbox: what SES sent, what waits, and SES refusing for a while."""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import boto3
from moto.ses.models import ses_backends

from infrastructure.local.runtime import Runtime
from infrastructure.local.template import ACCOUNT, REGION
from portal.store import Table, deserialize
from tests.support import seeded_login


def sent_to(address: str) -> list[str]:
    """Subjects SES has sent to the address, read without delivering what waits in the outbox."""
    return [
        message.subject
        for message in ses_backends[ACCOUNT][REGION].sent_messages
        if address in (getattr(message, "destinations", {}) or {}).get("ToAddresses", [])
    ]


def outbox_items_to(address: str) -> list[dict[str, Any]]:
    """Every outbox item addressed to one recipient (a test may scan; the portal never does)."""
    table = Table()
    items = table.client.scan(
        TableName=table.name,
        FilterExpression="#t = :outbox",
        ExpressionAttributeNames={"#t": "type"},
        ExpressionAttributeValues={":outbox": {"S": "outbox"}},
    )["Items"]
    return [item for item in map(deserialize, items) if address in item["email"]["to"]]


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
