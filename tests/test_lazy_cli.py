"""`summit` imports a command's module only when that command runs.

The fresh-process checks run in a child interpreter, since this one has imported
everything already.
"""

import json
import os
import subprocess
import sys

import pytest

from expert.cli import main
from expert.cli.commands import COMMANDS, every_command

LOADED = every_command(main)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_tables_short_help_is_the_commands_own(name):
    command = LOADED[name]
    module, short_help = COMMANDS[name]
    assert command.callback.__module__ == f"expert.cli.{module}"
    assert short_help == command.get_short_help_str(limit=10**6), (
        f"the short help of {name!r} changed: copy it into expert/cli/commands.py"
    )


def test_every_command_is_in_the_table():
    assert sorted(main.commands) == sorted(COMMANDS)


def run_child(code: str, *args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    command = [sys.executable, "-c", code, *args]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=120)


HELP_THEN_ALL = """
import json, sys
from click.testing import CliRunner
from expert.cli import main
from expert.cli.commands import every_command
lazy = CliRunner().invoke(main, ["--help"], terminal_width=int(sys.argv[1])).output
imported = sorted(m for m in sys.modules if m.startswith(("expert.", "pydantic", "experta", "yaml")))
every_command(main)
full = CliRunner().invoke(main, ["--help"], terminal_width=int(sys.argv[1])).output
print(json.dumps({"lazy": lazy, "full": full, "imported": imported}))
"""


@pytest.mark.parametrize("width", ["50", "88", "200"])
def test_help_lists_the_commands_as_they_would_list_themselves(width):
    found = json.loads(run_child(HELP_THEN_ALL, width).stdout)
    assert found["lazy"] == found["full"]
    assert "  what-if  " in found["lazy"]


HELP_IMPORTS = [
    "expert.cli",
    "expert.cli.base",
    "expert.cli.commands",
    "expert.errors",
    "expert.names",
    "expert.progress",
    "expert.render",
    "expert.render.text",
    "expert.safetext",
    "expert.signals",
]
"""What `summit --help` imports of the package: the group and a few small modules."""


def test_help_imports_no_command_and_no_library():
    found = json.loads(run_child(HELP_THEN_ALL, "88").stdout)
    assert found["imported"] == HELP_IMPORTS


COMMAND_HELP = """
import json, sys
from click.testing import CliRunner
from expert.cli import main
done = CliRunner().invoke(main, [sys.argv[1], "--help"], prog_name="summit")
imported = sorted(m for m in sys.modules if m.startswith(("expert", "pydantic", "experta", "yaml")))
print(json.dumps({"exit_code": done.exit_code, "output": done.output, "imported": imported}))
"""

LIGHT = {"expert.choices", "expert.checklist", "expert.cli.complete", "expert.cli.terminal"}
"""Modules a command's help may import besides its own: options' choices, completion."""


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_a_commands_help_imports_no_library(name):
    found = json.loads(run_child(COMMAND_HELP, name).stdout)
    usage = f"Usage: summit {name} [OPTIONS]"
    assert (found["exit_code"], found["output"][: len(usage)]) == (0, usage)
    imported = set(found["imported"])
    heavy = {m for m in imported if m.startswith(("expert.api", "pydantic", "experta", "yaml"))}
    assert heavy == set()
    extra = imported - {"expert", *HELP_IMPORTS, f"expert.cli.{COMMANDS[name][0]}"}
    assert extra <= LIGHT, f"summit {name} --help imports {sorted(extra - LIGHT)}"


def test_a_commands_help_needs_no_knowledge_base(tmp_path):
    (tmp_path / "knowledge-base.yaml").write_text("title: [unclosed\n")
    env = {**os.environ, "SUMMIT_RULES": str(tmp_path)}
    code = "import sys; sys.argv = ['summit', 'assess', '--help']; from expert.signals import main; main()"
    done = run_child(code, env=env)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith("Usage: summit assess [OPTIONS] [FACT_FILE]")


ASSESS_IMPORTS = """
import sys
from click.testing import CliRunner
from expert.cli import main
result = CliRunner().invoke(main, ["assess", "--format", "json"])
assert result.exit_code == 0, result.output
print(" ".join(sorted(m for m in sys.modules if m.startswith("expert."))))
"""


def test_assess_imports_none_of_the_other_commands_modules():
    imported = set(run_child(ASSESS_IMPORTS).stdout.split())
    assert "expert.cli.assess" in imported
    others = {"batch", "check", "consult", "whynot", "render.explain", "backtest", "kbdoc"}
    assert imported & {f"expert.{name}" for name in others} == set()
    assert {m for m in imported if m.startswith("expert.cli.")} == {
        "expert.cli.assess",
        "expert.cli.base",
        "expert.cli.commands",
    }
