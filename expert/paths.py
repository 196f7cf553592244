"""Where the built-in knowledge base and fact files live, and how files are written safely."""

from __future__ import annotations

import os
import tempfile
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
    """The built-in default scenario: the situation as the knowledge source describes it."""
    return data_dir("facts") / "default.yaml"


def readable_name(name: str) -> str:
    """A file name as text that can be written: bytes that are not UTF-8 become '?'."""
    return name.encode("utf-8", "replace").decode("utf-8")


def write_atomic(path: str | Path, text: str) -> None:
    """Write a file whole or not at all: a temporary file beside it, then a rename.

    The file gets the permissions the umask gives a new file; OSError when it cannot be written.
    """
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as out:
            out.write(text)
        os.chmod(temporary, 0o666 & ~_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def check_writable(path: str | Path) -> None:
    """OSError now, before any work, when a file cannot be created at `path`."""
    path = Path(path)
    if not path.parent.is_dir():
        raise FileNotFoundError(2, f"there is no folder {path.parent}")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
