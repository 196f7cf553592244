"""An interactive consultation in the EMYCIN tradition, as a plain object.

`Consultation` works toward a goal (by default the knowledge base's verdict) as
EMYCIN's `find-out` does: it asks a question only while some answer to it could still
narrow where the goal's certainty can end (see `expert.goal`), the one that narrows it
most first, never the same one twice, and stops, saying why, once no answer still to
come can move the goal out of its band. With `ask_all` it asks, as before, every
question that could change any conclusion (see `expert.lookahead`). Every line typed
goes through `answer(text)`, which takes an answer (a choice's number, value or
unambiguous prefix, optionally with a certainty) or a command from one dispatch table,
and returns a `Reply`. Answers are kept in a fact file (`expert.consult_save`). The
terminal loop lives in `run`; nothing here names the domain.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import certainty, consult_explain, consult_why, report
from .consult_save import default_path, header_for, moved_header, read_header, write_fact_file
from .engine import Evaluator
from .facts import (
    FactModel,
    FieldSpec,
    certainties,
    dump_fact_file,
    known_facts,
    show_values,
)
from .goal import Reach
from .hedge import WORDS, hedge, split_words
from .knowledge import KnowledgeBase, unknown
from .lookahead import Lookahead
from .result import Result

TOP_REASONS = 3
"""How many reasons for and against the goal the closing summary names."""
TOP_MOVERS = 5
"""How many of the unanswered questions that could still move the goal it names."""


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


class Consultation:
    """A question-and-answer session over one knowledge base, starting from some facts."""

    def __init__(
        self,
        kb: KnowledgeBase,
        evaluator: Evaluator,
        facts: FactModel | None = None,
        *,
        path: str | Path | None = None,
        goal: str | None = None,
        ask_all: bool = False,
        resumed: bool = False,
        resume_command: str = "consult --resume",
    ) -> None:
        # Long but flat: one line per piece of the session's state.
        self.kb = kb
        self.goal = goal or kb.manifest.verdict
        if self.goal not in kb.conclusions:
            raise ValueError(unknown("conclusion", self.goal, kb.conclusions))
        self.lookahead = Lookahead(kb, evaluator)
        self.reach = Reach(kb, self.goal)
        self.evaluator = evaluator
        self.ask_all = ask_all
        facts = facts if facts is not None else kb.model()
        groups = {spec.group for spec in kb.fields.values()}
        self.header = {k: v for k, v in dump_fact_file(facts).items() if k not in groups}
        cfs = certainties(facts, kb.model)
        self.given = {  # from the starting file: never asked
            p: hedge(v, cfs.get(p, 1.0)) for p, v in known_facts(facts, kb.model).items()
        }
        self.resumed = len(self.given) if resumed else 0  # question numbers continue after
        self.answers: list[tuple[str, Any]] = []  # (field, value or None for unknown)
        self.path = Path(path) if path else None
        self.comments = read_header(self.path) if resumed and self.path else ""
        self.resume_command = resume_command  # how the header says to continue
        self.unsaved = ""  # why the last save failed; empty once one succeeds
        self._saved: tuple = ()  # the answers as last written to the file
        self._why: tuple[str | None, int, list[str]] = (None, 0, [])  # field, level, chain
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

    @property
    def goal_cf(self) -> float:
        """The goal's certainty so far, by the engine."""
        return self.lookahead.evidence(self.known).cfs.get(self.goal, 0.0)

    def relevant(self) -> list[str]:
        """The fields still worth asking about, in field order."""
        if self.ask_all:
            return self._cached(
                "relevant", lambda: self.lookahead.relevant(self.known, self.unknown)
            )
        return self._cached("live", lambda: self.reach.live_fields(self.known, set(self.unknown)))

    def span(self) -> tuple[float, float]:
        """Where the goal's certainty can still end, whatever the answers still to come."""
        return self._choice()[1]

    def _choice(self):
        last = self.answers[-1][0] if self.answers else None
        return self._cached("choice", lambda: self.reach.choose(self.known, self.unknown, last))

    def next_question(self) -> Question | None:
        """The next question to ask, or None when no answer still to come can matter."""
        complete = True  # the goal's bounds have no budget: rules times values at most
        if self.ask_all:
            best = self._cached("best", lambda: self.lookahead.best(self.known, self.unknown))
            path, complete = (best.field, best.complete) if best else (None, True)
        else:
            choice = self._choice()[0]
            path = choice.field if choice else None
        if path is None:
            return None
        spec = self.kb.fields[path]
        number = self.resumed + len(self.answers) + 1
        return Question(spec.path, spec.question, choices(spec), number, complete)

    def stop_reason(self) -> str:
        """Why no question is left, in one line."""
        if self.ask_all:
            return "No question is left that could change a conclusion."
        low, high = self.span()
        if certainty.band(low) == certainty.band(high):
            return (
                f"No question is left that could move {self.goal} out of "
                f"'{certainty.band(low)}': whatever the other answers, its CF ends "
                f"between {low:+.2f} and {high:+.2f}."
            )
        return (
            f"No question is left that a rule still able to fire reads; {self.goal} "
            f"ends between {low:+.2f} and {high:+.2f}."
        )

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
            return Reply("done", self.stop_reason() + "\n", done=True)
        try:
            value = parse_answer(self.kb.fields[question.field], question.choices, text)
        except ValueError as exc:
            return Reply("invalid", f"{exc}\n{_choices_hint(question)}", {"field": question.field})
        return self._record(question.field, value)

    def _record(self, path: str, value: Any) -> Reply:
        self.answers.append((path, value))
        self._why = (None, 0, [])
        warning = self.autosave()
        kind = "answer" if value is not None else "unknown"
        text = f"  {self.status_line()}\n{warning}"
        return Reply(kind, text, {"field": path, "value": value})

    def status_line(self) -> str:
        """The goal so far, in one line, with where it can still end while that is open."""
        cf = self.goal_cf
        title = self.kb.conclusions[self.goal].title
        line = f"So far: {title}: {certainty.band(cf)} (CF {cf:+.2f})"
        if self.ask_all:
            return line
        low, high = self.span()
        if certainty.band(low) == certainty.band(high):
            return line + "; settled"
        return line + f"; could still end between {low:+.2f} and {high:+.2f}"

    def opening(self) -> str:
        """What a resumed session says first: how many answers it took up, and the goal."""
        if not self.resumed:
            return ""
        line = self.status_line()
        count = f"{self.resumed} answer{'' if self.resumed == 1 else 's'}"
        return f"Resumed {count}; {line[:1].lower()}{line[1:]}\n"

    def save(self) -> None:
        """Write the session's fact file now; OSError when it cannot be written."""
        header = self.comments or header_for(self.path, self.resume_command)
        write_fact_file(self.path, self.facts, header)
        self._saved = tuple(self.answers)

    def autosave(self, *, force: bool = False) -> str:
        """Rewrite the session's fact file if the answers changed; a warning if that failed.

        A file is never rewritten for nothing: resumed and left as it was, it stays as
        it was, byte for byte.
        """
        if not self.path or (tuple(self.answers) == self._saved and not force):
            return ""
        try:
            self.save()
        except OSError as exc:
            self.unsaved = str(exc.strerror or exc)
            return f"  Warning: could not save to {self.path}: {self.unsaved}\n"
        self.unsaved = ""
        return ""

    def summary(self) -> str:
        """The end of a consultation: the goal, its strongest reasons, what could still move it."""
        result, goal = self.result, self.goal
        cf = result.conclusions[goal].cf if goal in result.conclusions else 0.0
        title = self.kb.conclusions[goal].title
        lines = [f"Goal: {goal} ({title}): {certainty.band(cf)} (CF {cf:+.2f})"]
        lines += _reasons(result, goal)
        if not self.ask_all:
            lines += self._movers(cf)
        return "\n".join(lines) + "\n"

    def _movers(self, cf: float) -> list[str]:
        movers = self.reach.alone(self.known, self.unknown)
        if not movers:
            return ["  No question left unanswered could have moved it on its own."]
        lines = ["  Unanswered questions that could still have moved it on their own:"]
        ranked = sorted(movers, key=lambda m: (-_far(m[1], cf), m[0]))
        for path, (low, high) in ranked[:TOP_MOVERS]:
            lines.append(
                f"    {path}: by up to {_far((low, high), cf):.2f} "
                f"(to between {low:+.2f} and {high:+.2f})"
            )
        if len(ranked) > TOP_MOVERS:
            lines.append(f"    and {len(ranked) - TOP_MOVERS} more, each by less")
        return lines

    def final_text(self, style: Callable[..., str] = lambda text, **_: text) -> str:
        """The summary, then the full assessment of the facts gathered, as the assess command prints it."""
        return self.summary() + "\n" + report.assessment_text(self.result, self.kb, style=style)

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
            f"{_choices_hint(question)}{CERTAINTY_HELP}"
        )
        return Reply("help", text + COMMAND_HELP, {"field": spec.path})

    def cmd_why(self, _: str) -> Reply:
        """`why`: the rule this question serves; again: one level up the chain to the goal."""
        question = self.next_question()
        if question is None:
            return Reply("why", "No question is pending.\n")
        path, level, rules = self._why
        if path != question.field:
            rules, level = (
                consult_why.chain(self.reach, question.field, self.known, self.unknown),
                0,
            )
        if not rules:
            return Reply("why", self._why_all(question.field), {"level": 0, "rules": []})
        level += 1
        self._why = (question.field, level, rules)
        if level > len(rules):
            text = consult_why.goal_text(self.reach, level, self.goal_cf)
            return Reply("why", text, {"level": level, "rule": None, "rules": rules})
        text = consult_why.level_text(
            self.reach, rules, level, question.field, self.known, self.unknown
        )
        return Reply("why", text, {"level": level, "rule": rules[level - 1], "rules": rules})

    def _why_all(self, path: str) -> str:
        rules = self.lookahead.waiting(path, self.known, self.unknown)
        names = ", ".join(sorted(rules)) or "none"
        return (
            f"[why] The answer to {path} does not bear on the goal {self.goal}; "
            f"it can still decide: {names}\n"
        )

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
        self._why = (None, 0, [])
        warning = self.autosave()
        was = "unknown" if value is None else _shown(value)
        text = f"Took back {path} = {was}.\n  {self.status_line()}\n{warning}"
        return Reply("back", text, {"field": path, "value": value})

    def cmd_how(self, name: str) -> Reply:
        """`how [CONCLUSION | N]`: how a conclusion (default: the goal) was reached.

        A number names the conclusion of that level of the last WHY chain.
        """
        if name == "?":
            return Reply("how", _names(self.kb), {"conclusions": sorted(self.kb.conclusions)})
        if name.isdigit() and self._why[0] is None:
            return Reply(
                "how", "`how N` names a level of the last why at this question: type why first.\n"
            )
        name = self._level_name(name.lower()) or self.goal
        return Reply("how", consult_explain.how(self.result, self.kb, name), {"conclusion": name})

    def _level_name(self, name: str) -> str:
        path, _, rules = self._why
        if not name.isdigit() or path is None:
            return name
        return consult_why.concluded(self.reach, rules, min(int(name), len(rules) + 1))

    def cmd_why_not(self, name: str) -> Reply:
        """`why-not [CONCLUSION]`: why a conclusion was not drawn, or not more strongly."""
        if name == "?":
            return Reply("why-not", _names(self.kb), {"conclusions": sorted(self.kb.conclusions)})
        name = self._level_name(name.lower()) or self.goal
        text = consult_explain.why_not(self.result, self.kb, name)
        return Reply("why-not", text, {"conclusion": name})

    def cmd_status(self, _: str) -> Reply:
        """`status`: the goal so far and how many questions are answered and left."""
        left = len(self.relevant())
        text = (
            f"{self.status_line()}\n  answered {len(self.answers) - len(self.unknown)}, "
            f"unknown {len(self.unknown)}, given at the start {len(self.given)}, "
            f"questions that still matter {left}\n"
        )
        return Reply("status", text, {"goal_cf": self.goal_cf, "left": left})

    def cmd_save(self, where: str) -> Reply:
        """`save [PATH]`: write the answers now; with PATH, keep saving there from now on."""
        previous, comments = self.path, self.comments
        if where:
            self.path = Path(where)
            if previous:
                self.comments = moved_header(comments, previous, where, self.resume_command)
        if not self.path:
            return Reply("save", "No file to save to: give one, as in: save answers.yaml\n")
        warning = self.autosave(force=True)
        if warning:
            self.path, self.comments = previous, comments
            return Reply("save", warning)
        return Reply("save", f"Saved to {self.path}.\n", {"path": str(self.path)})

    def cmd_quit(self, _: str) -> Reply:
        """`quit`: stop asking and show the assessment."""
        return Reply("quit", "", done=True)

    def completions(self, line: str) -> list[str]:
        """What a line typed so far can be completed to: commands, choices, conclusion names."""
        word, space, rest = line.lstrip().partition(" ")
        if space and word.lower() in {"how", "why-not"}:
            return [f"{word} {n}" for n in sorted(self.kb.conclusions) if n.startswith(rest)]
        if space:
            return []
        question = self.next_question()
        options = [show_values((c,)) for c in question.choices] if question else []
        options += [w for w in WORDS if question]
        found = [o for o in [*options, *COMMANDS] if o.lower().startswith(word.lower())]
        return list(dict.fromkeys(found))


def _names(kb: KnowledgeBase) -> str:
    """Every conclusion's name with its title, for `how ?` and `why-not ?`."""
    return "".join(f"  {name}: {kb.conclusions[name].title}\n" for name in sorted(kb.conclusions))


def _far(span: tuple[float, float], cf: float) -> float:
    return max(span[1] - cf, cf - span[0])


def _reasons(result: Result, goal: str) -> list[str]:
    """The strongest firings for and against the goal, with rule ids and what they lent."""
    found = result.conclusions.get(goal)
    if not found:
        return ["  no rule concluded anything about it"]
    lines = []
    for label, steps in (("for:    ", found.supporting), ("against:", found.opposing)):
        lent = sorted(
            (-abs(cf), result.trace[s - 1].rule, cf)
            for s in steps
            for cf in [result.trace[s - 1].concluded[goal]]
        )[:TOP_REASONS]
        shown = ", ".join(f"{rule} {cf:+.2f}" for _, rule, cf in lent)
        lines.append(f"  {label} {shown or 'none'}")
    return lines


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
Commands: ? or help (this), why (the rule this question serves; again: one level up,
  to the goal), unknown (skip it), back (change the previous answer),
  how [CONCLUSION | N] (N: a level of the last why; ?: the names),
  why-not [CONCLUSION], status, save [PATH], quit.
"""

CERTAINTY_HELP = (
    "  An answer may carry a certainty from 0 to 1: `high 0.6`, or a word before it: "
    + ", ".join(f"{w} ({cf:g})" for w, cf in WORDS.items())
    + f". Below {certainty.THRESHOLD:g} the answer counts as unknown.\n"
)


def choices(spec: FieldSpec) -> tuple[Any, ...]:
    """A field's choices as numbered in a question (yes before no)."""
    return (True, False) if spec.kind == "bool" else spec.values


def parse_answer(spec: FieldSpec, options: tuple[Any, ...], text: str) -> Any:
    """An answer with its certainty, if any: the value, or a Hedge; ValueError otherwise."""
    rest, cf = split_words(text.strip())
    return hedge(parse_choice(spec, options, rest), cf)


def parse_choice(spec: FieldSpec, options: tuple[Any, ...], text: str) -> Any:
    """A choice's number, its value (any case) or an unambiguous prefix; ValueError otherwise."""
    text = text.strip()
    if text.isdigit():
        if 1 <= int(text) <= len(options):
            return options[int(text) - 1]
        raise ValueError(f"there is no choice {text}")
    try:
        return spec.parse(text)
    except ValueError:
        pass
    lowered = text.lower()
    exact = [o for o in options if show_values((o,)).lower() == lowered]
    starting = [o for o in options if lowered and show_values((o,)).lower().startswith(lowered)]
    if len(exact or starting) == 1:
        return (exact or starting)[0]
    if len(starting) > 1:
        raise ValueError(f"{text!r} could be {show_values(tuple(starting))}: type more of it")
    raise ValueError(f"expected one of {show_values(options)}; found {text!r}")


def _shown(value: Any) -> str:
    return str(value) if not isinstance(value, bool) else show_values((value,))


def _choices_hint(question: Question) -> str:
    shown = ", ".join(f"{i} {show_values((c,))}" for i, c in enumerate(question.choices, 1))
    return f"  Answer with a number or a value: {shown}; or a command (help).\n"


def run(
    session: Consultation,
    read: Callable[[str], str | None],
    write: Callable[[str], None],
    *,
    echo: bool = False,
) -> None:
    """Ask until no question matters, `quit` or end of input; `read` gives None at the end.

    `read(prompt)` shows the prompt's last line itself (so line editing can redraw it).
    """
    shown = None
    # What exists now (the knowledge base, the engine, the session) lives until the end:
    # frozen out of the collector's full passes, which otherwise walk it all every few
    # answers (about 45 ms each; see docs/performance.md).
    gc.freeze()
    write(session.opening())
    for _ in range(MAX_LINES):
        question = session.next_question()
        if question is None:
            write(f"\n{session.stop_reason()}\n")
            break
        head, _, last = question.prompt(again=question == shown).rpartition("\n")
        if head:
            write(head + "\n")
        shown = question
        if _step(session, read(last), write, echo):
            break
    else:
        write(f"\nStopped after {MAX_LINES} lines, the most one consultation reads.\n")
    write(session.autosave())


def _step(session: Consultation, line: str | None, write, echo: bool) -> bool:
    """Take one line typed at a question; True when the consultation ends."""
    if line is None:
        write("\n")
        return True
    if echo:  # input from a pipe: show it, so the output reads as a transcript
        write(line + "\n")
    reply = session.answer(line)
    write(reply.text)
    return reply.done


MAX_LINES = 100_000
"""The most lines one consultation reads: a bound on the loop, far above any real session."""


__all__ = ["COMMANDS", "Consultation", "Question", "Reply", "default_path", "run"]
