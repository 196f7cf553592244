"""The libyaml fast path reads YAML exactly as the checking loader does, and never skips its checks."""

import pytest

from expert import source
from expert.errors import SourceError

DOCUMENT = """\
scenario:
  name: "A name: with a colon"
  as_of: 2025-06-01
climate: {crisis: high, tension: low}
sources:
  - one
  - 'two'
"""


def test_both_loaders_give_the_same_data_and_locations():
    fast = source._parse_yaml(DOCUMENT, "f.yaml")
    checked = source._parse_yaml_checked(DOCUMENT, "f.yaml")
    assert (fast.data, fast.locations) == (checked.data, checked.locations)
    assert fast.locations[("climate", "tension")] == (4, 25)
    assert fast.data["scenario"]["as_of"] == "2025-06-01"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("a: &x 1\nb: *x\n", "f.yaml:1:4: YAML anchors and aliases (&name, *name) are not allowed"),
        ("a: 1\na: 2\n", "f.yaml:2:1: a: duplicate key 'a' (first defined on line 1)"),
        (
            "a:\tb: 1\n",
            "f.yaml:1:3: invalid YAML: found character '\\t' that cannot start any token",
        ),
        ("a: [1\n", "f.yaml:2:1: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_what_the_checking_loader_refuses_is_still_refused_with_its_words(text, message):
    with pytest.raises(SourceError) as raised:
        source._parse_yaml(text, "f.yaml")
    assert str(raised.value) == message


def test_many_shallow_flow_lists_take_the_fast_path_with_the_same_result():
    text = "".join(
        f"rule{i}: {{paragraphs: [S{i}.P1], when: [{{field: a.b}}]}}\n" for i in range(40)
    )
    assert text.count("[") + text.count("{") > source.MAX_DEPTH // 2
    assert source._is_plain(text)
    fast = source._parse_yaml(text, "f.yaml")
    checked = source._parse_yaml_checked(text, "f.yaml")
    assert (fast.data, fast.locations) == (checked.data, checked.locations)


def test_deep_flow_nesting_is_left_to_the_checking_loader():
    deep = "a: " + "[" * source.MAX_DEPTH + "]" * source.MAX_DEPTH + "\n"
    assert not source._is_plain(deep)
    assert source._is_plain("a: " + "[" * 10 + "]" * 10 + "\n" + "b: [1]\n" * 60)
