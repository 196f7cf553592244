"""Rules compile to experta Rules whose patterns carry the tests, so Rete does the matching."""

from experta import NOT, Fact, P, Rule
from kbfactory import conclusion, evaluate, load, rule, write_kb

from expert.compiler import compile_engine, member_name
from expert.engine import RecordingEngine
from expert.facts import group_facts
from expert.model import FactFile

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
