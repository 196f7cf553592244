"""Generated docs match their generators; SUMMIT_UPDATE_GOLDENS=1 rewrites them."""

import os
from pathlib import Path

from expert.cli import main
from expert.cli.reference import cli_reference

DOCS = Path(__file__).resolve().parent.parent / "docs"


def check_generated(path: Path, text: str) -> None:
    if os.environ.get("SUMMIT_UPDATE_GOLDENS") == "1":
        path.write_text(text)
    assert path.read_text() == text, f"{path} is stale; regenerate it"


def test_cli_reference_is_current():
    check_generated(DOCS / "cli.md", cli_reference(main))


def test_every_command_help_has_an_example():
    missing = [
        name for name, cmd in main.commands.items() if "summit " + name not in (cmd.help or "")
    ]
    assert missing == []
