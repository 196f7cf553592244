"""Fuzzing the fact-file reader, the rule loader and `summit validate`: whatever the bytes, only
the project's own error escapes (never a traceback), and each run is deterministic.

The examples are derandomized, so CI sees the same few hundred every time; set
SUMMIT_FUZZ_EXAMPLES to run more of them (the numbers in docs/limits.md came from 10,000).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from kbfactory import MANIFEST

from expert.api import fact_model
from expert.cli import main
from expert.errors import ExpertError
from expert.facts import validate_document
from expert.knowledge import load_knowledge_base
from expert.paths import default_fact_file, rules_dir
from expert.source import parse_document

FactFile = fact_model()

EXAMPLES = int(os.environ.get("SUMMIT_FUZZ_EXAMPLES", "0"))
FUZZ = settings(
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
DEFAULT = default_fact_file().read_text(encoding="utf-8")
RULES = sorted(rules_dir().glob("*.yaml"))
RULE_TEXT = RULES[1].read_text(encoding="utf-8")
YAML_BITS = [
    ":", ": ", "- ", "\n", "  ", "\t", "[", "]", "{", "}", ",", "&a ", "*a", "!!", "!!int ",
    "!!binary ", "? ", "|", ">", "#", "'", '"', "\\", "%YAML 1.1\n", "---\n", "...\n", "0x",
    "1e999", "9" * 120, "9" * 4400, "yes", "~", "null", "\ufeff", "\x00", "\x1b[2J", "\ud800", "<<: ",
    "climate", "crisis", "high", "scenario", "name", "as_of", "2025-13-45", "sources",
]  # fmt: skip


def mutated(base: str) -> st.SearchStrategy[str]:
    """`base` with a few pieces cut out, repeated or replaced by YAML's special characters."""
    edit = st.tuples(
        st.integers(0, len(base)),
        st.integers(0, 40),
        st.lists(st.sampled_from(YAML_BITS), max_size=4),
    )

    def apply(edits: list[tuple[int, int, list[str]]]) -> str:
        text = base
        for at, cut, bits in edits:
            text = text[:at] + "".join(bits) + text[at + cut :]
        return text

    return st.lists(edit, min_size=1, max_size=6).map(apply)


def leaves() -> st.SearchStrategy:
    return st.one_of(
        st.none(),
        st.booleans(),
        st.integers(-(10**30), 10**30),
        st.floats(allow_nan=True),
        st.text(max_size=20),
        st.sampled_from(["high", "low", "none", "moderate", "warm", "S2.P1", "climate.crisis"]),
    )


def nested() -> st.SearchStrategy:
    keys = st.one_of(
        st.sampled_from(["climate", "crisis", "scenario", "name", "field", "is"]),
        st.text(max_size=8),
    )
    return st.recursive(
        leaves(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
        max_leaves=20,
    )


documents = st.one_of(
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.lists(st.sampled_from(YAML_BITS), max_size=30).map("".join),
    mutated(DEFAULT),
    nested().map(lambda d: yaml.safe_dump({"climate": d, "scenario": {"name": d}})),
)


def read_fact_text(text: str, is_json: bool) -> None:
    raw = text.encode("utf-8", "surrogatepass")
    with contextlib.suppress(ExpertError):  # the project's own error: a refusal, in words
        validate_document(parse_document(raw, "f", is_json=is_json), FactFile)


@settings(FUZZ, max_examples=EXAMPLES or 300)
@given(text=documents, is_json=st.booleans())
def test_the_fact_file_reader_raises_only_its_own_errors(text, is_json):
    read_fact_text(text, is_json)


conditions = st.recursive(
    st.fixed_dictionaries(
        {"field": st.sampled_from(["climate.crisis", "climate.tension", "nope.x", 3])},
        optional={
            "is": leaves(),
            "one_of": st.lists(leaves(), max_size=3),
            "at_least": leaves(),
            "known": leaves(),
        },
    )
    | st.fixed_dictionaries({"conclusion": st.sampled_from(["meeting-occurs", "x", ""])}),
    lambda inner: st.one_of(
        st.fixed_dictionaries({"any": st.lists(inner, max_size=4)}),
        st.fixed_dictionaries({"all": st.lists(inner, max_size=4)}),
        st.fixed_dictionaries({"not": inner}),
    ),
    max_leaves=12,
)
rule_files = st.one_of(
    mutated(RULE_TEXT),
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.sampled_from(["rule-a", "rule-b", "A", ""]),
                "title": st.text(max_size=10),
                "paragraphs": st.lists(st.sampled_from(["S2.P1", "S9.P9", "x"]), max_size=2),
                "rationale": st.just("Because."),
                "when": st.lists(conditions, max_size=3),
                "then": st.lists(
                    st.fixed_dictionaries({"conclude": st.just("meeting-occurs"), "cf": leaves()}),
                    max_size=2,
                ),
            },
            optional={"salience": leaves(), "extra": nested()},
        ),
        max_size=3,
    ).map(lambda rules: yaml.safe_dump({"title": "Fuzzed", "rules": rules})),
)


@settings(FUZZ, max_examples=EXAMPLES or 150)
@given(text=rule_files, suffix=st.sampled_from([".yaml", ".json"]))
def test_the_rule_loader_raises_only_its_own_errors(text, suffix):
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "knowledge-base.yaml").write_text(yaml.safe_dump(MANIFEST))
        Path(folder, f"rules{suffix}").write_bytes(text.encode("utf-8", "surrogatepass"))
        with contextlib.suppress(ExpertError):
            load_knowledge_base(folder, FactFile)


@settings(FUZZ, max_examples=EXAMPLES or 100)
@given(text=documents)
def test_validate_on_any_file_exits_cleanly_with_one_line_per_error(text):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "fuzzed.yaml")
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 2)
    lines = result.stderr.splitlines()
    assert all(line.startswith(f"Error: {path}") for line in lines)  # each names the file
    assert (result.exit_code == 2) == bool(lines)
