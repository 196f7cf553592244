"""summit-expert: a rule-based expert system with certainty factors and explanations.

The library's front door is `expert.api`; its main functions are re-exported here
(those whose names would hide a submodule, such as `explain` or `batch`, stay in `api`).
"""

from .api import (
    assess,
    consultation,
    evaluator,
    facts_from_data,
    knowledge_base,
    load_facts,
    sensitivity,
    what_if,
)

__all__ = [
    "assess",
    "consultation",
    "evaluator",
    "facts_from_data",
    "knowledge_base",
    "load_facts",
    "sensitivity",
    "what_if",
]
