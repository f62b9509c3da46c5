"""The training plan as an HR officer sends it up: "Kế hoạch đào tạo, bồi dưỡng".

A title block (ward, national motto, title, "tính đến ngày"), one header row (STT, Họ và tên,
Đơn vị, Vị trí/Lĩnh vực, Nội dung cần đào tạo, bồi dưỡng, Lý do (khoảng trống), Căn cứ, Tình
trạng, Ghi chú), the people grouped by course under a section row, each course closed by a
subtotal row, a total row and a signature block. A4 landscape, one page wide, the header row on
every printed page. Every cell is a value, never a formula: text is written as text (a name
"=1+1" stays a string), as in ``analytics.export.workbook``.
"""

from __future__ import annotations

import datetime as dt
import io

import pandas as pd
import xlsxwriter

from analytics.labels import roman
from analytics.queries.training import TRAINING_STATUSES, training_needs
from analytics.scope import Scope
from analytics.store import Store

TITLE = "KẾ HOẠCH ĐÀO TẠO, BỒI DƯỠNG CÁN BỘ, CÔNG CHỨC"
COLUMNS: tuple[tuple[str, float], ...] = (
    ("STT", 5),
    ("Họ và tên", 22),
    ("Đơn vị", 22),
    ("Vị trí/Lĩnh vực", 20),
    ("Nội dung cần đào tạo, bồi dưỡng", 28),
    ("Lý do (khoảng trống)", 40),
    ("Căn cứ", 24),
    ("Tình trạng", 14),
    ("Ghi chú", 28),
)
HEADER_ROW = 6  # 0-based row of the column header


def _date(value: object) -> str:
    if value is None or pd.isna(value):
        return ""
    return f"{pd.Timestamp(value):%d/%m/%Y}"


def _note(row: pd.Series) -> str:
    """The record behind the status: course, dates, certificate."""
    if not isinstance(row["record_course"], str):
        return ""
    dates = " – ".join(d for d in (_date(row["date_from"]), _date(row["date_to"])) if d)
    parts = [row["record_course"], dates, row["certificate"]]
    return "; ".join(p for p in parts if isinstance(p, str) and p)


def _counts_text(statuses: pd.Series) -> str:
    counts = statuses.value_counts()
    return ", ".join(f"{s} {int(counts.get(s, 0))}" for s in reversed(TRAINING_STATUSES))


def training_plan_bytes(
    store: Store, scope: Scope, *, on: dt.date, made_by: str | None = None
) -> bytes:
    """The .xlsx training plan of the needs in ``scope`` at ``on`` (see the module)."""
    needs = training_needs(store, scope, on=on)
    wards = sorted(needs["ward"].dropna().unique()) if not needs.empty else list(scope.wards)
    ward = wards[0].upper() if len(wards) == 1 else "CÁC PHƯỜNG, XÃ"
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    book.set_properties({"title": f"{TITLE} — {ward}", "author": made_by or ""})
    base = {"font_name": "Times New Roman", "font_size": 12}
    cell = {**base, "border": 1, "valign": "top", "text_wrap": True}
    bold = book.add_format({**base, "bold": True, "align": "center"})
    plain = book.add_format({**base, "align": "center"})
    title = book.add_format({**base, "bold": True, "font_size": 14, "align": "center"})
    italic = book.add_format({**base, "italic": True, "align": "center"})
    head = book.add_format(
        {**cell, "bold": True, "align": "center", "valign": "vcenter", "bg_color": "#DDEBF7"}
    )
    text = book.add_format(cell)
    number = book.add_format({**cell, "align": "center"})
    section = book.add_format({**cell, "bold": True, "bg_color": "#F2F2F2"})
    total = book.add_format({**cell, "bold": True, "italic": True})

    ws = book.add_worksheet("Kế hoạch đào tạo")
    last = len(COLUMNS) - 1
    ws.merge_range(0, 0, 0, 3, "ỦY BAN NHÂN DÂN", plain)
    ws.merge_range(1, 0, 1, 3, ward, bold)
    ws.merge_range(0, 5, 0, last, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold)
    ws.merge_range(1, 5, 1, last, "Độc lập - Tự do - Hạnh phúc", bold)
    ws.merge_range(3, 0, 3, last, f"{TITLE} NĂM {on.year}", title)
    ws.merge_range(4, 0, 4, last, f"(Số liệu tính đến ngày {on:%d/%m/%Y})", italic)
    for col, (label, width) in enumerate(COLUMNS):
        ws.write_string(HEADER_ROW, col, label, head)
        ws.set_column(col, col, width)
    row = HEADER_ROW + 1
    seq = 0
    for index, (course, part) in enumerate(needs.groupby("course", sort=False), start=1):
        ws.merge_range(row, 0, row, last, f"{roman(index)}. {course} ({len(part)} người)", section)
        row += 1
        for need in part.itertuples(index=False):
            seq += 1
            values = (
                need.full_name,
                need.unit or "",
                " / ".join(v for v in (need.position, need.field) if isinstance(v, str)),
                need.course,
                need.reason,
                need.legal_source,
                need.status,
                _note(pd.Series(need._asdict())),
            )
            ws.write_number(row, 0, seq, number)
            for col, value in enumerate(values, start=1):
                ws.write_string(row, col, str(value) if isinstance(value, str) else "", text)
            row += 1
        ws.merge_range(
            row, 0, row, last, f"Cộng: {len(part)} người ({_counts_text(part['status'])})", total
        )
        row += 1
    ws.merge_range(
        row,
        0,
        row,
        last,
        f"Tổng cộng: {len(needs)} lượt cần đào tạo, bồi dưỡng ({_counts_text(needs['status'])})",
        total,
    )
    row += 2
    ws.merge_range(row, 0, row, 3, "NGƯỜI LẬP BIỂU", bold)
    ws.merge_range(row, 5, row, last, "CHỦ TỊCH", bold)
    if made_by:
        ws.merge_range(row + 4, 0, row + 4, 3, made_by, bold)
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(HEADER_ROW)
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)
    safe_ward = ward.replace("&", "&&")
    ws.set_header(f"&L&8{safe_ward} · số liệu đến ngày {on:%d/%m/%Y}&R&8Kế hoạch đào tạo")
    ws.set_footer("&RTrang &P/&N")
    book.close()
    return buffer.getvalue()
