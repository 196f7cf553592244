"""Ctrl-C in the middle of a large batch: the rows finished so far, as valid output; exit 130."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from batchkb import batch_kb

FILES = 3000


@pytest.fixture(scope="module")
def large(tmp_path_factory):
    root = tmp_path_factory.mktemp("large")
    levels = ["none", "low", "moderate", "high"]
    for i in range(FILES):
        crisis, trust = levels[i % 4], levels[i // 4 % 4]
        text = f"scenario: {{name: s{i}}}\nclimate: {{crisis: {crisis}}}\npersonal: {{trust: {trust}}}\n"
        (root / f"s{i:04}.yaml").write_text(text)
    return root, batch_kb(root.parent / f"{root.name}-kb")


def interrupt_midway(
    args: list[str], signum: int = signal.SIGINT, *, group: bool = True
) -> subprocess.CompletedProcess:
    """Run `summit`, wait until its workers run, then Ctrl-C its whole process group
    (or send `signum` to it, or to the parent alone). The result's `pid` is the parent's."""
    command = [sys.executable, "-m", "expert", *args]
    proc = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True
    )
    children = Path(f"/proc/{proc.pid}/task/{proc.pid}/children")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not children.read_text().split():
        time.sleep(0.02)
    time.sleep(0.5)
    os.killpg(proc.pid, signum) if group else os.kill(proc.pid, signum)
    stdout, stderr = proc.communicate(timeout=60)
    done = subprocess.CompletedProcess(command, proc.returncode, stdout.decode(), stderr.decode())
    done.pid = proc.pid
    return done


@pytest.mark.slow
def test_ctrl_c_writes_the_finished_rows_to_stdout_as_complete_lines(large):
    folder, kb = large
    done = interrupt_midway(
        ["batch", str(folder), "--rules", kb, "--jobs", "2", "--format", "jsonl"]
    )
    assert done.returncode == 130, done.stderr
    rows = [json.loads(line) for line in done.stdout.splitlines()]
    assert 0 < len(rows) < FILES
    assert [row["file"] for row in rows] == [
        str(folder / f"s{i:04}.yaml") for i in range(len(rows))
    ]
    assert done.stderr.startswith(f"Interrupted after {len(rows)} of {FILES} files: ")
    assert "Traceback" not in done.stderr


@pytest.mark.slow
def test_ctrl_c_writes_the_finished_rows_to_the_output_file_atomically(large, tmp_path):
    folder, kb = large
    out = tmp_path / "rows.json"
    done = interrupt_midway(
        [
            "batch",
            str(folder),
            "--rules",
            kb,
            "--jobs",
            "2",
            "--format",
            "json",
            "--output",
            str(out),
        ]
    )
    assert done.returncode == 130, done.stderr
    rows = json.loads(out.read_text())
    assert 0 < len(rows) < FILES
    assert rows[-1]["file"] == str(folder / f"s{len(rows) - 1:04}.yaml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rows.json"]
