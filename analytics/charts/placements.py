"""Charts of the placement screen (Bố trí theo tiêu chuẩn): people with a gap by field or unit."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from pandas.io.formats.style import Styler

from analytics import categories as cat
from analytics import privacy
from analytics.charts.base import count_step, empty, mark_hidden, plain_label, style, wrap

# Results drawn as bars: "đạt" is not a gap. No data stays grey, apart from the reds.
GAP_RESULTS = tuple(r for r in cat.CHECK_RESULTS if r != "đạt")
RESULT_LABELS = {
    "chưa đạt": "Chưa đạt",
    "thiếu": "Thiếu chứng chỉ",
    "chưa có dữ liệu": "Chưa có dữ liệu",
    "đạt": "Đạt",
}
SENSITIVE_MARK = "★"
NO_GAPS = "Không có ai chưa đạt tiêu chuẩn trong phạm vi đang xem."
NO_ROSTER = "Chưa có danh sách cán bộ, công chức: nhập tệp danh sách ở trang Dữ liệu."


def group_label(group: str, sensitive: bool) -> str:
    """A bar's label: sensitive fields marked with a star."""
    return f"{SENSITIVE_MARK} {group}" if sensitive else str(group)


def gap_bars(counts: pd.DataFrame, by: str) -> go.Figure:
    """Horizontal bars, one per field (or unit), stacked by the people's most severe result.

    ``counts`` comes from ``queries.gap_counts`` (already in canonical order). Each segment
    carries ``customdata = [group, result, escaped group, count as shown]``: a click lists its
    people, the hover shows the group literally. A hidden count (``analytics.privacy``) is a bar
    of no length labelled "< 3", written again at the end of its group's bar.
    """
    title = "Số người chưa đạt theo lĩnh vực" if by == "field" else "Số người chưa đạt theo đơn vị"
    if counts.empty:
        return empty(NO_GAPS)
    groups = list(dict.fromkeys(counts["group"]))
    sensitive = counts.groupby("group")["sensitive"].any().to_dict()
    # Only fields are sensitive as such; a unit is not marked.
    labels = {g: wrap(group_label(g, by == "field" and bool(sensitive.get(g)))) for g in groups}
    k = privacy.frame_threshold(counts)
    hidden = privacy.hidden_flags(counts, "people")
    fig = go.Figure()
    for result in GAP_RESULTS:
        rows = counts[counts["result"] == result]
        if rows.empty:
            continue
        part = {
            str(r["group"]): None if h else int(r["people"])
            for (_, r), h in zip(rows.iterrows(), hidden[rows.index], strict=True)
        }
        ys = [g for g in groups if g in part]
        shown = [privacy.count_text(part[g], part[g] is None, k) for g in ys]
        fig.add_trace(
            go.Bar(
                name=RESULT_LABELS[result],
                y=[labels[g] for g in ys],
                x=[part[g] for g in ys],
                orientation="h",
                marker={"color": cat.CHECK_COLOURS[result]},
                text=shown,
                textposition="inside",
                insidetextanchor="middle",
                customdata=[[g, result, plain_label(g), n] for g, n in zip(ys, shown, strict=True)],
                hovertemplate=(
                    "%{customdata[2]}<br>"
                    + RESULT_LABELS[result]
                    + ": %{customdata[3]} người<extra></extra>"
                ),
            )
        )
    totals = counts["people"].fillna(0).groupby(counts["group"]).sum()
    mark_hidden(
        fig,
        [(float(totals[g]), labels[g]) for g in counts.loc[hidden, "group"]],
        privacy.hidden_text(k),
    )
    fig.update_layout(barmode="stack", clickmode="event+select", legend_traceorder="normal")
    fig.update_yaxes(
        categoryorder="array",
        categoryarray=[labels[g] for g in groups],
        autorange="reversed",
    )
    # No axis title: the chart title says "số người", and the legend sits below the axis.
    top = max(1, int(totals.max()))
    fig.update_xaxes(dtick=count_step(top), range=[0, top * 1.02 + 0.5], tickformat=",d")
    height = max(300, 120 + 46 * len(groups))
    return style(fig, title, height=height, legend_title="Mức nặng nhất:")


# Cell colours of the matrix: result colours from the categories, readable text on each.
_TEXT_ON = {"chưa đạt": "white", "thiếu": "black", "chưa có dữ liệu": "black", "đạt": "white"}
SENSITIVE_BACKGROUND = "#FFF2B3"
NOT_APPLICABLE = "—"


def matrix_frame(matrix: pd.DataFrame) -> pd.DataFrame:
    """The matrix of ``queries.placement_matrix`` with Vietnamese headers; sensitive fields starred."""
    if matrix.empty:
        return pd.DataFrame()
    criteria = [c for c in cat.CRITERIA.values() if c in matrix.columns]
    shown = pd.DataFrame(
        {
            "Họ và tên": matrix["full_name"],
            "Đơn vị": matrix["unit"].fillna(cat.NO_DATA),
            "Lĩnh vực": [
                group_label(f if isinstance(f, str) else cat.NO_DATA, bool(s))
                for f, s in zip(matrix["field"], matrix["sensitive"], strict=True)
            ],
        }
    )
    for criterion in criteria:
        shown[criterion] = matrix[criterion].tolist()
    return shown


def matrix_styler(shown: pd.DataFrame) -> Styler:
    """Background colour per result; the name and field of people in sensitive fields highlighted."""
    criteria = [c for c in cat.CRITERIA.values() if c in shown.columns]

    def cell(value: object) -> str:
        colour = cat.CHECK_COLOURS.get(str(value))
        if colour is None:
            return "color: #888888"
        return f"background-color: {colour}; color: {_TEXT_ON[str(value)]}"

    def sensitive_row(row: pd.Series) -> list[str]:
        marked = str(row["Lĩnh vực"]).startswith(SENSITIVE_MARK)
        css = f"background-color: {SENSITIVE_BACKGROUND}; font-weight: bold" if marked else ""
        return [css] * len(row)

    styler = shown.style.map(cell, subset=criteria)
    return styler.apply(sensitive_row, axis=1, subset=["Họ và tên", "Lĩnh vực"])
