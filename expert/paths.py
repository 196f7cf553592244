"""Where the built-in knowledge base and fact files live, and how files are written safely."""

from __future__ import annotations

import os
import stat
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
    """Write a file whole or not at all: a temporary file beside it, synced, then a rename.

    A symbolic link is written through, to its target, and stays a link; a target that
    is not a regular file (`/dev/stdout`, a FIFO) is written to directly, as there is
    nothing to rename onto it. The temporary file is removed on every path out, a signal
    included. A new file gets the permissions the umask gives; OSError when it cannot be
    written.
    """
    target = Path(os.path.realpath(path))
    data = text.encode("utf-8", "backslashreplace")  # a stray surrogate never loses the run
    if target.exists() and not target.is_file():
        with open(target, "wb") as out:
            out.write(data)
        return
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        _write_synced(handle, data)
        os.chmod(temporary, _mode_for(target))
        os.replace(temporary, target)
        _sync_folder(target.parent)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _write_synced(handle: int, data: bytes) -> None:
    """Write to an open file and wait until it is on the disk."""
    with os.fdopen(handle, "wb") as out:
        out.write(data)
        out.flush()
        os.fsync(out.fileno())


def _mode_for(target: Path) -> int:
    """The permissions of the file being replaced, or those the umask gives a new one."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except FileNotFoundError:
        return 0o666 & ~_umask()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable, where the system allows opening a folder."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def check_writable(path: str | Path) -> None:
    """OSError now, before any work, when a file cannot be created at `path` (or its target)."""
    path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():
        if not os.access(path, os.W_OK):
            raise PermissionError(13, "permission denied")
        return
    if not path.parent.is_dir():
        raise FileNotFoundError(2, f"there is no folder {path.parent}")
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(handle)
    os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
