"""Plain exceptions of the library; the CLI turns them into one-line messages."""

from __future__ import annotations

from .names import did_you_mean
from .safetext import look_alikes, printable


class ExpertError(Exception):
    """Base of every error the library reports to a user; the CLI exits with `exit_code`."""

    def __init__(self, message: str = "", *, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


class LocatedError(ExpertError):
    """An error at a place in a file: path, line, column and field path.

    `code` names the kind of problem and `rules` the ids of the rules involved, as data
    for tools (`summit check`) that must not depend on the wording of the message.
    """

    def __init__(
        self,
        message: str,
        *,
        path: str = "<input>",
        line: int | None = None,
        column: int | None = None,
        field: str = "",
        code: str = "",
        rules: tuple[str, ...] = (),
    ) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        self.field = field
        self.code = code
        self.rules = rules

    @property
    def where(self) -> str:
        """`file:line:col`, with whatever parts are known."""
        parts = [printable(self.path)]  # a file name may hold any byte
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        field = f"{self.field}: " if self.field else ""
        return f"{self.where}: {field}{self.message}"

    def as_dict(self) -> dict:
        """The error as plain data, for `--format json`."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "field": self.field,
            "message": self.message,
        }


class SourceError(LocatedError):
    """A file that cannot be read as a YAML or JSON document."""


class FactFileError(LocatedError):
    """A fact file whose content does not fit the fact model."""


class KnowledgeBaseError(LocatedError):
    """A rule file, or the knowledge base as a whole, is invalid.

    Its `code` is the name of a `summit check` (expert.checklist.CHECKS): invalid,
    unknown-field, unknown-value, unknown-conclusion, duplicate-id, cycle,
    missing-citation or unknown-paragraph.
    """


class ErrorGroup(ExpertError):
    """Several located errors found in one pass, reported together."""

    def __init__(self, errors: list[LocatedError]) -> None:
        super().__init__("\n".join(str(e) for e in errors))
        self.errors = errors


def unknown(what: str, name: str, known) -> str:
    """`unknown field 'x'; did you mean 'y'?`"""
    hint = did_you_mean(name, known)
    return f"unknown {what} {name!r}" + (f"; {hint}" if hint else "") + look_alikes(name[:60])


def unknown_listed(what: str, name: str, known, listing: str) -> str:
    """`unknown WHAT 'x'; did you mean 'y'? (`LISTING` lists them)`: where to find the names."""
    return unknown(what, name, known) + f" (`{listing}` lists them)"


def unknown_conclusion(name: str, known) -> str:
    """An unknown conclusion name, and the command that lists the conclusions."""
    return unknown_listed("conclusion", name, known, "summit rules --conclusions")


def unknown_rule(rule_id: str, known) -> str:
    """An unknown rule id, and the command that lists the rules."""
    return unknown_listed("rule", rule_id, known, "summit rules")


MAX_REPORTED = 20
"""Most errors printed for one run or one batch row; a last line counts the rest."""


def reported(errors: list) -> list[str]:
    """One line per error, the first MAX_REPORTED of them, then `... and N more errors`
    (never in place of a single one)."""
    if len(errors) <= MAX_REPORTED + 1:
        return [str(error) for error in errors]
    rest = len(errors) - MAX_REPORTED
    return [*map(str, errors[:MAX_REPORTED]), f"... and {rest} more errors"]
