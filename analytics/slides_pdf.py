"""The presentation's deck as a PDF of 16:9 pages, one page per slide, for a projector or a
laptop without the dashboard: the same slides as the screen (``analytics.slides.deck``), charts
drawn by Kaleido (``analytics.export.images``), the Vietnamese font of the PDF briefing.

``slides_export(store, scope, today=..., actor=...)`` builds it, checks the export permission and
writes it to the audit log as every export is; where no browser can draw the charts, each chart
slide says so and the file still comes out.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
from dataclasses import dataclass, field

import plotly.graph_objects as go
from fpdf import FPDF, FontFace
from fpdf.enums import Align, TableCellFillMode, XPos, YPos

from analytics import audit
from analytics.export import images
from analytics.export.pdf import FONT_FAMILY, find_font
from analytics.policy import Action
from analytics.scope import OPERATOR, Account, Scope
from analytics.slides import Deck, Slide, deck
from analytics.store import Store

MIME = "application/pdf"
# 16:9, width x height: the widescreen page of presentation programs (13,33 x 7,5 in).
PAGE = (338.67, 190.5)  # mm
MARGIN = 14.0
FOOTER_HEIGHT = 14.0
# A chart is drawn 1500 px wide (at 1.5x) at the content area's own shape; its type (20 px) then
# prints about 12 pt, which a projector shows as large as the slide's body text.
CHART_WIDTH, CHART_HEIGHT, CHART_SCALE = 1500, 600, 1.5

BLUE = (31, 78, 121)
GREY = (90, 90, 90)
ORANGE = (150, 60, 0)
HEAD_FILL = (221, 235, 247)
ZEBRA_FILL = (246, 248, 250)
CARD_FILL = (247, 250, 253)
CARD_LINE = (190, 200, 215)
NO_CHARTS = "Bản này không có biểu đồ"


@dataclass
class SlidesFile:
    file_name: str
    data: bytes
    deck: Deck
    notes: list[str] = field(default_factory=list)  # what was left out and why (Vietnamese)
    mime: str = MIME


class _Pages(FPDF):
    def __init__(self, slides: Deck) -> None:
        # fpdf2 takes the portrait (short, long) size and turns it for "L"
        super().__init__(orientation="L", unit="mm", format=(PAGE[1], PAGE[0]))
        self.deck = slides
        regular, bold = find_font()
        self.add_font(FONT_FAMILY, "", regular)
        self.add_font(FONT_FAMILY, "B", bold)
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)
        s = slides.snapshot
        self.set_title(f"Trình chiếu — {s.title} — {s.ward}")
        self.set_subject(slides.footer)
        self.set_author(s.made_by or "")
        self.set_creator("Bảng điều khiển chất lượng đội ngũ CBCC")
        self.set_lang("vi")
        self.set_creation_date(s.made_at.astimezone())

    @property
    def bottom(self) -> float:
        """Where the content of a slide must end: above the footer."""
        return self.h - FOOTER_HEIGHT - 2

    def footer(self) -> None:
        """Ward, data date and filters on every page, and the slide's number N/M."""
        top = self.h - FOOTER_HEIGHT
        self.set_draw_color(200, 200, 200)
        self.line(self.l_margin, top, self.w - self.r_margin, top)
        self.set_font(FONT_FAMILY, "", 11)
        self.set_text_color(*GREY)
        counter = self.deck.counter(self.page_no() - 1)
        room = self.epw - self.get_string_width(counter) - 8
        self.set_xy(self.l_margin, top + 2)
        self.multi_cell(room, 5, self.deck.footer, align=Align.L, max_line_height=5)
        self.set_xy(self.l_margin, top + 2)
        self.cell(0, 5, counter, align=Align.R)
        self.set_text_color(0, 0, 0)


def pdf_bytes(slides: Deck, charts: dict[str, bytes], *, charts_note: str | None = None) -> bytes:
    """One 16:9 page per slide; ``charts``: PNG by slide key (a chart slide without one says
    ``charts_note`` or that its chart could not be drawn)."""
    pdf = _Pages(slides)
    for slide in slides.slides:
        pdf.add_page()
        if slide.key == "title":
            _title_page(pdf, slide)
            continue
        top = _heading(pdf, slide)
        drawn = True
        if slide.cards:
            _cards(pdf, slide, top)
        elif slide.table is not None:
            _table(pdf, slide, top)
        elif slide.key in charts:
            _chart(pdf, charts[slide.key], top)
        elif slide.figure is not None:
            _note(pdf, f"{NO_CHARTS}: {charts_note or 'không vẽ được biểu đồ.'}", top)
        else:
            drawn = False
        if slide.note:  # under what was drawn, else (a chart left out) where it would be
            _note(pdf, slide.note, pdf.bottom - 8 if drawn else top)
    return bytes(pdf.output())


def _title_page(pdf: _Pages, slide: Slide) -> None:
    ward, *facts = slide.lines
    pdf.set_y(30)
    pdf.set_font(FONT_FAMILY, "B", 14)
    pdf.cell(0, 7, f"ỦY BAN NHÂN DÂN {ward.upper()}", align=Align.C, new_x=XPos.LMARGIN,
             new_y=YPos.NEXT)  # fmt: skip
    pdf.ln(12)
    pdf.set_font(FONT_FAMILY, "B", 30)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 14, slide.title.upper(), align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    pdf.ln(6)
    pdf.set_font(FONT_FAMILY, "B", 22)
    pdf.multi_cell(0, 11, ward, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(6)
    pdf.set_font(FONT_FAMILY, "", 16)
    for line in facts:
        pdf.multi_cell(0, 8.5, line, align=Align.C, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _heading(pdf: _Pages, slide: Slide) -> float:
    """The slide's title and sentence; returns where the content starts."""
    pdf.set_xy(pdf.l_margin, MARGIN)
    pdf.set_font(FONT_FAMILY, "B", 28)
    pdf.set_text_color(*BLUE)
    pdf.multi_cell(0, 12, slide.title, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_text_color(0, 0, 0)
    if slide.sentence:
        pdf.ln(1)
        pdf.set_font(FONT_FAMILY, "", 18)
        pdf.multi_cell(0, 8.5, slide.sentence, align=Align.L, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return pdf.get_y() + 4


def _cards(pdf: _Pages, slide: Slide, top: float) -> None:
    """The headline figures as boxes, four to a row, each with its change since last time."""
    per_row, gap = 4, 6.0
    rows = -(-len(slide.cards) // per_row)
    width = (pdf.epw - gap * (per_row - 1)) / per_row
    height = min(58.0, (pdf.bottom - top - gap * (rows - 1)) / rows)
    for i, (label, value, change) in enumerate(slide.cards):
        x = pdf.l_margin + (i % per_row) * (width + gap)
        y = top + (i // per_row) * (height + gap)
        pdf.set_draw_color(*CARD_LINE)
        pdf.set_fill_color(*CARD_FILL)
        pdf.rect(x, y, width, height, style="DF")
        pdf.set_xy(x + 4, y + 3)
        pdf.set_font(FONT_FAMILY, "", 14)
        pdf.set_text_color(*GREY)
        pdf.multi_cell(width - 8, 6.5, label, align=Align.L)
        pdf.set_xy(x + 4, y + height * 0.45)
        pdf.set_font(FONT_FAMILY, "B", 32)
        pdf.set_text_color(0, 0, 0)
        pdf.cell(width - 8, 13, value)
        if change:
            pdf.set_xy(x + 4, y + height - 9)
            pdf.set_font(FONT_FAMILY, "", 13)
            pdf.set_text_color(*GREY)
            pdf.cell(width - 8, 6, f"So với kỳ trước: {change}")
    pdf.set_text_color(0, 0, 0)


def _chart(pdf: _Pages, png: bytes, top: float) -> None:
    """The chart as large as the space left allows, at its own shape, centred."""
    width_px, height_px = images.png_size(png)
    room_w, room_h = pdf.epw, pdf.bottom - top
    scale = min(room_w / max(width_px, 1), room_h / max(height_px, 1))
    width, height = width_px * scale, height_px * scale
    pdf.image(io.BytesIO(png), x=pdf.l_margin + (room_w - width) / 2, y=top, w=width, h=height)


def _table(pdf: _Pages, slide: Slide, top: float) -> None:
    assert slide.table is not None
    frame = slide.table
    headers = [str(c) for c in frame.columns]
    wide = {"Mã": 0.6, "Nhiệm vụ": 4.0, "Chủ trì": 2.0, "Phường/xã": 1.6}
    weights = [wide.get(h, 1.0) for h in headers]
    widths = [pdf.epw * w / sum(weights) for w in weights]
    numeric = {"Số ngày quá hạn", "Tỷ lệ hoàn thành (%)", "Mã"}
    pdf.set_xy(pdf.l_margin, top)
    pdf.set_font(FONT_FAMILY, "", 14)
    with pdf.table(
        col_widths=widths,
        width=pdf.epw,
        text_align=["RIGHT" if h in numeric else "LEFT" for h in headers],
        line_height=6.5,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEAD_FILL),
        cell_fill_color=ZEBRA_FILL,
        cell_fill_mode=TableCellFillMode.EVEN_ROWS,
        padding=1.5,
        v_align="TOP",
    ) as table:
        head = table.row()
        for h in headers:
            head.cell(h, align="CENTER")
        for values in frame.itertuples(index=False):
            row = table.row()
            for value in values:
                row.cell(str(value))


def _note(pdf: _Pages, text: str, y: float) -> None:
    pdf.set_xy(pdf.l_margin, y)
    pdf.set_font(FONT_FAMILY, "", 13)
    pdf.set_text_color(*ORANGE)
    pdf.multi_cell(0, 6.5, text, align=Align.L)
    pdf.set_text_color(0, 0, 0)


def chart_figure(fig: go.Figure) -> go.Figure:
    """A slide's figure at the PDF's chart size, ticks thinned as the exports do."""
    out = go.Figure(fig)
    out.update_layout(width=CHART_WIDTH, height=CHART_HEIGHT, paper_bgcolor="white")
    return images.thin_ticks(out)


def slides_export(
    store: Store,
    scope: Scope,
    *,
    today: dt.date,
    made_at: dt.datetime | None = None,
    made_by: str | None = None,
    chart_images: bool = True,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> SlidesFile:
    """The deck of ``scope`` as a 16:9 PDF, written to the audit log under ``actor``."""
    scope.require(Action.EXPORT)
    session = images.ChartSession(width=CHART_WIDTH, scale=CHART_SCALE) if chart_images else None
    notes: list[str] = []
    charts: dict[str, bytes] = {}
    with session or contextlib.nullcontext():
        slides = deck(store, scope, today=today, made_at=made_at, made_by=made_by)
        drawn = [s for s in slides.slides if s.figure is not None]
        if session is not None:
            try:
                pngs = session.render([chart_figure(s.figure) for s in drawn if s.figure])
                charts = {s.key: png for s, png in zip(drawn, pngs, strict=True)}
            except images.ChartImagesUnavailable as exc:
                notes.append(str(exc))
        else:
            notes.append("Ảnh biểu đồ đã được tắt khi xuất.")
    notes += slides.notes
    name = f"{slides.stem()}.pdf"
    data = pdf_bytes(slides, charts, charts_note="; ".join(notes) or None)
    audit.record(
        store, actor.username, actor.role, "export",
        detail=f"{name} ({scope.describe()})", address=address,
    )  # fmt: skip
    return SlidesFile(file_name=name, data=data, deck=slides, notes=notes)
