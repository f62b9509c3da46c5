"""Lateness kept (issue 10): a task completed after its due date stays late on record
("Hoàn thành muộn N ngày", N = completion report date − due date), and a recurring task's
reporting periods (month, quarter or year, as the plan writes it) say which were reported and
which were missed. Hand-written rows, today fixed at 29/11/2026, the plan from 01/06/2026."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from collections.abc import Iterator

import pandas as pd
import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from rows import add_plan, add_progress

from analytics import categories as cat
from analytics import queries
from analytics.charts import plan as plan_charts
from analytics.export import make_export
from analytics.scope import Scope
from analytics.store import Store

TODAY = dt.date(2026, 11, 29)
DUE = dt.date(2026, 9, 30)
ALL = Scope()
DONE, DOING = "Hoàn thành", "Đang thực hiện"


def report(code: str, day: dt.date, status: str) -> dict[str, object]:
    return {"task_code": code, "report_date": day, "status": status}


@pytest.fixture
def store() -> Iterator[Store]:
    with Store(":memory:") as s:
        dated = [
            {"task_code": code, "title": title, "due_date": DUE}
            for code, title in (
                ("on_time", "Xong đúng hạn"),
                ("one_day", "Xong muộn một ngày"),
                ("overdue", "Quá hạn rồi xong"),
                ("reopened", "Xong, mở lại, xong lần nữa"),
                ("twice", "Hai báo cáo hoàn thành"),
            )
        ]
        recurring = [
            # "hằng tháng" in the deliverable: reported every month.
            {
                "task_code": "monthly",
                "title": "Hồ sơ đúng hạn",
                "recurring": True,
                "deadline_text": "Thường xuyên",
                "deliverable": "Báo cáo tỷ lệ hồ sơ đúng hạn hằng tháng",
            },
            # The smallest period named wins: "hằng tháng, quý, năm" is monthly.
            {
                "task_code": "graded",
                "title": "Đánh giá",
                "recurring": True,
                "deadline_text": "Thường xuyên",
                "deliverable": "Kết quả đánh giá, xếp loại hằng tháng, quý, năm",
            },
            {
                "task_code": "yearly",
                "title": "Kế hoạch đào tạo",
                "recurring": True,
                "deadline_text": "Hằng năm",
            },
            # Nothing named: every quarter, as the plan is followed up.
            {
                "task_code": "quarterly",
                "title": "Quán triệt",
                "recurring": True,
                "deadline_text": "Thực hiện thường xuyên",
            },
        ]
        add_plan(s, dated + recurring)
        add_progress(
            s,
            [
                report("on_time", dt.date(2026, 9, 10), DOING),
                report("on_time", DUE, DONE),  # on the due date: on time
                report("one_day", dt.date(2026, 10, 1), DONE),  # the day after: 1 day late
                report("overdue", dt.date(2026, 8, 31), DOING),
                # done 15/09, reopened 10/10, done again 12/10: completed by the later run
                report("reopened", dt.date(2026, 9, 15), DONE),
                report("reopened", dt.date(2026, 10, 10), DOING),
                report("reopened", dt.date(2026, 10, 12), DONE),
                # done 25/09 (on time); a later 'Hoàn thành' report does not move the completion
                report("twice", dt.date(2026, 9, 25), DONE),
                report("twice", dt.date(2026, 10, 15), DONE),
                # monthly: June, August, November reported; July, September, October not
                report("monthly", dt.date(2026, 6, 30), DOING),  # last day of June: June's
                report("monthly", dt.date(2026, 8, 1), DOING),  # first day of August: August's
                report("monthly", dt.date(2026, 11, 5), DOING),
                # quarterly, first report 31/03 (before the plan): from quarter I
                report("quarterly", dt.date(2026, 3, 31), DOING),
                report("quarterly", dt.date(2026, 7, 1), DOING),
            ],
        )
        yield s


def tasks(store: Store, today: dt.date = TODAY) -> dict[str, dict[str, object]]:
    frame = queries.plan_status(store, ALL, today)
    return {str(r["task_code"]): r for r in frame.to_dict("records")}


def test_done_on_the_due_date_is_on_time(store: Store) -> None:
    task = tasks(store)["on_time"]
    assert task["status"] == DONE
    assert bool(task["done_late"]) is False
    assert pd.isna(task["days_late"])
    assert task["status_label"] == "Hoàn thành"
    assert pd.Timestamp(task["completed_date"]).date() == DUE


def test_done_one_day_after_the_due_date_is_one_day_late(store: Store) -> None:
    task = tasks(store)["one_day"]
    assert task["status"] == DONE  # still counted as done
    assert bool(task["done_late"]) is True
    assert int(task["days_late"]) == 1  # 30/09 → 01/10
    assert task["status_label"] == "Hoàn thành muộn 1 ngày"
    assert bool(task["overdue"]) is False and pd.isna(task["days_overdue"])


def test_an_overdue_task_completed_keeps_its_lateness(store: Store) -> None:
    before = tasks(store)["overdue"]
    assert (before["status"], int(before["days_late"]), int(before["days_overdue"])) == (
        "Quá hạn",
        60,  # 30/09 → 29/11: 31 days of October + 29 of November
        60,
    )
    add_progress(store, [report("overdue", dt.date(2026, 11, 20), DONE)])
    after = tasks(store)["overdue"]
    assert after["status"] == DONE
    assert int(after["days_late"]) == 51  # 30/09 → 20/11: 31 + 20 days
    assert pd.isna(after["days_overdue"])  # no longer overdue today
    assert after["status_label"] == "Hoàn thành muộn 51 ngày"
    # Read a month later it is still 51 days late: the completion date, not today, counts.
    assert int(tasks(store, dt.date(2026, 12, 29))["overdue"]["days_late"]) == 51


def test_a_task_reopened_and_done_again_is_completed_by_the_later_report(store: Store) -> None:
    task = tasks(store)["reopened"]
    assert pd.Timestamp(task["completed_date"]).date() == dt.date(2026, 10, 12)
    assert int(task["days_late"]) == 12  # 30/09 → 12/10


def test_a_second_done_report_does_not_move_the_completion(store: Store) -> None:
    task = tasks(store)["twice"]
    assert pd.Timestamp(task["completed_date"]).date() == dt.date(2026, 9, 25)
    assert bool(task["done_late"]) is False


def test_the_summary_counts_late_completions_among_the_done(store: Store) -> None:
    # Done: on_time, one_day, reopened, twice (4); late among them: one_day, reopened (2).
    summary = queries.plan_summary(store, ALL, TODAY)
    assert summary.counts["Hoàn thành"] == 4
    assert summary.done_late == 2
    wards = queries.plan_wards(store, ALL, TODAY)
    assert wards[["done_tasks", "done_late_tasks"]].iloc[0].tolist() == [4, 2]
    by_task = queries.plan_by_task(store, ALL, TODAY).set_index("task_code")
    assert by_task.loc["one_day", "late_wards"] == 1
    assert by_task.loc["on_time", "late_wards"] == 0


def test_the_cadence_comes_from_the_plans_words(store: Store) -> None:
    every = {code: task["report_every"] for code, task in tasks(store).items()}
    assert (every["monthly"], every["graded"], every["yearly"], every["quarterly"]) == (
        "month",
        "month",
        "year",
        "quarter",
    )
    assert pd.isna(every["on_time"])  # a dated task has no reporting period


def test_monthly_periods_say_which_were_reported_and_which_missed(store: Store) -> None:
    periods = queries.plan_periods(store, ALL, TODAY)
    monthly = periods[periods["task_code"] == "monthly"]
    # From June (the plan's month, no earlier report) to November (today's month).
    assert monthly["period_label"].tolist() == [
        "Tháng 6/2026",
        "Tháng 7/2026",
        "Tháng 8/2026",
        "Tháng 9/2026",
        "Tháng 10/2026",
        "Tháng 11/2026",
    ]
    assert monthly["state"].tolist() == [
        "reported",  # 30/06
        "missed",
        "reported",  # 01/08
        "missed",
        "missed",
        "reported",  # 05/11, the current month
    ]
    assert monthly["reports"].tolist() == [1, 0, 1, 0, 0, 1]
    assert monthly["period_end"].tolist()[1] == dt.date(2026, 7, 31)
    assert tasks(store)["monthly"]["report_periods"] == (
        # 5 months gone by (June–October), 2 reported
        "Theo tháng: đã báo cáo 2/5 kỳ đã qua; thiếu Tháng 7/2026, Tháng 9/2026, Tháng 10/2026; "
        "Tháng 11/2026 (kỳ hiện tại) đã báo cáo"
    )


def test_a_quarterly_task_counts_from_its_first_report_before_the_plan(store: Store) -> None:
    periods = queries.plan_periods(store, ALL, TODAY)
    quarterly = periods[periods["task_code"] == "quarterly"]
    assert list(zip(quarterly["period_label"], quarterly["state"], strict=True)) == [
        ("Quý I/2026", "reported"),  # 31/03
        ("Quý II/2026", "missed"),
        ("Quý III/2026", "reported"),  # 01/07
        ("Quý IV/2026", "open"),  # the current quarter, nothing yet
    ]
    assert quarterly["state_label"].tolist()[-1] == cat.PLAN_PERIOD_STATES["open"]
    assert tasks(store)["quarterly"]["report_periods"] == (
        "Theo quý: đã báo cáo 2/3 kỳ đã qua; thiếu Quý II/2026; "
        "Quý IV/2026 (kỳ hiện tại) chưa báo cáo"
    )


def test_a_yearly_task_has_only_this_year_so_far(store: Store) -> None:
    # 2026 is the first year (the plan's), not over yet: no period gone by to count.
    assert tasks(store)["yearly"]["report_periods"] == (
        "Theo năm: Năm 2026 (kỳ hiện tại) chưa báo cáo"
    )


def test_a_period_that_ended_yesterday_is_missed_and_todays_is_open(store: Store) -> None:
    # On 01/11 October ended the day before without a report: missed; November is open (the
    # report of 05/11 is not yet written on that day).
    periods = queries.plan_periods(store, ALL, dt.date(2026, 11, 1))
    monthly = periods[periods["task_code"] == "monthly"].set_index("period_label")["state"]
    assert (monthly["Tháng 10/2026"], monthly["Tháng 11/2026"]) == ("missed", "open")


def test_the_periods_follow_the_ward_filter(store: Store) -> None:
    assert queries.plan_periods(store, Scope(wards=("Xã Khác",)), TODAY).empty


# ------------------------------------------------------------------ display and chart
def test_the_task_table_writes_the_lateness_in_the_status(store: Store) -> None:
    shown = plan_charts.task_table(queries.plan_status(store, ALL, TODAY)).set_index("task_code")
    assert shown.loc["one_day", "status"] == "Hoàn thành muộn 1 ngày"
    assert shown.loc["overdue", "status"] == "Quá hạn"
    assert shown.loc["overdue", "days_late"] == 60
    assert shown.loc["on_time", "report_periods"] == "—"
    colours = plan_charts.status_colours(shown.reset_index())
    assert colours["Hoàn thành muộn 1 ngày"] == cat.PLAN_STATUS_COLOURS[cat.PLAN_DONE_LATE]
    assert colours["Hoàn thành"] != colours["Hoàn thành muộn 12 ngày"]


def test_late_messages_name_the_days_the_due_date_and_the_completion(store: Store) -> None:
    messages = plan_charts.late_messages(queries.plan_status(store, ALL, TODAY))
    assert messages == [
        "Nhiệm vụ **one_day** hoàn thành muộn **1 ngày** (hạn 30/09/2026, hoàn thành ngày "
        "01/10/2026).",
        "Nhiệm vụ **reopened** hoàn thành muộn **12 ngày** (hạn 30/09/2026, hoàn thành ngày "
        "12/10/2026).",
    ]


def _ends(fig: object, name: str) -> list[tuple[dt.date, dt.date]]:
    """(start, end) of every bar called ``name``: a bar's base plus its length in ms."""
    out = []
    for trace in fig.data:  # type: ignore[attr-defined]
        if trace.type == "bar" and trace.name == name:
            start = pd.Timestamp(trace.base[0])
            out.append((start.date(), (start + pd.Timedelta(milliseconds=trace.x[0])).date()))
    return out


def test_the_timeline_runs_a_late_done_bar_to_its_completion(store: Store) -> None:
    add_progress(store, [report("overdue", dt.date(2026, 11, 20), DONE)])
    frame = queries.plan_status(store, ALL, TODAY)
    fig = plan_charts.timeline(frame, queries.progress_history(store, ALL), TODAY)
    # The stretches past the due date end on the completion dates: 01/10, 20/11, 12/10.
    assert sorted(_ends(fig, "Thời gian hoàn thành muộn")) == [
        (DUE, dt.date(2026, 10, 1)),
        (DUE, dt.date(2026, 10, 12)),
        (DUE, dt.date(2026, 11, 20)),
    ]
    # The bar up to the due date is in the late-done colour, not plain green.
    late = [t for t in fig.data if t.type == "bar" and t.name == cat.PLAN_DONE_LATE]
    assert {t.marker.color for t in late} == {cat.PLAN_STATUS_COLOURS[cat.PLAN_DONE_LATE]}
    notes = {a.text: a for a in fig.layout.annotations}
    label = notes["<b>Hoàn thành muộn 51 ngày</b>"]
    # Inside the plotting area: it ends at 20/11, in the right half, so it is anchored by its
    # right end there (it runs left, into the chart, never past the right edge).
    low, high = (pd.Timestamp(v).date() for v in fig.layout.xaxis.range)
    assert label.xanchor == "right" and low <= pd.Timestamp(label.x).date() <= high
    assert "<b>Hoàn thành muộn 1 ngày</b>" in notes


def test_the_timeline_draws_a_recurring_tasks_periods(store: Store) -> None:
    frame = queries.plan_status(store, ALL, TODAY)
    fig = plan_charts.timeline(frame, queries.progress_history(store, ALL), TODAY)
    row = frame.index[frame["task_code"] == "monthly"][0]
    segments = {
        trace.name: trace for trace in fig.data if trace.type == "bar" and trace.y[0] == row
    }
    assert set(segments) == {"Kỳ đã báo cáo", "Kỳ thiếu báo cáo"}
    # July drawn to the first of August (the segment covers the period's last day).
    assert (dt.date(2026, 7, 1), dt.date(2026, 8, 1)) in _ends(fig, "Kỳ thiếu báo cáo")
    texts = [a.text for a in fig.layout.annotations]
    assert "Thiếu báo cáo: Tháng 7/2026, Tháng 9/2026, Tháng 10/2026" in texts


def test_the_timeline_legend_sits_at_the_foot_apart_from_the_axis(store: Store) -> None:
    fig = plan_charts.timeline(
        queries.plan_status(store, ALL, TODAY), queries.progress_history(store, ALL), TODAY
    )
    # In container coordinates Plotly keeps a strip for the legend and puts the month axis and
    # its title above it; in paper coordinates (y = -0.15) it ran into the axis title.
    legend = fig.layout.legend
    assert (legend.yref, legend.y, legend.yanchor) == ("container", 0, "bottom")
    names = [t.name for t in fig.data if t.showlegend is not False]
    ranks = {t.name: t.legendrank for t in fig.data}
    assert ranks["Hoàn thành"] < ranks[cat.PLAN_DONE_LATE] < ranks["Quá hạn"]
    assert ranks["Quá hạn"] < ranks["Kỳ đã báo cáo"] < ranks["Báo cáo tiến độ"]
    assert len(names) == len(set(names))  # each entry once


def test_the_chart_across_wards_shows_late_completions_apart(store: Store) -> None:
    fig = plan_charts.tasks_across_wards(
        queries.plan_by_task(store, ALL, TODAY), queries.PLAN_STATUS_ORDER
    )
    bars = {t.name: list(t.x) for t in fig.data}
    order = list(dict.fromkeys(queries.plan_by_task(store, ALL, TODAY)["task_code"]))
    late = dict(zip(order, bars[cat.PLAN_DONE_LATE], strict=True))
    done = dict(zip(order, bars["Hoàn thành"], strict=True))
    assert (late["one_day"], done["one_day"]) == (1, 0)
    assert (late["on_time"], done["on_time"]) == (0, 1)
    assert [t.name for t in fig.data][:2] == ["Hoàn thành", cat.PLAN_DONE_LATE]


# ------------------------------------------------------------------ exports
def _export(store: Store, kind: str) -> bytes:
    made = make_export(
        store,
        ALL,
        kind,
        view="ke-hoach",
        today=TODAY,
        made_at=dt.datetime(2026, 11, 29, 9, 0),
        chart_images=False,
        record=False,
    )
    return made.data


def test_the_workbook_keeps_the_lateness_and_the_periods(store: Store) -> None:
    sheet = load_workbook(io.BytesIO(_export(store, "xlsx")))["Kế hoạch"]
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, r in enumerate(rows) if "Tình trạng" in r)
    columns = rows[header]
    by_code = {r[0]: dict(zip(columns, r, strict=True)) for r in rows[header + 1 :] if r[0]}
    assert by_code["one_day"]["Tình trạng"] == "Hoàn thành muộn 1 ngày"
    assert by_code["one_day"]["Số ngày trễ"] == 1
    assert by_code["overdue"]["Số ngày trễ"] == 60  # overdue so far
    assert by_code["quarterly"]["Kỳ báo cáo"].startswith("Theo quý: đã báo cáo 2/3 kỳ đã qua")
    assert by_code["on_time"]["Số ngày trễ"] is None  # blank: not late


def test_the_pdf_writes_no_missing_value_marks(store: Store) -> None:
    pages = PdfReader(io.BytesIO(_export(store, "pdf"))).pages
    assert not any("<NA>" in p.extract_text() or "nan" in p.extract_text().split() for p in pages)


def test_the_pdf_keeps_the_lateness(store: Store) -> None:
    pages = PdfReader(io.BytesIO(_export(store, "pdf"))).pages
    text = unicodedata.normalize("NFC", "\n".join(p.extract_text() for p in pages))
    assert "Hoàn thành muộn 12 ngày" in " ".join(text.split())  # the cell may wrap
    assert "Thiếu Quý II/2026".lower() in " ".join(text.split()).lower()
