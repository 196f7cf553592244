"""The wheel carries the knowledge base and the fact files, and `summit` works from anywhere."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UV = shutil.which("uv")

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(UV is None, reason="uv is needed to build the wheel"),
]


def run(*args: str | Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"VIRTUAL_ENV", "PYTHONPATH"}}
    done = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def venv(tmp_path_factory) -> Path:
    """A fresh virtual environment with only the built wheel (and its dependencies) installed."""
    tmp = tmp_path_factory.mktemp("wheel")
    run(UV, "build", "--wheel", "--out-dir", tmp / "dist", cwd=ROOT)
    [wheel] = (tmp / "dist").glob("*.whl")
    run(sys.executable, "-m", "venv", "--without-pip", tmp / "venv", cwd=tmp)
    # experta pins frozendict==1.2, which fails on Python >= 3.10; pyproject overrides it too.
    (tmp / "overrides.txt").write_text("frozendict>=2.4\n")
    python = tmp / "venv" / "bin" / "python"
    run(
        UV,
        "pip",
        "install",
        "-q",
        "--python",
        python,
        "--override",
        tmp / "overrides.txt",
        wheel,
        cwd=tmp,
    )
    return tmp / "venv"


def test_wheel_finds_its_own_rules_and_facts(venv, tmp_path):
    out = run(
        venv / "bin" / "python",
        "-c",
        "from expert import paths; print(paths.rules_dir()); print(paths.default_fact_file())",
        cwd=tmp_path,
    )
    rules, facts = map(Path, out.splitlines())
    assert rules.is_relative_to(venv) and (rules / "knowledge-base.yaml").is_file()
    assert facts.is_relative_to(venv) and facts.name == "default.yaml"


def test_installed_summit_runs_from_another_directory(venv, tmp_path):
    summit = venv / "bin" / "summit"
    assert run(summit, "--help", cwd=tmp_path).startswith("Usage: summit ")
    [default] = venv.glob("lib/python*/site-packages/expert/_data/facts/default.yaml")
    assert run(summit, "validate", default, cwd=tmp_path) == f"{default}: valid\n"
    assert run(summit, "assess", cwd=tmp_path).startswith("Trump and Putin meet: ")
    assert run(venv / "bin" / "python", "-m", "expert", "--help", cwd=tmp_path).startswith(
        "Usage: summit "
    )
