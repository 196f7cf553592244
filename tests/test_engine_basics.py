"""Forward chaining over a tiny knowledge base: firing, chaining and combining."""

from kbfactory import conclusion, evaluate, load, rule, write_kb


def test_three_supports_combine_before_the_downstream_rule_fires_once(tmp_path):
    rules = [
        rule("rule-a", [{"field": "climate.crisis", "is": "high"}], {"pressure": 0.5}),
        rule("rule-b", [{"field": "climate.tension", "is": "high"}], {"pressure": 0.5}),
        rule("rule-c", [{"field": "personal.rapport", "is": "warm"}], {"pressure": 0.5}),
        rule("downstream", [{"conclusion": "pressure"}], {"meeting-occurs": 0.8}),
    ]
    kb = load(write_kb(tmp_path, rules, [conclusion("pressure")]))
    facts = {"climate": {"crisis": "high", "tension": "high"}, "personal": {"rapport": "warm"}}
    result = evaluate(kb, facts)
    assert result.conclusions["pressure"].cf == 0.875
    downstream = [f for f in result.trace if f.rule == "downstream"]
    assert len(downstream) == 1
    assert downstream[0].premise_cf == 0.875
    assert result.verdict_cf == 0.7
