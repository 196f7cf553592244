"""Which explanation to give: HOW (default), the trace, WHY-NOT a conclusion, or one rule.

The one module that knows every explanation, so that none of them imports another's
caller: HOW and the trace (`explain`), WHY-NOT (`whynot`) and `--rule` (`rule_report`) import only what
they build on.
"""

from __future__ import annotations

from .engine import Evaluator
from .errors import ExpertError, unknown_conclusion, unknown_rule
from .explain import how, trace_data
from .facts import FactModel
from .knowledge import KnowledgeBase
from .records import Explanation
from .rule_report import rule_report
from .whynot import why_not_data


def explanation(
    evaluator: Evaluator,
    facts: FactModel,
    *,
    conclusion: str | None = None,
    why_not: str | None = None,
    trace: bool = False,
    rule: str | None = None,
) -> Explanation:
    """Evaluate `facts` and explain: HOW (default), the trace, WHY-NOT a conclusion, or a rule."""
    kb = evaluator.kb
    if sum(bool(x) for x in (conclusion, why_not, trace)) > 1:
        raise ExpertError("choose one of --conclusion, --why-not and --trace")
    if rule is not None and (conclusion or why_not or trace):
        raise ExpertError("--rule cannot be combined with --conclusion, --why-not or --trace")
    for name in (conclusion, why_not):
        check_conclusion(kb, name)
    if rule is not None and rule not in kb.rules:
        raise ExpertError(unknown_rule(rule, kb.rules))
    result = evaluator.evaluate(facts)
    if rule is not None:
        return rule_report(result, kb, rule)
    if trace:
        return trace_data(result, kb)
    if why_not:
        return why_not_data(result, kb, why_not, evaluator=evaluator, facts=facts)
    return how(result, kb, [conclusion] if conclusion else None)


def check_conclusion(kb: KnowledgeBase, name: str | None) -> None:
    """Raise a ExpertError with a did-you-mean when `name` is not a conclusion of `kb`."""
    if name is not None and name not in kb.conclusions:
        raise ExpertError(unknown_conclusion(name, kb.conclusions))
