"""The benchmark: its generator imports exactly what it wrote, and at ward scale the whole run
works and every figure's pandas recompute equals our query's."""

from __future__ import annotations

from pathlib import Path

from analytics.bench.generate import EVALUATION_YEARS, build, ward_names
from analytics.ingest.normalize import ward_name
from analytics.store import Store


def test_generated_ward_names_are_read_back_unchanged() -> None:
    names = ward_names(3_321)
    assert len(set(names)) == 3_321
    assert all(ward_name(name) == name for name in names)


def test_generator_at_five_wards_imports_exactly_the_generated_people_per_ward(
    tmp_path: Path,
) -> None:
    data = build("city", tmp_path / "tiny.duckdb", cache=tmp_path / "cache", people=300, wards=5)
    assert len(data.people_per_ward) == 5
    assert data.people == 300
    with Store(data.db) as store:
        staff = dict(store.execute("select ward, count(*) from staff group by ward"))
        evaluations = store.execute(
            "select ward, year, count(*), count(staff_id) from evaluations group by all"
        )
        tasks = dict(store.execute("select ward, count(*) from plan_tasks group by ward"))
    assert staff == data.people_per_ward
    # Every person has a linked result in each of the five years, in their own ward.
    assert sorted(evaluations) == sorted(
        (ward, year, n, n) for ward, n in data.people_per_ward.items() for year in EVALUATION_YEARS
    )
    plan = next(f for f in data.files if f.kind == "plan")
    assert set(tasks) == set(data.people_per_ward)
    assert sum(tasks.values()) == plan.rows
