"""A conclusion's diagnosis as blocks: its status, the rules that could conclude it, and
each failed condition as a tree of ✓ and ✗. WHY-NOT and the rule report both show it."""

from __future__ import annotations

from ..records import Node, Target
from .document import Block, Code, Heading, Item, Mark, Para
from .phrases import cites, found_text, status_text

NODE_WORDS = {"all": "all of:", "any": "any of:", "not": "not:"}


def target_blocks(entry: Target, depth: int) -> list[Block]:
    """The status of a conclusion, and each rule that could conclude it, `depth` steps in."""
    blocks: list[Block] = [Para((f"status: {status_text(entry)}",), depth)]
    if not entry.rules:
        return [*blocks, Para(("no rule concludes it in this direction",), depth)]
    blocks.append(Para(("rules that could conclude it:",), depth))
    for rule in entry.rules:
        text = (Mark(rule.fired), " ", Code(rule.rule))
        text += (f" ({rule.rule_cf:+.2f}): {rule.title} [{cites(rule)}]",)
        if rule.fired:
            text += (f"; fired at step {rule.step}, lent {rule.contribution:+.2f}",)
        blocks.append(Item(text, depth + 1))
        for node in [] if rule.fired else rule.conditions:
            blocks += node_blocks(node, depth + 3)
    return blocks


def node_blocks(node: Node, depth: int) -> list[Block]:
    """A diagnosed condition: ✓ or ✗, what it tests and what it found; groups nest."""
    if node.type in NODE_WORDS:
        blocks: list[Block] = [Item((Mark(node.holds), f" {NODE_WORDS[node.type]}"), depth)]
        for child in node.children:
            blocks += node_blocks(child, depth + 2)
        return blocks
    return [Item((Mark(node.holds), " ", Code(node.text), f": {found_text(node)}"), depth)]


def upstream_blocks(upstream: dict[str, Target]) -> list[Block]:
    """The conclusions a target needed upstream, each with its diagnosis."""
    blocks: list[Block] = []
    for name, entry in upstream.items():
        title = ("Needed upstream, ", Code(name), f" ({entry.direction}): {entry.title}")
        blocks += [Heading(title, depth=1), *target_blocks(entry, 2)]
    return blocks
