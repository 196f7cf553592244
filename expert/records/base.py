"""What every result record shares: the base model, the common field types, and the one
way a record's JSON Schema is generated and written the same under every pydantic allowed."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from .. import certainty

CF = Annotated[float, Field(ge=-1, le=1, description="A certainty factor in [-1, 1].")]
BAND_WORDS = ("undecided", *(word for _, *words in certainty.BANDS for word in words))
Band = Literal[BAND_WORDS]  # type: ignore[valid-type]  # the words certainty.band gives
Value = Annotated[
    str | bool | int | float | None,
    Field(description="A fact's value as in a fact file; null is unknown."),
]
Name = Annotated[str, Field(description="A conclusion's name.")]
Path = Annotated[str, Field(description="A dotted input field: `group.field`.")]
Hash = Annotated[str, Field(pattern=r"^sha256:[0-9a-f]{16}$")]
Step = Annotated[int, Field(ge=1, description="A firing's step in the trace: 1, 2, …")]
RuleId = Annotated[str, Field(description="A rule's id.")]


class Record(BaseModel):
    """A result record: frozen, and no field that is not declared.

    A field with a default is one the output leaves out when it does not apply (a rule's
    `pack`, a fact's `cf`); `dump` writes only the fields a record was given.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, defer_build=True)

    def dump(self) -> dict[str, Any]:
        """The record as JSON-ready data, exactly as `--format json` prints it."""
        return self.model_dump(mode="json", by_alias=True, exclude_unset=True)


def json_schema(model: type[BaseModel]) -> dict[str, Any]:
    """A record's JSON Schema (draft 2020-12), as published."""
    schema = model.model_json_schema(by_alias=True, mode="serialization")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **stable(schema)}


BOUNDS = ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum")


def stable(node: Any) -> Any:
    """A generated schema written the same by every pydantic the project allows.

    Older pydantic wraps a described reference in a one-item `allOf`, writes a bound of
    `1.0` as `1`, and gives a one-value `Literal` an `enum` beside its `const`; newer pydantic
    describes a mapping's keys in `propertyNames`. All are normalised: to the plain
    reference, the integer, the `const` alone, and keys described only in prose.
    """
    if isinstance(node, list):
        return [stable(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: stable(value) for key, value in node.items()}
    for key in BOUNDS:
        if isinstance(node.get(key), float) and node[key].is_integer():
            node[key] = int(node[key])
    if "const" in node and node.get("enum") == [node["const"]]:
        del node["enum"]
    names = node.get("propertyNames")
    if isinstance(names, dict) and set(names) <= {"description", "title"}:
        del node["propertyNames"]
    wrapped = node.get("allOf")
    if isinstance(wrapped, list) and len(wrapped) == 1 and set(wrapped[0]) == {"$ref"}:
        rest = {key: value for key, value in node.items() if key != "allOf"}
        return {**wrapped[0], **rest}
    return node
