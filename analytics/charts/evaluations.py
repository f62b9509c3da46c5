"""Charts and display tables of the evaluation screen (Đánh giá, xếp loại)."""

from __future__ import annotations

from typing import Any, cast

import pandas as pd
import plotly.graph_objects as go

from analytics import categories as cat
from analytics import privacy
from analytics.charts.base import count_step, empty, mark_hidden, plain_label, style, wrap
from analytics.ingest.dates import Period, PeriodKind
from analytics.labels import number_vn as count_vn
from analytics.queries import mask_grade_mix

NOT_GRADED = "Không xếp loại"
GRADE_ORDER: tuple[str, ...] = (*cat.GRADES, NOT_GRADED)
BAND_ORDER: tuple[str, ...] = (*cat.GRADES, cat.NO_DATA)
NO_EVALUATIONS = "Chưa có kết quả đánh giá, xếp loại: nhập tệp đánh giá ở trang Dữ liệu."
# The two service measures of the plan (tasks 4, 5): fixed colours, distinct from the grades.
MEASURE_COLOURS = {"on_time_rate": "#2166AC", "satisfaction": "#B2ABD2"}
MEASURE_LABELS = {"on_time_rate": "Hồ sơ giải quyết đúng hạn", "satisfaction": "Mức độ hài lòng"}
MEASURE_COUNTS = {"on_time_rate": "people_with_on_time", "satisfaction": "people_with_satisfaction"}
# NĐ 335/2025 scores by month or by quarter; an annual grade without its own file is derived.
PERIOD_WORDS = {"month": "tháng", "quarter": "quý"}
DERIVED_MARKS = {kind: f"tính từ điểm các {word}" for kind, word in PERIOD_WORDS.items()}
# A derived grade keeps its grade's colour: "HTTNV (tính từ điểm các tháng)".
GRADE_CELL_COLOURS = {
    **cat.GRADE_COLOURS,
    NOT_GRADED: cat.NO_DATA_COLOUR,
    **{
        f"{grade} ({mark})": colour
        for grade, colour in cat.GRADE_COLOURS.items()
        for mark in DERIVED_MARKS.values()
    },
}


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
    k = privacy.frame_threshold(mix)
    hidden = privacy.hidden_text(k)
    by_year = _with_totals(mix).drop_duplicates(["year", "grade"])
    years = sorted(int(y) for y in by_year["year"].unique())
    # people of each year (None: hidden); a share of a hidden count or year is hidden with it
    year_totals = {
        int(r["year"]): _count(r, "year_people")
        for _, r in by_year.drop_duplicates("year").iterrows()
    }
    fig = go.Figure()
    for grade in _present_grades(by_year):
        rows = {int(r["year"]): r for _, r in by_year[by_year["grade"] == grade].iterrows()}
        counts = [_count(rows.get(y), "year_grade_people") for y in years]
        name = plain_label(grade_name(grade))  # a grade outside GRADE_ORDER is the file's text
        shares: list[float | None] = []
        for n, y in zip(counts, years, strict=True):
            total = year_totals[y]
            shares.append(None if n is None or total is None else (n / total * 100 if n else 0))
        fig.add_trace(
            go.Bar(
                x=[str(y) for y in years],
                y=shares,
                name=name,
                marker={"color": grade_colour(grade)},
                text=[
                    hidden if s is None else (f"{number_vn(s, 0)}%" if n else "")
                    for s, n in zip(shares, counts, strict=True)
                ],
                textposition="inside",
                insidetextanchor="middle",
                customdata=[hidden if n is None else n for n in counts],
                hovertemplate=f"{name}<br>Năm %{{x}}: %{{customdata}} người (%{{y:.1f}}%)<extra></extra>",
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


def _with_totals(mix: pd.DataFrame) -> pd.DataFrame:
    """``grade_mix`` as the query gives it (masked, with totals), or a bare frame completed."""
    return mix if "year_people" in mix else mask_grade_mix(mix, None)


def _count(row: pd.Series | None, column: str) -> int | None:
    """A count of a row (None: hidden; no row: 0)."""
    if row is None:
        return 0
    return None if privacy.is_hidden(row, column) else int(row[column])


def grade_by_unit(mix: pd.DataFrame, year: int, unit_order: list[str]) -> go.Figure:
    """Grades of ``year`` per unit as stacked horizontal bars; each point carries (unit, grade)
    and the unit escaped for its hover text."""
    rows = mix[mix["year"] == year]
    if rows.empty:
        return empty(f"Chưa có kết quả xếp loại năm {year}.")
    units = [u for u in unit_order if u in set(rows["unit"].fillna(cat.NO_DATA))]
    rows = rows.assign(unit=rows["unit"].fillna(cat.NO_DATA))
    k = privacy.frame_threshold(mix)
    hidden = privacy.hidden_text(k)
    ticks = [wrap(u, 24) for u in units]
    fig = go.Figure()
    for grade in _present_grades(rows):
        cells = {str(r["unit"]): r for _, r in rows[rows["grade"] == grade].iterrows()}
        values = [_count(cells.get(u), "people") for u in units]
        shown = [hidden if v is None else v for v in values]
        name = plain_label(grade_name(grade))
        fig.add_trace(
            go.Bar(
                y=ticks,
                x=values,
                orientation="h",
                name=name,
                marker={"color": grade_colour(grade)},
                text=[
                    "" if v == 0 else (count_vn(v) if isinstance(v, int | float) else v)
                    for v in shown
                ],
                textposition="inside",
                insidetextanchor="middle",
                customdata=[
                    [u, grade, plain_label(u), count_vn(v) if isinstance(v, int | float) else v]
                    for u, v in zip(units, shown, strict=True)
                ],
                hovertemplate="%{customdata[2]}<br>"
                + name
                + ": %{customdata[3]} người<extra></extra>",
            )
        )
    # A hidden segment has no length: its "< 3" is written where the unit's drawn bar ends.
    ends = rows["people"].fillna(0).groupby(rows["unit"]).sum()
    mark_hidden(
        fig,
        [
            (float(ends[u]), t)
            for u, t in zip(units, ticks, strict=True)
            if privacy.hidden_flags(rows[rows["unit"] == u], "people").any()
        ],
        hidden,
    )
    fig.update_layout(barmode="stack", bargap=0.3, legend_traceorder="normal")
    fig.update_yaxes(autorange="reversed", gridcolor="rgba(0,0,0,0)")
    top = float(ends.max()) if len(ends) else 0.0
    fig.update_xaxes(
        title="Số người",
        showgrid=True,
        gridcolor="#e5e5e5",
        dtick=count_step(top, 2),
        tickformat=",d",
    )
    return style(fig, f"Xếp loại theo đơn vị năm {year}", height=max(380, 90 * len(units) + 160))


def score_histogram(
    hist: pd.DataFrame, year: int, thresholds: dict[str, float], *, width: float = 5.0
) -> go.Figure:
    """Scores of ``year`` in bins coloured by NĐ 335/2025 band, with the band thresholds drawn.

    ``hist``: bin_start, bin_end, band, people. ``thresholds``: grade -> lowest score of the band.
    """
    if hist.empty:
        return empty(f"Tệp đánh giá năm {year} chưa có cột điểm (thang 100 điểm theo NĐ 335/2025).")
    k = privacy.frame_threshold(hist)
    hidden = privacy.hidden_flags(hist, "people")
    fig = go.Figure()
    for band in BAND_ORDER:
        rows = hist[hist["band"] == band]
        if rows.empty:
            continue
        values = [None if hidden[i] else int(rows.at[i, "people"]) for i in rows.index]
        shown = [privacy.count_text(v, v is None, k) for v in values]
        fig.add_trace(
            go.Bar(
                x=rows["bin_start"] + width / 2,
                y=values,
                width=width * 0.95,
                name=grade_name(band),
                marker={"color": grade_colour(band)},
                text=shown,
                textposition="outside",
                customdata=[
                    [band, f"{number_vn(a, 0)}–<{number_vn(b, 0)}", n]
                    for a, b, n in zip(rows["bin_start"], rows["bin_end"], shown, strict=True)
                ],
                hovertemplate="Điểm %{customdata[1]}: %{customdata[2]} người<br>Khung điểm: "
                + band
                + "<extra></extra>",
            )
        )
    # A hidden bin has no height: its "< 3" sits on the axis (or on the bin's drawn bars).
    heights = hist["people"].fillna(0).groupby(hist["bin_start"]).sum()
    mark_hidden(
        fig,
        [(float(a) + width / 2, float(heights[a])) for a in hist.loc[hidden, "bin_start"]],
        privacy.hidden_text(k),
        horizontal=False,
    )
    top = float(heights.max()) if len(heights) else 0.0
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
    fig.update_yaxes(
        title="Số người", range=[0, top * 1.25 + 1], dtick=max(1, round(top / 5)), tickformat=",d"
    )
    fig = style(fig, f"Phân bố điểm năm {year} theo khung điểm NĐ 335/2025", height=500)
    fig.update_layout(margin={"t": 90}, legend_y=-0.25)
    return fig


def service_by_unit(measures: pd.DataFrame, year: int, unit_order: list[str]) -> go.Figure:
    """Average on-time share and satisfaction (in %) per unit (columns of ``service_measures``)."""
    rows = measures[measures["year"] == year] if not measures.empty else measures
    if rows.empty:
        return empty(f"Tệp đánh giá năm {year} chưa có tỷ lệ hồ sơ đúng hạn hay mức độ hài lòng.")
    k = privacy.frame_threshold(measures)
    rows = rows.assign(unit=rows["unit"].fillna(cat.NO_DATA)).set_index("unit")
    units = [u for u in unit_order if u in rows.index]
    fig = go.Figure()
    for measure, label in MEASURE_LABELS.items():
        # an average over fewer than the threshold of people is hidden (analytics.privacy)
        hidden = [privacy.is_hidden(rows.loc[u], measure) for u in units]
        values = [
            None if h or pd.isna(rows.at[u, measure]) else float(rows.at[u, measure])
            for u, h in zip(units, hidden, strict=True)
        ]
        column = MEASURE_COUNTS[measure]
        counts = [
            privacy.count_text(rows.at[u, column], privacy.is_hidden(rows.loc[u], column), k)
            for u in units
        ]
        fig.add_trace(
            go.Bar(
                y=[wrap(u, 24) for u in units],
                x=values,
                orientation="h",
                name=label,
                marker={"color": MEASURE_COLOURS[measure]},
                text=[
                    privacy.share_text(True, k) if h else f"{number_vn(v)}%"
                    for v, h in zip(values, hidden, strict=True)
                ],
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
    """The quota check in unit order, with the verdict written out ('Vượt tỷ lệ' / 'Trong tỷ lệ').

    A unit with a hidden count (``analytics.privacy``) has its figures as text ("< 3"), no
    verdict ("Không hiện …") and ``exceeded`` False (no flag).
    """
    if quota.empty:
        return quota
    k = privacy.frame_threshold(quota)
    order = {u: i for i, u in enumerate(unit_order)}
    shown = quota.assign(unit=quota["unit"].fillna(cat.NO_DATA))
    shown = shown.assign(_o=shown["unit"].map(order).fillna(len(order))).sort_values(["year", "_o"])
    hidden = privacy.hidden_flags(shown, "exceeded")
    exceeded = shown["exceeded"].astype("boolean").fillna(False).astype(bool)
    shown["quota_status"] = exceeded.map({True: "Vượt tỷ lệ", False: "Trong tỷ lệ"}).where(
        ~hidden, f"Không hiện (đơn vị có ô {privacy.hidden_text(k)} người)"
    )
    shown["exceeded"] = exceeded
    shown["over_by"] = (shown["htxsnv"] - shown["allowed"]).clip(lower=0)
    shown["over_by_hidden"] = hidden
    if k is not None:  # every figure as text, the hidden ones "< 3"
        for column in ("htxsnv", "httnv", "allowed", "over_by"):
            flags = privacy.hidden_flags(shown, column)
            shown[column] = [
                privacy.count_text(n, bool(h), k) for n, h in zip(shown[column], flags, strict=True)
            ]
    return shown.drop(columns="_o").reset_index(drop=True)


def people_display(people: pd.DataFrame) -> pd.DataFrame:
    """People with their scores and measures as Vietnamese-formatted numbers; a grade derived
    from period scores is marked "(tính từ điểm các tháng)"."""
    shown = people.copy()
    for column in ("on_time_rate", "satisfaction", "score"):
        if column in shown:
            shown[column] = shown[column].map(number_vn)
    shown["grade"] = shown["grade"].fillna(NOT_GRADED)
    if "derived_from" in shown:
        shown["grade"] = [
            f"{grade} ({DERIVED_MARKS[kind]})" if kind in DERIVED_MARKS else grade
            for grade, kind in zip(shown["grade"], shown["derived_from"], strict=True)
        ]
    return shown


def derived_note(derived: pd.DataFrame, year: int) -> str | None:
    """'Năm 2026: 5 người chưa có kết quả năm, xếp loại tính từ điểm các tháng …' (from
    ``derived_grades``); None when every grade of the year is an annual result."""
    rows = derived[derived["year"] == year] if not derived.empty else derived
    if rows.empty:
        return None
    k = privacy.frame_threshold(derived)
    parts = [
        f"{privacy.count_text(r['people'], privacy.is_hidden(r, 'people'), k)} người "
        f"({DERIVED_MARKS.get(str(r['derived_from']), 'tính từ điểm các kỳ')})"
        for _, r in rows.iterrows()
    ]
    return (
        f"Năm {year}: {', '.join(parts)} chưa có kết quả xếp loại năm; điểm năm là trung bình điểm "
        "các kỳ và xếp loại theo khung điểm NĐ 335/2025 (ngưỡng trong bảng tham số)."
    )


def period_kinds(trend: pd.DataFrame, year: int) -> list[str]:
    """The period kinds ('month', 'quarter') with scores in ``year``, months first."""
    present = set(trend.loc[trend["year"] == year, "period_kind"]) if not trend.empty else set()
    return [kind for kind in PERIOD_WORDS if kind in present]


def period_name(kind: str, number: int, year: int) -> str:
    """'Tháng 12/2025', 'Quý IV/2025'."""
    return Period(year, cast(PeriodKind, kind), int(number)).label()


def _threshold_lines(fig: go.Figure, thresholds: dict[str, float]) -> None:
    """The NĐ 335/2025 band thresholds as dashed horizontal lines."""
    for grade, score in thresholds.items():
        fig.add_hline(
            y=score,
            line={"color": grade_colour(grade), "dash": "dash", "width": 1.5},
            annotation_text=f"{grade} ≥ {number_vn(score, 0)}",
            annotation_position="top left",
            annotation_font={"size": 13, "color": "#333"},
        )


def period_trend(
    trend: pd.DataFrame,
    year: int,
    kind: str,
    unit_order: list[str],
    thresholds: dict[str, float],
) -> go.Figure:
    """Average score per unit and month (or quarter) of ``year`` as lines (columns of
    ``evaluation_trend``); an average hidden from the reader is a gap, its hover "< 3 người"."""
    word = PERIOD_WORDS[kind]
    rows = (
        trend[(trend["year"] == year) & (trend["period_kind"] == kind)]
        if not trend.empty
        else trend
    )
    if rows.empty:
        return empty(
            f"Chưa có điểm theo {word} năm {year} (NĐ 335/2025 chấm điểm theo tháng, quý)."
        )
    k = privacy.frame_threshold(trend)
    rows = rows.assign(unit=rows["unit"].fillna(cat.NO_DATA))
    numbers = sorted(int(n) for n in rows["period_number"].unique())
    ticks = [period_name(kind, n, year) for n in numbers]
    units = [u for u in unit_order if u in set(rows["unit"])]
    fig = go.Figure()
    for unit in units:
        cells = {int(r["period_number"]): r for _, r in rows[rows["unit"] == unit].iterrows()}
        scores: list[float | None] = []
        hover: list[str] = []
        for n in numbers:
            row = cells.get(n)
            if row is None:
                scores.append(None)
                hover.append("không có điểm")
            elif privacy.is_hidden(row, "score"):
                scores.append(None)
                hover.append(f"{privacy.share_text(True, k)}: không hiện điểm")
            else:
                scores.append(float(row["score"]))
                people = int(row["people"])
                hover.append(f"{number_vn(row['score'])} điểm (trung bình của {people} người)")
        fig.add_trace(
            go.Scatter(
                x=ticks,
                y=scores,
                mode="lines+markers",
                name=plain_label(unit),
                customdata=[plain_label(h) for h in hover],
                hovertemplate=plain_label(unit) + "<br>%{x}: %{customdata}<extra></extra>",
                connectgaps=False,
            )
        )
    _threshold_lines(fig, thresholds)
    fig.update_xaxes(type="category", title=None)
    fig.update_yaxes(title="Điểm bình quân (thang 100)", range=[0, 105], dtick=10, gridcolor="#eee")
    return style(fig, f"Điểm bình quân theo {word} năm {year}, theo đơn vị", height=480)


def person_choices(people: pd.DataFrame) -> dict[str, str]:
    """staff_id -> 'Họ tên — đơn vị' for picking one person of ``period_people`` (namesakes
    told apart by their unit)."""
    return {
        str(i): f"{name} — {unit if isinstance(unit, str) else cat.NO_DATA}"
        for i, name, unit in zip(
            people["staff_id"], people["full_name"], people["unit"], strict=True
        )
    }


def person_trend(
    rows: pd.DataFrame, name: str, year: int, thresholds: dict[str, float]
) -> go.Figure:
    """One person's period scores of ``year`` (columns of ``person_periods``), one line per kind."""
    scored = rows[rows["score"].notna()] if not rows.empty else rows
    if scored.empty:
        return empty(f"Chưa có điểm theo tháng hoặc quý năm {year} của {name}.")
    fig = go.Figure()
    for kind, word in PERIOD_WORDS.items():
        own = scored[scored["period_kind"] == kind]
        if own.empty:
            continue
        grades = [plain_label(g) if isinstance(g, str) else "chưa xếp loại" for g in own["grade"]]
        fig.add_trace(
            go.Scatter(
                x=[period_name(kind, n, year) for n in own["period_number"]],
                y=own["score"].astype(float).tolist(),
                mode="lines+markers+text",
                name=f"Điểm theo {word}",
                text=[number_vn(v) for v in own["score"]],
                textposition="top center",
                customdata=grades,
                hovertemplate="%{x}: %{y:.1f} điểm, xếp loại %{customdata}<extra></extra>",
            )
        )
    _threshold_lines(fig, thresholds)
    fig.update_xaxes(type="category", title=None)
    fig.update_yaxes(title="Điểm (thang 100)", range=[0, 105], dtick=10, gridcolor="#eee")
    return style(fig, f"Điểm theo kỳ năm {year} — {plain_label(name)}", height=420)


def person_periods_display(rows: pd.DataFrame, year: int) -> pd.DataFrame:
    """One person's period results as a table: Kỳ, score, band, grade."""
    return pd.DataFrame(
        {
            "Kỳ": [
                period_name(k, n, year)
                for k, n in zip(rows["period_kind"], rows["period_number"], strict=True)
            ],
            "score": rows["score"].map(number_vn).tolist(),
            "band": rows["score_band"].fillna(cat.NO_DATA).tolist(),
            "grade": rows["grade"].fillna(NOT_GRADED).tolist(),
        }
    )


def grade_counts(mix: pd.DataFrame, year: int) -> dict[str, int | None]:
    """People per grade in ``year`` (every bucket of ``GRADE_ORDER``, zeros kept; None: hidden
    from the reader, ``analytics.privacy``)."""
    in_year = _with_totals(mix)
    in_year = in_year[in_year["year"] == year].drop_duplicates("grade")
    rows = {str(r["grade"]): _count(r, "year_grade_people") for _, r in in_year.iterrows()}
    counts: dict[str, int | None] = {g: rows.get(g, 0) for g in GRADE_ORDER}
    counts.update({g: n for g, n in rows.items() if g not in counts})
    return counts


def evaluated(mix: pd.DataFrame, year: int) -> int | None:
    """People evaluated in ``year`` (None: hidden from the reader)."""
    in_year = _with_totals(mix)
    in_year = in_year[in_year["year"] == year]
    return _count(in_year.iloc[0], "year_people") if not in_year.empty else 0


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
    k = privacy.frame_threshold(bands)

    def cell(band: str, column: str) -> str:  # 1.234: the Vietnamese thousands mark
        n = _count(rows.loc[band] if band in rows.index else None, column)
        return count_vn(n or 0) if k is None else privacy.count_text(n, n is None, k)

    return pd.DataFrame(
        {
            "band": list(BAND_ORDER),
            "Khoảng điểm": [ranges[b] for b in BAND_ORDER],
            "people": [cell(b, "people") for b in BAND_ORDER],
            "Xếp loại khác": [cell(b, "grade_differs") for b in BAND_ORDER],
        }
    )
