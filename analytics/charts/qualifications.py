"""Charts and display helpers of the qualifications screen ("Trình độ đội ngũ").

Counts come from ``analytics.queries.distribution`` (categories in canonical order, the
"Chưa cập nhật" bucket included); colours are fixed per category so a level keeps its colour
whatever the breakdown. Every bar carries ``customdata = [category, group]`` so a click leads back
to the people behind it; hover texts read the escaped copies that follow (``plain_label``).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from analytics import categories as cat
from analytics import privacy
from analytics.charts.base import (
    BASE_FONT_SIZE,
    empty,
    mark_hidden,
    percent,
    plain_label,
    style,
    wrap,
)
from analytics.labels import number_vn
from analytics.queries import DIMENSIONS, mask_distribution

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
    """Counts with their share of the whole (no breakdown) or of their group (breakdown), and
    the totals: as ``distribution`` gives them (masked for the reader), or worked out here for a
    frame of bare counts. Category and group as text."""
    del by  # without a breakdown every row has the group "": its share is of the whole
    data = frame if "share" in frame else mask_distribution(frame, None)
    data = data.assign(category=data["category"].astype(str), group=data["group"].astype(str))
    return privacy.with_threshold(data, privacy.frame_threshold(frame))


def _cell(row: pd.Series | None, column: str) -> int | None:
    """A count of a row of ``_with_shares`` (None: hidden; no row: 0)."""
    if row is None:
        return 0
    if privacy.is_hidden(row, column):
        return None
    return int(row[column])


def _ratio(row: pd.Series | None) -> float | None:
    """The share of a row of ``_with_shares`` (None: hidden; no row: 0)."""
    if row is None:
        return 0.0
    if privacy.is_hidden(row, "share") or pd.isna(row["share"]):
        return None
    return float(row["share"])


def _shown(frame: pd.DataFrame) -> bool:
    """Whether ``distribution`` counted anybody (hidden cells count: they hold people)."""
    if frame.empty:
        return False
    return bool(frame["people"].fillna(0).sum() > 0 or privacy.hidden_flags(frame, "people").any())


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
    if not _shown(frame):
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
    k = privacy.frame_threshold(data)
    rows = {str(r["category"]): r for _, r in data.iterrows()}
    values = [_cell(rows.get(c), "people") for c in categories]
    shares = [percent(_ratio(rows.get(c))) for c in categories]
    shown: list[int | str] = [privacy.hidden_text(k) if v is None else v for v in values]
    ticks = [wrap(c, 26) for c in categories]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=ticks,
            orientation="h",
            marker={
                "color": [palette.get(c, cat.NO_DATA_COLOUR) for c in categories],
                "line": _OUTLINE,
            },
            text=[
                privacy.hidden_text(k) if v is None else f"{number_vn(v)} ({s})"
                for v, s in zip(values, shares, strict=True)
            ],
            textposition="outside",
            cliponaxis=False,
            customdata=[
                [c, "", v, s, plain_label(c)]
                for c, v, s in zip(categories, shown, shares, strict=True)
            ],
            hovertemplate="%{customdata[4]}: %{customdata[2]} người (%{customdata[3]})<extra></extra>",
            showlegend=False,
        )
    )
    fig.update_yaxes(autorange="reversed", title=None, ticksuffix="  ", showgrid=False)
    fig.update_xaxes(
        title="Số người",
        showgrid=True,
        gridcolor="#e5e5e5",
        range=[0, max((v for v in values if v is not None), default=0) * 1.22 or 1],
        rangemode="tozero",
        tickformat=",d",  # 50.000, not 50k
    )
    mark_hidden(
        fig,
        [(0, t) for t, v in zip(ticks, values, strict=True) if v is None],
        privacy.hidden_text(k),
    )
    first = data.iloc[0]
    total = privacy.count_text(first["total"], privacy.is_hidden(first, "total"), k)
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
    k = privacy.frame_threshold(data)
    hidden = privacy.hidden_text(k)
    ticks = [wrap(g, 24) for g in groups]
    cells = {(str(r["category"]), str(r["group"])): r for _, r in data.iterrows()}
    hidden_in = dict.fromkeys(groups, 0)  # hidden segments per group
    for category in categories:
        rows = [cells.get((category, g)) for g in groups]
        counts = [_cell(r, "people") for r in rows]
        ratios = [_ratio(r) for r in rows]
        for g, n in zip(groups, counts, strict=True):
            hidden_in[g] += n is None
        texts = [
            hidden if n is None else (percent(r) if shares else number_vn(n))
            for n, r in zip(counts, ratios, strict=True)
        ]
        fig.add_trace(
            go.Bar(
                name=plain_label(category),
                x=[None if r is None else r * 100 for r in ratios] if shares else counts,
                y=ticks,
                orientation="h",
                marker={"color": palette.get(category, cat.NO_DATA_COLOUR), "line": _OUTLINE},
                text=[t if n != 0 else "" for t, n in zip(texts, counts, strict=True)],
                textposition="inside",
                insidetextanchor="middle",
                customdata=[
                    [
                        category,
                        g,
                        hidden if n is None else n,
                        hidden if r is None else percent(r),
                        plain_label(category),
                        plain_label(g),
                    ]
                    for g, n, r in zip(groups, counts, ratios, strict=True)
                ],
                hovertemplate="%{customdata[4]} · %{customdata[5]}: %{customdata[2]} người (%{customdata[3]})<extra></extra>",
            )
        )
    # Each group's total, exact (or hidden) from the query, and where its drawn bar ends.
    firsts = data.drop_duplicates("group").set_index("group")
    visible = data["people"].fillna(0).groupby(data["group"]).sum()
    totals = {
        g: (None if privacy.is_hidden(r, "group_total") else int(r["group_total"]))
        for g, r in firsts.iterrows()
    }
    for tick, group in zip(ticks, groups, strict=True):
        total = totals.get(group, 0)
        text = f"{hidden if total is None else number_vn(total)} người"
        if hidden_in[group]:
            text += f" (có {hidden_in[group]} ô {hidden})"
        fig.add_annotation(
            x=100 if shares else (total if total is not None else float(visible.get(group, 0))),
            y=tick,
            text=text,
            xanchor="left",
            showarrow=False,
            xshift=6,
            font={"size": BASE_FONT_SIZE - 1, "color": "#444"},
        )
    fig.update_layout(
        barmode="stack", uniformtext={"minsize": 12, "mode": "hide"}, legend_traceorder="normal"
    )
    fig.update_yaxes(autorange="reversed", title=None, ticksuffix="  ", showgrid=False)
    ends = [t if t is not None else float(visible.get(g, 0)) for g, t in totals.items()]
    top = 100 if shares else max(ends, default=0)
    fig.update_xaxes(
        title="Tỷ lệ trong nhóm (%)" if shares else "Số người",
        showgrid=True,
        gridcolor="#e5e5e5",
        range=[0, top * 1.15 or 1],
        ticksuffix="%" if shares else "",
        tickformat=None if shares else ",d",
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
        if not privacy.is_hidden(row, "people") and int(row.people) > 0:
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
    """The chart's numbers as a table: one row per category, a column per group and the total.

    Cells a reader may not see read "< 3" (``analytics.privacy``): then every count is text.
    """
    label = DIMENSIONS[dimension][0]
    categories = _ordered(frame, "category") if not frame.empty else [cat.NO_DATA]
    groups = _ordered(frame, "group") if by and not frame.empty else []
    data = _with_shares(frame, by)
    k = privacy.frame_threshold(data)
    cells = {(str(r["category"]), str(r["group"])): r for _, r in data.iterrows()}
    by_category = {str(r["category"]): r for _, r in data.drop_duplicates("category").iterrows()}
    total = data.iloc[0] if not data.empty else None
    nobody = total is None or (not privacy.is_hidden(total, "total") and not total["total"])

    def count(row: pd.Series | None, column: str) -> int | str:
        n = _cell(row, column)
        if k is None:
            return 0 if n is None else n
        return privacy.count_text(n, n is None, k)

    def share(row: pd.Series | None) -> str:
        if nobody:
            return "—"
        if row is None:  # nobody in the category: 0 of a total that may itself be hidden
            hidden = total is not None and privacy.is_hidden(total, "total")
            return privacy.share_text(hidden, k) or percent(0.0)
        if privacy.is_hidden(row, "category_share"):
            return privacy.share_text(True, k) or ""
        return percent(float(row["category_share"]))

    table: dict[str, list[Any]] = {label: categories}
    for group in groups:
        table[group] = [count(cells.get((c, group)), "people") for c in categories]
    table["Tổng số"] = [count(by_category.get(c), "category_total") for c in categories]
    table["Tỷ lệ"] = [share(by_category.get(c)) for c in categories]
    return pd.DataFrame(table, columns=list(table))


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
    frame = _hidden_as_text(report)
    frame.columns = pd.MultiIndex.from_tuples(shown)
    return frame, back


# How many pixels a BM02 part may give its count columns beside the unit names: the main area
# is 904 px wide at 1366×768 (sidebar open), the unit column takes about 230 of it.
PART_WIDTH = 660


def _column_width(name: str) -> int:
    """About how wide st.dataframe draws a count column headed ``name`` (14 px font)."""
    return max(44, 7 * len(name.replace("\u200b", "")) + 20)


def composition_parts(shown: pd.DataFrame, width: int = PART_WIDTH) -> list[pd.DataFrame]:
    """The BM02 table (``composition_display``) cut into parts that each fit ``width`` without
    a sideways scrollbar: whole column groups side by side, in the form's order; every part
    after the first repeats "Tổng số" so that each reads on its own. A group wider than
    ``width`` alone makes a part of its own."""
    total = [c for c in shown.columns if not c[0]]  # "Tổng số": no group above it
    groups: dict[str, list[tuple[str, str]]] = {}
    for column in shown.columns:
        if column[0]:
            groups.setdefault(column[0], []).append(column)
    base = sum(_column_width(name) for _, name in total)
    parts: list[list[tuple[str, str]]] = []
    used = width  # start a new part at the first group
    for columns in groups.values():
        need = max(sum(_column_width(name) for _, name in columns), _column_width(columns[0][0]))
        if used + need > width and (not parts or len(parts[-1]) > len(total)):
            parts.append(list(total))
            used = base
        parts[-1].extend(columns)
        used += need
    return [shown[part] for part in parts]


def _hidden_as_text(report: pd.DataFrame) -> pd.DataFrame:
    """The BM02 table as shown: for a reader with a threshold every cell as text, the hidden
    (NaN, ``queries.mask_table``) ones "< 3"; otherwise the counts as they are."""
    k = privacy.frame_threshold(report)
    if k is None:
        return report.copy()
    return report.map(lambda n: privacy.count_text(n, pd.isna(n), k))


def composition_flat(report: pd.DataFrame) -> pd.DataFrame:
    """The BM02 table for a CSV: one header row "Nhóm · Cột", units as the first column."""
    flat = _hidden_as_text(report)
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
