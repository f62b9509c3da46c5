"""The training plan workbook (analytics.export.training_plan), opened with openpyxl; and the
command line's ``export training`` on the demo ward."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from openpyxl import load_workbook

from analytics.cli import main
from analytics.export.training_plan import COLUMNS, HEADER_ROW, training_plan_bytes
from analytics.scope import Scope
from analytics.store import Store
from tests.test_queries_training import ON, PEOPLE, RECORDS, WARD
from tests.test_queries_training import store as _store  # noqa: F401  (the fixture)


def _rows(data: bytes) -> list[list[object]]:
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_the_plan_groups_people_by_course_with_subtotals(_store: Store) -> None:  # noqa: F811
    data = training_plan_bytes(_store, Scope(), on=ON, made_by="Người Lập")
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    rows = _rows(data)
    assert rows[1][0] == WARD.upper()
    assert rows[4][0] == "(Số liệu tính đến ngày 30/09/2026)"
    assert rows[HEADER_ROW][: len(COLUMNS)] == [label for label, _ in COLUMNS]
    firsts = [r[0] for r in rows[HEADER_ROW + 1 :] if r[0] is not None]
    # 4 courses, 1 person each: section, person, subtotal; then the total
    assert firsts[:3] == [
        "I. Đào tạo trình độ Đại học ngành phù hợp với vị trí (1 người)",
        1,
        "Cộng: 1 người (đã hoàn thành 0, đang học 1, đã lên kế hoạch 0, chưa đăng ký 0)",
    ]
    assert sum(1 for v in firsts if isinstance(v, int)) == 4
    total = next(v for v in firsts if isinstance(v, str) and v.startswith("Tổng cộng"))
    assert total == (
        "Tổng cộng: 4 lượt cần đào tạo, bồi dưỡng "
        "(đã hoàn thành 1, đang học 1, đã lên kế hoạch 1, chưa đăng ký 1)"
    )
    llct = next(r for r in rows if r[4] == "LLCT Trung cấp")
    assert llct[1] == "Lê Văn Trưởng"
    assert llct[7] == "đã hoàn thành"
    assert llct[8] == "Trung cấp LLCT; 01/09/2025 – 30/06/2026"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.paperSize == 9
    assert sheet.print_title_rows == "$7:$7"


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    from tests.rows import add_roster

    store = Store(":memory:")
    person = {**PEOPLE[1], "full_name": '=HYPERLINK("http://x")', "unit": "-Phòng"}
    add_roster(store, [person], ward=WARD)
    data = training_plan_bytes(store, Scope(), on=ON)
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    cells = [c for row in sheet.iter_rows() for c in row if c.value is not None]
    assert all(c.data_type != "f" for c in cells)
    assert any(c.value == '=HYPERLINK("http://x")' and c.data_type == "s" for c in cells)
    assert RECORDS  # the shared rows are imported from the query tests


def test_the_command_line_writes_the_demo_plan(demo_db: Path, tmp_path: Path) -> None:
    db = tmp_path / "demo.duckdb"
    shutil.copy(demo_db, db)
    out = tmp_path / "ke_hoach.xlsx"
    code = main(["export", "training", "--db", str(db), "--out", str(out), "--today", "30/09/2026"])
    assert code == 0
    rows = _rows(out.read_bytes())
    statuses = [r[7] for r in rows[HEADER_ROW + 1 :] if isinstance(r[0], int)]
    # the demo's records: LLCT done, one degree under way, one planned, the KHTNV course planned
    assert statuses.count("đã hoàn thành") == 1
    assert statuses.count("đang học") == 1
    assert statuses.count("đã lên kế hoạch") == 2
