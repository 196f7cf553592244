"""Evaluations on any `concurrent.futures.Executor`: each worker builds its engine once.

Engines cannot be pickled, so only plain data travels to a worker: a `Recipe` (the
knowledge base's folders and its content hash) and the work itself (paths, or a fact
file as JSON). Each process, and each thread in it, since an engine is never shared
between threads, loads the knowledge base and builds its evaluator at its first task,
then reuses them for every later one. Results come back in the order the work was
given, so the output is the same whatever the executor and however many workers it has.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from . import kbcache
from .engine import Evaluator
from .errors import ExpertError
from .facts import FactModel
from .knowledge import Folders, KnowledgeBase, load_knowledge_base

Item = TypeVar("Item")

CHUNK = 32
"""Work items sent to a worker in one task: large enough to amortise the sending."""


@dataclass(frozen=True)
class Recipe:
    """What a worker needs to build its evaluator; `kb_hash` is the one it must find."""

    rules: tuple[str, ...]
    kb_hash: str | None = None
    model: type[FactModel] | None = None
    """The fact model, for executors in this process; None builds it from the model file
    (a built model class does not pickle)."""


def recipe(rules: Folders, kb_hash: str | None = None, model=None) -> Recipe:
    """The recipe for the knowledge base in `rules`, which must have the hash `kb_hash`
    (by default, the one it has here and now)."""
    folders = (rules,) if isinstance(rules, str | Path) else tuple(rules)
    kb_hash = kb_hash or load(folders, model).content_hash
    return Recipe(tuple(str(Path(f).resolve()) for f in folders), kb_hash, model)


def load(rules: Folders, model: type[FactModel] | None = None) -> KnowledgeBase:
    """The knowledge base in `rules`, from the cache of loaded knowledge bases unless
    `model` replaces its model file: a worker process then starts in a tenth of the time."""
    folders = (rules,) if isinstance(rules, str | Path) else tuple(rules)
    if model is not None:
        return load_knowledge_base(folders, model)
    return kbcache.load(tuple(map(Path, folders)))


@dataclass
class Worker:
    """A knowledge base and its evaluator, built once per process and thread."""

    kb: KnowledgeBase
    evaluator: Evaluator


_LOCAL = threading.local()
_LOCK = threading.Lock()
_LOADED: dict[Recipe, KnowledgeBase] = {}


def worker(recipe: Recipe) -> Worker:
    """This thread's worker for `recipe`, built at its first use."""
    built = _LOCAL.__dict__.setdefault("workers", {})
    if recipe not in built:
        with _LOCK:  # threads of one process share the knowledge base, not the engine
            if recipe not in _LOADED:
                _LOADED[recipe] = _load(recipe)
            built[recipe] = Worker(_LOADED[recipe], Evaluator(_LOADED[recipe]))
    return built[recipe]


def _load(recipe: Recipe) -> KnowledgeBase:
    """The knowledge base, which must be the one the work was started with."""
    try:
        kb = load(recipe.rules, recipe.model)
    except ExpertError as error:  # plain text: a located error group may not pickle
        raise ExpertError(f"a worker cannot load the knowledge base: {error}") from None
    if recipe.kb_hash and kb.content_hash != recipe.kb_hash:
        raise ExpertError(
            f"a worker found another knowledge base in {', '.join(recipe.rules)} "
            f"({kb.content_hash}, not {recipe.kb_hash}): every worker needs the same files"
        )
    return kb


def chunks(items: Sequence[Item], size: int = CHUNK) -> list[list[Item]]:
    """`items` cut into consecutive lists of at most `size`."""
    return [list(items[i : i + size]) for i in range(0, len(items), max(1, size))]


def dispatch(
    executor: Executor, task: Callable[[list[Item]], list[Any]], items: Sequence[Item], size: int
) -> Iterator[Any]:
    """`task`'s results over consecutive chunks of `items`, one by one, in their order.

    Closing the iterator early cancels the chunks not yet started.
    """
    for results in executor.map(task, chunks(items, size)):
        yield from results
