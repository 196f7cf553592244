"""A document as Markdown: headings, paragraphs, and trees as nested lists.

Every plain span goes through one escape (`md`); code spans are quoted, never escaped.
A run of items is one list: an item nests under the nearest earlier item with a smaller
depth, so a tree keeps its shape whatever steps its depths take.
"""

from __future__ import annotations

from ..safetext import printable
from .document import Code, Document, Heading, Item, Mark, Para, Spans, Strong, Tone

ESCAPED = str.maketrans({c: "\\" + c for c in "\\`*_[]<>|#"})


def md(text: str) -> str:
    """Escape the characters Markdown would read as formatting."""
    return text.translate(ESCAPED)


CELL = str.maketrans({"|": "\\|", "<": "&lt;", ">": "&gt;", "&": "&amp;", "\n": " "})


def cell(text: str) -> str:
    """Text safe inside a Markdown table cell, as written: a `|` cannot end the cell, a
    line break cannot end the row, and HTML shows as text."""
    return printable(text.translate(CELL))


def markdown(doc: Document) -> str:
    """The document as Markdown, its title as the top heading."""
    lines = [f"# {inline(doc.title)}", ""] if doc.title else []
    open_items: list[int] = []  # the depths of the items a new item may nest under
    for block in doc.blocks:
        if isinstance(block, Item):
            while open_items and open_items[-1] >= block.depth:
                open_items.pop()
            lines.append("  " * len(open_items) + "- " + _item(block))
            open_items.append(block.depth)
            continue
        open_items = []
        lines += ["", *_block(block)]
    return _tidy(lines)


def _item(block: Item) -> str:
    text = inline(block.text)
    return f"**{text}**" if block.strong else text


def _block(block: Heading | Para | object) -> list[str]:
    if isinstance(block, Heading):
        return ["#" * block.level + " " + inline(block.text), ""]
    if isinstance(block, Para):
        return [inline(block.text), ""]
    return []


def _tidy(lines: list[str]) -> str:
    """No blank line twice in a row, none at the start, one newline at the end."""
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    return "\n".join(out).strip("\n") + "\n"


def inline(spans: Spans) -> str:
    """Spans as Markdown: plain words escaped, names quoted, stress in bold."""
    return "".join(_span(span) for span in spans).strip()


SPANS = {
    str: md,
    Code: lambda span: f"`{span.text}`",
    Strong: lambda span: f"**{md(span.text.strip())}**",
    Tone: lambda span: md(span.text),
    Mark: lambda span: span.text,
}


def _span(span: object) -> str:
    return SPANS.get(type(span), md)(span)  # a subclass of str reads as plain words
