"""The schema of rule files: rules, conditions and conclusions as validated data."""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    StrictBool,
    StrictFloat,
    StrictInt,
    StrictStr,
    Tag,
    ValidationInfo,
    model_validator,
)
from pydantic_core import PydanticCustomError

Id = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$",
        min_length=2,
        max_length=80,
        description="A stable kebab-case identifier.",
    ),
]
ConclusionName = Annotated[
    str,
    Field(
        pattern=r"^[a-z0-9]+(-[a-z0-9]+)*(:[a-z0-9]+(-[a-z0-9]+)*)?$",
        max_length=80,
        description="A conclusion name, optionally with a category prefix: `category:name`.",
    ),
]


def _cited(value: str, info: ValidationInfo) -> str:
    """A paragraph id must match the knowledge base's citation pattern, given as context."""
    citation = (info.context or {}).get("citation")
    if citation is not None and not re.match(citation[0], value):
        raise PydanticCustomError(
            "paragraph_id", "expected a paragraph id such as {example}", {"example": citation[1]}
        )
    return value


ParagraphId = Annotated[
    str,
    AfterValidator(_cited),
    Field(
        description="A source paragraph id, in the knowledge base's citation format.",
        json_schema_extra={"format": "paragraph-id"},
    ),
]
CF = Annotated[StrictFloat, Field(ge=-1.0, le=1.0, description="A certainty factor in [-1, 1].")]
Value = StrictBool | StrictStr


class Schema(BaseModel):
    """Base of every rule-file model: unknown keys are errors."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class FieldTest(Schema):
    """A test on one input field. Exactly one of the test keys is given."""

    field: str = Field(description="The dotted path of an input field: `group.field`.")
    is_: Value | None = Field(None, alias="is", description="The field has this value.")
    is_not: Value | None = Field(None, description="The field is known and has another value.")
    one_of: list[Value] | None = Field(
        None, min_length=1, description="The field has one of these."
    )
    at_least: StrictStr | None = Field(
        None, description="On an ordinal scale, this value or above."
    )
    at_most: StrictStr | None = Field(None, description="On an ordinal scale, this value or below.")
    known: StrictBool | None = Field(None, description="True: the field is known; false: unknown.")

    @model_validator(mode="after")
    def _exactly_one_test(self) -> FieldTest:
        given = [k.rstrip("_") for k in TEST_KEYS if getattr(self, k) is not None]
        if len(given) != 1:
            names = ", ".join(k.rstrip("_") for k in TEST_KEYS)
            raise ValueError(f"give exactly one of {names}; found {', '.join(given) or 'none'}")
        return self

    @property
    def test(self) -> tuple[str, Any]:
        """The test's name (`is`, `at_least` …) and its operand."""
        key = next(k for k in TEST_KEYS if getattr(self, k) is not None)
        return key.rstrip("_"), getattr(self, key)


TEST_KEYS = ("is_", "is_not", "one_of", "at_least", "at_most", "known")


class ConclusionTest(Schema):
    """A test on a derived conclusion: present with at least (or at most) a certainty."""

    conclusion: ConclusionName = Field(description="The conclusion tested.")
    min_cf: CF | None = Field(
        None, description="Holds when the conclusion's CF is at least this (default 0.2)."
    )
    max_cf: CF | None = Field(
        None, description="Holds when the conclusion's CF is at most this (it is argued against)."
    )

    @model_validator(mode="after")
    def _one_bound(self) -> ConclusionTest:
        if self.min_cf is not None and self.max_cf is not None:
            raise ValueError("give min_cf or max_cf, not both")
        return self


class AllOf(Schema):
    """Every condition holds."""

    all: list[Condition] = Field(min_length=1, description="The conditions, all of which hold.")


class AnyOf(Schema):
    """At least one condition holds."""

    any: list[Condition] = Field(
        min_length=1, description="The conditions, one of which at least holds."
    )


class NotCondition(Schema):
    """The condition does not hold (negation as failure: unknown counts as not holding)."""

    not_: Condition = Field(alias="not", description="The condition that does not hold.")


def _condition_tag(value: Any) -> str | None:
    if isinstance(value, BaseModel):
        return type(value).__name__
    if isinstance(value, dict):
        for key, tag in (
            ("all", "AllOf"),
            ("any", "AnyOf"),
            ("not", "NotCondition"),
            ("field", "FieldTest"),
            ("conclusion", "ConclusionTest"),
        ):
            if key in value:
                return tag
    return None


Condition = Annotated[
    Annotated[FieldTest, Tag("FieldTest")]
    | Annotated[ConclusionTest, Tag("ConclusionTest")]
    | Annotated[AllOf, Tag("AllOf")]
    | Annotated[AnyOf, Tag("AnyOf")]
    | Annotated[NotCondition, Tag("NotCondition")],
    Discriminator(
        _condition_tag,
        custom_error_type="condition",
        custom_error_message="expected a condition with one of the keys field, conclusion, all, any, not",
    ),
]
AllOf.model_rebuild()
AnyOf.model_rebuild()
NotCondition.model_rebuild()


class Conclude(Schema):
    """One conclusion a rule draws, with the rule's certainty factor."""

    conclude: ConclusionName = Field(description="The conclusion drawn.")
    cf: CF


class Examples(Schema):
    """Minimal fact files on which the rule fires, and a near miss on which it does not."""

    fires: dict[str, Any] = Field(
        description="Facts, grouped as in a fact file, that fire the rule."
    )
    near_miss: dict[str, Any] = Field(
        description="Nearly the same facts, on which it does not fire."
    )


class RuleSpec(Schema):
    """A rule: conditions, conclusions, citations and a rationale."""

    id: Id
    title: str = Field(min_length=3, max_length=160, description="What the rule says, in a line.")
    paragraphs: list[ParagraphId] = Field(
        min_length=1, description="The source paragraphs it encodes."
    )
    rationale: str = Field(min_length=10, max_length=2000, description="Why, in our own words.")
    salience: StrictInt = Field(
        0, ge=-100, le=100, description="Priority among rules of the same stratum."
    )
    claim: Id | None = Field(
        None, description="The two-sided claim of the source this rule is one side of."
    )
    sources: list[Annotated[str, Field(min_length=10, max_length=500)]] = Field(
        default_factory=list,
        max_length=20,
        description="Where a direction comes from outside the source text: each note names "
        "a public record (publication and date, in words) and what it shows.",
    )
    when: list[Condition] = Field(
        min_length=1, description="The conditions; all of them must hold."
    )
    then: list[Conclude] = Field(min_length=1, description="What it concludes.")
    examples: Examples | None = Field(
        None, description="Facts on which it fires, and a near miss; checked at load time."
    )

    @property
    def condition(self) -> Condition:
        """The rule's conditions as one condition."""
        return AllOf(all=self.when)


Kind = Literal["hypothesis", "intermediate", "factor"]


class ConclusionSpec(Schema):
    """A conclusion the knowledge base may draw."""

    name: ConclusionName
    kind: Kind = Field(
        description="hypothesis: reported; intermediate: feeds other rules; "
        "factor: a consideration the source names without a direction."
    )
    category: Id = Field(description="The report section it belongs to.")
    title: str = Field(min_length=3, max_length=160, description="The conclusion as a sentence.")
    description: str = Field("", max_length=2000, description="More about it, for the docs.")


class RuleFile(Schema):
    """A file under `rules/`: the conclusions it declares and its rules."""

    title: str = Field("", max_length=160, description="What the file covers.")
    conclusions: list[ConclusionSpec] = Field(
        default_factory=list, description="The conclusions this file declares."
    )
    rules: list[RuleSpec] = Field(default_factory=list, description="The rules.")


class Category(Schema):
    """A section of the report."""

    id: Id
    title: str = Field(description="Its heading in the report.")


class Paragraph(Schema):
    """A paragraph of the source text: its section and a paraphrase of its reasoning."""

    section: str = Field(description="The section of the source it belongs to.")
    summary: str = Field(min_length=10, description="Its reasoning, paraphrased.")
    no_rules_because: str | None = Field(
        None, description="Why a paragraph with no reasoning to encode has no rules."
    )


class Directionless(Schema):
    """A factor the source names without saying which way it pushes the verdict."""

    id: Id
    paragraphs: list[ParagraphId] = Field(min_length=1, description="Where the source names it.")
    fields: list[str] = Field(
        min_length=1, description="The input fields (`group.field`) that describe the factor."
    )
    note: str = Field(min_length=10, max_length=1000, description="What the source says of it.")


class Manifest(Schema):
    """`rules/knowledge-base.yaml`: what the knowledge base is about and how to report it."""

    name: str = Field(description="What the knowledge base is about.")
    source: str = Field(description="The text the knowledge comes from.")
    verdict: ConclusionName = Field(description="The conclusion reported first, as the verdict.")
    categories: list[Category] = Field(
        min_length=1, description="The report's sections, in the order they are shown."
    )
    paragraphs: dict[ParagraphId, Paragraph] = Field(
        default_factory=dict,
        description="The source's paragraphs; rules may cite only these.",
        # Spelled out: the oldest pydantic allowed writes no schema for a mapping's keys.
        json_schema_extra={
            "propertyNames": {
                "description": "A source paragraph id, in the knowledge base's citation format.",
                "format": "paragraph-id",
            }
        },
    )
    directionless: list[Directionless] = Field(
        default_factory=list,
        description="Factors the source names without a direction for the verdict: a rule "
        "that lets one move the verdict needs a `sources` note.",
    )
