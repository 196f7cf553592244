"""Same input, same bytes: across processes, hash seeds and ties on salience."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from kbfactory import SAMPLE_FACTS, evaluate, load, rule, write_facts, write_kb, write_sample

ROOT = Path(__file__).resolve().parent.parent


def assess_in_processes(rules: Path, facts: Path, *seeds: str) -> list[bytes]:
    """Run `python -m expert assess --format json`, at once, once per PYTHONHASHSEED."""
    command = [sys.executable, "-m", "expert", "assess", str(facts), "--rules", str(rules)]
    running = [
        subprocess.Popen(
            [*command, "--format", "json"],
            cwd=ROOT,
            env={**os.environ, "PYTHONHASHSEED": seed},
            stdout=subprocess.PIPE,
        )
        for seed in seeds
    ]
    outputs = [process.communicate()[0] for process in running]
    assert [process.returncode for process in running] == [0] * len(seeds)
    return outputs


def tied_rules(count: int) -> list[dict]:
    """`count` rules of equal salience that all match the same fact."""
    names = [f"tied-{n:02d}" for n in range(count)]
    return [rule(n, [{"field": "climate.crisis", "is": "high"}], {"meeting-occurs": 0.1}) for n in names]  # fmt: skip


@pytest.mark.slow
def test_two_processes_with_different_hash_seeds_print_identical_json(tmp_path):
    rules = write_sample(tmp_path / "kb")
    facts = write_facts(tmp_path / "facts.yaml", SAMPLE_FACTS)
    first, second = assess_in_processes(rules, facts, "1", "2024")
    assert first == second
    assert b'"trace"' in first and b'"step": 11' in first


@pytest.mark.slow
def test_tied_rules_fire_in_the_same_order_in_every_process(tmp_path):
    rules = write_kb(tmp_path / "kb", list(reversed(tied_rules(12))), [])
    facts = write_facts(tmp_path / "facts.yaml", {"climate": {"crisis": "high"}})
    first, second = assess_in_processes(rules, facts, "0", "99")
    assert first == second


def test_tied_rules_fire_in_the_order_of_their_ids(tmp_path):
    kb = load(write_kb(tmp_path, list(reversed(tied_rules(12))), []))
    result = evaluate(kb, {"climate": {"crisis": "high"}})
    assert [f.rule for f in result.trace] == [f"tied-{n:02d}" for n in range(12)]
