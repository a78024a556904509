"""The dev mailbox: every e-mail sent through SES in the embedded backend, readable by a person or a test."""

from __future__ import annotations

import html
import json
from collections.abc import Callable
from email import message_from_string, policy
from email.message import EmailMessage
from typing import Any

from moto.ses.models import ses_backends
from werkzeug.wrappers import Request, Response

from infrastructure.local.template import ACCOUNT, REGION

# E-mails leave through the outbox and the table's stream; the runtime sets this to deliver what is still waiting.
deliver_pending: Callable[[], object] | None = None


def messages() -> list[dict[str, Any]]:
    """Newest first, once what waits in the outbox is delivered."""
    if deliver_pending is not None:
        deliver_pending()
    return sent()


def sent() -> list[dict[str, Any]]:
    """What SES has sent so far, newest first, delivering nothing. moto keeps sesv2 messages in the SES backend of
    this process."""
    sent = ses_backends[ACCOUNT][REGION].sent_messages
    out = []
    for index, message in enumerate(sent):
        if hasattr(message, "raw_data"):  # sent raw: an e-mail with attachments (a calendar invitation)
            out.append({"id": index, "from": message.source, **_parsed(message.raw_data)})
            continue
        destinations = getattr(message, "destinations", {}) or {}
        out.append(
            {
                "id": index,
                "from": message.source,
                "to": list(destinations.get("ToAddresses", [])),
                "subject": getattr(message, "subject", ""),
                "body": getattr(message, "body", ""),
                "attachments": [],
            }
        )
    return list(reversed(out))


def _parsed(raw: str) -> dict[str, Any]:
    """A raw MIME e-mail as the mailbox shows it: its text, and each attachment with its name, type and text."""
    parsed = message_from_string(raw, policy=policy.default)
    assert isinstance(parsed, EmailMessage)
    text = parsed.get_body(preferencelist=("plain",))
    return {
        "to": [address.strip() for address in str(parsed.get("To", "")).split(",") if address.strip()],
        "subject": str(parsed.get("Subject", "")),
        "body": text.get_content() if text is not None else "",
        "attachments": [
            {
                "filename": part.get_filename(),
                "content_type": part.get_content_type(),
                "method": part.get_param("method"),
                "content": part.get_content() if part.get_content_maintype() == "text" else "",
            }
            for part in parsed.iter_attachments()
        ],
    }


def messages_to(address: str) -> list[dict[str, Any]]:
    return [message for message in messages() if address.casefold() in (to.casefold() for to in message["to"])]


def respond(request: Request) -> Response:
    to = request.args.get("to", "")
    found = messages_to(to) if to else messages()
    if request.path.endswith(".json"):
        return Response(json.dumps(found, ensure_ascii=False), content_type="application/json; charset=utf-8")
    rows = (
        "\n".join(
            f"<article><h2>{html.escape(str(message['subject']))}</h2>"
            f"<p><strong>To:</strong> {html.escape(', '.join(message['to']))}</p>"
            f"<pre>{html.escape(str(message['body']))}</pre>"
            + "".join(
                f"<details><summary>{html.escape(str(attachment['filename']))}</summary>"
                f"<pre>{html.escape(str(attachment['content']))}</pre></details>"
                for attachment in message["attachments"]
            )
            + "</article>"
            for message in found
        )
        or "<p>No e-mails yet.</p>"
    )
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'><title>Dev mailbox</title>"
        "<style>body{font-family:system-ui;max-width:50rem;margin:2rem auto;padding:0 1rem}"
        "article{border:1px solid #ccc;border-radius:6px;padding:0 1rem;margin:1rem 0}"
        "pre{white-space:pre-wrap}</style></head><body><h1>Dev mailbox</h1>"
        "<form><label>Recipient <input name='to' value='" + html.escape(to) + "'></label> "
        "<button>Filter</button></form>" + rows + "</body></html>"
    )
    return Response(page, content_type="text/html; charset=utf-8")
