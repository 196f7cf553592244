"""A cache of loaded knowledge bases, so that a command need not read and check `rules/`
again while neither its files nor this package's code have changed.

An entry is plain JSON (never pickle) in `$XDG_CACHE_HOME/summit-expert` (by default
`~/.cache/summit-expert`), named by a hash of every file the load reads (its name as
given, and its bytes), of this package's own source files (so any other version or
edit of the code misses), and of the Python and pydantic versions. Only a knowledge base
that loaded without an error is written, and only when it reads back equal to itself;
an entry that cannot be read, parsed or validated, or that does not hold together (a
test of an unknown field or conclusion, a cycle), is a miss, and the knowledge base is
loaded from its files as if there were no cache. `SUMMIT_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
import tempfile
from pathlib import Path
from typing import Any

import pydantic

from .conditions import walk
from .knowledge import (
    RULE_SUFFIXES,
    KnowledgeBase,
    Origin,
    citation_context,
    field_test_problem,
    load_knowledge_base,
)
from .modelfile import declaration_of, rebuild
from .ruleschema import ConclusionSpec, ConclusionTest, FieldTest, Manifest, RuleSpec
from .source import MAX_BYTES

FORMAT = 1
"""The layout of an entry; a new layout misses every older entry."""

MAX_ENTRY = 64 * 1024 * 1024
"""An entry larger than this is not read (the built-in knowledge base's is about 0.3 MB)."""

_PACKAGE = Path(__file__).resolve().parent


def load(folders: tuple[Path, ...]) -> KnowledgeBase:
    """The knowledge base in `folders`, from the cache when it holds it, else loaded
    from its files (ErrorGroup with every error, as `load_knowledge_base` raises) and
    stored."""
    key = None if is_disabled() else entry_key(folders)
    if key is None:
        return load_knowledge_base(folders)
    path = cache_folder() / f"{key}.json"
    found = _restore(_read_entry(path), key)
    if found is not None:
        return found
    kb = load_knowledge_base(folders)
    _store(path, key, kb)
    return kb


def is_disabled() -> bool:
    """Whether SUMMIT_NO_CACHE turns the cache off (any value but empty or 0)."""
    return os.environ.get("SUMMIT_NO_CACHE", "") not in ("", "0")


def cache_folder() -> Path:
    """`$XDG_CACHE_HOME/summit-expert`, or `~/.cache/summit-expert`."""
    base = os.environ.get("XDG_CACHE_HOME", "")
    if not os.path.isabs(base):  # the XDG rule: a relative path is ignored
        base = os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "summit-expert"


def entry_key(folders: tuple[Path, ...]) -> str | None:
    """The hash naming the entry of these folders; None when a file cannot be hashed
    (not a regular file, too large): the load then reports it."""
    try:
        files = [_file_hash(path, MAX_BYTES) for path in _rule_paths(folders)]
    except OSError:  # a folder that cannot be listed: the load says so
        return None
    if None in files:
        return None
    key = {
        "format": FORMAT,
        "code": _code_digest(),
        "python": sys.version,
        "pydantic": pydantic.VERSION,
        "folders": [str(folder) for folder in folders],
        "files": files,
    }
    return hashlib.sha256(json.dumps(key).encode()).hexdigest()


def _rule_paths(folders: tuple[Path, ...]) -> list[Path]:
    """Every file the load may read, as it finds them."""
    return [
        path
        for folder in folders
        for path in sorted(p for p in Path(folder).rglob("*") if p.suffix in RULE_SUFFIXES)
    ]


def _file_hash(path: Path, limit: int) -> list[str] | None:
    content = _bytes(path, limit)
    return None if content is None else [str(path), hashlib.sha256(content).hexdigest()]


def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(_PACKAGE).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _bytes(path: Path, limit: int) -> bytes | None:
    """A regular file's bytes, without following a final symbolic link to a device or
    a FIFO and without waiting on one; None if it is not one, or holds over `limit`."""
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except OSError:
        return None
    with os.fdopen(handle, "rb") as file:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            return None
        content = file.read(limit + 1)
    return content if len(content) <= limit else None


def _read_entry(path: Path) -> Any:
    """The entry's data, or None when it is missing, not a regular file, or not JSON."""
    try:
        content = _bytes(path, MAX_ENTRY) if not path.is_symlink() else None
        return json.loads(content) if content else None
    except (OSError, ValueError, RecursionError):
        return None


def _restore(data: Any, key: str) -> KnowledgeBase | None:
    """The knowledge base an entry holds, or None when it is not a sound entry for `key`."""
    try:
        if data["format"] != FORMAT or data["key"] != key:
            return None
        kb = from_data(data["kb"])
        return kb if is_consistent(kb) else None
    except Exception:  # a damaged or hostile entry is a miss, whatever it breaks
        return None


def _store(path: Path, key: str, kb: KnowledgeBase) -> None:
    """Write the entry whole or not at all; a cache that cannot be written is no error."""
    data = to_data(kb)
    if data is None or to_data(from_data(json.loads(json.dumps(data)))) != data:
        return  # only what reads back as the same knowledge base is kept
    text = json.dumps({"format": FORMAT, "key": key, "kb": data}, ensure_ascii=False)
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".entry-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)  # readers see the old entry or the new, never half
        finally:
            Path(temporary).unlink(missing_ok=True)
    except OSError:
        pass


def _dump(spec: pydantic.BaseModel) -> dict:
    return spec.model_dump(mode="json", by_alias=True, exclude_unset=True)


def to_data(kb: KnowledgeBase) -> dict | None:
    """A knowledge base as plain data; None when its fact model has no model file."""
    declaration = declaration_of(kb.model)
    if declaration is None:
        return None
    return {
        "model": declaration,
        "manifest": _dump(kb.manifest),
        "rules": [_dump(rule) for rule in kb.rules.values()],
        "conclusions": [_dump(spec) for spec in kb.conclusions.values()],
        "origins": [[name, o.path, o.line, list(o.loc)] for name, o in kb.origins.items()],
        "files": kb.files,
        "packs": kb.packs,
    }


def from_data(data: dict) -> KnowledgeBase:
    """The knowledge base `to_data` gave, validated again by its schemas."""
    model = rebuild(data["model"])
    context = citation_context(model)
    rules = [RuleSpec.model_validate(rule, context=context) for rule in data["rules"]]
    conclusions = [ConclusionSpec.model_validate(spec) for spec in data["conclusions"]]
    return KnowledgeBase(
        manifest=Manifest.model_validate(data["manifest"], context=context),
        model=model,
        rules={rule.id: rule for rule in rules},
        conclusions={spec.name: spec for spec in conclusions},
        origins={name: Origin(path, line, tuple(loc)) for name, path, line, loc in data["origins"]},
        files={str(path): str(title) for path, title in data["files"].items()},
        packs={str(path): str(folder) for path, folder in data["packs"].items()},
    )


def is_consistent(kb: KnowledgeBase) -> bool:
    """Whether every name a rule uses resolves and the rules form no cycle: what the
    engine relies on, checked again on what came from the cache."""
    if kb.manifest.verdict not in kb.conclusions or set(kb.rules) - set(kb.origins):
        return False
    for rule in kb.rules.values():
        if any(c.conclude not in kb.conclusions for c in rule.then):
            return False
        for test, _ in walk(rule.condition):
            if isinstance(test, FieldTest) and field_test_problem(kb.fields, test):
                return False
            if isinstance(test, ConclusionTest) and test.conclusion not in kb.conclusions:
                return False
    kb.strata  # noqa: B018 - raises on a cycle
    return True
