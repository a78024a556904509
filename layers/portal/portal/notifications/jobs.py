"""Background jobs (reports, printouts): queued through the outbox with the change that asks for them, so a job
exists if, and only if, its change committed; the outbox puts it on its SQS queue."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel

if TYPE_CHECKING:
    from mypy_boto3_sqs.client import SQSClient


class Job(BaseModel):
    queue: Literal["reports", "printouts", "documents"]
    body: dict[str, Any]


class JobQueues(Protocol):
    def send(self, job: Job) -> None: ...


@cache
def _client() -> SQSClient:
    import boto3

    return boto3.client("sqs")


class SqsJobQueues:
    def __init__(self, urls: dict[str, str]) -> None:
        self.urls = urls

    def send(self, job: Job) -> None:
        url = self.urls.get(job.queue)
        if not url:
            raise RuntimeError(f"No queue is configured for {job.queue} jobs")
        _client().send_message(QueueUrl=url, MessageBody=json.dumps(job.body))
