"""The consultation's library modules are generic: no domain words, no click."""

import re
from pathlib import Path

import pytest

import expert

MODULES = [
    "consult.py",
    "lookahead.py",
    "consult_explain.py",
    "consult_why.py",
    "consult_save.py",
    "goal.py",
    "exclusive.py",
    "premise.py",
    "hedge.py",
]
DOMAIN = re.compile(r"trump|putin|meeting|climate|russia|kremlin|ukraine|summit|article", re.I)


@pytest.mark.parametrize("name", MODULES)
def test_the_module_names_no_domain_word_and_imports_no_click(name):
    text = (Path(expert.__file__).parent / name).read_text(encoding="utf-8")
    assert DOMAIN.findall(text) == []
    assert "import click" not in text
