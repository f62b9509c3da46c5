"""The charts an export carries: one registry of (file name, title, screen, builder).

Builders reuse the screens' figure builders in ``analytics.charts`` with data from
``analytics.queries``, so an image shows what the screen shows. A builder that fails (a chart
module being reworked) drops that one chart with a note; the export still comes out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import plotly.graph_objects as go

from analytics import queries
from analytics.charts import overview as overview_charts
from analytics.export.content import COMPARE_SECTIONS, DASHBOARD, Snapshot
from analytics.scope import Scope
from analytics.store import Store


@dataclass
class ChartContext:
    """What a builder may read: the store, the scope, the day, the snapshot's overview."""

    store: Store
    scope: Scope
    today: dt.date
    snapshot: Snapshot

    @cached_property
    def overview(self) -> queries.Overview:
        return self.snapshot.overview


@dataclass(frozen=True)
class ChartSpec:
    name: str  # file-name stem, ASCII: "ket-qua-xep-loai"
    title: str  # Vietnamese, as in the PDF and the image list
    view: str  # the screen it belongs to (url_path in dashboard.py)
    build: Callable[[ChartContext], go.Figure]


def _grades(ctx: ChartContext) -> go.Figure:
    summary = ctx.overview
    return overview_charts.grade_donut(
        summary.grade_counts, summary.evaluation_year, summary.threshold
    )


def _plan(ctx: ChartContext) -> go.Figure:
    return overview_charts.plan_bars(ctx.overview.plan_counts)


# The screens' modules are imported when a chart is drawn, so a module being reworked drops its
# own charts only (build_figures notes why) and never the export.
def _distribution(
    dimension: str, by: str | None = None, *, shares: bool = False
) -> Callable[[ChartContext], go.Figure]:
    def build(ctx: ChartContext) -> go.Figure:
        from analytics.charts import qualifications

        counts = queries.distribution(ctx.store, ctx.scope, dimension, by)
        return qualifications.distribution_chart(counts, dimension, by, shares=shares)

    return build


def _gaps(by: str) -> Callable[[ChartContext], go.Figure]:
    def build(ctx: ChartContext) -> go.Figure:
        from analytics.charts import placements

        return placements.gap_bars(queries.gap_counts(ctx.store, ctx.scope, by), by)

    return build


def _evaluation_year(ctx: ChartContext) -> int | None:
    years = queries.evaluation_years(ctx.store, ctx.scope)
    if not years:
        return None
    return ctx.scope.year if ctx.scope.year in years else years[-1]


def _grade_trend(ctx: ChartContext) -> go.Figure:
    from analytics.charts import evaluations

    return evaluations.grade_trend(queries.grade_mix(ctx.store, ctx.scope))


def _grade_by_unit(ctx: ChartContext) -> go.Figure:
    from analytics.charts import evaluations

    mix = queries.grade_mix(ctx.store, ctx.scope)
    year = _evaluation_year(ctx)
    units = queries.category_order("unit", mix["unit"].dropna().tolist())
    return evaluations.grade_by_unit(mix, year or 0, units)


def _scores(ctx: ChartContext) -> go.Figure:
    from analytics.charts import evaluations

    year = _evaluation_year(ctx) or 0
    rules = queries.evaluation_rules(ctx.store, ctx.scope)
    thresholds = {
        "HTXSNV": rules.score_htxsnv,
        "HTTNV": rules.score_httnv,
        "HTNV": rules.score_htnv,
    }
    return evaluations.score_histogram(
        queries.score_histogram(ctx.store, ctx.scope, year), year, thresholds
    )


def _plan_progress(ctx: ChartContext) -> go.Figure:
    """One ward: its timeline, as on the screen. Many wards: as the screen does, one bar per task
    (at most ``MAX_TASK_BARS`` and "Khác") counting wards by status; a city's timeline had one
    bar per ward's task (1,118 traces, 77,700 px tall), which Chromium could not draw in the
    timeout, so the PDF lost every chart (issue 9)."""
    from analytics.charts import plan

    if queries.plan_summary(ctx.store, ctx.scope, ctx.today).wards > 1:
        by_task = queries.plan_by_task(ctx.store, ctx.scope, ctx.today)
        return plan.tasks_across_wards(by_task, queries.PLAN_STATUS_ORDER)
    tasks = queries.plan_status(ctx.store, ctx.scope, ctx.today)
    return plan.timeline(tasks, queries.progress_history(ctx.store, ctx.scope), ctx.today)


def _compare(ctx: ChartContext) -> go.Figure:
    from analytics.charts import compare

    return compare.head_count_against_norm(queries.ward_comparison(ctx.store, ctx.scope, ctx.today))


CHARTS: list[ChartSpec] = [
    ChartSpec("ket-qua-xep-loai", "Kết quả xếp loại năm gần nhất", "tong-quan", _grades),
    ChartSpec("nhiem-vu-ke-hoach", "Nhiệm vụ của kế hoạch theo tình trạng", "tong-quan", _plan),
    ChartSpec(
        "trinh-do-chuyen-mon", "Trình độ chuyên môn", "trinh-do", _distribution("education_level")
    ),
    ChartSpec(
        "trinh-do-chuyen-mon-theo-don-vi",
        "Trình độ chuyên môn theo đơn vị (tỷ lệ)",
        "trinh-do",
        _distribution("education_level", "unit", shares=True),
    ),
    ChartSpec(
        "ly-luan-chinh-tri", "Lý luận chính trị", "trinh-do", _distribution("political_theory")
    ),
    ChartSpec("do-tuoi", "Độ tuổi", "trinh-do", _distribution("age_band")),
    ChartSpec(
        "chua-dat-theo-linh-vuc",
        "Số người chưa đạt tiêu chuẩn theo lĩnh vực",
        "bo-tri",
        _gaps("field"),
    ),
    ChartSpec(
        "chua-dat-theo-don-vi", "Số người chưa đạt tiêu chuẩn theo đơn vị", "bo-tri", _gaps("unit")
    ),
    ChartSpec("xep-loai-qua-cac-nam", "Cơ cấu xếp loại qua các năm", "danh-gia", _grade_trend),
    ChartSpec("xep-loai-theo-don-vi", "Xếp loại theo đơn vị", "danh-gia", _grade_by_unit),
    ChartSpec("diem-danh-gia", "Phân bố điểm đánh giá (NĐ 335/2025)", "danh-gia", _scores),
    ChartSpec("tien-do-ke-hoach", "Tiến độ kế hoạch", "ke-hoach", _plan_progress),
    ChartSpec(
        "so-sanh-dinh-muc",
        "Số người so với định mức và biên chế, theo phường, xã",
        "so-sanh-phuong",
        _compare,
    ),
]


def charts_for(view: str) -> list[ChartSpec]:
    """The charts of a screen; the whole dashboard has every chart, each once."""
    if view == DASHBOARD:
        return list(CHARTS)
    return [c for c in CHARTS if c.view == view]


def build_figures(
    store: Store, snapshot: Snapshot, specs: list[ChartSpec] | None = None
) -> tuple[list[tuple[ChartSpec, go.Figure]], list[str]]:
    """The figures of the snapshot's screen and notes on any chart that could not be drawn."""
    ctx = ChartContext(store=store, scope=snapshot.scope, today=snapshot.today, snapshot=snapshot)
    built: list[tuple[ChartSpec, go.Figure]] = []
    notes: list[str] = []
    compares = any(t.key in COMPARE_SECTIONS for t in snapshot.tables)
    for spec in specs if specs is not None else charts_for(snapshot.view):
        if spec.view == "so-sanh-phuong" and not compares:
            continue  # the whole dashboard of one ward has nothing to compare
        try:
            built.append((spec, spec.build(ctx)))
        except Exception as exc:  # one broken chart must not stop the meeting pack
            notes.append(f"Không vẽ được biểu đồ “{spec.title}”: {exc}")
    return built, notes
