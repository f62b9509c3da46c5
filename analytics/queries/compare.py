"""Ward comparison for the city's Sở Nội vụ (issue 11): one row per ward in the reader's scope,
each figure taken from the query that already computes it (one source of truth): the headline
figures of ``snapshot_metrics`` (as the overview), the norm and quota of ``staffing``, the grade
counts of ``grade_mix`` and the tasks of ``plan_wards``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd

from analytics import privacy
from analytics.queries._sql import as_date, run
from analytics.queries.data_quality import filter_options
from analytics.queries.overview import _snapshot_figures
from analytics.queries.plan import plan_wards
from analytics.queries.staffing import staffing
from analytics.scope import Scope
from analytics.store import Store

_GRADES: tuple[str, ...] = ("HTXSNV", "HTTNV", "HTNV", "KHTNV")

#: The comparison's columns, in the order shown.
COMPARE_COLUMNS: tuple[str, ...] = (
    "ward",
    "as_of",
    "head_count",
    "norm",
    "quota",
    "quota_gap",
    "university_share",
    "political_theory_share",
    "below_standard",
    "below_standard_sensitive",
    "evaluation_year",
    *(g.lower() for g in _GRADES),
    "done_tasks",
    "overdue_tasks",
)


def ward_comparison(store: Store, scope: Scope, today: dt.date) -> pd.DataFrame:
    """One row per ward in scope (ward order). Columns ``COMPARE_COLUMNS``: ward; as_of (date of
    the ward's latest roster: the data's freshness); head_count; norm, quota, quota_gap (from
    ``staffing``; None = chưa có số liệu); university_share, political_theory_share (0–1, ĐH+
    and LLCT Trung cấp+); below_standard, below_standard_sensitive (people with a placement
    gap); evaluation_year (the year in view) and the counts htxsnv, httnv, htnv, khtnv of it;
    done_tasks, overdue_tasks (None: the ward has no plan). A reader who may not see people
    gets small counts as None (``privacy``)."""
    k = privacy.threshold(store, scope)
    wards = filter_options(store, scope)["wards"]
    staff_rows = staffing(store, scope, on=today)
    ward_staffing = staff_rows[staff_rows["level"] == "ward"].set_index("ward")
    plans = plan_wards(store, scope, today).set_index("ward")
    rows = []
    for ward in wards:
        one = replace(scope, wards=(ward,))
        metrics = run(store, "snapshot_metrics", one)
        latest = metrics[metrics["snapshot_rank"] == 1]
        row: dict[str, object] = dict.fromkeys(COMPARE_COLUMNS)
        row["ward"] = ward
        if not latest.empty:
            first = next(latest.itertuples())
            figures, _ = _snapshot_figures(first, k)
            row.update(figures)
            row["as_of"] = as_date(first.as_of)
        row.pop("no_data", None)
        if ward in ward_staffing.index:
            s = ward_staffing.loc[ward]
            for column in ("norm", "quota", "quota_gap"):
                row[column] = None if pd.isna(s[column]) else int(s[column])
        mix = run(store, "grade_mix", one)
        if not mix.empty:
            year = one.year_in_view(mix["year"].dropna().astype(int))
            row["evaluation_year"] = year
            in_year = mix[mix["year"] == year].groupby("grade")["people"].sum()
            counts = {g.lower(): int(in_year.get(g, 0)) for g in _GRADES}
            row.update(privacy.hide_fields(counts, k)[0])
        if ward in plans.index:
            row["done_tasks"] = int(plans.loc[ward, "done_tasks"])
            row["overdue_tasks"] = int(plans.loc[ward, "overdue_tasks"])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    return privacy.with_threshold(frame, k)
