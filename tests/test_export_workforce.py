"""Kế hoạch nhân sự in the meeting files (issue 11): besides retirements and rotation, the
sensitive posts falling vacant with the people who already meet their standard, staffing against
the quota and the norm with the vacancies projected, and the training needs by course. Figures
worked by hand on the demo ward: 40 people, quota 42 (thiếu 2), norm 36 for 24,000 residents
(32 + 8,000 // 2,000 = 36: thừa 4), 3 people reaching retirement age within 24 months
(Lê Thúy Hà, Trần Ngọc Quân, Trần Tiến Nam), so 42 − (40 − 3) = 5 to recruit."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from analytics.export import make_export
from analytics.scope import Scope
from analytics.store import Store

TODAY = dt.date(2026, 11, 15)


def _sheet_rows(ws: Worksheet, header: str) -> list[tuple[object, ...]]:
    """The rows under the header row whose first cell is ``header``, up to the first blank."""
    rows = list(ws.iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == header)
    out = []
    for row in rows[start + 1 :]:
        if row[0] is None or all(v is None for v in row[1:]):
            break
        out.append(row)
    return out


def _book(db: Path, role: str) -> object:
    with Store(db, read_only=True) as store:
        made = make_export(
            store, Scope(role=role), "xlsx", view="ke-hoach-nhan-su", today=TODAY, record=False
        )
    return load_workbook(io.BytesIO(made.data))


def test_the_staffing_sheet_has_the_hand_worked_quota_norm_and_vacancies(demo_db: Path) -> None:
    book = _book(demo_db, "hr")
    rows = _sheet_rows(book["Biên chế, định mức"], "Phường/xã")
    ward = next(r for r in rows if r[1] == "Cả phường/xã")
    assert ward == ("Phường Việt Hòa", "Cả phường/xã", 40, 42, "Thiếu 2", 36, "Thừa 4", 3, 5)
    units = [r for r in rows if r[1] != "Cả phường/xã"]
    assert sum(int(r[2]) for r in units) == 40  # type: ignore[call-overload]
    assert sum(int(r[7]) for r in units) == 3  # type: ignore[call-overload]


def test_the_vacant_posts_sheet_lists_the_candidates_own_field_first(demo_db: Path) -> None:
    book = _book(demo_db, "leader")
    rows = _sheet_rows(book["Vị trí sắp trống"], "Họ và tên")
    by_leaver: dict[object, list[tuple[object, object, object]]] = {}
    for r in rows:
        by_leaver.setdefault(r[0], []).append((r[3], r[6], r[7]))
    assert set(by_leaver) == {"Trần Ngọc Quân", "Trần Tiến Nam"}
    land = by_leaver["Trần Tiến Nam"]
    assert sorted(name for name, _, _ in land) == [
        "Nguyễn Kim Huyền", "Nguyễn Minh Hoàng", "Đỗ Mạnh Giang"
    ]  # fmt: skip
    assert {field for _, field, _ in land} == {"Đất đai"}
    complaints = by_leaver["Trần Ngọc Quân"]
    assert [name for name, _, _ in complaints] == [
        "Nguyễn Thị Hương", "Nguyễn Thị Hương", "Trần Thanh Phương", "Trần Thanh Thảo"
    ]  # fmt: skip
    assert complaints[-1][2] == "Đang nghỉ thai sản"


def test_the_training_sheet_counts_the_needs_by_course(demo_db: Path) -> None:
    book = _book(demo_db, "hr")
    rows = _sheet_rows(book["Nhu cầu đào tạo"], "Nội dung đào tạo, bồi dưỡng")
    assert rows, "no course"
    for course, needed, not_registered, planned, ongoing, done, source in rows:
        assert needed == not_registered + planned + ongoing + done, course  # type: ignore[operator]
        assert source
    llct = next(r for r in rows if r[0] == "LLCT Trung cấp")
    assert llct[1:6] == (1, 0, 0, 0, 1)


def test_a_viewer_gets_counts_without_names_or_a_projection(demo_db: Path) -> None:
    book = _book(demo_db, "viewer")
    assert "Vị trí sắp trống" not in book.sheetnames
    assert "Đến tuổi nghỉ hưu" not in book.sheetnames
    ws = book["Biên chế, định mức"]
    ward = next(r for r in _sheet_rows(ws, "Phường/xã") if r[1] == "Cả phường/xã")
    assert ward[2:7] == (40, 42, "Thiếu 2", 36, "Thừa 4")
    assert ward[7:] == (None, None)  # not known to a viewer, never 0
    notes = [str(c.value) for c in ws["A"] if c.value]
    assert any("không có số dự kiến thiếu" in n for n in notes)
    training = _sheet_rows(book["Nhu cầu đào tạo"], "Nội dung đào tạo, bồi dưỡng")
    assert all(
        v == "< 3" or v == 0 or (isinstance(v, int) and v >= 3) for r in training for v in r[1:6]
    )
