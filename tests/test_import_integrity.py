"""Nothing is lost: rejected files change nothing, repeated files add nothing, snapshots keep
their history, originals are kept byte for byte, dry runs write nothing, odd rows are kept."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sheet_writers import (
    AN,
    BINH,
    ROSTER_HEADER,
    import_path,
    new_store,
    roster_rows,
    table_contents,
    write_csv,
    write_grid,
)

from analytics.demo_files import PlanTask, ProgressReport, write_plan, write_progress
from analytics.ingest import kinds
from analytics.ingest.issues import ImportRejected, Issue
from analytics.store import Store

AUTUMN = roster_rows(
    [
        AN,
        BINH,
        [3, "Lê Thị Cúc", 1990, "Nữ", "Phòng Văn hóa – Xã hội", "Chuyên viên", "ĐH", "TC", "CV"],
    ]
)


def winter_rows() -> list[list[object]]:
    """The same ward at 31/12/2026: Lê Thị Cúc left, Đỗ Văn Đức joined."""
    rows = roster_rows(
        [
            AN,
            [*BINH[:6], "ThS Luật", *BINH[7:]],  # Bình finished a master's degree
            [
                3,
                "Đỗ Văn Đức",
                "20/10/1996",
                "Nam",
                "Phòng Văn hóa – Xã hội",
                "Chuyên viên",
                "ĐH",
                "",
                "",
            ],
        ]
    )
    rows[4] = ["(Số liệu tính đến ngày 31/12/2026)"]
    return rows


@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


@pytest.fixture
def full(store: Store, tmp_path: Path) -> Store:
    """A database holding one file of every kind."""
    roster = write_grid(tmp_path / "ds.xlsx", AUTUMN)
    evaluation = write_csv(
        tmp_path / "dg.csv",
        [
            ["Họ và tên", "Ngày sinh", "Năm", "Xếp loại"],
            ["Nguyễn Văn An", "12/03/1975", 2025, "HTTNV"],
        ],
    )
    plan = tmp_path / "kh.xlsx"
    write_plan(plan, [PlanTask("1", "Quán triệt", "Các đơn vị", "", "Thường xuyên")])
    progress = tmp_path / "td.csv"
    write_progress(progress, [ProgressReport("1", dt.date(2026, 6, 30), "Đang thực hiện")])
    for kind, path in (
        ("roster", roster),
        ("evaluation", evaluation),
        ("plan", plan),
        ("progress", progress),
    ):
        result = import_path(store, kind, path)
        assert result.status == "imported", (kind, result.errors)
    return store


def test_fixture_database_holds_rows_in_every_table(full: Store) -> None:
    tables = table_contents(full)
    core = ("imports", "roster_rows", "evaluation_rows", "plan_task_rows", "progress_reports")
    assert {name: len(tables[name]) for name in core} == {
        "imports": 4,
        "roster_rows": 3,
        "evaluation_rows": 1,
        "plan_task_rows": 1,
        "progress_reports": 1,
    }


def test_a_rejected_roster_leaves_every_table_exactly_as_it_was(
    full: Store, tmp_path: Path
) -> None:
    before = table_contents(full)
    path = write_grid(tmp_path / "rong.xlsx", [["TT", "Họ và tên", "Ngày sinh"]])
    result = import_path(full, "roster", path)
    assert result.status == "rejected"
    assert table_contents(full) == before


@pytest.mark.parametrize("kind", ["roster", "evaluation", "plan", "progress"])
@pytest.mark.parametrize(
    "failure",
    [
        ImportRejected([Issue(file="x", message="lỗi giả", code="NO_RECORDS")]),
        RuntimeError("hỏng giữa chừng"),
    ],
)
def test_a_failure_after_rows_were_written_rolls_the_whole_import_back(
    full: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, failure: Exception
) -> None:
    files = {
        "roster": write_grid(tmp_path / "ds2.xlsx", winter_rows()),
        "evaluation": write_csv(
            tmp_path / "dg2.csv",
            [
                ["Họ và tên", "Ngày sinh", "Năm", "Xếp loại"],
                ["Trần Thị Bình", "05/07/1982", 2025, "HTXSNV"],
            ],
        ),
        "plan": tmp_path / "kh2.xlsx",
        "progress": tmp_path / "td2.csv",
    }
    write_plan(files["plan"], [PlanTask("1", "Quán triệt lại", "Các đơn vị", "", "Thường xuyên")])
    write_progress(
        files["progress"], [ProgressReport("1", dt.date(2026, 9, 30), "Hoàn thành", 100)]
    )
    real = kinds.REGISTRY[kind].load

    def load_then_fail(cur: Any, import_id: int, parsed: Any) -> list[Issue]:
        real(cur, import_id, parsed)
        raise failure

    monkeypatch.setitem(
        kinds.REGISTRY, kind, dataclasses.replace(kinds.REGISTRY[kind], load=load_then_fail)
    )
    before = table_contents(full)
    if isinstance(failure, ImportRejected):
        assert import_path(full, kind, files[kind]).status == "rejected"
    else:
        with pytest.raises(RuntimeError):
            import_path(full, kind, files[kind])
    assert table_contents(full) == before


def test_the_same_file_imported_twice_is_unchanged_the_second_time(
    store: Store, tmp_path: Path
) -> None:
    path = write_grid(tmp_path / "ds.xlsx", AUTUMN)
    first = import_path(store, "roster", path)
    after_first = table_contents(store)
    second = import_path(store, "roster", path)
    assert (first.status, second.status) == ("imported", "unchanged")
    assert second.import_id == first.import_id
    assert second.rows_imported == 0
    assert table_contents(store) == after_first


def test_the_same_bytes_under_another_name_are_unchanged_too(store: Store, tmp_path: Path) -> None:
    path = write_grid(tmp_path / "ds.xlsx", AUTUMN)
    copy = tmp_path / "ban_sao.xlsx"
    copy.write_bytes(path.read_bytes())
    import_path(store, "roster", path)
    assert import_path(store, "roster", copy).status == "unchanged"
    assert store.execute("select count(*) from roster_rows") == [(3,)]


def test_a_later_snapshot_is_added_and_staff_shows_only_the_latest(
    store: Store, tmp_path: Path
) -> None:
    import_path(store, "roster", write_grid(tmp_path / "ds_9.xlsx", AUTUMN))
    result = import_path(store, "roster", write_grid(tmp_path / "ds_12.xlsx", winter_rows()))
    assert result.status == "imported", result.errors
    assert store.execute(
        "select as_of, count(*) from roster_rows group by as_of order by as_of"
    ) == [
        (dt.date(2026, 9, 30), 3),
        (dt.date(2026, 12, 31), 3),
    ]
    assert store.execute(
        "select full_name, as_of, education_level from staff order by source_row"
    ) == [
        ("Nguyễn Văn An", dt.date(2026, 12, 31), "Thạc sĩ"),
        ("Trần Thị Bình", dt.date(2026, 12, 31), "Thạc sĩ"),
        ("Đỗ Văn Đức", dt.date(2026, 12, 31), "Đại học"),
    ]


def test_an_older_snapshot_imported_later_does_not_replace_the_latest(
    store: Store, tmp_path: Path
) -> None:
    import_path(store, "roster", write_grid(tmp_path / "ds_12.xlsx", winter_rows()))
    import_path(store, "roster", write_grid(tmp_path / "ds_9.xlsx", AUTUMN))
    assert store.execute("select count(*) from roster_rows") == [(6,)]
    assert store.execute("select distinct as_of from staff") == [(dt.date(2026, 12, 31),)]


def test_a_person_keeps_the_same_id_across_snapshots(store: Store, tmp_path: Path) -> None:
    import_path(store, "roster", write_grid(tmp_path / "ds_9.xlsx", AUTUMN))
    import_path(store, "roster", write_grid(tmp_path / "ds_12.xlsx", winter_rows()))
    ids = store.execute(
        "select count(distinct staff_id) from roster_rows where full_name = 'Trần Thị Bình'"
    )
    assert ids == [(1,)]


def test_accepted_originals_are_kept_byte_identical_with_their_sha256(
    store: Store, tmp_path: Path
) -> None:
    xlsx = write_grid(tmp_path / "ds.xlsx", AUTUMN)
    csv = write_csv(
        tmp_path / "dg.csv",
        [
            ["Họ và tên", "Ngày sinh", "Năm", "Xếp loại"],
            ["Nguyễn Văn An", "12/03/1975", 2025, "HTTNV"],
        ],
    )
    import_path(store, "roster", xlsx)
    import_path(store, "evaluation", csv)
    kept = store.execute(
        "select file_name, original, sha256, size_bytes, file_format from imports order by import_id"
    )
    expected = []
    for path, fmt in ((xlsx, "xlsx"), (csv, "csv")):
        data = path.read_bytes()
        expected.append((path.name, data, hashlib.sha256(data).hexdigest(), len(data), fmt))
    assert kept == expected


def test_a_rejected_file_is_not_kept(store: Store, tmp_path: Path) -> None:
    path = write_grid(tmp_path / "rong.xlsx", [["TT", "Họ và tên"]])
    assert import_path(store, "roster", path).status == "rejected"
    assert store.execute("select count(*) from imports") == [(0,)]


def test_dry_run_validates_and_writes_nothing(full: Store, tmp_path: Path) -> None:
    before = table_contents(full)
    path = write_grid(tmp_path / "ds_12.xlsx", winter_rows())
    result = import_path(full, "roster", path, dry_run=True)
    assert result.status == "validated"
    assert result.rows_imported == 3
    assert result.import_id is None
    assert table_contents(full) == before
    # A dry run does not mark the file as seen: the real import still happens.
    assert import_path(full, "roster", path).status == "imported"


def test_dry_run_reports_the_errors_a_real_import_would(store: Store, tmp_path: Path) -> None:
    path = write_grid(tmp_path / "rong.xlsx", [["TT", "Họ và tên"]])
    result = import_path(store, "roster", path, dry_run=True)
    assert result.status == "rejected"
    assert result.errors


def test_an_impossible_birth_date_keeps_the_person_without_the_date_and_warns_at_the_cell(
    store: Store, tmp_path: Path
) -> None:
    rows = roster_rows(
        [
            [1, "Nguyễn Văn An", "12/03/1975", "Nam", "", "", "", "", ""],
            [2, "Trần Thị Bình", "31/02/1985", "Nữ", "", "", "", "", ""],
        ],
        header=ROSTER_HEADER,
    )
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute(
        "select full_name, birth_date, birth_year from roster_rows order by source_row"
    ) == [
        ("Nguyễn Văn An", dt.date(1975, 3, 12), 1975),
        ("Trần Thị Bình", None, 1985),
    ]
    [warning] = result.warnings
    assert (warning.row, warning.column, warning.header) == (9, "C", "Ngày sinh")
    assert "31/02/1985" in warning.message
    assert "ô C9" in warning.text()


def test_a_birth_cell_that_is_not_a_date_keeps_the_person_and_warns(
    store: Store, tmp_path: Path
) -> None:
    rows = roster_rows([[1, "Nguyễn Văn An", "không rõ", "Nam", "", "", "", "", ""]])
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute("select full_name, birth_date, birth_year from roster_rows") == [
        ("Nguyễn Văn An", None, None)
    ]
    assert [(w.row, w.column) for w in result.warnings] == [(8, "C")]


def test_two_rows_of_the_same_person_are_both_kept_and_warned(store: Store, tmp_path: Path) -> None:
    rows = roster_rows(
        [
            [1, "Nguyễn Văn An", "12/03/1975", "Nam", "", "", "", "", ""],
            [2, "Nguyễn Văn An", "12/03/1975", "Nam", "", "", "", "", ""],
        ]
    )
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute("select count(*), count(distinct staff_id) from roster_rows") == [(2, 2)]
    assert [w.row for w in result.warnings] == [9]
