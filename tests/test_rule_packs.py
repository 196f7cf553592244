"""Rule packs layered over a knowledge base, and a new fact added in one edit (docs/rules.md)."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import textwrap
from pathlib import Path

import pytest
import yaml
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


def invoke(command: str, env: dict[str, str] | None = None):
    """Run one `summit …` line of the doc; a `printf '…' |` before it types its input."""
    typed, _, command = command.rpartition(" | ")
    text = shlex.split(typed)[1].encode().decode("unicode_escape") if typed else None
    return CliRunner().invoke(main, shlex.split(command)[1:], input=text, env=env)


def rerun(kind: str, target: str, env: dict[str, str] | None = None):
    """Run the commands of the console block `<!-- kind:target -->`: their exit codes,
    what the doc shows and what they print now (written into the doc when updating)."""
    shown = blocks(kind)[target]
    commands = transcripts(shown)
    runs = [invoke(command, env) for command in commands]
    fresh = "".join(f"$ {c}\n{r.output}" for c, r in zip(commands, runs, strict=True))
    if is_updating():
        marked = f"<!-- {kind}:{target} -->\n```console\n"
        DOC.write_text(DOC.read_text().replace(marked + shown, marked + fresh), encoding="utf-8")
        shown = fresh
    return [r.exit_code for r in runs], shown, fresh


@pytest.mark.parametrize("step", sorted(blocks("pack-run")))
def test_each_step_of_the_documented_pack_prints_what_the_doc_shows(step, tmp_path, monkeypatch):
    write_pack(tmp_path)
    edited = apply_edits(tmp_path, step)
    monkeypatch.chdir(tmp_path)
    codes, shown, fresh = rerun("pack-run", step)
    assert codes == [1 if edited else 0] * len(codes), fresh
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


def new_fact_rules(tmp_path: Path) -> Path:
    """A copy of rules/ with the doc's one edit to the model file and its new rule file."""
    rules = tmp_path / "rules"
    shutil.copytree(ROOT / "rules", rules)
    ((group, fact),) = blocks("new-fact:model").items()
    text = (rules / "model.yaml").read_text(encoding="utf-8")
    start = text.index(f"\n  {group}:\n")
    fields = text.index("    fields:\n", start) + len("    fields:\n")
    (rules / "model.yaml").write_text(text[:fields] + fact + text[fields:], encoding="utf-8")
    ((name, rule_file),) = blocks("new-fact:rules").items()
    (rules / name).write_text(rule_file, encoding="utf-8")
    return rules


def test_a_new_fact_takes_one_model_edit_plus_the_rules_that_use_it(tmp_path, monkeypatch):
    env = {"SUMMIT_RULES": str(new_fact_rules(tmp_path))}
    ((name, facts),) = blocks("new-fact:file").items()
    (tmp_path / name).write_text(facts, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    codes, shown, fresh = rerun("new-fact:run", "steps", env)
    assert (codes, fresh) == ([0, 0, 0], shown)


def test_a_new_fact_is_asked_listed_and_its_values_known(tmp_path, monkeypatch):
    rules = new_fact_rules(tmp_path)
    env = {"SUMMIT_RULES": str(rules)}
    monkeypatch.chdir(tmp_path)
    (declared,) = blocks("new-fact:model").values()
    question = yaml.safe_load(textwrap.dedent(declared))["trade_collapse"]["question"]
    run = CliRunner(env=env).invoke
    asked = run(main, ["consult", "--save", "answers.yaml"], input="unknown\n" * 40)
    assert f"{question} (climate.trade_collapse)" in " ".join(asked.output.split())
    schema = json.loads(run(main, ["schema"]).stdout)
    assert "trade_collapse" in schema["$defs"]["Climate"]["properties"]
    assert question in run(main, ["schema", "--format", "markdown"]).output
    (rules / "trade.yaml").write_text(
        (rules / "trade.yaml").read_text().replace("is: true", "is: maybe")
    )
    checked = run(main, ["check"])
    assert (checked.exit_code, checked.output) == (
        1,
        "Errors (1)\n  rules/trade.yaml:9  E102 unknown-value  collapsed-trade-invites-talks:\n"
        "      climate.trade_collapse is true or false, without quotes; found 'maybe'\n\n"
        "1 error: the knowledge base did not load, so no other check ran.\n",
    )


def test_an_empty_folder_is_a_pack_that_adds_nothing_and_check_says_so(tmp_path, monkeypatch):
    (tmp_path / "my-pack").mkdir()
    monkeypatch.chdir(tmp_path)
    codes, shown, fresh = rerun("pack-start", "empty")
    assert (codes, fresh) == ([0], shown)


def test_a_copy_of_rules_without_its_manifest_is_one_error_naming_the_manifest(
    tmp_path, monkeypatch
):
    shutil.copytree(ROOT / "rules", tmp_path / "copy")
    (tmp_path / "copy" / "knowledge-base.yaml").unlink()
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(
        main, ["assess", "--rules", "copy", str(ROOT / "facts/default.yaml")]
    )
    assert (result.exit_code, result.output) == (
        2,
        "Error: copy: no knowledge-base.yaml in this folder: a knowledge base needs its"
        " manifest, knowledge-base.yaml; a pack is a folder without one whose model.yaml,"
        " if any, declares no header\n",
    )


def test_a_model_file_is_read_once_until_it_changes(tmp_path, monkeypatch):
    """Whether a folder is a pack depends on its model file, read again only once changed."""
    from expert import api, source

    reads = []
    monkeypatch.setattr(api, "read_document", lambda path: reads.append(path) or read(path))
    read, model = source.read_document, tmp_path / "model.yaml"
    model.write_text("groups: {}\n", encoding="utf-8")
    assert [api.is_pack(tmp_path), api.is_pack(tmp_path)] == [True, True]
    assert len(reads) == 1
    model.write_text("header: {}\ngroups: {}\n", encoding="utf-8")
    assert [api.is_pack(tmp_path), api.is_pack(tmp_path)] == [False, False]
    assert len(reads) == 2
