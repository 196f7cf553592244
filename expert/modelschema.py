"""The schema of a model file: the scales, header and groups of a knowledge base's facts."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, StrictBool, StrictInt, StrictStr

from .ruleschema import Schema

Name = Annotated[
    str,
    Field(
        pattern=r"^[a-z][a-z0-9_]*$",
        max_length=60,
        description="A name a fact file uses: lowercase letters, digits and underscores.",
    ),
]
Title = Annotated[
    str,
    Field(
        pattern=r"^[A-Z][A-Za-z0-9]*$",
        max_length=60,
        description="A class-like title for the JSON Schema (default: the name in CamelCase).",
    ),
]
Text = Annotated[StrictStr, Field(max_length=2000)]
Size = Annotated[StrictInt, Field(ge=0, le=1_000_000)]


class Scale(Schema):
    """A closed set of values; on an ordinal scale they are listed from lowest to highest."""

    title: Title | None = Field(None, description="Its name in the JSON Schema.")
    doc: Text = Field(description="What the scale measures.")
    ordinal: StrictBool = Field(False, description="Whether the values are ordered.")
    values: list[Annotated[StrictStr, Field(pattern=r"^[^\s_][^\s]*$", max_length=60)]] = Field(
        min_length=1, max_length=100, description="The values, lowest first on an ordinal scale."
    )


class Fact(Schema):
    """One fact of a group: its type, meaning, question and citations."""

    type: Name = Field(description="`boolean` or the name of a scale.")
    description: Text = Field(min_length=1, description="What the fact means.")
    question: Text = Field(min_length=1, description="What a consultation asks for it.")
    paragraphs: list[StrictStr] = Field(
        default_factory=list, description="The source paragraphs that use it."
    )


class Group(Schema):
    """A group of facts, asserted into the engine as one fact."""

    title: Title | None = Field(None, description="Its name in the JSON Schema.")
    doc: Text = Field(min_length=1, description="What the group covers.")
    description: Text | None = Field(None, description="Its description in a fact file.")
    fields: dict[Name, Fact] = Field(min_length=1, description="The facts, in order.")


class Items(Schema):
    """The type of a list's items."""

    type: Name = Field(description="`text`, `date`, `boolean`, a scale or a header model.")
    min_length: Size | None = Field(None, description="The shortest text.")
    max_length: Size | None = Field(None, description="The longest text.")


class HeaderField(Items):
    """A field of the header: its type, bounds, default and meaning."""

    items: Items | None = Field(None, description="For a list, the type of its items.")
    min_items: Size | None = Field(None, description="For a list, the fewest items.")
    max_items: Size | None = Field(None, description="For a list, the most items.")
    optional: StrictBool = Field(False, description="Whether null is allowed (the default).")
    default: Any = Field(None, description="The value when it is left out; none: required.")
    description: Text = Field(description="What the field holds.")


class HeaderModel(Schema):
    """A mapping inside the header."""

    title: Title | None = Field(None, description="Its name in the JSON Schema.")
    doc: Text = Field(min_length=1, description="What the mapping holds.")
    fields: dict[Name, HeaderField] = Field(min_length=1, description="Its fields, in order.")


class Backtest(Schema):
    """Where the header records what happened, and the label `summit backtest` scores."""

    outcome: Annotated[StrictStr, Field(pattern=r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")] = Field(
        description="The dotted path, inside the header, of the field naming what happened."
    )
    labels: dict[StrictStr, Annotated[StrictInt, Field(ge=0, le=1)]] = Field(
        min_length=1, description="For each value of that field, 1 when the verdict held, else 0."
    )


class Header(HeaderModel):
    """The header of a fact file: what situation it describes."""

    key: Name = Field(description="The header's key in a fact file.")
    name: Name = Field(description="The text field that names a fact file in reports.")
    description: Text = Field("", description="The header's description in a fact file.")
    models: dict[Name, HeaderModel] = Field(
        default_factory=dict, description="Mappings the header's fields may hold, by type name."
    )
    backtest: Backtest | None = Field(
        None, description="What `summit backtest` scores; without it, nothing is scored."
    )


class Citation(Schema):
    """How rules cite the source: the pattern of a paragraph id."""

    pattern: StrictStr = Field(max_length=200, description="A regular expression for an id.")
    example: StrictStr = Field(max_length=60, description="An id that matches, for messages.")


class ModelFile(Schema):
    """`model.yaml`: the facts a knowledge base reasons with."""

    title: Title | None = Field(None, description="Its name in the JSON Schema.")
    doc: Text = Field("", description="What a fact file is.")
    citation: Citation | None = Field(None, description="Required, except in a pack.")
    scales: dict[Name, Scale] = Field(default_factory=dict, description="The scales, by name.")
    header: Header | None = Field(None, description="Required, except in a pack.")
    groups: dict[Name, Group] = Field(
        default_factory=dict, description="The groups of facts, in order."
    )
