"""The edge of the vendor's network: documents for recipients outside it leave through here.

On AWS an access point (Peppol, AS4) and the banks' e-invoice exchange read the outbox prefix of the documents
bucket and acknowledge each document they take; that integration is the operator's and not part of this
repository. Locally nothing reads it but the tests, which find each hand-over there as the file sent.
"""

from __future__ import annotations

from typing import Protocol

from portal.documents.models import Channel, Document


class Files(Protocol):
    def put(self, key: str, content: bytes, content_type: str) -> None: ...


class S3NetworkOutbox:
    def __init__(self, files: Files) -> None:
        self.files = files

    def hand_over(self, channel: Channel, document: Document, content: bytes) -> None:
        self.files.put(outbox_key(channel, document), content, "application/xml")


def outbox_key(channel: Channel, document: Document) -> str:
    return f"network-outbox/{channel.value}/{document.customer_id}/{document.document_id}.xml"
