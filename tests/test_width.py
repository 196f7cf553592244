"""At 80 columns no line of any text command is longer than 80, on every scenario.

Markdown is exempt (its tables cannot wrap), and so is a single word longer than the
width, such as a URL or a long path, which is never broken, and so is an example command
in a command's help, which must stay whole to be copied.
"""

from pathlib import Path

import pytest
from click.testing import CliRunner

from expert.cli import main
from expert.cli.commands import COMMANDS

FACTS = sorted((Path(__file__).resolve().parent.parent / "facts").glob("*.yaml"))
PER_SCENARIO = [
    ["assess"],
    ["explain"],
    ["explain", "--trace"],
    ["explain", "--why-not", "meeting-occurs"],
    ["explain", "--why-not", "timing:after-elections"],
    ["explain", "--rule", "crisis-compels-talks"],
    ["explain", "--rule", "allies-warn-against"],
    ["what-if", "--set", "climate.crisis=high", "--set", "personal.trust=unknown"],
    ["sensitivity", "--top", "20"],
]
ONCE = [
    ["rules"],
    ["rules", "crisis-compels-talks"],
    ["rules", "--conclusions"],
    ["check"],
    ["check", "--coverage"],
    ["batch", "facts/"],
    ["backtest", "tests/fixtures/backtest/facts/", "--rules", "tests/fixtures/backtest/kb/"],
    ["--help"],
    *[[name, "--help"] for name in sorted(COMMANDS)],
]


def too_long(args: list[str]) -> list[str]:
    result = CliRunner().invoke(main, args)
    assert result.exit_code in (0, 1), result.output
    return [
        line
        for line in result.output.splitlines()
        if len(line) > 80
        and " " in line.strip()  # one long word alone is never broken
        and not (args[-1] == "--help" and line.lstrip().startswith("summit "))
    ]


@pytest.mark.parametrize("path", FACTS, ids=lambda p: p.stem)
@pytest.mark.parametrize("command", PER_SCENARIO, ids=" ".join)
def test_text_fits_80_columns_on_every_scenario(command, path):
    assert too_long([command[0], str(path), *command[1:]]) == []


@pytest.mark.parametrize("command", ONCE, ids=" ".join)
def test_text_fits_80_columns(command, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parent.parent)
    assert too_long(command) == []
