"""The package keeps its shape: knowledge is data, the CLI is a thin shell, input is safe."""

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "expert"
RULES = ROOT / "rules"


def declared_names(rules: Path) -> set[str]:
    """What the knowledge base names: its groups, facts (as `group.fact`, and alone when
    the name has more than one word), conclusions and rules of more than one word.

    A one-word fact, conclusion or rule (`format`, `status`) is an ordinary word that code
    uses in its own sense; written as data it would be a field path, and that is caught.
    """
    model = yaml.safe_load((rules / "model.yaml").read_text(encoding="utf-8"))
    names = set(model["groups"])
    for group, spec in model["groups"].items():
        names.update(f"{group}.{fact}" for fact in spec["fields"])
        names.update(fact for fact in spec["fields"] if "_" in fact)
    for path in sorted(rules.glob("*.yaml")):
        if path.name in {"model.yaml", "knowledge-base.yaml"}:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        declared = [c["name"] for c in data.get("conclusions", [])]
        declared += [rule["id"] for rule in data.get("rules", [])]
        names.update(name for name in declared if re.search(r"[-_:]", name))
    return names


def proper_nouns(rules: Path) -> set[str]:
    """Capitalised words inside the manifest's sentences (names of people and places)."""
    manifest = yaml.safe_load((rules / "knowledge-base.yaml").read_text(encoding="utf-8"))
    texts = [manifest["name"], *(p["summary"] for p in manifest.get("paragraphs", {}).values())]
    found = (re.findall(r"(?<![.!?:]\s)(?<!^)\b([A-Z][a-z]{3,})\b", text) for text in texts)
    return {word for words in found for word in words}


def domain_pattern(rules: Path) -> re.Pattern:
    """Every domain word, as it could be spelt in code: `a_b` or `a-b`, any case for names."""
    names = set()
    for name in declared_names(rules):
        names.update({name.replace("_", "-"), name.replace("-", "_")})
    spelt = "|".join(sorted(map(re.escape, names), key=lambda w: (-len(w), w)))
    nouns = "|".join(sorted(map(re.escape, proper_nouns(rules))))
    return re.compile(rf"(?<![\w-])(?i:{spelt})(?![\w-])|\b(?:{nouns})\b")


def domain_words_in(folder: Path, rules: Path) -> dict[str, list[str]]:
    """The domain words each library module (not the command line) names, by file."""
    pattern = domain_pattern(rules)
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix in {".py", ".json"} and "cli" not in path.relative_to(folder).parts:
            words = pattern.findall(path.read_text(encoding="utf-8"))
            if words:
                found[str(path.relative_to(folder))] = sorted(set(words))
    return found


def library_modules():
    return sorted(p for p in PACKAGE.rglob("*.py") if "cli" not in p.relative_to(PACKAGE).parts)


def test_only_the_cli_imports_click():
    offenders = [
        p.name
        for p in library_modules()
        if re.search(r"^\s*(import|from) click", p.read_text(), re.M)
    ]
    assert offenders == []


def test_the_library_names_no_domain_concept():
    assert len(declared_names(RULES)) > 100
    assert {"Kremlin", "Trump"} <= proper_nouns(RULES)
    assert domain_words_in(PACKAGE, RULES) == {}


def test_a_domain_word_planted_in_the_library_is_found(tmp_path):
    names = sorted(declared_names(RULES))
    path = next(n for n in names if "." in n)
    rule = next(n for n in names if "-" in n)
    copy = tmp_path / "expert"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    planted = {"engine.py": f"\nCHANNELS = {path!r}\n", "batch.py": f"\n# e.g. {rule}\n"}
    planted["facts.py"] = "\n# As in the Kremlin's case.\n"
    for name, text in planted.items():
        (copy / name).write_text((copy / name).read_text() + text)
    assert domain_words_in(copy, RULES) == {
        "batch.py": [rule],
        "engine.py": [path],
        "facts.py": ["Kremlin"],
    }


def test_no_eval_exec_or_unsafe_yaml_anywhere():
    pattern = re.compile(r"\b(eval|exec)\(|yaml\.load\(|yaml\.unsafe_load|yaml\.full_load")
    offenders = [str(p) for p in PACKAGE.rglob("*.py") if pattern.search(p.read_text())]
    assert offenders == []
