"""The benchmark: its generator imports exactly what it wrote, and at ward scale the whole run
works and every figure's pandas recompute equals our query's."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path

import pytest

from analytics import cli, filters
from analytics.bench import generate
from analytics.bench.generate import EVALUATION_YEARS, build, ward_names
from analytics.bench.measure import SCOPE_LABELS, compare_figures, measure_exports
from analytics.bench.pandas_side import FIGURES
from analytics.ingest.normalize import ward_name
from analytics.store import Store
from ui.screens import MULTI_WARD_SCREENS

# the ward bench holds one ward: no comparison of wards (ui.screens.MULTI_WARD_SCREENS)
PAGES = sorted(
    p.name
    for p in (Path(__file__).resolve().parents[1] / "pages").glob("*.py")
    if f"pages/{p.name}" not in MULTI_WARD_SCREENS
)


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
    assert generate.province_of(ward_names(5)) is None  # Hải Phòng's: the reference places them


def test_past_hai_phongs_wards_the_roster_names_34_provinces_the_sidebar_groups_by(
    tmp_path: Path,
) -> None:
    names = ward_names(3_321)
    national = generate.province_of(names)
    assert national is not None
    assert len(set(national.values())) == 34
    blocks = Counter(national.values())
    assert min(blocks.values()) >= 97 and max(blocks.values()) <= 98  # 3,321 / 34 ≈ 97.7
    # a tiny run past 114 wards: the column is written, imported and read by the filters
    data = build(
        "national", tmp_path / "tiny.duckdb", cache=tmp_path / "cache", people=600, wards=136
    )
    expected = generate.province_of(ward_names(136))
    assert expected is not None
    with Store(data.db) as store:
        staff = dict(store.execute("select distinct ward, province from staff"))
        known = filters.ward_provinces(store)
    assert set(staff) == set(data.people_per_ward)
    assert staff == {ward: expected[ward] for ward in staff}
    assert {ward: known[ward] for ward in staff} == staff
    assert len(set(staff.values())) == 34  # every block of 4 wards has people


@pytest.fixture(scope="module")
def ward_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, list[str], dict, Path]:
    """``python -m analytics bench --scale ward --repeat 1`` once, its files in a temporary
    folder: (exit code, stdout lines, the --out JSON, the database)."""
    import io
    from contextlib import redirect_stdout

    folder = tmp_path_factory.mktemp("bench")
    patch = pytest.MonkeyPatch()
    patch.setattr(generate, "CACHE", folder / "cache")  # the rosters and demo files go here
    db, out = folder / "bench_ward.duckdb", folder / "bench_ward.json"
    printed = io.StringIO()
    try:
        with redirect_stdout(printed):
            code = cli.main(
                ["bench", "--scale", "ward", "--repeat", "1", "--db", str(db), "--out", str(out)]
            )
    finally:
        patch.undo()
    return code, printed.getvalue().strip().splitlines(), json.loads(out.read_text("utf-8")), db


@pytest.mark.slow
def test_ward_bench_prints_tables_then_one_json_line_with_every_figure(ward_run) -> None:
    code, lines, saved, _db = ward_run
    assert code == 0
    assert json.loads(lines[-1]) == saved  # the last line, and --out, hold the same object
    assert "## Đo tốc độ — quy mô ward: 40 người, 1 phường/xã, 1 lần mỗi phép đo" in lines
    assert saved["scale"] == {"name": "ward", "people": 40, "wards": 1}
    imported = saved["import"]
    assert imported["rows"] == 2_000
    for key in ("ours_seconds", "calamine_seconds", "pandas_seconds"):
        assert imported[key] > 0
    # The seconds are printed to the millisecond, the ratios from the unrounded times: a rounded
    # time of a few milliseconds moves the ratio by up to 0.0005 s / that time.
    calamine, ours = imported["calamine_seconds"], imported["ours_seconds"]
    assert imported["ratio_ours_calamine"] == pytest.approx(
        ours / calamine, rel=0.0005 / calamine + 0.0005 / ours, abs=0.01
    )
    assert imported["ratio_pandas_ours"] == pytest.approx(
        imported["pandas_seconds"] / ours,
        rel=0.0005 / ours + 0.0005 / imported["pandas_seconds"],
        abs=0.01,
    )
    # every figure under every scope, beside pandas
    assert {(f["figure"], f["scope"]) for f in saved["figures"]} == {
        (f.key, s) for f in FIGURES for s in SCOPE_LABELS
    }
    for figure in saved["figures"]:
        assert figure["ours_median_ms"] > 0 and figure["pandas_median_ms"] > 0
        assert figure["ours_p95_ms"] >= figure["ours_median_ms"]
        assert figure["ratio_ours_pandas"] is not None
    assert saved["all_same_numbers"]
    queried = {(q["query"], q["scope"]) for q in saved["queries"]}
    assert {q for q, _ in queried} >= {
        "overview", "distribution", "distribution[unit]", "people", "placement_summary",
        "gap_counts[field]", "grade_mix", "plan_counts", "data_quality_summary", "filter_options",
    }  # fmt: skip
    assert {s for q, s in queried if q == "people"} == set(SCOPE_LABELS)
    assert [s["page"] for s in saved["screens"]] == PAGES
    for screen in saved["screens"]:
        assert screen["errors"] == [], screen
        assert screen["cold_seconds"] > 0
    assert saved["exports"]["xlsx"]["bytes"] > 0
    assert saved["exports"]["pdf"]["bytes"] > 0
    assert saved["memory"]["self_peak_rss_mb"] > 0
    assert saved["memory"]["children_peak_rss_mb"] > 0


@pytest.mark.slow
def test_every_pandas_recompute_gives_our_numbers_at_ward_scale(ward_run) -> None:
    *_, db = ward_run
    with Store(db) as store:
        pairs = compare_figures(store, dt.date.today())
    assert len(pairs) == len(FIGURES) * len(SCOPE_LABELS)
    for figure, scope, ours, theirs in pairs:
        assert ours == theirs, (figure, scope)
        assert ours not in ({}, [], None), (figure, scope)  # a figure with something to count


@pytest.mark.slow
def test_an_export_past_its_time_limit_is_stopped_and_reported(ward_run) -> None:
    *_, db = ward_run
    found = measure_exports(db, timeout=0.2)
    assert found["pdf"]["seconds"] is None
    assert found["pdf"]["stopped_after_seconds"] < 5
