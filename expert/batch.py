"""Evaluate many fact files, in worker processes, into one row of plain data per file.

Workers receive paths and send back rows (dicts): engines cannot be pickled, so
each worker builds its own once, in the pool's initializer. Rows come back in
the order of the sorted paths whatever the number of workers, so the output is
the same byte for byte.
"""

from __future__ import annotations

import gc
import glob
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from . import certainty, paths
from .choices import TOP
from .engine import Evaluator
from .errors import ErrorGroup, ExpertError, LocatedError, SourceError, reported
from .facts import FactModel, load_fact_file
from .knowledge import Folders, KnowledgeBase
from .records import BatchRow
from .render import table
from .result import Result
from .safetext import printable
from .signals import EXIT_INTERRUPTED, EXIT_TERMINATED, Terminated
from .source import STDIN
from .workers import CHUNK, Recipe, Worker, dispatch, load, recipe, worker

SUFFIXES = (".yaml", ".yml", ".json")
"""Suffixes of the files searched for in a folder."""


def expand_paths(
    patterns: list[str] | tuple[str, ...], warn: Callable[[str], None] = lambda message: None
) -> list[Path]:
    """Files named by paths, folders (searched recursively) and globs, sorted, each file once.

    A pattern that matches nothing stays as it is, so that it becomes an error row, and so
    does every entry with a fact file's suffix that is not a regular file (a FIFO, a broken
    or looping link). Folders are searched following links, but never twice: a link back
    to a folder already searched, and a second name of a file already found, are skipped
    with a line to `warn`.
    """
    found: set[str] = set()
    for pattern in patterns:
        for match in _matches(pattern, warn):
            found.update(_search(match, warn) if os.path.isdir(match) else [match])
    return [Path(name) for name in _once(sorted(found), warn)]


def fact_files(patterns: list[str] | tuple[str, ...]) -> list[Path]:
    """The files `expand_paths` finds; a usage error (exit 2) when there is no file at all:
    no fact file under the paths, or no path naming anything, as a command given one file
    that is not there refuses it. A missing path beside files that exist is an error row."""
    files = expand_paths(patterns)
    if not files:
        raise ExpertError(f"no fact files (.yaml, .yml, .json) in {', '.join(patterns)}")
    if not any(str(f) == STDIN or os.path.lexists(f) for f in files):
        raise ErrorGroup([_names_nothing(str(f)) for f in files])
    return files


def _names_nothing(name: str) -> SourceError:
    """The error of a path that names nothing: a glob (`*?[`) says that it matches no file."""
    return SourceError("no file matches" if glob.has_magic(name) else "file not found", path=name)


def _matches(pattern: str, warn: Callable[[str], None]) -> list[str]:
    if os.path.lexists(pattern) or not glob.has_magic(pattern):
        return [pattern]
    return sorted(_glob(pattern, warn)) or [pattern]


def _glob(pattern: str, warn: Callable[[str], None]) -> list[str]:
    """glob.glob, except that `**` walks folders with `_folders`, which never loops."""
    parts = pattern.split(os.sep)
    if "**" not in parts:
        return glob.glob(pattern)
    i = parts.index("**")
    head, rest = os.sep.join(parts[:i]), os.sep.join(parts[i + 1 :])
    if parts[:i] == [""]:
        head = os.sep  # the pattern starts at the root
    bases = glob.glob(head) if glob.has_magic(head) else [head]
    found: list[str] = []
    for base in filter(lambda b: not b or os.path.isdir(b), bases):
        for folder in _folders(base, warn, hidden=False):
            found += _glob(os.path.join(glob.escape(folder), rest), warn) if rest else [folder]
    return [name for name in found if name]


def _folders(base: str, warn: Callable[[str], None], *, hidden: bool = True) -> list[str]:
    """`base` and every folder below it, through links, each real folder once: folders
    reached without a link come first, so a link is the name that is skipped."""
    seen: set[tuple[int, int]] = set()
    found: list[str] = []
    stack, links = [base], []
    while stack or links:
        folder = stack.pop() if stack else links.pop(0)
        try:
            status = os.stat(folder or os.curdir)
            entries = sorted(os.scandir(folder or os.curdir), key=lambda e: e.name)
        except OSError as exc:
            warn(f"{printable(folder)}: skipped, it cannot be searched: {exc.strerror or exc}")
            continue
        if (status.st_dev, status.st_ino) in seen:
            warn(f"{printable(folder)}: skipped, a link to a folder already searched (a loop?)")
            continue
        seen.add((status.st_dev, status.st_ino))
        found.append(folder)
        inner = [e for e in entries if (hidden or not e.name.startswith(".")) and _is_dir(e)]
        stack += [os.path.join(folder, e.name) for e in reversed(inner) if not e.is_symlink()]
        links += [os.path.join(folder, e.name) for e in inner if e.is_symlink()]
    return found


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:  # a link loop: a file entry, which becomes an error row
        return False


def _search(folder: str, warn: Callable[[str], None]) -> list[str]:
    """Every entry below `folder` with a fact file's suffix that is not a folder."""
    return [
        os.path.join(inner, entry.name)
        for inner in _folders(folder, warn)
        for entry in _entries(inner)
        if os.path.splitext(entry.name)[1].lower() in SUFFIXES and not _is_dir(entry)
    ]


def _entries(folder: str) -> list[os.DirEntry]:
    try:
        return sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:  # it went away since `_folders` listed it
        return []


def _once(names: list[str], warn: Callable[[str], None]) -> list[str]:
    """`names` without second names (links, hard links) of a file already in the list."""
    first: dict[tuple[int, int], str] = {}
    kept = []
    for name in names:
        try:
            status = os.stat(name)
        except (OSError, ValueError):  # missing, or a link loop: its error row says so
            kept.append(name)
            continue
        key = (status.st_dev, status.st_ino)
        if key in first and name != STDIN:
            warn(f"{printable(name)}: skipped, the same file as {printable(first[key])}")
            continue
        first.setdefault(key, name)
        kept.append(name)
    return kept


def report_categories(kb: KnowledgeBase) -> list[str]:
    """Categories shown in a row: all but the verdict's and the purely intermediate ones."""
    verdict = kb.conclusions[kb.manifest.verdict].category
    shown = {c.category for c in kb.conclusions.values() if c.kind != "intermediate"}
    return [c.id for c in kb.manifest.categories if c.id in shown and c.id != verdict]


def result_row(path: str, result: Result, kb: KnowledgeBase, top: int = TOP) -> dict[str, Any]:
    """The row of a file that was evaluated."""
    row: dict[str, Any] = {
        "file": path,
        "scenario": result.scenario,
        "cf": result.verdict_cf,
        "band": certainty.band(result.verdict_cf),
        **_strongest_reason(result),
    }
    for category in report_categories(kb):
        strong = [
            c.name
            for c in result.by_category(category)
            if c.kind != "intermediate" and c.cf >= certainty.THRESHOLD
        ]
        row[category] = strong[:top]
    return {**row, "kb_hash": result.kb_hash, "input_hash": result.input_hash, "error": None}


def _strongest_reason(result: Result) -> dict[str, Any]:
    """The rule that lent the verdict the most on the side it came down on, and what it lent."""
    evidence = result.evidence(result.verdict)
    sided = [(rule, cf) for rule, cf in evidence if cf * result.verdict_cf > 0]
    evidence = sided or evidence
    rule, cf = evidence[0] if evidence else (None, None)
    return {"reason": rule, "reason_cf": cf}


def error_row(path: str, errors: list[Any], kb: KnowledgeBase) -> dict[str, Any]:
    """The row of a file that could not be evaluated: one line per error, as `validate` says."""
    row: dict[str, Any] = {"file": path, "scenario": None, "cf": None, "band": None}
    row |= {"reason": None, "reason_cf": None}
    row |= {category: [] for category in report_categories(kb)}
    message = "\n".join(reported(errors))
    return {**row, "kb_hash": kb.content_hash, "input_hash": None, "error": message}


# --- One worker ---------------------------------------------------------------


_CURRENT: dict[str, tuple[Worker, int]] = {}
"""The worker of this process's own batch, or of a pool's initializer, and its `top`."""


def start_worker(
    rules: Folders, model: type[FactModel] | None, top: int, *, in_pool: bool = True
) -> None:
    """Build the knowledge base and its engine once in this process (a pool initializer)."""
    if in_pool:
        # The parent handles Ctrl-C and SIGTERM and stops the pool; a worker just
        # finishes its chunk.
        for sig in STOP_SIGNALS:
            signal.signal(sig, signal.SIG_IGN)
    kb = load(rules, model)
    _CURRENT["current"] = (Worker(kb, Evaluator(kb)), top)
    if in_pool:
        collect_less()  # for the rest of this worker process


GC_THRESHOLD = 10_000
"""Objects allocated (less those freed) before the garbage collector runs, during a batch.
An evaluation makes thousands of objects that reference counting frees soon after; at
Python's default of 700 the collector runs about once a file and finds nothing."""


def collect_less() -> tuple[tuple[int, ...], bool]:
    """Make the garbage collector run less often, and freeze what exists now (the knowledge
    base, the engine: built once, never garbage) out of its walks; what undoes it."""
    before = (gc.get_threshold(), gc.get_freeze_count() == 0)
    if before[1]:
        gc.freeze()
    gc.set_threshold(GC_THRESHOLD, *before[0][1:])
    return before


@contextmanager
def collecting_less() -> Iterator[None]:
    """`collect_less` for a while, in a process that is not only the batch's."""
    threshold, froze = collect_less()
    try:
        yield
    finally:
        gc.set_threshold(*threshold)
        if froze:
            gc.unfreeze()


def evaluate_path(path: str) -> dict[str, Any]:
    """Read, validate and evaluate one file in this worker; any failure becomes an error row."""
    found, top = _CURRENT["current"]
    return file_row(path, found, top)


def evaluate_chunk(recipe: Recipe, top: int, names: list[str]) -> list[dict[str, Any]]:
    """The rows of `names`, on whatever worker of an executor runs it."""
    found = worker(recipe)
    return [file_row(name, found, top) for name in names]


def file_row(path: str, found: Worker, top: int) -> dict[str, Any]:
    """One file's row: its result, or the errors that kept it from being evaluated."""
    try:
        facts = load_fact_file(path, found.kb.model)
        return result_row(path, found.evaluator.evaluate(facts), found.kb, top)
    except ErrorGroup as group:
        return error_row(path, group.errors, found.kb)
    except LocatedError as error:
        return error_row(path, [error], found.kb)
    except Exception as error:  # one broken file never stops a batch
        return error_row(path, [f"{path}: unexpected error: {error!r}"], found.kb)


# --- The batch ------------------------------------------------------------------


def evaluate_files(
    paths: list[Path],
    *,
    rules: Folders,
    model: type[FactModel] | None,
    jobs: int = 1,
    top: int = TOP,
    should_stop: Callable[[], bool] = lambda: False,
    executor: Executor | None = None,
    kb_hash: str | None = None,
) -> Iterator[dict[str, Any]]:
    """Rows for `paths`, in order, from `jobs` worker processes (1: this process), or
    from `executor`'s workers, in chunks of up to 32 files (`jobs` sets their size).

    No more workers start than there are files: each one builds the engine.
    """
    # Long but flat: three ways to run (an executor, this process, a pool), one branch each.
    names = [str(p) for p in paths]
    jobs = min(jobs, len(names))
    if executor is not None and STDIN not in names:  # a remote worker cannot read our stdin
        task = partial(evaluate_chunk, recipe(rules, kb_hash, model), top)
        size = chunk_size(len(names), jobs)
        with closing(dispatch(executor, task, names, size)) as rows:
            yield from _until(rows, should_stop)
        return
    if jobs <= 1 or len(names) < 2 or STDIN in names:  # a worker's stdin is /dev/null
        start_worker(rules, model, top, in_pool=False)
        with collecting_less():
            yield from _until(map(evaluate_path, names), should_stop)
        return
    yield from _in_pool(names, (rules, model, top), jobs, should_stop)


def _until(rows: Iterator[dict[str, Any]], should_stop: Callable[[], bool]):
    """The rows until `should_stop` says to stop, asked before each next row is made."""
    while not should_stop():
        row = next(rows, None)
        if row is None:
            return
        yield row


def _in_pool(names: list[str], init: tuple, jobs: int, should_stop: Callable[[], bool]):
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=start_worker, initargs=init)
    try:
        for row in pool.map(evaluate_path, names, chunksize=chunk_size(len(names), jobs)):
            yield row
            if should_stop():
                return
    except BrokenProcessPool:
        if should_stop():  # killed along with the parent: the rows so far stand
            return
        raise ExpertError("a worker process died (out of memory?); try fewer --jobs") from None
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def chunk_size(count: int, jobs: int) -> int:
    """Files sent to a worker at a time: large enough to amortise, small enough to stop soon."""
    return max(1, min(CHUNK, count // (max(1, jobs) * 8)))


@dataclass
class BatchReport:
    """What a batch produced: its rows, and whether it ran to the end."""

    total: int
    rows: list[dict[str, Any]] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    signum: int = signal.SIGINT
    """The signal that interrupted it."""

    def records(self, *, failed: bool = False) -> list[BatchRow]:
        """The rows (with `failed`, the failed ones) as records, for the renderers; json,
        jsonl and csv write the rows as they are, in the order of their columns."""
        rows = [row for row in self.rows if row["error"] is not None] if failed else self.rows
        return [BatchRow.model_validate(row) for row in rows]

    @property
    def failed(self) -> int:
        """How many files could not be evaluated."""
        return sum(1 for row in self.rows if row["error"] is not None)

    @property
    def exit_code(self) -> int:
        """130 when interrupted (143 by SIGTERM), 1 when a file failed, else 0."""
        if self.interrupted:
            return EXIT_TERMINATED if self.signum == signal.SIGTERM else EXIT_INTERRUPTED
        return 1 if self.failed else 0

    def summary(self) -> str:
        """One line: how many files were evaluated and failed, and how long it took."""
        done = len(self.rows)
        rate = done / self.seconds if self.seconds > 0 else 0.0
        head = f"Interrupted after {done} of {self.total} files" if self.interrupted else ""
        counts = f"{done - self.failed} evaluated, {self.failed} failed"
        took = f"in {self.seconds:.1f} s ({rate:.0f} files/s)"
        return f"{head}: {counts} {took}" if head else f"{counts} {took}"


def run_batch(
    paths: list[Path],
    *,
    rules: Folders,
    model: type[FactModel] | None,
    jobs: int = 1,
    top: int = TOP,
    on_row: Callable[[dict[str, Any]], None] = lambda row: None,
    executor: Executor | None = None,
    kb_hash: str | None = None,
) -> BatchReport:
    """Evaluate every file, here or on `executor`; the first Ctrl-C or SIGTERM stops after
    the rows finished so far. With an executor, `kb_hash` is the knowledge base's hash
    every worker must find (by default, the one it has here)."""
    # Long only by its keywords, passed through to evaluate_files one per line.
    report = BatchReport(total=len(paths))
    started = time.perf_counter()
    with interruption() as stop:
        rows = evaluate_files(
            paths,
            rules=rules,
            model=model,
            jobs=jobs,
            top=top,
            should_stop=stop.is_set,
            executor=executor,
            kb_hash=kb_hash,
        )
        for row in rows:
            report.rows.append(row)
            on_row(row)
        report.interrupted = stop.is_set()
        report.signum = stop.signum or signal.SIGINT
    report.seconds = time.perf_counter() - started
    return report


class StopRequest(threading.Event):
    """Set by the first SIGINT or SIGTERM; `signum` says which."""

    signum = 0


STOP_SIGNALS = {signal.SIGINT: KeyboardInterrupt, signal.SIGTERM: Terminated}
"""The signals that stop a batch between files, and what a second one raises."""


@contextmanager
def interruption() -> Iterator[StopRequest]:
    """Turn the first Ctrl-C or SIGTERM into a request to stop between files; a second
    one interrupts at once."""
    stop = StopRequest()
    if threading.current_thread() is not threading.main_thread():
        yield stop
        return

    def request_stop(signum: int, frame: Any) -> None:
        if stop.is_set():
            raise STOP_SIGNALS[signal.Signals(signum)]
        stop.signum = signum
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in STOP_SIGNALS}
    try:
        yield stop
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def check_output(path: str | Path) -> None:
    """A ExpertError before the batch runs when its output file cannot be written."""
    try:
        paths.check_writable(path)
    except OSError as exc:
        raise ExpertError(f"cannot write {path}: {exc.strerror or exc}") from None


def write_atomic(path: str | Path, text: str) -> None:
    """Write the output file whole or not at all; a ExpertError when it cannot be written."""
    try:
        paths.write_atomic(path, text)
    except OSError as exc:
        raise ExpertError(f"cannot write {path}: {exc.strerror or exc}") from None


TABLE = ("file", "scenario", "verdict", "strongest reason")
"""The batch table's columns; csv and json hold every field of a row."""


def rows_text(rows: list[BatchRow], width: int | None = None) -> str:
    """Rows as a table at the terminal's width: file, scenario, verdict, strongest reason."""
    if not rows:
        return "No files.\n"
    return "".join(line + "\n" for line in table([_table_row(r) for r in rows], TABLE, width=width))


def _table_row(row: BatchRow) -> list[str]:
    if row.error is not None:
        return [row.file, "-", "failed (see below)", "-"]
    verdict = f"{row.cf:+.2f} {row.band}"
    reason = f"{row.reason} {row.reason_cf:+.2f}" if row.reason else "-"
    return [row.file, row.scenario or "-", verdict, reason]


def failures_text(rows: list[BatchRow]) -> str:
    """The files that failed, each with the first line of its error; "" when none did."""
    failed = [row for row in rows if row.error is not None]
    if not failed:
        return ""
    lines = [f"{len(failed)} file{'s' if len(failed) > 1 else ''} failed:"]
    lines += [f"  {_first_line(row.error)}" for row in failed]
    return "\n".join(lines) + "\n"


def _first_line(error: str) -> str:
    lines = error.splitlines()
    return lines[0] + (f" (and {len(lines) - 1} more)" if len(lines) > 1 else "")
