"""Background jobs (reports, printouts, documents) and workflow executions (Smartmail): queued through the outbox
with the change that asks for them, so a job or an execution exists if, and only if, its change committed; the
outbox puts a job on its SQS queue and starts an execution."""

from __future__ import annotations

import json
from decimal import Decimal
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, Protocol

from pydantic import BaseModel, field_validator

if TYPE_CHECKING:
    from mypy_boto3_sqs.client import SQSClient


class Job(BaseModel):
    queue: Literal["reports", "printouts", "documents", "copies", "webhooks"]
    body: dict[str, Any]


class JobQueues(Protocol):
    def send(self, job: Job) -> None: ...


class WorkflowStart(BaseModel):
    """An execution of a state machine, started once the change that asks for it committed. `name` is the business
    id of the work: starting it twice is one execution."""

    state_machine: Literal["smartmail"]
    name: str
    input: dict[str, Any]

    @field_validator("input", mode="after")
    @classmethod
    def _plain_numbers(cls, value: dict[str, Any]) -> dict[str, Any]:
        """Read back from DynamoDB, numbers are Decimals: whole ones go out as numbers (timeouts), others as text."""
        return _plain(value)  # type: ignore[no-any-return]


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {name: _plain(inner) for name, inner in value.items()}
    if isinstance(value, list):
        return [_plain(inner) for inner in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else str(value)
    return value


class WorkflowStarter(Protocol):
    def start(self, start: WorkflowStart) -> None: ...


class StepFunctionsStarter:
    def __init__(self, arns: dict[str, str]) -> None:
        self.arns = arns

    def start(self, start: WorkflowStart) -> None:
        from portal.workflows import StepFunctionsWorkflows

        arn = self.arns.get(start.state_machine)
        if not arn:
            raise RuntimeError(f"No state machine is configured for {start.state_machine}")
        StepFunctionsWorkflows().start(arn, name=start.name, payload=start.input)


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
