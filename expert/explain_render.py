"""Explanations as text, Markdown, Graphviz DOT or Mermaid, rendered from their records.

Every renderer reads only the record built by `expert.explain`, `expert.whynot` or
`expert.rule_report` (`expert.records`), so all formats tell the same story.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, NamedTuple

from . import certainty
from .errors import ExpertError
from .records import (
    ConclusionEntry,
    ConclusionNode,
    Counterfactual,
    Explanation,
    FactChange,
    FactRead,
    Fed,
    FieldNode,
    FiringEntry,
    Header,
    How,
    MatchedFact,
    Node,
    RuleEntry,
    RuleHead,
    RuleReport,
    Target,
    Trace,
    TraceStep,
    WhyNot,
)
from .render.words import needed_text, value_text, verdict_line

Style = Callable[..., str]
FORMATS = ("text", "json", "markdown", "dot", "mermaid")
UNCOUNTED = "not counted: the same rule lends through its strongest match"
NODE_WORDS = {"all": "all of:", "any": "any of:", "not": "not:"}


def cites(entry: RuleHead | FiringEntry) -> str:
    """A rule's paragraph ids, and the pack it comes from when it is not the base's."""
    pack = f"; pack {entry.pack}" if entry.pack else ""
    return ", ".join(entry.paragraphs) + pack


def _plain(text: str, **_: Any) -> str:
    return text


def render(data: Explanation, fmt: str, style: Style = _plain) -> str:
    """An explanation in one of the non-JSON formats; `style` may colour the text format."""
    if fmt in {"dot", "mermaid"}:
        if data.mode != "how":
            raise ExpertError(f"--format {fmt} draws the HOW graph; use text, json or markdown")
        return (dot if fmt == "dot" else mermaid)(graph(data))
    renderers = {
        ("text", "how"): how_text,
        ("text", "trace"): trace_text,
        ("text", "why-not"): why_not_text,
        ("text", "rule"): rule_text,
        ("markdown", "how"): how_markdown,
        ("markdown", "trace"): trace_markdown,
        ("markdown", "why-not"): why_not_markdown,
        ("markdown", "rule"): rule_markdown,
    }
    if fmt == "text":
        return renderers[fmt, data.mode](data, style)
    return renderers[fmt, data.mode](data)


# --- Shared words ------------------------------------------------------------------------


def combination_text(entry: ConclusionEntry) -> str:
    """`+0.36 ⊕ +0.40 = +0.62`, one step after another."""
    steps = entry.combination
    if not steps:
        return f"{entry.cf:+.2f} (one rule)"
    return "; ".join(f"{s.left:+.2f} ⊕ {s.right:+.2f} = {s.result:+.2f}" for s in steps)


def premise_text(firing: FiringEntry) -> str:
    """`rule CF +0.60 × premise 0.60 (weakest of 0.85, 0.60) = +0.36`."""
    used = [abs(c.cf) for c in firing.conclusions]
    weakest = f" (weakest of {', '.join(f'{u:.2f}' for u in used)})" if len(used) > 1 else ""
    return (
        f"rule CF {firing.rule_cf:+.2f} × premise {firing.premise_cf:.2f}{weakest}"
        f" = {firing.contribution:+.2f}"
    )


def facts_text(facts: list[FactRead]) -> str:
    """`a.b = x, c.d = unknown`."""
    return ", ".join(f"{f.field} = {value_text(f.value)}" for f in facts)


def status_text(entry: Target) -> str:
    """Whether a conclusion was reached in the direction needed, in words."""
    need = needed_text(entry.direction)
    if entry.status == "reached":
        return f"reached, CF {entry.cf:+.2f}"
    if entry.status == "weak":
        return f"not reached: CF {entry.cf:+.2f}, and rules need {need}"
    return "not concluded: no rule concluded anything about it"


def verdict_text(data: Header) -> str:
    """`Title: band (CF +0.62)`."""
    v = data.verdict
    return verdict_line(v.title, v.cf, v.band)


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


# --- Text --------------------------------------------------------------------------------


def _head(data: Header, style: Style) -> list[str]:
    lines = [style(verdict_text(data), bold=True)]
    if data.scenario:
        lines.append(f"Scenario: {data.scenario}")
    return lines


def how_text(data: How, style: Style = _plain) -> str:
    """HOW as an indented tree: conclusions, the rules for and against, down to the facts."""
    lines = _head(data, style)
    shown: set[str] = set()
    for root in data.roots:
        lines.append("")
        lines += _conclusion_lines(data, root, 0, shown, style)
    return "\n".join(lines) + "\n"


def _conclusion_lines(data: How, name: str, depth: int, shown: set[str], style: Style) -> list[str]:
    pad = "  " * depth
    entry = data.conclusions[name]
    head = f"{pad}{name}: {entry.title}"
    if name in shown:
        return [f"{head} (CF {entry.cf:+.2f}, explained above)"]
    shown.add(name)
    if not entry.concluded:
        return [
            style(head, bold=True),
            f"{pad}  not concluded: no rule concluded anything about it (try --why-not {name})",
        ]
    lines = [
        style(f"{head} — {entry.band}, CF {entry.cf:+.2f}", bold=True),
        f"{pad}  combined: {combination_text(entry)}",
    ]
    for side, colour in (("supporting", "green"), ("opposing", "red")):
        for firing in getattr(entry, side):
            lines += _firing_lines(data, firing, side, depth + 1, shown, style, colour)
    return lines


def _firing_lines(
    data: How,
    firing: FiringEntry,
    side: str,
    depth: int,
    shown: set[str],
    style: Style,
    colour: str,
) -> list[str]:
    pad = "  " * depth
    word = "for" if side == "supporting" else "against"
    paragraphs = cites(firing)
    lent = style(f"{word} {firing.contribution:+.2f}", fg=colour)
    lines = [
        f"{pad}{lent}  {firing.rule} (step {firing.step}): {firing.title} [{paragraphs}]",
        f"{pad}    {premise_text(firing)}",
        f"{pad}    why: {firing.rationale}",
    ]
    if firing.facts:
        lines.append(f"{pad}    facts: {facts_text(firing.facts)}")
    for used in firing.conclusions:
        lines.append(f"{pad}    built on {used.name} (CF {used.cf:+.2f}):")
        lines += _conclusion_lines(data, used.name, depth + 3, shown, style)
    return lines


def trace_text(data: Trace, style: Style = _plain) -> str:
    """Every firing in order, as CLIPS shows them when watching rules."""
    if not data.trace:
        return "\n".join([*_head(data, style), "", "Trace: no rule fired"]) + "\n"
    lines = [*_head(data, style), "", f"Trace: {len(data.trace)} firings"]
    for f in data.trace:
        note = "" if f.counted else f"  ({UNCOUNTED})"
        lines.append(style(f"{f.step:>4}  {f.rule}  [stratum {f.stratum}]", bold=True) + note)
        lines += _step_lines(f, 6)
    lines += ["", "Combined:"]
    lines += [f"  {name} {cf:+.2f}" for name, cf in data.combined.items()]
    return "\n".join(lines) + "\n"


def _step_lines(f: TraceStep, depth: int) -> list[str]:
    """A firing's matched facts, bindings, premise and what it lent, indented."""
    pad = " " * depth
    lines = [f"{pad}matched: {_matched_text(f.matched)}"]
    if f.bindings:
        bound = ", ".join(f"{k} = {v:+.2f}" for k, v in f.bindings.items())
        lines.append(f"{pad}bindings: {bound}")
    concluded = ", ".join(f"{k} {v:+.2f}" for k, v in f.concluded.items())
    return [*lines, f"{pad}premise {f.premise_cf:.2f} → {concluded}"]


def _matched_text(matched: list[MatchedFact]) -> str:
    parts = []
    for m in matched:
        if m.kind == "conclusion":
            parts.append(f"{m.name} (CF {m.values['cf']:+.2f})")
        else:
            inner = ", ".join(f"{k} = {value_text(v)}" for k, v in m.values.items())
            parts.append(f"{m.name}({inner})")
    return "; ".join(parts) or "(no facts: the rule matched on absences)"


def why_not_text(data: WhyNot, style: Style = _plain) -> str:
    """WHY-NOT: the rules that could conclude it, their failed conditions, a counterfactual."""
    w = data.why_not
    lines = [*_head(data, style), ""]
    lines.append(style(f"Why not {w.conclusion}: {w.title}?", bold=True))
    lines += _target_lines(w, 1, style)
    if w.opposing:
        lines.append("  Against it:")
        for firing in w.opposing:
            lines.append(
                f"    {firing.contribution:+.2f}  {firing.rule} (step {firing.step}): "
                f"{firing.title} [{cites(firing)}]"
            )
            if firing.facts:
                lines.append(f"        facts: {facts_text(firing.facts)}")
    for name, entry in w.upstream.items():
        lines.append(
            style(f"  Needed upstream, {name} ({entry.direction}): {entry.title}", bold=True)
        )
        lines += _target_lines(entry, 2, style)
    lines += _counterfactual_lines(w.counterfactual)
    return "\n".join(lines) + "\n"


def rule_text(data: RuleReport, style: Style = _plain) -> str:
    """Why one rule fired (its firings, what it fed) or not (its conditions, one level up)."""
    r = data.rule
    lines = [*_head(data, style), ""]
    lines.append(style(f"Rule {r.rule}: {r.title} [{cites(r)}]", bold=True))
    lines.append(f"  why: {r.rationale}")
    lines.append(f"  {rule_status_text(r)}")
    for f in r.firings:
        note = "counted" if f.counted else UNCOUNTED
        lines.append(f"  step {f.step} [stratum {f.stratum}], {note}:")
        lines += _step_lines(f, 6)
    lines.append("  conditions:")
    for node in r.conditions:
        lines += _node_lines(node, 2, style)
    lines.append("  concludes:")
    lines += [f"    {fed_text(fed)}" for fed in r.fed]
    for name, entry in r.upstream.items():
        lines.append(
            style(f"  Needed upstream, {name} ({entry.direction}): {entry.title}", bold=True)
        )
        lines += _target_lines(entry, 2, style)
    return "\n".join(lines) + "\n"


def rule_status_text(r: RuleEntry) -> str:
    """`fired: 2 firings, 1 counted` or `did not fire: a condition fails`."""
    if not r.fired:
        return "did not fire: " + ("a condition fails" if not r.holds else "its conditions hold")
    counted = sum(f.counted for f in r.firings)
    n = len(r.firings)
    return f"fired: {n} firing{'s' if n > 1 else ''}, {counted} counted"


def fed_text(fed: Fed) -> str:
    """`pressure (rule CF +0.50): lent +0.50; final CF +0.80, band`."""
    head = f"{fed.conclusion} (rule CF {fed.rule_cf:+.2f})"
    lent = "lent nothing" if fed.lent is None else f"lent {fed.lent:+.2f}"
    final = f"final CF {fed.cf:+.2f}, {fed.band}" if fed.concluded else "not concluded"
    return f"{head}: {lent}; {final}"


def _target_lines(entry: Target, depth: int, style: Style) -> list[str]:
    pad = "  " * depth
    lines = [f"{pad}status: {status_text(entry)}"]
    if not entry.rules:
        return [*lines, f"{pad}no rule concludes it in this direction"]
    lines.append(f"{pad}rules that could conclude it:")
    for rule in entry.rules:
        mark = style("✓", fg="green") if rule.fired else style("✗", fg="red")
        head = f"{pad}  {mark} {rule.rule} ({rule.rule_cf:+.2f}): {rule.title} [{cites(rule)}]"
        if rule.fired:
            lines.append(f"{head}; fired at step {rule.step}, lent {rule.contribution:+.2f}")
            continue
        lines.append(head)
        for node in rule.conditions:
            lines += _node_lines(node, depth + 3, style)
    return lines


def _node_lines(node: Node, depth: int, style: Style) -> list[str]:
    pad = "  " * depth
    mark = style("✓", fg="green") if node.holds else style("✗", fg="red")
    if node.type in NODE_WORDS:
        lines = [f"{pad}{mark} {NODE_WORDS[node.type]}"]
        for child in node.children:
            lines += _node_lines(child, depth + 2, style)
        return lines
    return [f"{pad}{mark} {node.text}: {found_text(node)}"]


def found_text(node: FieldNode | ConclusionNode) -> str:
    """What a diagnosed test found: `found high`, `unknown`, `found CF +0.10 (too weak …)`."""
    if node.type == "field":
        return "unknown" if node.value is None else f"found {value_text(node.value)}"
    if node.cf is None:
        return "not concluded"
    weak = "" if certainty.is_strong(node.cf) else " (too weak to trigger rules)"
    return f"found CF {node.cf:+.2f}{weak}"


def _counterfactual_lines(search: Counterfactual | None) -> list[str]:
    if search is None:
        return []
    if not search.found:
        return [
            f"  No set of at most {search.max_changes} fact changes reaches it: "
            f"{coverage_text(search)}; {search.evaluations} evaluations over "
            f"{len(search.fields)} fields.",
            f"  {exhaustive_text(search)}.",
        ]
    lines = ["  Smallest change that reaches it:"]
    for i, solution in enumerate(search.solutions):
        changes = "; ".join(_change_text(c) for c in solution.changes)
        lines.append(f"    {'or ' if i else ''}{changes}  → CF {solution.cf:+.2f}")
    lines.append(f"  ({search.evaluations} evaluations over {len(search.fields)} fields)")
    return [*lines, f"  {exhaustive_text(search)}."]


def coverage_text(search: Counterfactual) -> str:
    """What a search covered: `searched all 12 sets of 1 change; sets of 2 changes: 488
    of 1,205 tried, then the budget of 500 evaluations ran out`."""
    done = [s for s in search.sizes if s.tried >= s.of]
    cut = [s for s in search.sizes if s.tried < s.of]
    parts = [f"searched all {s.of:,} sets of {_changes(s.size)}" for s in done]
    parts += [
        f"sets of {_changes(s.size)}: {s.tried:,} of {s.of:,} tried, then the "
        f"budget of {search.budget:,} evaluations ran out"
        for s in cut
    ]
    return "; ".join(parts) + ("" if cut else " (the search was complete)")


def exhaustive_text(search: Counterfactual) -> str:
    """Whether every set of 1 and of 2 changes was tried: `Exhaustive for 1 change: yes
    (all 12 sets); for 2 changes: no (488 of 1,205 sets; budget hit)`."""
    tried = {s.size: s for s in search.sizes}
    smallest = min((len(s.changes) for s in search.solutions), default=None)
    parts = []
    for size in (1, 2):
        entry = tried.get(size)
        if entry is None:
            why = "not needed (a smaller set reaches it)" if smallest else "no (budget hit)"
        elif entry.tried >= entry.of:
            why = {0: "yes (there are none)", 1: "yes (the only set)"}.get(
                entry.of, f"yes (all {entry.of:,} sets)"
            )
        else:
            enough = "enough sets found" if smallest == size else "budget hit"
            why = f"no ({entry.tried:,} of {entry.of:,} sets; {enough})"
        parts.append(f"for {_changes(size)}: {why}")
    return "Exhaustive " + "; ".join(parts)


def _changes(size: int) -> str:
    return f"{size} change{'s' if size > 1 else ''}"


def _change_text(change: FactChange) -> str:
    return f"{change.field}: {value_text(change.from_)} → {value_text(change.to)}"


# --- Markdown ----------------------------------------------------------------------------


def md(text: str) -> str:
    """Escape the characters Markdown would read as formatting."""
    return re.sub(r"([\\`*_\[\]<>|#])", r"\\\1", text)


def _md_head(data: Header, title: str) -> list[str]:
    lines = [f"# {title}", ""]
    if data.scenario:
        lines += [f"Scenario: {md(data.scenario)}", ""]
    lines += [f"**Verdict:** {md(verdict_text(data))}", ""]
    return lines


def how_markdown(data: How) -> str:
    """HOW as a report: one section per conclusion, roots first."""
    lines = _md_head(data, "How the conclusions were reached")
    for name in tree_order(data):
        entry = data.conclusions[name]
        lines += [f"## {md(entry.title)} (`{name}`)", ""]
        if not entry.concluded:
            lines += ["Not concluded: no rule concluded anything about it.", ""]
            continue
        lines += [
            f"CF **{entry.cf:+.2f}**, {entry.band}. Combined: {combination_text(entry)}.",
            "",
        ]
        for side in ("supporting", "opposing"):
            for f in getattr(entry, side):
                lines += _firing_markdown(f, "For" if side == "supporting" else "Against")
        lines.append("")
    return "\n".join(lines)


def _firing_markdown(f: FiringEntry, word: str) -> list[str]:
    lines = [
        f"- **{word} {f.contribution:+.2f}**: `{f.rule}` (step {f.step}), "
        f"{md(f.title)} ({cites(f)})",
        f"  - {premise_text(f)}",
        f"  - Why: {md(f.rationale)}",
    ]
    if f.facts:
        lines.append(
            "  - Facts: " + ", ".join(f"`{x.field} = {value_text(x.value)}`" for x in f.facts)
        )
    if f.conclusions:
        used = ", ".join(f"`{c.name}` (CF {c.cf:+.2f})" for c in f.conclusions)
        lines.append(f"  - Built on: {used}")
    return lines


def trace_markdown(data: Trace) -> str:
    """The firings as a table."""
    lines = _md_head(data, "Firing trace")
    lines += [
        "| Step | Rule | Stratum | Matched | Bindings | Premise | Concluded | Counted |",
        "|---:|---|---:|---|---|---:|---|---|",
    ]
    lines += [_firing_row(f, rule=True) for f in data.trace]
    return "\n".join(lines) + "\n"


def _firing_row(f: TraceStep, *, rule: bool) -> str:
    """One firing as a Markdown table row, with or without its rule column."""
    bound = ", ".join(f"{k} = {v:+.2f}" for k, v in f.bindings.items())
    concluded = ", ".join(f"{k} {v:+.2f}" for k, v in f.concluded.items())
    cells = [str(f.step), *([f"`{f.rule}`"] if rule else []), str(f.stratum)]
    cells += [md(_matched_text(f.matched)), bound, f"{f.premise_cf:.2f}", concluded]
    cells.append("yes" if f.counted else "no")
    return "| " + " | ".join(cells) + " |"


def _upstream_markdown(upstream: dict[str, Target]) -> list[str]:
    """The conclusions a target needed upstream, each with its diagnosis."""
    lines: list[str] = []
    for name, entry in upstream.items():
        lines += [f"## Needed upstream: {md(entry.title)} (`{name}`, {entry.direction})", ""]
        lines += _target_markdown(entry)
    return lines


def why_not_markdown(data: WhyNot) -> str:
    """WHY-NOT as a report: the target, what it needed upstream, and a counterfactual."""
    w = data.why_not
    lines = _md_head(data, f"Why not {md(w.title)} (`{w.conclusion}`)?")
    lines += _target_markdown(w)
    if w.opposing:
        lines += ["## Against it", ""]
        for firing in w.opposing:
            lines += _firing_markdown(firing, "Against")
        lines.append("")
    lines += _upstream_markdown(w.upstream)
    lines += _counterfactual_markdown(w.counterfactual)
    return "\n".join(lines)


def _counterfactual_markdown(search: Counterfactual | None) -> list[str]:
    if search is None:
        return []
    lines = ["## Smallest change that reaches it", ""]
    if search.found:
        for solution in search.solutions:
            changes = "; ".join(f"`{_change_text(c)}`" for c in solution.changes)
            lines.append(f"- {changes} → CF {solution.cf:+.2f}")
    else:
        lines.append(f"- None with at most {search.max_changes} changes: {coverage_text(search)}.")
    tail = f"{search.evaluations} evaluations over {len(search.fields)} fields."
    return [*lines, "", f"{tail} {exhaustive_text(search)}.", ""]


def rule_markdown(data: RuleReport) -> str:
    """Why one rule fired or not, as a report."""
    r = data.rule
    lines = _md_head(data, f"Rule `{r.rule}`: {md(r.title)}")
    lines += [
        f"Paragraphs: {cites(r)}. Why: {md(r.rationale)}",
        "",
        f"**{md(rule_status_text(r)).capitalize()}.**",
        "",
    ]
    lines += _firings_markdown(r.firings)
    lines += ["## Conditions", ""]
    for node in r.conditions:
        lines += _node_markdown(node, 0)
    lines += ["", "## Concludes", ""]
    lines += [f"- {md(fed_text(fed))}" for fed in r.fed]
    lines.append("")
    lines += _upstream_markdown(r.upstream)
    return "\n".join(lines)


def _firings_markdown(firings: list[TraceStep]) -> list[str]:
    if not firings:
        return []
    lines = ["## Firings", ""]
    lines += [
        "| Step | Stratum | Matched | Bindings | Premise | Concluded | Counted |",
        "|---:|---:|---|---|---:|---|---|",
    ]
    return [*lines, *(_firing_row(f, rule=False) for f in firings), ""]


def _target_markdown(entry: Target) -> list[str]:
    lines = [f"Status: {status_text(entry)}.", ""]
    for rule in entry.rules:
        mark = "✓" if rule.fired else "✗"
        head = f"- {mark} `{rule.rule}` ({rule.rule_cf:+.2f}): {md(rule.title)} ({cites(rule)})"
        if rule.fired:
            lines.append(f"{head}; fired at step {rule.step}, lent {rule.contribution:+.2f}")
            continue
        lines.append(head)
        for node in rule.conditions:
            lines += _node_markdown(node, 1)
    return [*lines, ""]


def _node_markdown(node: Node, depth: int) -> list[str]:
    pad = "  " * depth
    mark = "✓" if node.holds else "✗"
    if node.type in NODE_WORDS:
        lines = [f"{pad}- {mark} {NODE_WORDS[node.type]}"]
        for child in node.children:
            lines += _node_markdown(child, depth + 1)
        return lines
    return [f"{pad}- {mark} `{node.text}`: {found_text(node)}"]


# --- Graphs ------------------------------------------------------------------------------


class Graph(NamedTuple):
    """An inference graph: node id → (kind, label), and (from, to) → label ("" or a CF)."""

    nodes: dict[str, tuple[str, str]]
    edges: dict[tuple[str, str], str]


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


SHAPES = {"fact": "note", "rule": "box", "conclusion": "ellipse"}


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
