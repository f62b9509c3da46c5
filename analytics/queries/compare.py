"""Ward comparison for the city's Sở Nội vụ (issue 11): one row per ward in the reader's scope,
each figure taken from the query that already computes it (one source of truth): the headline
figures of ``snapshot_metrics`` (as the overview), the norm and quota of ``staffing``, the grade
counts of ``grade_mix`` and the tasks of ``plan_wards``. Each query runs once for every ward
(``snapshot_metrics`` and ``grade_mix`` grouped by ward with ``by_ward``), not once per ward: a
city of 114 wards costs four queries, not 230.
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
    gap); evaluation_year (the ward's year in view, ``Scope.year_in_view`` of the years it
    holds) and the counts htxsnv, httnv, htnv, khtnv of it;
    done_tasks, overdue_tasks (None: the ward has no plan). A reader who may not see people
    gets small counts as None (``privacy``)."""
    k = privacy.threshold(store, scope)
    wards = filter_options(store, scope)["wards"]
    if not wards:  # an empty ward list in a scope means every ward: ask nothing
        return privacy.with_threshold(pd.DataFrame(columns=list(COMPARE_COLUMNS)), k)
    # The wards listed, each with the other filters, as the overview of one ward reads them.
    listed = replace(scope, wards=tuple(wards))
    metrics = run(store, "snapshot_metrics", listed, by_ward=True)
    latest = {str(r.ward): r for r in metrics.itertuples() if r.snapshot_rank == 1}
    mix = run(store, "grade_mix", listed, by_ward=True)  # unmasked: masked below per grade
    years: dict[str, list[int]] = {str(w): [] for w in mix["ward"]}
    for w, y in zip(mix["ward"], mix["year"], strict=True):
        if not pd.isna(y):
            years[str(w)].append(int(y))
    grade_people = {
        (str(w), int(y), str(g)): int(n)
        for (w, y, g), n in mix.groupby(["ward", "year", "grade"])["people"].sum().items()
    }
    staff_rows = staffing(store, scope, on=today)
    ward_staffing = staff_rows[staff_rows["level"] == "ward"].set_index("ward")
    plans = plan_wards(store, scope, today).set_index("ward")
    rows = []
    for ward in wards:
        row: dict[str, object] = dict.fromkeys(COMPARE_COLUMNS)
        row["ward"] = ward
        first = latest.get(ward)
        if first is not None:
            figures, _ = _snapshot_figures(first, k)
            row.update(figures)
            row["as_of"] = as_date(first.as_of)
        row.pop("no_data", None)
        if ward in ward_staffing.index:
            s = ward_staffing.loc[ward]
            for column in ("norm", "quota", "quota_gap"):
                row[column] = None if pd.isna(s[column]) else int(s[column])
        if ward in years:  # the ward holds results in scope
            year = scope.year_in_view(years[ward])
            row["evaluation_year"] = year
            counts = {g.lower(): grade_people.get((ward, year or 0, g), 0) for g in _GRADES}
            row.update(privacy.hide_fields(counts, k)[0])
        if ward in plans.index:
            row["done_tasks"] = int(plans.loc[ward, "done_tasks"])
            row["overdue_tasks"] = int(plans.loc[ward, "overdue_tasks"])
        rows.append(row)
    frame = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
    return privacy.with_threshold(frame, k)
