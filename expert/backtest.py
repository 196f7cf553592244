"""Score a knowledge base's verdicts against what happened: `summit backtest`.

Every fact file with a record of what happened is evaluated; its verdict's CF
is read as a probability (`scoring.probability`) and scored against the
record's label, beside two baselines that know nothing of the facts: the
constant base rate of the files given, and an even chance. The fact model
says where a file's record is and which label each outcome has, through the
`record_of` function the caller passes; nothing here knows the domain.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from functools import partial
from pathlib import Path

from . import scoring
from .engine import Evaluator
from .errors import ErrorGroup, LocatedError
from .facts import FactModel, load_fact_file
from .knowledge import Folders
from .records import Backtest, Bin, Comparison, FileScore, Scores
from .workers import CHUNK, Recipe, dispatch, recipe, worker

RecordOf = Callable[[FactModel], tuple[str, int] | None]
"""A file's outcome and its label (1 or 0), or None when the file has no record."""


def run_backtest(
    paths: Sequence[str | Path],
    evaluator: Evaluator,
    record_of: RecordOf,
    *,
    executor: Executor | None = None,
    rules: Folders | None = None,
) -> Backtest:
    """Evaluate every file of `paths` that has a record, and score the verdicts; on
    `executor`'s workers, if given, each building the knowledge base in `rules`."""
    names = list(map(str, paths))
    rows, skipped = [], []
    for path, row in zip(names, _scored(names, evaluator, record_of, executor, rules), strict=True):
        if row is None:
            skipped.append(path)
        else:
            rows.append(row)
    return summarise(rows, skipped, evaluator.kb.content_hash)


def _scored(names, evaluator, record_of, executor, rules) -> Iterator[FileScore | None]:
    if executor is None:
        return (score_file(name, evaluator, record_of) for name in names)
    if rules is None:
        raise ValueError("an executor's workers need the knowledge base's folders: give rules")
    task = partial(score_chunk, recipe(rules, evaluator.kb.content_hash), record_of)
    return dispatch(executor, task, names, CHUNK)


def score_chunk(recipe: Recipe, record_of: RecordOf, names: list[str]) -> list[FileScore | None]:
    """`score_file` for each of `names`, on whatever worker of an executor runs it."""
    found = worker(recipe)
    return [score_file(name, found.evaluator, record_of) for name in names]


def score_file(path: str, evaluator: Evaluator, record_of: RecordOf) -> FileScore | None:
    """One file's row; None when it has no record; an error row when it cannot be read."""
    try:
        facts = load_fact_file(path, evaluator.kb.model)
    except ErrorGroup as group:
        return _failed(path, [str(e) for e in group.errors])
    except LocatedError as error:
        return _failed(path, [str(error)])
    record = record_of(facts)
    if record is None:
        return None
    result = evaluator.evaluate(facts)
    p = scoring.probability(result.verdict_cf)
    outcome, label = record
    hit = scoring.predicts(p) == label
    return FileScore(
        file=path,
        scenario=result.scenario,
        outcome=outcome,
        label=label,
        cf=result.verdict_cf,
        p=p,
        hit=hit,
        error=None,
    )


def _failed(path: str, messages: list[str]) -> FileScore:
    first = messages[0].splitlines()[0] if messages[0] else "unreadable"
    more = len(messages) - 1
    error = first + (f" (and {more} more)" if more else "")
    return FileScore(
        file=path, scenario=None, outcome=None, label=None, cf=None, p=None, hit=None, error=error
    )


def summarise(rows: list[FileScore], skipped: list[str], kb_hash: str) -> Backtest:
    """The scores over the rows that were evaluated, with the baselines and calibration."""
    scored = [r for r in rows if r.error is None]
    ps = [r.p for r in scored if r.p is not None]
    labels = [r.label for r in scored if r.label is not None]
    rate = scoring.base_rate(labels) if labels else None
    return Backtest(
        kb_hash=kb_hash,
        files=rows,
        skipped=skipped,
        n=len(scored),
        failed=len(rows) - len(scored),
        base_rate=rate,
        scores=_comparison(ps, labels, rate) if rate is not None else None,
        calibration=[
            Bin(low=low, high=high, count=count, mean_p=mean_p, observed=observed)
            for low, high, count, mean_p, observed in scoring.calibration(ps, labels)
        ],
    )


def _comparison(ps: list[float], labels: list[int], rate: float) -> Comparison:
    constant = [rate] * len(labels)
    even = [0.5] * len(labels)
    return Comparison(
        model=_scores(ps, labels), base_rate=_scores(constant, labels), even=_scores(even, labels)
    )


def _scores(ps: list[float], labels: list[int]) -> Scores:
    return Scores(
        accuracy=scoring.sign_accuracy(ps, labels),
        brier=scoring.brier(ps, labels),
        log_score=scoring.log_score(ps, labels),
        auc=scoring.auc(ps, labels),
    )


def shortfalls(result: Backtest, *, min_accuracy: float | None, beat_baselines: bool) -> list[str]:
    """Why the result misses the guards set, one line each (empty when it meets them)."""
    if result.scores is None:
        return []
    found = []
    model = result.scores.model
    if min_accuracy is not None and model.accuracy < min_accuracy:
        found.append(f"sign accuracy {model.accuracy:.2f} is below --min-accuracy {min_accuracy:g}")
    if beat_baselines:
        for name, baseline in (
            ("base rate", result.scores.base_rate),
            ("p = 0.5", result.scores.even),
        ):
            if model.brier >= baseline.brier:
                found.append(
                    f"Brier score {model.brier:.3f} does not beat the {name} baseline's "
                    f"{baseline.brier:.3f} (--beat-baselines)"
                )
    return found


def exit_code(result: Backtest, shortfalls: list[str]) -> int:
    """1 when a file failed or a guard was missed, else 0."""
    return 1 if result.failed or shortfalls else 0
