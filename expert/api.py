"""The library's front door: the built-in knowledge base, fact files and evaluation.

Commands and tests call these; each one is a thin wiring of the generic modules
to the built-in knowledge base in `rules/` (its fact model in `rules/model.yaml`)
and the scenarios in `facts/`.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Sequence
from concurrent.futures import Executor
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from . import kbcache
from .engine import Evaluator
from .errors import ErrorGroup, ExpertError, LocatedError, unknown_conclusion, unknown_rule
from .facts import FactModel, load_fact_file, validate_document
from .knowledge import MANIFEST, KnowledgeBase
from .modelfile import MODEL_FILE
from .paths import default_fact_file, rules_dir
from .source import Document, read_document

if TYPE_CHECKING:
    from .backtest import Backtest
    from .batch import BatchReport
    from .check import CheckReport
    from .consult import Consultation
    from .records import Explanation, Sensitivity, WhatIf
    from .result import Result

# The modules behind the other commands are imported inside the functions that use them,
# so that `summit assess` imports no more than it needs (docs/performance.md).

Rules = str | Path | Sequence[str | Path] | None
"""A knowledge base's folder, or folders: a knowledge base and the packs layered over it."""


def layers(rules: Rules = None) -> tuple[Path, ...]:
    """The folders of a knowledge base, in order: the built-in one when none is given, or
    when the first folder given is a pack (see `is_pack`)."""
    folders = tuple(map(Path, (rules,) if isinstance(rules, str | Path) else rules or ()))
    if not folders or is_pack(folders[0]):
        folders = (rules_dir(), *folders)
    return folders


def is_pack(folder: Path) -> bool:
    """Whether a folder is a pack: it has no manifest of its own, and no model file that
    declares a header, as only a knowledge base's does; an empty folder is a pack."""
    if not folder.is_dir() or (folder / MANIFEST).is_file():
        return False
    return not declares_header(folder / MODEL_FILE)


def declares_header(path: Path) -> bool:
    """Whether a model file declares a fact file's header (a file that cannot be read does
    not: loading it reports why); read again only when the file has changed."""
    try:
        status = os.stat(path)
    except (OSError, ValueError):
        return False
    if not stat.S_ISREG(status.st_mode):
        return False
    changed = (status.st_dev, status.st_ino, status.st_size, status.st_mtime_ns)
    return _declares_header(Path(path).resolve(), changed)


@lru_cache(maxsize=64)
def _declares_header(path: Path, changed: tuple[int, ...]) -> bool:
    """`declares_header` of a file as it was when `changed` (its identity, size and
    modification time) was read."""
    try:
        data = read_document(path).data
    except LocatedError:
        return False
    return isinstance(data, dict) and "header" in data


@cache
def _knowledge_base(directories: tuple[Path, ...], given: tuple[Path, ...]) -> KnowledgeBase:
    return kbcache.load(given)  # messages name files as the user did


def knowledge_base(rules: Rules = None) -> KnowledgeBase:
    """The knowledge base in `rules` (default: the built-in one), loaded once per process."""
    given = layers(rules)
    return _knowledge_base(tuple(p.resolve() for p in given), given)


@cache
def _evaluator(directories: tuple[Path, ...], given: tuple[Path, ...]) -> Evaluator:
    return Evaluator(_knowledge_base(directories, given))


def evaluator(rules: Rules = None) -> Evaluator:
    """A reusable evaluator for `rules`, built once per process."""
    given = layers(rules)
    return _evaluator(tuple(p.resolve() for p in given), given)


def check(rules: Rules = None, ignore: tuple[str, ...] = ()) -> CheckReport:
    """Verify a knowledge base (default: the built-in one) without running it."""
    from .check import check_knowledge_base

    return check_knowledge_base(layers(rules), ignore=ignore)


def fact_model(rules: Rules = None) -> type[FactModel]:
    """The fact model of a knowledge base (default: the built-in one), built from its model file."""
    return knowledge_base(rules).model


def load_facts(path: str | Path | None = None, rules: Rules = None) -> FactModel:
    """Read and validate a fact file (default: the built-in default scenario)."""
    return load_fact_file(path or default_fact_file(), fact_model(rules))


def facts_from_data(data: dict, name: str = "<data>", rules: Rules = None) -> FactModel:
    """Validate plain data as a fact file."""
    return validate_document(Document(name, data, {}), fact_model(rules))


def assess(facts: FactModel | str | Path | None = None, rules: Rules = None) -> Result:
    """Evaluate a fact file (a path, a model, or the default scenario)."""
    if not isinstance(facts, FactModel):
        facts = load_facts(facts, rules)
    return evaluator(rules).evaluate(facts)


def explain(
    facts: FactModel | str | Path | None = None,
    rules: Rules = None,
    *,
    conclusion: str | None = None,
    why_not: str | None = None,
    trace: bool = False,
    rule: str | None = None,
) -> Explanation:
    """Explain the evaluation of a fact file as a record: HOW, WHY-NOT, the trace or one rule."""
    from .explanation import explanation

    if not isinstance(facts, FactModel):
        facts = load_facts(facts, rules)
    return explanation(
        evaluator(rules), facts, conclusion=conclusion, why_not=why_not, trace=trace, rule=rule
    )


def validate_files(paths: list[str | Path], rules: Rules = None) -> dict[str, list[LocatedError]]:
    """Validate many fact files; map each path to its errors (empty when valid)."""
    model = fact_model(rules)
    report: dict[str, list[LocatedError]] = {}
    for path in paths:
        try:
            load_fact_file(path, model)
            report[str(path)] = []
        except ErrorGroup as group:
            report[str(path)] = list(group.errors)
        except LocatedError as error:  # the file cannot be read as a document
            report[str(path)] = [error]
    return report


def validation_data(report: dict[str, list[LocatedError]]) -> list[dict]:
    """A `validate_files` report as data: each file, whether it is valid, and its errors."""
    return [
        {"path": path, "valid": not errors, "errors": [e.as_dict() for e in errors]}
        for path, errors in report.items()
    ]


def valid_files_text(data: list[dict]) -> str:
    """`<path>: valid` for each valid file of `validation_data` (errors go to stderr)."""
    return "".join(f"{file['path']}: valid\n" for file in data if file["valid"])


def fact_schema(rules: Rules = None) -> dict:
    """The JSON Schema of a fact file."""
    from .facts import json_schema

    return json_schema(fact_model(rules), "summit-expert fact file")


def rules_document(rules: Rules = None, fmt: str = "text") -> str | dict:
    """The knowledge base listed (text), as data (json) or as its Markdown document."""
    from . import kbdoc

    kb = knowledge_base(rules)
    root = layers(rules)[0]
    if fmt == "json":
        return kbdoc.rules_data(kb, root)
    if fmt == "markdown":
        return kbdoc.rules_markdown(kb, root, "summit rules --format markdown")
    return kbdoc.rules_text(kb, root)


def rule_document(rule_id: str, rules: Rules = None, fmt: str = "text") -> str | dict:
    """One rule in full, as text or as data; an ExpertError names an unknown rule."""
    from . import kbdoc

    kb = knowledge_base(rules)
    if rule_id not in kb.rules:
        raise ExpertError(unknown_rule(rule_id, kb.rules))
    root = layers(rules)[0]
    if fmt == "json":
        return kbdoc.rule_data(kb, rule_id, root)
    if fmt == "markdown":
        return "\n".join(kbdoc.rule_markdown(kb, rule_id, root)).lstrip("\n") + "\n"
    return kbdoc.rule_text(kb, rule_id, root)


def conclusions_document(rules: Rules = None, fmt: str = "text") -> str | list:
    """Every conclusion's name, kind and title (text), or as data (json)."""
    from . import kbdoc

    kb = knowledge_base(rules)
    return kbdoc.conclusions_data(kb) if fmt == "json" else kbdoc.conclusions_text(kb)


def fact_file_doc(rules: Rules = None) -> str:
    """The Markdown reference of fact files (docs/fact-files.md); the built-in knowledge
    base's shows its default scenario as an example."""
    from .factdoc import fact_file_markdown

    built_in = layers(rules)[0].resolve() == rules_dir().resolve()
    return fact_file_markdown(
        fact_model(rules),
        generator="summit schema --format markdown",
        example=default_fact_file().read_text(encoding="utf-8") if built_in else "",
        example_name="facts/default.yaml" if built_in else "",
    )


RESUME_COMMAND = "summit consult --resume"
"""What a consultation's save file says to type to continue it."""


def _save_path(facts: str | Path | None, resume: str | None, save: str | None) -> Path:
    """Where a consultation saves its answers, refused before any question when it cannot."""
    from .consult_save import default_path

    if facts and resume:
        raise ExpertError("give a fact file to start from, or --resume, not both")
    if save and os.path.exists(save) and not _is_same_file(save, resume):
        # The first save would replace it before any question: never without a word.
        raise ExpertError(
            f"{save} already exists: continue it with --resume {save}, or give --save a new file"
        )
    if not (save or resume):
        try:
            return default_path()
        except OSError as exc:
            raise ExpertError(f"cannot save a consultation here: {exc.strerror or exc}") from None
    path = Path(save or resume)
    if not path.parent.is_dir():
        raise ExpertError(f"cannot save to {path}: there is no folder {path.parent}")
    return path


def consultation(
    facts: str | Path | None = None,
    *,
    resume: str | Path | None = None,
    save: str | Path | None = None,
    rules: Rules = None,
    goal: str | None = None,
    ask_all: bool = False,
) -> Consultation:
    """A consultation starting from nothing, from a fact file, or resuming a saved one.

    Answers are saved to `save`, after each answer; by default to the resumed file, or
    to a new `consultations/consultation-YYYYMMDD-HHMMSS.yaml` under the current folder.
    A new save file is written at once; a resumed one only once an answer changes it.
    `save` must be a new file, or the resumed one: an existing file is never replaced.
    """
    path = _save_path(facts, resume, save)
    try:
        return _started(path, facts, resume, rules, goal, ask_all)
    except BaseException:
        if not (save or resume) and path.exists() and path.stat().st_size == 0:
            path.unlink()  # the name taken for this session, never written: given back
        raise


def _started(path: Path, facts, resume, rules: Rules, goal, ask_all: bool) -> Consultation:
    """The session, saved at once (or, resumed, checked writable)."""
    # Long because starting is one sequence: the start, the goal, the session, and its
    # first save, each refused with its own message.
    from .consult import Consultation
    from .facts import named
    from .paths import check_writable, readable_name

    source = resume or facts
    untitled = named(fact_model(rules), readable_name(path.stem))  # cut to fit
    start = load_facts(source, rules) if source else facts_from_data(untitled, rules=rules)
    kb = knowledge_base(rules)
    if goal and goal not in kb.conclusions:
        raise ExpertError(unknown_conclusion(goal, kb.conclusions))
    session = Consultation(
        kb,
        evaluator(rules),
        start,
        path=path,
        goal=goal,
        ask_all=ask_all,
        resumed=bool(resume),
        resume_command=RESUME_COMMAND,
    )
    try:  # saved at once, so even a consultation stopped before its first answer can resume
        if resume and _is_same_file(path, resume):
            check_writable(path)
        else:
            session.save()
    except OSError as exc:
        raise ExpertError(f"cannot save to {path}: {exc.strerror or exc}") from None
    return session


def _is_same_file(first: str | Path, second: str | Path | None) -> bool:
    return second is not None and os.path.exists(second) and os.path.samefile(first, second)


def batch(
    paths: list[str] | tuple[str, ...],
    *,
    rules: Rules = None,
    jobs: int | None = None,
    top: int | None = None,
    on_row=lambda row: None,
    executor: Executor | None = None,
) -> BatchReport:
    """Evaluate every fact file under `paths` (files, folders, globs) in `jobs` processes,
    or on the workers of `executor` (any `concurrent.futures.Executor`); `top` conclusions
    per row (default: the batch table's, 3)."""
    from .batch import fact_files, run_batch
    from .choices import TOP

    kb = knowledge_base(rules)  # fails early, and once, on a broken knowledge base
    files = fact_files(paths)
    return run_batch(
        files,
        rules=tuple(str(p.resolve()) for p in layers(rules)),
        model=None,  # each worker builds it from the model file: a built class does not pickle
        jobs=jobs or os.cpu_count() or 1,
        top=TOP if top is None else top,
        on_row=on_row,
        executor=executor,
        kb_hash=kb.content_hash,
    )


def what_if(
    facts: str | Path | None = None, settings: list[str] | tuple[str, ...] = (), rules: Rules = None
) -> WhatIf:
    """Evaluate a fact file with some fields set (`group.field=value`) and compare."""
    from . import whatif

    found = evaluator(rules)
    start = load_facts(facts, rules)
    return whatif.what_if(found, start, whatif.parse_settings(settings, found.kb.fields))


def sensitivity(
    facts: str | Path | None = None,
    rules: Rules = None,
    top: int | None = None,
    direction: str = "any",
    *,
    executor: Executor | None = None,
) -> Sensitivity:
    """Every single change of a fact that moves the verdict (`up`, `down` or `any`), largest
    first; evaluated on the workers of `executor`, if given."""
    from . import whatif
    from .records import Sensitivity

    whatif.check_direction(direction)  # before the knowledge base and the file are loaded
    found, start = evaluator(rules), load_facts(facts, rules)
    report = whatif.sensitivity(
        found, start, top, direction, executor=executor, rules=layers(rules)
    )
    return Sensitivity.model_validate(report)


def record_of(facts: FactModel) -> tuple[str, int] | None:
    """A fact file's recorded outcome and its label, as its model file's `backtest` says,
    or None without a record."""
    from .facts import recorded

    return recorded(facts)


def backtest(
    paths: list[str] | tuple[str, ...], rules: Rules = None, *, executor: Executor | None = None
) -> Backtest:
    """Score the verdict of every fact file under `paths` that has a record against it,
    here or on the workers of `executor`."""
    from .backtest import run_backtest
    from .batch import fact_files

    found = evaluator(rules)  # fails early, and once, on a broken knowledge base
    files = fact_files(paths)
    result = run_backtest(files, found, record_of, executor=executor, rules=layers(rules))
    if not result.files:
        raise ExpertError(f"no fact file in {', '.join(paths)} has a record to score")
    return result
