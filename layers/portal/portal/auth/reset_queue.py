"""The SQS adapter of `ResetRequests`: a request for a new password is answered in the background."""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

from pydantic import BaseModel

from portal.settings import get_settings

if TYPE_CHECKING:
    from mypy_boto3_sqs.client import SQSClient


class PasswordResetMessage(BaseModel):
    username: str


@cache
def _client() -> SQSClient:
    import boto3

    return boto3.client("sqs")


class SqsResetRequests:
    def __init__(self, queue_url: str | None = None):
        self.queue_url = queue_url or get_settings().password_reset_queue_url

    def request_reset(self, username: str) -> None:
        message = PasswordResetMessage(username=username)
        _client().send_message(QueueUrl=self.queue_url, MessageBody=json.dumps(message.model_dump()))
