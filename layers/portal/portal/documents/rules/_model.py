"""What a rule is, and the one registry the rule modules fill.

A rule is written like the schematron writes it: a context (where it is evaluated: the document, each line, each
VAT breakdown …) and a test that each context must pass. `@rule` turns the two into `Rule.check`, which answers
with the location of every context that fails, so a stopped invoice can say which line or breakdown is wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

from portal.documents.rules._ubl import Element, location
from portal.languages import Language

Severity = Literal["fatal", "warning"]
Family = Literal["EN16931", "PEPPOL", "NORDIC"]
Context = Callable[[Element], Iterable[Element]]
Test = Callable[[Element], bool]


@dataclass(frozen=True, eq=False)  # one object per rule: compared and hashed as that object
class Rule:
    id: str
    reads: tuple[str, ...]
    """The EN 16931 business terms (BT-n) and groups (BG-n) the rule reads."""
    messages: Mapping[Language, str]
    """Why the document is stopped, for the person who sent or receives it, in each of the portal's languages."""
    check: Callable[[Element], list[str]]
    """The location of every context that breaks the rule; empty when the document passes."""
    severity: Severity = "fatal"
    family: Family = "EN16931"


@dataclass(frozen=True)
class Violation:
    rule: Rule
    where: str


REGISTRY: dict[str, Rule] = {}


def family_of(rule_id: str) -> Family:
    if rule_id.startswith("PEPPOL-"):
        return "PEPPOL"
    if rule_id.startswith("NORDIC-"):
        return "NORDIC"
    return "EN16931"


def rule(
    rule_id: str,
    *,
    reads: tuple[str, ...],
    context: Context,
    nb: str,
    sv: str,
    en: str,
    severity: Severity = "fatal",
) -> Callable[[Test], Test]:
    """Registers the decorated test as rule `rule_id`, evaluated on each element `context` gives."""

    def register_test(test: Test) -> Test:
        register(
            Rule(
                id=rule_id,
                reads=reads,
                messages=MappingProxyType({Language.NB: nb, Language.SV: sv, Language.EN: en}),
                check=_checker(context, test),
                severity=severity,
                family=family_of(rule_id),
            )
        )
        return test

    return register_test


def register(new: Rule) -> None:
    if new.id in REGISTRY:
        raise ValueError(f"Rule {new.id} is registered twice.")
    REGISTRY[new.id] = new


def _checker(context: Context, test: Test) -> Callable[[Element], list[str]]:
    def check(root: Element) -> list[str]:
        return [location(element) for element in context(root) if not test(element)]

    return check
