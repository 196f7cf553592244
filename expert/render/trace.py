"""The firing trace as a document: every firing in order, as CLIPS shows them when
watching rules, then the combined certainties."""

from __future__ import annotations

from ..records import MatchedFact, Trace, TraceStep
from .document import Blank, Block, Code, Document, Item, Para, Strong
from .phrases import UNCOUNTED, head
from .words import held_text


def document(data: Trace) -> Document:
    """The trace after the verdict; `Trace: no rule fired` when none did."""
    blocks: list[Block] = [*head(data), Blank()]
    if not data.trace:
        return Document(("Firing trace",), (*blocks, Para(("Trace: no rule fired",))))
    blocks.append(Para((f"Trace: {len(data.trace)} firings",)))
    for f in data.trace:
        note = "" if f.counted else f"  ({UNCOUNTED})"
        blocks.append(Para((Strong(f"{f.step:>4}  {f.rule}  [stratum {f.stratum}]"), note)))
        blocks += step_blocks(f, 3)
    blocks += [Blank(), Para(("Combined:",))]
    blocks += [Item((Code(name), f" {cf:+.2f}"), 1) for name, cf in data.combined.items()]
    return Document(("Firing trace",), tuple(blocks))


def step_blocks(f: TraceStep, depth: int) -> list[Block]:
    """A firing's matched facts, bindings, premise and what it lent, `depth` steps in."""
    blocks: list[Block] = [Item((f"matched: {matched_text(f.matched)}",), depth)]
    if f.bindings:
        bound = ", ".join(f"{k} = {v:+.2f}" for k, v in f.bindings.items())
        blocks.append(Item((f"bindings: {bound}",), depth))
    concluded = ", ".join(f"{k} {v:+.2f}" for k, v in f.concluded.items())
    return [*blocks, Item((f"premise {f.premise_cf:.2f} → {concluded}",), depth)]


def matched_text(matched: list[MatchedFact]) -> str:
    """`group(a = x, b = y); name (CF +0.40)`, or what matched when no fact did."""
    parts = []
    for m in matched:
        if m.kind == "conclusion":
            parts.append(f"{m.name} (CF {m.values['cf']:+.2f})")
        else:
            held = m.certainties or {}
            inner = ", ".join(f"{k} = {held_text(v, held.get(k))}" for k, v in m.values.items())
            parts.append(f"{m.name}({inner})")
    return "; ".join(parts) or "(no facts: the rule matched on absences)"
