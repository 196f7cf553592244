"""Any fact file the model allows survives dump and load, in YAML and in JSON."""

from __future__ import annotations

import json
from datetime import date

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from expert.api import fact_model
from expert.facts import catalogue, dump_fact_file, load_fact_file

FactFile = fact_model()

TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=40)


def fact_data() -> st.SearchStrategy[dict]:
    """Plain data of a fact file: each field absent or one of its values, plus a header."""
    fields = {
        path: st.one_of(st.just(None), st.sampled_from(spec.values))
        for path, spec in catalogue(FactFile).items()
    }
    header = st.fixed_dictionaries(
        {},
        optional={
            "name": TEXT.filter(bool),
            "description": TEXT,
            "as_of": st.dates(date(1900, 1, 1), date(2100, 12, 31)).map(date.isoformat),
            "sources": st.lists(TEXT, max_size=3),
        },
    )
    return st.tuples(st.fixed_dictionaries(fields), header).map(_nest)


def _nest(drawn: tuple[dict, dict]) -> dict:
    values, header = drawn
    data: dict = {"scenario": header}
    for path, value in values.items():
        if value is not None:
            group, name = path.split(".")
            data.setdefault(group, {})[name] = value
    return data


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=fact_data())
def test_dump_then_load_gives_the_same_facts(tmp_path, data):
    facts = FactFile.model_validate(data)
    dumped = dump_fact_file(facts)
    (tmp_path / "f.yaml").write_text(yaml.safe_dump(dumped), encoding="utf-8")
    (tmp_path / "f.json").write_text(json.dumps(dumped, ensure_ascii=False), encoding="utf-8")
    assert load_fact_file(tmp_path / "f.yaml", FactFile) == facts
    assert load_fact_file(tmp_path / "f.json", FactFile) == facts
