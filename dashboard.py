"""Entry point: page config, navigation (pages chosen by role) and the shared sidebar. No queries."""

from __future__ import annotations

import streamlit as st

from ui.filters import sidebar

st.set_page_config(
    page_title="Chất lượng đội ngũ CBCC", page_icon=":material/groups:", layout="wide"
)

scope = sidebar()
st.session_state["scope"] = scope

PAGES = [
    st.Page(
        "pages/1_tong_quan.py",
        title="Tổng quan",
        icon=":material/home:",
        url_path="tong-quan",
        default=True,
    ),
    st.Page(
        "pages/2_trinh_do.py",
        title="Trình độ đội ngũ",
        icon=":material/school:",
        url_path="trinh-do",
    ),
    st.Page(
        "pages/3_bo_tri.py",
        title="Bố trí theo tiêu chuẩn",
        icon=":material/rule:",
        url_path="bo-tri",
    ),
    st.Page(
        "pages/4_danh_gia.py",
        title="Đánh giá, xếp loại",
        icon=":material/grade:",
        url_path="danh-gia",
    ),
    st.Page(
        "pages/5_ke_hoach.py",
        title="Tiến độ kế hoạch",
        icon=":material/event_note:",
        url_path="ke-hoach",
    ),
    st.Page(
        "pages/6_du_lieu.py", title="Dữ liệu", icon=":material/upload_file:", url_path="du-lieu"
    ),
    st.Page(
        "pages/7_bao_cao.py",
        title="Báo cáo họp",
        icon=":material/picture_as_pdf:",
        url_path="bao-cao",
    ),
]
# Viewers see aggregates only: the data screen (uploads, people-level quality report) is not theirs.
pages = [p for p in PAGES if not (scope.role == "viewer" and p.url_path == "du-lieu")]
st.navigation(pages).run()
