"""The record of `summit backtest --format json`: each file's score, and the scores."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from .base import Record

Probability = Annotated[float, Field(ge=0.0, le=1.0)]


class FileScore(Record):
    """One file with a record: its verdict against its outcome, or why it could not be read."""

    file: str = Field(description="The fact file, as given or found.")
    scenario: str | None = Field(description="The scenario's name; null when the file failed.")
    outcome: str | None = Field(description="The record's outcome; null when the file failed.")
    label: Annotated[int, Field(ge=0, le=1)] | None = Field(
        description="The outcome as a label: 1 when the verdict's conclusion came true, else 0."
    )
    cf: Annotated[float, Field(ge=-1.0, le=1.0)] | None = Field(description="The verdict's CF.")
    p: Probability | None = Field(description="The verdict as a probability, (CF + 1) / 2.")
    hit: bool | None = Field(description="Whether the verdict's sign predicted the label.")
    error: str | None = Field(description="Why the file could not be evaluated, on one line.")


class Scores(Record):
    """The scores of one forecaster over the files."""

    accuracy: Probability = Field(
        description="Sign accuracy: the share of hits (higher is better)."
    )
    brier: Probability = Field(description="Mean squared error of p (lower is better).")
    log_score: float = Field(ge=0.0, description="Mean -ln p of what happened (lower is better).")
    auc: Probability | None = Field(
        description="Area under the ROC curve (higher is better); null when one label is absent."
    )


class Comparison(Record):
    """The knowledge base's scores beside the two baselines'."""

    model: Scores = Field(description="The knowledge base's verdicts.")
    base_rate: Scores = Field(description="A constant forecast: the share of files labelled 1.")
    even: Scores = Field(description="A constant forecast of p = 0.5.")


class Bin(Record):
    """One calibration bin: the forecasts whose p lies in [low, high)."""

    low: Probability = Field(description="The bin's lower edge, included.")
    high: Probability = Field(description="Its upper edge, excluded but for the last bin's 1.")
    count: int = Field(ge=0, description="How many forecasts fall in the bin.")
    mean_p: Probability | None = Field(description="Their mean p; null when the bin is empty.")
    observed: Probability | None = Field(description="The share labelled 1; null when empty.")


class Backtest(Record):
    """What `summit backtest` found: each file, and the scores over those that were evaluated."""

    kb_hash: str = Field(description="The knowledge base's content hash.")
    files: list[FileScore] = Field(description="Files with a record, and files that failed.")
    skipped: list[str] = Field(description="Files without a record, not scored.")
    n: int = Field(ge=0, description="How many files were scored.")
    failed: int = Field(ge=0, description="How many files could not be evaluated.")
    base_rate: Probability | None = Field(description="The share of scored files labelled 1.")
    scores: Comparison | None = Field(description="The scores; null when no file was scored.")
    calibration: list[Bin] = Field(description="The calibration table, bin by bin.")

    @property
    def scored(self) -> list[FileScore]:
        """The files that were evaluated."""
        return [f for f in self.files if f.error is None]
