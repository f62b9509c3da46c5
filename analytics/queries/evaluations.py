"""Screen 4, "Đánh giá, xếp loại" (pages/4_danh_gia.py): grade mix, quota check, score bands and
histogram, period scores and their trend, service measures and the review list ("Cần xem xét"),
with the editable rules of the screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from analytics import categories as cat
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
    return mask_grade_mix(run(store, "grade_mix", scope), privacy.threshold(store, scope))


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


def evaluation_people(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    scope.require_people()
    return run(store, "evaluation_people", scope, year=year)


def grade_people(
    store: Store, scope: Scope, year: int, grade: str | None = None, unit: str | None = None
) -> pd.DataFrame:
    """The people behind one cell of the grade mix (``NOT_GRADED`` for people without a grade)."""
    frame = evaluation_people(store, scope, year)
    if grade is not None:
        frame = frame[frame["grade"].fillna(NOT_GRADED) == grade]
    if unit is not None:
        frame = frame[frame["unit"].fillna(cat.NO_DATA) == unit]
    return frame.reset_index(drop=True)


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
    """Scores of a year counted in bins of ``width`` points: bin_start, bin_end, band, people.

    Aggregates only (any role). People without a score are not in a bin: see ``score_bands``.
    """
    frame = run(store, "evaluation_scores", scope, year=year, width=width)
    frame = frame[frame["score"].notna()]
    k = privacy.threshold(store, scope)
    if frame.empty:
        empty = pd.DataFrame(columns=["bin_start", "bin_end", "band", "people"])
        return privacy.mask_counts(empty, ["people"], k)
    counts = frame.groupby(["bin_start", "band"]).size().reset_index(name="people")
    counts["bin_end"] = counts["bin_start"] + width
    return privacy.mask_counts(counts[["bin_start", "bin_end", "band", "people"]], ["people"], k)


def score_band_people(store: Store, scope: Scope, year: int, band: str) -> pd.DataFrame:
    """The people whose score of ``year`` falls in ``band`` (``cat.NO_DATA``: no score)."""
    scope.require_people()
    frame = run(store, "evaluation_scores", scope, year=year, width=5.0)
    return sort_people(frame[frame["band"] == band])


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


def service_people(store: Store, scope: Scope, year: int) -> pd.DataFrame:
    """Each person's on-time share and satisfaction in ``year``, where the files carry them."""
    frame = evaluation_people(store, scope, year)
    has_measure = frame["on_time_rate"].notna() | frame["satisfaction"].notna()
    return frame[has_measure].reset_index(drop=True)


def review_list(store: Store, scope: Scope) -> pd.DataFrame:
    """'Cần xem xét' with reasons: one row per person and reason."""
    scope.require_people()
    return run(store, "review_list", scope)


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
    params = {**scope.params(), "reasons": list(REVIEW_REASONS)}
    return ListSize(int(store.execute(count_sql(sql("review_by_person")), params)[0][0]))


def review_by_person(
    store: Store, scope: Scope, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """The review list with one row per person and every reason in one cell ("; "), most
    reasons first, then name order (analytics/sql/queries/review_by_person.sql); ``limit``
    rows from ``offset``: one page."""
    scope.require_people()
    frame = store.df(
        page_sql(sql("review_by_person")),
        {**scope.params(), "reasons": list(REVIEW_REASONS), "limit": limit, "offset": offset},
    )
    frame["reason_count"] = frame["reason_count"].astype("int64")
    return frame
