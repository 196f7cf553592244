"""The record of `summit assess --format json`: one evaluation, its conclusions and trace."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from .base import CF, Band, Hash, Name, Path, Record, RuleId, Step, Value

Certainty = Annotated[float, Field(ge=0, le=1)]
Kind = Literal["hypothesis", "intermediate", "factor"]


class Verdict(Record):
    """The verdict of an evaluation, with its title."""

    conclusion: Name = Field(description="The verdict's conclusion name.")
    title: str = Field(description="The conclusion's title, a sentence to show.")
    cf: CF = Field(description="Its combined certainty; 0 when no rule concluded anything.")
    band: Band = Field(description="The certainty in words.")


class EvaluatedVerdict(Record):
    """The conclusion the knowledge base reports first (its manifest's `verdict`)."""

    conclusion: Name = Field(description="The verdict's conclusion name.")
    cf: CF = Field(description="Its combined certainty; 0 when no rule concluded anything.")
    band: Band = Field(description="The certainty in words.")


class AssessedVerdict(EvaluatedVerdict):
    """The verdict with its title (the assessment's order: the title comes last)."""

    title: str = Field(description="The conclusion's title, a sentence to show.")


class Reached(Record):
    """A conclusion some rule lent certainty to, and the firings behind it."""

    name: Name = Field(description="The conclusion, optionally with a category prefix.")
    kind: Kind = Field(
        description="`hypothesis` (reported), `intermediate` (feeds other rules) or `factor` "
        "(a consideration in play, without a direction)."
    )
    category: str = Field(description="The id of the report section it belongs to.")
    title: str = Field(description="Its title.")
    cf: CF = Field(
        description="What every counted firing lent it, combined (docs/certainty.md); listed "
        "even below the threshold 0.2, where it triggers no rule."
    )
    supporting: list[Step] = Field(description="The counted firings that lent it a positive CF.")
    opposing: list[Step] = Field(description="The counted firings that lent it a negative CF.")
    band: Band = Field(description="`cf` in words.")
    rules: list[RuleId] = Field(description="The ids of the rules behind those firings, sorted.")


class MatchedFact(Record):
    """A fact a firing matched: an input group's fields, or a derived conclusion."""

    kind: Literal["facts", "conclusion"] = Field(
        description="`facts` for an input group, `conclusion` for a derived conclusion."
    )
    name: str = Field(description="The group or the conclusion's name.")
    values: dict[str, Value] = Field(
        description="For a group, the fields of it the rule reads, with their values (null "
        'when unknown); for a conclusion, `{"cf": …}`.'
    )
    certainties: dict[str, float] | None = Field(
        None,
        description="For a group, the certainty of each of those fields held below 1; absent "
        "when every one is certain.",
    )


class Matched(MatchedFact):
    """A matched fact, with its id in the engine's working memory."""

    fact_id: int = Field(description="The fact's id in the engine's working memory.")


class Firing(Record):
    """One rule firing, in the order the engine fired them."""

    step: Step = Field(description="1, 2, 3 … in firing order.")
    rule: RuleId = Field(description="The rule's id.")
    stratum: int = Field(
        ge=0,
        description="The rule's stratum: 0 reads input facts only; a rule in stratum n reads "
        "conclusions that were complete before stratum n began.",
    )
    matched: list[Matched] = Field(description="The facts the firing matched, by fact id.")
    bindings: dict[str, CF] = Field(
        description="The certainties of the conclusions it used, named `cf0`, `cf1` … in the "
        "order of the rule's conditions."
    )
    premise_cf: CF = Field(description="The weakest of those, in absolute value; 1 for facts.")
    concluded: dict[Name, CF] = Field(
        description="What the firing lends each of the rule's conclusions: the rule's `cf` "
        "times `premise_cf`."
    )
    counted: bool = Field(
        description="False when another branch of the same rule's `any` matched as well and "
        "lent at least as much: a rule lends each conclusion once."
    )


class Evaluation(Record):
    """One evaluation of a fact file: `Result.to_dict()`."""

    scenario: str = Field(description="The fact file's scenario name; empty when it has none.")
    verdict: EvaluatedVerdict = Field(description="The verdict, reported first.")
    kb_hash: Hash = Field(
        description="A hash of the knowledge base's content: moving or reordering rules does "
        "not change it; editing a rule does."
    )
    input_hash: Hash = Field(
        description="The same kind of hash, of the fact file's content (not its formatting)."
    )
    facts: dict[Path, Value] = Field(
        description="The known input facts, by dotted path (`group.field`), sorted; unknown "
        "facts are left out."
    )
    certainties: dict[Path, Certainty] | None = Field(
        None,
        description="Only when some fact was given with a certainty below 1 (`{value, cf}`): "
        "that certainty, by dotted path. One below 0.2 makes the fact unknown to the rules.",
    )
    conclusions: list[Reached] = Field(
        description="Every conclusion some rule lent certainty to, sorted by name."
    )
    trace: list[Firing] = Field(description="Every rule firing, in firing order.")


class Category(Record):
    """One section of the report."""

    id: str = Field(description="The section's id, as conclusions name it in `category`.")
    title: str = Field(description="Its heading.")
    conclusions: list[Name] = Field(description="Its conclusions, strongest first, then by name.")


class Assessment(Evaluation):
    """`summit assess --format json`: the evaluation, with titles and the report's sections."""

    verdict: AssessedVerdict = Field(description="The verdict, reported first.")
    categories: list[Category] = Field(
        description="The report's sections, in the manifest's order."
    )
