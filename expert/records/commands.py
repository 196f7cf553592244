"""The records of `summit batch` (one row), `what-if`, `sensitivity` and `check`."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field

from .assessment import Verdict
from .base import CF, Band, Hash, Name, Path, Record, Value

# --- summit batch ------------------------------------------------------------------


class BatchRow(Record):
    """One row of `summit batch --format json|jsonl|csv`: one file, evaluated or failed.

    Besides these fields a row holds one list per report category, named after it (the
    knowledge base decides which): the strongest conclusions of that category.
    """

    model_config = ConfigDict(
        frozen=True,
        extra="allow",
        populate_by_name=True,
        # the category columns: a list of conclusion names each
        # (keys in sorted order, as every pydantic writes the schema)
        json_schema_extra={"additionalProperties": {"items": {"type": "string"}, "type": "array"}},
    )
    file: str = Field(description="The file's path, as found.")
    scenario: str | None = Field(description="The scenario's name; null when the file failed.")
    cf: CF | None = Field(description="The verdict's certainty factor.")
    band: Band | None = Field(description="The verdict's certainty in words.")
    reason: str | None = Field(
        description="The rule that lent the verdict the most on the side it came down on."
    )
    reason_cf: CF | None = Field(description="What that rule lent the verdict.")
    kb_hash: Hash = Field(description="The hash of the knowledge base's content.")
    input_hash: Hash | None = Field(description="The hash of the file's content.")
    error: str | None = Field(description="Why the file could not be evaluated, one line each.")


# --- summit what-if and summit sensitivity -----------------------------------------


class Setting(Record):
    """A field the what-if set, with its value before."""

    field: Path
    before: Value
    before_cf: float = Field(
        1.0, ge=0, le=1, description="The certainty the fact file held it with: 1 unless hedged."
    )
    after: Value
    cf: float = Field(1.0, ge=0, le=1, description="The certainty it is set with: 1 unless hedged.")


class VerdictMove(Record):
    """The verdict before and after the change."""

    conclusion: Name
    title: str
    before: CF
    after: CF
    delta: float = Field(description="after - before.")
    band_before: Band
    band_after: Band


class Move(Record):
    """A conclusion whose certainty moved."""

    conclusion: Name
    title: str
    before: CF
    after: CF
    delta: float = Field(description="after - before.")


class WhatIf(Record):
    """`summit what-if --format json`: what the settings changed."""

    scenario: str
    set: list[Setting]
    verdict: VerdictMove
    conclusions: list[Move] = Field(description="Every other conclusion that moved, largest first.")


class Change(Record):
    """One change of one fact, and where it takes the verdict."""

    field: Path
    from_: Value = Field(alias="from")
    to: Value
    cf: CF = Field(description="The verdict's CF after the change.")
    band: Band
    delta: float = Field(description="The new CF minus the scenario's.")


class Sensitivity(Record):
    """`summit sensitivity --format json`: the single changes that move the verdict most."""

    scenario: str
    verdict: Verdict
    tried: int = Field(ge=0, description="How many variants were evaluated.")
    variants: int = Field(
        ge=0, description="How many variants there are: more than tried when the budget ran out."
    )
    budget: int = Field(ge=0, description="The most variants one run evaluates.")
    changes: list[Change]


# --- summit check ------------------------------------------------------------------


class CheckFinding(Record):
    """One finding of `summit check`."""

    severity: Literal["error", "warning"]
    code: str = Field(pattern=r"^[EW]\d{3}$")
    check: str = Field(description="The check's name, as in docs/check.md.")
    rules: list[str]
    path: str
    line: int | None
    message: str


class CheckSummary(Record):
    """How many findings of each severity, and what was checked."""

    errors: int = Field(ge=0)
    warnings: int = Field(ge=0)
    rule_count: int | None = Field(None, ge=0)
    conclusion_count: int | None = Field(None, ge=0)
    ignored: int | None = Field(None, ge=0, description="Warnings left out by --ignore.")


class CheckReport(Record):
    """`summit check --format json`."""

    rules: str = Field(description="The knowledge base's folder, as given.")
    loaded: bool = Field(description="Whether it loaded; when not, only load errors are found.")
    summary: CheckSummary
    findings: list[CheckFinding]
    coverage: dict[str, dict[str, list[str]]] | None = Field(
        description="For each paragraph the rules citing it, for each field the rules reading it."
    )
