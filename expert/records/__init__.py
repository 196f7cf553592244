"""The shapes of every result, as frozen pydantic models: one record per result.

Each record describes one command's output field by field. The library builds them, the
renderers read their attributes, and `--format json` prints `Record.dump()`. Their JSON
Schemas, generated from them, are published in docs/schemas/, and a test validates every
command's output on every scenario against its record. So a field that appears,
disappears or changes type is a decision, made here, and never an accident.

By concept: `base` (the base model and shared types), `assessment`, `explanation` (the
header, HOW, the trace), `whynot` (WHY-NOT and one rule's report), `commands` (batch,
what-if, sensitivity, check) and `backtest`.
"""

from __future__ import annotations

from pydantic import BaseModel

from .assessment import (
    AssessedVerdict,
    Assessment,
    Category,
    EvaluatedVerdict,
    Evaluation,
    Firing,
    Matched,
    MatchedFact,
    Reached,
)
from .backtest import Backtest, Bin, Comparison, FileScore, Scores
from .base import CF, Band, Hash, Name, Path, Record, Value, json_schema, stable
from .commands import (
    BatchRow,
    Change,
    CheckFinding,
    CheckReport,
    CheckSummary,
    Move,
    Sensitivity,
    Setting,
    VerdictMove,
    WhatIf,
)
from .explanation import (
    CombinationStep,
    ConclusionEntry,
    FactRead,
    FiringEntry,
    Header,
    How,
    RuleHead,
    Trace,
    TraceStep,
    Used,
    Verdict,
)
from .whynot import (
    Candidate,
    ConclusionNode,
    Counterfactual,
    Explanation,
    FactChange,
    Fed,
    FieldNode,
    GroupNode,
    Node,
    RuleEntry,
    RuleReport,
    SizeCovered,
    Solution,
    Target,
    WhyNot,
    WhyNotEntry,
)

PUBLISHED: dict[str, type[BaseModel]] = {
    "assess": Assessment,
    "explain-how": How,
    "explain-trace": Trace,
    "explain-why-not": WhyNot,
    "explain-rule": RuleReport,
    "batch-row": BatchRow,
    "what-if": WhatIf,
    "sensitivity": Sensitivity,
    "check": CheckReport,
    "backtest": Backtest,
}
"""The schemas published in docs/schemas/, by file stem."""

__all__ = [
    "CF",
    "PUBLISHED",
    "AssessedVerdict",
    "Assessment",
    "Backtest",
    "Band",
    "BatchRow",
    "Bin",
    "Candidate",
    "Category",
    "Change",
    "CheckFinding",
    "CheckReport",
    "CheckSummary",
    "CombinationStep",
    "Comparison",
    "ConclusionEntry",
    "ConclusionNode",
    "Counterfactual",
    "EvaluatedVerdict",
    "Evaluation",
    "Explanation",
    "FactChange",
    "FactRead",
    "Fed",
    "FieldNode",
    "FileScore",
    "Firing",
    "FiringEntry",
    "GroupNode",
    "Hash",
    "Header",
    "How",
    "Matched",
    "MatchedFact",
    "Move",
    "Name",
    "Node",
    "Path",
    "Reached",
    "Record",
    "RuleEntry",
    "RuleHead",
    "RuleReport",
    "Scores",
    "Sensitivity",
    "Setting",
    "SizeCovered",
    "Solution",
    "Target",
    "Trace",
    "TraceStep",
    "Used",
    "Value",
    "Verdict",
    "VerdictMove",
    "WhatIf",
    "WhyNot",
    "WhyNotEntry",
    "json_schema",
    "stable",
]
