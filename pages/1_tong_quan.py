"""Tổng quan: the headline figures with the change since the previous roster snapshot."""

from __future__ import annotations

import streamlit as st

from analytics import privacy
from analytics.charts import overview as charts
from analytics.charts.base import date_vn, percent, points_change
from analytics.labels import number_vn
from ui import data
from ui.export import export_view_buttons
from ui.filters import current_scope
from ui.text import plain
from ui.widgets import NO_DATA_MESSAGE, empty_state

scope = current_scope()
st.title("Tổng quan chất lượng đội ngũ")
place = data.query("place_in_view", scope)
if place:  # the ward (or how many wards, and the province) the figures are of
    st.markdown(f"#### {plain(place)}")
export_view_buttons(scope, "tong-quan")
summary = data.query("overview", scope, data.today())

if summary.head_count == 0:
    empty_state(NO_DATA_MESSAGE)
    st.stop()

since = (
    f"so với {date_vn(summary.previous_as_of)}"
    if summary.previous_as_of
    else "chưa có kỳ trước để so sánh"
)
st.caption(
    f"Số liệu tính đến ngày **{date_vn(summary.as_of)}** · thay đổi {since} · "
    f"lần nhập gần nhất {date_vn(summary.last_import)} · phạm vi: {plain(scope.describe())}"
)


def count(delta: float | None) -> int | None:
    return None if delta is None else int(delta)


def share(name: str) -> str:
    """A share as shown; "< 3 người" when hidden from the reader (analytics.privacy)."""
    hidden = privacy.share_text(name in summary.hidden, summary.threshold)
    return hidden or percent(getattr(summary, name))


# A figure of fewer than small_cell_threshold people reads "< 3" for a viewer (summary.text).
c1, c2, c3, c4 = st.columns(4)
c1.metric(
    "Tổng số CBCC", summary.text("head_count"), count(summary.delta("head_count")), border=True
)
c2.metric(
    "Trình độ đại học trở lên",
    share("university_share"),
    points_change(summary.delta("university_share")),
    border=True,
)
c3.metric(
    "LLCT trung cấp trở lên",
    share("political_theory_share"),
    points_change(summary.delta("political_theory_share")),
    border=True,
)
c4.metric(
    "Chưa đạt tiêu chuẩn vị trí",
    summary.text("below_standard"),
    count(summary.delta("below_standard")),
    delta_color="inverse",
    border=True,
    help="Số người có ít nhất một tiêu chí chưa đạt hoặc thiếu chứng chỉ (không tính 'chưa có dữ liệu').",
)
c5, c6, c7, c8 = st.columns(4)
c5.metric(
    "Trong đó ở lĩnh vực nhạy cảm",
    summary.text("below_standard_sensitive"),
    count(summary.delta("below_standard_sensitive")),
    delta_color="inverse",
    border=True,
)
c6.metric("Chưa có dữ liệu để đối chiếu", summary.text("no_data"), border=True)
c7.metric(
    "Nhiệm vụ đã hoàn thành", number_vn(summary.plan_counts.get("Hoàn thành", 0)), border=True
)
c8.metric("Nhiệm vụ quá hạn", number_vn(summary.plan_counts.get("Quá hạn", 0)), border=True)

left, right = st.columns(2)
with left:
    st.plotly_chart(
        charts.grade_donut(summary.grade_counts, summary.evaluation_year, summary.threshold),
        key="overview_grades",
    )
with right:
    st.plotly_chart(charts.plan_bars(summary.plan_counts), key="overview_plan")
