"""Screen 5, "Kế hoạch" (pages/5_ke_hoach.py): the plan's tasks with their latest reported status
and '6 rõ' flags, counted per status, per ward and per task, and the progress reports. A new
progress report is written by ``analytics.queries.writes.add_progress_report``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics.queries._sql import (
    ListSize,
    page_sql,
    sql,
)
from analytics.scope import Scope
from analytics.store import Store

SIX_CLEAR = {
    "clear_who": "Rõ người",
    "clear_what": "Rõ việc",
    "clear_when": "Rõ thời gian",
    "clear_accountability": "Rõ trách nhiệm",
    "clear_deliverable": "Rõ sản phẩm",
    "clear_authority": "Rõ thẩm quyền",
}


PLAN_STATUS_ORDER: tuple[str, ...] = (
    "Hoàn thành",
    "Đang thực hiện",
    "Quá hạn",
    "Chưa thực hiện",
    "Tạm dừng",
)


def _plan_params(scope: Scope, today: dt.date) -> dict[str, Any]:
    return {
        "wards": list(scope.effective().wards),
        "today": today,
        "clear_labels": list(SIX_CLEAR.values()),  # in the order of the flags in the SQL
    }


def plan_status(
    store: Store, scope: Scope, today: dt.date, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """Tasks with status ('Quá hạn' when past due and not done) and the '6 rõ' flags, in the
    order of each ward's plan; ``limit`` rows from ``offset``: one page (plan_task_status.sql)."""
    params = {**_plan_params(scope, today), "limit": limit, "offset": offset}
    return store.df(page_sql(sql("plan_status")), params)


def plan_status_size(store: Store, scope: Scope, today: dt.date) -> ListSize:
    """The rows (tasks) of ``plan_status`` before paging."""
    return ListSize(plan_summary(store, scope, today).tasks)


@dataclass(frozen=True)
class PlanSummary:
    """The plan's headline figures in scope: tasks per status (``counts``, with the recurring
    tasks not reported this quarter under 'Chưa báo cáo quý này'), the wards whose plans they
    are, the wards with an overdue task and the longest overdue."""

    tasks: int
    wards: int
    counts: dict[str, int]
    overdue_wards: int
    max_days_overdue: int | None
    missing_clear: int


def plan_summary(store: Store, scope: Scope, today: dt.date) -> PlanSummary:
    rows = store.execute(sql("plan_counts"), _plan_params(scope, today))
    counts = dict.fromkeys(PLAN_STATUS_ORDER, 0)
    total = (0, 0, 0, None, 0)
    overdue_wards = 0
    for status, tasks, wards, not_reported, max_days, missing in rows:
        if status is None:  # the rollup row
            total = (int(tasks), int(wards), int(not_reported), max_days, int(missing))
            continue
        counts[str(status)] = int(tasks)
        if status == "Quá hạn":
            overdue_wards = int(wards)
    return PlanSummary(
        tasks=total[0],
        wards=total[1],
        counts={**counts, "Chưa báo cáo quý này": total[2]},
        overdue_wards=overdue_wards,
        max_days_overdue=None if total[3] is None else int(total[3]),
        missing_clear=total[4],
    )


def plan_counts(store: Store, scope: Scope, today: dt.date) -> dict[str, int]:
    """Tasks per status (overdue counted as 'Quá hạn' only) and recurring tasks without a report
    in the current quarter ('Chưa báo cáo quý này'), counted in DuckDB (``plan_summary``)."""
    return plan_summary(store, scope, today).counts


def plan_wards_size(store: Store, scope: Scope, today: dt.date) -> ListSize:
    """The rows (wards with a plan) of ``plan_wards`` before paging."""
    return ListSize(plan_summary(store, scope, today).wards)


def plan_wards(
    store: Store, scope: Scope, today: dt.date, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """One row per ward: its tasks by status, recurring tasks not reported this quarter, the
    longest overdue and the share done; the wards with the most overdue tasks first."""
    params = {**_plan_params(scope, today), "limit": limit, "offset": offset}
    return store.df(page_sql(sql("plan_wards")), params)


def plan_by_task(store: Store, scope: Scope, today: dt.date) -> pd.DataFrame:
    """Each task code of the plan × status: how many wards (``wards``) are at that status."""
    return store.df(sql("plan_by_task"), _plan_params(scope, today))


def plan_six_clear(store: Store, scope: Scope, today: dt.date) -> pd.DataFrame:
    """Each criterion of '6 rõ' (in the order of ``SIX_CLEAR``, labelled): the tasks that leave
    it out and the wards they are in."""
    found = store.df(sql("plan_six_clear"), _plan_params(scope, today)).set_index("criterion")
    return pd.DataFrame(
        {
            "criterion": list(SIX_CLEAR),
            "criterion_label": list(SIX_CLEAR.values()),
            "tasks_missing": [int(found["tasks"].get(k, 0)) for k in SIX_CLEAR],
            "wards_missing": [int(found["wards"].get(k, 0)) for k in SIX_CLEAR],
        }
    )


def progress_history(store: Store, scope: Scope, task_code: str | None = None) -> pd.DataFrame:
    """Progress reports, newest first; who reported is a person's name, so a reader who may not
    see people gets it blank."""
    frame = store.df(
        sql("progress_history"), {"wards": list(scope.effective().wards), "task": task_code}
    )
    if not scope.can_see_people:
        frame["reported_by"] = None
    return frame
