"""Rule packs layered over a knowledge base, and a new fact added in one edit (docs/rules.md)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import is_updating

from expert.cli import main
from expert.errors import ErrorGroup
from expert.knowledge import load_knowledge_base

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "rules.md"
BLOCK = r"<!-- {}:(?P<target>[^ ]+) -->\n```\w+\n(?P<text>.*?)```\n"


def blocks(kind: str) -> dict[str, str]:
    """The code blocks of docs/rules.md marked `<!-- kind:target -->`, by target."""
    doc = DOC.read_text(encoding="utf-8")
    return {m["target"]: m["text"] for m in re.finditer(BLOCK.format(kind), doc, re.S)}


def write_pack(folder: Path) -> None:
    """Write the doc's example pack and fact file (blocks `pack:PATH`) into `folder`."""
    for target, text in blocks("pack").items():
        (folder / target).parent.mkdir(parents=True, exist_ok=True)
        (folder / target).write_text(text, encoding="utf-8")


def apply_edits(folder: Path, step: str) -> bool:
    """Apply the doc's diffs for `step` (blocks `pack-edit:STEP:PATH`); whether any was."""
    edits = {
        target.partition(":")[2]: diff
        for target, diff in blocks("pack-edit").items()
        if target.partition(":")[0] == step
    }
    for target, diff in edits.items():
        lines = diff.splitlines()
        removed = [line[1:] for line in lines if line.startswith("-")]
        added = [line[1:] for line in lines if line.startswith("+")]
        text = (folder / target).read_text(encoding="utf-8")
        for old, new in zip(removed, added, strict=True):
            assert text.count(old) == 1, old
            text = text.replace(old, new)
        (folder / target).write_text(text, encoding="utf-8")
    return bool(edits)


def transcripts(text: str) -> list[str]:
    """The commands of a console block: its `$ ` lines, without the prompt."""
    return re.findall(r"^\$ (.*)$", text, re.M)


def invoke(command: str):
    """Run one `summit …` line of the doc; a `printf '…' |` before it types its input."""
    typed, _, command = command.rpartition(" | ")
    text = shlex.split(typed)[1].encode().decode("unicode_escape") if typed else None
    return CliRunner().invoke(main, shlex.split(command)[1:], input=text)


@pytest.mark.parametrize("step", sorted(blocks("pack-run")))
def test_each_step_of_the_documented_pack_prints_what_the_doc_shows(step, tmp_path, monkeypatch):
    write_pack(tmp_path)
    edited = apply_edits(tmp_path, step)
    monkeypatch.chdir(tmp_path)
    shown = blocks("pack-run")[step]
    runs = [(command, invoke(command)) for command in transcripts(shown)]
    assert [r.exit_code for _, r in runs] == [1 if edited else 0] * len(runs), runs
    fresh = "".join(f"$ {command}\n{result.output}" for command, result in runs)
    if is_updating():
        marked = f"<!-- pack-run:{step} -->\n```console\n"
        doc = DOC.read_text(encoding="utf-8").replace(marked + shown, marked + fresh)
        DOC.write_text(doc, encoding="utf-8")
        shown = fresh
    assert fresh == shown


def test_the_documented_pack_takes_every_step():
    assert sorted(blocks("pack-run")) == ["assess", "check", "consult", "explain", "mistake"]
    assert [t.split(":")[0] for t in blocks("pack-edit")] == ["mistake"]


def test_a_pack_comes_in_through_summit_rules_env_var_and_its_rules_say_so(tmp_path):
    write_pack(tmp_path)
    pack = str(tmp_path / "my-pack")
    env = {"SUMMIT_RULES": os.pathsep.join([str(ROOT / "rules"), pack])}
    result = CliRunner().invoke(main, ["rules", "--format", "json"], env=env)
    assert result.exit_code == 0, result.output
    (rule,) = [r for r in json.loads(result.stdout)["rules"] if r["id"] == "dear-oil-on-the-agenda"]
    assert (rule["pack"], rule["file"]) == (pack, f"{Path(pack).as_posix()}/oil.yaml")
    assert "pack" not in json.loads(result.stdout)["rules"][0]


def test_a_rule_id_the_base_uses_is_a_clash_naming_both_places(tmp_path):
    write_pack(tmp_path)
    oil = tmp_path / "my-pack" / "oil.yaml"
    oil.write_text(oil.read_text().replace("dear-oil-on-the-agenda", "crisis-compels-talks"))
    with pytest.raises(ErrorGroup) as caught:
        load_knowledge_base([ROOT / "rules", tmp_path / "my-pack"])
    (error,) = caught.value.errors
    origin = load_knowledge_base(ROOT / "rules").origins["crisis-compels-talks"]
    assert str(error) == (
        f"{oil}:10:5: rules[0].id: rule id 'crisis-compels-talks' is already used at {origin}"
    )


def test_a_fact_declared_again_with_another_type_is_a_clash_naming_both_places(tmp_path):
    write_pack(tmp_path)
    model = tmp_path / "my-pack" / "model.yaml"
    model.write_text(
        model.read_text().replace("economy:", "climate:").replace("oil_price", "crisis")
    )
    model.write_text(model.read_text().replace("type: level", "type: boolean"))
    with pytest.raises(ErrorGroup) as caught:
        load_knowledge_base([ROOT / "rules", tmp_path / "my-pack"])
    first = load_knowledge_base(ROOT / "rules").model.declaration.origins["climate.crisis"]
    assert [str(e) for e in caught.value.errors] == [
        f"{model}:7:9: groups.climate.fields.crisis.type: the field climate.crisis is already "
        f"declared as level at {first[0]}:{first[1]}; found boolean"
    ]


def test_a_new_fact_takes_one_model_edit_plus_the_rules_that_use_it(tmp_path):
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    ((group, fact),) = blocks("new-fact:model").items()
    text = (rules / "model.yaml").read_text(encoding="utf-8")
    start = text.index(f"\n  {group}:\n")
    fields = text.index("    fields:\n", start) + len("    fields:\n")
    (rules / "model.yaml").write_text(text[:fields] + fact + text[fields:], encoding="utf-8")
    ((name, rule_file),) = blocks("new-fact:rules").items()
    (rules / name).write_text(rule_file, encoding="utf-8")
    facts = tmp_path / "stopped.yaml"
    facts.write_text("climate: {trade_collapse: true}\n")
    run = CliRunner().invoke
    explained = run(
        main,
        ["explain", "--rules", str(rules), str(facts), "--rule", "collapsed-trade-invites-talks"],
    )
    assert "✓ climate.trade_collapse is true: found true" in explained.output
    checked = run(main, ["check", "--rules", str(rules)])
    assert checked.exit_code == 0, checked.output
    assert "trade" not in checked.output  # the new fact and its rule draw no warning
    schema = json.loads(run(main, ["schema", "--rules", str(rules)]).stdout)
    assert "trade_collapse" in schema["$defs"]["Climate"]["properties"]
