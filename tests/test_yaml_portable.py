"""Every YAML file the repository ships reads the same with libyaml and without it.

libyaml accepts a few things PyYAML's own parser refuses, such as `Adopt it?` as a plain
scalar inside a flow mapping. A file that relied on that would load on one machine and
fail on another, or fail when its size sends it down the located reader's path.
"""

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
FILES = sorted(
    path
    for folder in ("rules", "facts", "tests", "docs")
    for path in (ROOT / folder).rglob("*.y*ml")
    if path.suffix in {".yaml", ".yml"}
)


def read(path: Path, loader) -> object:
    try:
        return ("ok", yaml.load(path.read_text(encoding="utf-8"), Loader=loader))
    except yaml.YAMLError:
        return ("error", None)


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="libyaml is not installed")
def test_the_pure_and_the_libyaml_reader_agree_on_every_shipped_file():
    assert len(FILES) > 50
    differ = [
        str(path.relative_to(ROOT))
        for path in FILES
        if read(path, yaml.SafeLoader) != read(path, yaml.CSafeLoader)
    ]
    assert differ == []
