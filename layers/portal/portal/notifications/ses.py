"""The SES adapter of the `Mailer` port."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from portal.notifications.email import EmailMessage
from portal.observability import logger
from portal.settings import get_settings

if TYPE_CHECKING:
    from mypy_boto3_sesv2.client import SESV2Client


@cache
def _client() -> SESV2Client:
    import boto3

    return boto3.client("sesv2")


class SesMailer:
    def __init__(self, sender: str | None = None):
        self.sender = sender or get_settings().ses_sender

    def send(self, message: EmailMessage) -> None:
        _client().send_email(
            FromEmailAddress=self.sender,
            Destination={"ToAddresses": message.to},
            Content={
                "Simple": {
                    "Subject": {"Data": message.subject, "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": message.body, "Charset": "UTF-8"}},
                }
            },
            EmailTags=[{"Name": "kind", "Value": message.kind}],
        )
        logger.info("e-mail sent", extra={"kind": message.kind})
