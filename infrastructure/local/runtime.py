"""The whole portal on one machine: embedded backend, handlers, queue consumers and the HTTP gateway."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from infrastructure.local import mailbox, schedules
from infrastructure.local.backend import Backend, start_backend
from infrastructure.local.gateway import Gateway
from infrastructure.local.lambdas import Lambdas
from infrastructure.local.queues import QueuePoller
from infrastructure.local.streams import StreamPoller
from infrastructure.openapi import load_committed_document


@dataclass
class Runtime:
    backend: Backend
    lambdas: Lambdas
    gateway: Gateway
    queues: QueuePoller
    streams: StreamPoller

    def run_schedule(self, function: str) -> Any:
        """Runs a scheduled function now (see `infrastructure.local.schedules`)."""
        return schedules.run(self.backend.template, self.lambdas, function)

    def stop(self) -> None:
        self.queues.stop()
        self.streams.stop()
        self.backend.stop()


def start_runtime(
    *,
    moto_port: int = 0,
    portal_url: str = "http://localhost:8000",
    extra_environment: dict[str, str] | None = None,
    poll_queues: bool = True,
) -> Runtime:
    environment: dict[str, Any] = {
        "PORTAL_URL": portal_url,
        # Webhooks go to public https:// addresses only; locally, also to the loopback, where tests listen.
        "WEBHOOKS_ALLOW_LOOPBACK_HTTP": "true",
        **(extra_environment or {}),
    }
    backend = start_backend(port=moto_port, parameters={"PortalUrl": portal_url}, extra_environment=environment)
    lambdas = Lambdas(backend.template)
    gateway = Gateway(backend.template, lambdas, openapi_document=load_committed_document())
    queues = QueuePoller(backend.template, backend.names, lambdas)
    streams = StreamPoller(backend.template, backend.names, lambdas)
    # Whoever reads the mailbox sees every e-mail written so far, not only those the poller happened to reach.
    mailbox.deliver_pending = lambda: (queues.drain(), streams.drain())
    if poll_queues:
        queues.start()
        streams.start()
    return Runtime(backend=backend, lambdas=lambdas, gateway=gateway, queues=queues, streams=streams)
