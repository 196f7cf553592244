"""A whole consultation at a real terminal: a WHY chain to the goal, BACK, Ctrl-C, resume.

Every step waits on the output it expects, never on time; the timeout only bounds a
hang, and is generous so that a loaded machine does not fail the test.
"""

import os
import re
import sys

import pexpect
import pytest
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


EXPECTED = """\
Answers are saved to answers.yaml. Type ? for help.

[1] How high is US–Russia tension overall?  (climate.tension)
    1) none   2) low   3) moderate   4) high
> why
[why 1] The answer to climate.tension can decide rule crisis-and-tension [S2.P1]: Rule crisis-and-tension
  known:
      nothing yet
  not yet known:
      climate.crisis is at least moderate
      climate.tension is high: this question
  then pressure (CF +0.80)
[1] (climate.tension) > why
[why 2] pressure is read by rule pressure-drives [S2.P1]: Rule pressure-drives
  known:
      nothing yet
  not yet known:
      pressure holds (CF ≥ +0.20): from the rule below
  then meeting-occurs (CF +0.70)
[1] (climate.tension) > why
[why 3] meeting-occurs (The meeting-occurs title; so far undecided, CF +0.00): this is the goal of the consultation.
[1] (climate.tension) > how 1
pressure was not concluded: no rule lent it any certainty. Try: why-not pressure
[1] (climate.tension) > mod
  So far: The meeting-occurs title: undecided (CF +0.00); could still end between +0.00 and +0.20

[2] What is the personal rapport between the two leaders?  (personal.rapport)
    1) hostile   2) cool   3) neutral   4) warm
> back
Took back climate.tension = moderate.
  So far: The meeting-occurs title: undecided (CF +0.00); could still end between +0.00 and +0.65

[1] How high is US–Russia tension overall?  (climate.tension)
    1) none   2) low   3) moderate   4) high
> 4
  So far: The meeting-occurs title: undecided (CF +0.00); could still end between +0.00 and +0.65

[2] How severe is the current international crisis, if any?  (climate.crisis)
    1) none   2) low   3) moderate   4) high
>
Interrupted. Your answers are in answers.yaml; continue with: summit consult --resume answers.yaml
"""


def test_a_why_chain_from_the_first_question_to_the_goal(session):
    _, output, _ = session
    assert output == EXPECTED


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
