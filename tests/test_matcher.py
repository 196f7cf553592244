"""The specialised matcher fires exactly as experta's Rete network does."""

import random
from pathlib import Path

import pytest
from explainkb import write_explain_kb

from expert import api
from expert.engine import MATCHERS, Evaluator
from expert.facts import catalogue

SCENARIOS = 2_000


def random_facts(rng: random.Random, known: float, fields) -> dict:
    """A random fact file as data: each field known with probability `known`."""
    data: dict = {}
    for spec in fields.values():
        if rng.random() < known:
            data.setdefault(spec.group, {})[spec.name] = rng.choice(spec.values)
    return data


def run(evaluator: Evaluator, facts) -> tuple:
    """Everything a result depends on: the trace, firing by firing, and the conclusions."""
    result = evaluator.evaluate(facts)
    return [firing.__dict__ for firing in result.trace], result.to_dict()["conclusions"]


def test_both_matchers_are_selectable():
    assert set(MATCHERS) == {"compiled", "rete"}
    with pytest.raises(KeyError):
        Evaluator(api.knowledge_base(), matcher="none")


@pytest.mark.slow
def test_identical_firings_on_thousands_of_random_scenarios():
    kb = api.knowledge_base()
    fast, stock = Evaluator(kb, "compiled"), Evaluator(kb, "rete")
    rng = random.Random(20261201)
    fields = catalogue(kb.model)
    for i in range(SCENARIOS):
        facts = api.facts_from_data(random_facts(rng, rng.choice((0.2, 0.5, 0.8)), fields))
        assert run(fast, facts) == run(stock, facts), f"scenario {i}"


def test_identical_on_every_scenario_and_record_file():
    fast, stock = (
        Evaluator(api.knowledge_base(), "compiled"),
        Evaluator(api.knowledge_base(), "rete"),
    )
    for path in sorted((Path(__file__).parent.parent / "facts").rglob("*.yaml")):
        facts = api.load_facts(path)
        assert run(fast, facts) == run(stock, facts), path.name


def test_identical_on_a_small_base_with_or_and_not(tmp_path):
    kb = api.knowledge_base(write_explain_kb(tmp_path / "kb"))
    fast, stock = Evaluator(kb, "compiled"), Evaluator(kb, "rete")
    rng = random.Random(7)
    for _ in range(300):
        facts = api.facts_from_data(random_facts(rng, 0.6, catalogue(kb.model)))
        assert run(fast, facts) == run(stock, facts)
