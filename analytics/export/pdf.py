"""The PDF briefing of a snapshot: A4, a cover (title, ward, data date, filters, when made, the
headline figures), each chart as an image, then the tables, which break across pages with their
headers repeated. A TrueType font with Vietnamese glyphs is embedded so every diacritic prints.

Where chart images cannot be made (no browser), the briefing still comes out and says so.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import io
import math
import os
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import pandas as pd
from fpdf import FPDF, FontFace
from fpdf.enums import TableCellFillMode, XPos, YPos

from analytics.export.content import DASHBOARD, TITLE, VIEWS, Snapshot, Table

MIME = "application/pdf"
FONT_FAMILY = "VN"
# Fonts with every Vietnamese letter, in order of preference: Debian's fonts-dejavu-core (which
# scripts/setup.sh installs), then fonts-noto-core, Liberation, and matplotlib's bundled DejaVu.
FONT_CANDIDATES: tuple[tuple[str, str], ...] = (
    (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    ),
    (
        "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
        "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf",
    ),
    ("/usr/share/fonts/noto/NotoSans-Regular.ttf", "/usr/share/fonts/noto/NotoSans-Bold.ttf"),
    ("/usr/share/fonts/TTF/DejaVuSans.ttf", "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf"),
    (
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
    ),
)
FONT_ENV = "ANALYTICS_PDF_FONT"  # a .ttf to use instead (its bold beside it as *-Bold.ttf)
MISSING_FONT = (
    "Không tìm thấy phông chữ tiếng Việt để xuất PDF (cần DejaVu Sans hoặc Noto Sans). "
    "Cài bằng lệnh: sudo apt-get install fonts-dejavu-core (hoặc chạy scripts/setup.sh), "
    f"hoặc đặt biến môi trường {FONT_ENV} trỏ tới một tệp .ttf có đủ dấu tiếng Việt."
)
CHARTS_LEFT_OUT = "Bản này không có biểu đồ"

BLUE = (31, 78, 121)
GREY = (90, 90, 90)
HEAD_FILL = (221, 235, 247)
ZEBRA_FILL = (246, 248, 250)


class FontNotFound(RuntimeError):
    """No TrueType font with Vietnamese glyphs on this machine (message in Vietnamese)."""


def _matplotlib_font() -> tuple[str, str] | None:
    spec = importlib.util.find_spec("matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
    return str(folder / "DejaVuSans.ttf"), str(folder / "DejaVuSans-Bold.ttf")


def find_font() -> tuple[str, str]:
    """(regular, bold) TrueType files with Vietnamese glyphs; bold falls back to regular.

    Raises ``FontNotFound`` with what to install.
    """
    candidates: list[tuple[str, str]] = []
    configured = os.environ.get(FONT_ENV)
    if configured:
        path = Path(configured)
        bold_path = path.with_name(path.stem.replace("-Regular", "") + "-Bold" + path.suffix)
        candidates.append((str(path), str(bold_path)))
    candidates.extend(FONT_CANDIDATES)
    bundled = _matplotlib_font()
    if bundled:
        candidates.append(bundled)
    for regular, bold in candidates:
        if Path(regular).is_file():
            return regular, bold if Path(bold).is_file() else regular
    raise FontNotFound(MISSING_FONT)


PLAIN_NUMBER_COLUMNS = frozenset({"Năm", "Mã"})  # a year is 2026, not 2.026


def text(value: Any, *, plain: bool = False) -> str:
    """A cell as printed: dd/mm/yyyy dates, Vietnamese number marks (1.234 and 87,2)."""
    if value is None or value is pd.NaT:
        return ""
    if isinstance(value, float) and math.isnan(value):
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, dt.datetime | pd.Timestamp | dt.date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, int) or (
        hasattr(value, "dtype") and pd.api.types.is_integer_dtype(value.dtype)
    ):
        return str(int(value)) if plain else f"{int(value):,}".replace(",", ".")
    if isinstance(value, float) or (
        hasattr(value, "dtype") and pd.api.types.is_float_dtype(value.dtype)
    ):
        number = float(value)
        if number.is_integer():
            return f"{int(number):,}".replace(",", ".")
        return f"{number:,.1f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def _numeric(column: pd.Series) -> bool:
    values = [v for v in column if v is not None and not (isinstance(v, float) and math.isnan(v))]
    return bool(values) and all(
        (isinstance(v, int | float) and not isinstance(v, bool))
        or (hasattr(v, "dtype") and pd.api.types.is_numeric_dtype(v.dtype))
        for v in values
    )


class _Briefing(FPDF):
    def __init__(self, snapshot: Snapshot) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        self.snapshot = snapshot
        regular, bold = find_font()
        self.add_font(FONT_FAMILY, "", regular)
        self.add_font(FONT_FAMILY, "B", bold)
        # No italic face shipped everywhere: italic requests print upright.
        self.add_font(FONT_FAMILY, "I", regular)
        self.add_font(FONT_FAMILY, "BI", bold)
        self.set_margins(15, 16, 15)
        self.set_auto_page_break(True, margin=16)
        self.set_title(f"{snapshot.title} — {snapshot.ward}")
        self.set_subject(f"Số liệu tính đến ngày {snapshot.as_of_text}; {snapshot.filters}")
        self.set_author(snapshot.made_by or "")
        self.set_creator("Bảng điều khiển chất lượng đội ngũ CBCC")
        self.set_lang("vi")
        self.set_creation_date(snapshot.made_at.astimezone())

    def header(self) -> None:
        """Every page, the cover too: the ward (or the wards' scope) and the data date on the
        left, the report's title on the right as far as it fits."""
        s = self.snapshot
        self.set_font(FONT_FAMILY, "", 8)
        self.set_text_color(*GREY)
        left = fit_text(self, f"{s.place_text} · số liệu đến ngày {s.as_of_text}", self.epw)
        room = self.epw - self.get_string_width(left) - 6
        self.cell(0, 5, left, align="L")
        self.set_x(self.l_margin)
        # The whole title, else the screen's name alone ("So sánh phường, xã"), whole where
        # it fits: a running header cut to "— So s…" says nothing.
        title = s.title
        if self.get_string_width(title) > room and s.view in VIEWS:
            title = VIEWS[s.view] if s.view != DASHBOARD else TITLE
        self.cell(0, 5, fit_text(self, title, room), align="R", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, self.get_y(), self.w - self.r_margin, self.get_y())
        self.ln(3)
        self.set_text_color(0, 0, 0)

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT_FAMILY, "", 8)
        self.set_text_color(*GREY)
        number = f"Trang {self.page_no()}/{{nb}}"
        room = self.epw - self.get_string_width(f"Trang {self.page_no()}/999") - 6
        made = f"Lập lúc {self.snapshot.made_at_text} · Phạm vi: {self.snapshot.filters}"
        self.cell(0, 5, fit_text(self, made, room), align="L")
        self.set_x(self.l_margin)
        self.cell(0, 5, number, align="R")
        self.set_text_color(0, 0, 0)


def fit_text(pdf: FPDF, value: str, width: float) -> str:
    """``value`` cut (with "…") to what the current font prints within ``width`` mm: a line
    that is not allowed to wrap (a page header, a footer) never runs past the margin."""
    if pdf.get_string_width(value) <= width:
        return value
    while value and pdf.get_string_width(value + "…") > width:
        value = value[:-1]
    return value.rstrip(" ·,") + "…"


def pdf_bytes(
    snapshot: Snapshot,
    charts: Sequence[tuple[str, bytes]] | None = None,
    *,
    charts_note: str | None = None,
) -> bytes:
    """The briefing of ``snapshot``. ``charts`` are (title, PNG bytes); None or empty with
    ``charts_note`` prints why there are no charts."""
    pdf = _Briefing(snapshot)
    _cover(pdf, snapshot, charts, charts_note)
    if charts:
        _charts(pdf, charts)
    for table in snapshot.tables:
        if table.key == "overview":
            continue  # its figures are the cover's cards
        _table_section(pdf, snapshot, table)
    if snapshot.sources is not None and len(snapshot.sources.frame) > COVER_SOURCES:
        _table_section(pdf, snapshot, snapshot.sources)
    return bytes(pdf.output())


# ==================================================================== cover
COVER_SOURCES = 8  # files listed on the cover; more go to the section at the end


def _cover(
    pdf: _Briefing, s: Snapshot, charts: Sequence[tuple[str, bytes]] | None, charts_note: str | None
) -> None:
    pdf.add_page()
    pdf.set_font(FONT_FAMILY, "B", 11)
    for line in s.issuer_lines:
        pdf.multi_cell(0, 6, line, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(8)
    pdf.set_font(FONT_FAMILY, "B", 20)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 10, s.title.upper(), align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    pdf.set_font(FONT_FAMILY, "", 13)
    pdf.multi_cell(0, 7, s.place_text, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)

    facts = [
        ("Phường/xã" if s.place_text == s.ward else "Phạm vi", s.place_text),
        ("Số liệu tính đến ngày", s.as_of_text),
        ("So sánh với kỳ trước", _date_or(s.previous_as_of, "chưa có kỳ trước")),
        ("Phạm vi lọc", s.filters),
        ("Lập lúc", s.made_at_text),
    ]
    if s.made_by:
        facts.append(("Người lập", s.made_by))
    pdf.set_font(FONT_FAMILY, "", 10)
    with pdf.table(
        col_widths=(55, pdf.epw - 55),
        first_row_as_headings=False,
        text_align=("LEFT", "LEFT"),
        borders_layout="HORIZONTAL_LINES",
        line_height=6.5,
    ) as table:
        for label, value in facts:
            row = table.row()
            row.cell(label, style=FontFace(emphasis="BOLD"))
            row.cell(value)
    pdf.ln(6)

    pdf.set_font(FONT_FAMILY, "B", 13)
    pdf.set_text_color(*BLUE)
    pdf.cell(0, 8, "Các chỉ số chính", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*GREY)
    pdf.set_font(FONT_FAMILY, "", 9)
    since = (
        f"Dòng nhỏ dưới mỗi số: thay đổi so với kỳ trước ({_date_or(s.previous_as_of, '')})."
        if s.previous_as_of
        else "Chưa có kỳ trước để so sánh."
    )
    pdf.cell(0, 5, since, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(1)
    _cards(pdf, s.headline)
    # What is left out of this file, before anything else is read.
    notes = list(s.notes)
    if not charts:
        notes.insert(0, f"{CHARTS_LEFT_OUT}: {charts_note or 'không có biểu đồ nào cho phần này.'}")
    pdf.set_text_color(150, 60, 0)
    pdf.set_font(FONT_FAMILY, "", 10)
    for note in notes:
        pdf.multi_cell(0, 5.5, f"Lưu ý: {note}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)
    _cover_sources(pdf, s)

    items = [title for title, _ in charts or []]
    contents = []
    if items:
        contents.append(f"Biểu đồ ({len(items)}): " + "; ".join(items))
    contents += [f"Bảng: {t.title}" for t in s.tables if t.key != "overview"]
    if s.sources is not None and len(s.sources.frame) > COVER_SOURCES:
        contents.append(f"Bảng: {s.sources.title}")
    if pdf.get_y() + 7 + 5.5 * min(len(contents), 4) > pdf.page_break_trigger:
        pdf.add_page()  # the list under its heading, not the heading alone at the foot
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.cell(0, 7, "Nội dung", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT_FAMILY, "", 10)
    for line in contents:
        pdf.multi_cell(0, 5.5, f"• {line}", align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _cover_sources(pdf: _Briefing, s: Snapshot) -> None:
    """Where the figures come from, in a leader's words: the files, their kind, ward and rows,
    and when each was imported (the first ``COVER_SOURCES``; the rest at the end)."""
    if s.sources is None:
        return
    pdf.set_font(FONT_FAMILY, "B", 11)
    pdf.cell(0, 7, "Số liệu lấy từ các tệp đã nhập", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    frame = s.sources.frame
    if frame.empty:
        pdf.set_font(FONT_FAMILY, "", 10)
        pdf.multi_cell(0, 5.5, s.sources.empty_message, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.ln(3)
        return
    _flat_table(pdf, replace(s.sources, frame=frame.head(COVER_SOURCES)))
    lines = list(s.sources.notes)
    if len(frame) > COVER_SOURCES:
        lines.insert(
            0,
            f"… và {text(len(frame) - COVER_SOURCES)} tệp khác: xem bảng “{s.sources.title}” "
            "cuối báo cáo.",
        )
    pdf.set_font(FONT_FAMILY, "", 8.5)
    pdf.set_text_color(*GREY)
    pdf.ln(1)
    for line in lines:
        pdf.multi_cell(0, 4.5, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(4)


def _date_or(value: dt.date | None, fallback: str) -> str:
    return f"{value:%d/%m/%Y}" if value else fallback


def _cards(pdf: _Briefing, headline: list[tuple[str, str, str | None]]) -> None:
    """The headline figures as boxes, four to a row, each with its change since the last snapshot."""
    per_row, gap, height = 4, 4.0, 27.0
    width = (pdf.epw - gap * (per_row - 1)) / per_row
    top = pdf.get_y()
    for i, (label, value, change) in enumerate(headline):
        x = pdf.l_margin + (i % per_row) * (width + gap)
        y = top + (i // per_row) * (height + gap)
        pdf.set_draw_color(190, 200, 215)
        pdf.set_fill_color(247, 250, 253)
        pdf.rect(x, y, width, height, style="DF")
        pdf.set_xy(x + 2, y + 1.5)
        pdf.set_font(FONT_FAMILY, "", 8.5)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(width - 4, 4, label, align="L", new_x=XPos.LEFT, new_y=YPos.NEXT)
        pdf.set_xy(x + 2, y + 10.5)
        pdf.set_font(FONT_FAMILY, "B", 17)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(width - 4, 8, value)
        if change:
            pdf.set_xy(x + 2, y + 20)
            pdf.set_font(FONT_FAMILY, "", 8.5)
            pdf.set_text_color(*GREY)
            pdf.cell(width - 4, 5, change)
    rows = math.ceil(len(headline) / per_row)
    pdf.set_text_color(0, 0, 0)
    pdf.set_xy(pdf.l_margin, top + rows * (height + gap))


# ==================================================================== charts
def _charts(pdf: _Briefing, charts: Sequence[tuple[str, bytes]]) -> None:
    """Each chart the full text width at its own aspect ratio, as many to a portrait page as fit."""
    from analytics.export.images import png_size

    for i, (title, png) in enumerate(charts):
        width_px, height_px = png_size(png)
        height = min(pdf.epw * height_px / max(width_px, 1), pdf.eph - 25)
        width = height * width_px / max(height_px, 1)
        if i == 0 or pdf.get_y() + height + 8 > pdf.page_break_trigger:
            pdf.add_page(orientation="P")
            pdf.set_font(FONT_FAMILY, "B", 13)
            pdf.set_text_color(*BLUE)
            pdf.cell(
                0, 8, "Biểu đồ" if i == 0 else "Biểu đồ (tiếp)", new_x=XPos.LMARGIN, new_y=YPos.NEXT
            )
            pdf.set_text_color(0, 0, 0)
        pdf.set_draw_color(220, 220, 220)
        x, y = pdf.l_margin + (pdf.epw - width) / 2, pdf.get_y()
        pdf.image(io.BytesIO(png), x=x, y=y, w=width, h=height)
        pdf.rect(x, y, width, height)
        pdf.set_y(y + height + 1)
        pdf.set_font(FONT_FAMILY, "", 9)
        pdf.set_text_color(*GREY)
        pdf.cell(0, 5, f"Hình {i + 1}. {title}", align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)
        pdf.ln(5)


# ==================================================================== tables
BODY_SIZE = 8.0
MIN_COLUMN = 9.0  # mm
# A list longer than this prints its first rows and says where the rest is (the Excel): a city's
# 22,000 gap rows typeset cell by cell took minutes (issue 9).
PDF_MAX_ROWS = 200
LABEL_WIDTH = 50.0  # mm: the row labels of a grouped table ("Trung tâm Phục vụ hành chính công")


def _table_section(pdf: _Briefing, s: Snapshot, table: Table) -> None:
    grouped = isinstance(table.frame.columns, pd.MultiIndex)
    wide = grouped or len(table.frame.columns) > 7
    pdf.add_page(orientation="L" if wide else "P")
    pdf.set_font(FONT_FAMILY, "B", 13)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 7, table.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(*GREY)
    pdf.set_font(FONT_FAMILY, "", 9)
    pdf.multi_cell(
        0,
        5,
        f"Số liệu tính đến ngày {s.as_of_text} · Phạm vi lọc: {s.filters}",
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_text_color(0, 0, 0)
    pdf.ln(2)
    if table.frame.empty:
        pdf.set_font(FONT_FAMILY, "", 10)
        pdf.multi_cell(0, 6, table.empty_message, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    elif grouped:
        for i, part in enumerate(_split_groups(pdf, table.frame)):
            if i:
                pdf.ln(5)
            # Keep a part that fits on one page together rather than break it after a few rows.
            height = 20 + 5 * len(part)
            if pdf.get_y() + height > pdf.page_break_trigger and height < pdf.eph:
                pdf.add_page(orientation="L")
            _grouped_table(pdf, part)
    else:
        shown = table.frame
        if len(shown) > PDF_MAX_ROWS:  # the briefing summarises; the workbook holds every row
            shown = shown.head(PDF_MAX_ROWS)
        _flat_table(pdf, replace(table, frame=shown))
        if len(shown) < len(table.frame):
            pdf.ln(2)
            pdf.set_font(FONT_FAMILY, "B", 9.5)
            pdf.multi_cell(
                0,
                5,
                f"Bản PDF in {PDF_MAX_ROWS} dòng đầu trong tổng số "
                f"{text(len(table.frame))} dòng. Danh sách đầy đủ ở tệp Excel của cùng bản xuất.",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )
    if table.notes:
        pdf.ln(2)
        pdf.set_font(FONT_FAMILY, "", 8.5)
        pdf.set_text_color(*GREY)
        for note in table.notes:
            pdf.multi_cell(0, 4.5, note, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_text_color(0, 0, 0)


def _column_weights(
    pdf: _Briefing, headers: list[str], columns: list[list[str]], wide: set[int]
) -> list[float]:
    """Widths (mm): every column at least its longest word, the page's remaining width shared
    by what each column would need to print on one line (long-text columns weighted double)."""
    least, want = [], []
    for i, (header, values) in enumerate(zip(headers, columns, strict=True)):
        pdf.set_font(FONT_FAMILY, "B", BODY_SIZE)
        head_word = max((pdf.get_string_width(w) for w in header.split()), default=0)
        pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
        longest_word = max((pdf.get_string_width(w) for v in values for w in v.split()), default=0)
        longest = max((pdf.get_string_width(v) for v in values), default=0)
        low = min(max(head_word, longest_word, MIN_COLUMN - 3) + 3, 40)
        # Short values (dates and times, codes, results) and the row label (a name, a unit) on
        # one line.
        if longest <= 26 or (i == 0 and longest <= 45):
            low = max(low, longest + 3)
        least.append(low)
        want.append(max(low, min(longest + 3, 120 if i in wide else 60)))
    room = pdf.epw - 0.01
    if sum(want) <= room:
        return [w * room / sum(want) for w in want]
    if sum(least) >= room:
        return [w * room / sum(least) for w in least]
    extra = room - sum(least)
    weights = [
        (w - lo) * (2 if i in wide else 1)
        for i, (w, lo) in enumerate(zip(want, least, strict=True))
    ]
    total = sum(weights) or 1.0
    return [lo + extra * wt / total for lo, wt in zip(least, weights, strict=True)]


def _flat_table(pdf: _Briefing, table: Table) -> None:
    frame = table.frame
    headers = [str(c) for c in frame.columns]
    cells = [
        [text(v, plain=str(c) in PLAIN_NUMBER_COLUMNS) for v in frame[c]] for c in frame.columns
    ]
    wide = {i for i, h in enumerate(headers) if h in table.wide_columns}
    widths = _column_weights(pdf, headers, cells, wide)
    aligns = ["RIGHT" if _numeric(frame[c]) else "LEFT" for c in frame.columns]
    pdf.set_font(FONT_FAMILY, "", BODY_SIZE)
    with pdf.table(
        col_widths=widths,
        text_align=aligns,
        width=sum(widths),
        line_height=BODY_SIZE * 0.5,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
        cell_fill_color=ZEBRA_FILL,
        cell_fill_mode=TableCellFillMode.EVEN_ROWS,
        repeat_headings=1,
        padding=1,
        v_align="TOP",
    ) as t:
        head = t.row()
        for h in headers:
            head.cell(h, align="CENTER")
        for r in range(len(frame)):
            row_values = [cells[c][r] for c in range(len(headers))]
            total = "Tổng cộng" in row_values
            row = t.row(style=FontFace(emphasis="BOLD") if total else None)
            for value in row_values:
                row.cell(value)


def _split_groups(pdf: _Briefing, frame: pd.DataFrame) -> list[pd.DataFrame]:
    """A table with column groups wider than the page, cut between groups; the first column
    (the row labels) repeated in every part."""
    first = frame.columns[0]
    groups: list[list[Any]] = []
    for column in frame.columns[1:]:
        if groups and groups[-1][0][0] == column[0] and column[1]:
            groups[-1].append(column)
        else:
            groups.append([column])
    label_width = LABEL_WIDTH
    per_column = 12.5
    room = int((pdf.epw - label_width) // per_column)
    parts: list[list[Any]] = [[]]
    for group in groups:
        if parts[-1] and len(parts[-1]) + len(group) > room:
            parts.append([])
        parts[-1].extend(group)
    return [frame[[first, *part]] for part in parts]


def _grouped_table(pdf: _Briefing, frame: pd.DataFrame) -> None:
    labels = [(str(a), str(b)) for a, b in frame.columns]
    label_width = LABEL_WIDTH
    rest = (pdf.epw - label_width) / max(1, len(labels) - 1)
    widths = [label_width, *([min(rest, 16.0)] * (len(labels) - 1))]
    widths = [w * min(1.0, (pdf.epw - 0.01) / sum(widths)) for w in widths]  # float rounding
    pdf.set_font(FONT_FAMILY, "", 7.5)
    with pdf.table(
        col_widths=widths,
        width=sum(widths),
        align="LEFT",
        text_align=["LEFT", *(["RIGHT"] * (len(labels) - 1))],
        line_height=3.6,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL, size_pt=7),
        num_heading_rows=2,
        repeat_headings=1,
        padding=0.8,
        v_align="MIDDLE",
    ) as t:
        top = t.row()
        col = 0
        while col < len(labels):
            group, sub = labels[col]
            if not sub:
                top.cell(group, rowspan=2, align="CENTER")
                col += 1
                continue
            end = col
            while end + 1 < len(labels) and labels[end + 1][0] == group and labels[end + 1][1]:
                end += 1
            top.cell(group, colspan=end - col + 1, align="CENTER")
            col = end + 1
        second = t.row()
        for _group, sub in labels:
            if sub:
                second.cell(sub, align="CENTER")
        for values in frame.to_numpy(dtype=object):
            printed = [text(v) for v in values]
            total = "Tổng cộng" in printed
            row = t.row(style=FontFace(emphasis="BOLD") if total else None)
            for value in printed:
                row.cell(value)
