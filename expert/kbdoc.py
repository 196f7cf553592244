"""The knowledge base as a document: rules listed, as data, or as Markdown by paragraph.

Everything here is rendered from the knowledge base and its manifest; nothing names the
domain, so the same document can be produced for any knowledge base.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .conditions import describe
from .knowledge import KnowledgeBase
from .render import table
from .render.markdown_backend import cell
from .ruleschema import RuleSpec

PUBLIC_RECORD = "public record"
"""How a rule's `sources` notes are marked: its direction comes from outside the source."""


def paragraph_key(pid: str) -> tuple[tuple[int, ...], str]:
    """Sort key for paragraph ids such as S2.P10: their numbers in order, then the id."""
    return tuple(int(n) for n in re.findall(r"\d+", pid)), pid


def relative(kb: KnowledgeBase, rule_id: str, root: str | Path) -> str:
    """The file a rule is written in, relative to the knowledge base's folder (or, for a
    rule of a pack, the pack's folder as given, then the file inside it)."""
    path = Path(kb.origins[rule_id].path)
    pack = kb.pack_of(rule_id)
    try:
        inside = path.resolve().relative_to(Path(pack or root).resolve()).as_posix()
    except ValueError:
        inside = path.name
    return f"{Path(pack).as_posix()}/{inside}" if pack else inside


def rule_data(kb: KnowledgeBase, rule_id: str, root: str | Path) -> dict[str, Any]:
    """One rule as JSON-ready data, with where it is written and its stratum."""
    rule = kb.rules[rule_id]
    data = rule.model_dump(mode="json", by_alias=True, exclude_none=True)
    data["file"] = relative(kb, rule_id, root)
    if kb.pack_of(rule_id):
        data["pack"] = kb.pack_of(rule_id)
    data["line"] = kb.origins[rule_id].line
    data["stratum"] = kb.strata[rule_id]
    data["conditions"] = [describe(c) for c in rule.when]
    return data


def rules_data(kb: KnowledgeBase, root: str | Path) -> dict[str, Any]:
    """The whole knowledge base as data: manifest, paragraphs, rules and conclusions."""
    manifest = kb.manifest
    return {
        "name": manifest.name,
        "source": manifest.source,
        "verdict": manifest.verdict,
        "paragraphs": [
            {"id": pid, **manifest.paragraphs[pid].model_dump(exclude_none=True)}
            | {"rules": rules_citing(kb, pid)}
            for pid in sorted(manifest.paragraphs, key=paragraph_key)
        ],
        "directionless": [f.model_dump(mode="json") for f in manifest.directionless],
        "rules": [rule_data(kb, rule_id, root) for rule_id in ordered_rules(kb, root)],
        "conclusions": conclusions_data(kb),
    }


def ordered_rules(kb: KnowledgeBase, root: str | Path) -> list[str]:
    """Rule ids in reading order: by file, then by line."""
    return sorted(
        kb.rules,
        key=lambda r: (bool(kb.pack_of(r)), relative(kb, r, root), kb.origins[r].line or 0, r),
    )


def rules_citing(kb: KnowledgeBase, pid: str) -> list[str]:
    """Ids of the rules that encode a paragraph, sorted."""
    return sorted(r for r, rule in kb.rules.items() if pid in rule.paragraphs)


def rules_text(kb: KnowledgeBase, root: str | Path) -> str:
    """Every rule grouped by file: id, paragraph ids, title and what it concludes."""
    lines: list[str] = []
    current = None
    for rule_id in ordered_rules(kb, root):
        path = relative(kb, rule_id, root)
        if path != current:
            current = path
            title = kb.files.get(kb.origins[rule_id].path, "")
            heading = f"pack {path}" if kb.pack_of(rule_id) else path
            lines += [*([""] if lines else []), f"{heading}: {title}" if title else heading]
        rule = kb.rules[rule_id]
        lines.append(f"  {rule_id} ({', '.join(rule.paragraphs)}): {rule.title}")
        lines.append(f"      concludes: {concludes_text(rule)}")
        lines += [f"      {PUBLIC_RECORD}: {note}" for note in rule.sources]
    lines += ["", f"{len(kb.rules)} rules, {len(kb.conclusions)} conclusions"]
    return "\n".join(lines) + "\n"


def concludes_text(rule: RuleSpec) -> str:
    """`category:one +0.80, category:two +0.40`."""
    return ", ".join(f"{c.conclude} {c.cf:+.2f}" for c in rule.then)


def rule_text(kb: KnowledgeBase, rule_id: str, root: str | Path) -> str:
    """One rule in full: where it is written, its conditions, conclusions and examples."""
    rule = kb.rules[rule_id]
    origin = f"{relative(kb, rule_id, root)}:{kb.origins[rule_id].line}"
    lines = [f"{rule.id}: {rule.title}", f"  file: {origin}", f"  stratum: {kb.strata[rule_id]}"]
    lines.append(f"  paragraphs: {', '.join(rule.paragraphs)}")
    if rule.claim:
        lines.append(f"  claim: {rule.claim}")
    lines += ["  if:", *(f"    {describe(c)}" for c in rule.when), "  then:"]
    lines += [
        f"    {c.conclude} CF {c.cf:+.2f}: {kb.conclusions[c.conclude].title}" for c in rule.then
    ]
    lines.append(f"  why: {' '.join(rule.rationale.split())}")
    lines += [f"  source: {note}" for note in rule.sources]
    if rule.examples:
        lines.append(f"  fires on: {flow(rule.examples.fires)}")
        lines.append(f"  near miss: {flow(rule.examples.near_miss)}")
    return "\n".join(lines) + "\n"


def flow(data: Any) -> str:
    """Data in YAML's flow style on one line: `{group: {field: value}}`."""
    if isinstance(data, dict):
        return "{" + ", ".join(f"{k}: {flow(v)}" for k, v in data.items()) + "}"
    if isinstance(data, list):
        return "[" + ", ".join(flow(v) for v in data) + "]"
    return "null" if data is None else str(data).lower() if isinstance(data, bool) else str(data)


def conclusions_data(kb: KnowledgeBase) -> list[dict[str, Any]]:
    """Every conclusion declared, by name: its kind, category, title and the rules drawing it."""
    return [
        {**spec.model_dump(exclude_defaults=True), "concluded_by": kb.producers[name]}
        for name, spec in sorted(kb.conclusions.items())
    ]


def conclusions_text(kb: KnowledgeBase) -> str:
    """Every conclusion's name, kind and title, by category."""
    lines: list[str] = []
    for category in kb.manifest.categories:
        names = sorted(n for n, c in kb.conclusions.items() if c.category == category.id)
        if names:
            lines += [*([""] if lines else []), f"{category.title}:"]
            rows = [[n, kb.conclusions[n].kind, kb.conclusions[n].title] for n in names]
            lines += table(rows, indent=2)
    return "\n".join(lines) + "\n"


def rules_markdown(kb: KnowledgeBase, root: str | Path, command: str) -> str:
    """The knowledge-base document: each paragraph, the rules encoding it, then conclusions."""
    manifest = kb.manifest
    lines = [
        f"# Knowledge base: {cell(manifest.name)}",
        "",
        f"Generated by `{command}`; do not edit by hand.",
        "",
        f"Source: {cell(manifest.source)}. Verdict: `{manifest.verdict}`. "
        f"{len(kb.rules)} rules, {len(kb.conclusions)} conclusions, "
        f"{len(manifest.paragraphs)} paragraphs.",
        "",
        "## Paragraphs",
    ]
    primary = {rule_id: rule.paragraphs[0] for rule_id, rule in kb.rules.items()}
    for pid in sorted(manifest.paragraphs, key=paragraph_key):
        lines += _paragraph_lines(kb, pid, primary, root)
    lines += _directionless_lines(kb)
    lines += _claim_lines(kb)
    lines += _conclusion_lines(kb)
    return "\n".join(lines) + "\n"


def _paragraph_lines(kb: KnowledgeBase, pid: str, primary: dict, root) -> list[str]:
    paragraph = kb.manifest.paragraphs[pid]
    lines = ["", f"### {pid} — {cell(paragraph.section)}", "", cell(paragraph.summary)]
    if paragraph.no_rules_because:
        lines += ["", f"No rules: {cell(paragraph.no_rules_because)}"]
    citing = rules_citing(kb, pid)
    own = [r for r in citing if primary[r] == pid]
    for rule_id in sorted(own, key=lambda r: (relative(kb, r, root), kb.origins[r].line or 0)):
        lines += _rule_lines(kb, kb.rules[rule_id], root)
    others = [r for r in citing if primary[r] != pid]
    if others:
        lines += ["", "Also encoded by:", ""]
        lines += [f"- `{r}` — {cell(kb.rules[r].title)} (see {primary[r]})" for r in others]
    return lines


def rule_markdown(kb: KnowledgeBase, rule_id: str, root: str | Path) -> list[str]:
    """One rule as the knowledge-base document shows it."""
    return _rule_lines(kb, kb.rules[rule_id], root)


def _rule_lines(kb: KnowledgeBase, rule: RuleSpec, root) -> list[str]:
    lines = ["", f"#### `{rule.id}` — {cell(rule.title)}", ""]
    lines.append(f"*{relative(kb, rule.id, root)}; paragraphs {', '.join(rule.paragraphs)}*")
    if rule.sources:
        lines += ["", f"Its direction comes from the {PUBLIC_RECORD}, not the source text:", ""]
        lines += [f"- {' '.join(note.split())}" for note in rule.sources]
    if rule.claim:
        lines += ["", f"One side of the two-sided claim `{rule.claim}`."]
    lines += ["", "If:", ""]
    lines += [f"- {cell(describe(c))}" for c in rule.when]
    lines += ["", "Then:", ""]
    lines += [f"- `{c.conclude}` CF {c.cf:+.2f}" for c in rule.then]
    lines += ["", f"Why: {cell(' '.join(rule.rationale.split()))}"]
    return lines


def _directionless_lines(kb: KnowledgeBase) -> list[str]:
    factors = kb.manifest.directionless
    if not factors:
        return []
    lines = ["", "## Direction-less factors", ""]
    lines += ["The source names these without saying which way they push.", ""]
    lines += ["| factor | paragraphs | fields | note |", "|---|---|---|---|"]
    for f in factors:
        fields = ", ".join(f"`{path}`" for path in f.fields)
        note = " ".join(f.note.split()).replace("|", "\\|")
        lines.append(f"| `{f.id}` | {', '.join(f.paragraphs)} | {fields} | {note} |")
    return lines


def _claim_lines(kb: KnowledgeBase) -> list[str]:
    claims: dict[str, list[str]] = {}
    for rule_id, rule in sorted(kb.rules.items()):
        if rule.claim:
            claims.setdefault(rule.claim, []).append(rule_id)
    if not claims:
        return []
    lines = ["", "## Two-sided claims", ""]
    lines += [
        f"- `{c}`: {', '.join(f'`{r}`' for r in rules)}" for c, rules in sorted(claims.items())
    ]
    return lines


def _conclusion_lines(kb: KnowledgeBase) -> list[str]:
    lines = ["", "## Conclusions declared"]
    for category in kb.manifest.categories:
        names = sorted(n for n, c in kb.conclusions.items() if c.category == category.id)
        if not names:
            continue
        lines += [
            "",
            f"### {cell(category.title)}",
            "",
            "| conclusion | kind | title | concluded by |",
        ]
        lines.append("|---|---|---|---|")
        for name in names:
            spec = kb.conclusions[name]
            producers = ", ".join(f"`{r}`" for r in sorted(kb.producers[name]))
            lines.append(f"| `{name}` | {spec.kind} | {cell(spec.title)} | {producers} |")
    return lines
