"""The local runtime served on a real localhost port, as `make run` serves it, and the browser that opens it."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Response, sync_playwright
from werkzeug.serving import make_server

from infrastructure.local.demo import DemoData
from infrastructure.local.gateway import WEB_ROOT
from infrastructure.local.runtime import Runtime
from tests.e2e.browser import CHROMIUM, CHROMIUM_FLAGS, SCREENSHOTS

# What went wrong in the browsers of the test now running: a failed test's report lists it, as a reader of a CI log
# cannot open the browser afterwards (an API call refused with its status, or the console's errors).
_troubles: list[str] = []
FAILURES = SCREENSHOTS.parent / "failures"


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
        opens = launched.new_context

        def watched_context(**options: Any) -> BrowserContext:  # the pages a test opens itself are watched too
            context = opens(**options)
            context.on("response", _note_refusal)
            context.on("console", _note_console_error)
            return context

        launched.new_context = watched_context  # type: ignore[method-assign]
        yield launched
        launched.close()


@pytest.fixture
def page(browser: Browser, base_url: str) -> Iterator[Page]:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    opened = context.new_page()
    opened.bring_to_front()  # focus assertions need the page to be the focused window
    yield opened
    context.close()


def _note_refusal(response: Response) -> None:
    if "/api/" in response.url and response.status >= 400:
        _troubles.append(f"{response.status} {response.request.method} {response.url}")


def _note_console_error(message: ConsoleMessage) -> None:
    if message.type == "error":
        _troubles.append(f"console: {message.text}")


@pytest.fixture(autouse=True)
def _fresh_troubles() -> None:
    _troubles.clear()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failed browser test reports what its pages were told, and leaves a picture of the page as it failed."""
    outcome = yield
    report = outcome.get_result()  # type: ignore[attr-defined]
    if report.when != "call" or not report.failed:
        return
    if _troubles:
        report.sections.append(("refused API calls and console errors", "\n".join(_troubles)))
    page = getattr(item, "funcargs", {}).get("page")
    if isinstance(page, Page) and not page.is_closed():
        FAILURES.mkdir(parents=True, exist_ok=True)
        try:
            page.screenshot(path=str(FAILURES / f"{item.name[:120]}.png"), full_page=True, timeout=5000)
        except Exception as failed:  # noqa: BLE001 - a hung page must not turn the test's failure into pytest's
            report.sections.append(("failure screenshot", f"not taken: {failed}"))
