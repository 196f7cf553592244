"""The README shows what the program really prints; SUMMIT_UPDATE_GOLDENS=1 rewrites it."""

import os
import re
from pathlib import Path

from click.testing import CliRunner

from expert import api
from expert.certainty import band
from expert.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"


def section(name: str, body: str) -> None:
    """Compare (or rewrite) the README's text between `<!-- name:start/end -->`."""
    text = README.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name}:start -->\n)(.*?)(<!-- {name}:end -->)", re.S)
    if os.environ.get("SUMMIT_UPDATE_GOLDENS") == "1":
        README.write_text(pattern.sub(lambda m: m[1] + body + m[3], text), encoding="utf-8")
        text = README.read_text(encoding="utf-8")
    assert pattern.search(text)[2] == body


def test_readme_shows_the_start_of_summit_assess():
    output = CliRunner().invoke(main, ["assess"]).output
    head = "\n".join(output.splitlines()[:4])
    section("assess", f"```console\n$ summit assess\n{head}\n…\n```\n")


def test_readme_lists_every_scenario_with_its_verdict():
    rows = ["| fact file | scenario | verdict |", "|---|---|---|"]
    for path in sorted((ROOT / "facts").glob("*.yaml")):
        result = api.assess(path)
        cf = result.verdict_cf
        rows.append(f"| `facts/{path.name}` | {result.scenario} | {band(cf)} ({cf:+.2f}) |")
    section("scenarios", "\n".join(rows) + "\n")


def test_readme_shows_the_backtest_summary():
    output = CliRunner().invoke(main, ["backtest", "facts/record"], env={"COLUMNS": "80"}).output
    start = output.index("Scores over")
    summary = output[start : output.index("\n\n", start)]
    section("backtest", f"```console\n$ summit backtest facts/record\n…\n{summary}\n```\n")


def test_readme_gives_the_two_commands():
    text = README.read_text(encoding="utf-8")
    assert "uv run summit assess" in text and "uv run pytest" in text


def test_readme_rule_example_is_the_rule_in_the_knowledge_base():
    import yaml

    block = re.search(r"```yaml\n(.*?)```", README.read_text(encoding="utf-8"), re.S)[1]
    shown = yaml.safe_load(block)[0]
    rule = api.knowledge_base().rules[shown["id"]]
    assert rule.model_dump(mode="json", by_alias=True, exclude_defaults=True) == shown
