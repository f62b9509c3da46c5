"""Kế hoạch nhân sự (issue 11): who reaches retirement age when (NĐ 135/2020, month-exact), how
many leave within 12, 24 and 60 months by unit or field, and who of the ward already meets the
standard of a sensitive post that falls vacant. Candidates and dates for a human decision."""

from __future__ import annotations

from typing import Any

import streamlit as st

from analytics import audit, privacy, queries
from analytics import categories as cat
from analytics.charts import workforce as charts
from analytics.charts.base import date_vn
from analytics.export.content import STAFFING_QUOTA_STATUS
from analytics.export.training_plan import training_plan_bytes
from analytics.export.workbook import MIME
from analytics.labels import COLUMN_LABELS, WHOLE_WARD, number_vn
from analytics.policy import Action
from analytics.queries.workforce import CANDIDATES_PER_LEAVER
from ui import auth, data
from ui.export import export_view_buttons
from ui.filters import current_scope
from ui.staffing_editor import staffing_editor
from ui.styled_tables import coloured_table
from ui.text import plain
from ui.widgets import NO_DATA_MESSAGE, empty_state

BY_LABELS = {"unit": "Đơn vị", "field": "Lĩnh vực", "sensitive": "Lĩnh vực nhạy cảm / khác"}
PEOPLE_COLUMNS = [
    "full_name",
    "unit",
    "position",
    "field",
    "gender",
    "retirement_date",
    "horizon_label",
    "months_left",
    "estimated",
    "legal_source",
]
ROTATION_COLUMNS = [
    "full_name",
    "unit",
    "position",
    "field",
    "post_since",
    "held_months",
    "period_years",
    "rotation_due_date",
    "rotation_label",
    "note_text",
]
SUCCESSOR_COLUMNS = [
    "full_name",
    "field",
    "retirement_date",
    "candidate_name",
    "candidate_unit",
    "candidate_position",
    "candidate_field",
    "candidate_note",
    "candidate_count",
]

scope = current_scope()
st.title("Kế hoạch nhân sự")
export_view_buttons(scope, "ke-hoach-nhan-su")

summary = data.query("retirement_summary", scope, "sensitive")
if summary.empty:
    empty_state(NO_DATA_MESSAGE)
    st.stop()

as_of = data.query("overview", scope, data.today()).as_of
st.caption(
    f"Tuổi nghỉ hưu theo lộ trình NĐ 135/2020/NĐ-CP (năm 2026: nam 61 tuổi 6 tháng, nữ 57 tuổi), "
    f"tính đến hết tháng đủ tuổi, từ ngày số liệu **{date_vn(as_of)}** · phạm vi: "
    f"{plain(scope.describe())}. Người chỉ có năm sinh được tính từ 01/01 của năm đó (ước tính)."
)

st.subheader("Nghỉ hưu trong 12, 24 và 60 tháng tới")
whole = data.query("retirement_summary", scope, "all").iloc[0]
sensitive = summary.set_index("group").reindex(["Lĩnh vực nhạy cảm"]).iloc[0]
k = privacy.frame_threshold(summary)


def people_text(row: Any, name: str) -> str:
    hidden = bool(row.get(privacy.hidden_column(name), False))
    text = privacy.count_text(row[name], hidden, k)
    return text if text == "—" else f"{text} người"


c1, c2, c3, c4 = st.columns(4)
for column, months in zip((c1, c2, c3), cat.RETIREMENT_WITHIN, strict=True):
    column.metric(
        f"Trong {months} tháng",
        people_text(whole, f"within_{months}"),
        border=True,
        help="Kể cả người đã đến tuổi nghỉ hưu tại ngày số liệu.",
    )
c4.metric("Lĩnh vực nhạy cảm, 24 tháng", people_text(sensitive, "within_24"), border=True)

by = (
    st.segmented_control(
        "Chia theo",
        list(BY_LABELS),
        format_func=BY_LABELS.get,
        key="ke_hoach_ns_by",
        default="unit",
    )
    or "unit"
)
counts = data.query("retirement_summary", scope, by).rename(columns={"group": BY_LABELS[by]})
coloured_table(
    counts,
    [BY_LABELS[by], "reached", "within_12", "within_24", "within_60", "people"],
    key="ke_hoach_ns_counts",
    file_name="nghi_huu_theo_nhom.csv",
    static=True,
)


def people_sections() -> None:
    """The names: the timeline, the list and the candidates (roles that may see people)."""
    leavers = data.query("retirement_leavers", scope, 60)
    st.plotly_chart(charts.retirement_timeline(leavers), config={"displaylogo": False})

    months = st.radio(
        "Danh sách người đến tuổi nghỉ hưu trong",
        cat.RETIREMENT_WITHIN,
        format_func=lambda m: f"{m} tháng",
        horizontal=True,
        key="ke_hoach_ns_months",
        index=1,
    )
    listed = data.query("retirement_leavers", scope, months)
    st.markdown(f"**{number_vn(len(listed))} người** đến tuổi nghỉ hưu trong {months} tháng tới.")
    if not listed.empty:
        coloured_table(
            listed.assign(estimated=listed["estimated"].map({True: "Ước tính", False: ""})),
            PEOPLE_COLUMNS,
            key="ke_hoach_ns_people",
            file_name="nghi_huu.csv",
            static=True,
        )

    st.subheader("Vị trí nhạy cảm sắp trống: người đã đạt tiêu chuẩn")
    st.caption(
        "Với mỗi người ở lĩnh vực nhạy cảm đến tuổi nghỉ hưu trong 24 tháng: những người trong phường, "
        "ở bất kỳ lĩnh vực nào, đã đạt mọi tiêu chí của khung tiêu chuẩn áp dụng cho vị trí đó (lĩnh "
        "vực, chức vụ) và chưa nghỉ hưu trong thời gian đó; người cùng lĩnh vực ghi trước, tối đa "
        f"{CANDIDATES_PER_LEAVER} người mỗi vị trí (cột tổng số cho biết có bao nhiêu người đạt). Người đang "
        "giữ chức vụ lãnh đạo chỉ được gợi ý cho vị trí lãnh đạo. Đây là gợi ý để cân nhắc, không "
        "phải quyết định."
    )
    successors = data.query("retirement_successors", scope, 24, CANDIDATES_PER_LEAVER)
    if successors.empty:
        st.success("Không có ai ở lĩnh vực nhạy cảm đến tuổi nghỉ hưu trong 24 tháng tới.")
    else:
        coloured_table(
            successors.fillna({"candidate_name": "Chưa có người đạt tiêu chuẩn trong phường"}),
            SUCCESSOR_COLUMNS,
            key="ke_hoach_ns_successors",
            file_name="nguoi_dat_tieu_chuan_thay_the.csv",
            static=True,
        )


if not scope.can_see_people:
    st.info("Vai trò người xem chỉ xem số liệu tổng hợp, không xem danh sách từng người.")
else:
    people_sections()

# ------------------------------------------------------------------ rotation (Luật PCTN 2018)
st.subheader("Định kỳ chuyển đổi vị trí công tác ở lĩnh vực nhạy cảm")
st.caption(
    "Thời hạn của từng lĩnh vực từ 2 đến 5 năm (Luật Phòng, chống tham nhũng 2018, Điều 25; "
    "NĐ 59/2019/NĐ-CP, Điều 37), sửa được ở bảng quy tắc; tính từ ngày giữ vị trí ghi trong danh "
    "sách đến ngày số liệu. “Đến hạn chuyển đổi” là để lãnh đạo xem xét, không phải kết luận."
)
rotation = data.query("rotation_summary", scope)
if rotation.empty:
    st.caption("Không có ai ở lĩnh vực nhạy cảm trong phạm vi đang xem.")
else:
    coloured_table(
        rotation,
        ["field", "status_0", "status_1", "status_2", "status_3", "people"],
        key="ke_hoach_ns_rotation_counts",
        file_name="chuyen_doi_vi_tri_theo_linh_vuc.csv",
        static=True,
    )


def rotation_people() -> None:
    """Who is due or near, with how long they have held the post and what the roster says."""
    due = data.query("rotation_due", scope)

    listed = due[due["rotation_status"] <= 1]
    unknown = int((due["rotation_status"] == 3).sum())
    st.markdown(
        f"**{number_vn(int((due['rotation_status'] == 0).sum()))} người đến hạn** và "
        f"**{number_vn(int((due['rotation_status'] == 1).sum()))} người sắp đến hạn** chuyển "
        "đổi vị trí công tác."
    )
    if unknown:
        st.caption(
            f"{number_vn(unknown)} người ở lĩnh vực nhạy cảm chưa có ngày giữ vị trí trong danh "
            "sách (cột “Giữ vị trí từ” hoặc “Ngày bổ nhiệm”): chưa tính được."
        )
    if listed.empty:
        return
    notes = []
    for row in listed.itertuples():
        parts = []
        if row.post_since_estimated:
            parts.append("ngày giữ vị trí ước tính (chỉ có tháng, năm)")
        if isinstance(row.exclusion, str):
            parts.append(f"tạm chưa xem xét: {row.exclusion.lower()}")
        if row.retires_soon:
            parts.append(
                f"nghỉ hưu ngày {date_vn(row.retirement_date)}, trước khi có thể chuyển đổi "
                f"(dưới {row.rotation_retirement_months} tháng)"
            )
        notes.append("; ".join(parts))
    coloured_table(
        listed.assign(note_text=notes),
        ROTATION_COLUMNS,
        key="ke_hoach_ns_rotation",
        file_name="den_han_chuyen_doi_vi_tri.csv",
        static=True,
    )


if scope.can_see_people:
    rotation_people()

# ------------------------------------------------------------------ staffing (tasks 3, 4a)
st.subheader("Biên chế, định mức và số cần tuyển")
st.caption(
    "Số người theo danh sách mới nhất so với biên chế được giao và định mức "
    "(CV 09/CV-BCĐ 2025: khoảng 32 người, cộng theo số dân, tối đa 50 với xã, 70 với phường; "
    "chưa kiểm chứng). “Dự kiến thiếu” = biên chế − (số người − số người "
    "đến tuổi nghỉ hưu trong 24 tháng): điểm xuất phát của đề xuất tuyển dụng (nhiệm vụ 4a)."
)
# the 24-month list of the section above, read once (cached): its counts per unit
leavers = (
    queries.leavers_by_unit(data.query("retirement_leavers", scope, 24))
    if scope.can_see_people
    else None
)
staff = data.query("staffing", scope, on=data.today(), leavers=leavers)
if staff.empty:
    st.caption("Chưa có số liệu biên chế.")
else:
    staff_columns = [
        "ward", "unit", "head_count", "quota", "quota_status", "norm", "norm_status", "leavers",
        "projected_vacancies",
    ]  # fmt: skip
    # the labels of the meeting file's sheet (analytics.labels), "So với biên chế" for the quota
    staff_labels = {c: COLUMN_LABELS.get(c, c) for c in staff_columns[2:]}
    staff_labels["quota_status"] = STAFFING_QUOTA_STATUS
    coloured_table(
        staff.assign(unit=staff["unit"].fillna(WHOLE_WARD)).rename(columns=staff_labels),
        [*staff_columns[:2], *staff_labels.values()],
        key="ke_hoach_ns_staffing",
        file_name="bien_che_dinh_muc.csv",
        static=True,
    )
    if leavers is None:
        st.caption(
            "Vai trò người xem: số người nghỉ hưu theo đơn vị được đếm từ danh sách người nên để "
            "trống, và không có số dự kiến thiếu."
        )
staffing_editor(scope)  # the HR officer's profile and quota forms

# ------------------------------------------------------------------ training needs (task 4b)
st.subheader("Nhu cầu đào tạo, bồi dưỡng (nhiệm vụ 4b)")
st.caption(
    "Mỗi khoảng trống so với khung tiêu chuẩn (chưa đạt, thiếu chứng chỉ) và mỗi lý do cần xem xét "
    "gọi ra một khóa học (bảng quy tắc đào tạo); kết quả đào tạo, bồi dưỡng đã nhập ở trang "
    "Dữ liệu cho biết khóa nào đã hoàn thành, đang học hay đã lên kế hoạch."
)
today = data.today()
needs = data.query("training_summary", scope, on=today)
if needs.empty:
    st.success("Không có khoảng trống nào cần đào tạo, bồi dưỡng trong phạm vi đang xem.")
else:
    coloured_table(  # labels of analytics.labels, as the meeting file's sheet
        needs,
        ["course", "needed", "not_registered", "planned", "ongoing", "done", "legal_source"],
        key="ke_hoach_ns_training",
        file_name="nhu_cau_dao_tao.csv",
        static=True,
    )


def _record_training_export() -> None:
    account = auth.current_account()
    if account is not None:
        audit.record(
            data.store(), account.username, account.role, "export",
            detail=f"ke_hoach_dao_tao_boi_duong ({scope.describe()})",
            address=auth.client_address(),
        )  # fmt: skip


if scope.can(Action.EXPORT):
    st.download_button(
        "Tải kế hoạch đào tạo, bồi dưỡng (Excel)",
        data=lambda: training_plan_bytes(data.store(), scope, on=today),
        file_name=f"ke_hoach_dao_tao_boi_duong_{today:%Y-%m-%d}.xlsx",
        mime=MIME,
        key="ke_hoach_ns_training_plan",
        icon=":material/download:",
        on_click=_record_training_export,
        help="Theo mẫu gửi cấp trên: nhóm theo khóa học, có lý do và căn cứ; khổ A4 ngang.",
    )
