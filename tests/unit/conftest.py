"""Unit test hooks: the EN 16931 corpus summary at the end of a run that collected the corpus tests.

The figures are computed here from the corpus and the rule set (not from which tests ran or passed), so a run of
a few of the corpus tests prints the same line as a full one.
"""

from __future__ import annotations

import pytest

_CORPUS_TESTS_COLLECTED = pytest.StashKey[bool]()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    config.stash[_CORPUS_TESTS_COLLECTED] = any(item.path.name == "test_en16931_corpus.py" for item in items)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    if not config.stash.get(_CORPUS_TESTS_COLLECTED, False):
        return
    from tests.unit.test_en16931_corpus import corpus_summary

    summary = corpus_summary()
    terminalreporter.write_sep("-", "EN 16931 corpus")
    terminalreporter.write_line(summary.line())
    terminalreporter.write_line(f"Not implemented: {', '.join(summary.not_implemented()) or 'none'}")
    if summary.disagreeing():
        terminalreporter.write_line(f"Disagreeing with the corpus: {', '.join(summary.disagreeing())}")
