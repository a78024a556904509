"""The SES adapter of the `Mailer` port."""

from __future__ import annotations

from email.message import EmailMessage as MimeMessage
from functools import cache
from typing import TYPE_CHECKING, Any

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
        content: Any
        if message.attachments:
            content = {"Raw": {"Data": self._mime(message).as_bytes()}}
        else:
            content = {
                "Simple": {
                    "Subject": {"Data": message.subject, "Charset": "UTF-8"},
                    "Body": {"Text": {"Data": message.body, "Charset": "UTF-8"}},
                }
            }
        _client().send_email(
            FromEmailAddress=self.sender,
            Destination={"ToAddresses": message.to},
            Content=content,
            EmailTags=[{"Name": "kind", "Value": message.kind}],
        )
        logger.info("e-mail sent", extra={"kind": message.kind})

    def _mime(self, message: EmailMessage) -> MimeMessage:
        """The e-mail with its attachments as one MIME message (SES sends those raw)."""
        mime = MimeMessage()
        mime["Subject"] = message.subject
        mime["From"] = self.sender
        mime["To"] = ", ".join(message.to)
        mime.set_content(message.body)
        for attachment in message.attachments:
            maintype, _, rest = attachment.content_type.partition("/")
            subtype, *parameters = [part.strip() for part in rest.split(";")]
            if attachment.content_type.startswith("text/calendar"):
                # Mail clients show an invitation as one when it is an alternative to the text, not only a file.
                mime.add_alternative(
                    attachment.content,
                    subtype="calendar",
                    params=dict(parameter.split("=", 1) for parameter in parameters if "=" in parameter),
                )
            mime.add_attachment(
                attachment.content.encode("utf-8"),
                maintype=maintype,
                subtype=subtype,
                filename=attachment.filename,
                params=dict(parameter.split("=", 1) for parameter in parameters if "=" in parameter),
            )
        return mime
