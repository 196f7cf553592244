"""One document, two back-ends: text lays blocks out by depth, Markdown nests them, and
both say the same words."""

import re

import pytest

from expert import api
from expert.render.document import Blank, Code, Document, Heading, Item, Mark, Para, Strong, Tone
from expert.render.explain import render
from expert.render.markdown_backend import markdown, md
from expert.render.text_backend import text

TREE = Document(
    ("A *title*",),
    (
        Para((Strong("Verdict"),)),
        Heading(("Why not ", Code("a_b"), "?"), depth=1),
        Item((Mark(False), " ", Code("x.y is high"), ": found low"), 1),
        Item(("child [p1]",), 4),
        Item(("grandchild",), 6),
        Item(("second child",), 4),
        Item(("sibling",), 1, strong=True),
        Blank(),
        Para(("after the list",), 1),
    ),
)


def tagged(words: str, **styles) -> str:
    return f"<{','.join(f'{k}={v}' for k, v in styles.items())}>{words}</>"


def test_text_indents_two_spaces_a_step_and_styles_outside_the_indent():
    assert text(TREE, tagged) == (
        "<bold=True>Verdict</>\n"
        "  <bold=True>Why not a_b?</>\n"
        "  <fg=red>✗</> x.y is high: found low\n"
        "        child [p1]\n"
        "            grandchild\n"
        "        second child\n"
        "  <bold=True>sibling</>\n"
        "\n"
        "  after the list\n"
    )


def test_markdown_nests_items_under_the_nearest_shallower_one_and_escapes_plain_words():
    assert markdown(TREE) == (
        "# A \\*title\\*\n\n**Verdict**\n\n## Why not `a_b`?\n\n"
        "- ✗ `x.y is high`: found low\n"
        "  - child \\[p1\\]\n"
        "    - grandchild\n"
        "  - second child\n"
        "- **sibling**\n\n"
        "after the list\n"
    )


def test_md_escapes_every_formatting_character_once():
    assert md("a_b*c`d[e]<f>|g#h\\i") == "a\\_b\\*c\\`d\\[e\\]\\<f\\>\\|g\\#h\\\\i"


def test_text_wraps_at_the_width_given_with_continuations_under_the_column():
    long = Document(blocks=(Item((Tone("for +0.40", "green"), "  ", "word " * 30), 2),))
    lines = text(long, width=40).splitlines()
    assert max(map(len, lines)) <= 40
    assert all(line.startswith(" " * 15) for line in lines[1:])  # under the column
    assert " ".join(line.strip() for line in lines) == ("for +0.40  " + "word " * 30).strip()


def words(line: str) -> str:
    """A line's words without Markdown's list marks, heading marks, stress, quotes, escapes."""
    line = re.sub(r"^\s*(?:- |#+ )", "", line)
    return re.sub(r"\\(.)", r"\1", line.replace("**", "").replace("`", "")).strip()


@pytest.mark.parametrize(
    "options",
    [{}, {"trace": True}, {"why_not": "meeting-occurs"}, {"rule": "crisis-compels-talks"}],
    ids=["how", "trace", "why-not", "rule"],
)
def test_text_and_markdown_say_the_same_lines(options):
    data = api.explain(None, None, **options)
    shown = [line.strip() for line in render(data, "text").splitlines() if line.strip()]
    written = [words(line) for line in render(data, "markdown").splitlines()[1:] if line]
    assert written == shown
