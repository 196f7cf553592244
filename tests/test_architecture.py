"""The package keeps its shape: knowledge is data, the CLI is a thin shell, input is safe."""

import re
import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "expert"
RULES = ROOT / "rules"


def declared_names(rules: Path) -> set[str]:
    """What the knowledge base names, wherever it is written: its groups and facts of more
    than one word, every fact as `group.fact`, and conclusions and rules of more than one
    word.

    A one-word name (`format`, `status`, the group `history`) is an ordinary word that code
    and help text use in their own sense; written as data it would be a field path, caught
    here, or a quoted key, caught by `group_keys`.
    """
    model = yaml.safe_load((rules / "model.yaml").read_text(encoding="utf-8"))
    names = {group for group in model["groups"] if "_" in group}
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


def group_keys(rules: Path) -> set[str]:
    """The groups of one word. Such a word (`history`, `timing`) is ordinary English, so
    it names the domain only where code reaches the group by name, as a quoted key
    (`facts["timing"]`); a fact under it (`timing.urgency`) is caught as a path."""
    model = yaml.safe_load((rules / "model.yaml").read_text(encoding="utf-8"))
    return {group for group in model["groups"] if "_" not in group}


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
    alternatives = {
        r"(?<![\w-])(?i:{})(?![\w-])": names,
        r"\b(?:{})\b": proper_nouns(rules),
        r"(?<=['\"])(?:{})(?=['\"])": group_keys(rules),
    }
    return re.compile(
        "|".join(
            form.format("|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w))))
            for form, words in alternatives.items()
            if words
        )
    )


def domain_words_in(folder: Path, rules: Path) -> dict[str, list[str]]:
    """The domain words each module of the package, the command line included, names."""
    pattern = domain_pattern(rules)
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.suffix in {".py", ".json"}:
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
    assert {"history", "timing"} <= group_keys(RULES)
    assert domain_words_in(PACKAGE, RULES) == {}


def test_a_domain_word_planted_in_the_library_is_found(tmp_path):
    names = sorted(declared_names(RULES))
    path = next(n for n in names if "." in n)
    rule = next(n for n in names if "-" in n)
    copy = tmp_path / "expert"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    planted = {"engine.py": f"\nCHANNELS = {path!r}\n", "batch.py": f"\n# e.g. {rule}\n"}
    planted["facts.py"] = "\n# As in the Kremlin's case.\n"
    planted["cli/rules.py"] = f"\n# summit rules {rule}\n"
    # A one-word group counts as a quoted key, not as a word of prose.
    planted["cli/base.py"] = '\nGROUP = "timing"  # the history and timing of it\n'
    for name, text in planted.items():
        (copy / name).write_text((copy / name).read_text() + text)
    assert domain_words_in(copy, RULES) == {
        "batch.py": [rule],
        "cli/base.py": ["timing"],
        "cli/rules.py": [rule],
        "engine.py": [path],
        "facts.py": ["Kremlin"],
    }


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


def imports_of(path: Path) -> set[str]:
    """The modules of `expert` that a module imports, at the top or inside a function."""
    import ast

    package = path.relative_to(PACKAGE.parent).with_suffix("").parts[:-1]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = list(package[: len(package) - node.level + 1])
            parts = base + (node.module.split(".") if node.module else [])
            names = [".".join(parts)] if node.module else []
            found |= set(names) | {".".join([*parts, a.name]) for a in node.names}
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("expert")}
    return found


def module_graph() -> dict[str, set[str]]:
    modules = {
        ".".join(p.relative_to(PACKAGE.parent).with_suffix("").parts).removesuffix(".__init__"): p
        for p in PACKAGE.rglob("*.py")
    }
    return {name: imports_of(path) & set(modules) - {name} for name, path in modules.items()}


def cycle_in(graph: dict[str, set[str]]) -> list[str]:
    """One cycle of the graph, as the modules along it; [] when there is none."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> list[str]:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt]
            if nxt not in state and (found := visit(nxt, [*path, nxt])):
                return found
        state[node] = 2
        return []

    for start in sorted(graph):
        if start not in state and (found := visit(start, [start])):
            return found
    return []


def entry_point() -> str:
    """The module the `summit` script starts in (pyproject's `[project.scripts]`)."""
    import tomllib

    project = tomllib.loads((PACKAGE.parent / "pyproject.toml").read_text(encoding="utf-8"))
    return project["project"]["scripts"]["summit"].split(":")[0]


def test_the_import_graph_of_expert_has_no_cycle():
    # The entry point starts the command line: that import is the program's start, not a
    # dependency of the library modules that use the entry point's signal handling.
    start = entry_point()
    graph = {
        m: {
            i
            for i in imports
            if not m.startswith(i + ".") and not (m == start and i.startswith("expert.cli"))
        }
        for m, imports in module_graph().items()
    }
    assert cycle_in(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) == []


def function_sizes(folder: Path) -> list[tuple[int, str, bool]]:
    """(lines of body after the docstring, where, whether a `# Long` comment says why)."""
    import ast

    sizes = []
    for path in sorted(folder.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        lines = source.splitlines()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                body = node.body[1:] if ast.get_docstring(node) is not None else node.body
                first = body[0].lineno if body else node.end_lineno
                # a comment before the first statement belongs to the body too
                while first > node.lineno and lines[first - 2].strip().startswith("#"):
                    first -= 1
                text = "\n".join(lines[first - 1 : node.end_lineno])
                where = f"{path.relative_to(folder.parent)}:{node.lineno} {node.name}"
                sizes.append((node.end_lineno - first + 1, where, "# Long" in text))
    return sizes


LONG = 25  # the style notes' "about 25 lines" for a function's body


def test_functions_are_small_and_a_long_one_says_why():
    sizes = function_sizes(PACKAGE)
    assert len(sizes) > 500
    median = sorted(size for size, _, _ in sizes)[len(sizes) // 2]
    assert median <= 10
    unexplained = [
        f"{where} ({size} lines)" for size, where, why in sizes if size > LONG and not why
    ]
    assert unexplained == []


def test_a_long_function_without_a_reason_is_found(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    body = "".join(f"    x{i} = {i}\n" for i in range(LONG + 1))
    (package / "m.py").write_text(
        f'def short():\n    """Doc."""\n    return 1\n\n\ndef long():\n{body}'
    )
    sizes = {where.split()[-1]: (size, why) for size, where, why in function_sizes(package)}
    assert sizes == {"short": (1, False), "long": (LONG + 1, False)}
    (package / "m.py").write_text(f"def long():\n    # Long because it is a test.\n{body}")
    assert function_sizes(package)[0][2] is True


def test_the_library_speaks_of_a_source_not_of_this_knowledge_base_s_article():
    """The built-in knowledge base comes from an article; another may come from a paper."""
    said = [
        f"{path.relative_to(ROOT)}:{n}"
        for path in sorted(PACKAGE.rglob("*.py"))
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if re.search(r"\barticles?\b", line, re.I)
    ]
    assert said == []


def test_the_shared_labels_of_every_output_are_written_once():
    """`Scenario: …` is worded by render.words alone, so the commands cannot drift apart."""
    writers = [
        p.relative_to(PACKAGE).as_posix()
        for p in PACKAGE.rglob("*.py")
        if re.search(r"[\"']Scenario: ", p.read_text(encoding="utf-8"))
    ]
    assert writers == ["render/words.py"]
