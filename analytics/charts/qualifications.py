"""Charts and display helpers of the qualifications screen ("Trình độ đội ngũ").

Counts come from ``analytics.queries.distribution`` (categories in canonical order, the
"Chưa cập nhật" bucket included); colours are fixed per category so a level keeps its colour
whatever the breakdown. Every bar carries ``customdata = [category, group]`` so a click leads back
to the people behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from analytics import categories as cat
from analytics.charts.base import BASE_FONT_SIZE, empty, percent, style, wrap
from analytics.queries import DIMENSIONS

# Phrases of the chart titles per breakdown ("Trình độ chuyên môn theo đơn vị").
BY_PHRASES: dict[str, str] = {
    "unit": "theo đơn vị",
    "age_band": "theo độ tuổi",
    "gender": "theo giới tính",
    "party": "của đảng viên và quần chúng",
}
# Majors are not levels: a qualitative palette (colour-blind safe) instead of the level ramp,
# without its grey (kept for "Chưa cập nhật"); "Khác" takes Paul Tol's extra blue.
_MAJOR_PALETTE = (*qualitative.Safe[:10], "#6699CC")
_OUTLINE = {"color": "#6b6b6b", "width": 0.6}  # keeps the palest levels visible on white
EMPTY_MESSAGE = (
    "Chưa có dữ liệu trong phạm vi đang xem: nhập danh sách cán bộ, công chức ở trang Dữ liệu."
)


def colours(dimension: str) -> dict[str, str]:
    """The fixed colour of each category of ``dimension``, the no-data bucket grey."""
    levels = DIMENSIONS[dimension][1]
    if dimension == "major_group":
        palette = {g: _MAJOR_PALETTE[i % len(_MAJOR_PALETTE)] for i, g in enumerate(levels)}
        return {**palette, cat.NO_DATA: cat.NO_DATA_COLOUR}
    return cat.palette_for(levels)


def pick_label(category: str, group: str = "") -> str:
    """'Đại học · Phòng Văn hóa – Xã hội' (or just 'Đại học' without a breakdown)."""
    return f"{category} · {group}" if group else str(category)


def _with_shares(frame: pd.DataFrame, by: str | None) -> pd.DataFrame:
    """Counts with their share of the whole (no breakdown) or of their group (breakdown)."""
    data = frame.copy()
    data["category"] = data["category"].astype(str)
    data["group"] = data["group"].astype(str)
    data["people"] = data["people"].astype(int)
    totals = data.groupby("group")["people"].transform("sum") if by else data["people"].sum()
    data["share"] = data["people"] / totals
    return data


def _ordered(frame: pd.DataFrame, column: str) -> list[str]:
    """The values of a categorical column of ``distribution`` in its canonical order, present
    ones only (the category column keeps the no-data bucket even at zero)."""
    present = set(frame[column].astype(str))
    values = frame[column]
    order = (
        [str(v) for v in values.cat.categories]
        if isinstance(values.dtype, pd.CategoricalDtype)
        else sorted(present)
    )
    keep = [v for v in order if v in present]
    if column == "category" and cat.NO_DATA not in keep:
        keep.append(cat.NO_DATA)
    return keep


def distribution_chart(
    frame: pd.DataFrame, dimension: str, by: str | None = None, *, shares: bool = False
) -> go.Figure:
    """Horizontal bars of ``distribution(store, scope, dimension, by)``.

    Without ``by``: one bar per category, labelled "n (x%)". With ``by``: one bar per group,
    stacked by category in canonical order; ``shares`` draws each bar as 100%.
    """
    label = DIMENSIONS[dimension][0]
    if frame.empty or int(frame["people"].sum()) == 0:
        return empty(EMPTY_MESSAGE)
    data = _with_shares(frame, by)
    palette = colours(dimension)
    categories = _ordered(frame, "category")
    if not by:
        return _single_bars(data, categories, palette, label)
    return _stacked_bars(data, categories, _ordered(frame, "group"), palette, label, by, shares)


def _single_bars(
    data: pd.DataFrame, categories: list[str], palette: Mapping[str, str], label: str
) -> go.Figure:
    counts = data.groupby("category")["people"].sum()
    total = int(counts.sum())
    values = [int(counts.get(c, 0)) for c in categories]
    shares = [percent(v / total) for v in values]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=[wrap(c, 26) for c in categories],
            orientation="h",
            marker={
                "color": [palette.get(c, cat.NO_DATA_COLOUR) for c in categories],
                "line": _OUTLINE,
            },
            text=[f"{v} ({s})" for v, s in zip(values, shares, strict=True)],
            textposition="outside",
            cliponaxis=False,
            customdata=[[c, "", v, s] for c, v, s in zip(categories, values, shares, strict=True)],
            hovertemplate="%{customdata[0]}: %{customdata[2]} người (%{customdata[3]})<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed", title=None, ticksuffix="  ", showgrid=False)
    fig.update_xaxes(
        title="Số người",
        showgrid=True,
        gridcolor="#e5e5e5",
        range=[0, max(values) * 1.22 or 1],
        rangemode="tozero",
    )
    title = f"{label}: {total} người"
    return style(fig, title, height=140 + 48 * len(categories))


def _stacked_bars(
    data: pd.DataFrame,
    categories: list[str],
    groups: list[str],
    palette: Mapping[str, str],
    label: str,
    by: str,
    shares: bool,
) -> go.Figure:
    fig = go.Figure()
    ticks = [wrap(g, 24) for g in groups]
    for category in categories:
        part = data[data["category"] == category].set_index("group")
        counts = [int(part["people"].get(g, 0)) for g in groups]
        ratios = [float(part["share"].get(g, 0.0)) for g in groups]
        texts = [percent(r) if shares else str(n) for n, r in zip(counts, ratios, strict=True)]
        fig.add_trace(
            go.Bar(
                name=category,
                x=[r * 100 for r in ratios] if shares else counts,
                y=ticks,
                orientation="h",
                marker={"color": palette.get(category, cat.NO_DATA_COLOUR), "line": _OUTLINE},
                text=[t if n else "" for t, n in zip(texts, counts, strict=True)],
                textposition="inside",
                insidetextanchor="middle",
                customdata=[
                    [category, g, n, percent(r)]
                    for g, n, r in zip(groups, counts, ratios, strict=True)
                ],
                hovertemplate="%{customdata[0]} · %{customdata[1]}: %{customdata[2]} người (%{customdata[3]})<extra></extra>",
            )
        )
    totals = data.groupby("group")["people"].sum()
    for tick, group in zip(ticks, groups, strict=True):
        fig.add_annotation(
            x=100 if shares else int(totals.get(group, 0)),
            y=tick,
            text=f"{int(totals.get(group, 0))} người",
            xanchor="left",
            showarrow=False,
            xshift=6,
            font={"size": BASE_FONT_SIZE - 1, "color": "#444"},
        )
    fig.update_layout(
        barmode="stack", uniformtext={"minsize": 12, "mode": "hide"}, legend_traceorder="normal"
    )
    fig.update_yaxes(autorange="reversed", title=None, ticksuffix="  ", showgrid=False)
    top = 100 if shares else int(totals.max())
    fig.update_xaxes(
        title="Tỷ lệ trong nhóm (%)" if shares else "Số người",
        showgrid=True,
        gridcolor="#e5e5e5",
        range=[0, top * 1.15 or 1],
        ticksuffix="%" if shares else "",
    )
    title = f"{label} {BY_PHRASES.get(by, 'theo ' + DIMENSIONS[by][0].lower())}"
    legend_rows = 1 + len(categories) // 5
    return style(
        fig, title, height=170 + 62 * len(groups) + 34 * legend_rows, legend_title=f"{label}:"
    )


def pick_options(frame: pd.DataFrame) -> dict[str, tuple[str, str, int]]:
    """The counts one can open, in chart order: label → (category, group, people). Empty
    counts are left out (nobody to list)."""
    options: dict[str, tuple[str, str, int]] = {}
    for row in frame.itertuples(index=False):
        if int(row.people) > 0:
            category, group = str(row.category), str(row.group)
            options[pick_label(category, group)] = (category, group, int(row.people))
    return options


def point_pick(point: Mapping[str, Any]) -> tuple[str, str] | None:
    """(category, group) of a clicked bar, from its ``customdata``."""
    data = point.get("customdata")
    if not data or len(data) < 2:
        return None
    return str(data[0]), str(data[1])


def counts_table(frame: pd.DataFrame, dimension: str, by: str | None = None) -> pd.DataFrame:
    """The chart's numbers as a table: one row per category, a column per group and the total."""
    label = DIMENSIONS[dimension][0]
    categories = _ordered(frame, "category") if not frame.empty else [cat.NO_DATA]
    data = frame.assign(category=frame["category"].astype(str), group=frame["group"].astype(str))
    if by:
        groups = _ordered(frame, "group") if not frame.empty else []
        wide = data.pivot_table(
            index="category", columns="group", values="people", aggfunc="sum", fill_value=0
        )
        wide = wide.reindex(index=categories, columns=groups, fill_value=0)
        wide["Tổng số"] = wide.sum(axis=1)
    else:
        wide = (
            data.groupby("category")["people"]
            .sum()
            .reindex(categories, fill_value=0)
            .to_frame("Tổng số")
        )
    total = int(wide["Tổng số"].sum())
    wide["Tỷ lệ"] = [percent(n / total) if total else "—" for n in wide["Tổng số"]]
    wide = wide.reset_index(names=label)
    wide.columns = [str(c) for c in wide.columns]
    return wide


# Ngạch names are long; the form writes them short, as the QLNN group does.
_SHORT: dict[tuple[str, str], str] = {
    ("Ngạch", "Chuyên viên cao cấp"): "CVCC",
    ("Ngạch", "Chuyên viên chính"): "CVC",
    ("Ngạch", "Chuyên viên"): "CV",
    ("Ngạch", "Nhân viên"): "NV",
}


def composition_display(report: pd.DataFrame) -> tuple[pd.DataFrame, dict[str, tuple[str, str]]]:
    """The BM02 table for ``st.dataframe`` (grouped headers) and a map from each shown column
    name back to its (group, label).

    A clicked cell reports only the lower header, and the form repeats some ("TC" in Chuyên
    môn and LLCT, "Chưa cập nhật" in every group): repeats get zero-width spaces to stay apart.
    """
    shown: list[tuple[str, str]] = []
    back: dict[str, tuple[str, str]] = {}
    for group, label in report.columns:
        name = _SHORT.get((group, label), label) or group  # "Tổng số" has no lower header
        while name in back:
            name += "\u200b"
        back[name] = (group, label)
        shown.append(("" if not label else group, name))
    frame = report.copy()
    frame.columns = pd.MultiIndex.from_tuples(shown)
    return frame, back


def composition_flat(report: pd.DataFrame) -> pd.DataFrame:
    """The BM02 table for a CSV: one header row "Nhóm · Cột", units as the first column."""
    flat = report.copy()
    flat.columns = [f"{group} · {label}" if label else group for group, label in report.columns]
    return flat.reset_index()


_PEOPLE_BASE = ["full_name", "birth_date", "birth_year", "gender", "unit", "position", "field"]
_DETAIL_COLUMNS: dict[str, list[str]] = {
    "education_level": ["education_level", "major"],
    "major_group": ["major", "education_level"],
    "political_theory": ["political_theory"],
    "state_management": ["state_management"],
    "it_skill": ["it_skill"],
    "foreign_language": ["foreign_language"],
    "rank_code": ["rank_code"],
    "age_band": ["age", "age_band"],
    "party": ["party_member"],
}
# The column a group of the BM02 table reads (its label for "Trong đó" columns).
_COMPOSITION_DETAIL: dict[str, list[str]] = {
    "Trong đó": ["party_member", "ethnicity", "religion"],
    "Ngạch": _DETAIL_COLUMNS["rank_code"],
    "Chuyên môn": _DETAIL_COLUMNS["education_level"],
    "Lý luận chính trị": _DETAIL_COLUMNS["political_theory"],
    "Quản lý nhà nước": _DETAIL_COLUMNS["state_management"],
    "Tin học": _DETAIL_COLUMNS["it_skill"],
    "Ngoại ngữ": _DETAIL_COLUMNS["foreign_language"],
    "Độ tuổi": _DETAIL_COLUMNS["age_band"],
}


def people_columns(dimension: str, by: str | None = None) -> list[str]:
    """Columns of a people list opened from the chart: who they are, then what was counted."""
    extra = [*_DETAIL_COLUMNS.get(dimension, []), *_DETAIL_COLUMNS.get(by or "", [])]
    return list(dict.fromkeys([*_PEOPLE_BASE, *extra]))


def composition_people_columns(group: str) -> list[str]:
    """Columns of a people list opened from a cell of the BM02 table."""
    detail = _COMPOSITION_DETAIL.get(
        group, ["education_level", "major", "political_theory", "state_management"]
    )
    return list(dict.fromkeys([*_PEOPLE_BASE, *detail]))
