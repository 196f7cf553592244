"""summit-expert: a rule-based expert system with certainty factors and explanations.

The library's front door is `expert.api`; its main functions are re-exported here
(those whose names would hide a submodule, such as `explain` or `batch`, stay in `api`).
"""

from __future__ import annotations

from typing import Any

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


def __getattr__(name: str) -> Any:
    # Imported on first use, so that `summit` can handle Ctrl-C before the heavy imports.
    if name in __all__:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
