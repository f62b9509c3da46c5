"""Charts of the overview screen."""

from __future__ import annotations

import plotly.graph_objects as go

from analytics import categories as cat
from analytics.charts.base import empty, style

GRADE_ORDER = (*cat.GRADES, "Không xếp loại")


def grade_donut(counts: dict[str, int], year: int | None) -> go.Figure:
    """The latest year's grade mix as a ring, in the canonical grade order and colours."""
    labels = [g for g in GRADE_ORDER if counts.get(g)]
    if not labels:
        return empty("Chưa có kết quả đánh giá: nhập tệp đánh giá, xếp loại ở trang Dữ liệu.")
    values = [counts[g] for g in labels]
    colours = [cat.GRADE_COLOURS.get(g, cat.NO_DATA_COLOUR) for g in labels]
    names = [f"{cat.GRADE_LABELS.get(g, g)} ({g})" if g in cat.GRADE_LABELS else g for g in labels]
    fig = go.Figure(
        go.Pie(
            labels=names,
            values=values,
            hole=0.55,
            marker={"colors": colours},
            sort=False,
            direction="clockwise",
            textinfo="value+percent",
            hovertemplate="%{label}<br>%{value} người (%{percent})<extra></extra>",
        )
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
            text=[counts.get(s, 0) for s in order],
            textposition="auto",
            hovertemplate="%{y}: %{x} nhiệm vụ<extra></extra>",
        )
    )
    fig.update_yaxes(autorange="reversed")
    fig.update_xaxes(title="Số nhiệm vụ", dtick=1)
    return style(fig, "Nhiệm vụ của kế hoạch", height=320)
