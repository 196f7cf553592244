"""Did you mean…? The one place that guesses which known name a mistyped one meant."""

from __future__ import annotations

from collections.abc import Iterable

CUTOFF = 0.6
"""How alike two names must be (difflib's ratio) to be suggested."""


def suggest(name: str, known: Iterable[str]) -> str | None:
    """The known name closest to `name`, comparing whole dotted names and their last parts,
    case-insensitively; None when none is close.

    A name that a known one starts with wins over a merely similar one, so `group.sta`
    suggests `group.status_quo` rather than the closer-spelled `group.stag`.
    """
    candidates = list(dict.fromkeys(str(k) for k in known))
    wanted = _forms(str(name))
    if not wanted[0]:
        return None
    for candidate in candidates:
        if wanted[0] == candidate.lower():
            return candidate
    started = [c for c in candidates if _starts_with(_forms(c), wanted)]
    if started:
        return min(started, key=len)
    scored = [(_likeness(_forms(c), wanted), -i) for i, c in enumerate(candidates)]
    best = max(scored, default=(0.0, 0))
    return candidates[-best[1]] if best[0] >= CUTOFF else None


def did_you_mean(name: str, known: Iterable[str]) -> str:
    """`did you mean 'x'?`, or "" when no known name is close."""
    guess = suggest(name, known)
    return f"did you mean {guess!r}?" if guess else ""


def _forms(name: str) -> tuple[str, str]:
    """The whole name and its last dotted part, in lower case."""
    lower = name.lower()
    return lower, lower.rpartition(".")[2]


def _starts_with(candidate: tuple[str, str], wanted: tuple[str, str]) -> bool:
    """`sta` and `group.sta` both start `group.status_quo`."""
    whole, last = wanted
    return candidate[0].startswith(whole) or (whole == last and candidate[1].startswith(last))


def _likeness(candidate: tuple[str, str], wanted: tuple[str, str]) -> float:
    import difflib  # only once a name is unknown: start-up need not pay for it

    whole = difflib.SequenceMatcher(None, candidate[0], wanted[0]).ratio()
    last = difflib.SequenceMatcher(None, candidate[1], wanted[1]).ratio()
    return max(whole, last)
