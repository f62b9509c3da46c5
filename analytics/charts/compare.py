"""Charts of the ward comparison (pages/11_so_sanh_phuong.py)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics.charts.base import empty, style, wrap


def head_count_against_norm(frame: pd.DataFrame) -> go.Figure:
    """Each ward's head count beside its norm and its quota (bars; a ward without a norm or a
    quota has no bar of it, never a bar of 0)."""
    if frame.empty:
        return empty("Chưa có danh sách cán bộ, công chức của phường/xã nào.")
    wards = [wrap(w, 18) for w in frame["ward"]]
    fig = go.Figure()
    for column, name, colour in (
        ("head_count", "Số người hiện có", "#1f77b4"),
        ("norm", "Định mức (CV 09/CV-BCĐ)", "#ff7f0e"),
        ("quota", "Biên chế được giao", "#2ca02c"),
    ):
        values = [None if pd.isna(v) else int(v) for v in frame[column]]
        fig.add_bar(
            x=wards,
            y=values,
            name=name,
            marker_color=colour,
            text=values,
            textposition="outside",
            cliponaxis=False,
            hovertemplate="%{x}<br>" + name + ": %{y:,} người<extra></extra>",
        )
    fig.update_layout(barmode="group")
    fig.update_yaxes(title_text="Số người", rangemode="tozero")
    return style(fig, "Số người so với định mức và biên chế", height=420)
