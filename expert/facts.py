"""Generic machinery of fact models: scales, field metadata, loading with located errors.

Nothing here names the domain: a knowledge base's model file declares the actual facts
(see `expert.modelfile`).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any, ClassVar, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

from .errors import MAX_REPORTED, ErrorGroup, FactFileError
from .hedge import KEYS, held_data
from .invalid import Words, describe, message
from .source import Document, dotted, read_document


class FactModel(BaseModel):
    """Base of every model of input: unknown keys are errors, values are validated."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)

    @model_validator(mode="before")
    @classmethod
    def _null_sections_are_empty(cls, data: Any) -> Any:
        """A section left null (`group:` with every line under it commented out) is empty."""
        if not isinstance(data, dict):
            return data
        return {
            key: value
            for key, value in data.items()
            if not (value is None and _is_section(cls.model_fields.get(key)))
        }


def _is_section(info: Any) -> bool:
    annotation = getattr(info, "annotation", None)
    return isinstance(annotation, type) and issubclass(annotation, FactModel)


class FactGroup(FactModel):
    """A group of facts, asserted into the engine as one fact.

    A field may be written plainly (`crisis: high`) or with a certainty from 0 to 1
    (`crisis: {value: high, cf: 0.6}`); the certainties are kept beside the values.
    """

    # A group is validated inside its fact file's model, which builds the group's schema
    # into its own; the group's own validator is built only if something uses it alone.
    model_config = ConfigDict(defer_build=True)

    _certainty: dict[str, float] = PrivateAttr(default_factory=dict)

    @model_validator(mode="wrap")
    @classmethod
    def _split_certainties(cls, data: Any, handler: Any) -> Any:
        if not isinstance(data, dict) or not any(_is_hedged(v) for v in data.values()):
            return handler(data)  # the plain form costs nothing more
        values, cfs, errors = split_certainties(data, cls.model_fields)
        try:
            group = handler(values)
        except ValidationError as exc:
            hedged = {k for k, v in data.items() if _is_hedged(v)}
            raise ValidationError.from_exception_data(
                cls.__name__, errors + [_details(e, hedged) for e in exc.errors()]
            ) from None
        if errors:
            raise ValidationError.from_exception_data(cls.__name__, errors)
        group._certainty = cfs
        return group


@dataclass(frozen=True)
class Declaration:
    """What a model file says of a fact file beyond its fields' types."""

    header: str
    name_field: str
    name_length: int | None
    citation: str
    citation_example: str
    origins: dict[str, tuple[str, int | None]] = field(default_factory=dict)
    path: str = ""
    outcome: tuple[str, ...] = ()
    labels: dict[str, int] = field(default_factory=dict)


class FactFileModel(FactModel):
    """Base of a whole fact file's model: a header and groups; built from a model file."""

    declaration: ClassVar[Declaration | None] = None


def header_name(facts: FactModel) -> str:
    """The name the header gives a fact file (empty when its model declares no header)."""
    declared = getattr(type(facts), "declaration", None)
    if declared is None:
        return ""
    return getattr(getattr(facts, declared.header), declared.name_field)


def recorded(facts: FactModel) -> tuple[str, int] | None:
    """What happened, as the header records it, and its label; None without a record."""
    declared = getattr(type(facts), "declaration", None)
    if declared is None or not declared.outcome:
        return None
    value: Any = getattr(facts, declared.header)
    for name in declared.outcome:
        value = getattr(value, name, None)
    if value is None:
        return None
    plain = value.value if isinstance(value, enum.Enum) else value
    return plain, declared.labels[plain]


def named(model: type[FactModel], name: str) -> dict[str, Any]:
    """Fact-file data whose header holds only a name, cut to fit the header's limit."""
    declared = model.declaration
    limit = declared.name_length or len(name)
    return {declared.header: {declared.name_field: name[:limit]}}


class Ordinal(enum.StrEnum):
    """A closed scale whose values are ordered as they are declared."""

    @classmethod
    def rank(cls, value: str) -> int:
        """Position of `value` on the scale, from 0."""
        return list(cls).index(cls(value))


def fact(description: str, question: str, paragraphs: list[str]) -> Any:
    """Declare an optional fact field with its description, question and citations."""
    return Field(
        None,
        description=description,
        json_schema_extra={"question": question, "paragraphs": paragraphs},
    )


Kind = Literal["bool", "choice", "ordinal"]


@dataclass(frozen=True)
class FieldSpec:
    """What the engine and the tools need to know about one input field."""

    path: str
    group: str
    name: str
    kind: Kind
    values: tuple[Any, ...]
    description: str
    question: str
    paragraphs: tuple[str, ...]

    def rank(self, value: Any) -> int:
        """Position of `value` among the field's values (ordinal fields)."""
        return self.values.index(value)

    def parse(self, text: str) -> Any:
        """Turn a value typed as text into the field's value, or raise ValueError."""
        text = text.strip()
        if self.kind == "bool":
            lowered = text.lower()
            if lowered in {"true", "yes", "y"}:
                return True
            if lowered in {"false", "no", "n"}:
                return False
        elif text in self.values:
            return text
        raise ValueError(f"expected one of {show_values(self.values)}; found {text!r}")


def show_values(values: tuple[Any, ...]) -> str:
    """Values as a reader types them: `none, low, moderate, high`."""
    return ", ".join(shown_values(values))


def shown_values(values: tuple[Any, ...]) -> list[str]:
    """Each value as a reader types it: `true` for True."""
    return [str(v).lower() if isinstance(v, bool) else str(v) for v in values]


@cache
def catalogue(model: type[FactModel]) -> dict[str, FieldSpec]:
    """Every input field of a fact model, by dotted path, in declaration order."""
    specs: dict[str, FieldSpec] = {}
    for group, group_info in model.model_fields.items():
        group_type = group_info.annotation
        if not (isinstance(group_type, type) and issubclass(group_type, FactGroup)):
            continue
        for name, info in group_type.model_fields.items():
            extra = info.json_schema_extra or {}
            kind, values = _domain(info.annotation)
            specs[f"{group}.{name}"] = FieldSpec(
                path=f"{group}.{name}",
                group=group,
                name=name,
                kind=kind,
                values=values,
                description=info.description or "",
                question=str(extra.get("question", "")),
                paragraphs=tuple(extra.get("paragraphs", ())),
            )
    return specs


def _domain(annotation: Any) -> tuple[Kind, tuple[Any, ...]]:
    for arg in get_args(annotation) or (annotation,):
        if arg is type(None):
            continue
        if isinstance(arg, type) and issubclass(arg, enum.Enum):
            kind: Kind = "ordinal" if issubclass(arg, Ordinal) else "choice"
            return kind, tuple(member.value for member in arg)
        if arg is bool or bool in get_args(arg):
            return "bool", (False, True)
    raise TypeError(f"fact fields must be bool or enum, not {annotation!r}")


def group_facts(facts: FactModel, model: type[FactModel]) -> dict[str, dict[str, Any]]:
    """The known and unknown facts of a fact file, group by group, as plain values.

    Every field appears; an unknown one has the value None.
    """
    groups: dict[str, dict[str, Any]] = {}
    for group, names in layout(model):
        section = getattr(facts, group).__dict__  # a frozen model's fields, by name
        groups[group] = {name: _plain(section[name]) for name in names}
    return groups


def _plain(value: Any) -> Any:
    return value.value if isinstance(value, enum.Enum) else value


@cache
def layout(model: type[FactModel]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The groups of a fact model's input fields with their names, in the catalogue's order
    (worked out once: every evaluation walks it)."""
    groups: dict[str, list[str]] = {}
    for spec in catalogue(model).values():
        groups.setdefault(spec.group, []).append(spec.name)
    return tuple((group, tuple(names)) for group, names in groups.items())


def certainties(facts: FactModel, model: type[FactModel]) -> dict[str, float]:
    """The certainty of every field given with one (below 1), by dotted path."""
    found = {}
    for group, _ in layout(model):
        section = getattr(facts, group)
        for name, cf in getattr(section, "_certainty", {}).items():
            if getattr(section, name) is not None:
                found[f"{group}.{name}"] = cf
    return dict(sorted(found.items()))


def split_certainties(data: dict, fields: dict) -> tuple[dict, dict[str, float], list]:
    """A group's data with `{value, cf}` fields split: (values, certainties, errors)."""
    values, cfs, errors = {}, {}, []
    for name, item in data.items():
        if not (_is_hedged(item) and name in fields):
            values[name] = item
            continue
        for key in item:
            if key not in KEYS:
                errors.append(_error("extra_forbidden", (name, key), item[key]))
        for key in KEYS:  # both, as the JSON Schema says: a plain value is certain
            if key not in item:
                errors.append(_error("missing", (name, key), item))
        cf = item.get("cf")
        if "cf" in item and not _is_certainty(cf):
            errors.append(_certainty_error((name, "cf"), cf))
        elif "cf" in item:
            cfs[name] = float(cf)
        values[name] = item.get("value")
    return values, {k: v for k, v in cfs.items() if v < 1.0}, errors


def _is_certainty(cf: Any) -> bool:
    return isinstance(cf, int | float) and not isinstance(cf, bool) and 0 <= cf <= 1


def _is_hedged(item: Any) -> bool:
    """Whether a field's data is the `{value, cf}` form (a mapping with either key)."""
    return isinstance(item, dict) and ("value" in item or "cf" in item)


def _error(kind: str, loc: tuple, found: Any) -> InitErrorDetails:
    return InitErrorDetails(type=kind, loc=loc, input=found)


def _certainty_error(loc: tuple, found: Any) -> InitErrorDetails:
    message = "expected a certainty, a number from 0 to 1"
    return InitErrorDetails(type=PydanticCustomError("certainty", message), loc=loc, input=found)


def _details(err: dict, hedged: set[str]) -> InitErrorDetails:
    """A pydantic error again, to raise along with the certainties' errors.

    An error in a value given with a certainty is located at its `value` key.
    """
    loc = tuple(err["loc"])
    if loc and loc[0] in hedged:
        loc = (*loc, "value")
    found = InitErrorDetails(type=err["type"], loc=loc, input=err.get("input"))
    if err.get("ctx"):
        found["ctx"] = err["ctx"]
    return found


def known_facts(facts: FactModel, model: type[FactModel]) -> dict[str, Any]:
    """The known facts only, by dotted path."""
    return known_of(group_facts(facts, model))


def known_of(groups: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """The known facts of `group_facts`' groups, by dotted path."""
    return {
        f"{group}.{name}": value
        for group, fields in groups.items()
        for name, value in fields.items()
        if value is not None
    }


def load_fact_file(path: str | Path, model: type[FactModel]) -> FactModel:
    """Read and validate a YAML or JSON fact file; raise ErrorGroup listing every error."""
    expected = fact_words(model).mapping
    return validate_document(read_document(path, expected=expected, located=False), model)


def validate_document(doc: Document, model: type[FactModel]) -> FactModel:
    """Validate parsed data against the model, turning every error into a located one
    (the document's locations are found only then)."""
    try:
        return model.model_validate(doc.data)
    except ValidationError as exc:
        raise ErrorGroup(_located_errors(doc.located(), exc.errors(), model)) from None


def _located_errors(
    doc: Document, errors: list[dict], model: type[FactModel]
) -> list[FactFileError]:
    """The first MAX_REPORTED errors in file order, worded, then one that counts the rest
    (wording 40,000 errors, with their `did you mean`, would take seconds)."""
    errors = sorted(errors, key=lambda err: (*_place(doc, err["loc"]), dotted(err["loc"])))
    located = [_located(doc, err, model) for err in errors[:MAX_REPORTED]]
    rest = len(errors) - len(located)
    if rest:
        located.append(FactFileError(f"... and {rest} more error{'s' * (rest > 1)}", path=doc.path))
    return located


def _place(doc: Document, loc: tuple) -> tuple[int, int]:
    line, column = doc.locate(loc)
    return line or 0, column or 0


def dump_fact_file(facts: FactModel) -> dict[str, Any]:
    """A fact file as plain data holding only what is known (with certainties as given)."""
    data = facts.model_dump(mode="json", exclude_none=True, exclude_defaults=True)
    for group, values in data.items():
        for name, cf in getattr(getattr(facts, group), "_certainty", {}).items():
            if name in values:
                values[name] = held_data(values[name], cf)
    return data


def _located(doc: Document, err: dict, model: type[FactModel]) -> FactFileError:
    loc = tuple(err["loc"])
    return doc.error(message(describe(err, model, fact_words(model))), loc, cls=FactFileError)


@cache
def fact_words(model: type[FactModel]) -> Words:
    """A fact file's words: its keys are fields, a scale's values are shown as declared,
    and a field given with a certainty takes `value` and `cf`."""
    fields = catalogue(model)

    def values(loc: tuple) -> list[str] | None:
        spec = fields.get(dotted(loc[:2]))
        return shown_values(spec.values) if spec else None

    def keys(loc: tuple) -> list[str] | None:
        return ["value", "cf"] if len(loc) == 3 else None

    return Words(entry="field", mapping="a mapping of fields", values=values, keys=keys)


def json_schema(model: type[FactModel], title: str) -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of a fact model, null sections allowed as in loading."""
    from .records import stable  # the result records' models: not needed to load a fact file

    schema = stable(model.model_json_schema())  # the same under every pydantic allowed
    definitions = schema.get("$defs", {})
    for part in [schema, *definitions.values()]:
        for name, prop in part.get("properties", {}).items():
            target = definitions.get(prop.get("$ref", "").rpartition("/")[2], {})
            if target.get("type") == "object":
                rest = {k: v for k, v in prop.items() if k != "$ref"}
                part["properties"][name] = {
                    "anyOf": [{"$ref": prop["$ref"]}, {"type": "null"}],
                    **rest,
                }
    _allow_certainties(model, definitions)
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **schema, "title": title}


CERTAINTY_SCHEMA = {
    "type": "number",
    "minimum": 0,
    "maximum": 1,
    "description": "How certain the value is, from 0 to 1; below 0.2 it counts as unknown.",
}


def _allow_certainties(model: type[FactModel], definitions: dict[str, Any]) -> None:
    """Every fact field also takes `{value: ..., cf: ...}`: its value with a certainty."""
    groups = {catalogue(model)[p].group for p in catalogue(model)}
    names = {model.model_fields[g].annotation.__name__ for g in groups}
    definitions["Certainty"] = CERTAINTY_SCHEMA
    for name in sorted(names & set(definitions)):
        for prop in definitions[name].get("properties", {}).values():
            plain = [o for o in prop.get("anyOf", []) if o.get("type") != "null"]
            if len(plain) == 1:
                prop["anyOf"].insert(1, _hedged_schema(plain[0]))


def _hedged_schema(value: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["value", "cf"],
        "properties": {"value": value, "cf": {"$ref": "#/$defs/Certainty"}},
    }


__all__ = [
    "Declaration",
    "FactFileModel",
    "FactGroup",
    "FactModel",
    "FieldSpec",
    "Ordinal",
    "catalogue",
    "dotted",
    "dump_fact_file",
    "fact",
    "group_facts",
    "header_name",
    "json_schema",
    "known_facts",
    "known_of",
    "load_fact_file",
    "named",
    "recorded",
    "validate_document",
]
