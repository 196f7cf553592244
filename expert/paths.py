"""Where the built-in knowledge base and fact files live, in a checkout or a wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: str) -> Path:
    """The folder `name` (`rules` or `facts`): inside the wheel, else the checkout's."""
    bundled = _PACKAGE / "_data" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


def rules_dir() -> Path:
    """The built-in knowledge base."""
    return data_dir("rules")


def default_fact_file() -> Path:
    """The built-in default scenario: the situation as the article describes it."""
    return data_dir("facts") / "default.yaml"
