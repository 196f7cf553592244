"""Read YAML and JSON documents safely, remembering where every value stands.

Both kinds of file come back as plain data plus a map from each value's path
(a tuple of keys and indices) to its line and column, so that later errors can
point at the exact place in the file.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from .errors import SourceError
from .safetext import look_alikes

MAX_BYTES = 1024 * 1024
"""Largest file accepted, in bytes."""

MAX_DEPTH = 100
"""Deepest nesting of mappings and lists accepted."""

MAX_NODES = 100_000
"""Most values (keys, scalars, lists, mappings) in one document: this bounds parsing time."""

MAX_INT_DIGITS = 100
"""Longest integer accepted, in characters: longer ones are refused before Python reads them
(its own limit is 4,300 digits, and a long YAML base-60 integer takes quadratic time)."""

_FAST_LOADER = getattr(yaml, "CSafeLoader", None)
"""libyaml's safe loader, when PyYAML was built with it: the same nodes and marks, faster."""

Location = tuple[int, int]
PathKey = tuple[str | int, ...]


@dataclass(frozen=True)
class Document:
    """A parsed file: its data and where each value came from."""

    path: str
    data: Any
    locations: dict[PathKey, Location] = field(default_factory=dict)
    text: str | None = field(default=None, repr=False, compare=False)
    """The text, kept by a reading that skipped the locations, to find them when asked."""
    is_json: bool = field(default=False, repr=False, compare=False)

    def located(self) -> Document:
        """This document with the location of every value: its text read again, the
        located way, when the first reading skipped them (`located=False`)."""
        if self.text is None:
            return self
        return _parse_text(self.text, self.path, self.is_json, located=True)

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
    """A field path as text: `group.field`, `rules[2].when`."""
    text = ""
    for part in loc:
        if not isinstance(part, int) and not str(part).isprintable():
            part = shorten(repr(part))  # a key with a line break stays on one line
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


STDIN = "-"
"""The file name that means standard input, as for Unix tools."""


def read_document(
    path: str | Path,
    *,
    max_bytes: int = MAX_BYTES,
    expected: str = "a mapping",
    located: bool = True,
) -> Document:
    """Read a YAML or JSON file (chosen by its suffix; `-` is standard input, read as YAML)
    whose top level is a mapping; `expected` words that mapping for the kind of file.
    `located=False` leaves the locations until an error asks for them
    (`Document.located`), which is cheaper for a file that is valid."""
    path = Path(path)
    raw = _read_bytes(path, max_bytes)
    is_json = path.suffix.lower() == ".json"
    return parse_document(
        raw, str(path), is_json=is_json, max_bytes=max_bytes, expected=expected, located=located
    )


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, refusing a large file before reading more than `max_bytes` + 1."""
    name = str(path)
    if name == STDIN:
        raw = sys.stdin.buffer.read(max_bytes + 1)
    else:
        raw = _read_regular(path, name, max_bytes)
    if len(raw) > max_bytes:
        raise _too_large(None, max_bytes, name)
    return raw


def _read_regular(path: Path, name: str, max_bytes: int) -> bytes:
    # A FIFO would block the open, and a device can be endless: only regular files are
    # opened, and the open does not block, in case the file changes in between.
    try:
        refuse_special(path, name)
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(size, max_bytes, name)
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(handle, "rb") as stream:
            refuse_special(stream.fileno(), name)
            return stream.read(max_bytes + 1)  # the size can lie (a growing file)
    except FileNotFoundError:
        raise SourceError(_missing(path), path=name) from None
    except IsADirectoryError:
        raise SourceError("is a directory, not a file", path=name) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SourceError(
                "symbolic link loop: the link leads back to itself", path=name
            ) from None
        raise SourceError(f"cannot read file: {exc.strerror or exc}", path=name) from None


_ONLY_REGULAR = "not a regular file: only regular files are read"
_SPECIAL = (
    (stat.S_ISDIR, "is a directory, not a file"),
    (stat.S_ISFIFO, f"is a named pipe (FIFO), {_ONLY_REGULAR}"),
    (stat.S_ISSOCK, f"is a socket, {_ONLY_REGULAR}"),
    (stat.S_ISCHR, f"is a character device, {_ONLY_REGULAR}"),
    (stat.S_ISBLK, f"is a block device, {_ONLY_REGULAR}"),
)


def refuse_special(target: Path | int, name: str) -> None:
    """A SourceError unless `target` (a path or an open descriptor) is a regular file."""
    mode = os.stat(target).st_mode
    if stat.S_ISREG(mode):
        return
    message = next((words for test, words in _SPECIAL if test(mode)), f"is {_ONLY_REGULAR}")
    raise SourceError(message, path=name)


def _missing(path: Path) -> str:
    """Why a path does not lead to a file: nothing there, or a broken link."""
    return (
        "broken symbolic link: its target does not exist" if path.is_symlink() else "file not found"
    )


def _too_large(size: int | None, max_bytes: int, name: str) -> SourceError:
    found = "over the limit of" if size is None else f"{size} bytes, the limit is"
    return SourceError(f"file is too large: {found} {max_bytes} bytes", path=name)


def parse_document(
    raw: bytes | str,
    name: str,
    *,
    is_json: bool = False,
    max_bytes: int = MAX_BYTES,
    expected: str = "a mapping",
    located: bool = True,
) -> Document:
    """Parse bytes or text as a YAML or JSON document whose top level is a mapping; an
    empty one, or one whose top level is something else, is an error saying what was
    `expected`, in the words of the kind of file."""
    text = _decode(raw, name, max_bytes)
    try:
        if not text.strip():
            raise _Empty(path=name)
        doc = _parse_text(text, name, is_json, located)
    except _Empty:
        raise SourceError(f"file is empty: expected {expected}", path=name, line=1) from None
    if not isinstance(doc.data, dict):
        found = kind_of(doc.data)
        raise doc.located().error(f"expected {expected} at the top level, found {found}")
    return doc


def _parse_text(text: str, name: str, is_json: bool, located: bool) -> Document:
    """The document, its locations skipped when not `located` and the text is plain
    enough to read without the checks that need them (`_json_data`, `_yaml_data`)."""
    if not located:
        data = _json_data(text) if is_json else _yaml_data(text, name)
        if data is not _NO_DATA:
            return Document(name, data, text=text, is_json=is_json)
    return _parse_json(text, name) if is_json else _parse_yaml(text, name)


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
        return f"a string ({shorten(repr(value))}){look_alikes(value[:60])}"
    name = type(value).__name__
    indefinite = "an" if name[0] in "aeiou" else "a"
    return f"{indefinite} {name} ({shorten(repr(value))})"


def shorten(text: str, limit: int = 60) -> str:
    """`text`, cut to `limit` characters with `...` when longer."""
    return text if len(text) <= limit else f"{text[: limit - 3]}..."


def _decode(raw: bytes | str, name: str, max_bytes: int) -> str:
    if isinstance(raw, str):
        raw = raw.encode("utf-8")
    if len(raw) > max_bytes:
        raise _too_large(len(raw), max_bytes, name)
    _refuse_wide(raw, name)
    if b"\x00" in raw:
        line, column = _position(raw, raw.index(b"\x00"))
        raise SourceError(
            "file is binary (it contains a NUL byte), not text",
            path=name,
            line=line,
            column=column,
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line, column = _position(raw, exc.start)
        raise SourceError(
            f"file is not UTF-8: byte 0x{raw[exc.start]:02x} at offset {exc.start}",
            path=name,
            line=line,
            column=column,
        ) from None
    return text.removeprefix("\ufeff")


_WIDE_MARKS = (
    (b"\xff\xfe\x00\x00", "UTF-32 (little-endian)"),
    (b"\x00\x00\xfe\xff", "UTF-32 (big-endian)"),
    (b"\xff\xfe", "UTF-16 (little-endian)"),
    (b"\xfe\xff", "UTF-16 (big-endian)"),
)


def _refuse_wide(raw: bytes, name: str) -> None:
    """A SourceError for text in UTF-16 or UTF-32, named as such (not "binary")."""
    wide = _wide_encoding(raw)
    if wide:
        raise SourceError(
            f"file is {wide}, not UTF-8: convert it first, for example with "
            f"iconv -f {wide.split()[0]} -t UTF-8",
            path=name,
        )


def _wide_encoding(raw: bytes) -> str:
    """`UTF-16 (…)` or `UTF-32 (…)` when the bytes look like text in that encoding, else ``."""
    for mark, encoding in _WIDE_MARKS:
        if raw.startswith(mark):
            return encoding
    head = raw[:4]  # no byte order mark: ASCII text in a wide encoding leaves NUL bytes
    if len(head) == 4 and head[0] and not any(head[1:]):
        return "UTF-32 (little-endian)"
    if len(head) == 4 and not any(head[:3]) and head[3]:
        return "UTF-32 (big-endian)"
    if len(head) >= 2 and head[0] and not head[1]:
        return "UTF-16 (little-endian)"
    if len(head) >= 2 and not head[0] and head[1]:
        return "UTF-16 (big-endian)"
    return ""


def _position(text: bytes | str, offset: int) -> Location:
    """Line and column (from 1) of an offset into bytes or text."""
    newline = b"\n" if isinstance(text, bytes) else "\n"
    return text.count(newline, 0, offset) + 1, offset - (text.rfind(newline, 0, offset) + 1) + 1


class _StructureError(SourceError):
    """A problem JSON and YAML share (duplicate key, too deep): found by the YAML reader."""


class _Empty(SourceError):
    """A document of nothing but blank lines and comments, worded by `parse_document`."""

    def __init__(self, path: str) -> None:
        super().__init__("file is empty", path=path, line=1)


class _NoAliasLoader(yaml.SafeLoader):
    """A safe loader that refuses anchors and aliases (no expansion attacks), deep nesting
    and too many values."""

    depth = 0
    nodes = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise self.located_error(
                "YAML anchors and aliases (&name, *name) are not allowed", event
            )
        if getattr(event, "tag", None) is not None:
            tag = shorten(event.tag.replace("tag:yaml.org,2002:", "!!"))
            raise self.located_error(
                f"invalid YAML: explicit tags are not allowed (found {tag}); "
                "write the value alone, in quotes if it must stay text",
                event,
            )
        if self.depth >= MAX_DEPTH:
            raise self.located_error(_too_deep(), event)
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise self.located_error(_too_many(), event)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def scan_to_next_token(self) -> None:
        """PyYAML's scanner, but a tab between tokens on a line is a blank, as in YAML 1.2
        and libyaml (`key:<tab>value`); tabs that indent a line stay refused."""
        while True:
            super().scan_to_next_token()
            if self.peek() != "\t" or not (self.flow_level or not self._at_line_start()):
                return
            while self.peek() in " \t":
                self.forward()

    def _at_line_start(self) -> bool:
        """Whether only blanks stand between the start of the line and the scanner."""
        start = self.pointer - self.column
        return not self.buffer[start : self.pointer].strip(" \t")

    def located_error(self, message: str, event) -> SourceError:
        """An error located at the start of a parser event."""
        mark = event.start_mark
        return _StructureError(message, path=self.name, line=mark.line + 1, column=mark.column + 1)


# Dates stay text, as in JSON (the model parses them): no implicit timestamps.
_NoAliasLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if not tag.endswith(":timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


if _FAST_LOADER is not None:

    class _FastLoader(_FAST_LOADER):
        """libyaml's loader with the same resolvers: dates stay text. The tag of a short
        plain scalar is remembered: fact files repeat a few dozen words thousands of times,
        and resolving one is a walk over regular expressions."""

        _resolved: ClassVar[dict[tuple[str, tuple[bool, bool]], str]] = {}

        def resolve(self, kind, value, implicit):
            if kind is not yaml.ScalarNode or len(value) > _REMEMBERED_LENGTH:
                return super().resolve(kind, value, implicit)
            tag = self._resolved.get((value, implicit))
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(self._resolved) < _REMEMBERED_TAGS:
                    self._resolved[(value, implicit)] = tag
            return tag

    _FastLoader.yaml_implicit_resolvers = _NoAliasLoader.yaml_implicit_resolvers

_REMEMBERED_LENGTH = 40
"""Scalars longer than this are resolved every time (descriptions, sources): rarely repeated."""

_REMEMBERED_TAGS = 10_000
"""Most scalars whose tag is remembered, for the whole process."""


_NEEDS_CHECKS = frozenset("\t\ufeff")
"""Tabs and inner byte-order marks (libyaml reads them differently) take the checking loader."""

_INDICATORS = re.compile(r"(?:^|[\s,\[\]{}:])[&*!]", re.M)
"""Where an anchor (&), an alias (*) or a tag (!) could start: the checking loader refuses them."""


def _may_indicate(text: str) -> bool:
    """Whether `text` holds &, * or ! at all: most files hold none, and the search is slower."""
    return "&" in text or "*" in text or "!" in text


def _is_plain(text: str) -> bool:
    """Whether libyaml can read `text` with the same result as the checking loader.

    Nesting needs no guard here: libyaml itself stops at 1,000 levels, and the tree it
    composes is measured (`_measure`) before anything is built from it.
    """
    return (
        _FAST_LOADER is not None
        and not any(character in text for character in _NEEDS_CHECKS)
        and not (_may_indicate(text) and _INDICATORS.search(text))
    )


def _parse_yaml(text: str, name: str) -> Document:
    # Anything unusual, and every error, goes through the checking loader, which refuses
    # anchors, bounds depth and size, and words its messages; the rest is read by libyaml.
    if _is_plain(text):
        loader = _FastLoader(text)
        try:
            node = loader.get_single_node()
            if node is not None:
                _measure(node, name)
                locations: dict[PathKey, Location] = {}
                data = _construct(loader, node, (), locations, name)
                locations.setdefault((), (1, 1))
                return Document(name, data, locations)
        except _StructureError:
            raise
        except (yaml.YAMLError, SourceError, RecursionError):
            pass
        finally:
            loader.dispose()
    return _parse_yaml_checked(text, name)


class _NotPlain(Exception):
    """Data that the located reader must read: it finds the problem and words it."""


class _TooLarge(_NotPlain):
    """A tree past MAX_NODES or MAX_DEPTH: `_measure` words it from the same nodes."""


def _yaml_data(text: str, name: str) -> Any:
    """The data of plain YAML read by libyaml without locations, or _NO_DATA when the
    located reader must read it: a problem (an error, a duplicate key), or text that is
    not plain (`_is_plain`). What it returns or raises, that reader does too."""
    if not _is_plain(text):
        return _NO_DATA
    loader = _FastLoader(text)
    try:
        node = loader.get_single_node()
        return _NO_DATA if node is None else _Builder(loader).build(node, 0)
    except _TooLarge:  # the located reader would compose it again only to say this
        _measure(node, name)
        return _NO_DATA
    except Exception:  # whatever it is, the located reader reads it again and words it
        return _NO_DATA
    finally:
        loader.dispose()


class _Builder:
    """Plain data from composed nodes, as `_construct` builds it, without locations; any
    node that `_measure` or `_construct` would refuse raises _NotPlain instead."""

    def __init__(self, loader) -> None:
        self.loader = loader
        self.left = MAX_NODES

    def build(self, node, depth: int) -> Any:
        self.left -= 1
        if depth >= MAX_DEPTH or self.left < 0:
            raise _TooLarge
        kind = type(node)
        if kind is yaml.ScalarNode:
            return self.scalar(node)
        if node.tag not in _COLLECTION_TAGS:
            raise _NotPlain
        if kind is yaml.SequenceNode:
            return [self.build(item, depth + 1) for item in node.value]
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = self.build(key_node, depth + 1)
            if type(key) is not str or key in result:
                raise _NotPlain
            result[key] = self.build(value_node, depth + 1)
        return result

    def scalar(self, node) -> Any:
        """A scalar's value, as `_scalar` gives it; text, booleans and nulls directly."""
        tag, value = node.tag, node.value
        if tag == _STR_TAG:
            return value
        if tag == _BOOL_TAG:
            return self.loader.bool_values[value.lower()]
        if tag == _NULL_TAG:
            return None
        if tag == _INT_TAG and len(value) > MAX_INT_DIGITS:
            raise _NotPlain
        found = self.loader.construct_object(node)
        return found.isoformat() if hasattr(found, "isoformat") else found


def _json_data(text: str) -> Any:
    """The data of valid JSON, or _NO_DATA when the located reader must read it: a
    problem, or a tree so large or deep that its reading of the text may refuse it."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs, parse_int=_bounded_int)
    except Exception:  # JSON errors, duplicates, long integers, deep nesting: all worded there
        return _NO_DATA
    return data if _is_small(data) else _NO_DATA


def _is_small(data: Any) -> bool:
    """Whether data has at most MAX_NODES values and keys, none MAX_DEPTH deep: what
    `_measure` counts in the text's nodes (a key is a node, one level below its mapping)."""
    stack, count = [(data, 0)], 0
    while stack:
        value, depth = stack.pop()
        count += 1
        if depth >= MAX_DEPTH or count > MAX_NODES:
            return False
        if isinstance(value, dict):
            stack += [(part, depth + 1) for pair in value.items() for part in pair]
        elif isinstance(value, list):
            stack += [(item, depth + 1) for item in value]
    return True


def _measure(root, name: str) -> None:
    """Refuse a composed tree that is too deep or too large, at the node where the checking
    loader would stop: the same walk, in document order."""
    stack, count = [(root, 0)], 0
    while stack:
        node, depth = stack.pop()
        mark = node.start_mark
        where = {"path": name, "line": mark.line + 1, "column": mark.column + 1}
        if depth >= MAX_DEPTH:
            raise _StructureError(_too_deep(), **where)
        count += 1
        if count > MAX_NODES:
            raise _StructureError(_too_many(), **where)
        if isinstance(node, yaml.MappingNode):
            inner = [part for pair in node.value for part in pair]
        else:
            inner = node.value if isinstance(node, yaml.SequenceNode) else []
        stack.extend((child, depth + 1) for child in reversed(inner))


def _too_deep() -> str:
    return f"document is nested too deeply (more than {MAX_DEPTH} levels)"


def _too_many() -> str:
    return f"document has too many values (more than {MAX_NODES})"


def _parse_yaml_checked(text: str, name: str) -> Document:
    # Long because every error PyYAML can raise gets its own located message here.
    loader = None
    try:
        loader = _NoAliasLoader(text)  # checks that every character is allowed in YAML
        loader.name = name
        node = loader.get_single_node()
        if node is None:  # only comments and blank lines
            raise _Empty(path=name)
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
    except yaml.reader.ReaderError as exc:
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        line, column = _position(text, exc.position)
        raise SourceError(
            f"invalid YAML: control character U+{code:04X} is not allowed",
            path=name,
            line=line,
            column=column,
        ) from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SourceError(f"invalid YAML: {first}", path=name) from None
    except RecursionError:
        raise SourceError("document is nested too deeply", path=name) from None
    finally:
        if loader is not None:
            loader.dispose()
    locations.setdefault((), (1, 1))
    return Document(name, data, locations)


_COLLECTION_TAGS = {"tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"}


def _construct(loader, node, loc: PathKey, locations: dict, name: str) -> Any:
    # Long because each node kind is built, bounded and located in one recursive step.
    locations[loc] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if not isinstance(node, yaml.ScalarNode) and node.tag not in _COLLECTION_TAGS:
        tag = node.tag.replace("tag:yaml.org,2002:", "!!")
        raise SourceError(
            f"invalid YAML: the tag {tag} is not supported",
            path=name,
            line=node.start_mark.line + 1,
            column=node.start_mark.column + 1,
        )
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = _scalar(loader, key_node, name)
            mark = key_node.start_mark
            if not isinstance(key, str):
                raise SourceError(
                    f"keys must be strings, found {kind_of(key)}{_quote_hint(key_node)}",
                    path=name,
                    line=mark.line + 1,
                    column=mark.column + 1,
                    field=dotted(loc),
                )
            if key in result:
                first = locations[(*loc, key)][0]
                raise _StructureError(
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
    return _scalar(loader, node, name)


_INT_TAG = "tag:yaml.org,2002:int"
_STR_TAG = "tag:yaml.org,2002:str"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_NULL_TAG = "tag:yaml.org,2002:null"


def long_integer(length: int) -> str:
    """The message for an integer too long to read."""
    return f"integer too long: {length} characters, the limit is {MAX_INT_DIGITS}"


def _scalar(loader, node, name: str) -> Any:
    """The value of a scalar node; a value its tag cannot read is a located error."""
    if not isinstance(node, yaml.ScalarNode):
        return [] if isinstance(node, yaml.SequenceNode) else {}  # a complex key
    if node.tag == _INT_TAG and len(node.value) > MAX_INT_DIGITS:
        mark = node.start_mark
        raise SourceError(
            long_integer(len(node.value)), path=name, line=mark.line + 1, column=mark.column + 1
        )
    try:
        value = loader.construct_object(node)
    except yaml.YAMLError:
        raise
    except Exception as exc:  # PyYAML's constructors fail in many ways on explicit tags (!!bool x)
        mark = node.start_mark
        detail = f" ({shorten(str(exc))})" if isinstance(exc, ValueError | OverflowError) else ""
        raise SourceError(
            f"invalid YAML: cannot read {shorten(repr(node.value))} as {node.tag.rsplit(':', 1)[-1]}{detail}",
            path=name,
            line=mark.line + 1,
            column=mark.column + 1,
        ) from None
    # An explicit `!!timestamp` still makes a date: keep it as text too.
    return value.isoformat() if hasattr(value, "isoformat") else value


_NO_DATA = object()


def _parse_json(text: str, name: str) -> Document:
    try:
        data = json.loads(text, object_pairs_hook=_unique_pairs, parse_int=_bounded_int)
    except _LongInteger as exc:
        line, column = _position(text, max(text.find(exc.literal), 0))
        raise SourceError(
            long_integer(len(exc.literal)), path=name, line=line, column=column
        ) from None
    except json.JSONDecodeError as exc:
        raise SourceError(
            f"invalid JSON: {exc.msg}", path=name, line=exc.lineno, column=exc.colno
        ) from None
    except (_DuplicateKey, RecursionError):
        data = _NO_DATA  # the YAML reader below finds the problem again, with its place
    try:
        # JSON is YAML, except that YAML refuses tabs as blanks; in valid JSON a tab can
        # only be a blank (tabs in strings are escaped), so a space takes its place.
        locations = _parse_yaml(text.replace("\t", " "), name).locations
    except _StructureError:
        raise
    except SourceError:  # valid JSON that the YAML reader cannot follow: no locations
        locations = {(): (1, 1)}
    if data is _NO_DATA:
        raise SourceError("a duplicate key, or nesting too deep, in a JSON object", path=name)
    return Document(name, data, locations)


class _DuplicateKey(Exception):
    pass


class _LongInteger(Exception):
    def __init__(self, literal: str) -> None:
        super().__init__(literal[:20])
        self.literal = literal


def _bounded_int(literal: str) -> int:
    """An integer of JSON, refused before Python reads it when it is too long."""
    if len(literal) > MAX_INT_DIGITS:
        raise _LongInteger(literal)
    return int(literal)


def _unique_pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        raise _DuplicateKey
    return result


def _quote_hint(node: yaml.Node) -> str:
    """YAML 1.1 reads a bare on, off, yes or no as a boolean: say how to keep it a key."""
    text = getattr(node, "value", "")
    if node.tag.endswith(":bool") and getattr(node, "style", None) is None:
        return f" from the bare word {text}; write it in quotes, '{text}'"
    return ""
