"""Screen 5, "Kế hoạch" (pages/5_ke_hoach.py): the plan's tasks with their latest reported status
and '6 rõ' flags, their lateness (overdue, or done after the due date) and a recurring task's
reporting periods, counted per status, per ward and per task, and the progress reports. A new
progress report is written by ``analytics.queries.writes.add_progress_report``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics import categories as cat
from analytics.ingest.dates import Period
from analytics.labels import number_vn
from analytics.queries._sql import (
    ListSize,
    as_date,
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


def _period_params(scope: Scope, today: dt.date) -> dict[str, Any]:
    return {**_plan_params(scope, today), "plan_start": cat.PLAN_START}


def _status_label(status: str, done_late: bool, days_late: Any) -> str:
    """The status as the screen and the exports write it: "Hoàn thành muộn 63 ngày" for a task
    completed 63 days after its due date, otherwise the status itself.

    >>> _status_label("Hoàn thành", True, 63), _status_label("Quá hạn", False, 12)
    ('Hoàn thành muộn 63 ngày', 'Quá hạn')
    """
    if done_late and not pd.isna(days_late):
        return f"{cat.PLAN_DONE_LATE} {number_vn(int(days_late))} ngày"
    return status


def period_label(kind: str, start: Any) -> str:
    """'Tháng 10/2026', 'Quý III/2026', 'Năm 2026': the reporting period starting on ``start``."""
    day = pd.Timestamp(start).date()
    if kind == "month":
        return Period(day.year, "month", day.month).label()
    if kind == "quarter":
        return Period(day.year, "quarter", (day.month - 1) // 3 + 1).label()
    return Period(day.year).label()


# How many missed periods a sentence names before it counts the rest.
_NAMED_MISSED = 3


def _periods_text(kind: Any, periods: Any) -> str:
    """A recurring task's reporting periods in one sentence: how many of the periods gone by were
    reported, the missed ones by name, and the current one ("Theo quý: đã báo cáo 2/3 kỳ đã qua;
    thiếu Quý III/2026; Quý IV/2026 (kỳ hiện tại) chưa báo cáo"); "" for a dated task.
    ``periods``: the ``periods`` list of ``plan_status`` (plan_periods.sql), oldest first."""
    if not isinstance(kind, str) or periods is None or len(periods) == 0:
        return ""
    *past, current = list(periods)
    parts = []
    if past:
        reported = sum(1 for p in past if p["state"] == "reported")
        parts.append(f"đã báo cáo {number_vn(reported)}/{number_vn(len(past))} kỳ đã qua")
    missed = [period_label(kind, p["period_start"]) for p in past if p["state"] == "missed"]
    if missed:
        named = ", ".join(missed[:_NAMED_MISSED])
        rest = len(missed) - _NAMED_MISSED
        parts.append(f"thiếu {named}" + (f" và {number_vn(rest)} kỳ khác" if rest > 0 else ""))
    done = "đã báo cáo" if current["state"] == "reported" else "chưa báo cáo"
    parts.append(f"{period_label(kind, current['period_start'])} (kỳ hiện tại) {done}")
    return f"Theo {cat.PLAN_REPORT_EVERY[kind]}: " + "; ".join(parts)


def _with_texts(frame: pd.DataFrame) -> pd.DataFrame:
    """``status_label`` and ``report_periods`` (the sentences of ``_status_label`` and
    ``_periods_text``) beside the columns of plan_status.sql."""
    frame = frame.assign(days_late=frame["days_late"].astype("Int64"))
    frame["status_label"] = [
        _status_label(str(s), bool(late), days)
        for s, late, days in zip(
            frame["status"], frame["done_late"], frame["days_late"], strict=True
        )
    ]
    frame["report_periods"] = [
        _periods_text(kind, periods)
        for kind, periods in zip(frame["report_every"], frame["periods"], strict=True)
    ]
    return frame


def plan_status(
    store: Store, scope: Scope, today: dt.date, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """Tasks with status ('Quá hạn' when past due and not done), their lateness (``done_late``,
    ``days_late``, ``status_label``: "Hoàn thành muộn 63 ngày"), a recurring task's reporting
    periods (``periods``, ``report_periods``) and the '6 rõ' flags, in the order of each ward's
    plan; ``limit`` rows from ``offset``: one page (plan_status.sql)."""
    params = {**_period_params(scope, today), "limit": limit, "offset": offset}
    return _with_texts(store.df(page_sql(sql("plan_status")), params))


def plan_periods(store: Store, scope: Scope, today: dt.date) -> pd.DataFrame:
    """Every reporting period of each recurring task in scope (plan_periods.sql), oldest first,
    with its label ("Quý III/2026") and the label of its state ("Thiếu báo cáo")."""
    frame = store.df(sql("plan_periods"), _period_params(scope, today))
    frame["period_label"] = [
        period_label(k, s)
        for k, s in zip(frame["report_every"], frame["period_start"], strict=True)
    ]
    frame["state_label"] = frame["state"].map(cat.PLAN_PERIOD_STATES)
    for column in ("period_start", "period_end"):
        frame[column] = frame[column].map(as_date)
    return frame


def plan_status_size(store: Store, scope: Scope, today: dt.date) -> ListSize:
    """The rows (tasks) of ``plan_status`` before paging."""
    return ListSize(plan_summary(store, scope, today).tasks)


@dataclass(frozen=True)
class PlanSummary:
    """The plan's headline figures in scope: tasks per status (``counts``, with the recurring
    tasks not reported this quarter under 'Chưa báo cáo quý này'), the wards whose plans they
    are, the wards with an overdue task and the longest overdue; ``done_late``: of the
    'Hoàn thành' tasks, those completed after their due date."""

    tasks: int
    wards: int
    counts: dict[str, int]
    overdue_wards: int
    max_days_overdue: int | None
    missing_clear: int
    done_late: int = 0


def plan_summary(store: Store, scope: Scope, today: dt.date) -> PlanSummary:
    rows = store.execute(sql("plan_counts"), _plan_params(scope, today))
    counts = dict.fromkeys(PLAN_STATUS_ORDER, 0)
    total = (0, 0, 0, None, 0, 0)
    overdue_wards = 0
    for status, tasks, wards, not_reported, max_days, missing, late in rows:
        if status is None:  # the rollup row
            total = (int(tasks), int(wards), int(not_reported), max_days, int(missing), int(late))
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
        done_late=total[5],
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
