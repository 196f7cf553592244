"""WHY-NOT as a document: the rules that could conclude it, their failed conditions, what
stood against it, what it needed upstream, and the smallest change that reaches it."""

from __future__ import annotations

from ..records import Counterfactual, FactChange, FiringEntry, WhyNot
from .diagnosis import target_blocks, upstream_blocks
from .document import Blank, Block, Code, Document, Heading, Item, Para
from .phrases import cites, facts_spans, head
from .words import value_text


def document(data: WhyNot) -> Document:
    """WHY-NOT after the verdict."""
    w = data.why_not
    title = ("Why not ", Code(w.conclusion), f": {w.title}?")
    blocks: list[Block] = [*head(data), Blank(), Heading(title), *target_blocks(w, 1)]
    if w.opposing:
        blocks.append(Para(("Against it:",), 1))
        for firing in w.opposing:
            blocks += opposing_blocks(firing)
    blocks += upstream_blocks(w.upstream)
    blocks += counterfactual_blocks(w.counterfactual)
    return Document(("Why not ", w.title, " (", Code(w.conclusion), ")?"), tuple(blocks))


def opposing_blocks(firing: FiringEntry) -> list[Block]:
    """A firing that lent against the conclusion, and the facts it matched."""
    text = (f"{firing.contribution:+.2f}  ", Code(firing.rule))
    text += (f" (step {firing.step}): {firing.title} [{cites(firing)}]",)
    blocks: list[Block] = [Item(text, 2)]
    if firing.facts:
        blocks.append(Item(("facts: ", *facts_spans(firing.facts)), 4))
    return blocks


def counterfactual_blocks(search: Counterfactual | None) -> list[Block]:
    """The smallest sets of changes found, or what the bounded search covered."""
    if search is None:
        return []
    tally = f"{search.evaluations} evaluations over {len(search.fields)} fields"
    done = Para((f"{exhaustive_text(search)}.",), 1)
    if not search.found:
        line = f"No set of at most {search.max_changes} fact changes reaches it: "
        return [Para((f"{line}{coverage_text(search)}; {tally}.",), 1), done]
    blocks: list[Block] = [Para(("Smallest change that reaches it:",), 1)]
    for i, solution in enumerate(search.solutions):
        changes: list[str | Code] = ["or "] if i else []
        for k, change in enumerate(solution.changes):
            changes += ["; "] if k else []
            changes.append(Code(change_text(change)))
        blocks.append(Item((*changes, f"  → CF {solution.cf:+.2f}"), 2))
    return [*blocks, Para((f"({tally})",), 1), done]


def coverage_text(search: Counterfactual) -> str:
    """What a search covered: `searched all 12 sets of 1 change; sets of 2 changes: 488
    of 1,205 tried, then the budget of 500 evaluations ran out`."""
    done = [s for s in search.sizes if s.tried >= s.of]
    cut = [s for s in search.sizes if s.tried < s.of]
    parts = [f"searched all {s.of:,} sets of {_changes(s.size)}" for s in done]
    parts += [
        f"sets of {_changes(s.size)}: {s.tried:,} of {s.of:,} tried, then the "
        f"budget of {search.budget:,} evaluations ran out"
        for s in cut
    ]
    return "; ".join(parts) + ("" if cut else " (the search was complete)")


def exhaustive_text(search: Counterfactual) -> str:
    """Whether every set of 1 and of 2 changes was tried: `Exhaustive for 1 change: yes
    (all 12 sets); for 2 changes: no (488 of 1,205 sets; budget hit)`."""
    tried = {s.size: s for s in search.sizes}
    smallest = min((len(s.changes) for s in search.solutions), default=None)
    parts = []
    for size in (1, 2):
        entry = tried.get(size)
        if entry is None:
            why = "not needed (a smaller set reaches it)" if smallest else "no (budget hit)"
        elif entry.tried >= entry.of:
            why = {0: "yes (there are none)", 1: "yes (the only set)"}.get(
                entry.of, f"yes (all {entry.of:,} sets)"
            )
        else:
            enough = "enough sets found" if smallest == size else "budget hit"
            why = f"no ({entry.tried:,} of {entry.of:,} sets; {enough})"
        parts.append(f"for {_changes(size)}: {why}")
    return "Exhaustive " + "; ".join(parts)


def _changes(size: int) -> str:
    return f"{size} change{'s' if size > 1 else ''}"


def change_text(change: FactChange) -> str:
    """`field: from → to`, the values as typed."""
    return f"{change.field}: {value_text(change.from_)} → {value_text(change.to)}"
