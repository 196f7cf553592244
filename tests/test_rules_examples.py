"""Every rule of the live knowledge base fires on its own example and not on its near miss."""

import pytest

from expert import api
from expert.examples import example_failures

KB = api.knowledge_base()
RULES = sorted(KB.rules)


def fired(facts: dict) -> set[str]:
    """The ids of the rules that fire on plain fact data."""
    result = api.evaluator().evaluate(api.facts_from_data(facts))
    return {firing.rule for firing in result.trace}


def test_every_rule_has_examples():
    missing = [rule_id for rule_id in RULES if KB.rules[rule_id].examples is None]
    assert missing == []


def examples(rule_id: str):
    found = KB.rules[rule_id].examples
    assert found is not None, f"rule {rule_id} has no examples"
    return found


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_fires_on_its_example(rule_id):
    assert rule_id in fired(examples(rule_id).fires)


@pytest.mark.parametrize("rule_id", RULES)
def test_rule_does_not_fire_on_its_near_miss(rule_id):
    assert rule_id not in fired(examples(rule_id).near_miss)


def test_summit_check_runs_the_same_examples():
    assert list(example_failures(KB)) == []
