"""So sánh phường in the meeting exports (issue 11): the view ``so-sanh-phuong`` as three tables
(the screen's column groups) and the chart, in Excel, PDF and the CSV archive; in the whole
dashboard only for a reader who sees more than one ward. Figures worked by hand from the demo's
definitions: Việt Hòa 40 people (its 2026 roster), quota 42, norm 36; Tân Hưng 31 people
(analytics.demo_city), quota 34, norm 32 + 3,500 // 2,000 = 33."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from pypdf import PdfReader

from analytics import queries
from analytics.demo import build_demo
from analytics.demo_city import SECOND_QUOTA
from analytics.export import DASHBOARD, collect, make_export
from analytics.export.city_workbook import COMPARE_GROUPS, COMPARE_LABELS
from analytics.export.content import COMPARE_SECTIONS
from analytics.scope import Scope
from analytics.store import Store

TODAY = dt.date(2026, 11, 15)
VIET_HOA = "Phường Việt Hòa"
TAN_HUNG = "Phường Tân Hưng"


@pytest.fixture(scope="module")
def city_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("city")
    db = folder / "city.duckdb"
    results = build_demo(db, folder / "files", second_ward=True)
    assert all(r.status == "imported" for r in results), [r.as_json() for r in results]
    return db


def rows_of(frame_records: list[dict[Any, Any]]) -> dict[str, dict[Any, Any]]:
    return {str(r[COMPARE_LABELS["ward"]]): r for r in frame_records}


def test_the_comparison_view_has_the_three_tables_with_the_hand_worked_figures(
    city_db: Path,
) -> None:
    with Store(city_db, read_only=True) as store:
        snap = collect(store, Scope(role="leader"), view="so-sanh-phuong", today=TODAY)
    keys = [t.key for t in snap.tables]
    assert keys == ["overview", *COMPARE_SECTIONS]
    staffing = rows_of(snap.tables[1].frame.to_dict("records"))
    assert list(staffing) == [TAN_HUNG, VIET_HOA]  # ward order
    assert staffing[TAN_HUNG][COMPARE_LABELS["head_count"]] == 31
    assert staffing[TAN_HUNG][COMPARE_LABELS["norm"]] == 33
    assert staffing[TAN_HUNG][COMPARE_LABELS["quota"]] == SECOND_QUOTA == 34
    assert staffing[TAN_HUNG][COMPARE_LABELS["quota_gap"]] == 34 - 31
    assert staffing[TAN_HUNG][COMPARE_LABELS["as_of"]] == dt.date(2026, 6, 30)
    assert staffing[VIET_HOA][COMPARE_LABELS["head_count"]] == 40
    assert staffing[VIET_HOA][COMPARE_LABELS["quota"]] == 42
    assert staffing[VIET_HOA][COMPARE_LABELS["quota_gap"]] == 42 - 40
    assert staffing[VIET_HOA][COMPARE_LABELS["as_of"]] == dt.date(2026, 9, 30)
    for table, (key, _, columns) in zip(snap.tables[1:], COMPARE_GROUPS, strict=True):
        assert table.key == key
        assert table.flat_columns == [COMPARE_LABELS[c] for c in ("ward", *columns)]
    grades = rows_of(snap.tables[3].frame.to_dict("records"))
    # Tân Hưng has no plan: "—", never 0; its latest results are of 2025, Việt Hòa's of 2026.
    assert grades[TAN_HUNG][COMPARE_LABELS["done_tasks"]] == "—"
    assert grades[TAN_HUNG][COMPARE_LABELS["overdue_tasks"]] == "—"
    assert grades[TAN_HUNG][COMPARE_LABELS["evaluation_year"]] == "2025"
    assert grades[VIET_HOA][COMPARE_LABELS["evaluation_year"]] == "2026"
    # Each ward's row says what that ward's own overview says.
    for ward in (TAN_HUNG, VIET_HOA):
        with Store(city_db, read_only=True) as store:
            alone = queries.overview(store, Scope(role="leader", wards=(ward,)), TODAY)
        for grade in ("HTXSNV", "HTTNV", "HTNV", "KHTNV"):
            expected = alone.grade_counts.get(grade, 0)
            assert grades[ward][COMPARE_LABELS[grade.lower()]] == expected, (ward, grade)


def test_a_viewer_reads_small_counts_as_hidden_never_as_zero_or_a_figure(city_db: Path) -> None:
    with Store(city_db, read_only=True) as store:
        leader = collect(store, Scope(role="leader"), view="so-sanh-phuong", today=TODAY)
        viewer = collect(store, Scope(role="viewer"), view="so-sanh-phuong", today=TODAY)
    shown = rows_of(leader.tables[3].frame.to_dict("records"))
    hidden = rows_of(viewer.tables[3].frame.to_dict("records"))
    for ward in (TAN_HUNG, VIET_HOA):
        for grade in ("htxsnv", "httnv", "htnv", "khtnv"):
            n = shown[ward][COMPARE_LABELS[grade]]
            assert isinstance(n, int)
            expected = "< 3" if 0 < n < 3 else n
            assert hidden[ward][COMPARE_LABELS[grade]] == expected, (ward, grade)
    assert hidden[TAN_HUNG][COMPARE_LABELS["khtnv"]] == "< 3"  # one KHTNV in 2025
    assert any("< 3" in note for note in viewer.tables[3].notes)


def test_the_whole_dashboard_compares_wards_only_for_a_reader_of_several(city_db: Path) -> None:
    with Store(city_db, read_only=True) as store:
        city = collect(store, Scope(role="leader"), view=DASHBOARD, today=TODAY)
        ward = collect(store, Scope(role="leader", wards=(VIET_HOA,)), view=DASHBOARD, today=TODAY)
    assert set(COMPARE_SECTIONS) <= {t.key for t in city.tables}
    assert not set(COMPARE_SECTIONS) & {t.key for t in ward.tables}


def test_the_comparison_files_open_with_the_figures(city_db: Path, tmp_path: Path) -> None:
    with Store(city_db) as store:
        xlsx = make_export(store, Scope(role="leader"), "xlsx", view="so-sanh-phuong", today=TODAY)
        pdf = make_export(store, Scope(role="leader"), "pdf", view="so-sanh-phuong", today=TODAY)
        pack = make_export(store, Scope(role="leader"), "zip", view="so-sanh-phuong", today=TODAY)
        one = make_export(
            store, Scope(role="leader", wards=(VIET_HOA,)), "zip", view=DASHBOARD, today=TODAY
        )
    book = openpyxl.load_workbook(io.BytesIO(xlsx.data))
    assert book.sheetnames[1:4] == [
        "So sánh – biên chế",
        "So sánh – trình độ",
        "So sánh – xếp loại",
    ]
    sheet = book["So sánh – biên chế"]
    found = {
        row[0]: row[1:]
        for row in sheet.iter_rows(values_only=True)
        if row[0] in (TAN_HUNG, VIET_HOA)
    }
    assert found[TAN_HUNG][1:5] == (31, 33, 34, 3)
    assert found[VIET_HOA][1:5] == (40, 36, 42, 2)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "So sánh phường, xã: số người, định mức, biên chế" in text
    assert "Phường Tân Hưng 30/06/2026 31 33 34 3" in text
    assert "2.025" not in text  # a year, not a number with a thousands dot
    names = zipfile.ZipFile(io.BytesIO(pack.data)).namelist()
    assert any("so-sanh-dinh-muc" in n for n in names)
    assert sum(n.startswith("bang-") for n in names) == 4  # overview + three
    # One ward's whole dashboard: no comparison chart, no comparison table.
    one_names = zipfile.ZipFile(io.BytesIO(one.data)).namelist()
    assert not any("so-sanh" in n for n in one_names)
