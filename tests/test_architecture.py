"""The package keeps its shape: knowledge is data, the CLI is a thin shell, input is safe."""

import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "expert"
DOMAIN_MODULES = {"model.py", "api.py", "__main__.py"}
DOMAIN_WORDS = re.compile(
    r"\b(trump|putin|russia\w*|kremlin|ukraine|nato|meeting|climate|article)\b", re.I
)


def library_modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts)


def test_only_the_cli_imports_click():
    offenders = [
        p.name
        for p in library_modules()
        if re.search(r"^\s*(import|from) click", p.read_text(), re.M)
    ]
    assert offenders == []


def test_generic_modules_name_no_domain_concept():
    generic = [p for p in library_modules() if p.name not in DOMAIN_MODULES]
    assert len(generic) >= 8
    offenders = {p.name: DOMAIN_WORDS.findall(p.read_text()) for p in generic}
    assert {name: words for name, words in offenders.items() if words} == {}


def test_no_eval_exec_or_unsafe_yaml_anywhere():
    pattern = re.compile(r"\b(eval|exec)\(|yaml\.load\(|yaml\.unsafe_load|yaml\.full_load")
    offenders = [str(p) for p in PACKAGE.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []


def test_docs_architecture_names_every_module():
    doc = (PACKAGE.parent / "docs" / "architecture.md").read_text(encoding="utf-8")
    commands = re.search(r"`cli/assess\.py` … `cli/validate\.py` \| .*? \((.*?)\) \|", doc)[1]
    listed = {f"cli/{name}.py" for name in re.findall(r"`(\w+)`", commands)}
    listed |= set(re.findall(r"^\| `([\w/]+\.py)` \|", doc, re.M))
    modules = {
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if p.name != "__init__.py" or p.parent == PACKAGE
    }
    assert sorted(modules - listed) == []
