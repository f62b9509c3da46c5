"""Many wards' plans at once (a city's or a country's): the figures counted in DuckDB (summary,
per ward, per task, "6 rõ"), the task list paged, the per-task chart capped, and the
materialised latest status following a progress report. Two hand-written wards, today fixed at
29/11/2026; every expected number is worked out in the comments."""

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
ONE, TWO = "Phường Một", "Xã Hai"
FULL = {
    "lead_unit": "Văn phòng HĐND và UBND",
    "deliverable": "Báo cáo",
    "accountable": "Chánh Văn phòng",
    "authority": "Chủ tịch UBND",
}


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        no_authority = {k: v for k, v in FULL.items() if k != "authority"}
        no_deliverable = {k: v for k, v in FULL.items() if k != "deliverable"}
        add_plan(
            s,
            [
                {"task_code": "1", "title": "Rà soát", "due_date": dt.date(2026, 6, 30), **FULL},
                {
                    "task_code": "2",
                    "title": "Sắp xếp",
                    "due_date": dt.date(2026, 9, 30),
                    **no_authority,
                },
                {"task_code": "3", "title": "Đánh giá", "recurring": True, **FULL},
            ],
            ward=ONE,
        )
        add_plan(
            s,
            [
                {"task_code": "1", "title": "Rà soát", "due_date": dt.date(2026, 6, 30), **FULL},
                {
                    "task_code": "2",
                    "title": "Sắp xếp",
                    "due_date": dt.date(2026, 12, 31),
                    **no_deliverable,
                },
                {"task_code": "3", "title": "Đánh giá", "recurring": True, **FULL},
            ],
            ward=TWO,
        )
        add_progress(
            s,
            [
                {"task_code": "1", "report_date": dt.date(2026, 6, 20), "status": "Hoàn thành"},
                {
                    "task_code": "3",
                    "report_date": dt.date(2026, 10, 15),
                    "status": "Đang thực hiện",
                },
            ],
            ward=ONE,
        )
        add_progress(
            s,
            [
                {
                    "task_code": "1",
                    "report_date": dt.date(2026, 6, 1),
                    "status": "Đang thực hiện",
                    "percent": 40,
                }
            ],
            ward=TWO,
        )
        yield s


def test_summary_counts_tasks_and_wards(store: Store) -> None:
    # Một: 1 done, 2 overdue (due 30/09, 60 days), 3 in progress (reported 15/10, this quarter).
    # Hai: 1 overdue (due 30/06, in progress: 152 days), 2 not started (due 31/12), 3 recurring
    # without a report: not started, and not reported this quarter.
    summary = queries.plan_summary(store, ALL, TODAY)
    assert (summary.tasks, summary.wards) == (6, 2)
    assert summary.counts == {
        "Hoàn thành": 1,
        "Đang thực hiện": 1,
        "Quá hạn": 2,
        "Chưa thực hiện": 2,
        "Tạm dừng": 0,
        "Chưa báo cáo quý này": 1,
    }
    assert summary.overdue_wards == 2
    assert summary.max_days_overdue == 152  # 31 + 31 + 30 + 31 + 29 days: 30/06 → 29/11
    assert summary.missing_clear == 2  # Một's 2 lacks the authority, Hai's 2 the deliverable
    assert queries.plan_counts(store, ALL, TODAY) == summary.counts
    assert queries.plan_status_size(store, ALL, TODAY).rows == 6
    assert queries.plan_wards_size(store, ALL, TODAY).rows == 2


def test_summary_follows_the_ward_filter(store: Store) -> None:
    summary = queries.plan_summary(store, Scope(wards=(TWO,)), TODAY)
    assert (summary.tasks, summary.wards, summary.max_days_overdue) == (3, 1, 152)
    assert summary.counts["Chưa thực hiện"] == 2
    empty = queries.plan_summary(store, Scope(wards=("Xã Không Có",)), TODAY)
    assert (empty.tasks, empty.wards, empty.max_days_overdue) == (0, 0, None)


def test_wards_most_overdue_first(store: Store) -> None:
    # One overdue task each: Hai (152 days) before Một (60 days).
    wards = queries.plan_wards(store, ALL, TODAY).set_index("ward")
    assert list(wards.index) == [TWO, ONE]
    assert wards.loc[
        TWO, ["tasks", "done_tasks", "overdue_tasks", "not_started_tasks"]
    ].tolist() == [
        3,
        0,
        1,
        2,
    ]
    assert wards.loc[TWO, "not_reported"] == 1
    assert wards.loc[TWO, "max_days_overdue"] == 152
    assert wards.loc[ONE, ["done_tasks", "in_progress_tasks", "overdue_tasks"]].tolist() == [
        1,
        1,
        1,
    ]
    assert wards.loc[ONE, "done_share"] == pytest.approx(33.3)  # 1 of 3, one decimal
    assert wards.loc[ONE, "max_days_overdue"] == 60
    assert list(queries.plan_wards(store, ALL, TODAY, 1, 1)["ward"]) == [ONE]


def test_each_task_counts_the_wards_at_each_status(store: Store) -> None:
    by_task = queries.plan_by_task(store, ALL, TODAY)
    found = {(r.task_code, r.status): r.wards for r in by_task.itertuples()}
    assert found == {
        ("1", "Hoàn thành"): 1,
        ("1", "Quá hạn"): 1,
        ("2", "Quá hạn"): 1,
        ("2", "Chưa thực hiện"): 1,
        ("3", "Đang thực hiện"): 1,
        ("3", "Chưa thực hiện"): 1,
    }
    assert list(dict.fromkeys(by_task["task_code"])) == ["1", "2", "3"]  # the plan's order


def test_six_clear_counts_tasks_and_wards_per_criterion(store: Store) -> None:
    six = queries.plan_six_clear(store, ALL, TODAY).set_index("criterion_label")
    assert list(six.index) == list(queries.SIX_CLEAR.values())
    assert six.loc["Rõ thẩm quyền", ["tasks_missing", "wards_missing"]].tolist() == [1, 1]
    assert six.loc["Rõ sản phẩm", ["tasks_missing", "wards_missing"]].tolist() == [1, 1]
    assert six.loc["Rõ người", "tasks_missing"] == 0


def test_task_list_pages_in_plan_order(store: Store) -> None:
    # Order: ward, then the plan's order: Một 1, 2, 3, Hai 1, 2, 3; the second page of two rows.
    page = queries.plan_status(store, ALL, TODAY, 2, 2)
    assert list(zip(page["ward"], page["task_code"], strict=True)) == [(ONE, "3"), (TWO, "1")]
    assert len(queries.plan_status(store, ALL, TODAY)) == 6


def test_a_progress_report_updates_the_materialised_status(store: Store) -> None:
    def stored() -> str:
        return str(
            store.execute(
                "select status from mart_plan_tasks where ward = ? and task_code = '2'", [TWO]
            )[0][0]
        )

    assert stored() == "Chưa thực hiện"
    queries.add_progress_report(
        store,
        ward=TWO,
        task_code="2",
        report_date=TODAY,
        status="Hoàn thành",
        percent=100,
        deliverable="Phương án",
        note=None,
        reported_by="Cán bộ tổ chức",
    )
    assert stored() == "Hoàn thành"
    summary = queries.plan_summary(store, ALL, TODAY)
    assert (summary.counts["Hoàn thành"], summary.counts["Chưa thực hiện"]) == (2, 1)


def test_chart_draws_one_bar_per_task_stacked_by_status(store: Store) -> None:
    fig = plan_charts.tasks_across_wards(
        queries.plan_by_task(store, ALL, TODAY), queries.PLAN_STATUS_ORDER
    )
    bars = {trace.name: list(trace.x) for trace in fig.data}
    assert bars["Quá hạn"] == [1, 1, 0]
    assert bars["Chưa thực hiện"] == [0, 1, 1]
    assert "Tạm dừng" not in bars  # no task is paused: no empty legend entry
    assert len(fig.data[0].y) == 3


def test_chart_sums_the_tasks_beyond_the_cap_under_khac() -> None:
    # 25 task codes, each in 2 wards overdue: 20 bars, then "Khác" holding 5 tasks × 2 wards.
    codes = [str(i) for i in range(1, 26)]
    by_task = pd.DataFrame(
        {
            "task_code": codes,
            "title": [f"Nhiệm vụ {c}" for c in codes],
            "sort_order": range(1, 26),
            "status": "Quá hạn",
            "wards": 2,
        }
    )
    fig = plan_charts.tasks_across_wards(by_task, queries.PLAN_STATUS_ORDER)
    (trace,) = fig.data
    assert len(trace.y) == plan_charts.MAX_TASK_BARS + 1
    assert trace.y[-1] == "<b>Khác</b> (5 nhiệm vụ)"
    assert list(trace.x) == [2] * 20 + [10]
