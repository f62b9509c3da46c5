"""Tiến độ kế hoạch: the plan's tasks with their latest status, overdue against today, a
timeline, the "6 rõ" check, and a form that appends progress reports (history kept)."""

from __future__ import annotations

import textwrap

import streamlit as st

from analytics import categories as cat
from analytics import queries
from analytics.charts import plan as charts
from analytics.charts.base import date_vn
from analytics.labels import number_vn
from analytics.policy import PermissionDenied, may_report_progress
from ui import auth, data, paging
from ui.export import export_view_buttons
from ui.filters import current_scope
from ui.styled_tables import coloured_table
from ui.text import plain
from ui.widgets import empty_state

TASK_COLUMNS = [
    "task_code",
    "title",
    "lead_unit",
    "coordinating_units",
    "deadline_text",
    "due_date",
    "status",
    "days_late",
    "percent",
    "last_report_date",
    "report_periods",
    "missing_clear",
]
WARD_COLUMNS = [
    "ward",
    "tasks",
    "done_tasks",
    "done_late_tasks",
    "in_progress_tasks",
    "overdue_tasks",
    "not_started_tasks",
    "paused_tasks",
    "not_reported",
    "max_days_overdue",
    "done_share",
    "missing_clear_tasks",
]
HISTORY_COLUMNS = [
    "report_date",
    "status",
    "percent",
    "deliverable",
    "note",
    "reported_by",
    "source",
    "created_at",
]
SIX_CLEAR_COLOURS = {
    label: {"✗": cat.PLAN_STATUS_COLOURS["Quá hạn"]} for label in queries.SIX_CLEAR.values()
}

scope = current_scope()
today = data.today()
st.title("Tiến độ kế hoạch")
export_view_buttons(scope, "ke-hoach")
summary = data.query("plan_summary", scope, today)
if summary.tasks == 0:
    empty_state(
        "Chưa có kế hoạch. Vào trang **Dữ liệu** để nhập tệp kế hoạch (danh mục nhiệm vụ) "
        "và các tệp báo cáo tiến độ (xlsx, xls hoặc csv)."
    )
    st.stop()

st.caption(
    "Kế hoạch nâng cao chất lượng đội ngũ cán bộ, công chức · tình trạng theo báo cáo tiến độ gần "
    f"nhất · quá hạn tính đến hôm nay **{date_vn(today)}**; nhiệm vụ hoàn thành sau hạn ghi "
    "“Hoàn thành muộn N ngày” · nhiệm vụ thường xuyên được theo dõi theo kỳ báo cáo (tháng, quý "
    "hoặc năm, theo kế hoạch ghi; mặc định theo quý. “Chưa báo cáo quý này”: nhiệm vụ thường "
    "xuyên chưa có báo cáo nào từ đầu quý hiện tại)."
    + (f" · kế hoạch của **{number_vn(summary.wards)}** phường/xã." if summary.wards > 1 else "")
)

counts = summary.counts
cells = st.columns(6)
cells[0].metric("Tổng số nhiệm vụ", number_vn(summary.tasks), border=True)
for cell, status in zip(
    cells[1:5], ("Hoàn thành", "Đang thực hiện", "Quá hạn", "Chưa thực hiện"), strict=True
):
    cell.metric(status, number_vn(counts[status]), border=True)
cells[5].metric(
    "Chưa báo cáo quý này",
    number_vn(counts["Chưa báo cáo quý này"]),
    border=True,
)
notes = [
    f"Trong {number_vn(counts['Hoàn thành'])} nhiệm vụ hoàn thành có "
    f"**{number_vn(summary.done_late)}** nhiệm vụ hoàn thành muộn (sau hạn)."
    if summary.done_late
    else "",
    f"Tạm dừng: {number_vn(counts['Tạm dừng'])} nhiệm vụ." if counts["Tạm dừng"] else "",
]
if any(notes):
    st.caption(" ".join(n for n in notes if n))


def many_wards() -> None:
    """A city's or a country's plans: figures per task and per ward, lists paged in DuckDB; the
    timeline, each task's "6 rõ" and the progress form are for one ward at a time."""
    if counts["Quá hạn"]:
        st.error(
            f"**{number_vn(counts['Quá hạn'])}** nhiệm vụ quá hạn ở "
            f"**{number_vn(summary.overdue_wards)}** phường/xã; lâu nhất "
            f"**{number_vn(summary.max_days_overdue or 0)} ngày**. Bảng “Tiến độ theo phường/xã” "
            "xếp các phường/xã nhiều nhiệm vụ quá hạn nhất lên đầu.",
            icon=":material/schedule:",
        )
    st.plotly_chart(
        charts.tasks_across_wards(
            data.query("plan_by_task", scope, today), queries.PLAN_STATUS_ORDER
        ),
        key="pl_by_task",
        config={"displaylogo": False},
    )
    st.subheader("Tiến độ theo phường/xã")
    wards, _, all_wards = paging.query_page("plan_wards", scope, today, key="pl_wards")
    coloured_table(
        wards,
        WARD_COLUMNS,
        key="pl_wards",
        file_name="tien_do_theo_phuong_xa.csv",
        full=all_wards,
    )
    st.subheader("Danh sách nhiệm vụ")
    tasks, _, all_tasks = paging.query_page("plan_status", scope, today, key="pl_tasks_page")
    shown = charts.task_table(tasks)
    coloured_table(
        shown,
        ["ward", *TASK_COLUMNS],
        key="pl_tasks",
        file_name="tien_do_ke_hoach.csv",
        cell_colours={"status": charts.status_colours(shown)},
        wide=("title", "report_periods"),
        full=lambda: charts.task_table(all_tasks()),
    )
    st.subheader("Kiểm tra “6 rõ”")
    coloured_table(
        data.query("plan_six_clear", scope, today),
        ["criterion_label", "tasks_missing", "wards_missing"],
        key="pl_six_clear",
        static=True,
        file_name="kiem_tra_6_ro.csv",
    )
    st.info(
        "Chọn một phường/xã ở bộ lọc **Phường/xã** để xem tiến độ theo thời gian, từng tiêu chí "
        "“6 rõ” của mỗi nhiệm vụ và cập nhật tiến độ của phường/xã đó.",
        icon=":material/filter_alt:",
    )
    st.subheader("Lịch sử báo cáo tiến độ")
    by_task = data.query("plan_by_task", scope, today)
    titles = dict(zip(by_task["task_code"], by_task["title"], strict=False))
    code = st.selectbox(
        "Nhiệm vụ",
        list(titles),
        key="pf_history_task",
        format_func=lambda c: f"{c}. {titles.get(c, '')}",
    )
    history = data.query("progress_history", scope, code)
    if history.empty:
        st.caption("Nhiệm vụ này chưa có báo cáo tiến độ nào.")
        return
    coloured_table(
        charts.history_table(history),
        ["ward", *HISTORY_COLUMNS],
        key="pl_history",
        file_name=f"lich_su_nhiem_vu_{code}.csv",
        cell_colours={"status": cat.PLAN_STATUS_COLOURS},
        wide=("deliverable", "note"),
    )


if summary.wards > 1:
    many_wards()
    st.stop()

tasks = data.query("plan_status", scope, today)
for message in charts.overdue_messages(tasks, escape=plain):
    st.error(message, icon=":material/schedule:")
late = charts.late_messages(tasks, escape=plain)
if late:
    st.warning("  \n".join(late), icon=":material/history:")

# ------------------------------------------------------------------ tasks
st.subheader("Danh sách nhiệm vụ")
shown = charts.task_table(tasks)
coloured_table(
    shown,
    TASK_COLUMNS,
    key="pl_tasks",
    static=True,
    file_name="tien_do_ke_hoach.csv",
    cell_colours={"status": charts.status_colours(shown)},
    wide=("title", "report_periods"),
)

st.subheader("Tiến độ theo thời gian")
history_all = data.query("progress_history", scope)
st.plotly_chart(
    charts.timeline(tasks, history_all, today), key="pl_timeline", config={"displaylogo": False}
)
st.caption(
    f"Thanh: từ ngày bắt đầu kế hoạch ({date_vn(charts.PLAN_START)}, hoặc báo cáo đầu tiên nếu "
    "sớm hơn) đến hạn hoàn thành, màu theo tình trạng báo cáo gần nhất; phần gạch đỏ: thời gian "
    "quá hạn đến hôm nay; phần gạch vàng nâu: hoàn thành muộn, từ hạn đến ngày báo cáo hoàn "
    "thành. Nhiệm vụ thường xuyên: mỗi ô là một kỳ báo cáo (xanh: đã báo cáo, gạch đỏ: thiếu "
    "báo cáo, xám: kỳ hiện tại chưa báo cáo). Hình thoi: từng báo cáo tiến độ (di chuột để xem "
    "nội dung)."
)

st.subheader("Kiểm tra “6 rõ”")
coloured_table(
    charts.six_clear_table(tasks, queries.SIX_CLEAR),
    None,
    key="pl_six_clear",
    static=True,
    file_name="kiem_tra_6_ro.csv",
    cell_colours=SIX_CLEAR_COLOURS,
    wide=("Nhiệm vụ",),
)
st.caption(
    "Rõ người: có đơn vị chủ trì · Rõ việc: có nội dung nhiệm vụ · Rõ thời gian: có thời hạn hoặc "
    "thực hiện thường xuyên · Rõ trách nhiệm: có người chịu trách nhiệm · Rõ sản phẩm: có sản phẩm "
    "đầu ra · Rõ thẩm quyền: có cấp có thẩm quyền quyết định. ✗: kế hoạch chưa ghi nội dung này."
)

# ------------------------------------------------------------------ progress form
st.subheader("Cập nhật tiến độ")
codes = tasks["task_code"].tolist()
titles = dict(zip(tasks["task_code"], tasks["title"], strict=False))


def task_name(code: str) -> str:
    return f"{code}. {titles.get(code, '')}"


# The fields a saved report clears (the task stays chosen), so the form cannot invite a second
# entry of the same report; what was saved is confirmed under the heading (kept across the rerun).
FORM_FIELDS = ("pf_date", "pf_status", "pf_percent", "pf_deliverable", "pf_note", "pf_by")
saved = st.session_state.pop("pf_saved", None)
if saved:
    st.success(saved, icon=":material/check_circle:")
    st.toast(saved, icon=":material/check_circle:")

account = auth.signed_in()
reportable = [
    code
    for code, lead in zip(tasks["task_code"], tasks["lead_unit"], strict=True)
    if may_report_progress(account.role, account.unit, lead)
]
if not reportable:
    st.info(
        "Vai trò này chỉ xem tiến độ. Cán bộ tổ chức cập nhật mọi nhiệm vụ; trưởng đơn vị báo cáo "
        "các nhiệm vụ đơn vị mình chủ trì."
    )
else:
    ward = str(tasks["ward"].iat[0])
    with st.form("progress_form"):
        task = st.selectbox("Nhiệm vụ", reportable, key="pf_task", format_func=task_name)
        c1, c2, c3 = st.columns(3)
        report_date = c1.date_input(
            "Ngày báo cáo", value=today, max_value=today, format="DD/MM/YYYY", key="pf_date"
        )
        status = c2.selectbox(
            "Tình trạng",
            cat.PLAN_STATUSES,
            index=cat.PLAN_STATUSES.index("Đang thực hiện"),
            key="pf_status",
        )
        # A whole percent: the reports are written "70%", and a float input showed "100.00".
        percent = c3.number_input(
            "Tỷ lệ hoàn thành (%)",
            min_value=0,
            max_value=100,
            value=None,
            step=5,
            format="%d",  # whole percent: "100", never "100.00" with a dot
            key="pf_percent",
            help="Số nguyên từ 0 đến 100; để trống với nhiệm vụ thường xuyên.",
        )
        deliverable = st.text_input("Sản phẩm đã có", key="pf_deliverable")
        note = st.text_area("Ghi chú", key="pf_note", height=80)
        reported_by = st.text_input(
            "Người báo cáo", key="pf_by", placeholder=f"Mặc định: {account.username}"
        )
        submitted = st.form_submit_button("Lưu báo cáo tiến độ", type="primary", key="pf_submit")
    if submitted:
        try:
            queries.add_progress_report(
                data.store(),
                ward=ward,
                task_code=task,
                report_date=report_date,
                status=status,
                percent=percent,
                deliverable=deliverable.strip() or None,
                note=note.strip() or None,
                reported_by=reported_by or account.username,
                actor=account,
                address=auth.client_address(),
            )
        except (ValueError, PermissionDenied) as error:
            st.error(plain(error))
        else:
            data.clear()
            done = "" if percent is None else f", {number_vn(int(percent))}%"
            title = textwrap.shorten(str(titles.get(task, "")), width=70, placeholder="…")
            st.session_state["pf_saved"] = (
                f"Đã lưu báo cáo tiến độ nhiệm vụ {plain(task)} ngày {date_vn(report_date)}: "
                f"**{status}{done}** ({plain(title)}). Các báo cáo trước vẫn được giữ trong "
                "lịch sử."
            )
            st.session_state["pf_history_task"] = task
            for field in FORM_FIELDS:  # drawn again empty on the rerun
                del st.session_state[field]
            st.rerun()

# ------------------------------------------------------------------ history
st.subheader("Lịch sử báo cáo tiến độ")
history_task = st.selectbox("Nhiệm vụ", codes, key="pf_history_task", format_func=task_name)
history = data.query("progress_history", scope, history_task)
if history.empty:
    st.caption("Nhiệm vụ này chưa có báo cáo tiến độ nào.")
else:
    coloured_table(
        charts.history_table(history),
        HISTORY_COLUMNS,
        key="pl_history",
        static=True,
        file_name=f"lich_su_nhiem_vu_{history_task}.csv",
        cell_colours={"status": cat.PLAN_STATUS_COLOURS},
        wide=("deliverable", "note"),
    )
