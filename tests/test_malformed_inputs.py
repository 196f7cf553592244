"""Malformed fact files: `summit validate` and `summit assess` both exit 2 with one precise line.

Each case is (file name, content, the message after `Error: <path>`). The content is
bytes, so encodings and binary data are tested as they are. `assess` runs over a tiny
test knowledge base, so these tests do not depend on the live rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from kbfactory import rule, write_kb

from expert import source
from expert.cli import main
from expert.errors import SourceError

GROUPS = (
    "scenario, climate, us_agenda, russia_agenda, alliances, us_domestic, "
    "russia_domestic, personal, timing, history, leadership, diplomacy, proposal"
)
LEVELS = "none, low, moderate, high"
LAUGHS = (
    b'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'
)
MIB = 1024 * 1024

TAG_ADVICE = "write the value alone, in quotes if it must stay text"

CASES = {
    "duplicate key (YAML)": (
        "f.yaml",
        b"climate:\n  crisis: high\n  crisis: low\n",
        ":3:3: climate.crisis: duplicate key 'crisis' (first defined on line 2)",
    ),
    "duplicate key (JSON)": (
        "f.json",
        b'{"climate": {"crisis": "high",\n             "crisis": "low"}}\n',
        ":2:14: climate.crisis: duplicate key 'crisis' (first defined on line 1)",
    ),
    "duplicate key (JSON with tabs)": (
        "f.json",
        b'{"climate":\t{"crisis": "high",\t"crisis": "low"}}',
        ":1:32: climate.crisis: duplicate key 'crisis' (first defined on line 1)",
    ),
    "one byte over 1 MiB": (
        "f.yaml",
        b"#" * (MIB + 1),
        ": file is too large: 1048577 bytes, the limit is 1048576 bytes",
    ),
    "5 MB": (
        "f.yaml",
        b"#" * 5_000_000,
        ": file is too large: 5000000 bytes, the limit is 1048576 bytes",
    ),
    "not UTF-8": (
        "f.yaml",
        b"climate:\n  crisis: \xe9lev\xe9\n",
        ":2:11: file is not UTF-8: byte 0xe9 at offset 19",
    ),
    "binary file": (
        "f.yaml",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        ":3:1: file is binary (it contains a NUL byte), not text",
    ),
    "empty file": ("f.yaml", b"", ":1: file is empty: expected a mapping of fields"),
    "empty JSON file": ("f.json", b"", ":1: file is empty: expected a mapping of fields"),
    "whitespace only": ("f.yaml", b"  \n\n\t\n", ":1: file is empty: expected a mapping of fields"),
    "comments only": (
        "f.yaml",
        b"# climate:\n#   crisis: high\n",
        ":1: file is empty: expected a mapping of fields",
    ),
    "anchor and alias": (
        "f.yaml",
        b"base: &b {crisis: high}\nclimate: *b\n",
        ":1:7: YAML anchors and aliases (&name, *name) are not allowed",
    ),
    "billion laughs": (
        "f.yaml",
        LAUGHS,
        ":1:4: YAML anchors and aliases (&name, *name) are not allowed",
    ),
    "top level is a list (YAML)": (
        "f.yaml",
        b"- climate\n- personal\n",
        ":1:1: expected a mapping of fields at the top level, found a list",
    ),
    "top level is a list (JSON)": (
        "f.json",
        b'[{"climate": {}}]',
        ":1:1: expected a mapping of fields at the top level, found a list",
    ),
    "top level is a scalar": (
        "f.yaml",
        b"crisis is high\n",
        ":1:1: expected a mapping of fields at the top level, found a string ('crisis is high')",
    ),
    "string for a boolean": (
        "f.yaml",
        b'climate:\n  new_weapons: "yes"\n',
        ":2:3: climate.new_weapons: expected true or false; found a string ('yes')",
    ),
    "number for a level": (
        "f.json",
        b'{"climate": {"tension": 3}}',
        f":1:14: climate.tension: expected one of {LEVELS}; found an int (3)",
    ),
    "mapping inside a field": (
        "f.yaml",
        b"scenario:\n  name: test\nclimate:\n  crisis:\n    level: high\n",
        f":4:3: climate.crisis: expected one of {LEVELS}; found a mapping",
    ),
    "list for a group": (
        "f.yaml",
        b"personal: [warm]\n",
        ":1:1: personal: expected a mapping of fields; found a list",
    ),
    "wrong type in a header list": (
        "f.yaml",
        b"scenario:\n  sources:\n    - a report\n    - 7\n",
        ":4:7: scenario.sources[1]: expected a string; found an int (7)",
    ),
    "wrong date in the header": (
        "f.yaml",
        b"scenario:\n  as_of: 2025-02-30\n",
        ":2:3: scenario.as_of: expected a date as YYYY-MM-DD (day value is outside "
        "expected range); found a string ('2025-02-30')",
    ),
    "unknown field in a group": (
        "f.yaml",
        b"climate:\n  crisys: high\n",
        ":2:3: climate.crisys: unknown field 'crisys'; did you mean 'crisis'?",
    ),
    "unknown group": (
        "f.json",
        b'{\n  "climat": {}\n}',
        ":2:3: climat: unknown field 'climat'; did you mean 'climate'?",
    ),
    "unknown key, nothing close": (
        "f.yaml",
        b"weather: fine\n",
        f":1:1: weather: unknown field 'weather'; expected one of {GROUPS}",
    ),
    "a key with a line break": (
        "f.json",
        b'{"climate": {"cri\\nsis": "high"}}',
        ":1:14: climate.'cri\\nsis': unknown field 'cri\\nsis'; did you mean 'crisis'?",
    ),
    "value outside the domain": (
        "f.yaml",
        b"climate:\n  crisis: severe\n",
        f":2:3: climate.crisis: expected one of {LEVELS}; found a string ('severe')",
    ),
    "key that is not a string": (
        "f.yaml",
        b"climate:\n  1: high\n",
        ":2:3: climate: keys must be strings, found an int (1)",
    ),
    "a bare on as a key, which YAML reads as true": (
        "f.yaml",
        b"scenario:\n  record:\n    on: 2018-07-16\n",
        ":3:5: scenario.record: keys must be strings, found a boolean (true) from the bare "
        "word on; write it in quotes, 'on'",
    ),
    "nested too deeply": (
        "f.json",
        b"[" * 200 + b"]" * 200,
        ":1:101: document is nested too deeply (more than 100 levels)",
    ),
    "invalid YAML": (
        "f.yaml",
        b"climate:\n  crisis: [high\npersonal: {}\n",
        ":3:9: invalid YAML: expected ',' or ']', but got ':'",
    ),
    "tab indentation": (
        "f.yaml",
        b"climate:\n\tcrisis: high\n",
        ":2:1: invalid YAML: found character '\\t' that cannot start any token",
    ),
    "a tag that cannot read its value": (
        "f.yaml",
        b"climate:\n  crisis: !!int high\n",
        ":2:11: invalid YAML: explicit tags are not allowed (found !!int); " + TAG_ADVICE,
    ),
    "a boolean tag on a word": (
        "f.yaml",
        b"climate:\n  new_weapons: !!bool maybe\n",
        ":2:16: invalid YAML: explicit tags are not allowed (found !!bool); " + TAG_ADVICE,
    ),
    "a timestamp tag on a word": (
        "f.yaml",
        b"scenario:\n  as_of: !!timestamp soon\n",
        ":2:10: invalid YAML: explicit tags are not allowed (found !!timestamp); " + TAG_ADVICE,
    ),
    "a tag on a mapping": (
        "f.yaml",
        b"climate: !!python/object:os.system {crisis: high}\n",
        ":1:10: invalid YAML: explicit tags are not allowed (found !!python/object:os.system); "
        + TAG_ADVICE,
    ),
    "a local tag on a list": (
        "f.yaml",
        b"scenario:\n  notes: !mine [a, b]\n",
        ":2:10: invalid YAML: explicit tags are not allowed (found !mine); " + TAG_ADVICE,
    ),
    "top level is null": (
        "f.json",
        b"null",
        ":1:1: expected a mapping of fields at the top level, found null",
    ),
    "control character": (
        "f.yaml",
        b"scenario:\n  name: a\x07b\n",
        ":2:10: invalid YAML: control character U+0007 is not allowed",
    ),
    "invalid JSON": (
        "f.json",
        b'{"climate": {"crisis": "high",}}',
        ":1:31: invalid JSON: Expecting property name enclosed in double quotes",
    ),
}


@pytest.fixture(scope="module")
def tiny_kb(tmp_path_factory) -> Path:
    """A one-rule knowledge base, so `assess` reaches the fact file."""
    rules = [
        rule("crisis-talks", [{"field": "climate.crisis", "is": "high"}], {"meeting-occurs": 0.5})
    ]
    return write_kb(tmp_path_factory.mktemp("kb"), rules, [])


def run(args: list[str]):
    result = CliRunner().invoke(main, args)
    assert isinstance(result.exception, SystemExit), result.exception  # never a traceback
    return result


def command(name: str, path: Path, kb: Path) -> list[str]:
    return (
        ["validate", str(path)] if name == "validate" else ["assess", str(path), "--rules", str(kb)]
    )


@pytest.mark.parametrize("name", ["validate", "assess"])
@pytest.mark.parametrize("case", CASES)
def test_malformed_file_gives_one_precise_line(case, name, tmp_path, tiny_kb):
    file_name, content, message = CASES[case]
    path = tmp_path / file_name
    path.write_bytes(content)
    result = run(command(name, path, tiny_kb))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {path}{message}\n"
    assert result.stdout == ""


@pytest.mark.parametrize("name", ["validate", "assess"])
def test_missing_file(name, tmp_path, tiny_kb):
    path = tmp_path / "absent.yaml"
    result = run(command(name, path, tiny_kb))
    assert (result.exit_code, result.stderr) == (2, f"Error: {path}: file not found\n")


def test_a_dash_reads_standard_input_as_unix_tools_do(tiny_kb):
    runner = CliRunner()
    good = runner.invoke(
        main, ["assess", "-", "--rules", str(tiny_kb)], input="climate: {crisis: high}\n"
    )
    assert good.stdout.startswith("The meeting-occurs title: likely (CF +0.50)")
    bad = runner.invoke(main, ["validate", "-"], input="climate:\n  crisis: hgh\n")
    assert bad.exit_code == 2
    assert bad.stderr == (
        "Error: -:2:3: climate.crisis: expected one of none, low, moderate, high; "
        "found a string ('hgh'); did you mean 'high'?\n"
    )


@pytest.mark.parametrize("name", ["validate", "assess"])
def test_directory_given_as_a_file(name, tmp_path, tiny_kb):
    result = run(command(name, tmp_path, tiny_kb))
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {tmp_path}: is a directory, not a file\n",
    )


def test_a_large_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    path = tmp_path / "big.yaml"
    path.write_bytes(b"#" * 5_000_000)

    def must_not_read(*args, **kwargs):
        raise AssertionError("the file was opened")

    monkeypatch.setattr(Path, "open", must_not_read)
    monkeypatch.setattr(Path, "read_bytes", must_not_read)
    with pytest.raises(SourceError, match="too large: 5000000 bytes"):
        source.read_document(path)


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_a_device_is_refused_before_it_is_read():
    # /dev/zero reports size 0 and never ends: it is not a regular file, so it is never opened.
    with pytest.raises(SourceError, match="/dev/zero: is a character device, not a regular file"):
        source.read_document("/dev/zero", max_bytes=1024)


def test_too_many_values_are_refused_where_the_limit_is_passed(monkeypatch):
    monkeypatch.setattr(source, "MAX_NODES", 5)  # a real file needs 100,000 to pass it
    with pytest.raises(SourceError) as caught:
        source.parse_document("climate:\n  crisis: high\n  tension: low\n", "f.yaml")
    assert str(caught.value) == "f.yaml:3:3: document has too many values (more than 5)"
