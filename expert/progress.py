"""Progress of long searches, for whoever shows it: a no-op unless a reporter is installed.

The library calls `step` from its bounded loops (the WHY-NOT search, `sensitivity`);
the command line installs a reporter that draws on a terminal only once the work has
taken more than a second. A context variable, not a parameter, so that the searches'
callers need not pass it along.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

Reporter = Callable[[str, int, int], None]
"""Called with what is being done, how many steps are done, and the most there can be."""

_REPORTER: ContextVar[Reporter | None] = ContextVar("progress_reporter", default=None)


def step(label: str, done: int, total: int) -> None:
    """Report that `done` of at most `total` steps of `label` are done."""
    reporter = _REPORTER.get()
    if reporter is not None:
        reporter(label, done, total)


@contextmanager
def reporting(reporter: Reporter) -> Iterator[None]:
    """Send progress to `reporter` while the block runs."""
    token = _REPORTER.set(reporter)
    try:
        yield
    finally:
        _REPORTER.reset(token)
