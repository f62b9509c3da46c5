"""Screen 4, "Đánh giá, xếp loại" (pages/4_danh_gia.py): grade mix, quota check, score bands and
histogram, period scores and their trend, service measures and the review list ("Cần xem xét"),
with the editable rules of the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics import privacy
from analytics.queries._sql import (
    ListSize,
    count_sql,
    page_sql,
    run,
    sort_people,
    sql,
)
from analytics.scope import Scope
from analytics.store import Store

GRADE_MIX_COUNTS = ("people", "unit_people", "year_grade_people", "year_people")


NOT_GRADED = "Không xếp loại"


# Reasons of the review list (view review_list, DOMAIN.md §5), in display order.
REVIEW_REASONS: dict[str, str] = {
    "khtnv": "Xếp loại Không hoàn thành nhiệm vụ",
    "education": "Trình độ đào tạo thấp hơn tiêu chuẩn",
    "major": "Chuyên ngành không phù hợp với vị trí",
}


@dataclass(frozen=True)
class EvaluationRules:
    """The editable rules of the evaluation screen (table ``settings``), with their sources."""

    quota_ratio: float
    score_htxsnv: float
    score_httnv: float
    score_htnv: float
    review_khtnv_years: int
    sources: dict[str, str] = field(default_factory=dict)


def evaluation_rules(store: Store, scope: Scope) -> EvaluationRules:
    """Quota ratio, NĐ 335/2025 score thresholds and the KHTNV review window from ``settings``."""
    del scope  # the rules are the same for every reader
    rows = store.df("select key, value, coalesce(legal_source, '') as legal_source from settings")
    values = dict(zip(rows["key"], rows["value"], strict=True))
    return EvaluationRules(
        quota_ratio=float(values["quota_htxsnv_ratio"]),
        score_htxsnv=float(values["score_htxsnv"]),
        score_httnv=float(values["score_httnv"]),
        score_htnv=float(values["score_htnv"]),
        review_khtnv_years=int(values["review_khtnv_years"]),
        sources=dict(zip(rows["key"], rows["legal_source"], strict=True)),
    )


def grade_mix(store: Store, scope: Scope) -> pd.DataFrame:
    """Columns year, unit, grade, people, and beside each cell the people of its unit in the
    year (unit_people), of its grade in the year over all units (year_grade_people) and of the
    year (year_people); each masked for the reader with its ``_hidden`` flag."""
    # ward: only the comparison groups by it (by_ward); here it is null
    frame = run(store, "grade_mix", scope, by_ward=False).drop(columns="ward")
    return mask_grade_mix(frame, privacy.threshold(store, scope))


def mask_grade_mix(frame: pd.DataFrame, k: int | None) -> pd.DataFrame:
    """The cells of ``grade_mix`` with their totals, masked for ``k`` (the charts complete a
    frame of bare year, unit, grade, people with ``k`` None)."""
    mix = privacy.add_totals(
        frame,
        "people",
        {
            "unit_people": ["year", "unit"],
            "year_grade_people": ["year", "grade"],
            "year_people": ["year"],
        },
    )
    return privacy.mask_counts(mix, GRADE_MIX_COUNTS, k)


def evaluation_years(store: Store, scope: Scope) -> list[int]:
    frame = grade_mix(store, scope)
    return sorted({int(y) for y in frame["year"]}) if not frame.empty else []


def _people_params(
    scope: Scope,
    year: int | None,
    grade: str | None = None,
    unit: str | None = None,
    with_measures: bool = False,
) -> dict[str, object]:
    scope.require_people()
    return {
        **scope.params(),
        "year": year,
        "grade": grade,
        "not_graded": NOT_GRADED,
        "unit": unit,
        "with_measures": with_measures,
    }


def evaluation_people(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    return store.df(sql("evaluation_people"), _people_params(scope, year))


def grade_people_size(
    store: Store, scope: Scope, year: int, grade: str | None = None, unit: str | None = None
) -> ListSize:
    """The people of ``grade_people`` before paging."""
    params = _people_params(scope, year, grade, unit)
    return ListSize(int(store.execute(count_sql(sql("evaluation_people")), params)[0][0]))


def grade_people(
    store: Store,
    scope: Scope,
    year: int,
    grade: str | None = None,
    unit: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """The people behind one cell of the grade mix (``NOT_GRADED`` for people without a grade),
    selected in DuckDB; ``limit`` rows from ``offset``: one page."""
    params = {**_people_params(scope, year, grade, unit), "limit": limit, "offset": offset}
    return store.df(page_sql(sql("evaluation_people")), params)


def quota_check(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """Per year and unit: htxsnv, httnv, allowed, exceeded. A hidden count hides what is
    computed from it (allowed from httnv; exceeded from both)."""
    frame = run(store, "quota_check", scope, year=year)
    frame = privacy.mask_counts(frame, ["htxsnv", "httnv"], privacy.threshold(store, scope))
    frame = privacy.mask_derived(frame, ["allowed"], privacy.hidden_flags(frame, "httnv"))
    return privacy.mask_derived(frame, ["exceeded"], privacy.hidden_flags(frame, "htxsnv", "httnv"))


def score_bands(store: Store, scope: Scope) -> pd.DataFrame:
    """Columns year, band, people, grade_differs (masked for the reader)."""
    frame = run(store, "score_bands", scope)
    return privacy.mask_counts(frame, ["people", "grade_differs"], privacy.threshold(store, scope))


def score_histogram(store: Store, scope: Scope, year: int, width: float = 5.0) -> pd.DataFrame:
    """Scores of a year counted in bins of ``width`` points: bin_start, bin_end, band, people,
    counted in DuckDB (score_histogram.sql).

    Aggregates only (any role). People without a score are not in a bin: see ``score_bands``.
    """
    counts = run(store, "score_histogram", scope, year=year, width=width)
    return privacy.mask_counts(
        counts[["bin_start", "bin_end", "band", "people"]],
        ["people"],
        privacy.threshold(store, scope),
    )


def _band_params(scope: Scope, year: int, band: str) -> dict[str, object]:
    scope.require_people()
    return {**scope.params(), "year": year, "width": 5.0, "band": band}


def score_band_people_size(store: Store, scope: Scope, year: int, band: str) -> ListSize:
    """The people of ``score_band_people`` before paging."""
    params = _band_params(scope, year, band)
    return ListSize(int(store.execute(count_sql(sql("score_band_people")), params)[0][0]))


def score_band_people(
    store: Store, scope: Scope, year: int, band: str, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """The people whose score of ``year`` falls in ``band`` (``cat.NO_DATA``: no score), in
    name order; ``limit`` rows from ``offset``: one page."""
    params = {**_band_params(scope, year, band), "limit": limit, "offset": offset}
    return store.df(page_sql(sql("score_band_people")), params)


def evaluation_trend(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """Average period score per unit and period: year, period_kind, period_number, unit, score,
    people (the scores averaged). Aggregates only (any role): for a reader who may not see
    people, an average over fewer than the threshold is hidden with its count."""
    frame = run(store, "evaluation_trend", scope, year=year)
    frame = privacy.mask_counts(frame, ["people"], privacy.threshold(store, scope))
    return privacy.mask_derived(frame, ["score"], privacy.hidden_flags(frame, "people"))


def derived_grades(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """People whose annual result is derived from period scores: year, derived_from (month |
    quarter), people (masked for the reader)."""
    frame = run(store, "derived_grades", scope, year=year)
    return privacy.mask_counts(frame, ["people"], privacy.threshold(store, scope))


def period_people(store: Store, scope: Scope, year: int) -> pd.DataFrame:
    """The people with period results in ``year`` (staff_id, full_name, unit, position), in
    name order, for picking one."""
    scope.require_people()
    frame = run(store, "evaluation_period_rows", scope, year=year, staff_id=None)
    people = frame[["staff_id", "full_name", "unit", "position"]].drop_duplicates("staff_id")
    return sort_people(people).reset_index(drop=True)


def person_periods(store: Store, scope: Scope, staff_id: str, year: int) -> pd.DataFrame:
    """One person's period results in ``year``: period_kind, period_number, score, score_band,
    grade (empty when the person is outside the reader's scope)."""
    scope.require_people()
    return run(store, "evaluation_period_rows", scope, year=year, staff_id=staff_id)


def service_measures(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """Average on-time share and satisfaction per unit, where files carry them. An average over
    fewer than the reader's threshold of people is hidden with its count."""
    frame = run(store, "service_measures", scope, year=year)
    counts = ["people_with_on_time", "people_with_satisfaction"]
    frame = privacy.mask_counts(frame, counts, privacy.threshold(store, scope))
    frame = privacy.mask_derived(
        frame, ["on_time_rate"], privacy.hidden_flags(frame, "people_with_on_time")
    )
    return privacy.mask_derived(
        frame, ["satisfaction"], privacy.hidden_flags(frame, "people_with_satisfaction")
    )


def service_people_size(store: Store, scope: Scope, year: int) -> ListSize:
    """The people of ``service_people`` before paging."""
    params = _people_params(scope, year, with_measures=True)
    return ListSize(int(store.execute(count_sql(sql("evaluation_people")), params)[0][0]))


def service_people(
    store: Store, scope: Scope, year: int, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """Each person's on-time share and satisfaction in ``year``, where the files carry them;
    ``limit`` rows from ``offset``: one page."""
    params = {**_people_params(scope, year, with_measures=True), "limit": limit, "offset": offset}
    return store.df(page_sql(sql("evaluation_people")), params)


def review_list(store: Store, scope: Scope) -> pd.DataFrame:
    """'Cần xem xét' with reasons: one row per person and reason."""
    scope.require_people()
    return run(store, "review_list", scope)


def review_excluded(store: Store, scope: Scope) -> pd.DataFrame:
    """The people a review reason names but the roster sets aside for now (NĐ 154/2025:
    pregnancy, maternity leave, a child under 36 months, under review): ``reasons``,
    ``exclusion`` and its ``exclusion_source``, one row each. They are left out of the review
    list, its counts and its size, and listed here instead."""
    scope.require_people()
    return run(store, "review_excluded", scope)


def review_counts(store: Store, scope: Scope) -> pd.DataFrame:
    """People on the review list per reason (aggregates: any role): reason_code, reason, people."""
    frame = run(store, "review_counts", scope)
    found = dict(zip(frame["reason_code"], frame["people"], strict=True))
    counts = pd.DataFrame(
        {
            "reason_code": list(REVIEW_REASONS),
            "reason": list(REVIEW_REASONS.values()),
            "people": [int(found.get(code, 0)) for code in REVIEW_REASONS],
        }
    )
    return privacy.mask_counts(counts, ["people"], privacy.threshold(store, scope))


def review_by_person_size(store: Store, scope: Scope) -> ListSize:
    """The rows (people) of ``review_by_person`` before paging."""
    scope.require_people()
    return ListSize(int(store.execute(sql("review_people"), scope.params())[0][0]))


def review_by_person(
    store: Store, scope: Scope, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """The review list with one row per person and every reason in one cell ("; "), most
    reasons first, then name order (analytics/sql/queries/review_by_person.sql); ``limit``
    rows from ``offset``: one page."""
    scope.require_people()
    frame = store.df(
        sql("review_by_person"),  # pages inside, before gathering the legal sources
        {**scope.params(), "reasons": list(REVIEW_REASONS), "limit": limit, "offset": offset},
    )
    frame["reason_count"] = frame["reason_count"].astype("int64")
    return frame
