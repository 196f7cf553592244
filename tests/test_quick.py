"""The searches' evaluation (expert.quick) gives the engine's certainties, re-run or not."""

import random
from pathlib import Path

import pytest
from explainkb import write_explain_kb

from expert import api
from expert.engine import Evaluator
from expert.facts import catalogue, certainties, validate_document
from expert.quick import Quick, values_of
from expert.source import Document
from expert.whatif import with_changes

SCENARIOS = 1_500
HEDGES = (0.1, 0.2, 0.5, 0.9, 1.0)


def random_facts(rng: random.Random, fields, known: float, hedged: float) -> dict:
    """A random fact file as data; some values held with a certainty, some below 0.2."""
    data: dict = {}
    for spec in fields.values():
        if rng.random() < known:
            value = rng.choice(spec.values)
            if rng.random() < hedged:
                value = {"value": value, "cf": rng.choice(HEDGES)}
            data.setdefault(spec.group, {})[spec.name] = value
    return data


def random_changes(rng: random.Random, kb) -> dict:
    """One to three fields set to another value, or to unknown."""
    paths = rng.sample(sorted(kb.fields), rng.choice((1, 2, 3)))
    return {p: rng.choice((*kb.fields[p].values, None)) for p in paths}


def engine_cfs(evaluator: Evaluator, facts) -> dict[str, float]:
    return {name: c.cf for name, c in evaluator.evaluate(facts).conclusions.items()}


def check_against_the_engine(kb, rng: random.Random, scenarios: int) -> None:
    """For each random scenario: the whole evaluation, then a variant re-run from it, in
    full and for one conclusion's rules only, against the engine on the edited file."""
    evaluator, quick, fields = Evaluator(kb), Quick(kb), catalogue(kb.model)
    for i in range(scenarios):
        data = random_facts(rng, fields, rng.choice((0.2, 0.5, 0.8, 1.0)), rng.choice((0, 0.3)))
        facts = validate_document(Document(f"random {i}", data, {}), kb.model)
        assert quick.of_facts(facts) == engine_cfs(evaluator, facts), f"scenario {i}"
        run = quick.run(values_of(facts, kb), certainties(facts, kb.model))
        changes = random_changes(rng, kb)
        expected = engine_cfs(evaluator, with_changes(facts, changes))
        assert run.after(changes) == expected, f"scenario {i}, {changes}"
        name = rng.choice(sorted(kb.conclusions))
        found = run.after(changes, quick.bearing_on(name)).get(name, 0.0)
        assert found == expected.get(name, 0.0), f"scenario {i}, {changes}, {name}"


@pytest.mark.slow
def test_the_engines_certainties_on_thousands_of_random_scenarios_and_variants():
    check_against_the_engine(api.knowledge_base(), random.Random(20261202), SCENARIOS)


def test_the_engines_certainties_on_a_small_base_with_or_and_not(tmp_path):
    kb = api.knowledge_base(write_explain_kb(tmp_path / "kb"))
    check_against_the_engine(kb, random.Random(7), 300)


def test_the_engines_certainties_on_every_scenario_and_record_file():
    evaluator = api.evaluator()
    for path in sorted((Path(__file__).parent.parent / "facts").rglob("*.yaml")):
        facts = api.load_facts(path)
        assert evaluator.quick.of_facts(facts) == engine_cfs(evaluator, facts), path.name


def test_a_variant_leaves_the_run_it_starts_from_as_it_was():
    kb, quick = api.knowledge_base(), api.evaluator().quick
    run = quick.run(values_of(api.load_facts(), kb))
    before = (dict(run.fired), dict(run.combined))
    changed = run.after({"climate.crisis": "high", "personal.rapport": "hostile"})
    assert changed != run.combined
    assert (run.fired, run.combined) == before
    assert run.after({}) == run.combined
