"""Blank templates (analytics.templates): official layout, a guide sheet, and a round trip
through the real importer once a row is filled in."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from analytics.ingest.importer import ImportOptions, ImportResult, import_bytes
from analytics.store import Store
from analytics.templates import BLANK_ROWS, GUIDE_SHEET, KINDS, WARD_PLACEHOLDER, template_bytes

WARD = "Phường Việt Hòa"
# First row to fill, as the layouts of analytics.demo_files put it: roster header in rows 7–8
# and the numbering row 9; evaluation header row 6; plan header row 7; progress header row 4.
FIRST_ROW = {"roster": 10, "evaluation": 7, "plan": 8, "progress": 5, "training": 7}
# Rows holding the column titles (the roster's birth columns "Nam | Nữ" sit in row 8).
HEADER_ROWS = {
    "roster": (7, 8),
    "evaluation": (6,),
    "plan": (7,),
    "progress": (4,),
    "training": (6,),
}

ROSTER_ROW = {
    "TT": 1,
    "Mã CBCC": "VH-001",
    "Họ và tên": "Trần Thị Mai",
    "Đơn vị": "Phòng VH-XH",
    "Nữ": "12/03/1988",
    "Chức vụ": "Trưởng phòng",
    "Lĩnh vực phụ trách": "Văn hóa – Xã hội",
    "Trình độ chuyên môn": "ThS Quản lý văn hóa",
    "Lý luận chính trị": "TC",
    "Quản lý nhà nước": "CV",
    "Tin học": "Cơ bản",
    "Ngoại ngữ": "Tiếng Anh B1",
    "Ngạch": "01.003",
    "Đảng viên": "x",
    "Dân tộc": "Kinh",
    "Tôn giáo": "Không",
}
EVALUATION_ROW = {
    "STT": 1,
    "Mã CBCC": "VH-001",
    "Họ và tên": "Trần Thị Mai",
    "Ngày sinh": "12/03/1988",
    "Điểm đánh giá": 91.5,
    "Xếp loại": "Hoàn thành xuất sắc nhiệm vụ",
    "Tỷ lệ hồ sơ đúng hạn (%)": 98,
}
PLAN_ROW = {
    "TT": "2",
    "Nội dung nhiệm vụ": "Rà soát, đánh giá toàn bộ đội ngũ",
    "Cơ quan chủ trì": "Phòng Văn hóa – Xã hội",
    "Thời gian thực hiện": "Hoàn thành trong tháng 6/2026",
    "Sản phẩm": "Báo cáo rà soát",
}
PROGRESS_ROW = {
    "Mã nhiệm vụ": "2",
    "Ngày báo cáo": "15/06/2026",
    "Tình trạng": "Đang thực hiện",
    "Tỷ lệ hoàn thành (%)": 60,
}
ROWS = {
    "roster": ROSTER_ROW,
    "evaluation": EVALUATION_ROW,
    "plan": PLAN_ROW,
    "progress": PROGRESS_ROW,
}


def _columns(sheet: Worksheet, kind: str) -> dict[str, int]:
    found: dict[str, int] = {}
    for row in HEADER_ROWS[kind]:
        for cell in sheet[row]:
            if isinstance(cell.value, str):
                found.setdefault(cell.value, cell.column)
    return found


def filled(
    kind: str,
    values: dict[str, object],
    *,
    ward: str | None = WARD,
    title: dict[str, str] | None = None,
) -> bytes:
    """The template with one row filled in by column title (and title cells overwritten)."""
    _, data = template_bytes(kind, ward)
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    columns = _columns(sheet, kind)
    for header, value in values.items():
        sheet.cell(FIRST_ROW[kind], columns[header], value)
    for coordinate, text in (title or {}).items():
        sheet[coordinate] = text
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def load(store: Store, kind: str, data: bytes, **options: object) -> ImportResult:
    result = import_bytes(store, kind, data, f"{kind}.xlsx", ImportOptions(**options))  # type: ignore[arg-type]
    assert result.status == "imported", [e.text() for e in result.errors]
    return result


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


@pytest.mark.parametrize("kind", KINDS)
def test_each_template_is_an_xlsx_with_the_data_sheet_first_and_a_guide(kind: str) -> None:
    name, data = template_bytes(kind)
    assert name.endswith(".xlsx")
    book = load_workbook(io.BytesIO(data))
    assert [s.title for s in book.worksheets][1] == GUIDE_SHEET
    guide = book[GUIDE_SHEET]
    texts = [c.value for row in guide.iter_rows() for c in row if isinstance(c.value, str)]
    assert any(f"bắt đầu từ dòng {FIRST_ROW[kind]}" in t for t in texts)
    # One guide line per column of the data sheet, each with an explanation.
    header_count = len(_columns(book.worksheets[0], kind))
    if kind == "roster":
        header_count -= 1  # "Ngày, tháng, năm sinh" is the group over "Nam" and "Nữ"
    guide_rows = [r for r in guide.iter_rows(min_row=1) if r[0].value and len(str(r[0].value)) <= 2]
    assert len(guide_rows) == header_count
    assert all(r[3].value for r in guide_rows)


@pytest.mark.parametrize("kind", KINDS)
def test_a_blank_template_is_rejected_only_for_having_no_data_rows(store: Store, kind: str) -> None:
    _, data = template_bytes(kind, WARD)
    result = import_bytes(store, kind, data, "mau.xlsx", ImportOptions(dry_run=True))
    assert result.status == "rejected"
    assert len(result.errors) == 1
    assert "không có dòng dữ liệu" in result.errors[0].message


def test_the_roster_template_filled_with_one_person_imports(store: Store) -> None:
    data = filled("roster", ROSTER_ROW, title={"A5": "(Số liệu tính đến ngày 30/9/2026)"})
    result = load(store, "roster", data)
    assert result.rows_imported == 1
    assert result.wards == [WARD]
    assert result.as_of == dt.date(2026, 9, 30)
    row = store.execute(
        "select staff_id, full_name, birth_date, gender, unit, is_leader, education_level, major, "
        "political_theory, party_member, source_row from roster_rows"
    )
    assert row == [
        (
            "VH-001",
            "Trần Thị Mai",
            dt.date(1988, 3, 12),
            "Nữ",
            "Phòng Văn hóa – Xã hội",
            True,
            "Thạc sĩ",
            "Quản lý văn hóa",
            "Trung cấp",
            True,
            FIRST_ROW["roster"],
        )
    ]


def test_the_evaluation_template_imports_and_matches_the_person(store: Store) -> None:
    load(store, "roster", filled("roster", ROSTER_ROW), as_of=dt.date(2026, 9, 30))
    title = {"A4": "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC NĂM 2025"}
    result = load(store, "evaluation", filled("evaluation", EVALUATION_ROW, title=title))
    assert result.year == 2025
    row = store.execute(
        "select staff_id, match_method, year, grade, score, on_time_rate from evaluation_rows"
    )
    assert row == [("VH-001", "id", 2025, "HTXSNV", 91.5, 98.0)]


def test_the_plan_and_progress_templates_import(store: Store) -> None:
    load(store, "plan", filled("plan", PLAN_ROW))
    assert store.execute(
        "select task_code, due_date, recurring, deliverable from plan_task_rows"
    ) == [("2", dt.date(2026, 6, 30), False, "Báo cáo rà soát")]
    load(store, "progress", filled("progress", PROGRESS_ROW))
    assert store.execute(
        "select ward, task_code, report_date, status, percent from progress_reports"
    ) == [(WARD, "2", dt.date(2026, 6, 15), "Đang thực hiện", 60.0)]


def test_without_a_ward_the_title_block_holds_a_blank_the_importer_does_not_take_for_a_ward(
    store: Store,
) -> None:
    _, data = template_bytes("roster")
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    assert sheet["A2"].value == WARD_PLACEHOLDER
    assert "……" in str(sheet["A5"].value)  # the as-of date is a blank too
    data = filled("roster", ROSTER_ROW, ward=None)
    refused = import_bytes(store, "roster", data, "mau.xlsx", ImportOptions(dry_run=True))
    assert refused.status == "rejected"
    assert "phường/xã" in refused.errors[0].message
    result = load(store, "roster", data, ward=WARD, as_of=dt.date(2026, 9, 30))
    assert result.wards == [WARD]


def test_the_template_leaves_room_to_fill_above_the_signature_block() -> None:
    _, data = template_bytes("roster", WARD)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    first = FIRST_ROW["roster"]
    assert all(sheet.cell(r, 3).value is None for r in range(first, first + BLANK_ROWS))
    assert sheet.cell(first, 3).border.left.style == "thin"
    texts = [str(c.value) for row in sheet.iter_rows(min_row=first) for c in row if c.value]
    assert not any(t.startswith("Tổng cộng") for t in texts)  # no "0 người" total in a blank
    assert "NGƯỜI LẬP BIỂU" in texts


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        template_bytes("salary")
