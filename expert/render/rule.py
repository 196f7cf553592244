"""One rule's report as a document: why it fired (each firing, what it fed) or why not
(each condition and what it found, and what it needed one level up)."""

from __future__ import annotations

from ..records import Fed, RuleEntry, RuleReport
from .diagnosis import node_blocks, upstream_blocks
from .document import Blank, Block, Code, Document, Heading, Item, Para
from .phrases import UNCOUNTED, cites, head
from .trace import step_blocks


def document(data: RuleReport) -> Document:
    """The rule report after the verdict."""
    r = data.rule
    title = ("Rule ", Code(r.rule), f": {r.title}")
    blocks: list[Block] = [*head(data), Blank(), Heading((*title, f" [{cites(r)}]"))]
    blocks += [Para(("why: ", r.rationale), 1), Para((rule_status_text(r),), 1)]
    for f in r.firings:
        note = "counted" if f.counted else UNCOUNTED
        blocks += [Para((f"step {f.step} [stratum {f.stratum}], {note}:",), 1), *step_blocks(f, 3)]
    blocks.append(Para(("conditions:",), 1))
    for node in r.conditions:
        blocks += node_blocks(node, 2)
    blocks.append(Para(("concludes:",), 1))
    blocks += [Item((fed_text(fed),), 2) for fed in r.fed]
    blocks += upstream_blocks(r.upstream)
    return Document(title, tuple(blocks))


def rule_status_text(r: RuleEntry) -> str:
    """`fired: 2 firings, 1 counted` or `did not fire: a condition fails`."""
    if not r.fired:
        return "did not fire: " + ("a condition fails" if not r.holds else "its conditions hold")
    counted = sum(f.counted for f in r.firings)
    n = len(r.firings)
    return f"fired: {n} firing{'s' if n > 1 else ''}, {counted} counted"


def fed_text(fed: Fed) -> str:
    """`pressure (rule CF +0.50): lent +0.50; final CF +0.80, band`."""
    head = f"{fed.conclusion} (rule CF {fed.rule_cf:+.2f})"
    lent = "lent nothing" if fed.lent is None else f"lent {fed.lent:+.2f}"
    final = f"final CF {fed.cf:+.2f}, {fed.band}" if fed.concluded else "not concluded"
    return f"{head}: {lent}; {final}"
