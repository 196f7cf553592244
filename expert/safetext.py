"""Text from data made safe to print: control characters, odd file names, look-alike letters.

File names come from the operating system as `str` with undecodable bytes kept as lone
surrogates (PEP 383), and any string from a fact file may hold escape sequences that
would drive the terminal. Text output escapes both; JSON stays exact (a surrogate
becomes its `\\uXXXX` escape, as JSON allows).
"""

from __future__ import annotations

import re
import unicodedata

_UNSAFE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff\ud800-\udfff]"
)
"""Control characters (not tab or newline), zero-width and bidirectional marks, separators
that break lines, and lone surrogates."""

_COLOUR = re.compile("\x1b\\[[0-9;]*m")
"""The colour sequences the command line adds itself (SGR): kept in terminal text."""

_SURROGATE = re.compile("[\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, kept by surrogateescape
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str) -> str:
    """`text` with every unsafe character written as an escape, such as `\\x1b` or `\\xff`."""
    return _UNSAFE.sub(_escape, text)


def terminal_text(text: str) -> str:
    """Rendered text for a terminal: unsafe characters escaped, colour sequences kept."""
    parts = _COLOUR.split(text)
    colours = _COLOUR.findall(text)
    out = [printable(parts[0])]
    for colour, part in zip(colours, parts[1:], strict=True):
        out += [colour, printable(part)]
    return "".join(out)


def json_text(text: str) -> str:
    """Dumped JSON whose lone surrogates (undecodable file-name bytes) are written as escapes."""
    return _SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def look_alikes(text: str) -> str:
    """A note naming the non-ASCII letters in an identifier, which may pass for ASCII ones.

    `` when there are none: `(note: 'с' is U+0441 CYRILLIC SMALL LETTER ES)`.
    """
    odd = [c for c in dict.fromkeys(text) if ord(c) > 0x7F and c.isprintable()]
    if not odd:
        return ""
    names = ", ".join(f"{c!r} is U+{ord(c):04X} {unicodedata.name(c, 'UNNAMED')}" for c in odd[:3])
    more = f" and {len(odd) - 3} more" if len(odd) > 3 else ""
    return f" (note: {names}{more})"
