"""Rules compile to experta Rules whose patterns carry the tests, so Rete does the matching."""

from experta import AND, NOT, OR, TEST, Fact, P, Rule
from kbfactory import conclusion, evaluate, load, rule, write_kb, write_sample

from expert.api import fact_model
from expert.compiler import compile_engine, member_name, salience
from expert.engine import RecordingEngine
from expert.facts import group_facts

FactFile = fact_model()

RULES = [
    rule("crisis-talks", [{"field": "climate.crisis", "at_least": "moderate"}, {"field": "climate.tension", "is": "high"}], {"pressure": 0.5}),
    rule("warm-talks", [{"field": "personal.rapport", "is": "warm"}], {"meeting-occurs": 0.3}),
    rule("calm", [{"not": {"conclusion": "pressure"}}], {"meeting-occurs": -0.2}),
]  # fmt: skip


def compiled(tmp_path):
    kb = load(write_kb(tmp_path, RULES, [conclusion("pressure")]))
    return kb, compile_engine(kb, RecordingEngine)


def test_field_tests_are_pattern_constraints_on_the_group_fact(tmp_path):
    _, engine_class = compiled(tmp_path)
    compiled_rule = vars(engine_class)[member_name("crisis-talks")]
    assert isinstance(compiled_rule, Rule)
    (pattern,) = compiled_rule
    assert isinstance(pattern, Fact) and pattern["group"] == "climate"
    assert set(pattern) == {"group", "crisis", "tension"}
    crisis_values = pattern["crisis"][0].__self__  # P(frozenset.__contains__)
    assert isinstance(pattern["crisis"], P)
    assert crisis_values == frozenset({"moderate", "high"})
    assert pattern["tension"][0].__self__ == frozenset({"high"})


def test_not_compiles_to_an_experta_not(tmp_path):
    _, engine_class = compiled(tmp_path)
    (negated,) = vars(engine_class)[member_name("calm")]
    assert isinstance(negated, NOT)
    assert negated[0]["conclusion"] == "pressure"


def agenda_after_declaring(tmp_path, facts: dict) -> list[str]:
    kb, engine_class = compiled(tmp_path)
    engine = engine_class()
    engine.start(kb, group_facts(FactFile.model_validate(facts), FactFile))
    return sorted(a.rule.__name__ for a in engine.agenda.activations)


def test_a_rule_whose_facts_do_not_match_is_never_on_the_agenda(tmp_path):
    agenda = agenda_after_declaring(tmp_path, {"climate": {"crisis": "high", "tension": "low"}})
    assert member_name("crisis-talks") not in agenda
    assert member_name("warm-talks") not in agenda
    assert member_name("calm") in agenda  # nothing concluded pressure (yet)


def test_a_rule_whose_facts_match_is_activated_by_experta(tmp_path):
    agenda = agenda_after_declaring(tmp_path, {"climate": {"crisis": "high", "tension": "high"}})
    assert member_name("crisis-talks") in agenda


def test_a_rule_id_cannot_shadow_an_engine_method(tmp_path):
    rules = [rule(name, [{"field": "climate.crisis", "is": "high"}], {"meeting-occurs": 0.3}) for name in ("reset", "run", "declare")]  # fmt: skip
    result = evaluate(load(write_kb(tmp_path, rules, [])), {"climate": {"crisis": "high"}})
    assert [f.rule for f in result.trace] == ["declare", "reset", "run"]


def patterns(element) -> list[Fact]:
    """Every Fact pattern inside a conditional element; fails on a Python TEST."""
    assert not isinstance(element, TEST)
    if isinstance(element, Fact):
        return [element]
    assert isinstance(element, AND | OR | NOT | Rule)
    return [p for child in element for p in patterns(child)]


def test_every_rule_of_a_knowledge_base_is_matched_by_patterns_alone(tmp_path):
    kb = load(write_sample(tmp_path))
    engine_class = compile_engine(kb, RecordingEngine)
    for rule_id in kb.rules:
        compiled_rule = vars(engine_class)[member_name(rule_id)]
        assert compiled_rule.salience == salience(kb, rule_id)
        for pattern in patterns(compiled_rule):
            assert set(pattern) & {"group", "conclusion"}, (rule_id, pattern)
            fields, conclusions = kb.reads(rule_id)
            assert pattern.get("group") in {f.split(".")[0] for f in fields} | {None}
            assert pattern.get("conclusion") in {*conclusions, None}
