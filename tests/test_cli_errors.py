"""Every error the command line gives is one line, `Error: …`, with exit code 2 for bad usage."""

import pytest
from click.testing import CliRunner

from expert.cli import main


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["batch", "facts", "--jobs", "0"],
            "Invalid value for '--jobs': 0 is not in the range x>=1. Try 'summit batch --help'.",
        ),
        (["what-if"], "Missing option '--set'. Try 'summit what-if --help'."),
        (
            ["assess", "--format", "yaml"],
            "Invalid value for '--format': 'yaml' is not one of 'text', 'json'. "
            "Try 'summit assess --help'.",
        ),
        (["asses"], "No such command 'asses'. Did you mean 'assess'? Try 'summit --help'."),
        (["--bogus"], "No such option '--bogus'. Try 'summit --help'."),
    ],
)
def test_a_usage_error_is_one_line(args, message):
    result = CliRunner().invoke(main, args, prog_name="summit")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {message}\n"


@pytest.mark.parametrize(
    "command",
    [
        ["assess"],
        ["explain"],
        ["what-if", "--set", "climate.crisis=high"],
        ["sensitivity"],
        ["consult"],
    ],
)
def test_every_command_reading_a_fact_file_says_the_same_of_a_folder(command, tmp_path):
    result = CliRunner().invoke(main, [*command, str(tmp_path)], prog_name="summit", input="")
    assert result.exit_code == 2
    assert result.stderr == f"Error: {tmp_path}: is a directory, not a file\n"
