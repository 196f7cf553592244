"""A batch's progress in words: files done, rate and time left.

The estimate starts at the first file finished, not at the start: workers spend their
first second building the engine, and counting it would inflate the time left by that
second times the number of files.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class Progress:
    """Counts finished files against a clock and estimates the time left."""

    total: int
    clock: Callable[[], float] = time.perf_counter
    done: int = 0
    first: float | None = field(default=None, init=False)  # when the first file finished

    def tick(self) -> None:
        """One more file finished."""
        self.done += 1
        if self.first is None:
            self.first = self.clock()

    def rate(self) -> float | None:
        """Files per second since the first one finished; None until two have."""
        if self.first is None or self.done < 2:
            return None
        elapsed = self.clock() - self.first
        return (self.done - 1) / elapsed if elapsed > 0 else None

    def eta(self) -> float | None:
        """Seconds left at the current rate; None while it cannot be known yet."""
        rate = self.rate()
        return (self.total - self.done) / rate if rate else None

    def text(self) -> str:
        """`35 files/s, 0:12 left`, or `starting` before there is a rate."""
        rate, eta = self.rate(), self.eta()
        if rate is None or eta is None:
            return "starting"
        minutes, seconds = divmod(round(eta), 60)
        return f"{rate:.0f} files/s, {minutes}:{seconds:02d} left"
