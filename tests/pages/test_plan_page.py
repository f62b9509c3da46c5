"""The plan screen on the demo ward with today fixed at 29/11/2026: task 3 (due 30/09/2026) is
overdue, the form appends a progress report and the history shows it."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from analytics.store import Store
from tests.conftest import DEMO_USERS
from tests.markdown_view import visible, visible_frame
from tests.pages.conftest import DASHBOARD, SignIn
from tests.rows import add_plan

PAGE = "pages/5_ke_hoach.py"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture
def open_page(sign_in: SignIn, monkeypatch: pytest.MonkeyPatch) -> Callable[[str], AppTest]:
    """``open_page("viewer")``: the plan screen signed in as that role, today fixed."""
    monkeypatch.setattr("ui.data.today", lambda: TODAY)

    def make(role: str) -> AppTest:
        at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), role)
        at.switch_page(PAGE).run()
        return at

    return make


@pytest.fixture
def app(open_page: Callable[[str], AppTest]) -> AppTest:
    """The HR officer, who reports progress on any task."""
    return open_page("hr")


def table_with(app: AppTest, column: str) -> pd.DataFrame:
    return next(visible_frame(t.value) for t in app.table if column in t.value.columns)


def task_status(app: AppTest) -> dict[str, str]:
    tasks = table_with(app, "Chủ trì")
    return dict(zip(tasks["Mã"], tasks["Tình trạng"], strict=True))


def test_plan_page_shows_task_3_overdue(app: AppTest) -> None:
    assert not app.exception
    assert task_status(app)["3"] == "Quá hạn"
    assert task_status(app)["2"] == "Hoàn thành"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Tổng số nhiệm vụ"] == "8"
    assert metrics["Quá hạn"] == "1"
    assert any("quá hạn **60 ngày**" in e.value for e in app.error)


def test_six_clear_matrix_marks_missing_criteria(app: AppTest) -> None:
    matrix = table_with(app, "Rõ thẩm quyền").set_index("Mã")
    assert matrix.loc["4a", "Rõ thẩm quyền"] == "✗"
    assert matrix.loc["4a", "Còn thiếu"] == "Rõ thẩm quyền"
    assert matrix.loc["2", "Còn thiếu"] == "Đủ 6 rõ"


def save_report(
    app: AppTest, task: str, day: dt.date, status: str, percent: int, **texts: str
) -> None:
    """Fill every field of the progress form and press "Lưu báo cáo tiến độ"; ``texts``:
    deliverable, note, by (the reporter)."""
    app.selectbox(key="pf_task").set_value(task)
    app.date_input(key="pf_date").set_value(day)
    app.selectbox(key="pf_status").set_value(status)
    app.number_input(key="pf_percent").set_value(percent)
    app.text_input(key="pf_deliverable").set_value(texts.get("deliverable", ""))
    app.text_area(key="pf_note").set_value(texts.get("note", ""))
    app.text_input(key="pf_by").set_value(texts.get("by", ""))
    app.button(key="pf_submit").click().run()


def test_submitting_the_form_adds_a_history_row(app: AppTest) -> None:
    app.selectbox(key="pf_history_task").set_value("3").run()
    before = len(table_with(app, "Người báo cáo"))
    save_report(
        app,
        "3",
        TODAY,
        "Hoàn thành",
        100,
        deliverable="Phương án bố trí, sắp xếp đã phê duyệt",
        by="Nguyễn Văn Kiểm",
    )
    assert not app.exception
    assert any(
        "Đã lưu báo cáo tiến độ nhiệm vụ 3 ngày 29/11/2026" in visible(s.value) for s in app.success
    )
    history = table_with(app, "Người báo cáo")
    assert len(history) == before + 1
    newest = history.iloc[0]
    assert (newest["Ngày báo cáo"], newest["Tình trạng"], newest["Người báo cáo"]) == (
        "29/11/2026",
        "Hoàn thành",
        "Nguyễn Văn Kiểm",
    )
    assert newest["Nguồn"] == "Nhập trên ứng dụng"
    # Done, and late: due 30/09/2026, completed 29/11/2026 (31 days of October + 29).
    assert task_status(app)["3"] == "Hoàn thành muộn 60 ngày"


def test_completing_overdue_task_3_keeps_its_lateness(app: AppTest) -> None:
    app.selectbox(key="pf_task").set_value("3")
    app.selectbox(key="pf_status").set_value("Hoàn thành")
    app.number_input(key="pf_percent").set_value(100)
    app.button(key="pf_submit").click().run()
    assert not app.exception
    tasks = table_with(app, "Chủ trì").set_index("Mã")
    # 30/09/2026 → 29/11/2026: the days the task was late stay in the list, not blank.
    assert (tasks.loc["3", "Tình trạng"], tasks.loc["3", "Số ngày trễ"]) == (
        "Hoàn thành muộn 60 ngày",
        "60",
    )
    assert not any("quá hạn" in e.value for e in app.error)  # no longer overdue
    assert any(
        "hoàn thành muộn **60 ngày** (hạn 30/09/2026, hoàn thành ngày 29/11/2026)"
        in visible(w.value)
        for w in app.warning
    )
    metrics = {m.label: m.value for m in app.metric}
    assert (metrics["Hoàn thành"], metrics["Quá hạn"]) == ("2", "0")  # tasks 2 and 3
    assert any("**1** nhiệm vụ hoàn thành muộn" in c.value for c in app.caption)
    specs = [json.loads(c.proto.spec) for c in app.get("plotly_chart")]
    timeline = next(s for s in specs if "theo thời gian" in s["layout"]["title"]["text"])
    assert "<b>Hoàn thành muộn 60 ngày</b>" in [
        a["text"] for a in timeline["layout"]["annotations"]
    ]


def test_recurring_tasks_show_their_reporting_periods(app: AppTest) -> None:
    periods = table_with(app, "Chủ trì").set_index("Mã")["Kỳ báo cáo"]
    # Task 6: reported 31/03 and 30/06, nothing in quarter III; quarter IV is under way.
    assert periods["6"] == (
        "Theo quý: đã báo cáo 2/3 kỳ đã qua; thiếu Quý III/2026; "
        "Quý IV/2026 (kỳ hiện tại) chưa báo cáo"
    )
    # Task 5 reports "hằng tháng": January to September on the 25th; October missed.
    assert periods["5"] == (
        "Theo tháng: đã báo cáo 9/10 kỳ đã qua; thiếu Tháng 10/2026; "
        "Tháng 11/2026 (kỳ hiện tại) chưa báo cáo"
    )
    assert periods["3"] == "—"  # a dated task


def test_the_form_resets_after_saving_and_confirms_what_was_saved(app: AppTest) -> None:
    save_report(
        app,
        "4a",
        dt.date(2026, 11, 20),
        "Tạm dừng",
        35,
        deliverable="Tờ trình",
        note="Chờ chỉ tiêu",
        by="Nguyễn Văn Kiểm",
    )
    assert not app.exception
    confirmed = [visible(s.value) for s in app.success]
    assert any(
        "Đã lưu báo cáo tiến độ nhiệm vụ 4a ngày 20/11/2026: **Tạm dừng, 35%** (Rà soát, đề xuất"
        in text
        for text in confirmed
    ), confirmed
    assert any("nhiệm vụ 4a ngày 20/11/2026" in visible(t.value) for t in app.toast)
    # Every field back to its default, the task kept: nothing invites the same report again.
    assert app.selectbox(key="pf_task").value == "4a"
    assert app.date_input(key="pf_date").value == TODAY
    assert app.selectbox(key="pf_status").value == "Đang thực hiện"
    assert app.number_input(key="pf_percent").value is None
    assert (app.text_input(key="pf_deliverable").value, app.text_area(key="pf_note").value) == (
        "",
        "",
    )
    assert app.text_input(key="pf_by").value == ""
    # The confirmation was for that save: the next rerun does not repeat it.
    app.run()
    assert not app.success


def test_the_percent_is_a_whole_number(app: AppTest) -> None:
    percent = app.number_input(key="pf_percent").proto
    # An integer input drawn "%d": "100", never "100.00" with an English decimal point.
    assert (percent.data_type, percent.format) == (percent.INT, "%d")
    assert (percent.min, percent.max) == (0, 100)


def test_the_form_refuses_a_report_with_a_blank_reporter(app: AppTest) -> None:
    app.selectbox(key="pf_task").set_value("3")
    app.text_input(key="pf_by").set_value("   ")
    app.button(key="pf_submit").click().run()
    assert not app.exception
    assert any(visible(e.value) == "Cần ghi tên người báo cáo." for e in app.error)
    assert task_status(app)["3"] == "Quá hạn"


def test_a_report_without_reporter_is_signed_with_the_account(app: AppTest) -> None:
    app.selectbox(key="pf_task").set_value("3")
    app.button(key="pf_submit").click().run()
    assert not app.exception
    assert any("Đã lưu báo cáo tiến độ nhiệm vụ 3" in s.value for s in app.success)
    newest = table_with(app, "Người báo cáo").iloc[0]
    assert (newest["Ngày báo cáo"], newest["Người báo cáo"]) == ("29/11/2026", DEMO_USERS["hr"])


def test_viewer_has_no_form(open_page: Callable[[str], AppTest]) -> None:
    app = open_page("viewer")
    assert not app.exception
    assert not [s for s in app.selectbox if s.key == "pf_task"]
    assert task_status(app)["3"] == "Quá hạn"


def test_a_leader_reads_the_plan_but_has_no_form(open_page: Callable[[str], AppTest]) -> None:
    app = open_page("leader")
    assert not app.exception
    assert not [s for s in app.selectbox if s.key == "pf_task"]
    assert any(i.value.startswith("Vai trò này chỉ xem tiến độ.") for i in app.info)
    assert task_status(app)["3"] == "Quá hạn"


def test_many_wards_get_the_comparison_and_no_timeline(
    app_db: Path, open_page: Callable[[str], AppTest]
) -> None:
    # The demo ward's 8 tasks (task 3 overdue 60 days) and a second ward with one task due
    # 30/06/2026 and never reported: overdue 152 days (31 + 31 + 30 + 31 + 29).
    with Store(app_db) as store:
        add_plan(
            store,
            [{"task_code": "1", "title": "Rà soát đội ngũ", "due_date": dt.date(2026, 6, 30)}],
            ward="Xã Thử Hai",
        )
    app = open_page("leader")
    assert not app.exception
    metrics = {m.label: m.value for m in app.metric}
    assert (metrics["Tổng số nhiệm vụ"], metrics["Quá hạn"]) == ("9", "2")
    assert any(
        "**2** nhiệm vụ quá hạn ở **2** phường/xã; lâu nhất **152 ngày**" in e.value
        for e in app.error
    )
    wards = next(
        visible_frame(d.value)
        for d in app.dataframe
        if "Quá hạn lâu nhất (ngày)" in d.value.columns
    )
    assert wards["Phường/xã"].tolist()[0] == "Xã Thử Hai"  # both 1 overdue: 152 days before 60
    assert len(app.get("plotly_chart")) == 1  # the per-task chart; the timeline needs one ward
    assert not app.get("form")  # progress is reported for one ward at a time
