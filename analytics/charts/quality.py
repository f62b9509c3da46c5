"""Charts of the data screen: problems found in the latest roster."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import categories as cat
from analytics.charts.base import empty, style, wrap

# Missing data is grey as everywhere ("chưa có dữ liệu"); contradictions red; repeats orange.
QUALITY_GROUP_COLOURS: dict[str, str] = {
    "Thiếu thông tin": cat.NO_DATA_COLOUR,
    "Không hợp lý": cat.CHECK_COLOURS["chưa đạt"],
    "Trùng lặp": cat.CHECK_COLOURS["thiếu"],
}


def problem_bars(summary: pd.DataFrame) -> go.Figure:
    """People per problem (``data_quality_summary``), one colour per group; bars are clickable."""
    if summary.empty:
        return empty("Không phát hiện vấn đề nào trong danh sách cán bộ mới nhất.")
    fig = go.Figure()
    for group, rows in summary.groupby("problem_group", sort=False):
        fig.add_trace(
            go.Bar(
                name=str(group),
                x=rows["people"],
                y=[wrap(p, 30) for p in rows["problem"]],
                customdata=[[problem] for problem in rows["problem"]],  # a click gives [problem]
                orientation="h",
                marker={"color": QUALITY_GROUP_COLOURS.get(str(group), cat.NO_DATA_COLOUR)},
                text=rows["people"],
                textposition="outside",
                cliponaxis=False,
                hovertemplate="%{customdata[0]}: %{x} người<extra></extra>",
            )
        )
    fig.update_yaxes(
        autorange="reversed",
        categoryorder="array",
        categoryarray=[wrap(p, 30) for p in summary["problem"]],
    )
    fig.update_xaxes(
        title="Số người", dtick=1 if summary["people"].max() <= 10 else None, rangemode="tozero"
    )
    height = max(320, 120 + 52 * len(summary))
    style(fig, "Vấn đề dữ liệu theo số người", height=height)
    # The group legend goes top right, clear of the axis title; shown even for one group.
    fig.update_layout(
        showlegend=True,
        legend={"orientation": "h", "y": 1.0, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    )
    return fig
