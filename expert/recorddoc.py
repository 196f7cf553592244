"""The field tables of docs/results.md and docs/explain.md, generated from the records.

Each record gets a heading and a table of the fields it declares itself: name, type and
the description its `Field` gives. A record that extends another says so, and lists only
what it adds or narrows.
"""

from __future__ import annotations

import inspect
from typing import Any

from pydantic import BaseModel

from . import records
from .records import Record, json_schema

ASSESSMENT = (
    records.Assessment,
    records.Evaluation,
    records.AssessedVerdict,
    records.EvaluatedVerdict,
    records.Reached,
    records.Firing,
    records.Matched,
    records.MatchedFact,
    records.Category,
)
"""The records of `summit assess --format json`, as docs/results.md lists them."""

EXPLANATION = (
    records.Header,
    records.Verdict,
    records.RuleHead,
    records.How,
    records.ConclusionEntry,
    records.FiringEntry,
    records.FactRead,
    records.Used,
    records.CombinationStep,
    records.Trace,
    records.TraceStep,
    records.MatchedFact,
    records.WhyNot,
    records.WhyNotEntry,
    records.Target,
    records.Candidate,
    records.FieldNode,
    records.ConclusionNode,
    records.GroupNode,
    records.Counterfactual,
    records.Solution,
    records.FactChange,
    records.SizeCovered,
    records.RuleReport,
    records.RuleEntry,
    records.Fed,
)
"""The records of `summit explain --format json`, as docs/explain.md lists them."""


def records_markdown(models: tuple[type[BaseModel], ...]) -> str:
    """One heading and field table per record, in the order given."""
    return "\n".join(record_table(model) for model in models)


def record_table(model: type[BaseModel]) -> str:
    """A record's heading, its docstring's first line, and the table of its own fields."""
    schema = _own_schema(model)
    lines = [f"#### {model.__name__}", "", _summary(model), ""]
    lines += ["| field | type | always | meaning |", "|---|---|---|---|"]
    required = set(schema.get("required", []))
    for name in own_fields(model):
        prop = schema["properties"][name]
        always = "yes" if name in required else "no"
        meaning = " ".join(prop.get("description", "").split()).replace("|", "\\|")
        lines.append(f"| `{name}` | {field_type(prop)} | {always} | {meaning} |")
    return "\n".join(lines) + "\n"


def _own_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A record's own schema; a recursive record's is among its definitions."""
    schema = json_schema(model)
    return schema["$defs"][model.__name__] if "$ref" in schema else schema


def own_fields(model: type[BaseModel]) -> list[str]:
    """The fields (by their JSON names) a record declares itself, in the record's order."""
    declared = set(inspect.get_annotations(model))
    return [info.alias or name for name, info in model.model_fields.items() if name in declared]


def _summary(model: type[BaseModel]) -> str:
    first = (model.__doc__ or "").strip().split("\n\n")[0]
    text = " ".join(first.split())
    base = model.__mro__[1]
    if base is not Record and issubclass(base, Record):
        text += f" Every field of [{base.__name__}](#{base.__name__.lower()}), and:"
    return text


def field_type(prop: dict[str, Any]) -> str:
    """A field's JSON type in words: `list of [Target](#target)`, `number in [-1, 1] or null`."""
    options = prop.get("anyOf") or prop.get("oneOf")
    if options:
        return _options_text(options)
    if "$ref" in prop:
        name = prop["$ref"].rsplit("/", 1)[-1]
        return f"[{name}](#{name.lower()})"
    if "const" in prop:
        return f"`{prop['const']}`"
    if "enum" in prop:
        return " \\| ".join(f"`{value}`" for value in prop["enum"])
    kind = prop.get("type")
    if kind == "array":
        return f"list of {field_type(prop.get('items', {}))}"
    if kind == "object":
        values = prop.get("additionalProperties")
        return f"mapping to {field_type(values)}" if isinstance(values, dict) else "mapping"
    return _scalar_text(kind, prop)


FACT_VALUE = {"string", "boolean", "integer", "number"}
"""The JSON types of a fact's value (`records.Value`)."""


def _options_text(options: list[dict[str, Any]]) -> str:
    types = {option.get("type") for option in options}
    rest = [option for option in options if option.get("type") != "null"]
    if types >= FACT_VALUE:
        shown = "fact value"
        rest = [option for option in rest if option.get("type") not in FACT_VALUE]
        shown = " or ".join([shown, *map(field_type, rest)])
    else:
        shown = " or ".join(map(field_type, rest))
    return f"{shown} or null" if "null" in types else shown


def _scalar_text(kind: Any, prop: dict[str, Any]) -> str:
    low, high = prop.get("minimum"), prop.get("maximum")
    if kind in {"number", "integer"} and low is not None:
        return f"{kind} in [{low}, {high}]" if high is not None else f"{kind} ≥ {low}"
    if kind == "string" and "pattern" in prop:
        return f"string matching `{prop['pattern']}`"
    return {"boolean": "true or false"}.get(kind, kind or "any")
