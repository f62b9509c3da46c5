"""The materialised facts (analytics.marts): built once per data change, never stale.

Each mart table must hold exactly what its rule view derives from the sources, after an import,
an undo, a standards edit, and after an edit made outside the application (caught on open)."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import duckdb
import pytest

from analytics import marts, queries
from analytics.ingest.importer import ImportOptions, import_file, undo_import
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_roster

HR = "Nguyễn Thị Nhân Sự"


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "marts.duckdb"
    shutil.copy(demo_db, copy)
    return copy


def assert_fresh(store: Store) -> None:
    """Every mart equals its rule view row for row (both directions)."""
    for name in marts.MARTS:
        for a, b in ((f"mart_{name}", f"int_{name}"), (f"int_{name}", f"mart_{name}")):
            extra = store.execute(f"select count(*) from (from {a} except all from {b})")[0][0]
            assert extra == 0, (name, a, b, extra)


def test_the_demo_marts_hold_what_the_rules_derive(db: Path) -> None:
    with Store(db) as store:
        assert_fresh(store)
        # the demo ward's latest roster: 40 people (README), every snapshot kept in people
        assert store.execute("select count(*) from staff")[0][0] == 40
        assert (
            store.execute("select count(*) from people")[0][0]
            == store.execute("select count(*) from roster_rows")[0][0]
        )


def test_an_import_and_its_undo_rebuild_the_marts(db: Path, demo_db: Path) -> None:
    roster = demo_db.parent / "files" / "roster_2026-09-30.xlsx"
    with Store(db) as store:
        import_id = int(
            store.execute("select import_id from imports where file_name = ?", [roster.name])[0][0]
        )
        undo_import(store, import_id)
        assert_fresh(store)
        assert store.execute(
            "select count(*) from mart_people where import_id = ?", [import_id]
        ) == [(0,)]
        assert store.execute("select count(*) from staff")[0][0] == 39  # the 31/12/2025 list
        again = import_file(store, "roster", roster)
        assert again.status == "imported"
        assert_fresh(store)
        assert store.execute("select count(*) from staff")[0][0] == 40


def test_a_dry_run_leaves_the_marts_as_they_were(demo_db: Path) -> None:
    roster = demo_db.parent / "files" / "roster_2026-09-30.xlsx"
    store = Store(":memory:")
    add_roster(store, [{"staff_id": "A", "full_name": "Nguyễn Văn An"}])
    before = store.execute("select count(*), bit_xor(hash(m)) from mart_people as m")
    result = import_file(store, "roster", roster, options=ImportOptions(dry_run=True))
    assert result.status == "validated", result.errors
    assert result.rows_imported == 40
    assert store.execute("select count(*), bit_xor(hash(m)) from mart_people as m") == before
    assert before[0][0] == 1


def test_a_standards_edit_rebuilds_the_checks_at_once() -> None:
    store = Store(":memory:")
    add_roster(
        store,
        [
            {"staff_id": "A", "full_name": "Nguyễn Văn An", "education_level": "Cao đẳng"},
            {"staff_id": "B", "full_name": "Trần Thị Bình", "education_level": "Đại học"},
        ],
    )

    def below() -> set[str]:
        rows = store.execute(
            "select staff_id from mart_placement_checks "
            "where criterion = 'education_level' and result = 'chưa đạt'"
        )
        return {r[0] for r in rows}

    assert below() == {"A"}  # the seeded floor: Đại học
    queries.save_standard(store, {"standard_id": 1, "required": "Thạc sĩ"}, HR)
    assert below() == {"A", "B"}
    assert_fresh(store)
    # the review list follows the checks: both are now below the post's training standard
    assert set(queries.review_list(store, Scope())["staff_id"]) == {"A", "B"}


def test_an_edit_outside_the_application_is_caught_on_the_next_open(db: Path) -> None:
    with Store(db) as store:
        name = store.execute("select full_name from staff order by staff_id limit 1")[0][0]
    with duckdb.connect(str(db)) as con:  # a hand-run SQL update, as an administrator might
        con.execute("update roster_rows set education_level = 'Sơ cấp' where full_name = ?", [name])
    with Store(db) as store:
        assert_fresh(store)
        levels = store.execute("select education_level from staff where full_name = ?", [name])
        assert levels == [("Sơ cấp",)]


def test_an_unchanged_database_is_not_rebuilt_on_open(db: Path) -> None:
    with Store(db) as store, store.transaction() as cur:
        cur.execute("load icu")
        assert marts.install(cur) is False  # nothing changed since the last build
        cur.execute("update settings set value = value + 1 where key = 'retirement_age_male'")
        assert marts.install(cur) is True  # a rule input changed: rebuilt


def test_an_import_of_one_ward_replaces_only_that_wards_rows(db: Path, tmp_path: Path) -> None:
    # A second ward's list (the demo's people under another ward) next to the demo ward: its
    # import and its undo touch its own mart rows only, and every mart still equals its rules.
    from analytics.demo_files import build_demo_dataset, write_official_roster

    other = "Xã Thử Nghiệm"
    roster = tmp_path / "ds_xa_thu_nghiem.xlsx"
    write_official_roster(
        roster, build_demo_dataset().roster_2026, ward=other, as_of=dt.date(2026, 9, 30)
    )
    with Store(db) as store:
        before = {
            name: store.execute(f"select * from mart_{name} order by all") for name in marts.MARTS
        }
        result = import_file(store, "roster", roster, ImportOptions(ward=other))
        assert result.status == "imported", result.errors
        assert marts_touched(store, other) == 40  # the demo list: 40 people
        assert_fresh(store)
        for name in marts.MARTS:
            kept = store.execute(f"select * from mart_{name} where ward <> ? order by all", [other])
            assert kept == before[name], name
        undo_import(store, int(result.import_id or 0))
        assert marts_touched(store, other) == 0
        assert_fresh(store)


def marts_touched(store: Store, ward: str) -> int:
    return int(store.execute("select count(*) from mart_people where ward = ?", [ward])[0][0])
