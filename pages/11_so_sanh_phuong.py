"""So sánh phường: one row per ward in the reader's scope (head count, norm, quota, quality,
grades, plan), a chart of head count against the norm, links to each ward's overview and the
city workbook."""

from __future__ import annotations

import streamlit as st

from analytics.charts.compare import head_count_against_norm
from analytics.export.city_workbook import (
    COMPARE_GROUPS,
    COMPARE_LABELS,
    MIME,
    city_workbook_bytes,
)
from analytics.filters import WARDS
from ui import data
from ui.export import export_view_buttons
from ui.filters import current_scope
from ui.widgets import NO_DATA_MESSAGE, empty_state

scope = current_scope()
st.title("So sánh phường, xã")
st.caption(f"Phạm vi: {scope.describe()}")
frame = data.query("ward_comparison", scope, data.today())
if frame.empty:
    empty_state(NO_DATA_MESSAGE)
    st.stop()
export_view_buttons(scope, "so-sanh-phuong")

shown = frame.copy()
for column in ("university_share", "political_theory_share"):
    # whole percent: "67", never "66.7" with an English dot (sprintf has no decimal comma)
    shown[column] = (shown[column].astype(float) * 100).round(0)
config = {
    c: st.column_config.NumberColumn(COMPARE_LABELS[c], format="localized")
    for c in COMPARE_LABELS
    if c not in ("ward", "as_of", "university_share", "political_theory_share", "evaluation_year")
}
config |= {
    "ward": st.column_config.TextColumn(COMPARE_LABELS["ward"]),
    "as_of": st.column_config.DateColumn(COMPARE_LABELS["as_of"], format="DD/MM/YYYY"),
    "university_share": st.column_config.NumberColumn(
        COMPARE_LABELS["university_share"], format="%d"
    ),
    "political_theory_share": st.column_config.NumberColumn(
        COMPARE_LABELS["political_theory_share"], format="%d"
    ),
    "evaluation_year": st.column_config.NumberColumn(
        COMPARE_LABELS["evaluation_year"], format="%d"
    ),
}
# Seventeen columns do not fit the meeting room's 1366 px (a column behind a scrollbar is
# missed): three tables, each led by the ward, sortable on its own.
for key, title, group in COMPARE_GROUPS:
    st.markdown(f"**{title}**")
    st.dataframe(
        shown[["ward", *group]],
        hide_index=True,
        key=key,
        column_config={c: config[c] for c in ("ward", *group)},
        placeholder="—",  # a missing figure, never the word "None" (as ui.styled_tables)
    )
st.caption(
    "Ô “—”: chưa có số liệu, không phải 0 (định mức, biên chế khi chưa có hồ sơ phường; nhiệm vụ "
    "khi phường chưa nhập kế hoạch; số người nhỏ được ẩn với vai trò người xem)."
)
st.plotly_chart(head_count_against_norm(frame), key="compare_chart")

st.subheader("Xem từng phường, xã")
columns = st.columns(3)
for i, ward in enumerate(frame["ward"]):
    with columns[i % 3]:
        st.page_link("pages/1_tong_quan.py", label=str(ward), query_params={WARDS.param: str(ward)})

st.download_button(
    "Tải sổ thống kê của thành phố (Excel)",
    data=city_workbook_bytes(data.store(), scope, data.today()),
    file_name="thong-ke-theo-phuong.xlsx",
    mime=MIME,
    key="compare_download",
)
