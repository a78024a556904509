"""Sending a webhook delivery: signed, over HTTPS, and only to the public internet.

The signature lets the receiver check that the body came from the portal and is fresh: header
`Kundeportal-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>" with the webhook's secret>`.

A customer chooses the address, so it must not reach inside the vendor's network (server-side request forgery):
the host is resolved once, every address it resolves to must be public, and the connection goes to that vetted
address (so a second, different DNS answer cannot slip in), with TLS checked against the host's name. The local
runtime alone may allow plain HTTP to the loopback address, where its tests listen.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import http.client
import ipaddress
import socket
import ssl
import threading
from dataclasses import dataclass
from urllib.parse import urlsplit

TIMEOUT_SECONDS = 5
# A whole try, however slowly the receiver drips its answer: well inside the worker's 20-second timeout, so every
# try's outcome is recorded.
DEADLINE_SECONDS = 12
SIGNATURE_HEADER = "Kundeportal-Signature"


class UnsafeAddress(ValueError):
    """An address a webhook may not be sent to."""


def signature(secret: str, timestamp: int, body: bytes) -> str:
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256).hexdigest()
    return f"t={timestamp},v1={digest}"


@dataclass(frozen=True)
class Target:
    """A checked address: its scheme, host (ASCII), port and path."""

    scheme: str
    host: str
    port: int
    path: str

    @property
    def netloc(self) -> str:
        default = 443 if self.scheme == "https" else 80
        host = f"[{self.host}]" if ":" in self.host else self.host
        return host if self.port == default else f"{host}:{self.port}"


def check_url(url: str, *, allow_loopback_http: bool = False) -> Target:
    """An https:// URL without credentials, to a host by name or public address (or the local runtime's loopback)."""
    try:
        parts = urlsplit(url)
        port = parts.port
        host = (parts.hostname or "").encode("idna").decode("ascii")
    except (ValueError, UnicodeError) as error:
        raise UnsafeAddress("The address is not a valid URL") from error
    if parts.username or parts.password:
        raise UnsafeAddress("The address may not carry a user name or password")
    if not host:
        raise UnsafeAddress("The address has no host")
    loopback = allow_loopback_http and parts.scheme == "http" and host in {"127.0.0.1", "localhost"}
    if parts.scheme != "https" and not loopback:
        raise UnsafeAddress("The address must start with https://")
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None and not _public(literal) and not loopback:
        raise UnsafeAddress("The address must be on the public internet")
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return Target(parts.scheme, host, port or (443 if parts.scheme == "https" else 80), path)


def _public(address: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Public, and so is any IPv4 address an IPv6 one carries (mapped, 6to4, NAT64), which would reach it."""
    if not address.is_global:
        return False
    if isinstance(address, ipaddress.IPv6Address):
        carried = address.ipv4_mapped or address.sixtofour
        if carried is None and address in _NAT64:
            carried = ipaddress.IPv4Address(int(address) & 0xFFFFFFFF)
        if carried is not None:
            return carried.is_global
    return True


_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")


@dataclass(frozen=True)
class Answer:
    status: int


class HttpsWebhookSender:
    def __init__(self, *, allow_loopback_http: bool = False) -> None:
        self.allow_loopback_http = allow_loopback_http

    def post(self, url: str, body: bytes, headers: dict[str, str]) -> Answer:
        """One POST; raises `UnsafeAddress` for an address it may not reach, `OSError` or `http.client.HTTPException`
        when the address does not answer as HTTP should."""
        target = check_url(url, allow_loopback_http=self.allow_loopback_http)
        address = self._vetted_address(target.host, target.port)
        connection: http.client.HTTPConnection
        if target.scheme == "https":
            connection = _PinnedHttpsConnection(target.host, address, target.port)
        else:
            connection = http.client.HTTPConnection(address, target.port, timeout=TIMEOUT_SECONDS)
        cut_off = threading.Event()
        watchdog = threading.Timer(DEADLINE_SECONDS, _cut_off, args=(connection, cut_off))
        watchdog.start()
        try:
            connection.request("POST", target.path, body=body, headers={"Host": target.netloc, **headers})
            response = connection.getresponse()
            response.read(64 * 1024)  # what the receiver says is not kept; reading lets the connection close cleanly
        finally:
            watchdog.cancel()
            connection.close()
        if cut_off.is_set():  # what was read before the cut may look like a whole answer; it is not one
            raise TimeoutError(f"No whole answer within {DEADLINE_SECONDS} seconds")
        return Answer(status=response.status)

    def _vetted_address(self, host: str, port: int) -> str:
        try:
            found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise UnsafeAddress(f"The host {host} is not found") from error
        addresses = [ipaddress.ip_address(str(entry[4][0]).split("%")[0]) for entry in found]
        for address in addresses:
            if not _public(address) and not (self.allow_loopback_http and address.is_loopback):
                raise UnsafeAddress(f"The host {host} is not on the public internet")
        return str(addresses[0])


def _cut_off(connection: http.client.HTTPConnection, cut_off: threading.Event) -> None:
    """Ends a try that outlived its deadline: a blocked read returns, and the try is recorded as failed."""
    cut_off.set()
    if connection.sock is not None:
        with contextlib.suppress(OSError):
            connection.sock.shutdown(socket.SHUT_RDWR)


class _PinnedHttpsConnection(http.client.HTTPSConnection):
    """Connects to the vetted address, and checks the certificate against the host's name."""

    def __init__(self, host: str, address: str, port: int) -> None:
        super().__init__(host, port, timeout=TIMEOUT_SECONDS, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), timeout=self.timeout)
        self.sock = self._context.wrap_socket(raw, server_hostname=self.host)  # type: ignore[attr-defined]
