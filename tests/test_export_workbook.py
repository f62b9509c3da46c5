"""The Excel workbook of a snapshot: opened with openpyxl and read back cell by cell."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.workbook.workbook import Workbook

from analytics.export import make_export
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_plan, add_progress, add_roster

TODAY = dt.date(2026, 10, 15)
MADE_AT = dt.datetime(2026, 10, 15, 9, 30)
SHEETS = [
    "Tổng quan",
    "Cơ cấu đội ngũ",
    "Chưa đạt tiêu chuẩn",
    "Xếp loại",
    "Cần xem xét",
    "Tạm chưa xem xét",
    "Kế hoạch",
    "Nghỉ hưu theo đơn vị",
    "Đến tuổi nghỉ hưu",
    "Chuyển đổi vị trí",
    "Đến hạn chuyển đổi",
    "Vị trí sắp trống",
    "Biên chế, định mức",
    "Nhu cầu đào tạo",
    "Nguồn số liệu",
]


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """Three people of Phường Thử: one whose texts look like formulas and who lacks the degree
    and the matching major; two tasks, one with a due date."""
    store = Store(tmp_path / "wb.duckdb")
    add_roster(
        store,
        [
            {
                "staff_id": "A",
                "full_name": "=1+1",
                "position": "@abc",
                "field": "Đất đai",
                "major": "-5 tuổi",
                "education_level": "Trung cấp",
                "gender": "Nữ",
            },
            {"staff_id": "B", "full_name": "Nguyễn Văn Bình", "gender": "Nam"},
            {"staff_id": "C", "full_name": "Trần Thị Cúc", "gender": "Nữ", "party_member": True},
        ],
        as_of=dt.date(2026, 9, 30),
    )
    add_plan(
        store,
        [
            {
                "task_code": "2",
                "title": "Rà soát đội ngũ",
                "due_date": dt.date(2026, 6, 30),
                "lead_unit": "Phòng Văn hóa – Xã hội",
            },
            {
                "task_code": "4",
                "title": "+Đánh giá thường xuyên",
                "recurring": True,
                "deadline_text": "Thường xuyên",
            },
        ],
    )
    add_progress(
        store,
        [
            {
                "task_code": "2",
                "report_date": dt.date(2026, 6, 25),
                "status": "Hoàn thành",
                "percent": 100,
            }
        ],
    )
    return store


def _book(store: Store, scope: Scope | None = None, view: str = "toan-bo") -> Workbook:
    made = make_export(
        store,
        scope or Scope(),
        "xlsx",
        view=view,
        today=TODAY,
        made_at=MADE_AT,
        made_by="Người thử",
        record=False,
    )
    assert made.data[:2] == b"PK"
    return load_workbook(io.BytesIO(made.data))


def _find_row(ws, column: int, value: str) -> int:
    for row in range(1, ws.max_row + 1):
        if ws.cell(row, column).value == value:
            return row
    raise AssertionError(f"{value!r} not in column {column} of {ws.title}")


def test_one_sheet_per_table_in_screen_order(store: Store) -> None:
    assert _book(store).sheetnames == SHEETS


def test_every_sheet_carries_the_ward_header_block_with_the_filters(store: Store) -> None:
    book = _book(store, Scope(units=("Phòng Văn hóa – Xã hội",)))
    for ws in book:
        assert ws["A1"].value == "UBND PHƯỜNG THỬ"
        assert ws["A3"].value == "(Số liệu tính đến ngày 30/09/2026)"
        assert ws["A4"].value == "Phạm vi lọc: Đơn vị: Phòng Văn hóa – Xã hội"
        assert "15/10/2026 09:30" in ws["A5"].value
        assert "Người thử" in ws["A5"].value
    assert book["Cơ cấu đội ngũ"]["A2"].value == "CƠ CẤU ĐỘI NGŨ THEO ĐƠN VỊ (MẪU BM02/BNV)"


def test_headers_are_frozen_and_filtered(store: Store) -> None:
    book = _book(store)
    gaps = book["Chưa đạt tiêu chuẩn"]
    assert [c.value for c in gaps[7]][:3] == ["Họ và tên", "Đơn vị", "Chức vụ"]
    assert gaps.freeze_panes == "B8"
    assert gaps.auto_filter.ref == f"A7:K{gaps.max_row - 3}"  # header + rows, notes below
    composition = book["Cơ cấu đội ngũ"]
    # Two header rows: the official groups over their columns.
    assert composition["A7"].value == "Đơn vị"
    assert composition["C7"].value == "Trong đó"
    assert composition["C8"].value == "Đảng viên"
    assert composition.freeze_panes == "B9"
    assert composition.auto_filter.ref.startswith("A8:")
    assert "C7:F7" in {str(r) for r in composition.merged_cells.ranges}


def test_composition_totals_are_the_hand_counted_figures(store: Store) -> None:
    ws = _book(store)["Cơ cấu đội ngũ"]
    total = _find_row(ws, 1, "Tổng cộng")
    headers = {ws.cell(8, c).value or ws.cell(7, c).value: c for c in range(1, ws.max_column + 1)}
    assert ws.cell(total, headers["Tổng số"]).value == 3
    assert ws.cell(total, headers["Nữ"]).value == 2
    assert ws.cell(total, headers["Đảng viên"]).value == 1
    assert ws.cell(total, headers["Tổng số"]).data_type == "n"


def test_text_that_looks_like_a_formula_stays_text(store: Store) -> None:
    ws = _book(store)["Chưa đạt tiêu chuẩn"]
    row = _find_row(ws, 1, "=1+1")
    cells = {ws.cell(7, c).value: ws.cell(row, c) for c in range(1, ws.max_column + 1)}
    assert cells["Họ và tên"].value == "=1+1"
    assert cells["Họ và tên"].data_type == "s"
    assert cells["Chức vụ"].value == "@abc"
    assert cells["Chức vụ"].data_type == "s"
    majors = [ws.cell(r, list(cells).index("Hiện có") + 1) for r in range(8, ws.max_row + 1)]
    minus = [c for c in majors if c.value == "-5 tuổi"]
    assert minus and all(c.data_type == "s" for c in minus)
    plan = _book(store)["Kế hoạch"]
    title = plan.cell(_find_row(plan, 2, "+Đánh giá thường xuyên"), 2)
    assert title.data_type == "s"


def test_dates_are_dates_shown_day_month_year(store: Store) -> None:
    ws = _book(store)["Kế hoạch"]
    headers = [c.value for c in ws[7]]
    row = _find_row(ws, 1, "2")
    due = ws.cell(row, headers.index("Hạn hoàn thành") + 1)
    assert due.value == dt.datetime(2026, 6, 30)
    assert due.is_date
    assert due.number_format == "dd/mm/yyyy"
    report = ws.cell(row, headers.index("Báo cáo gần nhất") + 1)
    assert report.value == dt.datetime(2026, 6, 25)
    assert report.number_format == "dd/mm/yyyy"


def test_a_year_is_not_written_with_a_thousands_mark(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        ws = _book(store)["Xếp loại"]
    year = ws["A8"]
    assert year.value == 2026
    assert year.number_format == "0"


def test_the_demo_ward_workbook_counts_forty_people(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        book = _book(store)
    overview = book["Tổng quan"]
    assert overview["A1"].value == "UBND PHƯỜNG VIỆT HÒA"
    assert overview["A8"].value == "Tổng số CBCC (người)"
    assert (overview["B8"].value, overview["C8"].value, overview["D8"].value) == (40, 39, 1)
    composition = book["Cơ cấu đội ngũ"]
    total = _find_row(composition, 1, "Tổng cộng")
    assert composition.cell(total, 2).value == 40
    review = book["Cần xem xét"]
    names = {review.cell(r, 1).value for r in range(8, review.max_row + 1)}
    assert "Đỗ Mạnh Giang" in names  # the planted KHTNV year (demo facts)


def test_a_screen_exports_only_its_tables(store: Store) -> None:
    assert _book(store, view="ke-hoach").sheetnames == ["Tổng quan", "Kế hoạch", "Nguồn số liệu"]


def test_a_viewer_gets_no_people_lists(store: Store) -> None:
    book = _book(store, Scope(role="viewer"))
    assert "Chưa đạt tiêu chuẩn" not in book.sheetnames
    assert "Cần xem xét" not in book.sheetnames
    notes = [c.value for c in book["Tổng quan"]["A"] if c.value]
    assert any("danh sách người nên không kèm theo" in str(n) for n in notes)


def test_an_empty_database_still_gives_a_workbook_that_says_what_is_missing(tmp_path: Path) -> None:
    book = _book(Store(tmp_path / "empty.duckdb"))
    assert book.sheetnames == SHEETS
    plan = book["Kế hoạch"]
    assert plan["A8"].value.startswith("Chưa có kế hoạch")


# ==================================================================== issue 10: charts and print
def _cells(book: Workbook, reference: str) -> list[object]:
    """The values of a chart's range "'Sheet'!$M$8:$S$8", read back from the sheet."""
    sheet, cells = reference.rsplit("!", 1)
    rows = book[sheet.strip("'")][cells.replace("$", "")]
    return [cell.value for row in rows for cell in row]


def _charts(book: Workbook, sheet: str) -> dict[str, tuple[list[object], list[object]]]:
    """title -> (categories, values) of each chart on ``sheet``, from the cells it reads."""
    out = {}
    for chart in book[sheet]._charts:
        title = "".join(run.t for p in chart.title.tx.rich.p for run in (p.r or []))
        series = chart.series[0]
        categories = series.cat.strRef.f if series.cat.strRef else series.cat.numRef.f
        out[title] = (_cells(book, categories), _cells(book, series.val.numRef.f))
    return out


def test_the_headline_distributions_are_native_charts_reading_the_sheets_cells(
    demo_db: Path,
) -> None:
    with Store(demo_db, read_only=True) as store:
        book = _book(store)
    composition = _charts(book, "Cơ cấu đội ngũ")
    # The demo ward's 40 people by level (its BM02 total row): ThS 4, ĐH 32, CĐ 1, TC 1 and
    # 2 without a level; by LLCT: Cử nhân 1, CC 2, TC 32, SC 1 and 4 without.
    assert composition["Trình độ chuyên môn (người)"] == (
        ["TS", "ThS", "ĐH", "CĐ", "TC", "SC", "Chưa cập nhật"],
        [0, 4, 32, 1, 1, 0, 2],
    )
    assert composition["Lý luận chính trị (người)"] == (
        ["Cử nhân", "CC", "TC", "SC", "Chưa cập nhật"],
        [1, 2, 32, 1, 4],
    )
    grades = _charts(book, "Xếp loại")
    categories, values = grades["Xếp loại năm 2026 (người)"]
    assert categories == ["HTXSNV", "HTTNV", "HTNV", "KHTNV", "Không xếp loại"]
    year_total = book["Xếp loại"].cell(_find_row(book["Xếp loại"], 2, "Tổng cộng"), 8).value
    assert sum(v for v in values if isinstance(v, int)) == year_total == 40
    tasks = _charts(book, "Tổng quan")["Nhiệm vụ theo tình trạng"]
    # The demo plan's 8 tasks: 1 done, 1 overdue (the cover's cards), the rest in progress or
    # not started.
    assert tasks[0] == [
        "Nhiệm vụ: hoàn thành",
        "Nhiệm vụ: đang thực hiện",
        "Nhiệm vụ: quá hạn",
        "Nhiệm vụ: chưa thực hiện",
    ]
    assert tasks[1][0] == 1 and tasks[1][2] == 1 and sum(tasks[1]) == 8
    assert _charts(book, "Kế hoạch") == {}  # the list of tasks has no chart of its own


def test_every_sheet_prints_on_a4_one_page_wide_with_its_header_rows_repeated(
    store: Store,
) -> None:
    book = _book(store)
    for ws in book:
        assert ws.page_setup.paperSize == 9, ws.title  # A4, the wide official form too
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0
        header_rows = "$7:$8" if ws.title == "Cơ cấu đội ngũ" else "$7:$7"
        assert ws.print_title_rows == header_rows, ws.title
        assert ws.oddHeader.left.text == "Phường Thử · số liệu đến ngày 30/09/2026", ws.title
        assert ws.oddFooter.right.text == "Trang &P/&N"
    assert book["Tổng quan"].page_setup.orientation == "portrait"  # four columns
    assert book["Chưa đạt tiêu chuẩn"].page_setup.orientation == "landscape"  # eleven


def test_the_last_sheet_lists_the_files_the_figures_come_from(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        book = _book(store)
        # The training records are no figure of this workbook (their plan is a file of its own).
        imported = store.execute(
            "select file_name, imported_at from imports where kind <> 'training' order by import_id"
        )
    sources = book["Nguồn số liệu"]
    assert [c.value for c in sources[7]] == ["Tệp", "Loại", "Số liệu", "Số dòng", "Nhập lúc"]
    rows = {r[0]: r for r in sources.iter_rows(min_row=8, max_row=15, values_only=True)}
    assert set(rows) == {str(name) for name, _ in imported}
    for name, at in imported:
        assert rows[str(name)][4] == f"{at:%d/%m/%Y %H:%M}"
    assert rows["roster_2026-09-30.xlsx"][1:4] == (
        "Danh sách cán bộ, công chức",
        "danh sách đến 30/09/2026",
        40,
    )
    assert "Phiên bản" not in (book.properties.description or "")
