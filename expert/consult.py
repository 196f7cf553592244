"""An interactive consultation in the EMYCIN tradition, as a plain object.

`Consultation` asks for unknown facts one at a time: only those whose answer can
still change a conclusion (see `expert.lookahead`), the most influential first, and
never the same one twice. Every line typed goes through `answer(text)`, which takes
an answer (a choice's number or value) or a command from one dispatch table, and
returns a `Reply`. Answers are kept in a fact file, rewritten atomically after each
one. The terminal loop lives in `run`; nothing here names the domain.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from . import certainty, consult_explain, report
from .conditions import describe, reads_field
from .engine import Evaluator
from .facts import FactModel, FieldSpec, dump_fact_file, known_facts, show_values
from .knowledge import KnowledgeBase
from .lookahead import Lookahead
from .paths import readable_name, write_atomic
from .result import Result

FILE_HEADER = "# Answers given in a consultation, saved after each one. Continue with: consult --resume {name}\n"


@dataclass(frozen=True)
class Question:
    """A question about one field, with its choices in the order they are numbered."""

    field: str
    text: str
    choices: tuple[Any, ...]
    number: int
    complete: bool = True
    """False when the look-ahead's budget ran out choosing it (see docs/limits.md)."""

    def prompt(self, *, again: bool = False) -> str:
        """The question as shown: its text, its field and its numbered choices.

        Asked `again` after a command, only a reminder of which question is open.
        """
        if again:
            return f"[{self.number}] ({self.field}) > "
        choices = "   ".join(f"{i}) {show_values((c,))}" for i, c in enumerate(self.choices, 1))
        cut = "" if self.complete else f"    {BUDGET_NOTE}\n"
        return f"\n[{self.number}] {self.text}  ({self.field})\n{cut}    {choices}\n> "


BUDGET_NOTE = "(the look-ahead spent its budget: a more telling question may exist)"


@dataclass
class Reply:
    """What a line typed at a question did: its kind, text to show and data."""

    kind: str
    text: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    done: bool = False


def default_path(now: datetime | None = None) -> Path:
    """`consultation-YYYYMMDD-HHMMSS.yaml` in the current folder, not yet taken."""
    stem = f"consultation-{(now or datetime.now()):%Y%m%d-%H%M%S}"
    path, n = Path(f"{stem}.yaml"), 1
    while path.exists():
        n += 1
        path = Path(f"{stem}-{n}.yaml")
    return path


def write_fact_file(path: str | Path, facts: FactModel) -> None:
    """Write a fact file atomically: a temporary file beside it, then os.replace."""
    path = Path(path)
    text = FILE_HEADER.format(name=readable_name(path.name)) + yaml.safe_dump(
        dump_fact_file(facts), sort_keys=False, allow_unicode=True
    )
    write_atomic(path, text)


class Consultation:
    """A question-and-answer session over one knowledge base, starting from some facts."""

    def __init__(
        self,
        kb: KnowledgeBase,
        evaluator: Evaluator,
        facts: FactModel | None = None,
        *,
        path: str | Path | None = None,
        explain: Any = consult_explain,
    ) -> None:
        self.kb = kb
        self.lookahead = Lookahead(kb, evaluator)
        self.evaluator = evaluator
        facts = facts if facts is not None else kb.model()
        groups = {spec.group for spec in kb.fields.values()}
        self.header = {k: v for k, v in dump_fact_file(facts).items() if k not in groups}
        self.given = known_facts(facts, kb.model)  # from the starting file: never asked
        self.answers: list[tuple[str, Any]] = []  # (field, value or None for unknown)
        self.path = Path(path) if path else None
        self.unsaved = ""  # why the last save failed; empty once one succeeds
        self.explain = explain
        self._why = (None, 0)  # (field, how many levels up the chain WHY has gone)
        self._memo: dict[tuple, Any] = {}

    # --- state -------------------------------------------------------------------

    @property
    def known(self) -> dict[str, Any]:
        """Every known fact: given at the start or answered, by dotted path."""
        return {**self.given, **{p: v for p, v in self.answers if v is not None}}

    @property
    def unknown(self) -> list[str]:
        """Fields answered `unknown`: reasoned about without, never asked again."""
        return [p for p, v in self.answers if v is None]

    @property
    def facts(self) -> FactModel:
        """The fact file so far: the starting header and every known fact."""
        return self.lookahead.model(self.known, self.header)

    @property
    def result(self) -> Result:
        """The engine's result for the facts so far."""
        return self._cached("result", lambda: self.evaluator.evaluate(self.facts))

    def relevant(self) -> list[str]:
        """The fields still worth asking about, in field order."""
        return self._cached("relevant", lambda: self.lookahead.relevant(self.known, self.unknown))

    def next_question(self) -> Question | None:
        """The next question to ask, or None when no answer can change a conclusion."""
        best = self._cached("best", lambda: self.lookahead.best(self.known, self.unknown))
        if best is None:
            return None
        spec = self.kb.fields[best.field]
        number = len(self.answers) + 1
        return Question(spec.path, spec.question, choices(spec), number, best.complete)

    def _cached(self, what: str, compute: Callable[[], Any]) -> Any:
        key = (what, tuple(self.answers))
        if key not in self._memo:
            if len(self._memo) > 256:
                self._memo.clear()
            self._memo[key] = compute()
        return self._memo[key]

    # --- answering -----------------------------------------------------------------

    def answer(self, text: str) -> Reply:
        """Take one typed line: a command, or an answer to the current question."""
        word, _, rest = text.strip().partition(" ")
        handler = COMMANDS.get(word.lower())
        if handler:
            return handler(self, rest.strip())
        question = self.next_question()
        if question is None:
            return Reply("done", "No question is left that could change a conclusion.\n", done=True)
        try:
            value = parse_choice(self.kb.fields[question.field], question.choices, text)
        except ValueError as exc:
            return Reply("invalid", f"{exc}\n{_choices_hint(question)}", {"field": question.field})
        return self._record(question.field, value)

    def _record(self, path: str, value: Any) -> Reply:
        self.answers.append((path, value))
        self._why = (None, 0)
        warning = self.autosave()
        kind = "answer" if value is not None else "unknown"
        text = f"  {self.status_line()}\n{warning}"
        return Reply(kind, text, {"field": path, "value": value})

    def status_line(self) -> str:
        """The verdict so far, in one line (as `report.verdict_line` words it)."""
        verdict = self.kb.manifest.verdict
        cf = self.lookahead.evidence(self.known).cfs.get(verdict, 0.0)
        title = self.kb.conclusions[verdict].title
        return f"So far: {title}: {certainty.band(cf)} (CF {cf:+.2f})"

    def save(self) -> None:
        """Write the session's fact file now; OSError when it cannot be written."""
        write_fact_file(self.path, self.facts)

    def autosave(self) -> str:
        """Rewrite the session's fact file, when it has one; a warning if that failed."""
        if not self.path:
            return ""
        try:
            write_fact_file(self.path, self.facts)
        except OSError as exc:
            self.unsaved = str(exc.strerror or exc)
            return f"  Warning: could not save to {self.path}: {self.unsaved}\n"
        self.unsaved = ""
        return ""

    def final_text(self, style: Callable[..., str] = lambda text, **_: text) -> str:
        """The full assessment of the facts gathered, as the assess command prints it."""
        return report.assessment_text(self.result, self.kb, style=style)

    # --- commands --------------------------------------------------------------------

    def cmd_help(self, _: str) -> Reply:
        """`?` / `help`: what the current field means and its choices."""
        question = self.next_question()
        if question is None:
            return Reply("help", COMMAND_HELP)
        spec = self.kb.fields[question.field]
        text = (
            f"{spec.path}: {spec.description}\n"
            f"  Source paragraphs: {', '.join(spec.paragraphs) or 'none'}\n"
            f"{_choices_hint(question)}"
        )
        return Reply("help", text + COMMAND_HELP, {"field": spec.path})

    def cmd_why(self, _: str) -> Reply:
        """`why`: the rules waiting on this fact; again: one level up the chain."""
        question = self.next_question()
        if question is None:
            return Reply("why", "No question is pending.\n")
        level = self._why[1] + 1 if self._why[0] == question.field else 1
        self._why = (question.field, level)
        rules = self.why_chain(question.field, level)
        if not rules:
            text = (
                f"[why {level}] Nothing further uses those conclusions: they are what the "
                f"consultation reports, with {self.kb.manifest.verdict} as the verdict.\n"
            )
            return Reply("why", text, {"level": level, "rules": []})
        head = (
            f"[why {level}] The answer to {question.field} is needed by these rules:"
            if level == 1
            else f"[why {level}] Those conclusions are in turn used by:"
        )
        return Reply(
            "why",
            head + "\n" + "".join(self._rule_text(r, question.field) for r in rules),
            {"rules": rules},
        )

    def why_chain(self, path: str, level: int) -> list[str]:
        """Rules still live that wait on `path` (level 1), or on level n-1's conclusions."""
        live, _ = self.lookahead.live(self.known, self.unknown)
        rules = self.lookahead.waiting(path, self.known, self.unknown)
        for _ in range(level - 1):
            concluded = {c.conclude for r in rules for c in self.kb.rules[r].then}
            rules = [r for r in sorted(live) if self._reads_any(r, concluded)]
        return sorted(rules)

    def _reads_any(self, rule_id: str, conclusions: set[str]) -> bool:
        return bool(set(self.lookahead.premises[rule_id]) & conclusions)

    def _rule_text(self, rule_id: str, path: str) -> str:
        rule = self.kb.rules[rule_id]
        conditions = "\n      and ".join(
            f"{describe(c)}: {self._state(c, path)}" for c in rule.when
        )
        then = ", ".join(f"{c.conclude} (CF {c.cf:+.2f})" for c in rule.then)
        return (
            f"  {rule.id} [{', '.join(rule.paragraphs)}]: {rule.title}\n"
            f"      if {conditions}\n      then {then}\n"
        )

    def _state(self, cond, path: str) -> str:
        if reads_field(cond, path):
            return "this question"
        found = self.lookahead.status(cond, self.known, self.unknown)
        return {True: "holds", False: "fails", None: "not settled yet"}[found]

    def cmd_unknown(self, _: str) -> Reply:
        """`unknown`: skip the question; reason without the fact, never ask it again."""
        question = self.next_question()
        if question is None:
            return Reply("unknown", "No question is pending.\n")
        return self._record(question.field, None)

    def cmd_back(self, _: str) -> Reply:
        """`back`: take back the previous answer and ask that question again."""
        if not self.answers:
            return Reply("back", "Nothing to go back to: no answer was given in this session.\n")
        path, value = self.answers.pop()
        self._why = (None, 0)
        warning = self.autosave()
        was = "unknown" if value is None else show_values((value,))
        text = f"Took back {path} = {was}.\n{warning}"
        return Reply("back", text, {"field": path, "value": value})

    def cmd_how(self, name: str) -> Reply:
        """`how [CONCLUSION]`: how a conclusion (default: the verdict) was reached."""
        name = name.lower() or self.kb.manifest.verdict
        return Reply("how", self.explain.how(self.result, self.kb, name), {"conclusion": name})

    def cmd_why_not(self, name: str) -> Reply:
        """`why-not [CONCLUSION]`: why a conclusion was not drawn, or not more strongly."""
        name = name.lower() or self.kb.manifest.verdict
        text = self.explain.why_not(self.result, self.kb, name)
        return Reply("why-not", text, {"conclusion": name})

    def cmd_status(self, _: str) -> Reply:
        """`status`: the verdict so far and how many questions are answered and left."""
        left = len(self.relevant())
        text = (
            f"{self.status_line()}\n  answered {len(self.answers) - len(self.unknown)}, "
            f"unknown {len(self.unknown)}, given at the start {len(self.given)}, "
            f"questions that still matter {left}\n"
        )
        return Reply("status", text, {"verdict_cf": self.result.verdict_cf, "left": left})

    def cmd_save(self, where: str) -> Reply:
        """`save [PATH]`: write the answers now; with PATH, keep saving there from now on."""
        previous = self.path
        if where:
            self.path = Path(where)
        if not self.path:
            return Reply("save", "No file to save to: give one, as in: save answers.yaml\n")
        warning = self.autosave()
        if warning:
            self.path = previous
            return Reply("save", warning)
        return Reply("save", f"Saved to {self.path}.\n", {"path": str(self.path)})

    def cmd_quit(self, _: str) -> Reply:
        """`quit`: stop asking and show the assessment."""
        return Reply("quit", "", done=True)


COMMANDS: dict[str, Callable[[Consultation, str], Reply]] = {
    "?": Consultation.cmd_help,
    "help": Consultation.cmd_help,
    "why": Consultation.cmd_why,
    "unknown": Consultation.cmd_unknown,
    "back": Consultation.cmd_back,
    "how": Consultation.cmd_how,
    "why-not": Consultation.cmd_why_not,
    "status": Consultation.cmd_status,
    "save": Consultation.cmd_save,
    "quit": Consultation.cmd_quit,
}
"""Every command typed at a question, by name: the one dispatch table."""

COMMAND_HELP = """\
Commands: ? or help (this), why (which rules need the answer; again: up the chain),
  unknown (skip it), back (change the previous answer), how [CONCLUSION],
  why-not [CONCLUSION], status, save [PATH], quit.
"""


def choices(spec: FieldSpec) -> tuple[Any, ...]:
    """A field's choices as numbered in a question (yes before no)."""
    return (True, False) if spec.kind == "bool" else spec.values


def parse_choice(spec: FieldSpec, options: tuple[Any, ...], text: str) -> Any:
    """A choice's number or its value, as the field's value; ValueError otherwise."""
    text = text.strip()
    if text.isdigit():
        if 1 <= int(text) <= len(options):
            return options[int(text) - 1]
        raise ValueError(f"there is no choice {text}")
    return spec.parse(text)


def _choices_hint(question: Question) -> str:
    shown = ", ".join(f"{i} {show_values((c,))}" for i, c in enumerate(question.choices, 1))
    return f"  Answer with a number or a value: {shown}; or a command (help).\n"


def run(
    session: Consultation,
    read: Callable[[], str | None],
    write: Callable[[str], None],
    *,
    echo: bool = False,
) -> None:
    """Ask until no question matters, `quit` or end of input; `read` gives None at the end."""
    shown = None
    while (question := session.next_question()) is not None:
        write(question.prompt(again=question == shown))
        shown = question
        line = read()
        if line is None:
            write("\n")
            break
        if echo:  # input from a pipe: show it, so the output reads as a transcript
            write(line + "\n")
        reply = session.answer(line)
        write(reply.text)
        if reply.done:
            break
    else:
        write("\nNo question is left that could change a conclusion.\n")
    write(session.autosave())


__all__ = ["COMMANDS", "Consultation", "Question", "Reply", "default_path", "run"]
