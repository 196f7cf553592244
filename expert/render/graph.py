"""The HOW inference graph (facts → rules → conclusions) in Graphviz DOT and Mermaid."""

from __future__ import annotations

from typing import NamedTuple

from ..records import How
from .words import value_text

SHAPES = {"fact": "note", "rule": "box", "conclusion": "ellipse"}


class Graph(NamedTuple):
    """An inference graph: node id → (kind, label), and (from, to) → label ("" or a CF)."""

    nodes: dict[str, tuple[str, str]]
    edges: dict[tuple[str, str], str]


def tree_order(data: How) -> list[str]:
    """The conclusions of a HOW explanation, roots first, each before what it builds on."""
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        order.append(name)
        entry = data.conclusions[name]
        for firing in entry.supporting + entry.opposing:
            for used in firing.conclusions:
                visit(used.name)

    for root in data.roots:
        visit(root)
    return order


def graph(data: How) -> Graph:
    """The inference graph of a HOW explanation: facts → rules → conclusions, as nodes and edges."""
    nodes: dict[str, tuple[str, str]] = {}  # id -> (kind, label)
    edges: dict[tuple[str, str], str] = {}  # (from, to) -> label ("" or a CF)
    for name in tree_order(data):
        entry = data.conclusions[name]
        status = f"CF {entry.cf:+.2f}" if entry.concluded else "not concluded"
        nodes[f"c:{name}"] = ("conclusion", f"{entry.title}\n{name}\n{status}")
        for firing in entry.supporting + entry.opposing:
            rule = f"r:{firing.rule}"
            nodes[rule] = ("rule", f"{firing.rule}\nstep {firing.step}")
            edges[rule, f"c:{name}"] = f"{firing.contribution:+.2f}"
            for fact in firing.facts:
                fid = f"f:{fact.field}"
                nodes[fid] = ("fact", f"{fact.field} = {value_text(fact.value)}")
                edges[fid, rule] = ""
            for used in firing.conclusions:
                edges[f"c:{used.name}", rule] = ""
    return Graph(dict(sorted(nodes.items())), dict(sorted(edges.items())))


def _dot_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def dot(g: Graph) -> str:
    """The graph in Graphviz's DOT language."""
    lines = [
        "digraph explanation {",
        "  rankdir=LR;",
        '  node [fontname="Helvetica"];',
        '  edge [fontname="Helvetica"];',
    ]
    for nid, (kind, label) in g.nodes.items():
        lines.append(f"  {_dot_quote(nid)} [label={_dot_quote(label)}, shape={SHAPES[kind]}];")
    for (a, b), label in g.edges.items():
        attrs = ""
        if label:
            colour = "darkgreen" if not label.startswith("-") else "firebrick"
            attrs = f" [label={_dot_quote(label)}, color={colour}, fontcolor={colour}]"
        lines.append(f"  {_dot_quote(a)} -> {_dot_quote(b)}{attrs};")
    return "\n".join([*lines, "}"]) + "\n"


def _mermaid_label(text: str) -> str:
    escaped = (
        text.replace("#", "#35;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )
    return '"' + escaped.replace("\n", "<br/>") + '"'


def mermaid(g: Graph) -> str:
    """The graph as a Mermaid flowchart; node ids are short and safe, labels escaped."""
    ids = {nid: f"{nid[0]}{i}" for i, nid in enumerate(g.nodes)}
    brackets = {"fact": ("[/", "/]"), "rule": ("[", "]"), "conclusion": ("([", "])")}
    lines = ["flowchart LR"]
    for nid, (kind, label) in g.nodes.items():
        left, right = brackets[kind]
        lines.append(f"  {ids[nid]}{left}{_mermaid_label(label)}{right}")
    for (a, b), label in g.edges.items():
        arrow = f' -->|"{label}"| ' if label else " --> "
        lines.append(f"  {ids[a]}{arrow}{ids[b]}")
    return "\n".join(lines) + "\n"
