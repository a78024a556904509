"""Shared fixtures: one embedded backend per test session (per worker, when pytest runs on several cores),
provisioned from template.yaml, with demo data. And the EN 16931 corpus summary at the end of a run that collected
the corpus tests: its figures come from the corpus and the rule set (not from which tests ran or passed), so a run
of a few of the corpus tests prints the same line as a full one."""

from __future__ import annotations

import os

os.environ.setdefault("POWERTOOLS_LOG_LEVEL", "WARNING")
os.environ.setdefault("POWERTOOLS_DEV", "false")

from collections.abc import Iterator

import pytest

from infrastructure.local.demo import DemoData, seed
from infrastructure.local.runtime import Runtime, start_runtime
from tests.support import ApiClient

_CORPUS_TESTS_COLLECTED = pytest.StashKey[bool]()
_CORPUS_FILE = "test_en16931_corpus.py"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    config.stash[_CORPUS_TESTS_COLLECTED] = any(item.path.name == _CORPUS_FILE for item in items)


def pytest_xdist_node_collection_finished(node: object, ids: list[str]) -> None:
    """With pytest-xdist the workers collect; the controller, which writes the summary, hears what they found."""
    config: pytest.Config = node.config  # type: ignore[attr-defined]
    if any(_CORPUS_FILE in test_id for test_id in ids):
        config.stash[_CORPUS_TESTS_COLLECTED] = True


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if not config.stash.get(_CORPUS_TESTS_COLLECTED, False) or hasattr(config, "workerinput"):
        return
    from tests.unit.test_en16931_corpus import corpus_summary

    summary = corpus_summary()
    terminalreporter.write_sep("-", "EN 16931 corpus")
    terminalreporter.write_line(summary.line())
    terminalreporter.write_line(f"Not implemented: {', '.join(summary.not_implemented()) or 'none'}")
    if summary.disagreeing():
        terminalreporter.write_line(f"Disagreeing with the corpus: {', '.join(summary.disagreeing())}")


@pytest.fixture(scope="session")
def runtime() -> Iterator[Runtime]:
    started = start_runtime(poll_queues=False)
    yield started
    started.stop()


@pytest.fixture(scope="session")
def demo(runtime: Runtime) -> DemoData:
    return seed()


@pytest.fixture
def api(runtime: Runtime, demo: DemoData) -> ApiClient:
    return ApiClient(runtime.gateway)
