"""Load the knowledge base from `rules/`: validate every file, resolve names, derive strata."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import certainty
from .conditions import MAX_BRANCHES, branch_count, walk
from .errors import ErrorGroup, KnowledgeBaseError, LocatedError, unknown
from .facts import FactFileModel, FactModel, FieldSpec, catalogue, validate_document
from .invalid import data_loc, describe, keys_at, merge
from .modelfile import MODEL_FILE, build
from .modelfile import merge as merge_models
from .modelschema import ModelFile
from .ruleschema import (
    ConclusionSpec,
    ConclusionTest,
    FieldTest,
    Manifest,
    RuleFile,
    RuleSpec,
)
from .source import Document, PathKey, dotted, read_document

MANIFEST = "knowledge-base.yaml"
RULE_SUFFIXES = {".yaml", ".yml", ".json"}


@dataclass(frozen=True)
class Origin:
    """Where a rule or conclusion is written: file, line and its path in the file."""

    path: str
    line: int | None
    loc: PathKey

    def __str__(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path


@dataclass
class KnowledgeBase:
    """A validated knowledge base: rules and conclusions by name, with their strata."""

    manifest: Manifest
    model: type[FactModel]
    rules: dict[str, RuleSpec]
    conclusions: dict[str, ConclusionSpec]
    origins: dict[str, Origin] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    packs: dict[str, str] = field(default_factory=dict)
    """For each rule file of a pack layered over the knowledge base, the pack's folder."""

    def pack_of(self, name: str) -> str:
        """The folder of the pack a rule (or `c:` conclusion) comes from; empty for the base."""
        origin = self.origins.get(name)
        return self.packs.get(origin.path, "") if origin else ""

    @cached_property
    def fields(self) -> dict[str, FieldSpec]:
        """The input fields of the fact model, by dotted path."""
        return catalogue(self.model)

    @cached_property
    def producers(self) -> dict[str, list[str]]:
        """For each conclusion, the ids of the rules that conclude it."""
        result: dict[str, list[str]] = {name: [] for name in self.conclusions}
        for rule in self.rules.values():
            for conclude in rule.then:
                result.setdefault(conclude.conclude, []).append(rule.id)
        return {name: sorted(ids) for name, ids in result.items()}  # not in file order

    @cached_property
    def read_conclusions(self) -> frozenset[str]:
        """The conclusions that some rule's conditions read."""
        return frozenset(c for rule_id in self.rules for c in self.reads(rule_id)[1])

    @cached_property
    def strata(self) -> dict[str, int]:
        """Each rule's stratum: 0 reads only input facts; n reads conclusions from below n."""
        return _strata(self)

    @cached_property
    def conclusion_strata(self) -> dict[str, int]:
        """Each conclusion's stratum: the highest stratum among its producers."""
        return {
            name: max((self.strata[r] for r in rules), default=-1)
            for name, rules in self.producers.items()
        }

    @cached_property
    def lenders(self) -> dict[int, dict[str, tuple[str, ...]]]:
        """By stratum: the rules that conclude into it, each with the conclusions it lends."""
        result: dict[int, dict[str, tuple[str, ...]]] = {}
        for rule_id, rule in sorted(self.rules.items()):
            for conclude in rule.then:
                lending = result.setdefault(self.conclusion_strata[conclude.conclude], {})
                lending[rule_id] = (*lending.get(rule_id, ()), conclude.conclude)
        return result

    @cached_property
    def content_hash(self) -> str:
        """A hash of the knowledge base's content, independent of file and rule order."""
        return digest(
            {
                "manifest": self.manifest.model_dump(mode="json", by_alias=True),
                "conclusions": [
                    c.model_dump(mode="json") for _, c in sorted(self.conclusions.items())
                ],
                "rules": [
                    r.model_dump(mode="json", by_alias=True, exclude={"examples"})
                    for _, r in sorted(self.rules.items())
                ],
            }
        )

    def reads(self, rule_id: str) -> tuple[list[str], list[str]]:
        """The input fields and the conclusions a rule's conditions read, sorted."""
        fields, conclusions = set(), set()
        for test, _ in walk(self.rules[rule_id].condition):
            if isinstance(test, FieldTest):
                fields.add(test.field)
            elif isinstance(test, ConclusionTest):
                conclusions.add(test.conclusion)
        return sorted(fields), sorted(conclusions)


def digest(data: Any) -> str:
    """A short, stable hash of plain data."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()[:16]


Folders = str | Path | Sequence[str | Path]
"""A knowledge base's folder, or it and the packs layered over it, in order."""


def load_knowledge_base(directory: Folders, model: type[FactModel] | None = None) -> KnowledgeBase:
    """Read and check every rule file; raise ErrorGroup listing every error.

    `directory` is a knowledge base's folder, or a sequence of folders: the first holds
    the manifest, and each pack after it adds rule files and a model-file fragment. The
    fact model is built from the folders' model files, unless `model` is given.
    """
    folders = [Path(directory)] if isinstance(directory, str | Path) else list(map(Path, directory))
    _check_layout(folders)
    errors: list[LocatedError] = []
    model = model or load_fact_model(folders, errors)
    context = citation_context(model)
    manifest_doc = _read(folders[0] / MANIFEST, errors, Manifest)
    manifest = _validate(manifest_doc, Manifest, errors, context) if manifest_doc else None
    kb = KnowledgeBase(manifest, model, {}, {})  # type: ignore[arg-type]
    docs = _read_rule_files(kb, folders, context, errors)
    for doc, parsed in docs:
        _collect(kb, doc, parsed, errors)
    if manifest is None or model is None:
        raise ErrorGroup(_in_order(errors))
    _check_all(kb, docs, manifest_doc, errors)
    if errors:
        raise ErrorGroup(_in_order(errors))
    return kb


def _check_layout(folders: list[Path]) -> None:
    """The first folder holds a manifest; a pack after it holds none."""
    if not (folders[0] / MANIFEST).is_file():
        message = (
            f"no {MANIFEST} in this folder: a knowledge base needs its manifest, {MANIFEST};"
            f" a pack is a folder without one whose {MODEL_FILE}, if any, declares no header"
        )
        raise KnowledgeBaseError(message, path=str(folders[0]), code="invalid")
    for pack in folders[1:]:
        if (pack / MANIFEST).is_file():
            message = f"a pack has no {MANIFEST}: only the first folder is a knowledge base"
            raise KnowledgeBaseError(message, path=str(pack / MANIFEST), code="invalid")


def _read_rule_files(kb: KnowledgeBase, folders: list[Path], context, errors: list) -> list:
    """Every rule file of every folder, validated, with the pack each one belongs to."""
    docs: list[tuple[Document, RuleFile]] = []
    for rank, folder in enumerate(folders):
        for path in sorted(p for p in folder.rglob("*") if p.suffix in RULE_SUFFIXES):
            if path.name in (MANIFEST, MODEL_FILE):
                continue
            doc = _read(path, errors, RuleFile)
            parsed = _validate(doc, RuleFile, errors, context) if doc else None
            if parsed:
                docs.append((doc, parsed))
                kb.files[str(path)] = parsed.title
                if rank:
                    kb.packs[doc.path] = str(folder)
    return docs


def _check_all(kb: KnowledgeBase, docs: list, manifest_doc: Document, errors: list) -> None:
    """Resolve every name of every rule, then the manifest, then look for cycles."""
    for doc, parsed in docs:
        examples = _example_locations(doc)
        for i, rule in enumerate(parsed.rules):
            _check_rule(kb, doc, i, rule, errors, examples)
    if not errors:  # otherwise a file that failed would cascade into false reports here
        _check_manifest(kb, manifest_doc, errors)
    if not errors:
        try:
            kb.strata  # noqa: B018 - computing it finds cycles
        except KnowledgeBaseError as exc:
            errors.append(exc)


def _in_order(errors: list[LocatedError]) -> list[LocatedError]:
    return sorted(errors, key=lambda e: (e.path, e.line or 0, e.column or 0))


def load_fact_model(folders: list[Path], errors: list[LocatedError]) -> type[FactFileModel] | None:
    """The fact model the folders' model files declare; None after reporting errors.

    The first folder must have one; a pack's, when it has one, adds to it.
    """
    if not (folders[0] / MODEL_FILE).is_file():
        message = f"no {MODEL_FILE} in this folder"
        errors.append(KnowledgeBaseError(message, path=str(folders[0]), code="invalid"))
        return None
    files = []
    for folder in folders:
        path = folder / MODEL_FILE
        doc = _read(path, errors, ModelFile) if path.is_file() else None
        parsed = _validate(doc, ModelFile, errors) if doc else None
        if parsed:
            files.append((doc, parsed))
    if errors:
        return None
    return build(merge_models(files, errors), errors)


def citation_context(model: type[FactModel] | None) -> dict[str, Any] | None:
    """The validation context that checks paragraph ids against the model's citation."""
    declared = getattr(model, "declaration", None)
    if declared is None:
        return None
    return {"citation": (declared.citation, declared.citation_example)}


def _read(path: Path, errors: list[LocatedError], schema: type) -> Document | None:
    """The file's document, or None after reporting why not; an empty file is told which
    keys the `schema` of its kind of file takes."""
    try:
        return read_document(
            path, expected=f"a mapping with the keys {', '.join(keys_at(schema, ()))}"
        )
    except LocatedError as exc:
        errors.append(exc)
        return None


def _validate(doc: Document, schema, errors: list[LocatedError], context=None):
    try:
        return schema.model_validate(doc.data, context=context)
    except ValidationError as exc:
        seen: dict[PathKey, list[tuple[str, str]]] = {}
        codes: dict[PathKey, str] = {}  # the first error at a place names its kind
        for err in exc.errors():
            loc = data_loc(doc.data, err["loc"])
            seen.setdefault(loc, []).append(describe(err, schema))
            codes.setdefault(loc, "missing-citation" if _is_citation(err, schema) else "invalid")
        for loc, messages in seen.items():
            message = _rule_prefix_of(doc.data, loc) + merge(messages)
            rules = _rules_at(doc.data, loc)
            errors.append(
                doc.error(message, loc, cls=KnowledgeBaseError, code=codes[loc], rules=rules)
            )
        return None


def _is_citation(err: dict, schema: type) -> bool:
    """A rule's `paragraphs` is missing, empty or not a list (not: one bad paragraph id)."""
    loc = err["loc"]
    return schema is RuleFile and len(loc) == 3 and loc[0] == "rules" and loc[2] == "paragraphs"


def _rules_at(data: Any, loc: PathKey) -> tuple[str, ...]:
    """The id of the rule `loc` lies inside, when it can be read, else ()."""
    if len(loc) < 2 or loc[0] != "rules":
        return ()
    rule = data["rules"][loc[1]]
    rule_id = rule.get("id") if isinstance(rule, dict) else None
    return (rule_id,) if isinstance(rule_id, str) else ()


def _rule_prefix_of(data: Any, loc: PathKey) -> str:
    """`rule <id>: ` when `loc` lies inside a rule whose id can be read, else ``."""
    return "".join(f"rule {rule_id}: " for rule_id in _rules_at(data, loc))


_REGISTERS = (
    # part of a rule file, the key naming an entry, its prefix in `origins`, a second use
    ("conclusions", "name", "c:", "conclusion {!r} is already declared at {}"),
    ("rules", "id", "", "rule id {!r} is already used at {}"),
)


def _collect(kb: KnowledgeBase, doc: Document, parsed: RuleFile, errors: list) -> None:
    """Register a file's conclusions and rules by name; a name used before is an error."""
    for part, key, prefix, twice in _REGISTERS:
        registry = getattr(kb, part)
        for i, spec in enumerate(getattr(parsed, part)):
            name, loc = getattr(spec, key), (part, i, key)
            if name in registry:
                message = twice.format(name, kb.origins[prefix + name])
                rules = (name,) if part == "rules" else ()
                errors.append(
                    doc.error(
                        message, loc, cls=KnowledgeBaseError, code="duplicate-id", rules=rules
                    )
                )
                continue
            registry[name] = spec
            at = loc[:2] if part == "rules" else loc  # a rule's origin is where it starts
            kb.origins[prefix + name] = Origin(doc.path, doc.locate(at)[0], at)


def _check_rule(
    kb: KnowledgeBase, doc: Document, i: int, rule: RuleSpec, errors: list, examples: dict
) -> None:
    # Long because every part of a rule is checked against the names the base declares,
    # with one `report` that locates each problem under the rule.
    if (
        kb.origins.get(rule.id, Origin("", None, ())).loc != ("rules", i)
        or kb.origins[rule.id].path != doc.path
    ):
        return  # a duplicate, already reported

    def report(message: str, loc: PathKey, code: str) -> None:
        message, where = f"rule {rule.id}: {message}", ("rules", i, *loc)
        errors.append(
            doc.error(message, where, cls=KnowledgeBaseError, code=code, rules=(rule.id,))
        )

    for j, cond in enumerate(rule.when):
        for test, loc in walk(cond, ("when", j)):
            if isinstance(test, FieldTest):
                problem = field_test_problem(kb.fields, test)
                if problem:
                    code = "unknown-field" if problem[0] == "field" else "unknown-value"
                    report(problem[1], (*loc, problem[0]), code)
            elif isinstance(test, ConclusionTest):
                _check_conclusion_test(kb, test, (*loc,), report)
    _check_size(rule, report)
    for j, conclude in enumerate(rule.then):
        if conclude.conclude not in kb.conclusions:
            message = unknown("conclusion", conclude.conclude, kb.conclusions)
            report(message, ("then", j, "conclude"), "unknown-conclusion")
    _check_paragraphs(
        kb, rule.paragraphs, lambda m, j: report(m, ("paragraphs", j), "unknown-paragraph")
    )
    if rule.examples:
        for key in ("fires", "near_miss"):
            loc = ("rules", i, "examples", key)
            sub = Document(doc.path, getattr(rule.examples, key), examples.get(loc, {}))
            _check_example(kb, doc.data, loc, sub, errors)


def _check_size(rule: RuleSpec, report) -> None:
    """A rule whose conditions would take experta minutes to build is refused before it is."""
    size = branch_count(rule.condition)
    if size > MAX_BRANCHES:
        message = (
            f"its conditions expand into more than {MAX_BRANCHES} engine branches "
            f"(each `any` under an `all` multiplies them); split the rule, or use one_of"
        )
        report(message, ("when",), "too-complex")


def _check_conclusion_test(kb: KnowledgeBase, test: ConclusionTest, loc: PathKey, report) -> None:
    if test.conclusion not in kb.conclusions:
        message = unknown("conclusion", test.conclusion, kb.conclusions)
        report(message, (*loc, "conclusion"), "unknown-conclusion")
    # Only conclusions at least THRESHOLD strong are declared, so a weaker bound, or a
    # bound of the wrong sign, would promise a test the engine cannot make.
    limit = certainty.THRESHOLD
    if test.min_cf is not None and test.min_cf < limit:
        message = f"min_cf must be at least {limit}, the threshold; found {test.min_cf}"
        report(message, (*loc, "min_cf"), "invalid")
    if test.max_cf is not None and test.max_cf > -limit:
        message = f"max_cf must be at most {-limit}, the threshold; found {test.max_cf}"
        report(message, (*loc, "max_cf"), "invalid")


def field_test_problem(fields: dict[str, FieldSpec], test: FieldTest) -> tuple[str, str] | None:
    """What is wrong with a field test, as (key, message), or None."""
    spec = fields.get(test.field)
    if spec is None:
        return "field", unknown("field", test.field, fields)
    name, operand = test.test
    if name in {"at_least", "at_most"} and spec.kind != "ordinal":
        return name, f"{test.field} is not on an ordinal scale, so {name} does not apply"
    values = operand if isinstance(operand, list) else [operand]
    if name == "known":
        return None
    for value in values:
        if value not in spec.values or type(value) is not type(spec.values[0]):
            if spec.kind == "bool":
                return name, f"{test.field} is true or false, without quotes; found {value!r}"
            allowed = ", ".join(str(v).lower() if isinstance(v, bool) else v for v in spec.values)
            return name, f"{value!r} is not one of {allowed} (field {test.field})"
    return None


def _check_paragraphs(kb: KnowledgeBase, ids: list[str], report) -> None:
    known = kb.manifest.paragraphs
    for j, pid in enumerate(ids):
        if known and pid not in known:
            report(unknown("paragraph", pid, known), j)


def _example_locations(doc: Document) -> dict[PathKey, dict[PathKey, Any]]:
    """The locations inside each rule's `examples.<key>`, by that place, in one pass
    over the file's locations (slicing them per example was quadratic)."""
    found: dict[PathKey, dict[PathKey, Any]] = {}
    for key, where in doc.locations.items():
        if len(key) >= 4 and key[0] == "rules" and key[2] == "examples":
            found.setdefault(key[:4], {})[key[4:]] = where
    return found


def _check_example(kb, data: Any, loc: PathKey, sub: Document, errors: list) -> None:
    try:
        validate_document(sub, kb.model)
    except ErrorGroup as group:
        for err in group.errors:
            err.field = f"{dotted(loc)}.{err.field}"
            message = _rule_prefix_of(data, loc) + err.message
            errors.append(
                KnowledgeBaseError(
                    message,
                    path=err.path,
                    line=err.line,
                    column=err.column,
                    field=err.field,
                    code="invalid",  # an example's fact is wrong, not the rule's condition
                    rules=_rules_at(data, loc),
                )
            )


def _check_manifest(kb: KnowledgeBase, doc: Document, errors: list) -> None:
    _check_directionless(kb, doc, errors)
    categories = {c.id for c in kb.manifest.categories}
    if kb.manifest.verdict not in kb.conclusions:
        errors.append(
            doc.error(
                unknown("conclusion", kb.manifest.verdict, kb.conclusions),
                ("verdict",),
                cls=KnowledgeBaseError,
                code="unknown-conclusion",
            )
        )
    for name, spec in kb.conclusions.items():
        if spec.category not in categories:
            origin = kb.origins["c:" + name]
            errors.append(
                KnowledgeBaseError(
                    unknown("category", spec.category, {c: 0 for c in categories}),
                    path=origin.path,
                    line=origin.line,
                    field=f"conclusion {name}.category",
                    code="invalid",
                )
            )


def _check_directionless(kb: KnowledgeBase, doc: Document, errors: list) -> None:
    """Each direction-less factor names fields of the model and paragraphs of the manifest."""
    known = kb.manifest.paragraphs
    for i, factor in enumerate(kb.manifest.directionless):
        for j, path in enumerate(factor.fields):
            if path not in kb.fields:
                loc = ("directionless", i, "fields", j)
                message = unknown("field", path, kb.fields)
                errors.append(doc.error(message, loc, cls=KnowledgeBaseError, code="unknown-field"))
        for j, pid in enumerate(factor.paragraphs):
            if known and pid not in known:
                loc = ("directionless", i, "paragraphs", j)
                message = unknown("paragraph", pid, known)
                errors.append(
                    doc.error(message, loc, cls=KnowledgeBaseError, code="unknown-paragraph")
                )


def _strata(kb: KnowledgeBase) -> dict[str, int]:
    # Long because the depth-first walk and the cycle it may find share `visiting`.
    strata: dict[str, int] = {}
    visiting: list[str] = []

    def rule_stratum(rule_id: str) -> int:
        if rule_id in strata:
            return strata[rule_id]
        if rule_id in visiting:
            cycle = [*visiting[visiting.index(rule_id) :], rule_id]
            origin = kb.origins[rule_id]
            raise KnowledgeBaseError(
                "rules depend on each other in a cycle: " + " -> ".join(cycle),
                path=origin.path,
                line=origin.line,
                field=f"rule {rule_id}",
                code="cycle",
                rules=tuple(dict.fromkeys(cycle)),
            )
        visiting.append(rule_id)
        _, read = kb.reads(rule_id)
        below = [rule_stratum(p) for c in read for p in kb.producers.get(c, [])]
        visiting.pop()
        strata[rule_id] = 1 + max(below) if below else 0
        return strata[rule_id]

    for rule_id in sorted(kb.rules):
        rule_stratum(rule_id)
    return strata
