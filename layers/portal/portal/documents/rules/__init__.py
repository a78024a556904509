"""The business rules an invoice or credit note (UBL 2.1) is checked against before it is let through (DOC-5).

A customer who orders the filter has documents that break a rule stopped, with the reasons in plain language.
The rules are those of the European standard EN 16931 (family "EN16931": presence, calculation and consistency,
and VAT category rules), Peppol BIS Billing 3.0's demand for a buyer or order reference ("PEPPOL"), and checks of
Norwegian and Swedish VAT and organisation numbers ("NORDIC"). The EN 16931 rules behave as the official
schematron (release 1.3.16) on the European committee's own test corpus; see tests/unit/test_en16931_corpus.py.

    violations = check(parse(content))                     # every rule
    violations = check(root, rule_ids={"BR-CO-10"})        # only those named
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

# The rule modules are imported for the rules they register.
from portal.documents.rules import code_lists, consistency, nordic, peppol, presence, syntax, vat_categories  # noqa: F401
from portal.documents.rules._model import REGISTRY, Family, Rule, Severity, Violation
from portal.documents.rules._ubl import Element

RULES: Mapping[str, Rule] = MappingProxyType(dict(sorted(REGISTRY.items())))


def check(root: Element, *, rule_ids: Iterable[str] | None = None) -> list[Violation]:
    """Every violation in the document (an Invoice or CreditNote root element), rule by rule in id order.

    With `rule_ids`, only those rules run; an id that is not a rule here raises KeyError, since a filter that
    silently checks less than was asked for would let documents through.
    """
    chosen = RULES.values() if rule_ids is None else [RULES[rule_id] for rule_id in sorted(set(rule_ids))]
    return [Violation(rule=chosen_rule, where=where) for chosen_rule in chosen for where in chosen_rule.check(root)]


__all__ = ["RULES", "Family", "Rule", "Severity", "Violation", "check"]
