"""HOW as a document: each conclusion, the rules for and against it, down to the facts.

A conclusion shown once is only named again ("explained above"), so a shared one is
explained where it is first reached.
"""

from __future__ import annotations

from ..records import FiringEntry, How
from .document import Blank, Block, Code, Document, Item, Tone
from .phrases import cites, combination_text, facts_spans, head, premise_text

SIDES = (("supporting", "for", "green"), ("opposing", "against", "red"))


def document(data: How) -> Document:
    """The HOW tree of every root conclusion, after the verdict."""
    blocks: list[Block] = list(head(data))
    shown: set[str] = set()
    for root in data.roots:
        blocks += [Blank(), *conclusion_blocks(data, root, 0, shown)]
    return Document(("How the conclusions were reached",), tuple(blocks))


def conclusion_blocks(data: How, name: str, depth: int, shown: set[str]) -> list[Block]:
    """One conclusion, its combination and its firings; only named when shown before."""
    entry = data.conclusions[name]
    title = (Code(name), f": {entry.title}")
    if name in shown:
        return [Item((*title, f" (CF {entry.cf:+.2f}, explained above)"), depth)]
    shown.add(name)
    if not entry.concluded:
        hint = ("not concluded: no rule concluded anything about it (try --why-not ", Code(name))
        return [Item(title, depth, strong=True), Item((*hint, ")"), depth + 1)]
    blocks: list[Block] = [
        Item((*title, f" — {entry.band}, CF {entry.cf:+.2f}"), depth, strong=True),
        Item((f"combined: {combination_text(entry)}",), depth + 1),
    ]
    for side, word, colour in SIDES:
        for firing in getattr(entry, side):
            blocks += firing_blocks(data, firing, (word, colour), depth + 1, shown)
    return blocks


def firing_blocks(
    data: How, firing: FiringEntry, lent: tuple[str, str], depth: int, shown: set[str]
) -> list[Block]:
    """One firing: what it lent, its premise and reason, its facts, what it built on."""
    word, colour = lent
    lent_text = Tone(f"{word} {firing.contribution:+.2f}", colour)
    about = f" (step {firing.step}): {firing.title} [{cites(firing)}]"
    blocks: list[Block] = [
        Item((lent_text, "  ", Code(firing.rule), about), depth),
        Item((premise_text(firing),), depth + 2),
        Item(("why: ", firing.rationale), depth + 2),
    ]
    if firing.facts:
        blocks.append(Item(("facts: ", *facts_spans(firing.facts)), depth + 2))
    for used in firing.conclusions:
        blocks.append(Item(("built on ", Code(used.name), f" (CF {used.cf:+.2f}):"), depth + 2))
        blocks += conclusion_blocks(data, used.name, depth + 3, shown)
    return blocks
