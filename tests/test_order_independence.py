"""Conclusions, trace and hash do not depend on how the rules are laid out in files."""

import json
import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from kbfactory import (
    SAMPLE_FACTS,
    SAMPLE_MANIFEST,
    load,
    sample_conclusions,
    sample_rules,
    write_files,
    write_sample,
)

from expert import compiler
from expert.api import fact_model
from expert.engine import Evaluator

FactFile = fact_model()


def outcome(directory: Path) -> tuple[str, str]:
    """The knowledge base's hash and the whole result as JSON, compiled afresh."""
    kb = load(directory)
    compiler._CLASSES.clear()  # compile again: the cache is keyed by the content hash
    result = Evaluator(kb).evaluate(FactFile.model_validate(SAMPLE_FACTS))
    return kb.content_hash, json.dumps(result.to_dict(), sort_keys=True)


def layout(rnd, items: list, names: list[str]) -> dict[str, list]:
    """Shuffle items and deal them into the files named."""
    items = list(items)
    rnd.shuffle(items)
    files: dict[str, list] = {name: [] for name in names}
    for item in items:
        files[rnd.choice(names)].append(item)
    return files


@settings(max_examples=8, deadline=None)
@given(st.randoms(use_true_random=False), st.integers(min_value=1, max_value=4))
def test_shuffled_and_split_rules_give_the_same_result(rnd, n_files):
    with tempfile.TemporaryDirectory() as tmp:
        reference = outcome(write_sample(Path(tmp) / "one-file"))
        names = [f"{rnd.choice('abcxyz')}{i}-rules.yaml" for i in range(n_files)]
        rules = layout(rnd, sample_rules(), names)
        conclusions = layout(rnd, sample_conclusions(), names)
        files = {n: {"conclusions": conclusions[n], "rules": rules[n]} for n in names}
        assert outcome(write_files(Path(tmp) / "split", files, **SAMPLE_MANIFEST)) == reference


def test_the_reference_result_is_not_trivial(tmp_path):
    kb_hash, text = outcome(write_sample(tmp_path))
    result = json.loads(text)
    assert kb_hash.startswith("sha256:")
    assert len(result["trace"]) == 11
    assert {c["name"] for c in result["conclusions"]} >= {"meeting-occurs", "form:crisis-summit"}
