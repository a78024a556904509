"""The edge of the vendor's network: documents for recipients outside it leave through here, and print copies for
the postal channel.

On AWS an access point (Peppol, AS4) and the banks' e-invoice exchange read the outbox prefix of the documents
bucket and acknowledge each document they take; that integration is the operator's and not part of this
repository. Locally nothing reads it but the tests, which find each hand-over there as the file sent.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from portal.documents.models import Channel, Document

if TYPE_CHECKING:
    from mypy_boto3_sqs.client import SQSClient


class Files(Protocol):
    def put(self, key: str, content: bytes, content_type: str) -> None: ...


class S3NetworkOutbox:
    def __init__(self, files: Files) -> None:
        self.files = files

    def hand_over(self, channel: Channel, document: Document, content: bytes) -> None:
        self.files.put(outbox_key(channel, document), content, "application/xml")


def outbox_key(channel: Channel, document: Document) -> str:
    return f"network-outbox/{channel.value}/{document.customer_id}/{document.document_id}.xml"


class S3PrintOutbox:
    """The postal channel's local adapter, and the hand-over point on AWS: the print copy and its job (where to
    post it) under print-outbox/, which the print service takes from."""

    def __init__(self, files: Files) -> None:
        self.files = files

    def hand_over(self, document: Document, pdf: bytes) -> None:
        from portal.documents.content import DocumentType

        content = document.content
        recipient = content.seller if content.document_type is DocumentType.ORDER else content.buyer
        job = {
            "document_id": document.document_id,
            "customer_id": document.customer_id,
            "recipient": recipient.name,
            "address": recipient.address.model_dump(),
            "pages_file": print_key(document, "pdf"),
        }
        self.files.put(print_key(document, "pdf"), pdf, "application/pdf")
        self.files.put(print_key(document, "json"), json.dumps(job).encode(), "application/json")


def print_key(document: Document, extension: str) -> str:
    return f"print-outbox/{document.customer_id}/{document.document_id}-v{document.current_file.number}.{extension}"


class SqsPrintQueues:
    """The print queue's dead letters, read and redriven by staff (DOC-7)."""

    def __init__(self, queue_url: str, dead_letter_url: str) -> None:
        self.queue_url = queue_url
        self.dead_letter_url = dead_letter_url

    def dead_letters(self) -> list[tuple[str, str, datetime]]:
        """Every dead letter, looked at without taking it: each is visible again at once."""
        found: dict[str, tuple[str, str, datetime]] = {}
        for message in self._receive(visibility=0):
            body = json.loads(message["Body"])
            sent = datetime.fromtimestamp(int(message["Attributes"]["SentTimestamp"]) / 1000, UTC)
            found[message["MessageId"]] = (body["customer_id"], body["document_id"], sent)
        return sorted(found.values(), key=lambda job: job[2])

    def redrive(self) -> int:
        moved = 0
        sqs = _sqs()
        for message in self._receive(visibility=60):
            sqs.send_message(QueueUrl=self.queue_url, MessageBody=message["Body"])
            sqs.delete_message(QueueUrl=self.dead_letter_url, ReceiptHandle=message["ReceiptHandle"])
            moved += 1
        return moved

    def _receive(self, *, visibility: int) -> list[dict[str, Any]]:
        received: list[dict[str, Any]] = []
        for _ in range(10):  # at most 100 at a time: a dead-letter queue of print jobs is short, or on fire
            batch = (
                _sqs()
                .receive_message(
                    QueueUrl=self.dead_letter_url,
                    MaxNumberOfMessages=10,
                    VisibilityTimeout=visibility,
                    AttributeNames=["SentTimestamp"],
                )
                .get("Messages", [])
            )
            if not batch:
                break
            received.extend(dict(message) for message in batch)
        return received


@cache
def _sqs() -> SQSClient:
    import boto3

    return boto3.client("sqs")
