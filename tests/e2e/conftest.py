"""The local runtime served on a real localhost port, as `make run` serves it, and the browser that opens it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from werkzeug.serving import make_server

from infrastructure.local.demo import DemoData
from infrastructure.local.gateway import WEB_ROOT
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import CHROMIUM, CHROMIUM_FLAGS


@pytest.fixture(scope="session")
def base_url(runtime: Runtime, demo: DemoData) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, runtime.gateway, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), "Debian's chromium is missing: `make test` installs it"
    assert (WEB_ROOT / "index.html").exists(), "web/dist is missing: `make test` builds it"
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    opened.bring_to_front()  # focus assertions need the page to be the focused window
    yield opened
    context.close()
