"""Charts and display tables of the evaluation screen (Đánh giá, xếp loại)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go

from analytics import categories as cat
from analytics.charts.base import empty, style, wrap

NOT_GRADED = "Không xếp loại"
GRADE_ORDER: tuple[str, ...] = (*cat.GRADES, NOT_GRADED)
BAND_ORDER: tuple[str, ...] = (*cat.GRADES, cat.NO_DATA)
GRADE_CELL_COLOURS = {**cat.GRADE_COLOURS, NOT_GRADED: cat.NO_DATA_COLOUR}
NO_EVALUATIONS = "Chưa có kết quả đánh giá, xếp loại: nhập tệp đánh giá ở trang Dữ liệu."
# The two service measures of the plan (tasks 4, 5): fixed colours, distinct from the grades.
MEASURE_COLOURS = {"on_time_rate": "#2166AC", "satisfaction": "#B2ABD2"}
MEASURE_LABELS = {"on_time_rate": "Hồ sơ giải quyết đúng hạn", "satisfaction": "Mức độ hài lòng"}
MEASURE_COUNTS = {"on_time_rate": "people_with_on_time", "satisfaction": "people_with_satisfaction"}


def grade_name(grade: str) -> str:
    """'HTXSNV – Hoàn thành xuất sắc nhiệm vụ'; other buckets as they are."""
    return f"{grade} – {cat.GRADE_LABELS[grade]}" if grade in cat.GRADE_LABELS else grade


def grade_colour(grade: str) -> str:
    return cat.GRADE_COLOURS.get(grade, cat.NO_DATA_COLOUR)


def number_vn(value: Any, digits: int = 1) -> str:
    """96.88 -> '96,9'; missing -> '—'."""
    if value is None or pd.isna(value):
        return "—"
    return f"{float(value):.{digits}f}".replace(".", ",")


def _present_grades(frame: pd.DataFrame) -> list[str]:
    present = set(frame["grade"])
    extra = sorted(g for g in present if g not in GRADE_ORDER)
    return [g for g in (*GRADE_ORDER, *extra) if g in present]


def grade_trend(mix: pd.DataFrame) -> go.Figure:
    """Grades per year as 100 % stacked bars (columns of ``grade_mix``: year, unit, grade, people)."""
    if mix.empty:
        return empty(NO_EVALUATIONS)
    by_year = mix.groupby(["year", "grade"], as_index=False)["people"].sum()
    totals = by_year.groupby("year")["people"].sum()
    years = sorted(int(y) for y in by_year["year"].unique())
    fig = go.Figure()
    for grade in _present_grades(by_year):
        rows = by_year[by_year["grade"] == grade].set_index("year")["people"]
        counts = [int(rows.get(y, 0)) for y in years]
        shares = [
            n / int(totals[y]) * 100 if int(totals[y]) else 0
            for n, y in zip(counts, years, strict=True)
        ]
        fig.add_trace(
            go.Bar(
                x=[str(y) for y in years],
                y=shares,
                name=grade_name(grade),
                marker={"color": grade_colour(grade)},
                text=[
                    f"{number_vn(s, 0)}%" if n else "" for s, n in zip(shares, counts, strict=True)
                ],
                textposition="inside",
                insidetextanchor="middle",
                customdata=counts,
                hovertemplate=f"{grade_name(grade)}<br>Năm %{{x}}: %{{customdata}} người (%{{y:.1f}}%)<extra></extra>",
            )
        )
    fig.update_layout(
        barmode="stack",
        bargap=0.35,
        legend_traceorder="normal",
        uniformtext={"minsize": 13, "mode": "hide"},
    )
    fig.update_yaxes(title="Tỷ lệ trong năm (%)", range=[0, 100], ticksuffix="%")
    fig.update_xaxes(type="category")
    return style(fig, "Cơ cấu xếp loại qua các năm", height=480)


def grade_by_unit(mix: pd.DataFrame, year: int, unit_order: list[str]) -> go.Figure:
    """Grades of ``year`` per unit as stacked horizontal bars; each point carries (unit, grade)."""
    rows = mix[mix["year"] == year]
    if rows.empty:
        return empty(f"Chưa có kết quả xếp loại năm {year}.")
    units = [u for u in unit_order if u in set(rows["unit"].fillna(cat.NO_DATA))]
    rows = rows.assign(unit=rows["unit"].fillna(cat.NO_DATA))
    fig = go.Figure()
    for grade in _present_grades(rows):
        counts = rows[rows["grade"] == grade].groupby("unit")["people"].sum()
        values = [int(counts.get(u, 0)) for u in units]
        fig.add_trace(
            go.Bar(
                y=[wrap(u, 24) for u in units],
                x=values,
                orientation="h",
                name=grade_name(grade),
                marker={"color": grade_colour(grade)},
                text=[v if v else "" for v in values],
                textposition="inside",
                insidetextanchor="middle",
                customdata=[[u, grade] for u in units],
                hovertemplate="%{customdata[0]}<br>"
                + grade_name(grade)
                + ": %{x} người<extra></extra>",
            )
        )
    fig.update_layout(barmode="stack", bargap=0.3, legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed", gridcolor="rgba(0,0,0,0)")
    fig.update_xaxes(title="Số người", showgrid=True, gridcolor="#e5e5e5", dtick=2)
    return style(fig, f"Xếp loại theo đơn vị năm {year}", height=max(380, 90 * len(units) + 160))


def score_histogram(
    hist: pd.DataFrame, year: int, thresholds: dict[str, float], *, width: float = 5.0
) -> go.Figure:
    """Scores of ``year`` in bins coloured by NĐ 335/2025 band, with the band thresholds drawn.

    ``hist``: bin_start, bin_end, band, people. ``thresholds``: grade -> lowest score of the band.
    """
    if hist.empty:
        return empty(f"Tệp đánh giá năm {year} chưa có cột điểm (thang 100 điểm theo NĐ 335/2025).")
    fig = go.Figure()
    for band in BAND_ORDER:
        rows = hist[hist["band"] == band]
        if rows.empty:
            continue
        fig.add_trace(
            go.Bar(
                x=rows["bin_start"] + width / 2,
                y=rows["people"],
                width=width * 0.95,
                name=grade_name(band),
                marker={"color": grade_colour(band)},
                text=rows["people"],
                textposition="outside",
                customdata=[
                    [band, f"{number_vn(a, 0)}–<{number_vn(b, 0)}"]
                    for a, b in zip(rows["bin_start"], rows["bin_end"], strict=True)
                ],
                hovertemplate="Điểm %{customdata[1]}: %{y} người<br>Khung điểm: "
                + band
                + "<extra></extra>",
            )
        )
    top = float(hist.groupby("bin_start")["people"].sum().max())
    for grade, score in thresholds.items():
        fig.add_shape(
            type="line",
            x0=score,
            x1=score,
            y0=0,
            y1=1,
            yref="paper",
            line={"color": "#444", "dash": "dash", "width": 2},
        )
        fig.add_annotation(
            x=score,
            y=1,
            yref="paper",
            text=f"{grade} ≥ {number_vn(score, 0)}",
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            font={"size": 14, "color": "#333"},
        )
    low = min(float(hist["bin_start"].min()), *thresholds.values()) - width
    fig.update_layout(barmode="stack", bargap=0.05)
    fig.update_xaxes(
        title="Điểm (thang 100)",
        range=[max(0.0, low), 100 + width / 2],
        dtick=10,
        showgrid=True,
        gridcolor="#eee",
    )
    fig.update_yaxes(title="Số người", range=[0, top * 1.25 + 1], dtick=max(1, round(top / 5)))
    fig = style(fig, f"Phân bố điểm năm {year} theo khung điểm NĐ 335/2025", height=500)
    fig.update_layout(margin={"t": 90}, legend_y=-0.25)
    return fig


def service_by_unit(measures: pd.DataFrame, year: int, unit_order: list[str]) -> go.Figure:
    """Average on-time share and satisfaction (in %) per unit (columns of ``service_measures``)."""
    rows = measures[measures["year"] == year] if not measures.empty else measures
    if rows.empty:
        return empty(f"Tệp đánh giá năm {year} chưa có tỷ lệ hồ sơ đúng hạn hay mức độ hài lòng.")
    rows = rows.assign(unit=rows["unit"].fillna(cat.NO_DATA)).set_index("unit")
    units = [u for u in unit_order if u in rows.index]
    fig = go.Figure()
    for measure, label in MEASURE_LABELS.items():
        values = [rows.at[u, measure] for u in units]
        counts = [int(rows.at[u, MEASURE_COUNTS[measure]]) for u in units]
        fig.add_trace(
            go.Bar(
                y=[wrap(u, 24) for u in units],
                x=values,
                orientation="h",
                name=label,
                marker={"color": MEASURE_COLOURS[measure]},
                text=[f"{number_vn(v)}%" for v in values],
                textposition="outside",
                customdata=counts,
                hovertemplate=label
                + ": %{x:.1f}% (trung bình của %{customdata} người)<extra></extra>",
            )
        )
    fig.update_layout(barmode="group", bargap=0.25)
    fig.update_yaxes(autorange="reversed", gridcolor="rgba(0,0,0,0)")
    fig.update_xaxes(
        title="Trung bình (%)",
        range=[0, 112],
        tickvals=[0, 20, 40, 60, 80, 100],
        showgrid=True,
        gridcolor="#eee",
    )
    return style(
        fig,
        f"Hồ sơ đúng hạn và mức độ hài lòng theo đơn vị năm {year}",
        height=max(380, 110 * len(units) + 160),
    )


def quota_display(quota: pd.DataFrame, unit_order: list[str]) -> pd.DataFrame:
    """The quota check in unit order, with the verdict written out ('Vượt tỷ lệ' / 'Trong tỷ lệ')."""
    if quota.empty:
        return quota
    order = {u: i for i, u in enumerate(unit_order)}
    shown = quota.assign(unit=quota["unit"].fillna(cat.NO_DATA))
    shown = shown.assign(_o=shown["unit"].map(order).fillna(len(order))).sort_values(["year", "_o"])
    shown["quota_status"] = shown["exceeded"].map({True: "Vượt tỷ lệ", False: "Trong tỷ lệ"})
    shown["over_by"] = (shown["htxsnv"] - shown["allowed"]).clip(lower=0)
    return shown.drop(columns="_o").reset_index(drop=True)


def people_display(people: pd.DataFrame) -> pd.DataFrame:
    """People with their scores and measures as Vietnamese-formatted numbers."""
    shown = people.copy()
    for column in ("on_time_rate", "satisfaction", "score"):
        if column in shown:
            shown[column] = shown[column].map(number_vn)
    shown["grade"] = shown["grade"].fillna(NOT_GRADED)
    return shown


def grade_counts(mix: pd.DataFrame, year: int) -> dict[str, int]:
    """People per grade in ``year`` (every bucket of ``GRADE_ORDER``, zeros kept)."""
    rows = mix[mix["year"] == year].groupby("grade")["people"].sum()
    counts = {g: int(rows.get(g, 0)) for g in GRADE_ORDER}
    counts.update({str(g): int(n) for g, n in rows.items() if g not in counts})
    return counts


def band_ranges(thresholds: dict[str, float]) -> dict[str, str]:
    """'HTXSNV' -> 'từ 90 điểm', 'HTTNV' -> '70 – dưới 90 điểm', … from the settings."""
    xs, tot, ht = (number_vn(thresholds[g], 0) for g in ("HTXSNV", "HTTNV", "HTNV"))
    return {
        "HTXSNV": f"từ {xs} điểm",
        "HTTNV": f"{tot} – dưới {xs} điểm",
        "HTNV": f"{ht} – dưới {tot} điểm",
        "KHTNV": f"dưới {ht} điểm",
        cat.NO_DATA: "chưa có điểm",
    }


def band_display(bands: pd.DataFrame, year: int, thresholds: dict[str, float]) -> pd.DataFrame:
    """Score bands of ``year`` (from ``score_bands``) in canonical order, every band shown."""
    rows = bands[bands["year"] == year].set_index("band")
    ranges = band_ranges(thresholds)
    return pd.DataFrame(
        {
            "band": list(BAND_ORDER),
            "Khoảng điểm": [ranges[b] for b in BAND_ORDER],
            "people": [int(rows.at[b, "people"]) if b in rows.index else 0 for b in BAND_ORDER],
            "Xếp loại khác": [
                int(rows.at[b, "grade_differs"]) if b in rows.index else 0 for b in BAND_ORDER
            ],
        }
    )
