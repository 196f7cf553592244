"""HOW and the firing trace, as records: pure functions over a Result and its knowledge base.

Every explanation is a record of `expert.records` (its fields in docs/explain.md); the
renderers in `expert.render` turn the same record into text, Markdown or a graph,
so every format says the same thing.
"""

from __future__ import annotations

from typing import Any

from . import certainty
from .conditions import signed_tests
from .knowledge import KnowledgeBase
from .records import (
    CombinationStep,
    ConclusionEntry,
    FactRead,
    FiringEntry,
    How,
    MatchedFact,
    Trace,
    TraceStep,
    Used,
    Verdict,
)
from .result import Firing, Matched, Result
from .ruleschema import FieldTest

EXPLAIN_VERSION = 1


def header(result: Result, kb: KnowledgeBase, mode: str) -> dict[str, Any]:
    """The fields every explanation starts with: its mode, the scenario, hashes, the verdict."""
    cf = result.verdict_cf
    verdict = Verdict(
        conclusion=result.verdict,
        title=kb.conclusions[result.verdict].title,
        cf=cf,
        band=certainty.band(cf),
    )
    return {
        "explain_version": EXPLAIN_VERSION,
        "mode": mode,
        "scenario": result.scenario,
        "kb_hash": result.kb_hash,
        "input_hash": result.input_hash,
        "verdict": verdict,
    }


def reported(result: Result, kb: KnowledgeBase) -> list[str]:
    """The conclusions a report shows: the verdict, then the others reached, by category."""
    names = [result.verdict]
    for category in kb.manifest.categories:
        names += [
            c.name
            for c in result.by_category(category.id)
            if c.name != result.verdict and c.kind != "intermediate"
        ]
    return names


def how(result: Result, kb: KnowledgeBase, names: list[str] | None = None) -> How:
    """HOW each of `names` (default: every reported conclusion) was reached, down to the facts."""
    roots = names or reported(result, kb)
    entries: dict[str, ConclusionEntry] = {}
    pending = list(reversed(roots))
    while pending:
        name = pending.pop()
        if name in entries:
            continue
        entries[name] = conclusion_entry(result, kb, name)
        for firing in entries[name].supporting + entries[name].opposing:
            pending += [c.name for c in firing.conclusions]
    return How(**header(result, kb, "how"), roots=roots, conclusions=dict(sorted(entries.items())))


def conclusion_entry(result: Result, kb: KnowledgeBase, name: str) -> ConclusionEntry:
    """One conclusion: its certainty, the firings for and against it, and how they combined."""
    spec = kb.conclusions[name]
    found = result.conclusions.get(name)
    firings = {f.step: f for f in result.trace}
    supporting = found.supporting if found else []
    opposing = found.opposing if found else []
    lent = [firings[s].concluded[name] for s in sorted(supporting + opposing)]
    cf = found.cf if found else 0.0
    return ConclusionEntry(
        name=name,
        title=spec.title,
        kind=spec.kind,
        category=spec.category,
        concluded=found is not None,
        cf=cf,
        band=certainty.band(cf),
        strong=certainty.is_strong(cf),
        combination=combination_steps(lent),
        supporting=[firing_entry(result, kb, firings[s], name) for s in supporting],
        opposing=[firing_entry(result, kb, firings[s], name) for s in opposing],
    )


def firing_entry(result: Result, kb: KnowledgeBase, firing: Firing, name: str) -> FiringEntry:
    """A firing as evidence for one conclusion: the rule, what it matched, what it lent."""
    rule = kb.rules[firing.rule]
    return FiringEntry(
        step=firing.step,
        **rule_head(kb, rule.id),
        rule_cf={c.conclude: c.cf for c in rule.then}[name],
        premise_cf=firing.premise_cf,
        contribution=firing.concluded[name],
        facts=facts_read(result, kb, rule.id),
        conclusions=[
            Used(name=m.name, cf=m.values["cf"]) for m in firing.matched if m.kind == "conclusion"
        ],
    )


def rule_head(kb: KnowledgeBase, rule_id: str) -> dict[str, Any]:
    """The fields every explanation gives a rule (`records.RuleHead`): its id, title,
    paragraphs and rationale, and the pack it comes from when it is not the base's own."""
    rule = kb.rules[rule_id]
    pack = {"pack": kb.pack_of(rule_id)} if kb.pack_of(rule_id) else {}
    return {
        "rule": rule.id,
        "title": rule.title,
        "paragraphs": list(rule.paragraphs),
        **pack,
        "rationale": " ".join(rule.rationale.split()),
    }


def facts_read(result: Result, kb: KnowledgeBase, rule_id: str) -> list[FactRead]:
    """The input facts a rule reads: the known ones, and unknown ones it tests with `known`."""
    fields, _ = kb.reads(rule_id)
    tests_known = {
        t.field
        for t, _ in signed_tests(kb.rules[rule_id].condition)
        if isinstance(t, FieldTest) and t.known is not None
    }
    return [
        FactRead(field=f, value=result.facts.get(f), **fact_certainty(result, f))
        for f in fields
        if f in result.facts or f in tests_known
    ]


def fact_certainty(result: Result, field: str) -> dict[str, float]:
    """A fact's `cf`, given only when it is below 1."""
    return {"cf": result.certainties[field]} if field in result.certainties else {}


def combination_steps(factors: list[float]) -> list[CombinationStep]:
    """MYCIN's combination of `factors`, step by step, in the order `combine_all` uses.

    Each step's result is `certainty.combine_all` of the evidence combined so far, so the
    steps stay exact however many there are, and the last one is the conclusion's CF.
    """
    steps: list[CombinationStep] = []
    totals = []
    for side in ([f for f in sorted(factors) if f >= 0], [f for f in sorted(factors) if f < 0]):
        if not side:
            continue
        total = side[0]
        for k, cf in enumerate(side[1:], start=2):
            left, total = total, certainty.combine_all(side[:k])
            steps.append(CombinationStep(left=left, right=cf, result=total))
        totals.append(total)
    if len(totals) == 2:
        steps.append(
            CombinationStep(left=totals[0], right=totals[1], result=certainty.combine_all(factors))
        )
    return steps


def matched_fact(matched: Matched, held: dict[str, float]) -> MatchedFact:
    """A matched fact as data; a group's fields held below 1 carry their certainty."""
    cfs = {k: held[f"{matched.name}.{k}"] for k in matched.values if f"{matched.name}.{k}" in held}
    extra = {"certainties": cfs} if matched.kind == "facts" and cfs else {}
    return MatchedFact(kind=matched.kind, name=matched.name, values=matched.values, **extra)


def trace_data(result: Result, kb: KnowledgeBase) -> Trace:
    """Every firing in order, as data: like watching rules fire, but machine-readable."""
    return Trace(
        **header(result, kb, "trace"),
        trace=[step_entry(f, kb, result.certainties) for f in result.trace],
        combined={name: c.cf for name, c in sorted(result.conclusions.items())},
    )


def step_entry(firing: Firing, kb: KnowledgeBase, held: dict[str, float]) -> TraceStep:
    """One firing as the trace shows it: what it matched (with the certainties `held` of
    facts given below 1) and bound, and what it lent."""
    return TraceStep(
        step=firing.step,
        rule=firing.rule,
        title=kb.rules[firing.rule].title,
        stratum=firing.stratum,
        matched=[matched_fact(m, held) for m in firing.matched],
        bindings=firing.bindings,
        premise_cf=firing.premise_cf,
        concluded=firing.concluded,
        counted=firing.counted,
    )
