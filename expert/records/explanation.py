"""The records of `summit explain --format json`: the header every mode shares, HOW and
the trace (the WHY-NOT and rule records are in `records.whynot`)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from .assessment import Kind, MatchedFact, Verdict
from .base import CF, Band, Hash, Name, Path, Record, RuleId, Step, Value

Mode = Literal["how", "trace", "why-not", "rule"]


class Header(Record):
    """What every explanation starts with: its mode, the scenario, hashes and the verdict."""

    explain_version: Literal[1] = Field(description="1; keys are never removed within it.")
    mode: Mode = Field(description="`how`, `trace`, `why-not` or `rule`.")
    scenario: str = Field(description="The fact file's scenario name (may be empty).")
    kb_hash: Hash = Field(description="Hash of the knowledge base's content.")
    input_hash: Hash = Field(description="Hash of the fact file's content.")
    verdict: Verdict = Field(description="The verdict, as `summit assess` reports it.")


class RuleHead(Record):
    """What every explanation says of a rule."""

    rule: RuleId = Field(description="The rule id.")
    title: str = Field(description="The rule's title.")
    paragraphs: list[str] = Field(description="The source paragraphs it encodes.")
    pack: str | None = Field(
        None, description="The pack it comes from; absent when it is the knowledge base's own."
    )
    rationale: str = Field(description="Why the rule holds.")


class FactRead(Record):
    """An input fact a rule read."""

    field: Path = Field(description="The fact's dotted path.")
    value: Value = Field(description="Its value; null when unknown.")
    cf: float | None = Field(
        None, ge=0, le=1, description="Its certainty; absent when the fact is certain."
    )


class Used(Record):
    """A conclusion a firing built on."""

    name: Name = Field(description="The conclusion's name.")
    cf: CF = Field(description="Its certainty when the rule read it.")


class FiringEntry(Record):
    """A counted firing, as evidence for one conclusion."""

    step: Step = Field(description="Its step in the trace.")
    rule: RuleId = Field(description="The rule id.")
    title: str = Field(description="The rule's title.")
    paragraphs: list[str] = Field(description="The source paragraphs it encodes.")
    pack: str | None = Field(
        None, description="The pack it comes from; absent when it is the knowledge base's own."
    )
    rationale: str = Field(description="Why the rule holds.")
    rule_cf: CF = Field(description="The rule's CF for this conclusion.")
    premise_cf: CF = Field(description="Its premise's certainty (1 for input facts only).")
    contribution: CF = Field(description="What it lent: `rule_cf × premise_cf`.")
    facts: list[FactRead] = Field(
        description="The input facts it read: the known ones, and unknown ones it tests `known`."
    )
    conclusions: list[Used] = Field(description="The conclusions it built on.")


class CombinationStep(Record):
    """One step of MYCIN's combination."""

    left: CF = Field(description="The evidence combined so far.")
    right: CF = Field(description="The next evidence.")
    result: CF = Field(description="The two combined.")


class ConclusionEntry(Record):
    """One conclusion of a HOW explanation: its certainty, the firings for and against it."""

    name: Name = Field(description="The conclusion's name.")
    title: str = Field(description="Its title.")
    kind: Kind = Field(description="`hypothesis`, `intermediate` or `factor`.")
    category: str = Field(description="Its report category.")
    concluded: bool = Field(description="Whether any rule lent it anything.")
    cf: CF = Field(description="Its combined certainty (0 when not concluded).")
    band: Band = Field(description="The certainty in words.")
    strong: bool = Field(description="Whether |cf| ≥ 0.2, so other rules can read it.")
    combination: list[CombinationStep] = Field(
        description="The combination step by step; empty with one contribution."
    )
    supporting: list[FiringEntry] = Field(description="Firings lending a positive CF.")
    opposing: list[FiringEntry] = Field(description="Firings lending a negative CF.")


class How(Header):
    """`summit explain` (HOW): each root conclusion, down to the facts."""

    mode: Literal["how"] = Field(description="`how`.")
    roots: list[Name] = Field(
        description="The conclusions explained: the verdict and every reported one, or one."
    )
    conclusions: dict[Name, ConclusionEntry] = Field(
        description="Conclusion entries by name, sorted: the roots and all they build on."
    )


class TraceStep(Record):
    """One firing as the trace shows it."""

    step: Step = Field(description="1, 2, …")
    rule: RuleId = Field(description="The rule id.")
    title: str = Field(description="The rule's title.")
    stratum: int = Field(ge=0, description="Its stratum: 0 reads only input facts.")
    matched: list[MatchedFact] = Field(description="The facts it matched.")
    bindings: dict[str, CF] = Field(description="Variables bound to conclusion CFs.")
    premise_cf: CF = Field(description="Its premise's certainty.")
    concluded: dict[Name, CF] = Field(description="What it lends each conclusion, by name.")
    counted: bool = Field(description="False when a stronger match of the same rule counts.")


class Trace(Header):
    """`summit explain --trace`: every firing in order."""

    mode: Literal["trace"] = Field(description="`trace`.")
    trace: list[TraceStep] = Field(description="Trace steps, in firing order.")
    combined: dict[Name, CF] = Field(description="Each conclusion's final CF, by name.")
