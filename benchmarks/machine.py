"""What the benchmarks run on, and how busy the cores are with other programs.

Imported by the other scripts here; run it alone to print the machine's description
and how busy its cores are over a few seconds:

    uv run python benchmarks/machine.py
"""

from __future__ import annotations

import os
import platform
import resource
import time
from importlib.metadata import version
from pathlib import Path

PROC_STAT = Path("/proc/stat")


def cpu_model() -> str:
    """The CPU's model name, from /proc/cpuinfo where there is one."""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def describe() -> str:
    """One line on the hardware, one on the software."""
    libyaml = "with libyaml" if _has_libyaml() else "without libyaml"
    return (
        f"machine: {os.cpu_count()} cores, {cpu_model()}, {platform.platform()}\n"
        f"python {platform.python_version()}, experta {version('experta')}, "
        f"pydantic {version('pydantic')}, PyYAML {version('PyYAML')} ({libyaml})"
    )


def _has_libyaml() -> bool:
    import yaml

    return hasattr(yaml, "CSafeLoader")


def _busy_ticks() -> tuple[int, int] | None:
    """Busy and total clock ticks of all cores since boot (None off Linux)."""
    try:
        fields = [int(x) for x in PROC_STAT.read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    idle = fields[3] + fields[4]  # idle and iowait
    return sum(fields[:8]) - idle, sum(fields[:8])


def own_cpu() -> float:
    """CPU seconds used by this process and its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Meter:
    """Measures a stretch of time: the wall clock, our CPU time, and the cores' busy share.

    `others` is the share of all cores used by other programs meanwhile (0 to 1), the
    cores' busy time minus ours; None where /proc/stat cannot be read.
    """

    def __enter__(self) -> Meter:
        self._ticks, self._cpu, self._start = _busy_ticks(), own_cpu(), time.perf_counter()
        return self

    def __exit__(self, *exc) -> None:
        self.seconds = time.perf_counter() - self._start
        self.cpu = own_cpu() - self._cpu
        after = _busy_ticks()
        self.others = None
        if self._ticks and after and after[1] > self._ticks[1]:
            busy, total = after[0] - self._ticks[0], after[1] - self._ticks[1]
            tick = 1 / os.sysconf("SC_CLK_TCK")
            self.others = max(0.0, (busy * tick - self.cpu) / (total * tick))


def busy_share(seconds: float = 2.0) -> float | None:
    """Share of all cores used by other programs over the next `seconds`."""
    with Meter() as meter:
        time.sleep(seconds)
    return meter.others


def wait_until_quiet(limit: float = 0.1, patience: float = 120.0) -> float | None:
    """Wait (up to `patience` seconds) until other programs use less than `limit` of the
    cores over two seconds; return the last share measured."""
    deadline = time.monotonic() + patience
    share = busy_share()
    while share is not None and share >= limit and time.monotonic() < deadline:
        print(f"  waiting: other programs use {share:.0%} of the cores")
        share = busy_share()
    return share


if __name__ == "__main__":
    print(describe())
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    share = busy_share(3.0)
    print("other programs: " + ("unknown" if share is None else f"{share:.0%} of the cores"))
