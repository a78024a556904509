"""The local runtime served on a real localhost port, as `make run` serves it."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from infrastructure.local.demo import DemoData
from infrastructure.local.runtime import Runtime


@pytest.fixture(scope="session")
def base_url(runtime: Runtime, demo: DemoData) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, runtime.gateway, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
