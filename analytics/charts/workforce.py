"""Charts of the "Kế hoạch nhân sự" screen: when people reach retirement age (NĐ 135/2020)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from analytics import categories as cat
from analytics.charts.base import count_step, empty, style

SENSITIVE_COLOURS = {"Lĩnh vực nhạy cảm": "#C0392B", "Lĩnh vực khác": "#1F4E79"}


def retirement_timeline(leavers: pd.DataFrame) -> go.Figure:
    """Leavers per quarter of their retirement date (``workforce.retirement_leavers``), sensitive
    fields apart; those already at the age at the roster's date in the first bar."""
    if leavers.empty:
        return empty("Không có ai đến tuổi nghỉ hưu trong khoảng thời gian này.")
    dates = pd.to_datetime(leavers["retirement_date"])
    as_of = pd.to_datetime(leavers["as_of"])
    quarter = dates.dt.year.astype(str) + " – Quý " + dates.dt.quarter.astype(str)
    frame = pd.DataFrame(
        {
            "when": quarter.where(dates > as_of, cat.RETIREMENT_HORIZONS[0]),
            "order": dates.where(dates > as_of, pd.Timestamp.min),
            "kind": leavers["sensitive"].map({True: "Lĩnh vực nhạy cảm", False: "Lĩnh vực khác"}),
        }
    )
    order = list(dict.fromkeys(frame.sort_values("order")["when"]))
    fig = go.Figure()
    counts = frame.groupby(["when", "kind"]).size()
    for kind, colour in SENSITIVE_COLOURS.items():
        y = [int(counts.get((w, kind), 0)) for w in order]
        fig.add_trace(
            go.Bar(
                name=kind,
                x=order,
                y=y,
                marker={"color": colour},
                hovertemplate="%{x}: %{y} người<extra>" + kind + "</extra>",
            )
        )
    totals = frame.groupby("when").size()
    fig.update_layout(barmode="stack")
    fig.update_xaxes(title="Thời điểm nghỉ hưu (quý)", categoryorder="array", categoryarray=order)
    fig.update_yaxes(title="Số người", dtick=count_step(int(totals.max())), rangemode="tozero")
    style(fig, "Số người đến tuổi nghỉ hưu theo quý", legend_title="Lĩnh vực")
    return fig
