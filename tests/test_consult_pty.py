"""A whole consultation at a real terminal: answers, mistakes, WHY, BACK, Ctrl-C, resume."""

import sys

import pexpect
import pytest
from consultkb import consult_kb

from expert import api

pytestmark = pytest.mark.slow


def spawn(folder, *args: str) -> pexpect.spawn:
    rules = str(consult_kb(folder / "kb"))
    command = [sys.executable, "-m", "expert", "consult", "--rules", rules, *args]
    return pexpect.spawn(command[0], command[1:], cwd=str(folder), encoding="utf-8", timeout=30)


def ask(child: pexpect.spawn, field: str, answer: str, expect: str = "So far: ") -> None:
    child.expect_exact(f"({field})")
    child.expect_exact("> ")
    child.sendline(answer)
    child.expect_exact(expect)


@pytest.fixture(scope="module")
def interrupted(tmp_path_factory):
    """A consultation typed at a terminal and stopped with Ctrl-C: (saved file, exit status)."""
    folder = tmp_path_factory.mktemp("pty")
    child = spawn(folder, "--save", str(folder / "answers.yaml"))
    ask(child, "climate.crisis", "9", "there is no choice 9")
    child.sendline("3")
    child.expect_exact("So far: The meeting-occurs title: likely (CF +0.60)")
    ask(child, "us_agenda.sees_gain", "why", "[why 1] The answer to us_agenda.sees_gain")
    child.expect_exact("gain-motivates [S2.P1]")
    child.sendline("why")
    child.expect_exact("[why 2] Those conclusions are in turn used by:\r\n  motive-drives [S2.P1]")
    child.sendline("high")
    ask(child, "climate.tension", "unknown")
    ask(child, "alliances.allies_stance", "back", "Took back climate.tension = unknown.")
    ask(child, "climate.tension", "high")
    ask(child, "personal.rapport", "how", "+0.60 from crisis-pushes [S2.P1]")
    child.sendintr()
    child.expect_exact("Interrupted. Your answers are in")
    child.expect(pexpect.EOF)
    child.close()
    return folder, child.exitstatus


def test_ctrl_c_exits_130_and_leaves_a_valid_fact_file(interrupted):
    folder, status = interrupted
    assert status == 130
    facts = api.load_facts(folder / "answers.yaml")
    assert (facts.climate.crisis, facts.climate.tension) == ("moderate", "high")
    assert facts.us_agenda.sees_gain == "high"
    assert facts.personal.rapport is None


def test_resume_continues_from_the_next_question(interrupted):
    folder, _ = interrupted
    resumed = spawn(folder, "--resume", str(folder / "answers.yaml"))
    ask(resumed, "personal.rapport", "4", "So far: The meeting-occurs title: likely (CF +0.80)")
    resumed.expect_exact("(alliances.allies_stance)")
    resumed.sendeof()
    resumed.expect_exact(f"Answers saved to {folder / 'answers.yaml'}.")
    resumed.expect(pexpect.EOF)
