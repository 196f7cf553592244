"""A document of blocks, the one shape every explanation is written in.

An explanation builds a `Document` from its record once; a back-end lays it out: as text
at the terminal's width (`text_backend`) or as Markdown (`markdown_backend`). A block's
text is a tuple of spans: plain strings, and the few marks a back-end may show its own
way (code, strong, a tone, a check mark).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Code:
    """A name as written in a file (rule id, field, conclusion): Markdown quotes it."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    """Words to stress: bold on a terminal and in Markdown."""

    text: str


@dataclass(frozen=True, slots=True)
class Tone:
    """Words coloured on a terminal (`green`, `red`); plain elsewhere."""

    text: str
    fg: str


@dataclass(frozen=True, slots=True)
class Mark:
    """✓ when something holds, ✗ when not."""

    holds: bool

    @property
    def text(self) -> str:
        """The mark itself."""
        return "✓" if self.holds else "✗"


Span = str | Code | Strong | Tone | Mark
Spans = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    """A section's title, `depth` steps in on a terminal, of Markdown `level`."""

    text: Spans
    level: int = 2
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Para:
    """A paragraph of one line (wrapped by the text back-end), `depth` steps in."""

    text: Spans
    depth: int = 0


@dataclass(frozen=True, slots=True)
class Item:
    """An item of a tree, `depth` steps in; deeper items that follow are its children."""

    text: Spans
    depth: int = 0
    strong: bool = False


@dataclass(frozen=True, slots=True)
class Blank:
    """A break between parts: an empty line on a terminal, the end of a list in Markdown."""


Block = Heading | Para | Item | Blank


@dataclass(frozen=True, slots=True)
class Document:
    """Blocks in order, under a title that only a standalone format (Markdown) shows."""

    title: Spans = ()
    blocks: tuple[Block, ...] = field(default=())


def plain(spans: Spans) -> str:
    """The spans' words with no marks: what a reader sees without colour or markup."""
    return "".join(s if isinstance(s, str) else s.text for s in spans)
