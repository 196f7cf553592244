"""Reading a consultation's answers: line editing, history and completion at a terminal.

At a terminal, the standard library's `readline` (where Python has it) gives line
editing, a history of the session's answers, and Tab completion of the choices, the
commands and conclusion names, from `Consultation.completions`. From a pipe, plain
lines.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from ..render import fit
from ..safetext import terminal_text


def line_reader(session, write: Callable[[str], None]) -> Callable[[str], str | None]:
    """A function showing a prompt and returning the line typed, or None at the end."""
    if sys.stdin.isatty() and _setup_readline(session):
        return lambda prompt: _edited(fit(terminal_text(prompt)))
    return lambda prompt: _plain(prompt, write)


def _plain(prompt: str, write: Callable[[str], None]) -> str | None:
    write(prompt)
    line = sys.stdin.readline()
    return line.rstrip("\r\n") if line else None


def _edited(prompt: str) -> str | None:
    try:
        return input(prompt)
    except EOFError:
        return None


def _setup_readline(session) -> bool:
    """Install completion over the session; False when readline is not available."""
    try:
        import readline
    except ImportError:  # Windows, or a Python built without it
        return False
    matches: list[str] = []

    def complete(text: str, state: int) -> str | None:
        if state == 0:
            line = readline.get_line_buffer()
            start = readline.get_begidx()
            found = session.completions(line[: readline.get_endidx()])
            matches[:] = [m[start:] if m.startswith(line[:start]) else m for m in found]
        return matches[state] if state < len(matches) else None

    readline.set_completer_delims(" ")
    readline.set_completer(complete)
    readline.parse_and_bind("tab: complete")
    return True
