"""A batch in the caller's own process runs the garbage collector less often while it
evaluates, and leaves the collector as it found it."""

import gc

from batchkb import batch_kb, write_facts

from expert import api
from expert.batch import GC_THRESHOLD


def test_the_collector_is_tuned_during_a_batch_and_restored_after(tmp_path):
    kb = batch_kb(tmp_path / "kb")
    for name in ("a", "b"):
        write_facts(tmp_path / "facts" / f"{name}.yaml", {"climate": {"crisis": "high"}})
    before = gc.get_threshold()
    seen = []
    report = api.batch(
        [str(tmp_path / "facts")],
        rules=kb,
        jobs=1,
        on_row=lambda row: seen.append((gc.get_threshold()[0], gc.get_freeze_count() > 0)),
    )
    assert report.failed == 0
    assert seen == [(GC_THRESHOLD, True)] * 2
    assert (gc.get_threshold(), gc.get_freeze_count()) == (before, 0)
