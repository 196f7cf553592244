"""`summit consult`: an interactive consultation, question by question."""

from __future__ import annotations

import sys

import click

from .. import api
from ..consult import run
from ..errors import ExpertError
from ..safetext import printable
from .base import echo, fact_file_argument, main, rules_option, style


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
@rules_option
def consult(fact_file: str | None, resume: str | None, save: str | None, rules: str | None) -> None:
    """Answer questions one at a time; the verdict updates after each answer.

    Only questions whose answer can still change a conclusion are asked, the most
    influential first. Type a choice's number or value, or a command: ? (help),
    why, unknown, back, how [CONCLUSION], why-not [CONCLUSION], status,
    save [PATH], quit. Answers go to a fact file after every answer
    (default: consultation-YYYYMMDD-HHMMSS.yaml), which `--resume` continues and
    `summit assess` reads. With input from a pipe, one answer per line. Exits 1
    when the last answers could not be saved, and 130 on Ctrl-C.

    \b
    Examples:
      summit consult
      summit consult facts/default.yaml --save mine.yaml
      summit consult --resume mine.yaml
      printf '3\\nunknown\\nquit\\n' | summit consult
    """
    session = api.consultation(fact_file, resume=resume, save=save, rules=rules)
    click.echo(f"Answers are saved to {_shown(session)}. Type ? for help.")
    try:
        run(
            session,
            _read_line,
            lambda text: echo(text, nl=False),
            echo=not sys.stdin.isatty(),
        )
    except KeyboardInterrupt:
        resume = f". Your answers are in {_shown(session)}; continue with: summit consult --resume {_shown(session)}"
        click.echo(
            f"\nInterrupted{': ' + _unsaved(session) if session.unsaved else resume}", err=True
        )
        sys.exit(130)
    echo("\n" + session.final_text(style=style), nl=False)
    if session.unsaved:  # warned at each answer; the end must not claim they are saved
        raise ExpertError(_unsaved(session), exit_code=1)
    click.echo(f"\nAnswers saved to {_shown(session)}.")


def _shown(session) -> str:
    """The session's file name, escaped for the terminal."""
    return printable(str(session.path))


def _unsaved(session) -> str:
    """Why the last answers are not in the session's file."""
    return f"the last answers could not be saved to {_shown(session)}: {session.unsaved}"


def _read_line() -> str | None:
    line = sys.stdin.readline()
    return line.rstrip("\r\n") if line else None
