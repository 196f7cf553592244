"""Run each rule's own examples: it must fire on `fires` and not on `near_miss`."""

from __future__ import annotations

from collections.abc import Iterator

from .engine import Evaluator
from .facts import validate_document
from .knowledge import KnowledgeBase
from .source import Document


def example_failures(kb: KnowledgeBase) -> Iterator[tuple[str, str, str]]:
    """(check name, rule id, message) for each rule whose examples are missing or wrong."""
    evaluator = Evaluator(kb)
    for rule_id in sorted(kb.rules):
        examples = kb.rules[rule_id].examples
        if examples is None:
            yield "missing-examples", rule_id, "the rule has no `examples` (fires, near_miss)"
            continue
        if rule_id not in _fired(evaluator, kb, examples.fires):
            yield "example-does-not-fire", rule_id, "the rule does not fire on its `fires` example"
        if rule_id in _fired(evaluator, kb, examples.near_miss):
            yield "near-miss-fires", rule_id, "the rule fires on its `near_miss` example"


def _fired(evaluator: Evaluator, kb: KnowledgeBase, data: dict) -> set[str]:
    facts = validate_document(Document("<example>", data, {}), kb.model)
    return {firing.rule for firing in evaluator.evaluate(facts).trace}
