"""The one translator of pydantic's validation errors into the project's words.

Every file the project reads is checked by a pydantic model: rule files, the manifest and
the model file by `expert.ruleschema` and `expert.modelschema`, fact files by the models
that `expert.modelfile` builds. Each pydantic error becomes one pair, *what was expected*
and *what was found*, which the caller joins and locates in its file. One table says how
each kind of error reads, so a rule file and a fact file say the same thing the same way;
a `Words` names what differs between the kinds of file (a fact file's keys are *fields*).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, get_args

from pydantic import BaseModel

from .names import did_you_mean
from .safetext import look_alikes
from .source import PathKey, kind_of, shorten

Pair = tuple[str, str]  # (what was expected, what was found); found may be ""

EXPECTED_TYPES = {
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "string_type": "a string",
    "float_type": "a number",
    "int_type": "a whole number",
    "list_type": "a list",
}
MAPPING_TYPES = {"dict_type", "model_type", "model_attributes_type"}
EXPECTED_PATTERNS = {
    r"^[a-z0-9]+(-[a-z0-9]+)*$": "a kebab-case id: lowercase letters and digits joined by hyphens",
    r"^[a-z0-9]+(-[a-z0-9]+)*(:[a-z0-9]+(-[a-z0-9]+)*)?$": "a conclusion name: a kebab-case "
    "id, optionally after a category and a colon",
    r"^[a-z][a-z0-9_]*$": "a snake_case name (lowercase letters, digits, underscores)",
    r"^[A-Z][A-Za-z0-9]*$": "a CamelCase title",
    r"^[^\s_][^\s]*$": "a value without spaces, not starting with an underscore",
}
CF_KEYS = {"cf", "min_cf", "max_cf"}
CF_KINDS = {"float_type", "less_than_equal", "greater_than_equal"}


def _nothing(loc: tuple) -> Any:
    return None


@dataclass(frozen=True)
class Words:
    """What differs between the kinds of file, for the messages about them."""

    entry: str = "key"  # an entry of a mapping: a rule file's key, a fact file's field
    mapping: str = "a mapping"
    values: Callable[[tuple], list[str] | None] = _nothing  # the allowed values at a path, shown
    keys: Callable[[tuple], list[str] | None] = _nothing  # keys allowed where no model says


RULE_WORDS = Words()


def describe(err: dict, schema: type[BaseModel], words: Words = RULE_WORDS) -> Pair:
    """(what was expected, what was found) for one pydantic error, in plain words."""
    kind, loc, found = err["type"], tuple(err["loc"]), kind_of(err.get("input"))
    for applies, word in _TABLE:
        if applies(kind, loc):
            return word(err, loc, found, schema, words)
    return _pydantic_words(err, found)


def message(pair: Pair) -> str:
    """`expected x; found y`, or the expectation alone when nothing was found."""
    text, found = pair
    return f"{text}; found {found}" if found else text


def merge(pairs: list[Pair]) -> str:
    """One message for all errors at one place: `expected a or b; found c`."""
    if len(pairs) > 1 and all(text.startswith("expected ") for text, _ in pairs):
        expected = [text.removeprefix("expected ") for text, _ in pairs]
        pairs = [("expected " + " or ".join(dict.fromkeys(expected)), pairs[0][1])]
    return message(pairs[0])


def _unknown_key(err, loc, found, schema, words: Words) -> Pair:
    name = str(loc[-1])
    keys = keys_at(schema, loc[:-1])
    keys = keys if keys is not None else words.keys(loc)
    text = f"unknown {words.entry} {shorten(repr(loc[-1]))}"
    if keys:
        text += "; " + (did_you_mean(name, keys) or f"expected one of {', '.join(keys)}")
    return text + look_alikes(name[:60]), ""


def _missing(err, loc, found, schema, words: Words) -> Pair:
    return f"missing {words.entry} {loc[-1]!r}", ""


def _certainty(err, loc, found, schema, words) -> Pair:
    return "expected a certainty factor, a number from -1 to 1", found + _number_hint(err)


def _custom(err, loc, found, schema, words) -> Pair:
    return err["msg"], found


def _enum(err, loc, found, schema, words: Words) -> Pair:
    values, given = words.values(loc), err.get("input")
    expected = err.get("ctx", {}).get("expected", "")  # pydantic's: 'a', 'b' or 'c'
    known = values or re.findall(r"'([^']*)'", expected)
    guess = did_you_mean(given, known) if isinstance(given, str) else ""
    hint = _boolean_hint(given) + (f"; {guess}" if guess else "")
    return f"expected one of {', '.join(values) if values else expected}", found + hint


def _date(err, loc, found, schema, words) -> Pair:
    detail = err.get("ctx", {}).get("error")
    return f"expected a date as YYYY-MM-DD{f' ({detail})' if detail else ''}", found


def _mapping(err, loc, found, schema, words: Words) -> Pair:
    return f"expected {words.mapping}", found


def _typed(err, loc, found, schema, words) -> Pair:
    return f"expected {EXPECTED_TYPES[err['type']]}", found


def _pattern(err, loc, found, schema, words) -> Pair:
    pattern = err.get("ctx", {}).get("pattern", "")
    return f"expected {EXPECTED_PATTERNS.get(pattern, 'text matching ' + pattern)}", found


def _pydantic_words(err: dict, found: str) -> Pair:
    """pydantic's own message, lower-cased, for the kinds the table does not word."""
    text = err["msg"].removeprefix("Value error, ")
    text = f"{text[0].lower()}{text[1:]}"
    return (text, "") if "found" in text else (text, found)


_TABLE: list[tuple[Callable[[str, tuple], bool], Callable[..., Pair]]] = [
    (lambda kind, loc: kind == "certainty", _custom),  # raised by expert.facts, worded there
    (lambda kind, loc: kind == "extra_forbidden", _unknown_key),
    (lambda kind, loc: kind == "missing", _missing),
    (lambda kind, loc: bool(loc) and loc[-1] in CF_KEYS and kind in CF_KINDS, _certainty),
    (lambda kind, loc: kind == "enum", _enum),
    (lambda kind, loc: kind.startswith("date_"), _date),
    (lambda kind, loc: kind in MAPPING_TYPES, _mapping),
    (lambda kind, loc: kind in EXPECTED_TYPES, _typed),
    (lambda kind, loc: kind == "string_pattern_mismatch", _pattern),
]


def _number_hint(err: dict) -> str:
    """How to write a number that was read as text: unquoted, or as YAML reads a float."""
    text = err.get("input")
    if not isinstance(text, str):
        return ""
    if re.fullmatch(r"\s*[-+]?(\d+\.?\d*|\.\d+)\s*", text):
        return " (write it without quotes)"
    try:
        return f" (YAML reads {text} as text; write {float(text)!r})"
    except ValueError:
        return ""


def _boolean_hint(found: Any) -> str:
    """Why a word became a boolean: YAML 1.1 reads unquoted yes/no/on/off as true/false."""
    if not isinstance(found, bool):
        return ""
    return " (YAML reads an unquoted yes, no, on or off as true or false: quote the word)"


def keys_at(schema: type[BaseModel], loc: tuple) -> list[str] | None:
    """The keys the model at a pydantic error path allows, or None where no model says."""
    model = model_at(schema, loc)
    if model is None:
        return None
    return [info.alias or name for name, info in model.model_fields.items()]


def model_at(schema: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The pydantic model that validates the mapping at a pydantic error path.

    A part of the path is a field of the model reached so far, the tag of a union (the
    name of one of its models), a list index or a mapping's own key (a paragraph id).
    """
    annotation: Any = schema
    for part in loc:
        if isinstance(part, int):
            continue
        models = _models_in(annotation)
        tagged = [m for m in models if m.__name__ == part]
        owning = [m for m in models if part in _fields(m)]
        if tagged:
            annotation = tagged[0]
        elif owning:
            annotation = _fields(owning[0])[part].annotation
    models = _models_in(annotation)
    return models[0] if models else None


def _fields(model: type[BaseModel]) -> dict[str, Any]:
    return {info.alias or name: info for name, info in model.model_fields.items()}


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """The pydantic models an annotation names, through unions, lists and mappings."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [model for arg in get_args(annotation) for model in _models_in(arg)]


def data_loc(data: Any, loc: tuple) -> PathKey:
    """The part of a pydantic error path that exists in the data (union tags dropped)."""
    result: list[str | int] = []
    node = data
    for part in loc:
        if (isinstance(node, dict) and part in node) or (
            isinstance(node, list) and isinstance(part, int) and part < len(node)
        ):
            node = node[part]
            result.append(part)
    return tuple(result)
