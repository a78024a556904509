"""The port to Step Functions: start an execution, resume a waiting task. Only the adapter touches boto3."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

from botocore.exceptions import ClientError

from portal.errors import Conflict

if TYPE_CHECKING:
    from mypy_boto3_stepfunctions.client import SFNClient


class Workflows(Protocol):
    def start(self, state_machine_arn: str, *, name: str, payload: dict[str, Any]) -> None: ...
    def resume(self, task_token: str, output: dict[str, Any]) -> None: ...
    def fail(self, task_token: str, *, error: str, cause: str) -> None: ...


@cache
def _client() -> SFNClient:
    import boto3

    return boto3.client("stepfunctions")


class StepFunctionsWorkflows:
    def start(self, state_machine_arn: str, *, name: str, payload: dict[str, Any]) -> None:
        try:
            _client().start_execution(stateMachineArn=state_machine_arn, name=name, input=json.dumps(payload))
        except ClientError as error:
            # The execution name is the business id: a retried start of the same work is not a second execution.
            if error.response.get("Error", {}).get("Code") != "ExecutionAlreadyExists":
                raise

    def resume(self, task_token: str, output: dict[str, Any]) -> None:
        try:
            _client().send_task_success(taskToken=task_token, output=json.dumps(output))
        except ClientError as error:
            raise _gone(error) from error

    def fail(self, task_token: str, *, error: str, cause: str) -> None:
        try:
            _client().send_task_failure(taskToken=task_token, error=error[:256], cause=cause[:32768])
        except ClientError as client_error:
            raise _gone(client_error) from client_error


def _gone(error: ClientError) -> Exception:
    if error.response.get("Error", {}).get("Code") in {"TaskTimedOut", "InvalidToken", "TaskDoesNotExist"}:
        return Conflict("The workflow is no longer waiting for this step", code="workflow_step_gone")
    return error
