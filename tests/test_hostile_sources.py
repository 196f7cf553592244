"""Hostile fact and rule files: one located line and exit 2, never a hang or a traceback."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner
from kbfactory import conclusion, rule, write_kb

from expert import source
from expert.api import fact_model
from expert.cli import main
from expert.errors import ErrorGroup, SourceError
from expert.knowledge import load_knowledge_base

FactFile = fact_model()

LONG = "9" * 5000
TAGS = "write the value alone, in quotes if it must stay text"
ONLY_REGULAR = "not a regular file: only regular files are read"


@pytest.fixture(scope="module")
def tiny_kb(tmp_path_factory) -> Path:
    rules = [
        rule("crisis-talks", [{"field": "climate.crisis", "is": "high"}], {"meeting-occurs": 0.5})
    ]
    return write_kb(tmp_path_factory.mktemp("kb"), rules, [])


def validate(path: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert isinstance(result.exception, SystemExit), result.exception  # never a traceback
    return result.exit_code, result.stderr


CASES = {
    "a JSON integer of 5,000 digits": (
        "f.json",
        f'{{"climate": {{"crisis": {LONG}}}}}'.encode(),
        ":1:24: integer too long: 5000 characters, the limit is 100",
    ),
    "a YAML integer of 5,000 digits": (
        "f.yaml",
        f"climate:\n  crisis: {LONG}\n".encode(),
        ":2:11: integer too long: 5000 characters, the limit is 100",
    ),
    "a long base-60 YAML integer (quadratic to read)": (
        "f.yaml",
        b"climate:\n  crisis: 1" + b":1" * 100_000 + b"\n",
        ":2:11: integer too long: 200001 characters, the limit is 100",
    ),
    "!!null on a value": (
        "f.yaml",
        b"climate:\n  crisis: !!null high\n",
        f":2:11: invalid YAML: explicit tags are not allowed (found !!null); {TAGS}",
    ),
    "!!binary on a value": (
        "f.yaml",
        b"scenario:\n  name: !!binary aGVsbG8=\n",
        f":2:9: invalid YAML: explicit tags are not allowed (found !!binary); {TAGS}",
    ),
    "UTF-16 with a byte order mark": (
        "f.yaml",
        "climate:\n  crisis: high\n".encode("utf-16"),
        ": file is UTF-16 (little-endian), not UTF-8: convert it first, "
        "for example with iconv -f UTF-16 -t UTF-8",
    ),
    "UTF-16 big-endian without one": (
        "f.yaml",
        "climate:\n  crisis: high\n".encode("utf-16-be"),
        ": file is UTF-16 (big-endian), not UTF-8: convert it first, "
        "for example with iconv -f UTF-16 -t UTF-8",
    ),
    "UTF-32": (
        "f.yaml",
        "climate:\n  crisis: high\n".encode("utf-32"),
        ": file is UTF-32 (little-endian), not UTF-8: convert it first, "
        "for example with iconv -f UTF-32 -t UTF-8",
    ),
    "120,000 values in 240 KB": (
        "f.yaml",
        b"scenario:\n  notes: [" + b"0," * 120_000 + b"]\n",
        ":2:200001: document has too many values (more than 100000)",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_hostile_fact_file_gives_one_located_line(case, tmp_path):
    name, content, message = CASES[case]
    path = tmp_path / name
    path.write_bytes(content)
    assert validate(path) == (2, f"Error: {path}{message}\n")


def test_a_tab_after_a_colon_is_a_blank_as_in_yaml(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("climate:\n  crisis:\thigh\n  tension: [low,\tlow]\n")
    assert source.read_document(path).data == {
        "climate": {"crisis": "high", "tension": ["low", "low"]}
    }


def test_a_long_integer_in_a_json_rule_file_is_a_located_load_error(tmp_path, tiny_kb):
    folder = tmp_path / "kb"
    folder.mkdir()
    for item in tiny_kb.iterdir():
        (folder / item.name).write_bytes(item.read_bytes())
    (folder / "more.json").write_text(f'{{"title": "t", "rules": [{{"salience": {LONG}}}]}}')
    with pytest.raises(ErrorGroup) as caught:
        load_knowledge_base(folder, FactFile)
    assert [str(e) for e in caught.value.errors] == [
        f"{folder / 'more.json'}:1:39: integer too long: 5000 characters, the limit is 100"
    ]


def _never_opened_for_writing(fifo: Path) -> threading.Timer:
    """Unblock the test if a reader does open the FIFO: a writer opens it and closes it."""

    def release() -> None:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))

    timer = threading.Timer(30, release)
    timer.daemon = True
    return timer


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_as_the_fact_file_is_refused_before_it_is_opened(tmp_path):
    fifo = tmp_path / "f.yaml"
    os.mkfifo(fifo)
    assert validate(fifo) == (2, f"Error: {fifo}: is a named pipe (FIFO), {ONLY_REGULAR}\n")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_inside_a_rules_folder_is_a_located_load_error(tmp_path, tiny_kb):
    folder = tmp_path / "kb"
    folder.mkdir()
    for item in tiny_kb.iterdir():
        (folder / item.name).write_bytes(item.read_bytes())
    os.mkfifo(folder / "pipe.yaml")
    with pytest.raises(ErrorGroup) as caught:
        load_knowledge_base(folder, FactFile)
    assert [str(e) for e in caught.value.errors] == [
        f"{folder / 'pipe.yaml'}: is a named pipe (FIFO), {ONLY_REGULAR}"
    ]


def test_a_link_loop_is_named_as_one(tmp_path):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    broken = tmp_path / "broken.yaml"
    broken.symlink_to(tmp_path / "nowhere.yaml")
    assert validate(loop) == (
        2,
        f"Error: {loop}: symbolic link loop: the link leads back to itself\n",
    )
    assert validate(broken) == (
        2,
        f"Error: {broken}: broken symbolic link: its target does not exist\n",
    )


@pytest.mark.parametrize("limit", ["MAX_NODES", "MAX_DEPTH"])
def test_a_too_large_tree_is_refused_by_the_fast_path_as_the_checking_loader_would(
    limit, monkeypatch
):
    monkeypatch.setattr(source, limit, 20)
    text = "a: [" + "0, " * 30 + "]\n" if limit == "MAX_NODES" else "a: " + "[" * 30 + "]" * 30
    with pytest.raises(SourceError) as fast:
        source._parse_yaml(text, "f.yaml")
    with pytest.raises(SourceError) as checked:
        source._parse_yaml_checked(text, "f.yaml")
    assert str(fast.value) == str(checked.value)


def test_yes_no_on_off_read_as_booleans_as_the_fact_file_reference_says(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("a: yes\nb: No\nc: on\nd: OFF\ne: 'no'\n")
    assert source.read_document(path).data == {
        "a": True,
        "b": False,
        "c": True,
        "d": False,
        "e": "no",
    }
    reference = (Path(__file__).parent.parent / "docs" / "fact-files.md").read_text()
    assert "unquoted `yes`, `no`, `on`\nand `off`" in reference


def test_rules_markdown_escapes_table_bars_and_html_in_titles(tmp_path):
    from expert.kbdoc import rules_markdown

    title = "a | b <script>x</script> & c"
    rules = [rule("bar", [{"field": "climate.crisis", "is": "high"}], {"odd": 0.5})]
    folder = write_kb(tmp_path / "kb", rules, [conclusion("odd", "hypothesis", "agenda", title)])
    text = rules_markdown(load_knowledge_base(folder, FactFile), tmp_path, "summit rules")
    assert (
        "| `odd` | hypothesis | a \\| b &lt;script&gt;x&lt;/script&gt; &amp; c | `bar` |\n" in text
    )
    assert "<script>" not in text


def test_a_word_yaml_reads_as_a_boolean_gets_a_hint_where_a_value_is_expected(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_text("climate:\n  crisis: no\n")
    assert validate(path) == (
        2,
        f"Error: {path}:2:3: climate.crisis: expected one of none, low, moderate, high; "
        "found a boolean (false) (YAML reads an unquoted yes, no, on or off as true or "
        "false: quote the word)\n",
    )
