"""The checks of `summit check` as data: each one's code, severity and meaning.

This module imports nothing, so `summit check --help` can offer the warning codes
without loading the library; `expert.check` runs the checks.
"""

from __future__ import annotations

CHECKS: dict[str, tuple[str, str, str]] = {
    # name: (code, severity, what it means)
    "invalid": ("E100", "error", "a file that cannot be read or does not fit the schema"),
    "unknown-field": ("E101", "error", "a condition tests a field the fact model lacks"),
    "unknown-value": ("E102", "error", "a condition tests a value outside the field's domain"),
    "unknown-conclusion": ("E103", "error", "a rule reads or draws an undeclared conclusion"),
    "duplicate-id": ("E104", "error", "two rules, or two conclusions, share a name"),
    "cycle": ("E105", "error", "rules depend on each other's conclusions in a circle"),
    "missing-citation": ("E106", "error", "a rule cites no source paragraph"),
    "unknown-paragraph": ("E107", "error", "a rule cites a paragraph the manifest lacks"),
    "impossible-conditions": ("E108", "error", "a rule's conditions can never all hold"),
    "unreachable-premise": ("E109", "error", "a rule needs a conclusion no rule can supply"),
    "too-complex": ("E110", "error", "a rule's conditions expand into too many engine branches"),
    "missing-examples": ("E111", "error", "a rule has no examples to test it on"),
    "example-does-not-fire": ("E112", "error", "a rule does not fire on its `fires` example"),
    "near-miss-fires": ("E113", "error", "a rule fires on its `near_miss` example"),
    "redundant": ("W201", "warning", "two rules with the same conditions and conclusion"),
    "subsumed": ("W202", "warning", "a rule that fires only when a more general one does"),
    "conflict": ("W203", "warning", "rules with overlapping conditions conclude opposites"),
    "dead-end": ("W204", "warning", "an intermediate conclusion that no rule reads"),
    "unused-field": ("W205", "warning", "an input field that no rule reads"),
    "uncited-paragraph": ("W206", "warning", "a source paragraph that no rule cites"),
    "never-concluded": ("W207", "warning", "a declared conclusion that no rule draws"),
    "inert-field": ("W208", "warning", "an input field whose value can change no hypothesis"),
    "unsourced-direction": (
        "W209",
        "warning",
        "a rule gives a direction-less factor a sign and has no `sources` note",
    ),
    "not-analysed": (
        "W210",
        "warning",
        "a rule over the term budget: not compared, assumed to fire",
    ),
    "empty-pack": ("W211", "warning", "a pack that adds no rule file and no model file"),
}
"""Every check, by name: its code, its severity and what it reports."""

WARNING_CODES = tuple(code for code, severity, _ in CHECKS.values() if severity == "warning")
"""The codes a run may ignore; errors cannot be ignored."""
