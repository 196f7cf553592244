"""The libyaml fast path reads YAML exactly as the checking loader does, and never skips its checks."""

import pytest

from expert import paths, source
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
            "a:\n\tb: 1\n",
            "f.yaml:2:1: invalid YAML: found character '\\t' that cannot start any token",
        ),
        ("a: [1\n", "f.yaml:2:1: invalid YAML: expected ',' or ']', but got '<stream end>'"),
    ],
)
def test_what_the_checking_loader_refuses_is_still_refused_with_its_words(text, message):
    with pytest.raises(SourceError) as raised:
        source._parse_yaml(text, "f.yaml")
    assert str(raised.value) == message


RULE_FILES = sorted(paths.rules_dir().glob("*.yaml"))


@pytest.mark.parametrize("path", RULE_FILES, ids=lambda p: p.name)
def test_every_rule_file_takes_the_fast_path_and_reads_the_same_on_both(path):
    text = path.read_text(encoding="utf-8")
    assert source._is_plain(text)  # flow lists are many, but nesting stays shallow
    fast = source._parse_yaml(text, str(path))
    assert fast == source._parse_yaml_checked(text, str(path))
