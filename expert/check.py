"""Verify a knowledge base without running it: the classic checks for rule bases.

After CHECK and Preece's list of rule-base anomalies: references to nothing,
cycles, rules that can never fire, redundant, subsumed and conflicting rules,
dead ends, unused inputs and uncited sources. Every finding names its rules and
the file and line to fix. Nothing here knows the domain: the fact model and the
folder of rules are parameters.

Conditions are compared as sets of situations. Each rule's conditions become a
disjunction of terms (negation pushed inward); a term maps each field it tests
to the set of values it allows (None meaning unknown, as in
`conditions.allowed_values`), each conclusion it needs to a CF interval, and keeps
a negated conclusion test as an opaque atom.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import certainty, records
from .checklist import CHECKS
from .conditions import allowed_values, cf_range, children
from .errors import ErrorGroup, LocatedError
from .examples import example_failures
from .facts import FactModel, FieldSpec
from .knowledge import MANIFEST, RULE_SUFFIXES, Folders, KnowledgeBase, Origin, load_knowledge_base
from .ruleschema import AllOf, ConclusionTest, Condition, FieldTest, NotCondition, RuleSpec
from .source import read_document

MAX_TERMS = 512
"""The budget of the analyses, per rule: conditions expanding to more terms than this are
assumed satisfiable, are not compared with other rules, and get a `not-analysed` finding."""

MAX_KEYS_INDEXED = 12
"""Rules testing more fields and conclusions than this are compared with every rule that
draws a common conclusion; the others only with rules whose tests could imply theirs."""


@dataclass(frozen=True)
class Finding:
    """One anomaly: what, which rules, where, and why in a line."""

    name: str
    rules: tuple[str, ...]
    path: str
    line: int | None
    message: str

    @property
    def code(self) -> str:
        """E1xx for errors, W2xx for warnings."""
        return CHECKS[self.name][0]

    @property
    def severity(self) -> str:
        """`error` or `warning`."""
        return CHECKS[self.name][1]

    @property
    def where(self) -> str:
        """`file:line`."""
        return f"{self.path}:{self.line}" if self.line else self.path

    def sort_key(self) -> tuple:
        """Errors first, then by file, line and code."""
        return (
            self.severity != "error",
            self.path,
            self.line or 0,
            self.code,
            self.rules,
            self.message,
        )

    def as_dict(self) -> dict[str, Any]:
        """The finding as plain data."""
        return {
            "severity": self.severity,
            "code": self.code,
            "check": self.name,
            "rules": list(self.rules),
            "path": self.path,
            "line": self.line,
            "message": self.message,
        }


@dataclass(frozen=True)
class CheckReport:
    """All findings on a knowledge base, and its coverage when it loaded."""

    directory: str
    findings: list[Finding]
    coverage: dict[str, dict[str, list[str]]] | None = None
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def errors(self) -> list[Finding]:
        """Findings of severity error."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Finding]:
        """Findings of severity warning."""
        return [f for f in self.findings if f.severity == "warning"]

    def exit_code(self, strict: bool = False) -> int:
        """1 on errors (and on warnings when strict), else 0."""
        return 1 if self.errors or (strict and self.warnings) else 0

    def record(self) -> records.CheckReport:
        """The report as its published record (`summit check --format json`)."""
        return records.CheckReport.model_validate(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The report as plain data: summary, findings and coverage."""
        return {
            "rules": self.directory,
            "loaded": self.coverage is not None,
            "summary": {"errors": len(self.errors), "warnings": len(self.warnings), **self.counts},
            "findings": [f.as_dict() for f in self.findings],
            "coverage": self.coverage,
        }


def check_knowledge_base(
    directory: Folders, model: type[FactModel] | None = None, ignore: tuple[str, ...] = ()
) -> CheckReport:
    """Load the knowledge base in `directory` (and the packs after it) and run every check
    but the warnings ignored."""
    report = _check(directory, model)
    if not ignore:
        return report
    kept = [f for f in report.findings if f.code not in ignore]
    ignored = {"ignored": len(report.findings) - len(kept)}
    return CheckReport(report.directory, kept, report.coverage, {**report.counts, **ignored})


def _check(folders: Folders, model: type[FactModel] | None) -> CheckReport:
    directory = Path(folders) if isinstance(folders, str | Path) else Path(folders[0])
    try:
        kb = load_knowledge_base(folders, model)
    except ErrorGroup as group:
        findings = sorted({finding_from_error(e) for e in group.errors}, key=Finding.sort_key)
        return CheckReport(_shown(directory), findings)
    findings = [
        *_Analysis(kb).run(),
        *_unused(kb, Path(directory)),
        *_inert_fields(kb),
        *_unsourced_directions(kb),
        *_examples(kb),
        *_empty_packs(folders),
    ]
    counts = {"rule_count": len(kb.rules), "conclusion_count": len(kb.conclusions)}
    return CheckReport(
        _shown(directory), sorted(set(findings), key=Finding.sort_key), coverage(kb), counts
    )


def _examples(kb: KnowledgeBase) -> list[Finding]:
    """A rule without examples, or whose examples say otherwise than the rule does."""
    findings = []
    for name, rule_id, message in example_failures(kb):
        origin = kb.origins[rule_id]
        findings.append(Finding(name, (rule_id,), _shown(origin.path), origin.line, message))
    return findings


def _empty_packs(folders: Folders) -> list[Finding]:
    """A pack layered over the knowledge base that adds nothing to it yet."""
    packs = [] if isinstance(folders, str | Path) else [Path(f) for f in folders[1:]]
    message = "the pack adds nothing yet: no rule file and no model file in it"
    return [Finding("empty-pack", (), _shown(p), None, message) for p in packs if _is_empty(p)]


def _is_empty(folder: Path) -> bool:
    return not any(p.suffix in RULE_SUFFIXES for p in folder.rglob("*"))


def coverage(kb: KnowledgeBase) -> dict[str, dict[str, list[str]]]:
    """For each source paragraph the rules citing it; for each input field the rules reading it."""
    cited: dict[str, list[str]] = {pid: [] for pid in kb.manifest.paragraphs}
    read: dict[str, list[str]] = {path: [] for path in kb.fields}
    for rule_id in sorted(kb.rules):
        for pid in kb.rules[rule_id].paragraphs:
            cited.setdefault(pid, []).append(rule_id)
        for path in kb.reads(rule_id)[0]:
            read[path].append(rule_id)
    ordered = sorted(cited, key=lambda p: tuple(int(n) for n in re.findall(r"\d+", p)))
    return {"paragraphs": {p: sorted(set(cited[p])) for p in ordered}, "fields": read}


# --- Errors found while loading ------------------------------------------------


def finding_from_error(error: LocatedError) -> Finding:
    """A load error as a finding: its kind and rules come from the error's data, not its words."""
    name = error.code if error.code in CHECKS else "invalid"
    message = error.message
    if error.rules and message.startswith(f"rule {error.rules[0]}: "):
        message = message[len(f"rule {error.rules[0]}: ") :]
    if name == "missing-citation":
        message = "cites no source paragraph; give at least one in `paragraphs`"
    elif name == "invalid" and error.field:
        message = f"{error.field}: {message}"
    return Finding(name, error.rules, _shown(error.path), error.line, message)


def _shown(path: str | Path) -> str:
    """A path relative to the working folder when it lies inside it (stable output)."""
    return _relative(str(path), os.getcwd())


@functools.lru_cache(maxsize=1024)  # thousands of findings name a few files
def _relative(name: str, cwd: str) -> str:
    path = Path(name)
    if path.is_absolute():
        try:
            return str(path.relative_to(Path(cwd)))
        except ValueError:
            pass
    return str(path)


# --- Conditions as sets of situations --------------------------------------------

Term = dict[tuple, Any]
"""("field", path) -> allowed values; ("cf", name) -> (lo, hi); ("absent", …) -> True."""


class _TooComplex(Exception):
    pass


class _Terms:
    """Turns conditions into disjunctions of terms, noting fields that contradict."""

    def __init__(self, fields: dict[str, FieldSpec]) -> None:
        self.fields = fields
        self.clashes: set[str] = set()

    def of(self, condition: Condition, negate: bool = False) -> list[Term]:
        """The terms of `condition` (or of its negation); an empty list never holds."""
        if isinstance(condition, NotCondition):
            return self.of(condition.not_, not negate)
        if isinstance(condition, FieldTest):
            return self._field(condition, negate)
        if isinstance(condition, ConclusionTest):
            return [_conclusion_term(condition, negate)]
        parts = [self.of(child, negate) for child in children(condition)]
        if isinstance(condition, AllOf) != negate:
            return self._product(parts)
        return [term for part in parts for term in part]

    def _field(self, test: FieldTest, negate: bool) -> list[Term]:
        spec = self.fields[test.field]
        domain = frozenset(spec.values) | {None}
        allowed = allowed_values(spec, test)
        allowed = domain - allowed if negate else allowed
        if not allowed:
            self.clashes.add(test.field)
            return []
        return [{} if allowed == domain else {("field", test.field): allowed}]

    def _product(self, parts: list[list[Term]]) -> list[Term]:
        terms: list[Term] = [{}]
        for part in parts:
            terms = [t for a in terms for b in part if (t := self._conjoin(a, b)) is not None]
            if len(terms) > MAX_TERMS:
                raise _TooComplex
        return terms

    def _conjoin(self, a: Term, b: Term) -> Term | None:
        out = dict(a)
        for key, value in b.items():
            if key not in out:
                out[key] = value
            elif key[0] == "field":
                out[key] = out[key] & value
                if not out[key]:
                    self.clashes.add(key[1])
                    return None
            elif key[0] == "cf":
                lo, hi = max(out[key][0], value[0]), min(out[key][1], value[1])
                if lo > hi:
                    self.clashes.add(key[1])
                    return None
                out[key] = (lo, hi)
        return out


def _conclusion_term(test: ConclusionTest, negate: bool) -> Term:
    interval = cf_range(test)
    bound = ("max", interval[1]) if test.max_cf is not None else ("min", interval[0])
    # "Not this conclusion" also holds when it is absent: kept as an opaque atom.
    return (
        {("absent", test.conclusion, *bound): True}
        if negate
        else {("cf", test.conclusion): interval}
    )


def _term_implies(a: Term, b: Term) -> bool:
    """Every situation in `a` is in `b`."""
    for key, value in b.items():
        if key not in a:
            return False
        if key[0] == "field" and not a[key] <= value:
            return False
        if key[0] == "cf" and not (value[0] <= a[key][0] and a[key][1] <= value[1]):
            return False
    return True


def implies(a: list[Term], b: list[Term]) -> bool:
    """Whenever conditions `a` hold, conditions `b` hold (a sufficient test; `a` non-empty)."""
    return bool(a) and all(any(_term_implies(t, u) for u in b) for t in a)


# --- The analyses on a loaded knowledge base -------------------------------------


class _Analysis:
    """Runs the checks that need a loaded knowledge base."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self.order = sorted(kb.rules, key=lambda r: (kb.origins[r].path, kb.origins[r].line or 0))
        self.terms: dict[str, list[Term] | None] = {}
        self.strength: dict[str, float] = {}  # the strongest premise; 0 when it never fires
        self.findings: list[Finding] = []

    def run(self) -> list[Finding]:
        """Every finding about rules and conclusions."""
        for rule_id in sorted(self.kb.rules, key=lambda r: (self.kb.strata[r], r)):
            self._satisfiable(rule_id)
        self._pairs()
        self._conclusions()
        return self.findings

    def _report(self, name: str, rules: tuple[str, ...], message: str) -> None:
        origin = self.kb.origins[rules[0]]
        self.findings.append(Finding(name, rules, _shown(origin.path), origin.line, message))

    def _satisfiable(self, rule_id: str) -> None:
        normal = _Terms(self.kb.fields)
        try:
            terms = normal.of(self.kb.rules[rule_id].condition)
        except _TooComplex:
            self.terms[rule_id], self.strength[rule_id] = None, 1.0
            message = (
                f"its conditions expand into more than {MAX_TERMS} terms, the analyses' "
                "budget: it was not compared with other rules, and is assumed able to fire"
            )
            self._report("not-analysed", (rule_id,), message)
            return
        self.terms[rule_id] = terms
        premises = [self._premise(term) for term in terms]
        self.strength[rule_id] = max((s for s, _ in premises if s is not None), default=0.0)
        if not terms:
            clash = ", ".join(sorted(normal.clashes))
            message = f"its conditions can never all hold: no value of {clash} satisfies them"
            self._report("impossible-conditions", (rule_id,), message)
        elif not self.strength[rule_id]:
            self._report("unreachable-premise", (rule_id,), premises[0][1])

    def _premise(self, term: Term) -> tuple[float | None, str]:
        """The strongest premise CF a term allows (None: it never holds), and why not."""
        strength = 1.0
        for key, (low, high) in sorted((k, v) for k, v in term.items() if k[0] == "cf"):
            best = _strongest(self._reach(key[1]), low, high)
            if best is None:
                return None, self._unreachable(key[1], low, high)
            strength = min(strength, best)
        return strength, ""

    def _reach(self, name: str) -> tuple[float, float]:
        """The lowest and highest CF the rules that can fire could give a conclusion."""
        lent = [
            certainty.apply(c.cf, self.strength[r])
            for r in self.kb.producers.get(name, [])
            for c in self.kb.rules[r].then
            if c.conclude == name and self.strength.get(r)
        ]
        low = certainty.combine_all([cf for cf in lent if cf < 0])
        return low, certainty.combine_all([cf for cf in lent if cf > 0])

    def _unreachable(self, name: str, low: float, high: float) -> str:
        producers = self.kb.producers.get(name, [])
        need = f"CF at least {low:g}" if high >= 1.0 else f"CF at most {high:g}"
        bottom, top = self._reach(name)
        if not producers:
            return f"needs conclusion {name}, which no rule concludes"
        if not any(self.strength.get(r) for r in producers):
            return f"needs conclusion {name}, which only rules that never fire conclude"
        if high < certainty.THRESHOLD and bottom > -certainty.THRESHOLD:
            return f"needs {name} with {need}, but no rule argues against it strongly enough"
        return f"needs {name} with {need}, but its rules reach at most {top:g} together"

    def _pairs(self) -> None:
        rank = {rule_id: i for i, rule_id in enumerate(self.order)}
        sharing: set[tuple[str, str]] = set()
        for rules in self.kb.producers.values():
            able = sorted(
                (r for r in rules if self.terms.get(r) and self.strength[r]), key=rank.get
            )
            sharing.update(self._candidates(able, rank))
        for a, b in sorted(sharing, key=lambda p: (rank[p[0]], rank[p[1]])):
            self._compare(a, b)

    def _candidates(self, able: list[str], rank: dict[str, int]) -> set[tuple[str, str]]:
        """The pairs among `able` (in file order) where one rule's conditions could imply
        the other's. A one-term rule can only imply a one-term rule whose tests it all
        makes too, so those are found through their sets of keys, not by trying all pairs."""
        single, every = {}, []
        for rule_id in able:
            terms = self.terms[rule_id]
            keys = frozenset(terms[0]) if len(terms) == 1 else None
            if keys is None or len(keys) > MAX_KEYS_INDEXED:
                every.append(rule_id)
            else:
                single.setdefault(keys, []).append(rule_id)
        pairs = {(a, b) for i, a in enumerate(every) for b in able if a != b}
        for keys, rules in single.items():
            for subset in _subsets(keys):
                pairs.update((a, b) for a in rules for b in single.get(subset, ()) if a != b)
        return {(a, b) if rank[a] < rank[b] else (b, a) for a, b in pairs}

    def _compare(self, a: str, b: str) -> None:
        """Compare two rules that draw a common conclusion; `a` comes first in the files."""
        a_in_b = implies(self.terms[a], self.terms[b])
        b_in_a = implies(self.terms[b], self.terms[a])
        if not (a_in_b or b_in_a):
            return
        # Report on the narrower rule (the later one when they are equivalent).
        narrow, broad = (b, a) if b_in_a else (a, b)
        same, opposite = _shared_conclusions(self.kb.rules[narrow], self.kb.rules[broad])
        where = _at(self.kb.origins[broad])
        if same and a_in_b and b_in_a:
            message = f"same conditions and conclusion ({same}) as {broad} at {where}"
            self._report("redundant", (narrow, broad), message)
        elif same:
            message = (
                f"whenever it fires, {broad} ({where}) fires too and concludes {same} the same way"
            )
            self._report("subsumed", (narrow, broad), message)
        claim = self.kb.rules[a].claim
        if opposite and not (claim and claim == self.kb.rules[b].claim):
            message = (
                f"whenever it fires, {broad} ({where}) fires too and concludes {opposite} "
                "the opposite way; if the source argues both sides, give both the same `claim`"
            )
            self._report("conflict", (narrow, broad), message)

    def _conclusions(self) -> None:
        readers = {name: [] for name in self.kb.conclusions}
        for rule_id in self.kb.rules:
            for name in self.kb.reads(rule_id)[1]:
                readers.setdefault(name, []).append(rule_id)
        for name, spec in sorted(self.kb.conclusions.items()):
            origin = self.kb.origins["c:" + name]
            where = (_shown(origin.path), origin.line)
            if not self.kb.producers.get(name):
                message = f"conclusion {name} is declared but no rule concludes it"
                self.findings.append(Finding("never-concluded", (), *where, message))
            if spec.kind == "intermediate" and not readers[name]:
                message = f"intermediate conclusion {name} is read by no rule and never reported"
                self.findings.append(
                    Finding("dead-end", tuple(sorted(self.kb.producers[name])), *where, message)
                )


def _at(origin: Origin) -> str:
    """`file:line` of a rule or conclusion, as findings show paths."""
    return f"{_shown(origin.path)}:{origin.line}"


def _strongest(reach: tuple[float, float], low: float, high: float) -> float | None:
    """The largest |CF| in [low, high] that a conclusion can be declared with, or None."""
    bottom, top = reach
    limit = certainty.THRESHOLD
    found = []
    if max(low, limit) <= min(high, top):
        found.append(min(high, top))
    if max(low, bottom) <= min(high, -limit):
        found.append(-max(low, bottom))
    return max(found, default=None)


def _subsets(keys: frozenset) -> list[frozenset]:
    """Every subset of `keys` (at most 2 ** MAX_KEYS_INDEXED of them)."""
    items = sorted(keys, key=repr)
    return [
        frozenset(k for j, k in enumerate(items) if mask >> j & 1)
        for mask in range(1 << len(items))
    ]


def _shared_conclusions(first: RuleSpec, second: RuleSpec) -> tuple[str, str]:
    """The conclusions two rules both draw: those drawn the same way, and those opposite."""
    signs = {c.conclude: c.cf > 0 for c in first.then if c.cf}
    other = {c.conclude: c.cf > 0 for c in second.then if c.cf}
    common = sorted(set(signs) & set(other))
    same = ", ".join(n for n in common if signs[n] == other[n])
    return same, ", ".join(n for n in common if signs[n] != other[n])


def _unused(kb: KnowledgeBase, directory: Path) -> list[Finding]:
    """Input fields no rule reads, and paragraphs no rule cites."""
    cover = coverage(kb)
    findings = []
    for path, readers in cover["fields"].items():
        if not readers:
            where = _field_origin(kb.model, kb.fields[path])
            findings.append(Finding("unused-field", (), *where, f"no rule reads the field {path}"))
    manifest = read_document(directory / MANIFEST)
    for pid, spec in kb.manifest.paragraphs.items():
        if not cover["paragraphs"][pid] and spec.no_rules_because is None:
            line = manifest.locate(("paragraphs", pid))[0]
            message = f"no rule cites paragraph {pid}; cite it, or say why in `no_rules_because`"
            findings.append(Finding("uncited-paragraph", (), _shown(manifest.path), line, message))
    return findings


def hypothesis_feeders(kb: KnowledgeBase) -> set[str]:
    """The hypotheses, and every conclusion that some chain of rules carries into one."""
    return feeders(kb, {name for name, spec in kb.conclusions.items() if spec.kind == "hypothesis"})


def feeders(kb: KnowledgeBase, targets: set[str]) -> set[str]:
    """The `targets`, and every conclusion that some chain of rules carries into one of them."""
    reaching = set(targets)
    for _ in range(len(kb.conclusions) + 1):  # each round adds a conclusion, or ends
        feeding = {
            name
            for rule_id, rule in kb.rules.items()
            if any(c.conclude in reaching for c in rule.then)
            for name in kb.reads(rule_id)[1]
        }
        if feeding <= reaching:
            break
        reaching |= feeding
    return reaching


def _inert_fields(kb: KnowledgeBase) -> list[Finding]:
    """Fields some rule reads, whose rules conclude nothing that reaches a hypothesis.

    A field the manifest lists under a direction-less factor is inert on purpose: the source
    gives it no direction, and the declaration says so.
    """
    reaching = hypothesis_feeders(kb)
    declared = {path for factor in kb.manifest.directionless for path in factor.fields}
    findings = []
    for path, readers in coverage(kb)["fields"].items():
        drawn = sorted({c.conclude for r in readers for c in kb.rules[r].then})
        if not readers or reaching.intersection(drawn) or path in declared:
            continue
        message = (
            f"the field {path} can change no hypothesis: its rules conclude only "
            f"{', '.join(drawn)}, and no chain of rules carries that into a hypothesis"
        )
        where = _field_origin(kb.model, kb.fields[path])
        findings.append(Finding("inert-field", tuple(readers), *where, message))
    return findings


def _unsourced_directions(kb: KnowledgeBase) -> list[Finding]:
    """Rules that give a direction-less factor a say in the verdict, citing no record.

    The manifest's direction-less factors have no direction for the verdict; a rule may still
    let one shape a conclusion that does not reach the verdict (the form, say).
    """
    factor_of = {path: f.id for f in kb.manifest.directionless for path in f.fields}
    toward_verdict = feeders(kb, {kb.manifest.verdict})
    found = (_unsourced(kb, rule_id, factor_of, toward_verdict) for rule_id in sorted(kb.rules))
    return [finding for finding in found if finding is not None]


def _unsourced(kb: KnowledgeBase, rule_id: str, factor_of: dict, toward_verdict) -> Finding | None:
    """The finding for one rule that signs the verdict from a direction-less factor."""
    rule = kb.rules[rule_id]
    signed = sorted(
        {
            c.conclude
            for c in rule.then
            if kb.conclusions[c.conclude].kind != "factor" and c.conclude in toward_verdict
        }
    )
    read = [path for path in kb.reads(rule_id)[0] if path in factor_of]
    if rule.sources or not signed or not read:
        return None
    factors = ", ".join(sorted({factor_of[path] for path in read}))
    message = (
        f"reads {', '.join(read)} of the direction-less factor {factors} yet concludes "
        f"{', '.join(signed)}, which reaches the verdict; name the public record behind "
        "the direction in `sources`, or conclude a factor"
    )
    origin = kb.origins[rule_id]
    return Finding("unsourced-direction", (rule_id,), _shown(origin.path), origin.line, message)


def _field_origin(model: type[FactModel], spec: FieldSpec) -> tuple[str, int | None]:
    """The model file and line where a field of the fact model is declared."""
    declared = getattr(model, "declaration", None)
    path, line = (
        declared.origins.get(spec.path, ("<model>", None)) if declared else ("<model>", None)
    )
    return _shown(path), line


# --- Text ------------------------------------------------------------------------


def report_text(
    report: CheckReport,
    *,
    show_coverage: bool = False,
    style: Callable[..., str] = lambda t, **_: t,
) -> str:
    """The report as text, grouped by severity; `style` adds colour on a terminal."""
    out: list[str] = []
    for title, findings, colour in (
        ("Errors", report.errors, "red"),
        ("Warnings", report.warnings, "yellow"),
    ):
        if findings:
            out.append(style(f"{title} ({len(findings)})", bold=True))
            out.extend(_finding_line(f, style(f"{f.code} {f.name}", fg=colour)) for f in findings)
            out.append("")
    if show_coverage and report.coverage is not None:
        out.extend(_coverage_lines(report.coverage, style))
    out.append(_summary(report))
    return "\n".join(out) + "\n"


def _finding_line(finding: Finding, label: str) -> str:
    rules = f"{', '.join(finding.rules)}: " if finding.rules else ""
    return f"  {finding.where}  {label}  {rules}{finding.message}"


def _coverage_lines(cover: dict[str, dict[str, list[str]]], style: Callable[..., str]) -> list[str]:
    out = []
    for title, table in (("paragraphs", cover["paragraphs"]), ("fields", cover["fields"])):
        out.append(style(f"Coverage: {title}", bold=True))
        width = max((len(key) for key in table), default=0)
        out.extend(f"  {key:<{width}}  {', '.join(rules) or '-'}" for key, rules in table.items())
        out.append("")
    return out


def _summary(report: CheckReport) -> str:
    errors, warnings = len(report.errors), len(report.warnings)
    if report.coverage is None:
        return f"{_count(errors, 'error')}: the knowledge base did not load, so no other check ran."
    scope = f"{_count(report.counts['rule_count'], 'rule')} and {_count(report.counts['conclusion_count'], 'conclusion')}"
    ignored = report.counts.get("ignored")
    scope += f" ({_count(ignored, 'warning')} ignored)" if ignored else ""
    if not report.findings:
        return f"No problems in {scope}."
    return f"{_count(errors, 'error')}, {_count(warnings, 'warning')} in {scope}."


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")
