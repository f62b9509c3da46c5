"""The Excel workbook of a snapshot: one sheet per table, each under the ward's header block.

Every sheet: the header block (ward, title, "tính đến ngày" dd/mm/yyyy, filters, when and by
whom), a frozen header, an autofilter, column widths from the content, dates as real dates
shown dd/mm/yyyy; printed on A4 (landscape where wide), one page wide, the table's header rows
repeated on every page, the ward and the data date in the page header. Native Excel charts of
the headline distributions sit under the cells they read (``CHARTS``): trình độ chuyên môn and
LLCT under the BM02 table, the grades under theirs, the tasks by status under the overview.
The last sheet lists the files the figures come from. Text is always written as text: a cell
"=1+1" or "-5 tuổi" stays a string, never a formula.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import math
from dataclasses import dataclass
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
            "comments": f"Lập lúc {snapshot.made_at_text}; số liệu từ {_files_text(snapshot)}",
            "created": snapshot.made_at,
        }
    )
    formats = _Formats(book)
    for table in snapshot.tables:
        _write_sheet(book, formats, snapshot, table)
    if snapshot.sources is not None:
        _write_sheet(book, formats, snapshot, snapshot.sources)
    book.close()
    return buffer.getvalue()


def _files_text(snapshot: Snapshot) -> str:
    files = 0 if snapshot.sources is None else len(snapshot.sources.frame)
    return f"{files} tệp đã nhập (trang “Nguồn số liệu”)"


def _heading(snapshot: Snapshot) -> str:
    """Cell A1 of every sheet: "UBND PHƯỜNG VIỆT HÒA", or for many wards who reports them."""
    if snapshot.issuer_lines == (f"ỦY BAN NHÂN DÂN {snapshot.ward.upper()}",):
        return f"UBND {snapshot.ward.upper()}"
    return " – ".join(snapshot.issuer_lines)


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
    ws.write_string(0, 0, _heading(snapshot), f.ward)
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
    _print_setup(ws, snapshot, table, top, header_last, widths)
    _add_charts(book, ws, table, Layout(top, head_rows, first_data, note_row + 1, widths))


def _print_setup(
    ws: Worksheet, snapshot: Snapshot, table: Table, top: int, header_last: int, widths: list[float]
) -> None:
    """A4 for every sheet (the official form too: one page wide), landscape where the table is
    wider than a portrait page, the header rows on every printed page, the ward and the data
    date at the top, the title and page number at the foot."""
    ws.set_paper(9)
    if sum(widths) > PORTRAIT_WIDTH:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    ws.repeat_rows(top, header_last)
    if len(widths) > 6:
        ws.repeat_columns(0, 0)  # a part printed on its own still says whose row it is
    ws.set_margins(left=0.5, right=0.5, top=0.75, bottom=0.75)

    def safe(text: str) -> str:
        return text.replace("&", "&&")

    place = safe(f"{snapshot.place_text} · số liệu đến ngày {snapshot.as_of_text}")
    ws.set_header(f"&L&8{place}&R&8{safe(table.title)}")
    ws.set_footer(f"&L&8Lập lúc {safe(snapshot.made_at_text)}&R&8Trang &P/&N")


PORTRAIT_WIDTH = 95.0  # characters of column width an A4 portrait page prints at 100%


@dataclass(frozen=True)
class Layout:
    """Where a sheet's table landed: its header's first row, header rows, first data row, the
    first free row under its notes, its column widths."""

    top: int
    head_rows: int
    first_data: int
    free_row: int
    widths: list[float]


@dataclass(frozen=True)
class ChartSpec:
    """A native chart of one row (or column) of a sheet's table: ``group`` names the column
    group of a two-row header (its columns are the categories) or, for a flat table, the row
    labels starting with ``group`` in the first column."""

    sheet_key: str
    title: str
    group: str
    kind: str = "column"


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("composition", "Trình độ chuyên môn", "Chuyên môn"),
    ChartSpec("composition", "Lý luận chính trị", "Lý luận chính trị"),
    ChartSpec("grades", "Xếp loại", "grades"),
    ChartSpec("overview", "Nhiệm vụ theo tình trạng", "Nhiệm vụ: ", kind="bar"),
)
CHART_SIZE = (480, 288)  # pixels: 5 x 3 inches


def _add_charts(book: xlsxwriter.Workbook, ws: Worksheet, table: Table, at: Layout) -> None:
    """The sheet's charts, each reading the table's own cells: a category row or column and the
    figures of its total row (the latest year's, for the grades)."""
    specs = [c for c in CHARTS if c.sheet_key == table.key]
    placed = 0
    for spec in specs:
        series = _series(ws.name, table, spec, at)
        if series is None:
            continue
        chart = book.add_chart({"type": spec.kind})
        chart.add_series(
            {
                **series,
                "data_labels": {"value": True},
                "fill": {"color": "#1F4E79"},
                "gap": 60,
            }
        )
        chart.set_title({"name": series["name"], "name_font": {"size": 11, "bold": True}})
        chart.set_legend({"none": True})
        chart.set_y_axis({"major_gridlines": {"visible": True, "line": {"color": "#DDDDDD"}}})
        if spec.kind == "bar":
            chart.set_y_axis({"reverse": True})  # the categories top-down, as in the table
        chart.set_size({"width": CHART_SIZE[0], "height": CHART_SIZE[1]})
        # Under the notes, side by side: inside the printed page's width, as the table is.
        ws.insert_chart(at.free_row, 0, chart, {"x_offset": placed * (CHART_SIZE[0] + 24)})
        placed += 1


def _series(sheet: str, table: Table, spec: ChartSpec, at: Layout) -> dict[str, Any] | None:
    frame = table.frame
    if frame.empty:
        return None
    first = frame.iloc[:, 0].tolist()
    if spec.sheet_key == "composition":
        columns = [i for i, (group, sub) in enumerate(frame.columns) if group == spec.group and sub]
        totals = [r for r, label in enumerate(first) if label == TOTAL_LABEL]
        if not columns or not totals:
            return None
        row = at.first_data + totals[-1]
        head = at.top + 1
        return {
            "name": f"{spec.title} (người)",
            "categories": [sheet, head, columns[0], head, columns[-1]],
            "values": [sheet, row, columns[0], row, columns[-1]],
        }
    if spec.sheet_key == "grades":
        flat = table.flat_columns
        units = flat.index("Đơn vị") if "Đơn vị" in flat else 1
        grades = [i for i, name in enumerate(flat) if name not in ("Năm", "Đơn vị", "Tổng số")]
        totals = [r for r, label in enumerate(frame.iloc[:, units]) if label == TOTAL_LABEL]
        if not grades or not totals:
            return None
        row = at.first_data + totals[0]  # the latest year comes first
        return {
            "name": f"{spec.title} năm {frame.iloc[totals[0], 0]} (người)",
            "categories": [sheet, at.top, grades[0], at.top, grades[-1]],
            "values": [sheet, row, grades[0], row, grades[-1]],
        }
    rows = [r for r, label in enumerate(first) if str(label).startswith(spec.group)]
    if not rows or rows != list(range(rows[0], rows[-1] + 1)):
        return None
    start, end = at.first_data + rows[0], at.first_data + rows[-1]
    return {
        "name": spec.title,
        "categories": [sheet, start, 0, end, 0],
        "values": [sheet, start, 1, end, 1],
    }


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
