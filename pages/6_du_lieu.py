"""Dữ liệu: import files (checked before anything is written), the data-quality report, the
import history with the accepted originals, and blank templates to fill."""

from __future__ import annotations

import streamlit as st

from analytics import queries
from analytics.charts.quality import problem_bars
from analytics.policy import Action
from analytics.templates import DESCRIPTIONS, FILE_NAMES, KINDS
from ui import auth, data, upload
from ui.filters import current_scope
from ui.text import plain
from ui.widgets import audited_download, empty_state, selectable_chart, table

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

scope = current_scope()
st.title("Dữ liệu")
scope.require(Action.VIEW_IMPORT_HISTORY)  # the navigation offers this screen to no one else
store = data.store()
st.caption(
    "Nhập danh sách cán bộ, công chức, kết quả đánh giá, kế hoạch và báo cáo tiến độ; kiểm tra "
    f"chất lượng dữ liệu; tải mẫu tệp trống. Phạm vi: {plain(scope.describe())}"
)
tab_import, tab_quality, tab_history, tab_templates = st.tabs(
    ["Nhập tệp", "Chất lượng dữ liệu", "Lịch sử nhập", "Mẫu tệp trống"]
)

# ------------------------------------------------------------------ import
with tab_import:
    upload.upload_section(store, scope, auth.current_account())

# ------------------------------------------------------------------ data quality
with tab_quality:
    unmatched = data.query("unmatched_evaluations", scope)
    if data.query("latest_roster_size", scope) == 0:
        empty_state(
            "Chưa có danh sách cán bộ, công chức trong phạm vi đang xem: nhập tệp danh sách ở thẻ "
            "**Nhập tệp** (mẫu ở thẻ **Mẫu tệp trống**)."
        )
    else:
        problems = data.query("data_quality", scope)
        summary = data.query("data_quality_summary", scope)
        c1, c2, c3 = st.columns(3)
        c1.metric("Số người có vấn đề dữ liệu", problems["staff_id"].nunique(), border=True)
        c2.metric("Số vấn đề phát hiện", len(problems), border=True)
        c3.metric("Dòng đánh giá chưa ghép được người", len(unmatched), border=True)
        st.caption(
            "Kiểm tra danh sách mới nhất: thiếu thông tin (xám), kết hợp không hợp lý (đỏ), trùng "
            "lặp (cam). Sửa trong tệp gốc rồi nhập lại."
        )
        picked = selectable_chart(problem_bars(summary), key="data_quality_chart")
        # The people Trình độ counts as "Thiếu thông tin trình độ", as one more choice
        incomplete = queries.missing_qualification_people(problems)
        if not summary.empty:
            counts = dict(zip(summary["problem"], summary["people"], strict=True))
            if not incomplete.empty:
                counts = {queries.ANY_QUALIFICATION_MISSING: len(incomplete), **counts}
            choice = st.selectbox(
                "Xem danh sách — bấm vào một thanh của biểu đồ, hoặc chọn:",
                list(counts),
                key="data_quality_pick",
                format_func=lambda p: f"{p} ({counts[p]} người)",
            )
            if picked and picked[0].get("customdata"):
                choice = picked[0]["customdata"][0]
            chosen = (
                incomplete
                if choice == queries.ANY_QUALIFICATION_MISSING
                else problems[problems["problem"] == choice]
            )
            st.markdown(f"**{plain(choice)}** — {chosen['staff_id'].nunique()} người")
            table(
                chosen,
                ["full_name", "unit", "ward", "file_name", "source_row"],
                key="data_quality_people",
                file_name="van_de_du_lieu.csv",
            )
            with st.expander(f"Tất cả vấn đề ({len(problems)})"):
                table(
                    problems,
                    ["problem_group", "problem", "full_name", "unit", "file_name", "source_row"],
                    key="data_quality_all",
                    file_name="tat_ca_van_de_du_lieu.csv",
                )

    st.subheader("Dòng đánh giá chưa ghép được với người trong danh sách")
    if unmatched.empty:
        st.caption("Mọi dòng của các tệp đánh giá đã nhập đều đã ghép được với một người.")
    else:
        st.caption(
            "Các dòng này được lưu nhưng không tính cho ai: thêm mã CBCC hoặc ngày sinh vào tệp "
            "đánh giá (hoặc sửa họ tên cho khớp danh sách) rồi nhập lại."
        )
        table(
            unmatched,
            [
                "year",
                "full_name",
                "birth_date",
                "birth_year",
                "unit",
                "reason",
                "file_name",
                "source_row",
            ],
            key="data_unmatched",
            file_name="danh_gia_chua_ghep.csv",
        )

# ------------------------------------------------------------------ history
with tab_history:
    history = queries.import_history(store, scope)
    if history.empty:
        empty_state("Chưa nhập tệp nào. Nhập tệp ở thẻ **Nhập tệp**.")
    else:
        st.caption("Mỗi lần nhập thành công, mới nhất trước; tệp gốc được lưu nguyên vẹn.")
        table(upload.history_frame(history), None, key="data_history", file_name="lich_su_nhap.csv")
        names = dict(zip(history["import_id"], history["file_name"], strict=True))
        pick = st.selectbox(
            "Chọn một lần nhập",
            list(names),
            key=upload.HISTORY_PICK,
            format_func=lambda i: f"Lần nhập số {i}: {names[i]}",
        )
        if scope.can(Action.DOWNLOAD_ORIGINAL):
            original = queries.import_original(store, scope, int(pick))
            if original is not None:
                audited_download(
                    "Tải tệp gốc",
                    original[1],
                    file_name=original[0],
                    key="data_original_download",
                    action="download_original",
                    detail=f"Lần nhập số {pick}: {original[0]}",
                )
        else:
            st.caption(
                "Tệp gốc chứa dữ liệu của cả phường: chỉ lãnh đạo và cán bộ tổ chức được tải."
            )
        if scope.can(Action.UNDO_IMPORT):
            upload.undo_section(store, history, int(pick))
        warnings = queries.import_warnings(store, scope, int(pick))
        with st.expander(f"Cảnh báo của lần nhập này ({len(warnings.shown)})"):
            if warnings.shown:
                st.markdown(upload.bullet_list(warnings.shown))
            else:
                st.caption("Không có cảnh báo.")
            if warnings.hidden:
                st.caption(
                    f"{warnings.hidden} cảnh báo khác nói về người của đơn vị khác hoặc cả tệp: "
                    "trưởng đơn vị chỉ xem cảnh báo về đơn vị mình."
                )

# ------------------------------------------------------------------ templates
with tab_templates:
    wards = scope.effective().wards or tuple(queries.filter_options(store, scope)["wards"])
    ward = wards[0] if len(wards) == 1 else None
    st.caption(
        "Mẫu trống theo bố cục báo cáo chính thức (khối tiêu đề, dòng tiêu đề cột, dòng đánh số). "
        "Trang thứ hai 'Hướng dẫn' giải thích từng cột và các cách ghi được chấp nhận."
        + (f" Tên {plain(ward)} đã được điền sẵn." if ward else "")
    )
    columns = st.columns(len(KINDS))
    for column, kind in zip(columns, KINDS, strict=True):
        name, content = upload.template(kind, ward)
        with column:
            st.markdown(f"**{upload.kind_label(kind)}**")
            st.caption(DESCRIPTIONS[kind])
            st.download_button(
                "Tải mẫu trống",
                content,
                file_name=FILE_NAMES[kind],
                mime=XLSX_MIME,
                key=f"data_template_{kind}",
                icon=":material/download:",
            )
