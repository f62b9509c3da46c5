"""Shared look of every chart: font, margins that never cut Vietnamese labels, empty states."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Iterable
from typing import Any

import plotly.graph_objects as go

FONT = "Noto Sans, DejaVu Sans, Arial, sans-serif"
BASE_FONT_SIZE = 15
HEIGHT = 460


def plain_label(text: object) -> str:
    """``text`` shown literally in a Plotly title, tick, legend, hover text or annotation.

    Plotly reads a subset of HTML there (``<a href>``, ``<b>``, ``<br>``, ``&entities;``), LaTeX
    between ``$`` and, in a hovertemplate, ``%{…}``: each becomes an entity that Plotly shows as
    the character itself. Escape the data value, not the chart's own markup:

    >>> plain_label('<a href="x">Tổ $1$</a> 100%')
    '&lt;a href="x"&gt;Tổ &#36;1&#36;&lt;/a&gt; 100&#37;'
    >>> f"<b>{plain_label('Phòng <Kinh tế>')}</b>"
    '<b>Phòng &lt;Kinh tế&gt;</b>'
    """
    return html.escape(str(text), quote=False).replace("$", "&#36;").replace("%", "&#37;")


# A counts axis steps by one person or task while that draws few ticks (a ward's 0-12); past
# that Plotly picks round steps: a tick per person at national scale drew 10,000 labels.
MAX_UNIT_TICKS = 12


def count_step(top: float, step: int = 1) -> int | None:
    """The fixed tick step of a counts axis up to ``top``: ``step`` while that draws at most
    ``MAX_UNIT_TICKS`` ticks, else None (Plotly's own round steps, with thousands marks).

    >>> count_step(8), count_step(12_276), count_step(20, 2)
    (1, None, 2)
    """
    return step if top / step <= MAX_UNIT_TICKS else None


def wrap(label: str, width: int = 22) -> str:
    """Break a long category label over lines (<br>) so it is never cut off; each line is shown
    literally (``plain_label``)."""
    lines = textwrap.wrap(str(label), width=width) or [str(label)]
    return "<br>".join(plain_label(line) for line in lines)


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


def mark_hidden(
    fig: go.Figure, points: Iterable[tuple[Any, Any]], text: str, *, horizontal: bool = True
) -> None:
    """Write ``text`` ("< 3", ``analytics.privacy``) where each hidden bar would start: a bar
    drawn with no length (its value None) shows no label of its own. ``points``: (x, y), each
    place once."""
    for x, y in dict.fromkeys(points):
        fig.add_annotation(
            x=x,
            y=y,
            text=text,
            showarrow=False,
            xanchor="left" if horizontal else "center",
            yanchor="middle" if horizontal else "bottom",
            xshift=4 if horizontal else 0,
            font={"size": BASE_FONT_SIZE - 1, "color": "#555"},
        )
