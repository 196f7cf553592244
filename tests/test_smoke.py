"""The README's first command works: the default scenario gets a graded verdict."""

from click.testing import CliRunner

from expert.cli import main


def test_assess_default_prints_verdict_first():
    result = CliRunner().invoke(main, ["assess"])
    assert result.exit_code == 0, result.output
    first = result.output.splitlines()[0]
    assert first.startswith("Trump and Putin meet: ")
    assert "(CF " in first
