"""DynamoDB Streams event sources: delivers the table's stream records to the functions template.yaml subscribes,
with Lambda's rules for them (filter criteria, partial batch failures, retries, then the on-failure queue)."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import boto3

from infrastructure.local.backend import dynamodb_write_lock
from infrastructure.local.lambdas import Lambdas
from infrastructure.local.template import REGION, PhysicalNames, StreamSource, Template


def matches(pattern: Any, value: Any) -> bool:
    """Lambda's event filtering for the pattern forms the template uses: nested keys and lists of exact values."""
    if isinstance(pattern, dict):
        return isinstance(value, dict) and all(matches(inner, value.get(name)) for name, inner in pattern.items())
    if isinstance(pattern, list):
        if any(isinstance(option, dict) for option in pattern):
            raise NotImplementedError(f"Filter operators are not supported locally: {pattern}")
        return value in pattern
    raise ValueError(f"A filter pattern is an object of lists, not {pattern!r}")


@dataclass
class _Position:
    stream_arn: str
    last_sequence: dict[str, str] = field(default_factory=dict)


class StreamPoller:
    def __init__(self, template: Template, names: PhysicalNames, lambdas: Lambdas):
        self.sources = template.stream_sources
        self.names = names
        self.lambdas = lambdas
        self._positions: dict[int, _Position] = {}
        self._lock = threading.RLock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def deliver_once(self) -> int:
        """Reads every shard of every source once; returns how many stream records it went past."""
        with self._lock:
            return sum(self._deliver(index, source) for index, source in enumerate(self.sources))

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
                if self.deliver_once() == 0:
                    self._stop.wait(0.5)

        self._thread = threading.Thread(target=loop, name="dynamodb-stream-sources", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    # -- one source ----------------------------------------------------------------------------------------------

    def _deliver(self, index: int, source: StreamSource) -> int:
        streams = boto3.client("dynamodbstreams")
        stream_arn = self.names.attributes[(source.table, "StreamArn")]
        position = self._positions.get(index)
        if position is None or position.stream_arn != stream_arn:  # a reset backend has a new stream
            position = self._positions[index] = _Position(stream_arn)
        # A fresh iterator each time, from the last record handled: moto's iterators keep pointing at the table
        # state a failed transaction rolled back. Holding the write lock, no half-written transaction is read.
        with dynamodb_write_lock:
            shards = streams.describe_stream(StreamArn=stream_arn)["StreamDescription"].get("Shards", [])
            batches = [
                (shard["ShardId"], self._read(streams, stream_arn, shard["ShardId"], position)) for shard in shards
            ]
        handled = 0
        for shard_id, read in batches:
            wanted = [record for record in read if self._wanted(source, record)]
            for start in range(0, len(wanted), source.batch_size):
                self._invoke(source, stream_arn, shard_id, wanted[start : start + source.batch_size])
            if read:
                position.last_sequence[shard_id] = read[-1]["dynamodb"]["SequenceNumber"]
            handled += len(read)
        return handled

    @staticmethod
    def _read(streams: Any, stream_arn: str, shard_id: str, position: _Position) -> list[dict[str, Any]]:
        after = position.last_sequence.get(shard_id)
        where: dict[str, str] = (
            {"ShardIteratorType": "AFTER_SEQUENCE_NUMBER", "SequenceNumber": after}
            if after
            else {"ShardIteratorType": "TRIM_HORIZON"}
        )
        iterator = streams.get_shard_iterator(StreamArn=stream_arn, ShardId=shard_id, **where)["ShardIterator"]
        response = streams.get_records(ShardIterator=iterator, Limit=1000)
        return [{**_plain(record), "eventSourceARN": stream_arn} for record in response.get("Records", [])]

    @staticmethod
    def _wanted(source: StreamSource, record: dict[str, Any]) -> bool:
        patterns = [json.loads(pattern) for pattern in source.filter_patterns]
        return not patterns or any(matches(pattern, record) for pattern in patterns)

    def _invoke(self, source: StreamSource, stream_arn: str, shard_id: str, records: list[dict[str, Any]]) -> None:
        failed = self._failed(source, records)
        for record in failed:
            for _ in range(source.maximum_retry_attempts):
                if not self._failed(source, [record]):
                    break
            else:
                self._send_to_failure_destination(source, stream_arn, shard_id, record)

    def _failed(self, source: StreamSource, records: list[dict[str, Any]]) -> list[dict[str, Any]]:
        try:
            result: dict[str, Any] = self.lambdas.invoke(source.function, {"Records": records}) or {}
        except Exception:  # noqa: BLE001 - a function error fails the whole batch, as on Lambda
            return records
        failed = {failure["itemIdentifier"] for failure in result.get("batchItemFailures", [])}
        return [record for record in records if record["dynamodb"]["SequenceNumber"] in failed]

    def _send_to_failure_destination(
        self, source: StreamSource, stream_arn: str, shard_id: str, record: dict[str, Any]
    ) -> None:
        """What Lambda sends after the last retry: where the records are, not the records themselves."""
        if source.on_failure_queue is None:
            return
        sequence = record["dynamodb"]["SequenceNumber"]
        message = {
            "requestContext": {
                "condition": "RetryAttemptsExhausted",
                "functionArn": self.names.attributes[(source.function, "Arn")],
            },
            "DDBStreamBatchInfo": {
                "shardId": shard_id,
                "startSequenceNumber": sequence,
                "endSequenceNumber": sequence,
                "batchSize": 1,
                "streamArn": stream_arn,
                "approximateArrivalOfFirstRecord": datetime.now(UTC).isoformat(),
                "approximateArrivalOfLastRecord": datetime.now(UTC).isoformat(),
            },
            "timestamp": datetime.now(UTC).isoformat(),
            "version": "1.0",
        }
        queue_url = self.names.refs[source.on_failure_queue]
        boto3.client("sqs").send_message(QueueUrl=queue_url, MessageBody=json.dumps(message))


def _plain(record: dict[str, Any]) -> dict[str, Any]:
    """A stream record as Lambda passes it on: JSON types only (boto3 gives the creation time as a datetime)."""
    dynamodb = dict(record["dynamodb"])
    created = dynamodb.get("ApproximateCreationDateTime")
    if isinstance(created, datetime):
        dynamodb["ApproximateCreationDateTime"] = created.timestamp()
    return {**record, "awsRegion": record.get("awsRegion", REGION), "dynamodb": dynamodb}
