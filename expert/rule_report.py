"""Why one rule fired (its firings, what it fed) or did not (its conditions, one level up):
`summit explain --rule`."""

from __future__ import annotations

from . import certainty
from .explain import header, rule_head, step_entry
from .knowledge import KnowledgeBase
from .records import Fed, RuleEntry, RuleReport
from .result import Firing, Result
from .whynot import diagnose, missing_premises, target_entry


def rule_report(result: Result, kb: KnowledgeBase, rule_id: str) -> RuleReport:
    """Why one rule fired (its firings, what it fed) or did not (its conditions, one level up)."""
    rule = kb.rules[rule_id]
    firings = [f for f in result.trace if f.rule == rule_id]
    nodes = [diagnose(c, kb, result) for c in rule.when]
    fields = {
        **rule_head(kb, rule_id),
        "fired": bool(firings),
        "holds": all(n.holds for n in nodes),
        "firings": [step_entry(f, kb, result.certainties) for f in firings],
        "fed": [_fed(result, kb, c.conclude, c.cf, firings) for c in rule.then],
        "conditions": nodes,
    }
    # One level up only, and no counterfactual search: this mode stays instant.
    needed = missing_premises([RuleEntry(**fields, upstream={})])
    upstream = {n: target_entry(result, kb, n, d) for n, d in needed}
    return RuleReport(**header(result, kb, "rule"), rule=RuleEntry(**fields, upstream=upstream))


def _fed(
    result: Result, kb: KnowledgeBase, name: str, rule_cf: float, firings: list[Firing]
) -> Fed:
    """A conclusion the rule concludes: what the rule lent it (its counted firing), its final CF."""
    found = result.conclusions.get(name)
    lent = [f.concluded[name] for f in firings if f.counted and name in f.concluded]
    cf = found.cf if found else 0.0
    return Fed(
        conclusion=name,
        title=kb.conclusions[name].title,
        rule_cf=rule_cf,
        lent=lent[0] if lent else None,
        concluded=found is not None,
        cf=cf,
        band=certainty.band(cf),
    )
