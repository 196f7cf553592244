"""Signals end every command cleanly: SIGINT exits 130 and SIGTERM 143, with no traceback.

The `summit` entry point installs the handler before it imports anything heavy, so that
an interruption during start-up (imports, loading the knowledge base) is handled too,
and SIGTERM unwinds like Ctrl-C: `finally` blocks run and temporary files are removed.
"""

from __future__ import annotations

import signal
import sys

EXIT_INTERRUPTED = 130
"""Exit code after Ctrl-C (SIGINT): 128 + 2, as shells report it."""

EXIT_TERMINATED = 143
"""Exit code after SIGTERM: 128 + 15."""


class Terminated(BaseException):
    """SIGTERM, raised like KeyboardInterrupt so that clean-up code runs."""


def raise_terminated(signum: int, frame: object) -> None:
    """The SIGTERM handler: unwind the stack."""
    raise Terminated


def install() -> None:
    """Make SIGTERM raise Terminated (SIGINT already raises KeyboardInterrupt)."""
    signal.signal(signal.SIGTERM, raise_terminated)


def exit_code(exc: BaseException) -> int:
    """The exit code for an interruption."""
    return EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED


def main() -> None:
    """The `summit` command, with interruptions handled from its first moment."""
    try:
        install()
        from .cli import main as command  # the imports take a second or more

        command(prog_name="summit")
    except (KeyboardInterrupt, Terminated) as exc:
        print(
            "Interrupted." if isinstance(exc, KeyboardInterrupt) else "Terminated.", file=sys.stderr
        )
        sys.exit(exit_code(exc))
