"""The plan's tasks (DOMAIN.md §1) on hand-written rows: status from the latest report, overdue
against a fixed today, recurring tasks judged per quarter, the "6 rõ" check, and progress reports
and their history (reports entered in the app: tests/test_queries_writes.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

import pandas as pd
import pytest
from rows import add_plan, add_progress

from analytics import queries
from analytics.charts import plan as plan_charts
from analytics.scope import Scope
from analytics.store import Store

TODAY = dt.date(2026, 11, 29)
ALL = Scope()
FULL = {
    "lead_unit": "Phòng Văn hóa – Xã hội",
    "deliverable": "Báo cáo",
    "accountable": "Trưởng phòng Văn hóa – Xã hội",
    "authority": "Chủ tịch UBND phường",
}


def plan_store() -> Store:
    """Seven tasks of one ward and their reports (``tests/test_queries_writes.py`` adds reports
    to it)."""
    s = Store(":memory:")
    add_plan(
        s,
        [
            {"task_code": "1", "title": "Quán triệt", "recurring": True, **FULL},
            {"task_code": "2", "title": "Rà soát", "due_date": dt.date(2026, 6, 30), **FULL},
            {"task_code": "3", "title": "Sắp xếp", "due_date": dt.date(2026, 9, 30), **FULL},
            {"task_code": "4", "title": "Đánh giá", "recurring": True, **FULL},
            {
                "task_code": "5",
                "title": "Kỷ luật",
                "recurring": True,
                "lead_unit": "Các đơn vị",
            },
            {"task_code": "6", "title": "Kinh phí", "due_date": dt.date(2026, 12, 31), **FULL},
            {
                "task_code": "7",
                "title": "Chưa báo cáo",
                "due_date": dt.date(2026, 10, 31),
                **FULL,
            },
        ],
    )
    add_progress(
        s,
        [
            {"task_code": "1", "report_date": dt.date(2026, 9, 30), "status": "Đang thực hiện"},
            {
                "task_code": "2",
                "report_date": dt.date(2026, 6, 10),
                "status": "Đang thực hiện",
                "percent": 40,
            },
            {
                "task_code": "2",
                "report_date": dt.date(2026, 7, 15),
                "status": "Hoàn thành",
                "percent": 100,
            },
            {
                "task_code": "3",
                "report_date": dt.date(2026, 8, 31),
                "status": "Đang thực hiện",
                "percent": 50,
            },
            {
                "task_code": "3",
                "report_date": dt.date(2026, 9, 30),
                "status": "Đang thực hiện",
                "percent": 70,
            },
            {
                "task_code": "4",
                "report_date": dt.date(2026, 10, 15),
                "status": "Đang thực hiện",
            },
            {
                "task_code": "6",
                "report_date": dt.date(2026, 10, 1),
                "status": "Đang thực hiện",
                "percent": 20,
            },
        ],
    )
    return s


@pytest.fixture
def store() -> Iterator[Store]:
    with plan_store() as s:
        yield s


def status(store: Store, today: dt.date = TODAY) -> dict[str, dict[str, object]]:
    frame = queries.plan_status(store, ALL, today)
    return {r["task_code"]: r for r in frame.to_dict("records")}


def test_a_task_past_its_due_date_and_not_done_is_overdue(store: Store) -> None:
    task = status(store)["3"]
    assert task["reported_status"] == "Đang thực hiện"
    assert task["status"] == "Quá hạn"
    assert bool(task["overdue"]) is True
    assert int(task["days_overdue"]) == 60  # 30/09/2026 → 29/11/2026
    assert float(task["percent"]) == 70.0  # the latest report


def test_the_same_task_is_not_overdue_on_its_due_date(store: Store) -> None:
    task = status(store, dt.date(2026, 9, 30))["3"]
    assert task["status"] == "Đang thực hiện"
    assert bool(task["overdue"]) is False


def test_a_completed_task_is_never_overdue(store: Store) -> None:
    task = status(store)["2"]
    assert task["status"] == "Hoàn thành"  # completed on 15/07, after its due date 30/06
    assert bool(task["overdue"]) is False
    assert pd.isna(task["days_overdue"])


def test_a_task_without_reports_past_due_is_overdue(store: Store) -> None:
    task = status(store)["7"]
    assert task["reported_status"] == "Chưa thực hiện"
    assert task["status"] == "Quá hạn"
    assert int(task["days_overdue"]) == 29  # 31/10/2026 → 29/11/2026


def test_a_task_due_later_is_in_progress(store: Store) -> None:
    task = status(store)["6"]
    assert task["status"] == "Đang thực hiện"
    assert bool(task["overdue"]) is False


def test_recurring_tasks_have_no_due_date_and_are_judged_per_quarter(store: Store) -> None:
    tasks = status(store)
    for code in ("1", "4", "5"):
        assert bool(tasks[code]["recurring"]) is True
        assert pd.isna(tasks[code]["due_date"])
        assert bool(tasks[code]["overdue"]) is False
    # Quarter IV began 01/10/2026: task 4 reported on 15/10, task 1 last on 30/09, task 5 never.
    assert bool(tasks["4"]["not_reported_this_period"]) is False
    assert bool(tasks["1"]["not_reported_this_period"]) is True
    assert bool(tasks["5"]["not_reported_this_period"]) is True
    assert bool(tasks["3"]["not_reported_this_period"]) is False  # dated tasks are not judged so


def test_missing_clear_names_what_the_plan_leaves_out(store: Store) -> None:
    tasks = status(store)
    assert tasks["1"]["missing_clear"] == ""
    assert tasks["5"]["missing_clear"] == "Rõ trách nhiệm, Rõ sản phẩm, Rõ thẩm quyền"
    assert bool(tasks["5"]["clear_who"]) is True
    assert bool(tasks["5"]["clear_when"]) is True  # recurring counts as a clear time


def test_plan_counts(store: Store) -> None:
    # 1, 4, 6 in progress; 2 done; 3, 7 overdue; 5 has no report yet. Recurring 1 and 5 lack a
    # report since 01/10/2026.
    assert queries.plan_counts(store, ALL, TODAY) == {
        "Hoàn thành": 1,
        "Đang thực hiện": 3,
        "Quá hạn": 2,
        "Chưa thực hiện": 1,
        "Tạm dừng": 0,
        "Chưa báo cáo quý này": 2,
    }


# ------------------------------------------------------------------ display helpers
def test_task_table_marks_this_quarters_report_and_full_six_clear(store: Store) -> None:
    shown = plan_charts.task_table(queries.plan_status(store, ALL, TODAY)).set_index("task_code")
    assert shown.loc["4", "quarter_report"] == "Đã có"
    assert shown.loc["1", "quarter_report"] == "Chưa có"
    assert shown.loc["3", "quarter_report"] == "—"
    assert shown.loc["3", "percent"] == "70"
    assert shown.loc["1", "missing_clear"] == "Đủ 6 rõ"


def test_six_clear_table_marks_each_criterion(store: Store) -> None:
    table = plan_charts.six_clear_table(queries.plan_status(store, ALL, TODAY), queries.SIX_CLEAR)
    row = table.set_index("Mã").loc["5"]
    assert [row[label] for label in queries.SIX_CLEAR.values()] == ["✓", "✓", "✓", "✗", "✗", "✗"]
    assert row["Còn thiếu"] == "Rõ trách nhiệm, Rõ sản phẩm, Rõ thẩm quyền"


def test_overdue_messages_name_the_task_days_and_due_date(store: Store) -> None:
    messages = plan_charts.overdue_messages(queries.plan_status(store, ALL, TODAY))
    assert messages[0] == (
        "Nhiệm vụ **3** quá hạn **60 ngày** (hạn 30/09/2026, đã thực hiện 70%; "
        "chủ trì: Phòng Văn hóa – Xã hội)."
    )
    assert len(messages) == 2


def test_timeline_draws_today_and_the_overdue_stretch(store: Store) -> None:
    fig = plan_charts.timeline(
        queries.plan_status(store, ALL, TODAY), queries.progress_history(store, ALL), TODAY
    )
    texts = [a.text for a in fig.layout.annotations]
    assert "Hôm nay 29/11/2026" in texts
    assert "<b>Quá hạn 60 ngày</b>" in texts
    assert "<b>Quá hạn 29 ngày</b>" in texts
    reports = next(t for t in fig.data if t.name == "Báo cáo tiến độ")
    assert len(reports.x) == 7
