"""Batch, sensitivity and backtest on any executor give what they give in this process."""

import doctest
import json
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from pathlib import Path

import pytest

from expert import api, workers
from expert.errors import ExpertError
from expert.paths import rules_dir

ROOT = Path(__file__).resolve().parent.parent

KINDS = ["threads", "processes"]


@pytest.fixture(scope="module")
def executors():
    with ThreadPoolExecutor(3) as threads, ProcessPoolExecutor(2) as processes:
        yield {"threads": threads, "processes": processes}


@pytest.fixture
def files(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("climate:\n  crisis: hgh\n", encoding="utf-8")
    return ["facts/", "facts/record/", str(bad), str(tmp_path / "missing.yaml")]


@pytest.mark.parametrize("kind", KINDS)
def test_batch_rows_are_the_serial_ones_byte_for_byte(executors, files, kind):
    serial = api.batch(files, jobs=1)
    spread = api.batch(files, jobs=4, executor=executors[kind])
    assert len(serial.rows) == 29 and serial.failed == 2
    assert json.dumps(spread.rows) == json.dumps(serial.rows)


@pytest.mark.parametrize("kind", KINDS)
def test_sensitivity_is_the_serial_one(executors, kind):
    serial = api.sensitivity("facts/default.yaml")
    assert serial.tried > 100 and serial.changes
    assert api.sensitivity("facts/default.yaml", executor=executors[kind]) == serial


@pytest.mark.parametrize("kind", KINDS)
def test_backtest_is_the_serial_one(executors, kind):
    serial = api.backtest(["facts/"])
    assert serial.n == 14 and len(serial.skipped) == 13
    spread = api.backtest(["facts/"], executor=executors[kind])
    assert spread.model_dump_json() == serial.model_dump_json()


def test_a_worker_with_other_rules_refuses_to_evaluate():
    other = workers.Recipe((str(rules_dir().resolve()),), "sha256:0123456789abcdef")
    with pytest.raises(ExpertError) as error:
        workers.worker(other)
    found = api.knowledge_base().content_hash
    assert str(error.value) == (
        f"a worker found another knowledge base in {rules_dir().resolve()} "
        f"({found}, not sha256:0123456789abcdef): every worker needs the same files"
    )


def test_chunks_keep_every_item_once_in_order():
    assert workers.chunks(list(range(7)), 3) == [[0, 1, 2], [3, 4, 5], [6]]
    assert workers.chunks([], 3) == []


def test_the_docs_example_runs(monkeypatch):
    monkeypatch.chdir(ROOT)
    failures, tried = doctest.testfile(str(ROOT / "docs" / "batch.md"), module_relative=False)
    assert (failures, tried) == (0, 7)
