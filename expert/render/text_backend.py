"""A document laid out as text: each block on its own line, two spaces per step in.

Colour comes from `style` (the command line's, which a pipe or NO_COLOR turns off). Given
a width, every line is wrapped by `render.text.wrap`, never inside a word, continuation
lines under their column; the command line passes none and wraps after escaping.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .document import Block, Code, Document, Heading, Item, Mark, Para, Spans, Strong, Tone, plain
from .text import wrap

Style = Callable[..., str]
STEP = "  "


def unstyled(text: str, **_: Any) -> str:
    """No colour: the style of plain text."""
    return text


def text(doc: Document, style: Style = unstyled, width: int | None = None) -> str:
    """The document as text lines, wrapped at `width` when one is given."""
    lines = [_line(block, style) for block in doc.blocks]
    if width:
        lines = [part for line in lines for part in wrap(line, width)]
    return "\n".join(lines) + "\n"


def _line(block: Block, style: Style) -> str:
    if isinstance(block, Heading) or (isinstance(block, Item) and block.strong):
        return STEP * block.depth + style(plain(block.text), bold=True)
    if isinstance(block, Para | Item):
        return STEP * block.depth + spans_text(block.text, style)
    return ""


def spans_text(spans: Spans, style: Style = unstyled) -> str:
    """Spans as one line of text: names as they are, stress bold, tones and marks coloured."""
    return "".join(_span(span, style) for span in spans)


def _span(span: object, style: Style) -> str:
    kind = type(span)
    if kind is str or kind is Code:
        return span if kind is str else span.text  # the common case, unstyled
    if isinstance(span, Strong):
        return style(span.text, bold=True)
    if isinstance(span, Tone):
        return style(span.text, fg=span.fg)
    if isinstance(span, Mark):
        return style(span.text, fg="green" if span.holds else "red")
    return str(span)
