"""`summit consult`: an interactive consultation, question by question."""

from __future__ import annotations

import shlex
import sys

import click

from ..errors import ExpertError
from ..safetext import printable
from .base import echo_text, fact_file_argument, main, rules_option, style
from .terminal import line_reader


@main.command()
@fact_file_argument
@click.option(
    "--resume", type=click.Path(dir_okay=False, exists=True), help="Continue a saved consultation."
)
@click.option(
    "--save",
    type=click.Path(dir_okay=False),
    help="New fact file to keep the answers in (rewritten after each one); "
    "an existing file is refused, unless it is the one --resume continues.",
)
@click.option(
    "--goal", metavar="CONCLUSION", help="The conclusion to work toward (default: the verdict)."
)
@click.option(
    "--all", "ask_all", is_flag=True, help="Ask everything that could change any conclusion."
)
@rules_option
def consult(
    fact_file: str | None,
    resume: str | None,
    save: str | None,
    goal: str | None,
    ask_all: bool,
    rules: str | None,
) -> None:
    """Answer questions one at a time, toward a goal; it updates after each answer.

    A question is asked only while some answer to it could still narrow where the goal
    (default: the verdict) can end, the one that narrows it most first; the
    consultation stops, and says why, once no answer can move the goal out of its
    band. Type a choice's number, value or prefix, optionally with a certainty
    (`high 0.6`, `probably high`), or a command: ? (help), why, unknown, back,
    how [CONCLUSION | N], why-not [CONCLUSION], status, save [PATH], quit. Answers go
    to a fact file after every answer (default: consultations/consultation-*.yaml),
    which `--resume` continues and `summit assess` reads. With input from a pipe, one
    answer per line. Exits 1 when the last answers could not be saved, 130 on Ctrl-C.

    \b
    Examples:
      summit consult
      summit consult facts/default.yaml --save mine.yaml
      summit consult --resume mine.yaml
      summit consult --goal CONCLUSION
      printf '3\\nunknown\\nquit\\n' | summit consult
    """
    from .. import api
    from ..consult import run

    session = api.consultation(
        fact_file, resume=resume, save=save, rules=rules, goal=goal, ask_all=ask_all
    )
    click.echo(f"Answers are saved to {_shown(session)}. Type ? for help.")
    write = echo_text  # wrapped at the terminal's width, control characters escaped
    try:
        run(session, line_reader(session, write), write, echo=not sys.stdin.isatty())
    except KeyboardInterrupt:
        where = printable(shlex.quote(str(session.path)))
        resume = (
            f". Your answers are in {_shown(session)}; "
            f"continue with: summit consult --resume {where}"
        )
        said = f"\nInterrupted{': ' + _unsaved(session) if session.unsaved else resume}"
        click.echo(said, err=True)  # one line, as every error is: never wrapped
        sys.exit(130)
    echo_text("\n" + session.final_text(style=style))
    if session.unsaved:  # warned at each answer; the end must not claim they are saved
        raise ExpertError(_unsaved(session), exit_code=1)
    click.echo(f"\nAnswers saved to {_shown(session)}.")


def _shown(session) -> str:
    """The session's file name, escaped for the terminal."""
    return printable(str(session.path))


def _unsaved(session) -> str:
    """Why the last answers are not in the session's file."""
    return f"the last answers could not be saved to {_shown(session)}: {session.unsaved}"
