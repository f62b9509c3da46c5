"""Bố trí theo tiêu chuẩn: every person checked against the standards of their post and field,
the gaps with their reasons, and the standards frame the HR officer keeps (with its history)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from analytics import categories as cat
from analytics import queries
from analytics.charts import placements as charts
from analytics.charts.base import date_vn
from analytics.labels import number_vn
from analytics.policy import Action, PermissionDenied
from analytics.scope import ROLE_LABELS
from ui import auth, data, paging
from ui.export import export_view_buttons
from ui.filters import SENSITIVE_KEY, current_scope
from ui.styled_tables import coloured_table
from ui.text import plain
from ui.widgets import NO_DATA_MESSAGE, csv_download, empty_state, selectable_chart

# The reason comes early so it is visible without scrolling sideways.
GAP_COLUMNS = [
    "full_name",
    "field",
    "criterion_label",
    "result",
    "reason",
    "required",
    "actual",
    "legal_source",
    "unit",
    "position",
]
STANDARD_COLUMNS = [
    "standard_id",
    "criterion_label",
    "applies_to",
    "target",
    "required",
    "legal_source",
    "note",
    "active",
    "updated_at",
    "updated_by",
]
NEW = 0  # the "add a standard" choice of the editor's picker
BY_LABELS = {"field": "Lĩnh vực", "unit": "Đơn vị"}

scope = current_scope()
store = data.store()
st.title("Bố trí cán bộ, công chức theo tiêu chuẩn")
export_view_buttons(scope, "bo-tri")


# ------------------------------------------------------------------ page shortcut of the filter
def _sync_sensitive() -> None:
    """The page switch writes the sidebar's state: one filter, two places to flip it."""
    st.session_state[SENSITIVE_KEY] = st.session_state["bo_tri_sensitive"]


st.session_state["bo_tri_sensitive"] = bool(st.session_state.get(SENSITIVE_KEY))
st.toggle(
    f"Chỉ lĩnh vực nhạy cảm ({charts.SENSITIVE_MARK})",
    key="bo_tri_sensitive",
    on_change=_sync_sensitive,
    help="Cùng công tắc với “Chỉ lĩnh vực nhạy cảm” ở thanh bên: đất đai, xây dựng, kế toán, "
    "CNTT, giáo dục, y tế, dân tộc, tôn giáo, khiếu nại – tố cáo… (bảng lĩnh vực).",
)

results_tab, standards_tab = st.tabs(["Kết quả đối chiếu", "Khung tiêu chuẩn"])


# ------------------------------------------------------------------ results
def show_gaps(
    title: str,
    by: str | None = None,
    group: str | None = None,
    result: str | None = None,
    *,
    key: str,
    file_name: str,
) -> None:
    """The gaps of ``queries.gap_details(by, group, result)``, one page at a time."""
    size = data.query("gap_details_size", scope, by, group, result)
    st.markdown(
        f"**{plain(title)}** — {number_vn(size.people or 0)} người, "
        f"{number_vn(size.rows)} nội dung chưa đạt"
    )
    if size.rows == 0:
        st.caption("Không có ai.")
        return
    frame, _, full = paging.query_page("gap_details", scope, by, group, result, key=key)
    coloured_table(  # a table whose reasons and sources wrap: read in full, nothing cut
        frame.fillna({"actual": "—"}),
        GAP_COLUMNS,
        key=key,
        file_name=file_name,
        static=True,
        full=lambda: full().fillna({"actual": "—"}),
    )


def results() -> None:
    summary = data.query("placement_summary", scope)
    if summary.checked == 0:
        unfiltered = auth.signed_in().scope()  # the account's own reach, no filter
        whole = data.query("placement_summary", unfiltered)
        if whole.checked == 0:
            empty_state(NO_DATA_MESSAGE)
        else:
            empty_state("Không có ai trong phạm vi đang lọc. Bỏ bớt bộ lọc ở thanh bên.")
        return

    st.caption(
        f"Đối chiếu danh sách tính đến ngày **{date_vn(summary.as_of)}** với khung tiêu chuẩn "
        f"(thẻ “Khung tiêu chuẩn”) · phạm vi: {plain(scope.describe())}"
    )
    # A figure of fewer than small_cell_threshold people reads "< 3" for a viewer (summary.text).
    c1, c2, c3, c4 = st.columns(4)
    c1.metric("Số người đã đối chiếu", summary.text("checked"), border=True)
    c2.metric(
        "Chưa đạt tiêu chuẩn",
        summary.text("below_standard"),
        border=True,
        help="Số người có ít nhất một tiêu chí chưa đạt hoặc thiếu chứng chỉ bắt buộc "
        "(không tính “chưa có dữ liệu”).",
    )
    c3.metric("Trong đó ở lĩnh vực nhạy cảm", summary.text("below_standard_sensitive"), border=True)
    c4.metric(
        "Chưa có dữ liệu để đối chiếu",
        summary.text("no_data"),
        border=True,
        help="Số người thiếu thông tin (trình độ, chuyên ngành, LLCT, QLNN) cần để đối chiếu: "
        "cần bổ sung hồ sơ, không phải là chưa đạt.",
    )

    counts = {by: data.query("gap_counts", scope, by) for by in BY_LABELS}
    left, right = st.columns(2)
    with left:
        field_points = selectable_chart(
            charts.gap_bars(counts["field"], "field"), key="bo_tri_by_field"
        )
    with right:
        unit_points = selectable_chart(
            charts.gap_bars(counts["unit"], "unit"), key="bo_tri_by_unit"
        )
    st.caption(
        f"{charts.SENSITIVE_MARK} lĩnh vực nhạy cảm. Mỗi người được tính một lần, theo mức nặng "
        "nhất: chưa đạt (đỏ), thiếu chứng chỉ (cam), chưa có dữ liệu (xám)."
    )

    if not scope.can_see_people:
        st.info("Vai trò người xem chỉ xem số liệu tổng hợp, không xem danh sách từng người.")
        return

    # Every count leads to its people: a clicked bar, or the picker below.
    clicked = None
    for by, points in (("field", field_points), ("unit", unit_points)):
        if points and points[0].get("customdata"):
            group, result = points[0]["customdata"][:2]
            clicked = (by, str(group), str(result))
    groups = {
        f"{BY_LABELS[by]}: {g}": (by, g)
        for by in BY_LABELS
        for g in dict.fromkeys(counts[by]["group"])
    }
    if clicked:
        by, group, result = clicked
        title = f"{BY_LABELS[by]} {group} — {charts.RESULT_LABELS[result].lower()}"
        show_gaps(
            title, by, group, result, key="bo_tri_clicked", file_name="danh_sach_chua_dat.csv"
        )
        st.caption("Bấm lại vào cột hoặc bấm đúp vào biểu đồ để bỏ chọn.")
    elif groups:
        choice = st.selectbox(
            "Xem danh sách",
            [None, *groups],
            key="bo_tri_group",
            format_func=lambda g: "— Bấm vào một cột, hoặc chọn ở đây —" if g is None else g,
        )
        if choice:
            by, group = groups[choice]
            show_gaps(choice, by, group, key="bo_tri_picked", file_name="danh_sach_chua_dat.csv")

    st.subheader("Ma trận đối chiếu: người × tiêu chí")
    show_all = st.checkbox("Hiện cả người đạt mọi tiêu chí", key="bo_tri_show_all")
    size = data.query("placement_matrix_size", scope, show_all)
    if size.rows == 0:
        st.success("Mọi người trong phạm vi đang xem đều đạt các tiêu chí đang áp dụng.")
    else:
        st.caption(
            "Xếp người nặng nhất lên đầu; lĩnh vực nhạy cảm tô vàng. Ô đỏ: chưa đạt · cam: thiếu "
            "chứng chỉ · xám: chưa có dữ liệu · xanh: đạt · “—”: tiêu chí không áp dụng."
        )
        # one page fetched, styled and sent; the CSV loads the whole matrix when clicked
        page, _, full = paging.query_page("placement_matrix", scope, show_all, key="bo_tri_matrix")
        shown = charts.matrix_frame(page)
        # A wrapping table: every criterion in view beside long unit names at 1366 px; the
        # cells are escaped (st.table reads markdown), the colours follow the results.
        st.table(charts.matrix_styler(shown.map(plain)), hide_index=True)
        csv_download(
            lambda: charts.matrix_frame(full()),
            columns=list(shown.columns),
            file_name="ma_tran_doi_chieu.csv",
            key="bo_tri_matrix_csv",
            label="Tải CSV ma trận",
        )

    st.subheader("Lý do từng trường hợp")
    show_gaps(
        "Danh sách chưa đạt, kèm lý do và căn cứ",
        key="bo_tri_reasons",
        file_name="ly_do_chua_dat.csv",
    )


with results_tab:
    results()


# ------------------------------------------------------------------ standards frame
def _load_editor(row: dict[str, Any] | None) -> None:
    """Put the picked standard (or an empty new one) into the editor's widgets."""
    state = st.session_state
    if row is None:
        state["std_criterion"] = "major"
        state["std_applies"] = "field"
        state["std_target"] = None
        state["std_required"] = ""
        state["std_level"] = None
        state["std_source"] = ""
        state["std_note"] = ""
        state["std_active"] = True
        return
    levels = cat.LEVEL_RANKS.get(row["criterion"])
    state["std_required"] = "" if levels else row["required"]
    state["std_level"] = row["required"] if levels and row["required"] in levels else None
    state["std_source"] = row["legal_source"] or ""
    state["std_note"] = "" if pd.isna(row["note"]) else row["note"]
    state["std_active"] = bool(row["active"])


def _criterion_changed() -> None:
    st.session_state["std_level"] = None
    st.session_state["std_required"] = ""


def _required_input(criterion: str) -> str | None:
    levels = cat.LEVEL_RANKS.get(criterion)
    if levels:
        return st.selectbox(
            "Yêu cầu tối thiểu (mức trở lên)",
            list(levels),
            key="std_level",
            index=None,
            placeholder="Chọn mức",
        )
    hint = (
        "Các nhóm ngành phù hợp, cách nhau bởi dấu chấm phẩy, ví dụ: Kế toán; Kiểm toán; Tài chính"
        if criterion == "major"
        else "Tên chứng chỉ bắt buộc, ví dụ: Kế toán trưởng"
    )
    return st.text_input("Yêu cầu", key="std_required", help=hint)


def editor(frame: pd.DataFrame) -> None:
    state = st.session_state
    if "_std_pick_next" in state:
        state["std_pick"] = state.pop("_std_pick_next")
    if "_std_flash" in state:
        st.success(state.pop("_std_flash"))
    rows = {int(r["standard_id"]): r for r in frame.to_dict("records")}
    pick = st.selectbox(
        "Chọn tiêu chuẩn để sửa, hoặc thêm mới",
        [NEW, *rows],
        key="std_pick",
        format_func=lambda i: (
            "+ Thêm tiêu chuẩn mới"
            if i == NEW
            else f"Số {i}: {queries.describe_standard(rows[i])}"
            + ("" if rows[i]["active"] else " (ngừng áp dụng)")
        ),
    )
    row = rows.get(pick)
    if state.get("_std_loaded") != pick:
        _load_editor(row)
        state["_std_loaded"] = pick

    values: dict[str, Any] = {}
    if row is None:
        targets = queries.standard_targets(store)
        a, b, c = st.columns(3)
        criterion = a.selectbox(
            "Tiêu chí",
            list(cat.CRITERIA),
            key="std_criterion",
            format_func=cat.CRITERIA.get,
            on_change=_criterion_changed,
        )
        applies_to = b.selectbox(
            "Áp dụng cho",
            list(queries.APPLIES_TO),
            key="std_applies",
            format_func=queries.APPLIES_TO.get,
        )
        target = None
        if applies_to in ("field", "position"):
            target = c.selectbox(
                "Lĩnh vực" if applies_to == "field" else "Chức vụ",
                targets[applies_to],
                key="std_target",
                index=None,
                accept_new_options=True,
                placeholder="Chọn hoặc gõ tên",
            )
        values.update(criterion=criterion, applies_to=applies_to, target=target)
    else:
        criterion = row["criterion"]
        applies = queries.APPLIES_TO.get(row["applies_to"], row["applies_to"])
        st.markdown(f"**{plain(queries.describe_standard(row))}** — áp dụng: {plain(applies)}")
        values["standard_id"] = pick
    values["required"] = _required_input(criterion) or ""
    values["legal_source"] = st.text_input(
        "Căn cứ pháp lý", key="std_source", help="Văn bản quy định tiêu chuẩn này (bắt buộc)."
    )
    values["note"] = st.text_input("Ghi chú", key="std_note")
    if row is not None:
        values["active"] = st.checkbox("Đang áp dụng", key="std_active")
    who = st.text_input(
        "Người sửa (họ và tên)",
        key="std_by",
        help="Ghi vào lịch sử thay đổi; để trống thì ghi tên tài khoản đang đăng nhập.",
    )

    if st.button(
        "Lưu thay đổi" if row is not None else "Thêm tiêu chuẩn", key="std_save", type="primary"
    ):
        if row is not None and all(
            str(values[k] or "") == ("" if pd.isna(row[k]) else str(row[k]))
            for k in ("required", "legal_source", "note", "active")
        ):
            st.info("Không có thay đổi nào để lưu.")
            return
        try:
            saved = queries.save_standard(
                store, values, who or auth.account_name(), actor=auth.signed_in(),
                address=auth.client_address(),
            )  # fmt: skip
        except (ValueError, PermissionDenied) as error:
            st.error(plain(error))
            return
        data.clear()  # every screen shows the new results at once
        state["_std_loaded"] = None
        state["_std_pick_next"] = saved
        state["_std_flash"] = (
            f"Đã lưu tiêu chuẩn số {saved}. Kết quả đối chiếu đã được tính lại theo khung mới."
        )
        st.rerun()


def standards_frame() -> None:
    frame = queries.standards(store)
    st.caption(
        "Mỗi tiêu chuẩn ghi rõ căn cứ pháp lý. Dòng ghi “chưa kiểm chứng” là giá trị mặc định cần "
        "cán bộ phụ trách nhân sự đối chiếu với văn bản gốc. Sửa ở đây thì kết quả đối chiếu đổi ngay."
    )
    shown = frame.assign(applies_to=frame["applies_to"].map(queries.APPLIES_TO))
    shown["active"] = shown["active"].map({True: "Có", False: "Không"})
    shown = shown.fillna({"target": "—", "note": ""})
    coloured_table(  # "Áp dụng cho", "Ghi chú", "Căn cứ" wrap
        shown,
        STANDARD_COLUMNS,
        key="bo_tri_standards",
        file_name="khung_tieu_chuan.csv",
        static=True,
    )

    if scope.can(Action.EDIT_STANDARDS) and scope.role_ward is None:
        with st.expander("Sửa hoặc thêm tiêu chuẩn", expanded=True):
            editor(frame)
    else:
        st.info(
            f"Vai trò “{ROLE_LABELS[scope.role]}” chỉ xem khung tiêu chuẩn. Cán bộ tổ chức cấp "
            "thành phố (tài khoản không gắn với một phường) mới được sửa: khung dùng chung."
        )

    st.subheader("Lịch sử thay đổi")
    history = queries.standards_changes(store)
    if history.empty:
        st.caption("Chưa có thay đổi nào so với khung mặc định.")
        return
    history["changed_at"] = [f"{t:%d/%m/%Y %H:%M}" for t in pd.to_datetime(history["changed_at"])]
    coloured_table(  # the changes wrap
        history,
        ["changed_at", "changed_by", "action", "standard_id", "standard", "changes"],
        key="bo_tri_history",
        file_name="lich_su_khung_tieu_chuan.csv",
        static=True,
    )


with standards_tab:
    standards_frame()
