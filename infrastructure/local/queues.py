"""SQS event sources: delivers queue messages to the functions template.yaml subscribes to them."""

from __future__ import annotations

import threading
from typing import Any

import boto3

from infrastructure.local.lambdas import Lambdas
from infrastructure.local.template import ACCOUNT, REGION, PhysicalNames, QueueSource, Template


class QueuePoller:
    def __init__(self, template: Template, names: PhysicalNames, lambdas: Lambdas):
        self.sources = template.queue_sources
        self.names = names
        self.lambdas = lambdas
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def deliver_once(self, *, wait_seconds: int = 0) -> int:
        """One receive per source; returns how many messages were handled successfully."""
        return sum(self._deliver(source, wait_seconds) for source in self.sources)

    def drain(self, *, rounds: int = 20) -> int:
        handled = 0
        for _ in range(rounds):
            delivered = self.deliver_once()
            handled += delivered
            if delivered == 0:
                break
        return handled

    def start(self) -> None:
        def loop() -> None:
            while not self._stop.is_set():
                if self.deliver_once(wait_seconds=1) == 0:
                    self._stop.wait(0.2)

        self._thread = threading.Thread(target=loop, name="sqs-event-sources", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _deliver(self, source: QueueSource, wait_seconds: int) -> int:
        sqs = boto3.client("sqs")
        queue_url = self.names.refs[source.queue]
        received = sqs.receive_message(
            QueueUrl=queue_url,
            MaxNumberOfMessages=min(source.batch_size, 10),
            WaitTimeSeconds=wait_seconds,
            AttributeNames=["All"],
            MessageAttributeNames=["All"],
        ).get("Messages", [])
        if not received:
            return 0
        queue_arn = self.names.attributes[(source.queue, "Arn")]
        event = {"Records": [_record(dict(message), queue_arn) for message in received]}
        try:
            result: dict[str, Any] = self.lambdas.invoke(source.function, event) or {}
        except Exception:  # noqa: BLE001 - as Lambda does: a function that raises fails its whole batch
            result = {"batchItemFailures": [{"itemIdentifier": message["MessageId"]} for message in received]}
        failed = {failure["itemIdentifier"] for failure in result.get("batchItemFailures", [])}
        done = [message for message in received if message["MessageId"] not in failed]
        for message in done:
            sqs.delete_message(QueueUrl=queue_url, ReceiptHandle=message["ReceiptHandle"])
        return len(done)


def _record(message: dict[str, Any], queue_arn: str) -> dict[str, Any]:
    return {
        "messageId": message["MessageId"],
        "receiptHandle": message["ReceiptHandle"],
        "body": message["Body"],
        "attributes": message.get("Attributes", {}),
        "messageAttributes": message.get("MessageAttributes", {}),
        "md5OfBody": message.get("MD5OfBody", ""),
        "eventSource": "aws:sqs",
        "eventSourceARN": queue_arn,
        "awsRegion": REGION,
        "accountId": ACCOUNT,
    }
