"""Webhook deliveries go to the public internet only (no request forgery into the vendor's network) and are signed
so the receiver can check them."""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import socket
import threading
import time

import pytest

from portal.webhooks import sender
from portal.webhooks.sender import HttpsWebhookSender, UnsafeAddress, check_url, signature


@pytest.mark.parametrize(
    "url",
    [
        "http://erp.example.no/hooks",
        "ftp://erp.example.no/hooks",
        "https://user:pass@erp.example.no/hooks",
        "https:///hooks",
        "https://10.0.0.7/hooks",
        "https://192.168.1.1/",
        "https://172.16.0.1/",
        "https://127.0.0.1/",
        "https://169.254.169.254/latest/meta-data/",
        "https://[::1]/",
        "https://[fd00::1]/",
        "https://0.0.0.0/",
        "http://127.0.0.1:8080/hooks",  # plain HTTP to the loopback: only where the local runtime allows it
        "https://[::ffff:10.0.0.1]/",  # IPv6 addresses that carry an internal IPv4 address: mapped, NAT64, 6to4
        "https://[64:ff9b::a00:1]/",
        "https://[2002:a00:1::1]/",
        "https://[::1/hooks",  # not a URL at all
        "https://erp.example.no:99999/hooks",
    ],
)
def test_addresses_outside_the_public_https_internet_are_refused(url: str) -> None:
    with pytest.raises(UnsafeAddress):
        check_url(url)


def test_public_https_addresses_and_the_local_runtimes_loopback_are_taken() -> None:
    check_url("https://erp.example.no:8443/hooks/kundeportal?tenant=4")
    check_url("https://8.8.8.8/hooks")
    check_url("http://127.0.0.1:8080/hooks", allow_loopback_http=True)
    with pytest.raises(UnsafeAddress):
        check_url("http://10.0.0.7/hooks", allow_loopback_http=True)


def test_a_name_that_resolves_inside_the_network_is_refused_when_sending() -> None:
    with pytest.raises(UnsafeAddress):
        HttpsWebhookSender().post("https://localhost/hooks", b"{}", {})


def test_a_receiver_that_drips_its_answer_is_cut_off_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """However slowly the receiver answers, a try ends within its deadline, so its outcome is recorded."""
    listener = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def drip() -> None:
        peer, _ = listener.accept()
        with peer:
            peer.sendall(b"HTTP/1.1 200 OK\r\n")
            while not stop.wait(0.1):  # a header line now and then, never the end of the headers
                with contextlib.suppress(OSError):
                    peer.sendall(b"X-Slow: 1\r\n")

    threading.Thread(target=drip, daemon=True).start()
    monkeypatch.setattr(sender, "DEADLINE_SECONDS", 0.5)
    started = time.monotonic()
    try:
        with pytest.raises((OSError, http.client.HTTPException)):
            HttpsWebhookSender(allow_loopback_http=True).post(
                f"http://127.0.0.1:{listener.getsockname()[1]}/hooks", b"{}", {}
            )
    finally:
        stop.set()
        listener.close()
    assert time.monotonic() - started < 3


def test_the_signature_is_an_hmac_of_the_timestamp_and_the_body() -> None:
    body = b'{"type":"document.delivered"}'
    expected = hmac.new(b"whsec_test", b"1767225600." + body, hashlib.sha256).hexdigest()
    assert signature("whsec_test", 1767225600, body) == f"t=1767225600,v1={expected}"
