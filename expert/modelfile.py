"""Build a knowledge base's fact model from its model file: strict pydantic models, once.

The model file (`model.yaml`) declares the scales, the header and the groups of facts.
Each scale becomes an enum, each group and header mapping a frozen pydantic model that
forbids unknown keys, and the fact file a model holding the header and every group. A
pack's model file may add scales, groups and facts to those of the knowledge base below.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Annotated, Any

from pydantic import Field, StrictBool, StringConstraints, ValidationError, create_model

from .errors import KnowledgeBaseError, LocatedError, unknown
from .facts import Declaration, FactFileModel, FactGroup, FactModel, Ordinal, fact
from .invalid import describe, message
from .modelschema import Citation, Fact, Group, Header, HeaderField, Items, ModelFile, Scale
from .source import Document, PathKey

MODEL_FILE = "model.yaml"
BUILT_IN_TYPES = ("boolean", "date", "text", "list")


@dataclass
class Merged:
    """The declarations of one or more model files, each with where it was written."""

    doc: str = ""
    citation: Citation | None = None
    header: Header | None = None
    scales: dict[str, Scale] = field(default_factory=dict)
    groups: dict[str, Group] = field(default_factory=dict)
    facts: dict[str, dict[str, Fact]] = field(default_factory=dict)
    where: dict[PathKey, tuple[Document, PathKey]] = field(default_factory=dict)

    def error(self, message: str, key: PathKey, at: tuple = ()) -> LocatedError:
        """A located error at the declaration `key`, or at a place `at` inside it."""
        doc, loc = self.where[key]
        return doc.error(message, (*loc, *at), cls=KnowledgeBaseError, code="invalid")


def merge(files: list[tuple[Document, ModelFile]], errors: list[LocatedError]) -> Merged:
    """One declaration from model files in order; a clash is a located error."""
    merged = Merged()
    for doc, parsed in files:
        _merge_top(merged, doc, parsed, errors)
        for name, scale in parsed.scales.items():
            _merge_scale(merged, doc, name, scale, errors)
        for name, group in parsed.groups.items():
            _merge_group(merged, doc, name, group, errors)
    return merged


def _merge_top(merged: Merged, doc: Document, parsed: ModelFile, errors: list) -> None:
    merged.doc = merged.doc or parsed.doc
    for part in ("citation", "header"):
        given = getattr(parsed, part)
        if given is None:
            continue
        if getattr(merged, part) is None:
            setattr(merged, part, given)
            merged.where[(part,)] = (doc, (part,))
        elif given != getattr(merged, part):
            first = merged.where[(part,)][0].path
            errors.append(_at(doc, (part,), f"the {part} is already declared in {first}"))


def _merge_scale(merged: Merged, doc: Document, name: str, scale: Scale, errors: list) -> None:
    if name in merged.scales and merged.scales[name] != scale:
        first = merged.where[("scales", name)][0].path
        errors.append(
            _at(doc, ("scales", name), f"scale {name!r} is declared differently in {first}")
        )
    elif name not in merged.scales:
        merged.scales[name] = scale
        merged.where[("scales", name)] = (doc, ("scales", name))


def _merge_group(merged: Merged, doc: Document, name: str, group: Group, errors: list) -> None:
    if name not in merged.groups:
        merged.groups[name] = group
        merged.facts[name] = {}
        merged.where[("groups", name)] = (doc, ("groups", name))
    for key, spec in group.fields.items():
        loc = ("groups", name, "fields", key)
        known = merged.facts[name].get(key)
        if known is None:
            merged.facts[name][key] = spec
            merged.where[loc] = (doc, loc)
        elif known.type != spec.type:
            first = merged.where[loc][0]
            line = first.locate(merged.where[loc][1])[0]
            message = (
                f"the field {name}.{key} is already declared as {known.type} "
                f"at {first.path}:{line}; found {spec.type}"
            )
            errors.append(_at(doc, (*loc, "type"), message))


def _at(doc: Document, loc: PathKey, message: str) -> LocatedError:
    return doc.error(message, loc, cls=KnowledgeBaseError, code="invalid")


def build(merged: Merged, errors: list[LocatedError]) -> type[FactFileModel] | None:
    """The fact-file model of a merged declaration, or None after reporting its errors."""
    for part in ("citation", "header"):
        if getattr(merged, part) is None:
            doc = next(iter(merged.where.values()), (None,))[0]
            path = doc.path if doc else MODEL_FILE
            errors.append(KnowledgeBaseError(f"missing key {part!r}", path=path, code="invalid"))
    if errors:
        return None
    _check_names(merged, errors)
    if errors:
        return None
    model, problems = _cached_build(merged)
    doc = merged.where[("header",)][0]
    errors.extend(_at(doc, loc, message) for loc, message in problems)
    return None if problems else model


def _check_names(merged: Merged, errors: list) -> None:
    """Every type is known, titles are unique and no name hides a model's own attribute."""
    try:
        pattern = re.compile(merged.citation.pattern)
    except re.error as exc:
        message = f"invalid regular expression: {exc}"
        errors.append(merged.error(message, ("citation",), ("pattern",)))
        return
    _check_scales(merged, errors)
    _check_header_name(merged, errors)
    for group, facts in merged.facts.items():
        _check_reserved(merged, ("groups", group), group, errors)
        for name, spec in facts.items():
            _check_fact(merged, ("groups", group, "fields", name), spec, pattern, errors)
    types = {*merged.scales, *BUILT_IN_TYPES, *merged.header.models}
    defined = {*merged.scales, *BUILT_IN_TYPES}
    for where, fields in _header_mappings(merged):
        for name, spec in fields.items():
            _check_header_field(merged, where, name, spec, types, defined, errors)
        if where[:2] == ("header", "models"):
            defined.add(where[2])  # a mapping may hold only those declared before it
    _check_titles(merged, errors)
    _check_backtest(merged, errors)


def _check_scales(merged: Merged, errors: list) -> None:
    """A scale lists each value once: a value listed twice would make its order ambiguous."""
    for name, scale in merged.scales.items():
        for j, value in enumerate(scale.values):
            if value in scale.values[:j]:
                message = f"the value {value!r} is already listed in scale {name!r}"
                errors.append(merged.error(message, ("scales", name), ("values", j)))


def _check_header_name(merged: Merged, errors: list) -> None:
    """The header's `name` is one of its own text fields."""
    header, doc = merged.header, merged.where[("header",)][0]
    spec = header.fields.get(header.name)
    if spec is None:
        message = unknown("header field", header.name, header.fields)
        errors.append(_at(doc, ("header", "name"), message))
    elif spec.type != "text":
        message = f"the field naming a fact file must be text; {header.name!r} is {spec.type}"
        errors.append(_at(doc, ("header", "name"), message))


def _check_backtest(merged: Merged, errors: list) -> None:
    """The outcome's path leads to a field on a scale, and every value of it has a label."""
    backtest = merged.header.backtest
    if backtest is None:
        return
    doc = merged.where[("header",)][0]
    spec: Any = None
    fields = merged.header.fields
    for name in backtest.outcome.split("."):
        spec = fields.get(name) if fields is not None else None
        if spec is None:
            message = f"no header field {backtest.outcome!r}"
            errors.append(_at(doc, ("header", "backtest", "outcome"), message))
            return
        model = merged.header.models.get(spec.type)
        fields = model.fields if model else None
    scale = merged.scales.get(spec.type)
    values = scale.values if scale else []
    if sorted(values) != sorted(backtest.labels):
        message = f"give a label to each value of {backtest.outcome}: {', '.join(values)}"
        errors.append(_at(doc, ("header", "backtest", "labels"), message))


def _check_fact(merged: Merged, loc: PathKey, spec: Fact, pattern: re.Pattern, errors) -> None:
    _check_reserved(merged, loc, loc[-1], errors)
    if spec.type != "boolean" and spec.type not in merged.scales:
        errors.append(merged.error(_unknown_type(spec.type, merged.scales), loc, ("type",)))
    for j, pid in enumerate(spec.paragraphs):
        if not pattern.match(pid):
            message = f"expected a paragraph id such as {merged.citation.example}; found {pid!r}"
            errors.append(merged.error(message, loc, ("paragraphs", j)))


def _check_reserved(merged: Merged, loc: PathKey, name: str, errors: list) -> None:
    if hasattr(FactModel, name):
        errors.append(merged.error(f"{name!r} is a reserved name; choose another", loc))


def _header_mappings(merged: Merged):
    header = merged.header
    yield ("header", "fields"), header.fields
    for name, model in header.models.items():
        yield ("header", "models", name, "fields"), model.fields


def _check_header_field(merged, where, name, spec: HeaderField, types, defined, errors) -> None:
    doc, _ = merged.where[("header",)]
    loc = (*where, name)
    for at, kind in (("type",), spec.type), (("items", "type"), spec.items and spec.items.type):
        if kind and kind not in types:
            known = {t: 0 for t in types if t != "list"}
            errors.append(_at(doc, (*loc, *at), _unknown_type(kind, known)))
        elif kind and where[:2] == ("header", "models") and kind not in defined:
            message = f"the mapping {kind!r} is declared after {where[2]!r}, which holds it"
            errors.append(_at(doc, (*loc, *at), message + "; declare it first"))
    if (spec.type == "list") != (spec.items is not None):
        errors.append(_at(doc, loc, "a list gives the type of its `items`; only a list does"))


def _unknown_type(kind: str, scales: dict) -> str:
    return unknown("type", kind, {"boolean": 0, **scales})


def _check_titles(merged: Merged, errors: list) -> None:
    seen: dict[str, PathKey] = {}
    declared = [(("scales", n), n, s.title) for n, s in merged.scales.items()]
    declared += [(("groups", n), n, g.title) for n, g in merged.groups.items()]
    declared += [(("header", "models", n), n, m.title) for n, m in merged.header.models.items()]
    declared.append((("header",), merged.header.key, merged.header.title))
    for key, name, title in declared:
        title = title or camel(name)
        if title in seen:
            doc = merged.where.get(key[:2], merged.where[("header",)])[0]
            message = f"the title {title!r} is already used by {'.'.join(map(str, seen[title]))}"
            errors.append(_at(doc, key, message + "; give one of them a `title`"))
        seen[title] = key


def camel(name: str) -> str:
    """A snake_case name as a class name: `fact_file` becomes `FactFile`."""
    return "".join(part[:1].upper() + part[1:] for part in name.split("_"))


def _key(merged: Merged) -> str:
    """The merged declaration as text, with where each fact is declared: only the keys
    each file sets, so that `rebuild` makes the same model from it."""
    origins = {
        f"{group}.{name}": _origin(merged, ("groups", group, "fields", name))
        for group, facts in merged.facts.items()
        for name in facts
    }
    return json.dumps(
        {
            "doc": merged.doc,
            "citation": _dump(merged.citation),
            "header": _dump(merged.header),
            "header_path": merged.where[("header",)][0].path,
            "scales": {n: _dump(s) for n, s in merged.scales.items()},
            "groups": {n: _dump(g, exclude={"fields"}) for n, g in merged.groups.items()},
            "facts": {
                g: {n: _dump(f) for n, f in facts.items()} for g, facts in merged.facts.items()
            },
            "origins": origins,
        }
    )


def _dump(declared: Any, **extra: Any) -> dict:
    return declared.model_dump(mode="json", by_alias=True, exclude_unset=True, **extra)


def _origin(merged: Merged, key: PathKey) -> tuple[str, int | None]:
    doc, loc = merged.where[key]
    return doc.path, doc.locate(loc)[0]


Problems = list[tuple[PathKey, str]]
"""Where, in the header, a default is not a value of its own field, and why."""

_BUILT: dict[str, tuple[type[FactFileModel], Problems]] = {}
"""Fact models built in this process, by declaration, with their defaults' problems:
each is built once."""


def _cached_build(merged: Merged) -> tuple[type[FactFileModel], Problems]:
    key = _key(merged)
    if key not in _BUILT:
        _BUILT[key] = _build(merged, json.loads(key)["origins"])
    return _BUILT[key]


def declaration_of(model: type[FactModel]) -> str | None:
    """The declaration a fact model was built from, as text `rebuild` takes; None for a
    model not built from a model file."""
    return next((key for key, (built, _) in _BUILT.items() if built is model), None)


def rebuild(text: str) -> type[FactFileModel]:
    """The fact model of a declaration that `declaration_of` gave, once checked and built:
    its parts are validated again, not checked for clashes. Any error when the text is
    not such a declaration."""
    if text not in _BUILT:
        data = json.loads(text)
        merged = Merged(
            doc=data["doc"],
            citation=Citation.model_validate(data["citation"]),
            header=Header.model_validate(data["header"]),
            scales={n: Scale.model_validate(s) for n, s in data["scales"].items()},
            groups={n: _group_of(g, data["facts"][n]) for n, g in data["groups"].items()},
            facts={
                g: {n: Fact.model_validate(f) for n, f in fs.items()}
                for g, fs in data["facts"].items()
            },
            where={("header",): (Document(data["header_path"], None), ("header",))},
        )
        _BUILT[text] = _build(merged, data["origins"])
    model, problems = _BUILT[text]
    if problems:  # a model file with problems never loaded, so it was never declared
        raise ValueError(f"the declaration has problems: {problems}")
    return model


def _group_of(data: dict, facts: dict) -> Group:
    return Group.model_validate({**data, "fields": facts})  # its own facts are in `facts`


def _build(merged: Merged, origins: dict) -> tuple[type[FactFileModel], Problems]:
    header = merged.header
    enums = {name: _enum(name, scale) for name, scale in merged.scales.items()}
    models: dict[str, type[FactModel]] = {}
    for name, model in header.models.items():
        models[name] = _header_model(name, model.title, model.doc, model.fields, enums, models)
    header_model = _header_model(header.key, header.title, header.doc, header.fields, enums, models)
    problems = _header_defaults(header, header_model, models)
    sections = _sections(merged, header_model, enums)
    model = create_model("FactFile", __base__=FactFileModel, __doc__=merged.doc or None, **sections)
    model.declaration = _declaration(merged, origins)
    return model, problems


def _sections(merged: Merged, header_model: type[FactModel], enums: dict) -> dict[str, Any]:
    """The fact file's top-level fields: its header, then one section per group."""
    header = merged.header
    sections: dict[str, Any] = {
        header.key: (
            header_model,
            Field(default_factory=header_model, description=header.description),
        )
    }
    for name, spec in merged.groups.items():
        group_model = _group(name, spec, merged.facts[name], enums)
        description = spec.description or spec.doc
        sections[name] = (group_model, Field(default_factory=group_model, description=description))
    return sections


def _declaration(merged: Merged, origins: dict) -> Declaration:
    """What the library reads of the model besides its fields: header, citations, origins."""
    header = merged.header
    return Declaration(
        header=header.key,
        name_field=header.name,
        name_length=header.fields[header.name].max_length,
        citation=merged.citation.pattern,
        citation_example=merged.citation.example,
        origins={path: tuple(where) for path, where in origins.items()},
        path=merged.where[("header",)][0].path,
        outcome=tuple(header.backtest.outcome.split(".")) if header.backtest else (),
        labels=dict(header.backtest.labels) if header.backtest else {},
    )


def _header_defaults(header: Header, header_model: type, models: dict) -> Problems:
    """The problems of every default in the header and the mappings it may hold."""
    mappings = [(("header", "fields"), header.fields, header_model)]
    mappings += [
        (("header", "models", name, "fields"), spec.fields, models[name])
        for name, spec in header.models.items()
    ]
    return [p for where, fields, made in mappings for p in _bad_defaults(where, fields, made)]


def _bad_defaults(where: PathKey, fields: dict[str, HeaderField], made: type) -> Problems:
    """The defaults of `fields` that their model `made` rejects (pydantic checks a default
    only when it is used, which would blame every fact file that leaves the field out)."""
    given = {
        name: spec.default for name, spec in fields.items() if "default" in spec.model_fields_set
    }
    try:
        made.model_validate(given)
    except ValidationError as exc:
        return [
            ((*where, err["loc"][0], "default", *err["loc"][1:]), message(describe(err, made)))
            for err in exc.errors()
            if err["type"] != "missing" and err["loc"]
        ]
    return []


def _enum(name: str, scale: Scale) -> type[StrEnum]:
    base = Ordinal if scale.ordinal else StrEnum
    made = base(scale.title or camel(name), [(value, value) for value in scale.values])
    made.__doc__ = scale.doc
    return made


def _group(name: str, spec: Group, facts: dict[str, Fact], enums: dict) -> type[FactGroup]:
    fields = {
        key: (
            (StrictBool if f.type == "boolean" else enums[f.type]) | None,
            fact(f.description, f.question, list(f.paragraphs)),
        )
        for key, f in facts.items()
    }
    return create_model(spec.title or camel(name), __base__=FactGroup, __doc__=spec.doc, **fields)


def _header_model(name, title, doc, fields, enums, models) -> type[FactModel]:
    made = {key: _header_field(spec, enums, models) for key, spec in fields.items()}
    return create_model(title or camel(name), __base__=FactModel, __doc__=doc, **made)


def _header_field(spec: HeaderField, enums: dict, models: dict) -> tuple[Any, Any]:
    annotation = _annotation(spec, enums, models)
    if spec.type == "list":
        annotation = list[_annotation(spec.items, enums, models)]
    if spec.optional:
        annotation = annotation | None
    extra = {"min_length": spec.min_items, "max_length": spec.max_items}
    extra = {k: v for k, v in extra.items() if v is not None}
    if "default" not in spec.model_fields_set:
        default = None if spec.optional else ...
        return annotation, Field(default, description=spec.description, **extra)
    if spec.default in ([], {}):  # as a factory, so the JSON Schema shows no default
        empty = type(spec.default)
        return annotation, Field(default_factory=empty, description=spec.description, **extra)
    return annotation, Field(spec.default, description=spec.description, **extra)


def _annotation(spec: Items, enums: dict, models: dict) -> Any:
    if spec.type == "text":
        bounds = {"min_length": spec.min_length, "max_length": spec.max_length}
        bounds = {k: v for k, v in bounds.items() if v is not None}
        return Annotated[str, StringConstraints(**bounds)] if bounds else str
    simple = {"date": date, "boolean": StrictBool, "list": list}
    return simple.get(spec.type) or enums.get(spec.type) or models[spec.type]
