"""No untyped dict crosses from the library into a renderer: the renderers take records.

No parameter of any function of the explanation, assessment and backtest renderers (nor
of the what-if, sensitivity, batch and check text) is a `dict[str, Any]`, a list of dicts or a bare
`dict`; the library calls that build what they render return records.
"""

import inspect
import typing

import pytest

import expert.records
from expert import (
    api,
    backtest_render,
    batch,
    check,
    consult_explain,
    report,
    whatif,
)
from expert.records import Record
from expert.render import diagnosis, explain, graph, how, phrases, rule, trace, whynot

EXPLANATIONS = [explain, how, trace, whynot, rule, diagnosis, phrases, graph]
RENDERERS = [*EXPLANATIONS, consult_explain, backtest_render, report]
UNTYPED = ("dict[str, Any]", "dict[str, typing.Any]", "list[dict")


def functions(module):
    """The functions a module defines itself."""
    return [
        f
        for _, f in inspect.getmembers(module, inspect.isfunction)
        if f.__module__ == module.__name__
    ]


def untyped_parameters(function) -> list[str]:
    found = []
    for name, parameter in inspect.signature(function).parameters.items():
        shown = str(parameter.annotation)
        if shown == "dict" or any(word in shown for word in UNTYPED):
            found.append(f"{function.__qualname__}({name}: {shown})")
    return found


@pytest.mark.parametrize("module", RENDERERS, ids=lambda m: m.__name__)
def test_no_renderer_takes_an_untyped_dict(module):
    assert [p for f in functions(module) for p in untyped_parameters(f)] == []


TEXT = [
    whatif.what_if_text,
    whatif.sensitivity_text,
    batch.rows_text,
    batch.failures_text,
    check.report_text,
]


@pytest.mark.parametrize("function", TEXT, ids=lambda f: f.__qualname__)
def test_the_commands_text_takes_records(function):
    assert untyped_parameters(function) == []


def test_the_check_finds_an_untyped_dict():
    def render(data: dict[str, typing.Any], width: int) -> str:
        return ""

    assert untyped_parameters(render) == [
        "test_the_check_finds_an_untyped_dict.<locals>.render(data: dict[str, typing.Any])"
    ]


@pytest.mark.parametrize(
    "call", [api.explain, api.what_if, api.sensitivity, api.backtest, report.assessment_data]
)
def test_what_the_library_hands_a_renderer_is_a_record(call):
    # the api names its result types for type checkers only (they load on first use)
    returned = typing.get_type_hints(call, localns=vars(expert.records))["return"]
    options = typing.get_args(returned) or (returned,)
    assert all(issubclass(option, Record) for option in options)
