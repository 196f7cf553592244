"""The result of an evaluation, as plain data: conclusions, firings and hashes; and its record."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from . import certainty
from .records import EvaluatedVerdict, Evaluation, Reached
from .records import Firing as FiringRecord
from .records import Matched as MatchedRecord


@dataclass(frozen=True)
class Matched:
    """A fact a firing matched: an input group's fields, or a derived conclusion."""

    kind: str  # "facts" or "conclusion"
    name: str  # the group or the conclusion
    values: dict[str, Any]  # the fields the rule read, or {"cf": …}
    fact_id: int


@dataclass(frozen=True)
class Firing:
    """One rule firing, recorded when it happened."""

    step: int
    rule: str
    stratum: int
    matched: tuple[Matched, ...]
    bindings: dict[str, Any]
    premise_cf: float
    concluded: dict[str, float]  # conclusion -> CF this firing lends it
    counted: bool = True  # False when the same rule already lent more (another branch)


@dataclass
class Conclusion:
    """A conclusion with its combined certainty and the firings behind it."""

    name: str
    kind: str
    category: str
    title: str
    cf: float
    supporting: list[int] = field(default_factory=list)  # steps of counted firings, cf > 0
    opposing: list[int] = field(default_factory=list)  # steps of counted firings, cf < 0

    @property
    def band(self) -> str:
        """The certainty in plain words."""
        return certainty.band(self.cf)

    @property
    def is_strong(self) -> bool:
        """Whether it is strong enough to trigger other rules."""
        return certainty.is_strong(self.cf)


@dataclass
class Result:
    """Everything one evaluation found."""

    scenario: str
    verdict: str  # the name of the verdict conclusion
    kb_hash: str
    input_hash: str
    facts: dict[str, Any]  # the known input facts, by dotted path
    conclusions: dict[str, Conclusion]
    trace: list[Firing]
    certainties: dict[str, float] = field(default_factory=dict)  # facts given with cf < 1

    @property
    def verdict_cf(self) -> float:
        """The verdict's certainty; 0 when no rule concluded anything about it."""
        found = self.conclusions.get(self.verdict)
        return found.cf if found else 0.0

    def rules_for(self, name: str) -> list[str]:
        """Ids of the rules whose counted firings support or oppose a conclusion."""
        found = self.conclusions.get(name)
        if not found:
            return []
        steps = set(found.supporting) | set(found.opposing)
        return sorted({f.rule for f in self.trace if f.step in steps})

    def evidence(self, name: str) -> list[tuple[str, float]]:
        """(rule, CF lent) of each counted firing behind a conclusion, strongest first."""
        found = self.conclusions.get(name)
        if not found:
            return []
        firings = [self.trace[step - 1] for step in found.supporting + found.opposing]
        lent = sorted((-abs(f.concluded[name]), f.rule, f.concluded[name]) for f in firings)
        return [(rule, cf) for _, rule, cf in lent]

    def by_category(self, category: str) -> list[Conclusion]:
        """Conclusions of one category, strongest first, then by name."""
        found = [c for c in self.conclusions.values() if c.category == category]
        return sorted(found, key=lambda c: (-c.cf, c.name))

    def to_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready data: its record, dumped."""
        return self.record().dump()

    def record(self) -> Evaluation:
        """The whole result as a record (`records.Evaluation`)."""
        return Evaluation(**self.record_fields())

    def record_fields(self) -> dict[str, Any]:
        """The fields of the result's record, for it and the records that extend it."""
        verdict = EvaluatedVerdict(
            conclusion=self.verdict, cf=self.verdict_cf, band=certainty.band(self.verdict_cf)
        )
        return {
            "scenario": self.scenario,
            "verdict": verdict,
            "kb_hash": self.kb_hash,
            "input_hash": self.input_hash,
            "facts": dict(sorted(self.facts.items())),
            **({"certainties": self.certainties} if self.certainties else {}),
            "conclusions": [self._reached(c) for _, c in sorted(self.conclusions.items())],
            "trace": [_firing_record(f) for f in self.trace],
        }

    def _reached(self, c: Conclusion) -> Reached:
        # Field by field rather than `asdict`, which deep-copies and costs 4x as much.
        return Reached(
            name=c.name,
            kind=c.kind,
            category=c.category,
            title=c.title,
            cf=c.cf,
            supporting=c.supporting,
            opposing=c.opposing,
            band=c.band,
            rules=self.rules_for(c.name),
        )


def _firing_record(f: Firing) -> FiringRecord:
    matched = [
        MatchedRecord(kind=m.kind, name=m.name, values=m.values, fact_id=m.fact_id)
        for m in f.matched
    ]
    return FiringRecord(
        step=f.step,
        rule=f.rule,
        stratum=f.stratum,
        matched=matched,
        bindings=f.bindings,
        premise_cf=f.premise_cf,
        concluded=f.concluded,
        counted=f.counted,
    )
