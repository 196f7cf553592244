"""A whole consultation at a real terminal: a WHY chain to the goal, BACK, Ctrl-C, resume.

Every step waits on the output it expects, never on time; the timeout only bounds a
hang, and is generous so that a loaded machine does not fail the test.
"""

import os
import re
import sys

import pexpect
import pytest
from conftest import ROOT, assert_golden
from kbfactory import conclusion, rule, write_kb

from expert import api

pytestmark = pytest.mark.slow
TIMEOUT = int(os.environ.get("SUMMIT_PTY_TIMEOUT", "300"))  # seconds; only a hang nears it
ESCAPES = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[=>]")
RULES = [
    rule(
        "crisis-and-tension",
        [{"field": "climate.crisis", "at_least": "moderate"}, {"field": "climate.tension", "is": "high"}],
        {"pressure": 0.8},
    ),
    rule("pressure-drives", [{"conclusion": "pressure"}], {"meeting-occurs": 0.7}),
    rule("rapport-helps", [{"field": "personal.rapport", "is": "warm"}], {"meeting-occurs": 0.2}),
]  # fmt: skip


def spawn(folder, *args: str) -> pexpect.spawn:
    rules = str(write_kb(folder / "kb", RULES, [conclusion("pressure")]))
    command = [sys.executable, "-m", "expert", "consult", "--rules", rules, *args]
    env = {**os.environ, "TERM": "dumb", "NO_COLOR": "1", "INPUTRC": os.devnull}
    return pexpect.spawn(
        command[0], command[1:], cwd=str(folder), env=env, encoding="utf-8", timeout=TIMEOUT
    )


def typed(child: pexpect.spawn, line: str, until: str) -> None:
    """Wait for the prompt, type a line, and wait for what it should print."""
    child.expect_exact("> ")
    child.sendline(line)
    child.expect_exact(until)


def transcript(child: pexpect.spawn) -> str:
    """What the terminal showed, as plain lines (without trailing spaces)."""
    text = ESCAPES.sub("", child.logfile_read.getvalue()).replace("\r\n", "\n")
    return "\n".join(line.rstrip() for line in text.split("\n"))


@pytest.fixture(scope="module")
def session(tmp_path_factory):
    """A consultation typed at a terminal and stopped with Ctrl-C: (folder, output, status)."""
    import io

    folder = tmp_path_factory.mktemp("pty")
    child = spawn(folder, "--save", "answers.yaml")
    child.logfile_read = io.StringIO()
    typed(child, "why", "[why 1]")
    typed(child, "why", "[why 2]")
    typed(child, "why", "this is the goal of the consultation.")
    typed(child, "how 1", "pressure was not concluded")
    typed(child, "mod", "So far: ")
    typed(child, "back", "Took back climate.tension = moderate.")
    typed(child, "4", "(climate.crisis)")
    child.expect_exact("> ")
    child.sendintr()
    child.expect_exact("continue with: summit consult --resume answers.yaml")
    child.expect(pexpect.EOF)
    child.close()
    return folder, transcript(child), child.exitstatus


EXPECTED = ROOT / "tests" / "golden" / "consult" / "why-chain-pty.txt"


def test_a_why_chain_from_the_first_question_to_the_goal(session):
    _, output, _ = session
    assert_golden(EXPECTED, output)


def test_ctrl_c_exits_130_and_leaves_a_valid_fact_file(session):
    folder, _, status = session
    assert status == 130
    facts = api.load_facts(folder / "answers.yaml")
    assert (facts.climate.crisis, facts.climate.tension) == (None, "high")


def test_resume_continues_the_numbering_from_the_next_question(session):
    folder, _, _ = session
    resumed = spawn(folder, "--resume", "answers.yaml")
    resumed.expect_exact("Resumed 1 answer; so far: The meeting-occurs title")
    resumed.expect_exact("[2] How severe is the current international crisis, if any?")
    typed(resumed, "high", "So far: The meeting-occurs title: likely (CF +0.56); settled")
    resumed.expect_exact("Answers saved to answers.yaml.")
    resumed.expect(pexpect.EOF)
    assert api.load_facts(folder / "answers.yaml").climate.crisis == "high"
