"""Webhooks (DOC-3): a customer's system registered at an address is told, signed, when the customer's documents are
stopped or delivered; an address that fails is tried again with growing delays, then the delivery is failed and
dead-lettered; every delivery is listed with its outcome. (Locally the address is a server on the loopback, which
only the local runtime allows: on AWS a webhook goes to public https:// addresses only.)"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import threading
from collections.abc import Iterator
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import boto3
import pytest

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime
from infrastructure.local.sample_documents import SampleParty, invoice
from portal.clock import new_id
from tests.support import ApiClient

KARI = "kari.nordmann@nordlys.no"
BERGEN = SampleParty("Nordlys Bergen AS", "912345696", "Strandkaien 2", "5013", "Bergen")
BAKERY = SampleParty("Fjellbakeriet AS", "912345726", "Storgata 12", "2609", "Lillehammer")
BUILDER = SampleParty("Bygg og Anlegg Vest AS", "974760673", "Kanalveien 10", "5068", "Bergen")
LINES = [("Telling", Decimal(1), Decimal(100))]


class Receiver:
    """An HTTP server standing in for the customer's system: it keeps what it is sent, and answers `status`."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append(({name.lower(): value for name, value in self.headers.items()}, body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hooks/kundeportal"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    started = Receiver()
    yield started
    started.server.shutdown()


def deliver_everything(runtime: Runtime) -> None:
    for _ in range(3):
        runtime.streams.drain()
        runtime.queues.drain()


def send(api: ApiClient, token: str, customer_id: str, content: bytes) -> str:
    body = {"content_base64": base64.b64encode(content).decode()}
    sent = api.post(f"/customers/{customer_id}/documents", token=token, body=body)
    assert sent.status == 202, sent.body
    return str(sent.body["document_id"])


def register(api: ApiClient, token: str, customer_id: str, url: str, events: list[str]) -> dict[str, Any]:
    created = api.post(f"/customers/{customer_id}/webhooks", token=token, body={"url": url, "events": events})
    assert created.status == 201, created.body
    return dict(created.body)


def test_the_customers_system_is_told_signed_when_its_documents_are_delivered_or_stopped(
    api: ApiClient, runtime: Runtime, demo: DemoData, receiver: Receiver
) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    # Given Bergen's system asked to be told of its documents stopped and delivered
    created = register(api, kari, bergen, receiver.url, ["stopped", "delivered"])
    webhook_id, secret = created["webhook"]["webhook_id"], created["secret"]
    assert created["webhook"]["secret_hint"] == f"…{secret[-4:]}"
    # When Bergen sends one invoice that is delivered, and one Fjellbakeriet's filter stops
    delivered = send(api, kari, bergen, invoice(number=f"W-{new_id()[-8:]}", seller=BERGEN, buyer=BUILDER, lines=LINES))
    stopped = send(
        api,
        kari,
        bergen,
        invoice(number=f"W-{new_id()[-8:]}", seller=BERGEN, buyer=BAKERY, lines=LINES, buyer_reference=None),
    )
    deliver_everything(runtime)
    # Then the system got one signed POST for each
    told = {}
    for headers, body in receiver.received:
        timestamp, _, given = headers["kundeportal-signature"].removeprefix("t=").partition(",v1=")
        expected = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
        assert hmac.compare_digest(given, expected)
        payload = json.loads(body)
        assert headers["kundeportal-event"] == payload["type"]
        assert headers["kundeportal-delivery"] == payload["id"]
        told[payload["data"]["document_id"]] = payload
    assert told[delivered]["type"] == "document.delivered"
    assert (told[delivered]["data"]["customer_id"], told[delivered]["data"]["channel"]) == (bergen, "peppol")
    assert told[stopped]["type"] == "document.stopped"
    # And both deliveries are listed, delivered at the first try
    listed = api.get(f"/customers/{bergen}/webhooks/{webhook_id}/deliveries", token=kari)
    assert listed.status == 200, listed.body
    outcomes = {item["document_id"]: item for item in listed.body["items"]}
    for document_id in (delivered, stopped):
        assert (outcomes[document_id]["outcome"], outcomes[document_id]["attempts"]) == ("delivered", 1)
        assert outcomes[document_id]["last_status_code"] == 200
    assert "payload" not in listed.text
    # And the registration is in Bergen's history
    history = api.get(f"/customers/{bergen}/history", token=api.login("admin")).body["items"]
    assert "webhook_created" in {entry["action"] for entry in history}
    assert api.call("DELETE", f"/customers/{bergen}/webhooks/{webhook_id}", token=kari).status == 204


def test_an_address_that_keeps_failing_is_tried_six_times_then_the_delivery_is_failed_and_dead_lettered(
    api: ApiClient, runtime: Runtime, demo: DemoData, receiver: Receiver, monkeypatch: pytest.MonkeyPatch
) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    webhook_id = register(api, kari, bergen, receiver.url, ["delivered"])["webhook"]["webhook_id"]
    # The delays double from 30 seconds on AWS; here the tries come at once
    monkeypatch.setattr(runtime.lambdas.module("DeliverWebhookFunction"), "RETRY_SECONDS", 0)
    receiver.status = 503
    document_id = send(
        api, kari, bergen, invoice(number=f"F-{new_id()[-8:]}", seller=BERGEN, buyer=BUILDER, lines=LINES)
    )
    deliver_everything(runtime)
    for _ in range(6):  # a round takes the message once, one try: the local poller stops at a failure
        runtime.queues.drain()
    items = api.get(f"/customers/{bergen}/webhooks/{webhook_id}/deliveries", token=kari).body["items"]
    failed = next(item for item in items if item["document_id"] == document_id)
    assert (failed["outcome"], failed["attempts"], failed["last_status_code"]) == ("failed", 6, 503)
    assert len(receiver.received) == 6
    dead_letters = boto3.client("sqs").receive_message(
        QueueUrl=runtime.backend.names.refs["WebhookDeadLetterQueue"], MaxNumberOfMessages=10
    )["Messages"]
    assert any(json.loads(message["Body"])["delivery_id"] == failed["delivery_id"] for message in dead_letters)
    # Once the address answers again, the next document's delivery goes at the first try
    receiver.status = 204
    later = send(api, kari, bergen, invoice(number=f"F-{new_id()[-8:]}", seller=BERGEN, buyer=BUILDER, lines=LINES))
    deliver_everything(runtime)
    items = api.get(f"/customers/{bergen}/webhooks/{webhook_id}/deliveries", token=kari).body["items"]
    assert next(item for item in items if item["document_id"] == later)["outcome"] == "delivered"
    assert api.call("DELETE", f"/customers/{bergen}/webhooks/{webhook_id}", token=kari).status == 204


def test_only_public_https_addresses_are_registered(api: ApiClient, demo: DemoData) -> None:
    bergen, kari = demo.customer_ids["bergen"], api.login(KARI)
    path = f"/customers/{bergen}/webhooks"
    for url in (
        "http://erp.example.no/hooks",
        "https://user:secret@erp.example.no/hooks",
        "https://10.1.2.3/hooks",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hooks",
        "https://[::1/hooks",
        "https://erp.example.no:99999/hooks",
    ):
        refused = api.post(path, token=kari, body={"url": url, "events": ["delivered"]})
        assert (refused.status, refused.error_code) == (422, "unsafe_webhook_url"), url
        assert refused.body["error"]["details"][0]["field"] == "url"
    assert api.post(path, token=kari, body={"url": "https://erp.example.no/h", "events": []}).status == 422
