"""Generated docs match their generators; SUMMIT_UPDATE_GOLDENS=1 rewrites them."""

import glob
from pathlib import Path

from conftest import assert_golden

from expert.cli import main
from expert.cli.commands import every_command
from expert.cli.reference import cli_reference

DOCS = Path(__file__).resolve().parent.parent / "docs"


check_generated = assert_golden


def test_cli_reference_is_current():
    check_generated(DOCS / "cli.md", cli_reference(main))


def test_every_command_help_has_an_example():
    missing = [
        name
        for name, cmd in every_command(main).items()
        if "summit " + name not in (cmd.help or "")
    ]
    assert missing == []


ROOT = DOCS.parent
WRITTEN = {">", "--output", "--save", "--resume"}  # what follows is written, not read


def example_inputs(help_text: str) -> list[str]:
    """The files, folders and globs an example line of `help_text` reads."""
    inputs = []
    for line in help_text.splitlines():
        words = line.split()
        if "summit" not in words:
            continue
        for before, word in zip(["", *words[:-1]], words, strict=True):
            word = word.strip("'\"")
            if before not in WRITTEN and word.endswith((".yaml", ".json", "/")):
                inputs.append(word)
    return inputs


def test_every_file_an_example_reads_exists_from_the_repository_root():
    helps = [main.help or ""] + [cmd.help or "" for cmd in every_command(main).values()]
    inputs = [word for text in helps for word in example_inputs(text)]
    assert len(inputs) >= 8
    assert [word for word in inputs if not glob.glob(str(ROOT / word), recursive=True)] == []
