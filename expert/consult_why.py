"""WHY as a goal chain, as in MYCIN: the rule a question serves, then the rule that
rule serves, one level at a time up to the consultation's goal.

`chain` picks one path of rules from the field asked to a rule concluding the goal;
`level_text` shows one level of it: the rule's conditions split into those already
known (with what was found) and those not yet known, and what it concludes. Nothing
here names the domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from . import certainty
from .conditions import describe, reads_field
from .goal import Reach
from .hedge import Hedge
from .ruleschema import ConclusionTest, Condition, FieldTest

Known = Mapping[str, Any]


def chain(reach: Reach, path: str, known: Known, closed: Iterable[str]) -> list[str]:
    """Rule ids from one that reads `path` up to one that concludes the goal.

    At each level the rule nearest the goal, then the strongest, then the first by id.
    """
    closed = set(closed)

    def is_open(rule_id: str) -> bool:
        return reach.reading(reach.conditions[rule_id], known, closed)[0] is not False

    start = [r for r in reach.readers.get(path, ()) if is_open(r)]
    if not start:
        return []
    rules = [min(start, key=lambda r: (reach.height[r], -_strength(reach, r), r))]
    for _ in range(len(reach.cone)):  # one rule per level: bounded by the rules
        here = rules[-1]
        above = _above(reach, here, is_open) if reach.height[here] else []
        if not above:
            break
        rules.append(min(above, key=lambda r: (-_strength(reach, r), r)))
    return rules


def _above(reach: Reach, here: str, is_open) -> list[str]:
    """The open rules one step nearer the goal that read what `here` concludes."""
    names = {c.conclude for c in reach.kb.rules[here].then}
    return [
        r
        for r in reach.ranked
        if reach.height[r] == reach.height[here] - 1
        and names & set(reach.kb.reads(r)[1])
        and is_open(r)
    ]


def _strength(reach: Reach, rule_id: str) -> float:
    return max(abs(c.cf) for c in reach.kb.rules[rule_id].then)


def concluded(reach: Reach, rules: list[str], level: int) -> str:
    """What the rule at `level` (from 1) concludes on the way to the goal."""
    if level > len(rules):
        return reach.goal
    then = [c.conclude for c in reach.kb.rules[rules[level - 1]].then]
    wanted = reach.goal if level == len(rules) else None
    following = set(reach.kb.reads(rules[level])[1]) if level < len(rules) else set()
    return next((n for n in then if n == wanted or n in following), then[0])


def level_text(
    reach: Reach, rules: list[str], level: int, path: str, known: Known, closed: Iterable[str]
) -> str:
    """One level of the chain: the rule, its known and open conditions, its conclusion."""
    rule = reach.kb.rules[rules[level - 1]]
    paragraphs = ", ".join(rule.paragraphs)
    if level == 1:
        head = (
            f"[why 1] The answer to {path} can decide rule {rule.id} [{paragraphs}]: {rule.title}"
        )
    else:
        below = concluded(reach, rules, level - 1)
        head = f"[why {level}] {below} is read by rule {rule.id} [{paragraphs}]: {rule.title}"
    feeds = path if level == 1 else concluded(reach, rules, level - 1)
    sure, open_ = [], []
    for cond in rule.when:
        holds = reach.reading(cond, known, closed)[0]
        if holds is None:
            mark = _feeds(cond, feeds, level)
            open_.append(f"      {describe(cond)}{mark}")
        else:
            sure.append(f"      {describe(cond)}: {_found(reach, cond, known, closed, holds)}")
    then = ", ".join(f"{c.conclude} (CF {c.cf:+.2f})" for c in rule.then)
    lines = [head, "  known:", *(sure or ["      nothing yet"])]
    lines += ["  not yet known:", *(open_ or ["      nothing"]), f"  then {then}"]
    return "\n".join(lines) + "\n"


def goal_text(reach: Reach, level: int, cf: float) -> str:
    """The top of the chain."""
    title = reach.kb.conclusions[reach.goal].title
    return (
        f"[why {level}] {reach.goal} ({title}; so far {certainty.band(cf)}, CF {cf:+.2f}): "
        "this is the goal of the consultation.\n"
    )


def _feeds(cond: Condition, feeds: str, level: int) -> str:
    if level == 1 and reads_field(cond, feeds):
        return ": this question"
    if isinstance(cond, ConclusionTest) and cond.conclusion == feeds:
        return ": from the rule below"
    return ""


def _found(reach: Reach, cond: Condition, known: Known, closed, holds: bool) -> str:
    word = "holds" if holds else "fails"
    if isinstance(cond, FieldTest):
        found = known.get(cond.field)
        shown = "unknown" if found is None else _value(found)
        return f"{word}, found {shown}"
    if isinstance(cond, ConclusionTest):
        low, high = reach.spans(known, closed).get(cond.conclusion, (0.0, 0.0))
        return f"{word}, CF {low:+.2f}" + (f" to {high:+.2f}" if high != low else "")
    return word


def _value(found: Any) -> str:
    if isinstance(found, Hedge):
        return str(found)
    return str(found).lower() if isinstance(found, bool) else str(found)
