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
