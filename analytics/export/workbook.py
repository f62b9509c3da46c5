"""The Excel workbook of a snapshot: one sheet per table, each under the ward's header block.

Every sheet: the header block (ward, title, "tính đến ngày" dd/mm/yyyy, filters, when and by
whom), a frozen header, an autofilter, column widths from the content, dates as real dates
shown dd/mm/yyyy, A4 landscape print with the header rows repeated. Text is always written as
text: a cell "=1+1" or "-5 tuổi" stays a string, never a formula.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
from typing import Any

import pandas as pd
import xlsxwriter
from xlsxwriter.worksheet import Worksheet

from analytics.export.content import Snapshot, Table

MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DATE_FORMAT = "dd/mm/yyyy"
HEADER_ROWS = 6  # rows of the header block above a table (the last one left blank)
TOTAL_LABEL = "Tổng cộng"
PLAIN_NUMBER_COLUMNS = frozenset({"Năm", "Mã"})  # a year shows 2026, not 2,026


def workbook_bytes(snapshot: Snapshot) -> bytes:
    """The .xlsx file of ``snapshot``."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(
        buffer,
        {
            "in_memory": True,
            # Text stays text: no formula, number or link is ever inferred from a string.
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
            "default_date_format": DATE_FORMAT,
        },
    )
    book.set_properties(
        {
            "title": f"{snapshot.title} — {snapshot.ward}",
            "subject": f"Số liệu tính đến ngày {snapshot.as_of_text}; {snapshot.filters}",
            "author": snapshot.made_by or "",
            "comments": f"Lập lúc {snapshot.made_at_text}; phiên bản dữ liệu {snapshot.data_version}",
            "created": snapshot.made_at,
        }
    )
    formats = _Formats(book)
    for table in snapshot.tables:
        _write_sheet(book, formats, snapshot, table)
    book.close()
    return buffer.getvalue()


class _Formats:
    def __init__(self, book: xlsxwriter.Workbook) -> None:
        base = {"font_name": "Times New Roman", "font_size": 12}
        cell = {**base, "border": 1, "valign": "top"}
        self.ward = book.add_format({**base, "bold": True})
        self.title = book.add_format({**base, "bold": True, "font_size": 14})
        self.line = book.add_format({**base, "italic": True})
        self.note = book.add_format({**base, "italic": True, "font_size": 11})
        self.head = book.add_format(
            {
                **cell,
                "bold": True,
                "align": "center",
                "valign": "vcenter",
                "text_wrap": True,
                "bg_color": "#DDEBF7",
            }
        )
        self.text = book.add_format(cell)
        self.wrap = book.add_format({**cell, "text_wrap": True})
        self.number = book.add_format({**cell, "num_format": "#,##0"})
        self.plain = book.add_format({**cell, "num_format": "0", "align": "center"})
        self.decimal = book.add_format({**cell, "num_format": "#,##0.0"})
        self.date = book.add_format({**cell, "num_format": DATE_FORMAT, "align": "center"})
        self.blank = book.add_format(cell)
        bold = {**cell, "bold": True, "bg_color": "#F2F2F2"}
        self.total_text = book.add_format(bold)
        self.total_number = book.add_format({**bold, "num_format": "#,##0"})
        self.total_decimal = book.add_format({**bold, "num_format": "#,##0.0"})


def _header_labels(table: Table) -> tuple[list[tuple[str, str]], int]:
    """(group, column) pairs and the number of header rows (2 for grouped columns)."""
    if isinstance(table.frame.columns, pd.MultiIndex):
        return [(str(a), str(b)) for a, b in table.frame.columns], 2
    return [(str(c), "") for c in table.frame.columns], 1


def _write_sheet(book: xlsxwriter.Workbook, f: _Formats, snapshot: Snapshot, table: Table) -> None:
    ws = book.add_worksheet(table.sheet[:31])
    labels, head_rows = _header_labels(table)
    ncols = len(labels)

    # The ward's header block.
    ws.write_string(0, 0, f"UBND {snapshot.ward.upper()}", f.ward)
    ws.write_string(1, 0, table.title.upper(), f.title)
    ws.write_string(2, 0, f"(Số liệu tính đến ngày {snapshot.as_of_text})", f.line)
    ws.write_string(3, 0, f"Phạm vi lọc: {snapshot.filters}", f.line)
    made = f"{snapshot.title} · lập lúc {snapshot.made_at_text}"
    if snapshot.made_by:
        made += f" · người lập: {snapshot.made_by}"
    ws.write_string(4, 0, made, f.note)

    # Header: one row, or a group row over a column row (merged where a label spans).
    top = HEADER_ROWS
    if head_rows == 1:
        for col, (label, _) in enumerate(labels):
            ws.write_string(top, col, label, f.head)
    else:
        col = 0
        while col < ncols:
            group, sub = labels[col]
            if not sub:
                ws.merge_range(top, col, top + 1, col, group, f.head)
                col += 1
                continue
            end = col
            while end + 1 < ncols and labels[end + 1][0] == group and labels[end + 1][1]:
                end += 1
            if end > col:
                ws.merge_range(top, col, top, end, group, f.head)
            else:
                ws.write_string(top, col, group, f.head)
            for c in range(col, end + 1):
                ws.write_string(top + 1, c, labels[c][1], f.head)
            col = end + 1
    header_last = top + head_rows - 1
    first_data = header_last + 1

    # Rows, each as tall as its longest wrapped text (spreadsheets do not grow rows on opening).
    widths = _widths(table, labels)
    flat = table.flat_columns
    plain_columns = {i for i, name in enumerate(flat) if name in PLAIN_NUMBER_COLUMNS}
    values = table.frame.to_numpy(dtype=object)
    for r, row in enumerate(values):
        total = any(isinstance(v, str) and v == TOTAL_LABEL for v in row)
        for c, value in enumerate(row):
            _write_value(ws, f, first_data + r, c, value, total=total, plain=c in plain_columns)
        _fit_row(ws, first_data + r, [v if isinstance(v, str) else "" for v in row], widths)
    last_data = first_data + len(values) - 1
    if head_rows == 1:
        _fit_row(ws, top, [label for label, _ in labels], widths, bold=True)
    else:
        subs = [sub for _, sub in labels]
        ws.set_row(top + 1, max(32.0, _row_height(subs, widths, bold=True)))

    # Notes under the table.
    note_row = max(last_data, header_last) + 2
    if len(values) == 0:
        ws.write_string(first_data, 0, table.empty_message, f.line)
        note_row = first_data + 2
    for note in table.notes:
        ws.write_string(note_row, 0, note, f.note)
        note_row += 1
    if table.key == "overview":
        for note in snapshot.notes:
            ws.write_string(note_row, 0, note, f.note)
            note_row += 1

    # Widths, frozen header, filter, print.
    for col, width in enumerate(widths):
        ws.set_column(col, col, width)
    ws.freeze_panes(first_data, 1 if ncols > 6 else 0)
    ws.autofilter(header_last, 0, max(last_data, header_last), ncols - 1)
    ws.set_landscape()
    ws.set_paper(8 if ncols > 20 else 9)  # the wide official form on A3, the rest on A4
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top, header_last)
    footer_text = f"{snapshot.ward} · số liệu đến {snapshot.as_of_text}".replace("&", "&&")
    ws.set_footer(f"&L{footer_text}&RTrang &P/&N")


def _write_value(
    ws: Worksheet, f: _Formats, row: int, col: int, value: Any, *, total: bool, plain: bool
) -> None:
    if value is None or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        ws.write_blank(row, col, None, f.total_text if total else f.blank)
        return
    if isinstance(value, bool):
        ws.write_string(row, col, "Có" if value else "Không", f.total_text if total else f.text)
    elif isinstance(value, dt.datetime | dt.date | pd.Timestamp):
        stamp = pd.Timestamp(value)
        ws.write_datetime(row, col, stamp.to_pydatetime(), f.date)
    elif isinstance(value, int) or (
        hasattr(value, "dtype") and pd.api.types.is_integer_dtype(value.dtype)
    ):
        ws.write_number(
            row, col, int(value), f.plain if plain else f.total_number if total else f.number
        )
    elif isinstance(value, float) or (
        hasattr(value, "dtype") and pd.api.types.is_float_dtype(value.dtype)
    ):
        number = float(value)
        whole = number.is_integer()
        fmt = (
            (f.total_number if whole else f.total_decimal)
            if total
            else (f.number if whole else f.decimal)
        )
        ws.write_number(row, col, number, fmt)
    else:
        text = str(value)
        ws.write_string(row, col, text, f.total_text if total else f.wrap)


def _display_length(value: Any) -> int:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return 0
    if isinstance(value, dt.date | pd.Timestamp):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.1f}")
    return len(str(value))


def _widths(table: Table, labels: list[tuple[str, str]]) -> list[float]:
    """Widths in characters: fit the longest value up to a cap (long text wraps), headers wrap
    between words."""
    widths = []
    flat = table.flat_columns
    for i, (group, sub) in enumerate(labels):
        column = table.frame.iloc[:, i]
        longest = max((_display_length(v) for v in column), default=0)
        header = sub or group
        head = max((len(word) for word in header.split()), default=4) + 2
        width = max(longest + 2, head, 6)
        cap = 50 if flat[i] in table.wide_columns else (34 if i == 0 else 26)
        if sub and longest <= 4:  # narrow count columns under a group: header wraps by word
            width = min(max(head, 6), 10)
        widths.append(float(min(width, cap)))
    return widths


LINE_HEIGHT = 16.0  # points, for the 12 pt body font


@functools.lru_cache(maxsize=65536)
def _lines(text: str, width: float, *, bold: bool = False) -> int:
    """Lines a text takes in a column ``width`` characters wide, wrapping between words.
    Cached and short-cut: a country's workbook asks for 2.8 million cells, mostly the same
    unit names, positions and reasons (16 s of 70 s, issue 9).

    >>> _lines("Trình độ chuyên môn", 10)
    3
    """
    room = max(width - 1.5, 1.0) / (1.1 if bold else 1.0)
    if len(text) <= room and "\n" not in text:
        return 1
    total = 0
    for paragraph in text.split("\n"):
        lines, used = 1, 0.0
        for word in paragraph.split():
            if used and used + 1 + len(word) > room:
                lines += 1
                used = 0.0
            used = used + 1 + len(word) if used else float(len(word))
            while used > room:  # a word longer than the column breaks inside
                lines += 1
                used -= room
        total += lines
    return total


def _row_height(texts: list[str], widths: list[float], *, bold: bool = False) -> float:
    lines = max(
        (_lines(t, w, bold=bold) for t, w in zip(texts, widths, strict=True) if t), default=1
    )
    return lines * LINE_HEIGHT


def _fit_row(
    ws: Worksheet, row: int, texts: list[str], widths: list[float], *, bold: bool = False
) -> None:
    height = _row_height(texts, widths, bold=bold)
    if height > LINE_HEIGHT:
        ws.set_row(row, height)
