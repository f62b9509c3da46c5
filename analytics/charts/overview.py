"""Charts of the overview screen."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go

from analytics import categories as cat
from analytics import privacy
from analytics.charts.base import count_step, empty, style
from analytics.labels import number_vn

GRADE_ORDER = (*cat.GRADES, "Không xếp loại")


def _name(grade: str) -> str:
    return f"{cat.GRADE_LABELS.get(grade, grade)} ({grade})" if grade in cat.GRADE_LABELS else grade


def grade_donut(
    counts: Mapping[str, int | None], year: int | None, threshold: int | None = None
) -> go.Figure:
    """The latest year's grade mix as a ring, in the canonical grade order and colours.

    A grade hidden from the reader (None, ``analytics.privacy``; ``threshold`` its "< k") is no
    slice: it is named in the ring's hole, and the slices show their counts, not shares of a
    whole that is not all drawn.
    """
    labels = [g for g in GRADE_ORDER if counts.get(g)]
    hidden = [g for g in GRADE_ORDER if g in counts and counts[g] is None]
    if not labels and not hidden:
        return empty("Chưa có kết quả đánh giá: nhập tệp đánh giá, xếp loại ở trang Dữ liệu.")
    values = [counts[g] for g in labels]
    colours = [cat.GRADE_COLOURS.get(g, cat.NO_DATA_COLOUR) for g in labels]
    names = [_name(g) for g in labels]
    fig = go.Figure(
        go.Pie(
            labels=names,
            values=values,
            hole=0.55,
            marker={"colors": colours},
            sort=False,
            direction="clockwise",
            textinfo="value" if hidden else "value+percent",
            # Inside the ring, never outside: at 1366 px a thin slice's label drawn outside ran
            # into the title; inside, Plotly shrinks it to fit its slice.
            textposition="inside",
            insidetextorientation="horizontal",
            hovertemplate="%{label}<br>%{value:,} người"
            + ("" if hidden else " (%{percent})")
            + "<extra></extra>",
        )
    )
    if hidden:
        fig.add_annotation(
            text=f"{privacy.hidden_text(threshold)} người:<br>" + "<br>".join(hidden),
            x=0.5,
            y=0.5,
            xref="paper",
            yref="paper",
            showarrow=False,
        )
    return style(fig, f"Kết quả xếp loại năm {year}" if year else "Kết quả xếp loại", height=420)


def plan_bars(counts: dict[str, int]) -> go.Figure:
    """Plan tasks by status."""
    order = ["Hoàn thành", "Đang thực hiện", "Quá hạn", "Chưa thực hiện"]
    if not any(counts.get(s) for s in order):
        return empty("Chưa có kế hoạch: nhập tệp kế hoạch và báo cáo tiến độ ở trang Dữ liệu.")
    fig = go.Figure(
        go.Bar(
            x=[counts.get(s, 0) for s in order],
            y=order,
            orientation="h",
            marker={"color": [cat.PLAN_STATUS_COLOURS[s] for s in order]},
            text=[number_vn(counts.get(s, 0)) for s in order],
            textposition="auto",
            hovertemplate="%{y}: %{x} nhiệm vụ<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    top = max(counts.get(s, 0) for s in order)
    fig.update_xaxes(title="Số nhiệm vụ", dtick=count_step(top), tickformat=",d")
    return style(fig, "Nhiệm vụ của kế hoạch", height=320)
