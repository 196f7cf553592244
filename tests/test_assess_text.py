"""`summit assess` text: the verdict first, then each report section, with certainties and rules."""

from pathlib import Path

from click.testing import CliRunner
from conftest import assert_golden
from kbfactory import SAMPLE_FACTS, write_facts, write_sample

from expert.cli import main

GOLDEN = Path(__file__).resolve().parent / "golden" / "assess"


def assert_assess_golden(name: str, text: str) -> None:
    """Compare with tests/golden/assess/NAME (the kit's golden helper)."""
    assert_golden(GOLDEN / name, text)


def assess_text(tmp_path: Path, facts: dict) -> str:
    fact_file = write_facts(tmp_path / "facts.yaml", facts)
    rules = write_sample(tmp_path / "kb")
    result = CliRunner().invoke(main, ["assess", str(fact_file), "--rules", str(rules)])
    assert result.exit_code == 0, result.output
    return result.output


def test_sample_assessment_matches_the_golden_file(tmp_path):
    assert_assess_golden("sample.txt", assess_text(tmp_path, SAMPLE_FACTS))


def test_with_no_facts_the_verdict_says_so(tmp_path):
    assert assess_text(tmp_path, {"scenario": {"name": "Empty"}}) == (
        "The leaders meet: somewhat unlikely (CF -0.30)\n"
        "Scenario: Empty\n"
        "  against: no-pressure-no-meeting -0.30\n"
    )
