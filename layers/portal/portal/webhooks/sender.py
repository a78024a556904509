"""Sending a webhook delivery: signed, over HTTPS, and only to the public internet.

The signature lets the receiver check that the body came from the portal and is fresh: header
`Kundeportal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>`.

A customer chooses the address, so it must not reach inside the vendor's network (server-side request forgery):
the host is resolved once, every address it resolves to must be public, and the connection goes to that vetted
address (so a second, different DNS answer cannot slip in), with TLS checked against the host's name. The local
runtime alone may allow plain HTTP to the loopback address, where its tests listen.
"""

from __future__ import annotations

import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 5
SIGNATURE_HEADER = "Kundeportal-Signature"


class UnsafeAddress(ValueError):
    """An address a webhook may not be sent to."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


def check_url(url: str, *, allow_loopback_http: bool = False) -> None:
    """An https:// URL without credentials, to a host by name or public address (or the local runtime's loopback)."""
    parts = urlsplit(url)
    if parts.username or parts.password:
        raise UnsafeAddress("The address may not carry a user name or password")
    if not parts.hostname:
        raise UnsafeAddress("The address has no host")
    loopback = allow_loopback_http and parts.scheme == "http" and parts.hostname in {"127.0.0.1", "localhost"}
    if parts.scheme != "https" and not loopback:
        raise UnsafeAddress("The address must start with https://")
    try:
        literal = ipaddress.ip_address(parts.hostname)
    except ValueError:
        return
    if not literal.is_global and not loopback:
        raise UnsafeAddress("The address must be on the public internet")


@dataclass(frozen=True)
class Answer:
    status: int


class HttpsWebhookSender:
    def __init__(self, *, allow_loopback_http: bool = False) -> None:
        self.allow_loopback_http = allow_loopback_http

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        check_url(url, allow_loopback_http=self.allow_loopback_http)
        parts = urlsplit(url)
        host = parts.hostname or ""
        address = self._vetted_address(host, parts.port or (443 if parts.scheme == "https" else 80))
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        connection: http.client.HTTPConnection
        if parts.scheme == "https":
            connection = _PinnedHttpsConnection(host, address, parts.port or 443)
        else:
            connection = http.client.HTTPConnection(address, parts.port or 80, timeout=TIMEOUT_SECONDS)
        try:
            connection.request("POST", path, body=body, headers={"Host": parts.netloc, **headers})
            response = connection.getresponse()
            response.read(64 * 1024)  # what the receiver says is not kept; reading lets the connection close cleanly
            return Answer(status=response.status)
        finally:
            connection.close()

    def _vetted_address(self, host: str, port: int) -> str:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as error:
            raise UnsafeAddress(f"The host {host} is not found") from error
        addresses = [ipaddress.ip_address(str(entry[4][0])) for entry in found]
        for address in addresses:
            if not address.is_global and not (self.allow_loopback_http and address.is_loopback):
                raise UnsafeAddress(f"The host {host} is not on the public internet")
        return str(addresses[0])


class _PinnedHttpsConnection(http.client.HTTPSConnection):
    """Connects to the vetted address, and checks the certificate against the host's name."""

    def __init__(self, host: str, address: str, port: int) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), timeout=self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]
