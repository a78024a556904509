"""The SQS adapter of `ResetRequests`: requests a stranger may make about an account (a new password, an account of
one's own) are answered in the background, so the answer and its timing never tell whether the account exists."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING, Annotated, Literal

from pydantic import BaseModel, Field

from portal.auth.models import SignupMessage
from portal.settings import get_settings

if TYPE_CHECKING:
    from mypy_boto3_sqs.client import SQSClient


class PasswordResetMessage(BaseModel):
    kind: Literal["password_reset"] = "password_reset"
    username: str


AccountRequest = Annotated[PasswordResetMessage | SignupMessage, Field(discriminator="kind")]


@cache
def _client() -> SQSClient:
    import boto3

    return boto3.client("sqs")


class SqsResetRequests:
    def __init__(self, queue_url: str | None = None):
        self.queue_url = queue_url or get_settings().password_reset_queue_url

    def request_reset(self, username: str) -> None:
        self._send(PasswordResetMessage(username=username))

    def request_signup(self, message: SignupMessage) -> None:
        self._send(message)

    def _send(self, message: BaseModel) -> None:
        _client().send_message(QueueUrl=self.queue_url, MessageBody=json.dumps(message.model_dump(mode="json")))
