"""The city's workbook (issue 11): the statistics form of commune-level cán bộ, công chức with
wards as rows (the BM02/BNV column groups of ``composition_table(by="ward")``: số lượng, chất
lượng) and the ward comparison (``ward_comparison``) as a second sheet. A4 landscape, one page
wide, the title and header rows repeated on every page; every cell a value, never a formula.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from analytics import privacy
from analytics.labels import COLUMN_LABELS
from analytics.queries.compare import ward_comparison
from analytics.queries.qualifications import composition_table
from analytics.scope import Scope
from analytics.store import Store

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORM_TITLE = "THỐNG KÊ SỐ LƯỢNG, CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC CẤP XÃ THEO PHƯỜNG, XÃ"
COMPARE_TITLE = "SO SÁNH ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC GIỮA CÁC PHƯỜNG, XÃ"
NO_FIGURES = "Chưa có số liệu"

#: Vietnamese headers of the comparison sheet.
COMPARE_LABELS: dict[str, str] = {
    "ward": COLUMN_LABELS["ward"],
    "as_of": "Số liệu đến ngày",
    "head_count": "Số người",
    "norm": "Định mức",
    "quota": "Biên chế được giao",
    "quota_gap": "Thiếu (+) / thừa (−) so với biên chế",
    "university_share": "Đại học trở lên (%)",
    "political_theory_share": "LLCT trung cấp trở lên (%)",
    "below_standard": "Chưa đạt tiêu chuẩn",
    "below_standard_sensitive": "Trong đó lĩnh vực nhạy cảm",
    "evaluation_year": "Năm đánh giá",
    "htxsnv": "HTXSNV",
    "httnv": "HTTNV",
    "htnv": "HTNV",
    "khtnv": "KHTNV",
    "done_tasks": "Nhiệm vụ hoàn thành",
    "overdue_tasks": "Nhiệm vụ quá hạn",
}

#: The comparison in three tables, each led by the ward (the screen and the meeting exports):
#: seventeen columns side by side do not fit 1366 px or an A4 page. (key, title, columns).
COMPARE_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    (
        "compare_staffing",
        "Số người, định mức, biên chế",
        ("as_of", "head_count", "norm", "quota", "quota_gap"),
    ),
    (
        "compare_quality",
        "Trình độ và tiêu chuẩn",
        (
            "university_share",
            "political_theory_share",
            "below_standard",
            "below_standard_sensitive",
        ),
    ),
    (
        "compare_grades",
        "Đánh giá, xếp loại và kế hoạch",
        ("evaluation_year", "htxsnv", "httnv", "htnv", "khtnv", "done_tasks", "overdue_tasks"),
    ),
)
#: Columns that are never hidden from a viewer: a missing one has no figure (no ward profile,
#: no plan), not a small count.
COMPARE_NOT_COUNTS = frozenset({"norm", "quota", "quota_gap", "done_tasks", "overdue_tasks"})


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _title(ws: Worksheet, bold: Any, italic: Any, title: str, subtitle: str, width: int) -> None:
    ws.merge_range(0, 0, 0, max(width - 1, 1), title, bold)
    ws.merge_range(1, 0, 1, max(width - 1, 1), subtitle, italic)


def _page(ws: Worksheet, header_last: int, width: int) -> None:
    ws.set_paper(9)  # A4
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(0, header_last)
    ws.freeze_panes(header_last + 1, 1)
    ws.set_column(0, 0, 28)
    ws.set_column(1, max(width - 1, 1), 11)


def city_workbook_bytes(store: Store, scope: Scope, today: dt.date) -> bytes:
    """The city's .xlsx: sheet "Thống kê theo phường" (BM02 groups, wards as rows, a total row)
    and sheet "So sánh phường" (one row per ward). Small counts of a reader who may not see
    people are written "< k" as the screens write them."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer, {"in_memory": True, "strings_to_formulas": False, "strings_to_numbers": False}
    )
    bold = book.add_format({"bold": True, "align": "center", "font_size": 13})
    italic = book.add_format({"italic": True, "align": "center"})
    head = book.add_format({"bold": True, "border": 1, "text_wrap": True, "align": "center"})
    cell = book.add_format({"border": 1})
    date_cell = book.add_format({"border": 1, "num_format": "dd/mm/yyyy"})
    pct = book.add_format({"border": 1, "num_format": "0.0"})
    subtitle = f"(Số liệu đến ngày {today:%d/%m/%Y}) · {scope.describe()}"

    table = composition_table(store, scope, by="ward")
    ws = book.add_worksheet("Thống kê theo phường")
    width = 1 + len(table.columns)
    _title(ws, bold, italic, FORM_TITLE, subtitle, width)
    ws.write_string(3, 0, table.index.name or "Phường/xã", head)
    ws.write_string(4, 0, "", head)
    for j, (group, label) in enumerate(table.columns, start=1):
        ws.write_string(3, j, str(group), head)
        ws.write_string(4, j, str(label), head)
    k = privacy.frame_threshold(table)
    for i, (ward, values) in enumerate(table.iterrows(), start=5):
        ws.write_string(i, 0, str(ward), cell)
        for j, value in enumerate(values, start=1):
            if _missing(value):
                ws.write_string(i, j, f"< {k}" if k else "", cell)
            else:
                ws.write_number(i, j, int(value), cell)
    _page(ws, 4, width)

    frame = ward_comparison(store, scope, today)
    ws = book.add_worksheet("So sánh phường")
    columns = list(COMPARE_LABELS)
    _title(ws, bold, italic, COMPARE_TITLE, subtitle, len(columns))
    for j, column in enumerate(columns):
        ws.write_string(3, j, COMPARE_LABELS[column], head)
    for i, row in enumerate(frame.itertuples(index=False), start=4):
        for j, column in enumerate(columns):
            value = getattr(row, column)
            if _missing(value):
                ws.write_string(
                    i, j, NO_FIGURES if column in ("norm", "quota", "quota_gap") else "", cell
                )
            elif column == "ward":
                ws.write_string(i, j, str(value), cell)
            elif column == "as_of":
                ws.write_datetime(i, j, dt.datetime.combine(value, dt.time()), date_cell)
            elif column.endswith("_share"):
                ws.write_number(i, j, round(100 * float(value), 1), pct)
            else:
                ws.write_number(i, j, int(value), cell)
    _page(ws, 3, len(columns))
    book.close()
    return buffer.getvalue()
