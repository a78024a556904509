"""The EN 16931 rule set (DOC-5) against the European committee's own test corpus (release 1.3.16).

The corpus (../shared/testdata/en16931, see its README) has, for each business rule, vefa test sets of small
Invoice or CreditNote fragments; each fragment asserts that a rule passes (`success`) or fires (`error`, `warning`)
on it, and holds only what that rule reads. For every rule we implement, our verdict must be the corpus's on every
fragment, per rule and document type; a rule of the corpus we do not implement is skipped, saying why. The
corpus's complete example documents must pass every EN 16931 rule we implement.

`corpus_summary()` gives the figures tests/unit/conftest.py prints at the end of the run.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from portal.documents.rules import RULES, check
from portal.documents.xml import parse

CORPUS = Path(__file__).resolve().parents[3] / "shared" / "testdata" / "en16931"
VEFA = "http://difi.no/xsd/vefa/validator/1.0"
DOCUMENT_TYPES = {"invoice-unit-ubl": "invoice", "creditnote-unit-ubl": "creditnote"}
VERDICTS = {"success": None, "error": "fatal", "warning": "warning"}  # what is asserted → the severity that fires

NOT_IMPLEMENTED = {
    "BR-CO-25": "withdrawn from the schematron in release 1.3.16 (upstream issue #477); its corpus file only checks "
    "that it stays silent on credit notes",
}
LONG_CODE_LIST = "a code list rule whose list (ISO 4217, ISO 3166, ISO 6523, UNTDID …) is too long to keep a copy of"

EN16931_RULE_IDS = sorted(rule_id for rule_id, rule in RULES.items() if rule.family == "EN16931")


@dataclass(frozen=True)
class Expectation:
    rule_id: str
    fires_as: str | None
    """The severity the rule must fire with ("fatal", "warning"), or None when it must pass."""


@dataclass(frozen=True)
class CorpusTest:
    document_type: str
    file_name: str
    index: int
    description: str
    expectations: tuple[Expectation, ...]
    document: etree._Element

    @property
    def name(self) -> str:
        return f"{self.file_name} #{self.index} ({self.description})"


def _vefa(name: str) -> str:
    return f"{{{VEFA}}}{name}"


def _read_test(document_type: str, path: Path, index: int, test: etree._Element) -> CorpusTest:
    assertion = test.find(_vefa("assert"))
    assert assertion is not None, f"{path.name} #{index} has no assert"
    description = assertion.findtext(_vefa("description")) or ""
    expectations = tuple(
        Expectation(rule_id=(asserted.text or "").strip(), fires_as=VERDICTS[etree.QName(asserted).localname])
        for asserted in assertion
        if etree.QName(asserted).localname in VERDICTS
    )
    fragment = next(child for child in test if child.tag != _vefa("assert"))
    return CorpusTest(
        document_type=document_type,
        file_name=path.name,
        index=index,
        description=" ".join(description.split()) or "no description",
        expectations=expectations,
        # A fragment of its own, so that it is the document element, as an Invoice or CreditNote we receive is.
        document=parse(etree.tostring(fragment)),
    )


@functools.cache
def corpus_tests() -> tuple[CorpusTest, ...]:
    tests = []
    for folder, document_type in DOCUMENT_TYPES.items():
        for path in sorted((CORPUS / folder).glob("*.xml")):
            test_set = parse(path.read_bytes())
            tests += [
                _read_test(document_type, path, index, test)
                for index, test in enumerate(test_set.iterfind(_vefa("test")))
            ]
    return tuple(tests)


@functools.cache
def assertions_by_rule() -> Mapping[tuple[str, str], list[tuple[CorpusTest, Expectation]]]:
    """The corpus's assertions, by document type and the rule they are about."""
    grouped: dict[tuple[str, str], list[tuple[CorpusTest, Expectation]]] = defaultdict(list)
    for test in corpus_tests():
        for expectation in test.expectations:
            grouped[test.document_type, expectation.rule_id].append((test, expectation))
    return dict(sorted(grouped.items()))


def disagreements(assertions: list[tuple[CorpusTest, Expectation]]) -> list[str]:
    """The assertions our rule does not agree with, each named by its test's file, index and description."""
    found = []
    for test, expectation in assertions:
        rule = RULES[expectation.rule_id]
        where = rule.check(test.document)
        fires_as = rule.severity if where else None
        if fires_as != expectation.fires_as:
            expected = f"fire ({expectation.fires_as})" if expectation.fires_as else "pass"
            got = f"fired ({fires_as}) at {', '.join(where)}" if fires_as else "passed"
            found.append(f"{test.name}: should {expected}, {got}")
    return found


def why_not_implemented(rule_id: str) -> str:
    if rule_id in NOT_IMPLEMENTED:
        return NOT_IMPLEMENTED[rule_id]
    return LONG_CODE_LIST if rule_id.startswith("BR-CL-") else "not implemented"


@pytest.mark.parametrize(("document_type", "rule_id"), list(assertions_by_rule()))  # ids such as "invoice-BR-CO-10"
def test_rule_agrees_with_the_corpus(document_type: str, rule_id: str) -> None:
    if rule_id not in RULES:
        pytest.skip(f"{rule_id}: {why_not_implemented(rule_id)}")
    disagreeing = disagreements(assertions_by_rule()[document_type, rule_id])
    assert not disagreeing, f"{rule_id} disagrees with the corpus on:\n" + "\n".join(disagreeing)


EXAMPLES = sorted((CORPUS / "examples").glob("*.[xX][mM][lL]"))


# BIS3_Invoice_negativ.XML is not a negative test: it is a negative invoice (quantity -1 and every amount below zero,
# "negativ faktura" in Danish), which EN 16931 allows; it is there to show that the VAT rules compare amounts without
# their sign (BR-S-09, BR-CO-17). Like every other example it must pass.
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_example_passes_every_en16931_rule(example: Path) -> None:
    violations = check(parse(example.read_bytes()), rule_ids=EN16931_RULE_IDS)
    assert not violations, [(violation.rule.id, violation.where) for violation in violations]


def test_the_corpus_is_there() -> None:
    assert len(corpus_tests()) > 1000, f"the EN 16931 test corpus was not found in {CORPUS}"
    assert len(EXAMPLES) > 40


# The summary printed at the end of a run (tests/unit/conftest.py)


@dataclass(frozen=True)
class CorpusSummary:
    corpus_rules: frozenset[str]
    implemented: frozenset[str]
    agreeing: frozenset[str]
    assertions: int
    """How many assertions of the corpus are about rules we implement."""

    def line(self) -> str:
        return (
            f"EN 16931 corpus: {len(self.implemented)} of {len(self.corpus_rules)} rules in the corpus implemented, "
            f"{len(self.agreeing)} agree with all {self.assertions} of their tests"
        )

    def not_implemented(self) -> list[str]:
        return sorted(self.corpus_rules - self.implemented)

    def disagreeing(self) -> list[str]:
        return sorted(self.implemented - self.agreeing)


def corpus_summary() -> CorpusSummary:
    by_rule: dict[str, list[tuple[CorpusTest, Expectation]]] = defaultdict(list)
    for (_, rule_id), assertions in assertions_by_rule().items():
        by_rule[rule_id] += assertions
    implemented = {rule_id for rule_id in by_rule if rule_id in RULES}
    return CorpusSummary(
        corpus_rules=frozenset(by_rule),
        implemented=frozenset(implemented),
        agreeing=frozenset(rule_id for rule_id in implemented if not disagreements(by_rule[rule_id])),
        assertions=sum(len(by_rule[rule_id]) for rule_id in implemented),
    )
