"""The presentation mode's deck ("Trình chiếu"): the current view as a sequence of slides, each
with one sentence computed from the same queries the screens read.

``deck(store, scope, today=...)`` returns a ``Deck``: a title slide (ward, data date, filters),
the headline figures, one slide per main chart (qualifications, placements, evaluations, plan)
and the overdue tasks. Every slide carries the same footer (ward, data date, filters). The
screen (pages/10_trinh_chieu.py) draws it; ``analytics.slides_pdf`` prints it on 16:9 pages.
No Streamlit here; the figures are the screens' own (``analytics.export.charts.CHARTS``).

>>> import datetime as dt
>>> from analytics.store import Store
>>> empty = deck(Store(":memory:"), Scope(), today=dt.date(2026, 10, 1))
>>> [s.key for s in empty.slides][:2], empty.slides[1].sentence
(['title', 'headline'], 'Chưa có dữ liệu cán bộ, công chức trong phạm vi đang xem.')
"""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analytics import categories as cat
from analytics import privacy, queries
from analytics.charts.base import FONT, date_vn, percent
from analytics.charts.placements import SENSITIVE_MARK
from analytics.export.charts import CHARTS, build_figures
from analytics.export.content import TITLE, Snapshot, collect, file_stem
from analytics.labels import COLUMN_LABELS, number_vn
from analytics.scope import Scope
from analytics.store import Store

# The chart of each chart slide: a name in analytics.export.charts.CHARTS (the screens' figures).
CHART_OF = {
    "trinh-do": "trinh-do-chuyen-mon",
    "bo-tri": "chua-dat-theo-linh-vuc",
    "danh-gia": "ket-qua-xep-loai",
    # The tasks by status (the sentence's counts): the screen's timeline, one row per task, is
    # too dense to read on a projector; the overdue tasks have their own slide.
    "ke-hoach": "nhiem-vu-ke-hoach",
}
# Overdue tasks on one slide, longest overdue first; the rest are counted under the table.
MAX_OVERDUE_ROWS = 7
OVERDUE_COLUMNS = ("task_code", "title", "lead_unit", "due_date", "days_overdue", "percent")
# Type on a slide: read from the back of a meeting room.
SLIDE_FONT_SIZE = 20
SENSITIVE_NOTE = f"{SENSITIVE_MARK} lĩnh vực nhạy cảm (bảng lĩnh vực)."
NO_STAFF = "Chưa có dữ liệu cán bộ, công chức trong phạm vi đang xem."


@dataclass(frozen=True)
class Slide:
    """One slide: a title, the one sentence saying what it shows, and one of: ``lines`` (the
    title slide), ``cards`` (label, value, change since the previous snapshot), ``figure`` (a
    chart, large type) or ``table`` (Vietnamese headers, values as printed). ``note``: a line
    under the content (a chart that could not be drawn, rows left out)."""

    key: str
    title: str
    sentence: str | None
    footer: str
    lines: tuple[str, ...] = ()
    cards: tuple[tuple[str, str, str | None], ...] = ()
    figure: go.Figure | None = None
    table: pd.DataFrame | None = None
    note: str | None = None


@dataclass
class Deck:
    """The slides of one view, and what every slide's footer says."""

    snapshot: Snapshot  # the header of every export: ward, data date, filters, when made
    slides: list[Slide] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # charts left out, and why (Vietnamese)

    @property
    def footer(self) -> str:
        return footer(self.snapshot)

    def counter(self, index: int) -> str:
        """'3/8': the slide at ``index`` (from 0) of the deck."""
        return f"{index + 1}/{len(self.slides)}"

    def stem(self) -> str:
        """The file name without extension: 'trinh-chieu_phuong-viet-hoa_30-09-2026'."""
        return "trinh-chieu_" + self.snapshot.stem().split("_", 1)[1]


def footer(snapshot: Snapshot) -> str:
    """What every slide says at its foot: ward, data date, filters."""
    return (
        f"{snapshot.ward} · Số liệu tính đến ngày {snapshot.as_of_text} · "
        f"Phạm vi: {snapshot.filters}"
    )


def file_name(store: Store, scope: Scope, as_of: dt.date | None) -> str:
    """The PDF's name before it is built (for a download button), as ``Deck.stem`` names it."""
    return "trinh-chieu_" + file_stem(store, scope, "tong-quan", as_of).split("_", 1)[1] + ".pdf"


def deck(
    store: Store,
    scope: Scope,
    *,
    today: dt.date,
    made_at: dt.datetime | None = None,
    made_by: str | None = None,
) -> Deck:
    """The slides of ``scope`` (the account's limits applied by every query) as of ``today``."""
    snapshot = collect(
        store, scope, view="tong-quan", today=today, made_at=made_at, made_by=made_by
    )
    made = Deck(snapshot=snapshot)
    foot = made.footer
    summary = snapshot.overview
    figures, made.notes = _figures(store, snapshot)
    made.slides.append(_title_slide(snapshot, foot))
    made.slides.append(
        Slide("headline", "Các chỉ số chính", headline_sentence(summary), foot,
              cards=tuple(snapshot.headline))
    )  # fmt: skip
    sentences = {
        "trinh-do": qualification_sentence(queries.qualification_summary(store, scope)),
        "bo-tri": placement_sentence(queries.placement_summary(store, scope)),
        "danh-gia": evaluation_sentence(summary),
        "ke-hoach": plan_sentence(queries.plan_summary(store, scope, today)),
    }
    titles = {
        "trinh-do": "Trình độ chuyên môn",
        "bo-tri": "Bố trí theo tiêu chuẩn vị trí",
        "danh-gia": f"Đánh giá, xếp loại năm {summary.evaluation_year}"
        if summary.evaluation_year
        else "Đánh giá, xếp loại",
        "ke-hoach": "Tiến độ kế hoạch",
    }
    for key, chart in CHART_OF.items():
        figure = figures.get(chart)
        note = SENSITIVE_NOTE if key == "bo-tri" else None
        if figure is None:
            note = _left_out(chart, made.notes)
        made.slides.append(Slide(key, titles[key], sentences[key], foot, figure=figure, note=note))
    made.slides.append(_overdue_slide(store, scope, today, foot))
    return made


# ==================================================================== sentences
def headline_sentence(summary: queries.Overview) -> str:
    """'40 cán bộ, công chức (tăng 1 người so với 31/12/2025); 90,0% có trình độ đại học trở
    lên, 87,5% có lý luận chính trị trung cấp trở lên.'"""
    if summary.as_of is None:
        return NO_STAFF
    change = summary.delta("head_count")
    since = ""
    if change and summary.previous_as_of:
        word = "tăng" if change > 0 else "giảm"
        since = (
            f" ({word} {number_vn(abs(int(change)))} người so với "
            f"{date_vn(summary.previous_as_of)})"
        )
    university = _share(summary.university_share, "university_share" in summary.hidden, summary)
    theory = _share(
        summary.political_theory_share, "political_theory_share" in summary.hidden, summary
    )
    return (
        f"{summary.text('head_count')} cán bộ, công chức{since}; {university} có trình độ đại "
        f"học trở lên, {theory} có lý luận chính trị trung cấp trở lên."
    )


def _share(value: float | None, hidden: bool, summary: queries.Overview) -> str:
    return privacy.share_text(hidden, summary.threshold) or percent(value)


def qualification_sentence(summary: queries.QualificationSummary) -> str:
    """'36/40 người (90,0%) có trình độ chuyên môn đại học trở lên; 2 người chưa cập nhật.'"""
    if not summary.total and "total" not in summary.hidden:
        return NO_STAFF
    row = summary.shares[summary.shares["dimension"] == "education_level"].iloc[0]
    k = summary.threshold
    people = privacy.count_text(row["people"], privacy.is_hidden(row, "people"), k)
    share = "" if privacy.is_hidden(row, "share") else f" ({percent(row['share'])})"
    text = f"{people}/{summary.text('total')} người{share} có trình độ chuyên môn đại học trở lên"
    no_data_hidden = privacy.is_hidden(row, "no_data")
    if no_data_hidden or row["no_data"]:
        no_data = privacy.count_text(row["no_data"], no_data_hidden, k)
        text += f"; {no_data} người chưa cập nhật trình độ chuyên môn"
    return text + "."


def placement_sentence(summary: queries.PlacementSummary) -> str:
    """'7 người chưa đạt tiêu chuẩn vị trí, 5 ở lĩnh vực nhạy cảm; 2 người chưa có dữ liệu
    để đối chiếu.' (chưa có dữ liệu is not chưa đạt: DOMAIN.md §4)."""
    if not summary.checked and "checked" not in summary.hidden:
        return NO_STAFF
    text = (
        f"{summary.text('below_standard')} người chưa đạt tiêu chuẩn vị trí, "
        f"{summary.text('below_standard_sensitive')} ở lĩnh vực nhạy cảm"
    )
    if summary.no_data or "no_data" in summary.hidden:
        text += f"; {summary.text('no_data')} người chưa có dữ liệu để đối chiếu"
    return text + f" (đã đối chiếu {summary.text('checked')} người)."


def evaluation_sentence(summary: queries.Overview) -> str:
    """'Năm 2026: 5 người hoàn thành xuất sắc, 32 hoàn thành tốt, 2 hoàn thành, 0 không
    hoàn thành nhiệm vụ; 1 người không xếp loại.' (the counts of the overview's ring)."""
    counts = summary.grade_counts
    if not counts or summary.evaluation_year is None:
        return "Chưa có kết quả đánh giá, xếp loại trong phạm vi đang xem."
    k = summary.threshold

    def shown(grade: str) -> str:
        n = counts.get(grade, 0)
        return privacy.count_text(n, grade in counts and n is None, k)

    # "hoàn thành xuất sắc, … không hoàn thành nhiệm vụ": the grades' names, said once
    words = [cat.GRADE_LABELS[g].removesuffix(" nhiệm vụ").lower() for g in cat.GRADES]
    parts = [f"{shown(g)} {w}" for g, w in zip(cat.GRADES, words, strict=True)]
    parts[0] = f"{shown(cat.GRADES[0])} người {words[0]}"
    text = f"Năm {summary.evaluation_year}: " + ", ".join(parts) + " nhiệm vụ"
    others = [g for g in counts if g not in cat.GRADES]  # "Không xếp loại", a file's own text
    if others:
        text += "; " + ", ".join(f"{shown(g)} người {g.lower()}" for g in others)
    return text + "."


def plan_sentence(summary: queries.PlanSummary) -> str:
    """'8 nhiệm vụ: 1 hoàn thành, 6 đang thực hiện, 1 quá hạn, 0 chưa thực hiện.'"""
    if summary.tasks == 0:
        return "Chưa có kế hoạch trong phạm vi đang xem."
    counts = summary.counts
    shown = [s for s in queries.PLAN_STATUS_ORDER if s != "Tạm dừng" or counts.get(s)]
    wards = f" của {number_vn(summary.wards)} phường/xã" if summary.wards > 1 else ""
    parts = ", ".join(f"{number_vn(counts.get(s, 0))} {s.lower()}" for s in shown)
    return f"{number_vn(summary.tasks)} nhiệm vụ{wards}: {parts}."


def overdue_sentence(summary: queries.PlanSummary, today: dt.date) -> str:
    """'1 nhiệm vụ quá hạn tính đến ngày 03/12/2026, lâu nhất 64 ngày.'"""
    overdue = summary.counts.get("Quá hạn", 0)
    if summary.tasks == 0:
        return "Chưa có kế hoạch trong phạm vi đang xem."
    if not overdue:
        return f"Không có nhiệm vụ quá hạn tính đến ngày {date_vn(today)}."
    wards = f" ở {number_vn(summary.overdue_wards)} phường/xã" if summary.wards > 1 else ""
    longest = number_vn(summary.max_days_overdue or 0)
    return (
        f"{number_vn(overdue)} nhiệm vụ quá hạn{wards} tính đến ngày {date_vn(today)}, "
        f"lâu nhất {longest} ngày."
    )


# ==================================================================== slides
def _title_slide(snapshot: Snapshot, foot: str) -> Slide:
    lines = (
        snapshot.ward,
        f"Số liệu tính đến ngày {snapshot.as_of_text}",
        f"Phạm vi: {snapshot.filters}",
        f"Trình chiếu ngày {snapshot.made_at:%d/%m/%Y}",
    )
    return Slide("title", TITLE, None, foot, lines=lines)


def _overdue_slide(store: Store, scope: Scope, today: dt.date, foot: str) -> Slide:
    summary = queries.plan_summary(store, scope, today)
    sentence = overdue_sentence(summary, today)
    if not summary.counts.get("Quá hạn"):
        return Slide("qua-han", "Nhiệm vụ quá hạn", sentence, foot)
    tasks = queries.plan_status(store, scope, today)
    late = tasks[tasks["overdue"].fillna(False).astype(bool)]
    late = late.sort_values("days_overdue", ascending=False, kind="stable")
    columns = list(OVERDUE_COLUMNS)
    if summary.wards > 1:
        columns.insert(0, "ward")
    table = pd.DataFrame(
        {COLUMN_LABELS[c]: [_cell(c, v) for v in late[c].head(MAX_OVERDUE_ROWS)] for c in columns}
    )
    rest = len(late) - len(table)
    note = (
        f"Và {number_vn(rest)} nhiệm vụ quá hạn khác: xem màn hình Tiến độ kế hoạch."
        if rest > 0
        else None
    )
    return Slide("qua-han", "Nhiệm vụ quá hạn", sentence, foot, table=table, note=note)


def _cell(column: str, value: Any) -> str:
    """A cell as printed: dd/mm/yyyy, whole numbers with the Vietnamese thousands mark."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—" if column == "lead_unit" else ""
    if column == "due_date":
        return date_vn(pd.Timestamp(value).date())
    if column in ("days_overdue", "percent"):
        return number_vn(round(float(value)))
    return str(value)


def _figures(store: Store, snapshot: Snapshot) -> tuple[dict[str, go.Figure], list[str]]:
    specs = [c for c in CHARTS if c.name in CHART_OF.values()]
    built, notes = build_figures(store, snapshot, specs)
    return {spec.name: slide_figure(fig) for spec, fig in built}, notes


def _left_out(chart: str, notes: list[str]) -> str:
    title = next(c.title for c in CHARTS if c.name == chart)
    return next((n for n in notes if title in n), f"Không vẽ được biểu đồ “{title}”.")


def slide_figure(fig: go.Figure) -> go.Figure:
    """A copy of a screen's chart for a slide: the slide's title replaces its own, the type is
    larger, the height is the slide's (``None``: whoever draws it sets it)."""
    out = go.Figure(copy.deepcopy(fig.to_dict()))
    margin = out.layout.margin
    out.update_layout(
        title=None,
        height=None,
        font={"family": FONT, "size": SLIDE_FONT_SIZE},
        legend={"font": {"size": SLIDE_FONT_SIZE - 2}},
        hoverlabel={"font": {"size": SLIDE_FONT_SIZE}},
        margin={"t": 20, "l": margin.l or 10, "r": max(int(margin.r or 0), 20), "b": margin.b},
    )
    for annotation in out.layout.annotations or ():
        size = annotation.font.size if annotation.font else None
        annotation.update(font={"size": max(int(size or 0), SLIDE_FONT_SIZE - 2)})
    out.update_xaxes(tickfont={"size": SLIDE_FONT_SIZE - 2}, title_font={"size": SLIDE_FONT_SIZE})
    out.update_yaxes(tickfont={"size": SLIDE_FONT_SIZE - 2}, title_font={"size": SLIDE_FONT_SIZE})
    if any(trace.type == "pie" for trace in out.data):
        # A ring in a wide slide: the legend beside it, so the ring (and the counts drawn
        # outside its thin slices) has the slide's whole height.
        out.update_layout(
            legend={"orientation": "v", "x": 1.0, "xanchor": "left", "y": 0.5, "yanchor": "middle"},
            margin={"t": 40, "b": 40, "l": 20, "r": 20},
        )
    return out
