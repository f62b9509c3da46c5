"""Shared look of every chart: font, margins that never cut Vietnamese labels, empty states."""

from __future__ import annotations

import textwrap

import plotly.graph_objects as go

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
BASE_FONT_SIZE = 15
HEIGHT = 460


def wrap(label: str, width: int = 22) -> str:
    """Break a long category label over lines (<br>) so it is never cut off."""
    return "<br>".join(textwrap.wrap(str(label), width=width)) or str(label)


def style(
    fig: go.Figure,
    title: str | None = None,
    *,
    height: int = HEIGHT,
    legend_title: str | None = None,
) -> go.Figure:
    fig.update_layout(
        title={"text": title, "x": 0, "xanchor": "left", "font": {"size": BASE_FONT_SIZE + 3}}
        if title
        else None,
        font={"family": FONT, "size": BASE_FONT_SIZE},
        height=height,
        margin={"l": 10, "r": 10, "t": 60 if title else 20, "b": 10},
        legend={
            "title": {"text": legend_title or ""},
            "orientation": "h",
            "yanchor": "top",
            "y": -0.15,
            "xanchor": "left",
            "x": 0,
        },
        plot_bgcolor="white",
        paper_bgcolor="white",
        hoverlabel={"font": {"family": FONT, "size": BASE_FONT_SIZE}, "namelength": -1},
        separators=",.",
    )
    fig.update_xaxes(automargin=True, showgrid=False, linecolor="#888")
    fig.update_yaxes(automargin=True, gridcolor="#e5e5e5", linecolor="#888")
    return fig


def empty(message: str) -> go.Figure:
    """A chart that says what to import instead of drawing nothing."""
    fig = go.Figure()
    fig.add_annotation(
        text=message, showarrow=False, font={"size": BASE_FONT_SIZE + 1, "color": "#555"}
    )
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    return style(fig, height=240)


def percent(value: float | None, digits: int = 1) -> str:
    """0.905 -> '90,5%' (Vietnamese decimal comma)."""
    if value is None:
        return "—"
    return f"{value * 100:.{digits}f}%".replace(".", ",")


def points_change(delta: float | None) -> str | None:
    """A change of a share in percentage points: 0.028 -> '+2,8 điểm %'."""
    return None if delta is None else f"{delta * 100:+.1f} điểm %".replace(".", ",")


def date_vn(value: object) -> str:
    """dd/mm/yyyy, or '—'."""
    import datetime as dt

    import pandas as pd

    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "—"
    if isinstance(value, dt.datetime | pd.Timestamp):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, dt.date):
        return f"{value:%d/%m/%Y}"
    return str(value)
