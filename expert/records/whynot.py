"""The records of WHY-NOT and of one rule's report: condition diagnoses, the conclusions
a rule could draw, and the counterfactual search."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import CF, Band, Name, Path, Record, Step, Value
from .explanation import FiringEntry, Header, How, RuleHead, Trace, TraceStep


class FieldNode(Record):
    """A test on an input field, diagnosed."""

    type: Literal["field"] = Field(description="`field`.")
    holds: bool = Field(description="Whether it holds over the facts.")
    field: Path = Field(description="The field tested.")
    test: Literal["is", "is_not", "one_of", "at_least", "at_most", "known"] = Field(
        description="The test's name, as in the rule file."
    )
    operand: Value | list[Value] = Field(description="What the test compares with.")
    value: Value = Field(description="The fact; null when unknown.")
    cf: float | None = Field(
        None, ge=0, le=1, description="The fact's certainty; absent when the fact is certain."
    )
    text: str = Field(description="The test in words, as `summit rules` writes it.")


class ConclusionNode(Record):
    """A test on a derived conclusion, diagnosed."""

    type: Literal["conclusion"] = Field(description="`conclusion`.")
    holds: bool = Field(description="Whether it holds: only |cf| ≥ 0.2 can satisfy it.")
    conclusion: Name = Field(description="The conclusion tested.")
    max_cf: CF | None = Field(None, description="Its upper bound, when the test has one.")
    min_cf: CF | None = Field(None, description="Its lower bound, when it has no upper one.")
    cf: CF | None = Field(description="The conclusion's CF; null when not concluded.")
    text: str = Field(description="The test in words.")


class GroupNode(Record):
    """`all`, `any` or `not` over other conditions, diagnosed."""

    type: Literal["all", "any", "not"] = Field(description="`all`, `any` or `not`.")
    holds: bool = Field(description="Whether it holds.")
    children: list[Node] = Field(description="Its conditions' diagnoses.")


Node = Annotated[FieldNode | ConclusionNode | GroupNode, Field(discriminator="type")]
GroupNode.model_rebuild()


class Candidate(RuleHead):
    """A rule that could conclude the target: whether it fired, and why not."""

    rule_cf: CF = Field(description="Its CF for this conclusion.")
    fired: bool = Field(description="Whether it fired (a counted firing).")
    step: Step | None = Field(description="The step it fired at.")
    contribution: CF | None = Field(description="What it lent.")
    conditions: list[Node] = Field(description="One condition node per condition in its `when`.")


class Target(Record):
    """A conclusion, and every rule that could conclude it in one direction."""

    conclusion: Name = Field(description="Its name.")
    title: str = Field(description="Its title.")
    direction: Literal["for", "against"] = Field(
        description="`for`: it needs CF ≥ 0.2; `against`: a rule needs it at CF ≤ −0.2."
    )
    cf: CF = Field(description="Its CF (0 when not concluded).")
    status: Literal["reached", "weak", "not-concluded"] = Field(
        description="`reached`, `weak` (not far enough in `direction`) or `not-concluded`."
    )
    rules: list[Candidate] = Field(description="Every rule that concludes it in `direction`.")


class FactChange(Record):
    """One fact changed."""

    field: Path = Field(description="The fact's dotted path.")
    from_: Value = Field(alias="from", description="Its value now; null is unknown.")
    to: Value = Field(description="The value tried; null is unknown.")


class Solution(Record):
    """A set of changes that reaches the goal."""

    changes: list[FactChange] = Field(description="The changes, in the fields' order.")
    cf: CF = Field(description="The goal's CF after the changes.")


class SizeCovered(Record):
    """How far the search got with sets of one size."""

    size: int = Field(ge=1, description="How many changes a set makes.")
    tried: int = Field(ge=0, description="Sets evaluated.")
    of: int = Field(ge=0, description="Sets of that size.")


class Counterfactual(Record):
    """The smallest sets of fact changes that make the target reach a CF of at least 0.2."""

    found: bool = Field(description="Whether a set of changes reaches the goal.")
    solutions: list[Solution] = Field(description="Up to 3 sets of the smallest size.")
    fields: list[Path] = Field(description="The fields searched.")
    max_changes: int = Field(ge=1, description="The largest set tried.")
    evaluations: int = Field(ge=0, description="How many sets were evaluated.")
    budget: int = Field(ge=0, description="The most evaluations allowed.")
    complete: bool = Field(description="False when the budget cut the search short.")
    sizes: list[SizeCovered] = Field(description="What was covered, for each size tried.")


class WhyNotEntry(Target):
    """The target of WHY-NOT, with what opposed it, what it needed upstream, a search."""

    opposing: list[FiringEntry] = Field(description="Firings (as in HOW) lending a negative CF.")
    upstream: dict[Name, Target] = Field(
        description="For each conclusion a failed candidate needed and did not get, recursively."
    )
    counterfactual: Counterfactual | None = Field(
        description="The search; null when the target is already reached."
    )


class WhyNot(Header):
    """`summit explain --why-not NAME`."""

    mode: Literal["why-not"] = Field(description="`why-not`.")
    why_not: WhyNotEntry = Field(description="The target entry, with what it needed.")


class Fed(Record):
    """A conclusion a rule concludes: what the rule lent it, and its final CF."""

    conclusion: Name = Field(description="The conclusion's name.")
    title: str = Field(description="Its title.")
    rule_cf: CF = Field(description="The rule's CF for it.")
    lent: CF | None = Field(description="What the rule's counted firing lent; null if none.")
    concluded: bool = Field(description="Whether any rule lent it anything.")
    cf: CF = Field(description="Its final certainty (0 when not concluded).")
    band: Band = Field(description="The certainty in words.")


class RuleEntry(RuleHead):
    """Why one rule fired, or did not."""

    fired: bool = Field(description="Whether it fired at all (it is in the trace).")
    holds: bool = Field(description="Whether all its conditions hold; equals `fired`.")
    firings: list[TraceStep] = Field(description="Its firings, as trace steps, in step order.")
    fed: list[Fed] = Field(description="One per conclusion in its `then`.")
    conditions: list[Node] = Field(description="One condition node per condition in its `when`.")
    upstream: dict[Name, Target] = Field(
        description="For each conclusion it needed and did not get; one level; empty if fired."
    )


class RuleReport(Header):
    """`summit explain --rule RULE_ID`."""

    mode: Literal["rule"] = Field(description="`rule`.")
    rule: RuleEntry = Field(description="The rule entry.")


Explanation = How | Trace | WhyNot | RuleReport
"""Any explanation; its `mode` says which."""
