"""The snapshot archive: every export kept and downloadable again; two snapshots compared.

Two hand-written states of Phường Thử with known differences between them: two people hired,
one gap closed (an upgrade to Đại học), one gap opened (a move into Đất đai without a matching
major), one task completed. The comparison must name exactly those.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from analytics.export import archive, make_export
from analytics.export.archive import GapChange, Kept, TaskChange
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_plan, add_progress, add_roster

BEFORE_AS_OF, AFTER_AS_OF = dt.date(2026, 3, 31), dt.date(2026, 9, 30)
TASKS = [
    {"task_code": "2", "title": "Rà soát, đánh giá đội ngũ", "due_date": dt.date(2026, 6, 30)},
    {"task_code": "3", "title": "Bố trí theo khung tiêu chuẩn", "due_date": dt.date(2026, 12, 31)},
]


def _people(after: bool) -> list[dict[str, object]]:
    people: list[dict[str, object]] = [
        {
            "staff_id": "P1",
            "full_name": "Phạm Văn Một",
            "education_level": "Đại học" if after else "Trung cấp",
        },
        {"staff_id": "P2", "full_name": "Lê Thị Hai", "gender": "Nữ"},
        {
            "staff_id": "P3",
            "full_name": "Hoàng Văn Ba",
            "field": "Đất đai" if after else "Văn hóa – Xã hội",
        },
        {"staff_id": "P4", "full_name": "Vũ Thị Bốn", "gender": "Nữ"},
        {"staff_id": "P5", "full_name": "Đặng Văn Năm"},
    ]
    if after:
        people += [
            {"staff_id": "P6", "full_name": "Trịnh Văn Sáu"},
            {"staff_id": "P7", "full_name": "Mai Thị Bảy", "gender": "Nữ"},
        ]
    return people


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store(tmp_path / "archive.duckdb")


@pytest.fixture
def two_meetings(store: Store) -> tuple[int, int]:
    """An export before each of two meetings; returns their archive numbers."""
    add_roster(store, _people(after=False), as_of=BEFORE_AS_OF)
    add_plan(store, TASKS)
    add_progress(
        store, [{"task_code": "2", "report_date": dt.date(2026, 3, 15), "status": "Đang thực hiện"}]
    )
    first = make_export(
        store,
        Scope(),
        "xlsx",
        today=dt.date(2026, 4, 1),
        made_at=dt.datetime(2026, 4, 1, 8, 0),
        made_by="Tổ chức",
    )
    add_roster(store, _people(after=True), as_of=AFTER_AS_OF)
    add_progress(
        store, [{"task_code": "2", "report_date": dt.date(2026, 6, 25), "status": "Hoàn thành"}]
    )
    second = make_export(
        store,
        Scope(),
        "pdf",
        today=dt.date(2026, 10, 1),
        made_at=dt.datetime(2026, 10, 1, 14, 0),
        made_by="Văn phòng",
        chart_images=False,
    )
    assert first.export_id is not None and second.export_id is not None
    return first.export_id, second.export_id


def test_the_migration_creates_the_archive_table(store: Store) -> None:
    columns = {
        r[0]
        for r in store.execute(
            "select column_name from information_schema.columns where table_name = 'exports'"
        )
    }
    assert {
        "export_id",
        "kind",
        "view",
        "scope",
        "scope_text",
        "data_version",
        "as_of",
        "created_at",
        "created_by",
        "file_name",
        "bytes",
        "figures",
    } <= columns


def test_every_export_is_kept_with_filters_data_version_time_and_author(
    store: Store, two_meetings: tuple[int, int]
) -> None:
    kept = archive.list_exports(store)
    assert list(kept["export_id"]) == list(reversed(two_meetings))  # newest first
    first = kept.iloc[1]
    assert first["kind"] == "xlsx"
    assert first["view"] == "toan-bo"
    assert first["scope_text"] == "Toàn bộ (không lọc)"
    assert first["created_by"] == "Tổ chức"
    assert first["created_at"] == dt.datetime(2026, 4, 1, 8, 0)
    assert first["as_of"].date() == BEFORE_AS_OF
    assert first["file_name"] == "bao-cao_phuong-thu_31-03-2026.xlsx"
    assert kept.iloc[0]["data_version"] != first["data_version"]  # an import and a report since
    assert "bytes" not in kept.columns  # the list never carries the files


def test_a_kept_file_downloads_again_byte_for_byte(
    store: Store, two_meetings: tuple[int, int]
) -> None:
    name, data = archive.fetch(store, Scope(), two_meetings[1]) or ("", b"")
    assert name == "bao-cao_phuong-thu_30-09-2026.pdf"
    assert data.startswith(b"%PDF")
    size = store.execute("select size_bytes from exports where export_id = ?", [two_meetings[1]])[
        0
    ][0]
    assert len(data) == size
    assert archive.fetch(store, Scope(), 999) is None


def test_the_comparison_names_exactly_the_planted_differences(
    store: Store, two_meetings: tuple[int, int]
) -> None:
    c = archive.compare(store, *two_meetings)
    assert c.head_count == (5, 7)
    assert c.head_count_change == 2
    assert sorted(c.joined or []) == ["Mai Thị Bảy", "Trịnh Văn Sáu"]
    assert c.left == []
    assert c.gaps_closed == [
        GapChange("P1", "Phạm Văn Một", "Trình độ chuyên môn", "chưa đạt", "nay đạt")
    ]
    assert c.gaps_opened == [GapChange("P3", "Hoàng Văn Ba", "Chuyên ngành", "chưa đạt")]
    assert c.tasks_completed == [
        TaskChange("2", "Rà soát, đánh giá đội ngũ", "Đang thực hiện", "Hoàn thành")
    ]
    assert c.tasks_overdue == []
    # Qualification shares: Đại học 4 of 5 -> 7 of 7; Trung cấp 1 of 5 -> none.
    education = c.shares[c.shares["dimension"] == "Trình độ chuyên môn"].set_index("category")
    assert education.loc["Đại học", "before"] == pytest.approx(0.8)
    assert education.loc["Đại học", "after"] == pytest.approx(1.0)
    assert education.loc["Trung cấp", "change"] == pytest.approx(-0.2)
    lines = c.lines()
    assert "Tổng số CBCC: 5 → 7 (+2 người)." in lines
    assert "Mới có trong danh sách (2): Mai Thị Bảy, Trịnh Văn Sáu." in lines
    assert (
        "Khoảng trống đã đóng (1): Phạm Văn Một: Trình độ chuyên môn (chưa đạt) — nay đạt." in lines
    )
    assert "Khoảng trống mới (1): Hoàng Văn Ba: Chuyên ngành (chưa đạt)." in lines
    assert (
        "Nhiệm vụ hoàn thành thêm (1): Nhiệm vụ 2: Rà soát, đánh giá đội ngũ (Đang thực hiện → Hoàn thành)."
        in lines
    )
    assert "Trình độ đại học trở lên: 80,0% → 100,0% (+20,0 điểm %)." in lines
    assert not any("Không còn trong danh sách" in line for line in lines)
    assert not c.warnings


def test_the_earlier_snapshot_is_always_before(store: Store, two_meetings: tuple[int, int]) -> None:
    forward = archive.compare(store, *two_meetings)
    backward = archive.compare(store, two_meetings[1], two_meetings[0])
    assert backward.lines() == forward.lines()
    assert backward.before.export_id == two_meetings[0]


def test_the_comparison_reads_the_kept_figures_not_todays_data(
    store: Store, two_meetings: tuple[int, int]
) -> None:
    add_roster(
        store, _people(after=True)[:3], as_of=dt.date(2026, 12, 31)
    )  # four people leave later
    assert archive.compare(store, *two_meetings).head_count == (5, 7)


def _kept(
    export_id: int, figures: dict[str, object], scope_text: str = "Toàn bộ (không lọc)"
) -> Kept:
    return Kept(
        export_id,
        dt.date(2026, export_id, 1),
        dt.datetime(2026, export_id, 2),
        None,
        scope_text,
        figures,
    )


def test_a_closed_gap_says_what_became_of_it() -> None:
    gap = {
        "criterion": "education_level",
        "criterion_label": "Trình độ chuyên môn",
        "result": "chưa đạt",
    }
    before = {
        "head_count": 3,
        "people": {"A": "An", "B": "Bình", "C": "Cúc"},
        "gaps": [
            {**gap, "staff_id": s, "full_name": n}
            for s, n in (("A", "An"), ("B", "Bình"), ("C", "Cúc"))
        ],
        "checked": {"education_level": ["A", "B", "C"]},
    }
    after = {
        "head_count": 2,
        "people": {"B": "Bình", "C": "Cúc"},
        "gaps": [{**gap, "staff_id": "B", "full_name": "Bình", "result": "chưa có dữ liệu"}],
        "checked": {"education_level": ["B"]},  # C is no longer checked against this standard
    }
    c = archive.compare_kept(_kept(1, before), _kept(2, after))
    now = {g.full_name: g.now for g in c.gaps_closed or []}
    assert now == {
        "An": "không còn trong danh sách",
        "Bình": "nay chưa có dữ liệu",
        "Cúc": "tiêu chuẩn không còn áp dụng",
    }
    assert c.left == ["An"]


def test_snapshots_with_different_filters_are_flagged() -> None:
    c = archive.compare_kept(
        _kept(1, {"head_count": 3}, "Toàn bộ (không lọc)"),
        _kept(2, {"head_count": 1}, "Giới tính: Nữ"),
    )
    assert c.warnings and "phạm vi lọc khác nhau" in c.warnings[0]
    assert c.lines()[0] == c.warnings[0]


def test_a_viewer_opens_only_aggregate_snapshots_and_sees_no_names(
    store: Store, two_meetings: tuple[int, int]
) -> None:
    viewer = Scope(role="viewer")
    assert archive.list_exports(store, viewer).empty  # both were made with people lists
    first = make_export(
        store, viewer, "xlsx", today=dt.date(2026, 10, 1), made_at=dt.datetime(2026, 10, 2, 9, 0)
    )
    second = make_export(
        store, viewer, "xlsx", today=dt.date(2026, 10, 1), made_at=dt.datetime(2026, 10, 3, 9, 0)
    )
    assert list(archive.list_exports(store, viewer)["export_id"]) == [
        second.export_id,
        first.export_id,
    ]
    figures = json.loads(
        store.execute("select figures from exports where export_id = ?", [first.export_id])[0][0]
    )
    assert figures["people"] is None and figures["gaps"] is None
    c = archive.compare(store, first.export_id or 0, second.export_id or 0)
    assert c.joined is None and c.gaps_opened is None
    assert not any("Hoàng Văn Ba" in line for line in c.lines())


def test_a_unit_head_opens_only_their_units_snapshots(
    store: Store, two_meetings: tuple[int, int]
) -> None:
    head = Scope(role="unit_head", role_unit="Phòng Văn hóa – Xã hội")
    assert archive.list_exports(store, head).empty
    own = make_export(store, head, "xlsx", today=dt.date(2026, 10, 1))
    assert list(archive.list_exports(store, head)["export_id"]) == [own.export_id]
    assert len(archive.list_exports(store, Scope(role="hr"))) == 3
