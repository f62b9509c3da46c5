"""Báo cáo họp: the whole dashboard as files for a meeting, the archive, and two snapshots compared."""

from __future__ import annotations

import streamlit as st

from ui.export import archive_panel, export_dashboard_buttons
from ui.filters import current_scope
from ui.text import plain

scope = current_scope()
st.title("Báo cáo cho cuộc họp")
st.caption(
    "Xuất toàn bộ bảng điều khiển theo bộ lọc đang chọn: Excel (gửi Sở Nội vụ), PDF (đọc tại cuộc họp), "
    f"ảnh biểu đồ và CSV. Phạm vi: {plain(scope.describe())}."
)
export_dashboard_buttons(scope)
st.divider()
archive_panel(scope)
