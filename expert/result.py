"""The result of an evaluation, as plain data: conclusions, firings and hashes."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from . import certainty


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

    def by_category(self, category: str) -> list[Conclusion]:
        """Conclusions of one category, strongest first, then by name."""
        found = [c for c in self.conclusions.values() if c.category == category]
        return sorted(found, key=lambda c: (-c.cf, c.name))

    def to_dict(self) -> dict[str, Any]:
        """The whole result as JSON-ready data."""
        return {
            "scenario": self.scenario,
            "verdict": {
                "conclusion": self.verdict,
                "cf": self.verdict_cf,
                "band": certainty.band(self.verdict_cf),
            },
            "kb_hash": self.kb_hash,
            "input_hash": self.input_hash,
            "facts": dict(sorted(self.facts.items())),
            **({"certainties": self.certainties} if self.certainties else {}),
            "conclusions": [
                {**asdict(c), "band": c.band, "rules": self.rules_for(c.name)}
                for _, c in sorted(self.conclusions.items())
            ],
            "trace": [asdict(f) for f in self.trace],
        }
