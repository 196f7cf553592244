"""Every console example in README.md and docs/ is what the program does.

A transcript (`$ summit …` followed by its output) is run from the repository root at 80
columns and compared; a line `…` in it stands for any number of lines left out. A block of
bare commands is checked against the CLI: each command exists and takes the options used.
A fact file a transcript reads, such as `cold.yaml`, is a ```yaml block of the same page
whose first line is `# cold.yaml`. `SUMMIT_UPDATE_GOLDENS=1` rewrites the transcripts. A
section between `<!-- name:start -->` and `<!-- name:end -->` is written whole by its own
test, and left to it.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import ROOT, is_updating, stale

from expert.cli import main
from expert.cli.commands import every_command

GENERATED = {"cli.md", "knowledge-base.md", "fact-files.md"}  # checked by their own tests
OWN_TESTS = {"consult.md", "backtest.md", "rules.md"}  # transcripts compared by their own tests
PAGES = [
    ROOT / "README.md",
    *sorted(p for p in (ROOT / "docs").glob("*.md") if p.name not in GENERATED),
]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.M | re.S)
"""Every fenced block, whatever its language, so that a ```yaml block's closing fence is
never taken for the opening of the next."""
FACT_BLOCK = re.compile(r"^```yaml\n# (\S+\.ya?ml)\n(.*?)^```$", re.M | re.S)
ELIDED = "…"
TIMING = re.compile(r"in \d+\.\d s \(\d+ files/s\)")
"""A batch's timing, which varies from run to run: compared as any timing."""


SECTION = re.compile(r"<!-- (\S+):start -->.*?<!-- \1:end -->", re.S)
"""A part of a page that a test writes whole (see conftest.assert_section)."""


def blocks(page: Path) -> list[re.Match]:
    """The fenced blocks of a page that show the command line, but for written sections."""
    text = page.read_text(encoding="utf-8")
    written = [m.span() for m in SECTION.finditer(text)]
    return [
        m
        for m in FENCE.finditer(text)
        if (m[1] == "console" or m[2].startswith("$ summit"))
        and not any(start <= m.start() < end for start, end in written)
    ]


def transcripts(body: str) -> list[tuple[str, list[str]]]:
    """(command, output lines) for each `$ ` line of a block."""
    found: list[tuple[str, list[str]]] = []
    for line in body.rstrip("\n").split("\n"):
        if line.startswith("$ "):
            found.append((line[2:], []))
        elif found:
            found[-1][1].append(line)
    return found


def summit_args(command: str) -> list[str] | None:
    """The arguments of a `summit` command line, or None when a pipe or redirect follows."""
    words = shlex.split(command.split(" # ")[0], comments=False)
    if words[:2] == ["uv", "run"]:
        words = words[2:]
    if any(w in {"|", ">", "<"} for w in words) or words[0] != "summit":
        return None
    return words[1:]


def matches(expected: list[str], output: list[str]) -> bool:
    """Whether `output` is `expected`, each `…` line standing for any lines."""
    expected = [TIMING.sub("in T", line) for line in expected]
    output = [TIMING.sub("in T", line) for line in output]
    pattern = "".join(
        r"(?:.*\n)*?" if line == ELIDED else re.escape(line) + r"\n" for line in expected
    )
    return re.fullmatch(pattern, "\n".join(output) + "\n") is not None


def refreshed(expected: list[str], output: list[str]) -> list[str]:
    """`expected` with each stretch between `…` lines taken afresh from `output`.

    A stretch starts where its first line (or the start of it, now that it wraps) is found;
    the last one runs to the end of the output unless a `…` follows it.
    """
    stretches: list[list[str]] = [[]]
    for line in expected:
        stretches += [[]] if line == ELIDED else []
        stretches[-1] += [] if line == ELIDED else [line]
    fresh: list[str] = []
    at = 0
    for i, stretch in enumerate(stretches):
        if not stretch:
            fresh.append(ELIDED) if i < len(stretches) - 1 else None
            continue
        if i:
            at = next((k for k in range(at, len(output)) if _same(output[k], stretch[0])), at)
        last = i == len(stretches) - 1
        taken = output[at:] if last else output[at : at + len(stretch)]
        fresh += taken + ([] if last else [ELIDED])
        at += len(taken)
    return fresh


def _same(fresh: str, old: str) -> bool:
    """The same line, or its first part now that it wraps."""
    return fresh == old or (len(fresh) > 20 and old.startswith(fresh))


def run(args: list[str], page: Path, tmp_path: Path, monkeypatch) -> list[str]:
    text = page.read_text(encoding="utf-8")
    for name, body in FACT_BLOCK.findall(text):
        (tmp_path / name).write_text(body, encoding="utf-8")
    monkeypatch.chdir(ROOT)
    args = [
        str(tmp_path / a) if (tmp_path / a).exists() and not Path(a).exists() else a for a in args
    ]
    output = CliRunner().invoke(main, args).output
    return [line.replace(str(tmp_path) + "/", "") for line in output.rstrip("\n").split("\n")]


CASES = [
    (page, i, command, expected)
    for page in PAGES
    if page.name not in OWN_TESTS
    for i, block in enumerate(blocks(page))
    for command, expected in transcripts(block[2])
    if summit_args(command) is not None
]


@pytest.mark.parametrize(
    ("page", "index", "command", "expected"),
    CASES,
    ids=[f"{c[0].name}:{c[2]}" for c in CASES],
)
def test_every_transcript_shows_what_the_command_prints(
    page, index, command, expected, tmp_path, monkeypatch
):
    output = run(summit_args(command), page, tmp_path, monkeypatch)
    if is_updating() and not matches(expected, output):
        old = "\n".join(["$ " + command, *expected])
        new = "\n".join(["$ " + command, *refreshed(expected, output)])
        page.write_text(page.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
        expected = refreshed(expected, output)
    assert matches(expected, output), stale(page)


COMMANDS = [
    (page, line)
    for page in PAGES
    for block in blocks(page)
    for line in block[2].split("\n")
    if line.removeprefix("$ ").startswith(("summit ", "uv run summit"))
]


@pytest.mark.parametrize(
    ("page", "line"), COMMANDS, ids=[f"{p.name}:{text}" for p, text in COMMANDS]
)
def test_every_command_shown_exists_with_its_options(page, line):
    words = shlex.split(line.removeprefix("$ ").split(" # ")[0].split(" | ")[0].split(" > ")[0])
    words = words[2:] if words[:2] == ["uv", "run"] else words
    command = every_command(main).get(words[1])
    assert command is not None, f"{page.name}: no command {words[1]!r} in {line!r}"
    known = {opt for param in command.params for opt in getattr(param, "opts", [])}
    used = {w.split("=")[0] for w in words[2:] if w.startswith("-") and w != "-"}
    assert used <= known | {"-h", "--help"}, f"{page.name}: {line!r} uses {used - known}"


def test_the_examples_are_found():
    assert len(CASES) >= 10 and len(COMMANDS) >= 25
