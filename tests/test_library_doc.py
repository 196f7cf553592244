"""The examples in docs/library.md run as written."""

import doctest
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_library_doc_examples_run(monkeypatch):
    monkeypatch.chdir(ROOT)
    failures, tried = doctest.testfile(
        str(ROOT / "docs" / "library.md"), module_relative=False, optionflags=doctest.ELLIPSIS
    )
    assert tried >= 10
    assert failures == 0
