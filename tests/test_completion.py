"""Shell completion (click's) knows the knowledge base's names: rules, conclusions, fields."""

import pytest
from click.testing import CliRunner

from expert.cli import main


def complete(words: str) -> list[str]:
    """What bash would be offered after typing `words` (the last one incomplete)."""
    env = {
        "_SUMMIT_COMPLETE": "bash_complete",
        "COMP_WORDS": words,
        "COMP_CWORD": str(len(words.split()) - (0 if words.endswith(" ") else 1)),
    }
    result = CliRunner().invoke(main, [], env=env, prog_name="summit")
    assert result.exit_code == 0, result.output
    return result.output.splitlines()


@pytest.mark.parametrize(
    ("words", "offered"),
    [
        (
            "summit explain --rule crisis-",
            [
                "plain,crisis-compels-talks",
                "plain,crisis-lines-agreed",
                "plain,crisis-response-by-direct-line",
            ],
        ),
        ("summit rules crisis-c", ["plain,crisis-compels-talks"]),
        ("summit explain --why-not mutual", ["plain,mutual-interest"]),
        ("summit explain --conclusion us-m", ["plain,us-motive"]),
        ("summit what-if --set climate.cr", ["plain,climate.crisis="]),
        (
            "summit what-if --set climate.crisis=",
            [f"plain,climate.crisis={v}" for v in ("none", "low", "moderate", "high", "unknown")],
        ),
        ("summit assess --format ", ["plain,text", "plain,json"]),
        ("summit assess fac", ["file,fac"]),
        ("summit batch fac", ["file,fac"]),
    ],
)
def test_completion_offers_the_names_that_fit(words, offered):
    assert complete(words) == offered
