"""docs/consult.md shows a real transcript: the one its command prints today.

With SUMMIT_UPDATE_GOLDENS=1 the transcript and the saved file in the doc are rewritten
(after the knowledge base changes); otherwise they are compared exactly.
"""

import re
from pathlib import Path

from click.testing import CliRunner
from conftest import is_updating

from expert.cli import main

DOC = Path(__file__).resolve().parents[1] / "docs" / "consult.md"
COMMAND = re.compile(r"\$ printf '(?P<input>[^']*)' \| summit consult --save (?P<save>\S+)\n")


def test_the_documented_transcript_is_what_the_command_prints(tmp_path, monkeypatch):
    doc = DOC.read_text(encoding="utf-8")
    command = COMMAND.search(doc)
    monkeypatch.chdir(tmp_path)
    typed = command["input"].replace("\\n", "\n")
    result = CliRunner().invoke(main, ["consult", "--save", command["save"]], input=typed)
    assert result.exit_code == 0, result.output
    saved = (tmp_path / command["save"]).read_text(encoding="utf-8")
    start = command.end()
    end = doc.index("```", start)
    yaml_start = doc.index("```yaml\n", end) + len("```yaml\n")
    yaml_end = doc.index("```", yaml_start)
    if is_updating():
        doc = doc[:start] + result.output + doc[end:yaml_start] + saved + doc[yaml_end:]
        DOC.write_text(doc, encoding="utf-8")
    assert doc[start:end] == result.output
    assert doc[yaml_start:yaml_end] == saved
