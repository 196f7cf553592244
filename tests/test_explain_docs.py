"""docs/explain.md documents every key of the JSON explanations, and no other."""

import json
import re
from pathlib import Path

from explainkb import GOLDEN

DOC = Path(__file__).parent.parent / "docs" / "explain.md"


def documented_tables() -> list[set[str]]:
    """The keys of each `| Key | … |` table in the doc, in order."""
    tables: list[set[str]] = []
    for line in DOC.read_text().splitlines():
        if line.startswith("| Key |"):
            tables.append(set())
        elif tables and (key := re.match(r"^\| `([a-z_]+)` \|", line)):
            tables[-1].add(key.group(1))
    return tables


def test_the_doc_lists_exactly_the_keys_of_the_json():
    header, how, entry, firing, trace, step, why, target, adds, rule, search, *more = (
        documented_tables()
    )
    by_rule, rule_entry, fed = more
    data = {
        mode: json.loads((GOLDEN / f"small-{mode}.json").read_text())
        for mode in ("how", "trace", "why-not", "rule")
    }
    assert set(data["how"]) == header | how
    assert set(data["how"]["conclusions"]["pressure"]) == entry
    assert set(data["how"]["conclusions"]["pressure"]["supporting"][0]) == firing
    assert set(data["trace"]) == header | trace
    assert set(data["trace"]["trace"][0]) == step
    assert set(data["why-not"]) == header | why
    assert set(data["why-not"]["why_not"]) == target | adds
    assert set(data["why-not"]["why_not"]["upstream"]["pressure"]) == target
    assert set(data["why-not"]["why_not"]["rules"][0]) == rule
    assert set(data["why-not"]["why_not"]["counterfactual"]) == search
    assert set(data["rule"]) == header | by_rule
    assert set(data["rule"]["rule"]) == rule_entry
    assert set(data["rule"]["rule"]["fed"][0]) == fed
    assert set(data["rule"]["rule"]["upstream"]["pressure"]) == target
