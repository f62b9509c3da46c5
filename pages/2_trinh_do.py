"""Trình độ đội ngũ: the six qualification dimensions by unit, age band, gender and party, and
the official composition table (BM02/BNV). Every count opens the list of its people."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from pandas.io.formats.style import Styler

from analytics import privacy, queries
from analytics.charts import qualifications as charts
from analytics.charts.base import date_vn, percent
from analytics.labels import number_vn
from analytics.policy import Action
from analytics.queries import DIMENSIONS
from ui import data, paging
from ui.export import export_view_buttons
from ui.filters import current_scope
from ui.text import plain
from ui.widgets import NO_DATA_MESSAGE, csv_bytes, empty_state, people_list, selectable_chart

scope = current_scope()
st.title("Trình độ đội ngũ")
export_view_buttons(scope, "trinh-do")
summary = data.query("qualification_summary", scope)

if summary.total == 0:
    filtered = scope.wards or scope.units or scope.fields or scope.genders or scope.age_bands
    if filtered or scope.sensitive_only or scope.role == "unit_head":
        empty_state(
            "Không có cán bộ, công chức nào trong phạm vi đang lọc. Hãy bỏ bớt bộ lọc ở thanh bên."
        )
    else:
        empty_state(NO_DATA_MESSAGE)
    st.stop()

st.caption(
    f"Số liệu tính đến ngày **{date_vn(summary.as_of)}** · {summary.text('total')} người · phạm vi: {plain(scope.describe())}"
)
if not scope.can_see_people:
    st.info("Vai trò người xem chỉ xem số liệu tổng hợp: không mở được danh sách người.")

# ---------------------------------------------------------------- summary row
# A figure of fewer than small_cell_threshold people reads "< 3" for a viewer (analytics.privacy).
k = summary.threshold
cells = [*st.columns(3), *st.columns(3)]
for cell, row in zip(cells, summary.shares.itertuples(), strict=False):
    people = privacy.count_text(row.people, privacy.is_hidden(row, "people"), k)
    no_data = privacy.count_text(row.no_data, privacy.is_hidden(row, "no_data"), k)
    with cell.container(border=True):
        st.metric(
            row.label, privacy.share_text(privacy.is_hidden(row, "share"), k) or percent(row.share)
        )
        st.caption(f"{people}/{summary.text('total')} người · chưa cập nhật: {no_data}")
with cells[5].container(border=True):
    st.metric(
        "Thiếu thông tin trình độ",
        f"{summary.text('incomplete')} người",
        help="Số người thiếu ít nhất một trong sáu chỉ tiêu: chuyên môn, chuyên ngành, LLCT, QLNN, tin học, ngoại ngữ.",
    )
    incomplete_hidden = bool({"total", "incomplete"} & summary.hidden)
    incomplete_share = (
        privacy.share_text(True, k)
        if incomplete_hidden
        else percent((summary.incomplete or 0) / (summary.total or 1))
    )
    st.caption(f"{incomplete_share} tổng số · cần bổ sung")
    if scope.can(Action.VIEW_IMPORT_HISTORY) and scope.can_see_people:
        # the list of exactly these people: Dữ liệu → Chất lượng dữ liệu, its first choice
        st.page_link(
            "pages/6_du_lieu.py",
            label="Xem danh sách (trang Dữ liệu)",
            icon=":material/arrow_forward:",
        )

# ---------------------------------------------------------------- distribution
st.subheader("Cơ cấu theo từng chỉ tiêu")
left, middle, right = st.columns([3, 3, 2])
dimension = left.selectbox(
    "Chỉ tiêu",
    queries.QUALIFICATION_DIMENSIONS,
    key="qual_dimension",
    format_func=lambda d: DIMENSIONS[d][0],
)
by = middle.selectbox(
    "Chia theo",
    [None, *queries.BREAKDOWNS],
    key="qual_by",
    format_func=lambda b: (
        "Không chia"
        if b is None
        else ("Đảng viên / quần chúng" if b == "party" else DIMENSIONS[b][0])
    ),
)
scale = right.radio(
    "Hiển thị", ["Số người", "Tỷ lệ (%)"], key="qual_scale", horizontal=True, disabled=by is None
)

counts = data.query("distribution", scope, dimension, by)
fig = charts.distribution_chart(
    counts, dimension, by, shares=by is not None and scale == "Tỷ lệ (%)"
)
options = charts.pick_options(counts)

if scope.can_see_people:
    chart_key = f"qual_chart_{dimension}_{by or 'none'}"
    picked = [p for p in map(charts.point_pick, selectable_chart(fig, key=chart_key)) if p]
    # A new click wins over the list below; the list stays the keyboard way in.
    if st.session_state.get("_qual_seen") != (chart_key, picked):
        st.session_state["_qual_seen"] = (chart_key, picked)
        if picked:
            st.session_state["qual_pick"] = charts.pick_label(*picked[0])
    if st.session_state.get("qual_pick") not in options:
        st.session_state["qual_pick"] = None
    pick = st.selectbox(
        "Xem danh sách",
        list(options),
        index=None,
        key="qual_pick",
        placeholder="Bấm vào một cột của biểu đồ hoặc chọn ở đây",
        format_func=lambda o: f"{o}: {options[o][2]} người",
    )
    if pick:
        category, group, _ = options[pick]
        where = {dimension: category, **({by: group} if by else {})}
        people, size, every = paging.query_page("people", scope, where, key="qual_people_list")
        people_list(
            people,
            f"{DIMENSIONS[dimension][0]}: {pick}",
            key="qual_people",
            scope=scope,
            columns=charts.people_columns(dimension, by),
            total=size.rows,
            full=every,
        )
else:
    st.plotly_chart(fig, key=f"qual_chart_{dimension}_{by or 'none'}")

with st.expander("Bảng số liệu của biểu đồ"):
    table = charts.counts_table(counts, dimension, by)
    height = 38 + 35 * len(table)  # every row visible: at most a dozen categories
    st.dataframe(table, hide_index=True, width="stretch", height=height, key="qual_counts_table")
    st.download_button(
        "Tải CSV",
        csv_bytes(table),
        file_name=f"co_cau_{dimension}.csv",
        mime="text/csv",
        key="qual_counts_csv",
    )

# ---------------------------------------------------------------- BM02
st.subheader("Bảng thống kê số lượng, chất lượng cán bộ, công chức (mẫu BM02/BNV)")
st.caption(
    "Theo mẫu BM02 của Thông tư 11/2012/TT-BNV và các thông tư sửa đổi. Cột “Chưa cập nhật” đếm người chưa có "
    "dữ liệu của nhóm cột đó; người “Chưa qua đào tạo”, “Chưa có” không thuộc cột nào của mẫu. "
    "Ngạch: CVCC chuyên viên cao cấp (01.001), CVC chuyên viên chính (01.002), CV chuyên viên (01.003), "
    "NV nhân viên (01.005)." + (" Bấm vào một ô để xem danh sách." if scope.can_see_people else "")
)
report = data.query("composition_report", scope)
shown, columns_back = charts.composition_display(report)


def _paint(part: pd.DataFrame) -> Styler:
    """Zeros faint, the total row shaded, counts with the Vietnamese thousands mark."""
    return (
        part.style.map(lambda v: "color: #b8b8b8" if v in (0, "0") else "")
        .apply(
            lambda row: [
                "background-color: #eef3f8; font-weight: bold"
                if row.name == queries.COMPOSITION_TOTAL
                else ""
                for _ in row
            ],
            axis=1,
        )
        .format(lambda v: number_vn(v) if isinstance(v, int | float) and v == v else v)
    )


# The form's ~40 columns do not fit a screen: one table per column group, each without a
# sideways scrollbar at 1366 px; a click in any of them opens the people of that cell.
events = []
for i, part in enumerate(charts.composition_parts(shown)):
    events.append(
        st.dataframe(
            _paint(part),
            key=f"comp_table_{i}",
            width="stretch",
            height=35 * (len(part) + 2) + 3,  # every unit, the two header rows
            on_select="rerun" if scope.can_see_people else "ignore",
            selection_mode="single-cell",
        )
    )
st.download_button(
    "Tải CSV bảng thống kê",
    csv_bytes(charts.composition_flat(report)),
    file_name="bm02_thong_ke_chat_luong_cbcc.csv",
    mime="text/csv",
    key="comp_csv",
)

if scope.can_see_people:
    units = list(report.index)
    columns = {charts.pick_label(g, lbl): (g, lbl) for g, lbl in report.columns}
    for i, event in enumerate(events):  # the table clicked last wins
        clicked = [
            (units[row], columns_back[name])
            for row, name in (event.selection.get("cells", []) if event else [])
            if row < len(units) and name in columns_back
        ]
        if st.session_state.get(f"_comp_seen_{i}") != clicked:
            st.session_state[f"_comp_seen_{i}"] = clicked
            if clicked:
                unit, (group, label) = clicked[0]
                st.session_state["comp_unit"] = unit
                st.session_state["comp_column"] = charts.pick_label(group, label)
    if st.session_state.get("comp_unit") not in units:
        st.session_state["comp_unit"] = None
    if st.session_state.get("comp_column") not in columns:
        st.session_state["comp_column"] = None
    c1, c2 = st.columns(2)
    unit = c1.selectbox(
        "Xem danh sách: dòng", units, index=None, key="comp_unit", placeholder="Chọn đơn vị"
    )
    column = c2.selectbox(
        "Cột", list(columns), index=None, key="comp_column", placeholder="Chọn cột"
    )
    if unit and column:
        group, label = columns[column]
        people, size, every = paging.query_page(
            "composition_people", scope, unit, group, label, key="comp_people_list"
        )
        people_list(
            people,
            f"{unit} · {column}",
            key="comp_people",
            scope=scope,
            columns=charts.composition_people_columns(group),
            total=size.rows,
            full=every,
        )
