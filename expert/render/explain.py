"""Explanations in every format but JSON: each is built once as a document, then laid out
by the text or the Markdown back-end; DOT and Mermaid draw the HOW graph.

Every builder reads only the record built by `expert.explain`, `expert.whynot` or
`expert.rule_report` (`expert.records`), so all formats tell the same story.
"""

from __future__ import annotations

from collections.abc import Callable

from ..errors import ExpertError
from ..records import Explanation
from . import how, rule, trace, whynot
from .document import Document
from .graph import dot, graph, mermaid
from .markdown_backend import markdown
from .text_backend import Style, text, unstyled

BUILDERS: dict[str, Callable[..., Document]] = {
    "how": how.document,
    "trace": trace.document,
    "why-not": whynot.document,
    "rule": rule.document,
}


def document(data: Explanation) -> Document:
    """The explanation as a document of blocks, whatever its mode."""
    return BUILDERS[data.mode](data)


def render(data: Explanation, fmt: str, style: Style = unstyled, width: int | None = None) -> str:
    """An explanation in one of the non-JSON formats; `style` may colour the text format."""
    if fmt in {"dot", "mermaid"}:
        if data.mode != "how":
            raise ExpertError(f"--format {fmt} draws the HOW graph; use text, json or markdown")
        return (dot if fmt == "dot" else mermaid)(graph(data))
    if fmt == "text":
        return text(document(data), style, width)
    return markdown(document(data))
