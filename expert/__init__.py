"""summit-expert: a rule-based expert system with certainty factors and explanations.

The library's front door is `expert.api`; its main functions are re-exported here.
"""

from .api import (
    assess,
    batch,
    check,
    consultation,
    evaluator,
    explain,
    facts_from_data,
    knowledge_base,
    load_facts,
    sensitivity,
    what_if,
)

__all__ = [
    "assess",
    "batch",
    "check",
    "consultation",
    "evaluator",
    "explain",
    "facts_from_data",
    "knowledge_base",
    "load_facts",
    "sensitivity",
    "what_if",
]
