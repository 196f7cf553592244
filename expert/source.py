"""Read YAML and JSON documents safely, remembering where every value stands.

Both kinds of file come back as plain data plus a map from each value's path
(a tuple of keys and indices) to its line and column, so that later errors can
point at the exact place in the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError

MAX_BYTES = 1024 * 1024
"""Largest file accepted, in bytes."""

Location = tuple[int, int]
PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed file: its data and where each value came from."""

    path: str
    data: Any
    locations: dict[PathKey, Location] = field(default_factory=dict)

    def locate(self, loc: PathKey) -> Location | tuple[None, None]:
        """Line and column of `loc`, or of its nearest ancestor that has one."""
        loc = tuple(loc)
        while loc:
            if loc in self.locations:
                return self.locations[loc]
            loc = loc[:-1]
        return self.locations.get((), (None, None))

    def error(self, message: str, loc: PathKey = (), cls=SourceError, **extra):
        """An error of class `cls` located at `loc` in this document."""
        line, column = self.locate(loc)
        return cls(message, path=self.path, line=line, column=column, field=dotted(loc), **extra)


def dotted(loc: PathKey) -> str:
    """A field path as text: `climate.crisis`, `rules[2].when`."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_document(path: str | Path, *, max_bytes: int = MAX_BYTES) -> Document:
    """Read a YAML or JSON file (chosen by its suffix) whose top level is a mapping."""
    path = Path(path)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise SourceError(
                f"file is too large: {size} bytes, the limit is {max_bytes}", path=name
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(f"cannot read file: {exc.strerror or exc}", path=name) from None
    return parse_document(raw, name, is_json=path.suffix.lower() == ".json", max_bytes=max_bytes)


def parse_document(
    raw: bytes | str, name: str, *, is_json: bool = False, max_bytes: int = MAX_BYTES
) -> Document:
    """Parse bytes or text as a YAML or JSON document whose top level is a mapping."""
    text = _decode(raw, name, max_bytes)
    if not text.strip():
        raise SourceError("file is empty: expected a mapping of fields", path=name, line=1)
    doc = _parse_json(text, name) if is_json else _parse_yaml(text, name)
    if doc.data is None:
        raise SourceError("file is empty: expected a mapping of fields", path=name, line=1)
    if not isinstance(doc.data, dict):
        raise doc.error(f"expected a mapping at the top level, found {kind_of(doc.data)}")
    return doc


def kind_of(value: Any) -> str:
    """A short English name for the type of a parsed value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return f"a boolean ({str(value).lower()})"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, str):
        return f"a string ({value!r})"
    return f"a {type(value).__name__} ({value!r})"


def _decode(raw: bytes | str, name: str, max_bytes: int) -> str:
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > max_bytes:
        raise SourceError(
            f"file is too large: {len(raw)} bytes, the limit is {max_bytes}", path=name
        )
    if b"\x00" in raw:
        line = raw.count(b"\n", 0, raw.index(b"\x00")) + 1
        raise SourceError("file is binary (it contains a NUL byte), not text", path=name, line=line)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SourceError(
            f"file is not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            path=name,
            line=line,
            column=column,
        ) from None
    return text.removeprefix("\ufeff")


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases (no expansion attacks)."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            mark = event.start_mark
            raise SourceError(
                "YAML anchors and aliases (&name, *name) are not allowed",
                path=self.name,
                line=mark.line + 1,
                column=mark.column + 1,
            )
        return super().compose_node(parent, index)


_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's safe loader, when PyYAML was built with it: the same nodes and marks, faster."""

_NEEDS_CHECKS = frozenset("&*\t\ufeff")
"""Anchors, aliases, tabs and inner byte-order marks (libyaml reads the last two
differently) take the checking loader."""


def _parse_yaml(text: str, name: str) -> Document:
    # Anchors, aliases and every error go through the checking loader below, which refuses
    # them and words its messages; anything else parses the same with libyaml.
    if _FAST_LOADER is not None and not _NEEDS_CHECKS.intersection(text):
        try:
            return _parse_yaml_with(_FAST_LOADER(text), name)
        except (yaml.YAMLError, SourceError, RecursionError):
            pass
    return _parse_yaml_checked(text, name)


def _parse_yaml_with(loader, name: str) -> Document:
    try:
        locations: dict[PathKey, Location] = {}
        data = _construct(loader, loader.get_single_node(), (), locations, name)
    finally:
        loader.dispose()
    locations.setdefault((), (1, 1))
    return Document(name, data, locations)


def _parse_yaml_checked(text: str, name: str) -> Document:
    loader = _NoAliasLoader(text)
    loader.name = name
    try:
        node = loader.get_single_node()
        locations: dict[PathKey, Location] = {}
        data = _construct(loader, node, (), locations, name)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem = exc.problem or exc.context or "invalid YAML"
        raise SourceError(
            f"invalid YAML: {problem}",
            path=name,
            line=mark.line + 1 if mark else None,
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as exc:
        raise SourceError(f"invalid YAML: {exc}", path=name) from None
    except RecursionError:
        raise SourceError("document is nested too deeply", path=name) from None
    finally:
        loader.dispose()
    locations.setdefault((), (1, 1))
    return Document(name, data, locations)


def _construct(loader, node, loc: PathKey, locations: dict, name: str) -> Any:
    locations[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node)
            mark = key_node.start_mark
            if not isinstance(key, str):
                raise SourceError(
                    f"keys must be strings, found {kind_of(key)}",
                    path=name,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    field=dotted(loc),
                )
            if key in result:
                first = locations[(*loc, key)][0]
                raise SourceError(
                    f"duplicate key {key!r} (first defined on line {first})",
                    path=name,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    field=dotted((*loc, key)),
                )
            result[key] = _construct(loader, value_node, (*loc, key), locations, name)
            locations[(*loc, key)] = (mark.line + 1, mark.column + 1)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(loader, item, (*loc, i), locations, name)
            for i, item in enumerate(node.value)
        ]
    value = loader.construct_object(node)
    # Dates stay text, as in JSON; the model parses them.
    return value.isoformat() if hasattr(value, "isoformat") else value


def _parse_json(text: str, name: str) -> Document:
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs)
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"invalid JSON: {exc.msg}", path=name, line=exc.lineno, column=exc.colno
        ) from None
    except _DuplicateKey:
        # The YAML reader finds the duplicate again, with its line and column.
        return _parse_yaml(text, name)
    except RecursionError:
        raise SourceError("document is nested too deeply", path=name) from None
    try:
        locations = _parse_yaml(text, name).locations
    except SourceError:
        locations = {(): (1, 1)}
    return Document(name, data, locations)


class _DuplicateKey(Exception):
    pass


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result
