"""What if a fact were different? Evaluate variants of a fact file and compare them.

`what_if` changes the fields it is given and reports what moved; `sensitivity`
tries every other value of every field the rules read and ranks the changes
that move the verdict most.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Executor
from functools import partial
from typing import Any

from . import certainty, progress
from .choices import DIRECTIONS
from .engine import Evaluator
from .errors import ExpertError
from .facts import FactModel, FieldSpec, certainties, group_facts, header_name, show_values
from .hedge import Hedge, cf_of, hedge, held_data, plain, split_words
from .knowledge import Folders, KnowledgeBase, unknown
from .names import did_you_mean
from .quick import values_of
from .records import Move, Sensitivity, Setting, VerdictMove, WhatIf
from .render import table, words
from .render.words import held_text, value_text, verdict_line
from .result import Result
from .workers import Recipe, dispatch, recipe, worker

UNKNOWN = words.UNKNOWN
"""The word that clears a field."""


class SettingError(ExpertError):
    """A `field=value` setting that names no field, or a value outside its domain."""


shown = value_text
"""A field value as a reader types it: `high`, `true`, `unknown`."""


def parse_settings(settings: list[str] | tuple[str, ...], fields: dict[str, FieldSpec]) -> dict:
    """`["group.field=value", …]` as {path: value}; `unknown` gives None."""
    parsed: dict[str, Any] = {}
    for text in settings:
        path, equals, value = (part.strip() for part in text.partition("="))
        if not equals or not path:
            raise SettingError(f"--set {text!r}: expected field=value, e.g. {next(iter(fields))}=…")
        if path not in fields:
            raise SettingError(f"--set {text}: {unknown('field', path, fields)}")
        if path in parsed:
            raise SettingError(f"--set {text}: {path} is already set")
        parsed[path] = _parse_hedged(fields[path], text, value)
    return parsed


def _parse_hedged(spec: FieldSpec, text: str, value: str) -> Any:
    """A value, held with a certainty as a consultation's answer may be (`high 0.6`,
    `probably high`): the plain value when certain, a Hedge otherwise; `unknown` is None."""
    try:
        rest, cf = split_words(value)
    except ValueError as exc:
        raise SettingError(f"--set {text}: {exc}") from None
    if rest == UNKNOWN and cf < 1.0:
        raise SettingError(f"--set {text}: {UNKNOWN} takes no certainty; found {value!r}")
    return None if rest == UNKNOWN else hedge(_parse_value(spec, text, rest), cf)


def _parse_value(spec: FieldSpec, text: str, value: str) -> Any:
    try:
        return spec.parse(value)
    except ValueError:
        allowed = [shown(v) for v in spec.values] + [UNKNOWN]
        guess = did_you_mean(value, allowed)
        hint = f"; {guess}" if guess else ""
        raise SettingError(
            f"--set {text}: expected one of {show_values((*spec.values, UNKNOWN))}; "
            f"found {value!r}{hint}"
        ) from None


def with_changes(facts: FactModel, changes: Mapping[str, Any]) -> FactModel:
    """A copy of a fact file with some fields (`group.field`) changed, None making one
    unknown, validated again: the one place facts are edited. The fields not changed keep
    their certainties; a changed field is certain unless its value is a Hedge."""
    data = facts.model_dump()
    for group, values in data.items():
        for name, cf in getattr(getattr(facts, group), "_certainty", {}).items():
            if f"{group}.{name}" not in changes:
                values[name] = held_data(values[name], cf)
    for path, value in changes.items():
        group, name = path.split(".", 1)
        if isinstance(value, Hedge):
            value = held_data(value.value, value.cf)
        data.setdefault(group, {})[name] = value
    return type(facts).model_validate(data)


def apply_settings(facts: FactModel, settings: dict[str, Any], kb: KnowledgeBase) -> FactModel:
    """A copy of a fact file with the settings `parse_settings` read against `kb` applied."""
    return with_changes(facts, settings)


def _delta(before: float, after: float) -> float:
    return round(after - before, 12)


def _cf_of(result: Result, name: str) -> float:
    found = result.conclusions.get(name)
    return found.cf if found else 0.0


def compare(before: Result, after: Result, kb: KnowledgeBase) -> dict[str, Any]:
    """What changed between two evaluations: the verdict, then each conclusion that moved
    (the fields of `records.WhatIf` they fill)."""
    verdict = kb.manifest.verdict
    names = sorted(set(before.conclusions) | set(after.conclusions))
    moved = []
    for name in names:
        old, new = _cf_of(before, name), _cf_of(after, name)
        if name != verdict and old != new:
            title = kb.conclusions[name].title
            moved.append(
                Move(conclusion=name, title=title, before=old, after=new, delta=_delta(old, new))
            )
    moved.sort(key=lambda row: -abs(row.delta))
    return {
        "verdict": _moved(verdict, kb, before.verdict_cf, after.verdict_cf),
        "conclusions": moved,
    }


def _moved(name: str, kb: KnowledgeBase, old: float, new: float) -> VerdictMove:
    return VerdictMove(
        conclusion=name,
        title=kb.conclusions[name].title,
        before=old,
        after=new,
        delta=_delta(old, new),
        band_before=certainty.band(old),
        band_after=certainty.band(new),
    )


def what_if(evaluator: Evaluator, facts: FactModel, settings: dict[str, Any]) -> WhatIf:
    """Evaluate a fact file and its variant; report the facts set and what they changed."""
    kb = evaluator.kb
    now, held = _values(facts, kb), certainties(facts, kb.model)
    before = evaluator.evaluate(facts)
    after = evaluator.evaluate(apply_settings(facts, settings, kb))
    changes = [
        Setting(
            field=path,
            before=now[path],
            before_cf=held.get(path, 1.0),
            after=plain(value),
            cf=cf_of(value),
        )
        for path, value in settings.items()
    ]
    return WhatIf(scenario=before.scenario, set=changes, **compare(before, after, kb))


def _values(facts: FactModel, kb: KnowledgeBase) -> dict[str, Any]:
    groups = group_facts(facts, kb.model)
    return {path: groups[spec.group][spec.name] for path, spec in kb.fields.items()}


def read_fields(kb: KnowledgeBase) -> list[str]:
    """The input fields some rule reads, in the fact model's order: only they can matter."""
    read = {path for rule_id in kb.rules for path in kb.reads(rule_id)[0]}
    return [path for path in kb.fields if path in read]


SENSITIVITY_BUDGET = 2000
"""At most this many variants are evaluated by `sensitivity` (the live knowledge base has
about 150); beyond it the report says how many were left untried."""


def sensitivity(
    evaluator: Evaluator,
    facts: FactModel,
    top: int | None = None,
    direction: str = "any",
    budget: int = SENSITIVITY_BUDGET,
    *,
    executor: Executor | None = None,
    rules: Folders | None = None,
) -> dict[str, Any]:
    """Every single-field change that moves the verdict's CF, the largest moves first
    (the first `budget` variants, in the fact model's order); evaluated on `executor`'s
    workers if given, each building the knowledge base in `rules`."""
    # Long only by its keywords and the report's literal fields.
    check_direction(direction)
    kb = evaluator.kb
    base = evaluator.evaluate(facts).verdict_cf
    every = _variants(facts, kb)
    variants = every[:budget]
    cfs = _remote_cfs(executor, rules, evaluator, facts, variants) if executor else None
    moves = _moves(evaluator, facts, variants, base, direction, cfs)
    verdict = kb.manifest.verdict
    return {
        "scenario": header_name(facts),
        "verdict": {
            "conclusion": verdict,
            "title": kb.conclusions[verdict].title,
            "cf": base,
            "band": certainty.band(base),
        },
        "tried": len(variants),
        "variants": len(every),
        "budget": budget,
        "changes": moves[:top] if top is not None else moves,
    }


def check_direction(direction: str) -> None:
    """A ValueError naming the allowed directions, unless `direction` is one of them."""
    if direction not in DIRECTIONS:
        raise ValueError(f"direction must be one of {', '.join(DIRECTIONS)}; found {direction!r}")


def _moves(
    evaluator: Evaluator, facts: FactModel, variants: list, base: float, direction: str, cfs=None
):
    """The variants that move the verdict in `direction`, the largest moves first; `cfs`,
    if given, yields each variant's verdict CF, evaluated elsewhere."""
    moves = []
    verdict_cf = _verdict_after(evaluator, facts) if cfs is None else None
    for done, (path, old, new) in enumerate(variants, 1):
        progress.step("trying changes of facts", done, len(variants))
        cf = next(cfs) if cfs is not None else verdict_cf({path: new})
        if cf != base and direction in {"any", "up" if cf > base else "down"}:
            row = {"field": path, "from": old, "to": new, "cf": cf}
            moves.append({**row, "band": certainty.band(cf), "delta": _delta(base, cf)})
    return sorted(moves, key=lambda row: -abs(row["delta"]))  # stable: ties keep model order


def _verdict_after(evaluator: Evaluator, facts: FactModel) -> Callable[[dict], float]:
    """The verdict's CF after some changes, as `apply_settings` and the engine would give
    it, re-running only the rules the changes reach (`quick.Run.after`)."""
    quick, verdict = evaluator.quick, evaluator.kb.manifest.verdict
    run = quick.run(values_of(facts, evaluator.kb), certainties(facts, evaluator.kb.model))
    within = quick.bearing_on(verdict)
    return lambda changes: run.after(changes, within).get(verdict, 0.0)


def _remote_cfs(executor: Executor, rules, evaluator, facts, variants) -> Iterator[float]:
    """The verdict CF of each variant, in order, from `executor`'s workers."""
    if rules is None:
        raise ValueError("an executor's workers need the knowledge base's folders: give rules")
    ready = recipe(rules, evaluator.kb.content_hash)
    task = partial(verdict_chunk, ready, facts.model_dump_json())
    return dispatch(executor, task, [(path, new) for path, _, new in variants], REMOTE_CHUNK)


REMOTE_CHUNK = 8
"""Variants sent to a worker at a time: a sensitivity has only about 150."""


def verdict_chunk(recipe: Recipe, facts_json: str, changes: list[tuple[str, Any]]) -> list[float]:
    """The verdict CF of a fact file (as JSON) with each one change, on an executor's worker."""
    found = worker(recipe)
    verdict_cf = _verdict_after(found.evaluator, found.kb.model.model_validate_json(facts_json))
    return [verdict_cf({path: value}) for path, value in changes]


def _variants(facts: FactModel, kb: KnowledgeBase) -> list[tuple[str, Any, Any]]:
    """(field, current value, other value) for every other value of every field read."""
    now = _values(facts, kb)
    return [
        (path, now[path], value)
        for path in read_fields(kb)
        for value in (*kb.fields[path].values, None)
        if not (value == now[path] and type(value) is type(now[path]))
    ]


# --- As text ----------------------------------------------------------------------


def _cf(value: float) -> str:
    return f"{value:+.2f}"


def _shown_change(before: float, after: float) -> list[str]:
    """Before, after and the change as shown: the change is the difference of the shown
    values, so the three agree to the last digit (the records keep the exact ones)."""
    old, new = round(before, 2), round(after, 2)
    return [_cf(old), _cf(new), _cf(new - old + 0.0)]  # + 0.0: no -0.00


def what_if_text(report: WhatIf) -> str:
    """The comparison: facts set, the verdict before and after, then each conclusion that moved."""
    lines = [words.scenario_line(report.scenario)] if report.scenario else []
    sets = [
        ["set " + r.field, f"{held_text(r.before, r.before_cf)} -> {held_text(r.after, r.cf)}"]
        for r in report.set
    ]
    lines += table(sets, indent=2)
    v = report.verdict
    lines += ["", f"{v.title}: {v.band_before} -> {v.band_after}"]
    old, new, delta = _shown_change(v.before, v.after)
    lines.append(f"  CF {old} -> {new} ({delta})")
    if not report.conclusions:
        return "\n".join([*lines, "", "No other conclusion moved.", ""])
    rows = [[r.title, *_shown_change(r.before, r.after)] for r in report.conclusions]
    lines += ["", "Conclusions that moved:"]
    lines += table(rows, ("conclusion", "before", "after", "delta"), right=(1, 2, 3), indent=2)
    return "\n".join(lines) + "\n"


def _budget_note(report: Sensitivity) -> str:
    """A line saying how many variants the budget left untried, or ``."""
    cut = report.variants - report.tried
    if not cut:
        return ""
    return (
        f"Only {report.tried} of {report.variants} changes were tried, the budget; {cut} were not."
    )


def sensitivity_text(report: Sensitivity) -> str:
    """A ranked table of the single changes that move the verdict most."""
    verdict = report.verdict
    lines = [verdict_line(verdict.title, verdict.cf, verdict.band)]
    if report.scenario:
        lines.append(words.scenario_line(report.scenario))
    note = _budget_note(report)
    if not report.changes:
        text = f"No single change of a fact moves it ({report.tried} tried)."
        return "\n".join([*lines, text, *([note] if note else []), ""])
    lines += ["", "What moves the verdict most, one fact at a time:", ""]
    rows = [
        [r.field, shown(r.from_), shown(r.to), *_shown_change(verdict.cf, r.cf)[1:]]
        for r in report.changes
    ]
    lines += table(rows, ("field", "from", "to", "new cf", "delta"), right=(3, 4), indent=2)
    return "\n".join([*lines, *(["", note] if note else [])]) + "\n"
