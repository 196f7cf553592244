"""SIGTERM and SIGINT at any moment: exit 143 or 130, no traceback, no worker left, no torn file."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap

import pytest
from test_batch_interrupt import FILES, interrupt_midway, large  # noqa: F401 - a fixture

# Raise the interruption while `expert.cli` imports experta: the slowest part of start-up.
DURING_IMPORTS = """
import os, signal, sys
from expert import signals

class Interrupt:
    def find_spec(self, name, path=None, target=None):
        if name == "experta":
            {action}

sys.meta_path.insert(0, Interrupt())
sys.argv = ["summit", "assess"]
signals.main()
"""


@pytest.mark.parametrize(
    ("action", "code", "said"),
    [
        ("raise KeyboardInterrupt", 130, "Interrupted.\n"),
        ("os.kill(os.getpid(), signal.SIGTERM)", 143, "Terminated.\n"),
    ],
)
def test_an_interruption_during_start_up_exits_cleanly(action, code, said):
    script = textwrap.dedent(DURING_IMPORTS).replace("{action}", action)
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert (done.returncode, done.stderr, done.stdout) == (code, said, "")


def _group_is_gone(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return True
    return False


@pytest.mark.slow
@pytest.mark.parametrize("group", [False, True], ids=["parent only", "process group"])
def test_sigterm_on_a_batch_keeps_the_finished_rows_and_stops_the_workers(
    large,  # noqa: F811 - the fixture
    tmp_path,
    group,
):
    folder, kb = large
    out = tmp_path / "rows.json"
    out.write_text("old\n")
    args = ["batch", str(folder), "--rules", kb, "--jobs", "2", "--format", "json"]
    done = interrupt_midway([*args, "--output", str(out)], signal.SIGTERM, group=group)
    assert done.returncode == 143, done.stderr
    rows = json.loads(out.read_text())
    assert 0 < len(rows) < FILES
    assert [row["file"] for row in rows] == [
        str(folder / f"s{i:04}.yaml") for i in range(len(rows))
    ]
    assert done.stderr.startswith(f"Interrupted after {len(rows)} of {FILES} files: ")
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.json"]
    assert _group_is_gone(done.pid)
