"""Every error the command line gives is one line, `Error: …`, with exit code 2 for bad usage."""

import pytest
from click.testing import CliRunner

from expert.cli import main


@pytest.mark.parametrize(
    ("args", "names", "where"),
    [
        (["batch", "facts", "--jobs", "0"], "'--jobs': 0", "summit batch"),
        (["what-if"], "'--set'", "summit what-if"),
        (["assess", "--format", "yaml"], "'yaml'", "summit assess"),
        (["asses"], "'asses'", "summit"),
        (["--bogus"], "--bogus", "summit"),
    ],
)
def test_a_usage_error_is_one_line(args, names, where):
    """Click words the message (it varies between versions); the shape is ours."""
    result = CliRunner().invoke(main, args, prog_name="summit")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: ") and names in result.stderr
    assert result.stderr.endswith(f" Try '{where} --help'.\n")
    assert result.stderr.count("\n") == 1


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


@pytest.mark.parametrize(
    "command",
    [["assess"], ["validate"], ["explain"], ["sensitivity"], ["batch"], ["backtest"]],
)
def test_every_command_says_the_same_of_a_path_that_names_nothing(command, tmp_path):
    missing = str(tmp_path / "nope.yaml")
    result = CliRunner().invoke(main, [*command, missing], prog_name="summit", input="")
    assert (result.exit_code, result.stderr) == (2, f"Error: {missing}: file not found\n")


@pytest.mark.parametrize("command", ["batch", "backtest"])
def test_a_glob_that_matches_nothing_says_so(command, tmp_path):
    pattern, missing = str(tmp_path / "no*.yaml"), str(tmp_path / "nope.yaml")
    result = CliRunner().invoke(main, [command, missing, pattern], prog_name="summit")
    assert (result.exit_code, result.output) == (
        2,
        f"Error: {pattern}: no file matches\nError: {missing}: file not found\n",
    )


def test_a_batch_reports_a_missing_path_beside_files_as_an_error_row(tmp_path):
    missing = str(tmp_path / "nope.yaml")
    result = CliRunner().invoke(main, ["batch", missing, "facts/default.yaml"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == ["1 file failed:", f"  {missing}: file not found"]
