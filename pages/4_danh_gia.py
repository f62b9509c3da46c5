"""Đánh giá, xếp loại: grade mix and trend, monthly/quarterly scores per unit and per person,
NĐ 335/2025 score bands, the HTXSNV quota, on-time dossiers and satisfaction, and the review list
("cần xem xét", DOMAIN.md §5)."""

from __future__ import annotations

import streamlit as st

from analytics import privacy
from analytics.charts import evaluations as charts
from analytics.charts.base import percent
from analytics.labels import number_vn
from analytics.queries import category_order
from ui import data, paging
from ui.export import export_view_buttons
from ui.filters import current_scope
from ui.styled_tables import coloured_people_list, coloured_table
from ui.text import plain
from ui.widgets import empty_state, selectable_chart

PEOPLE_COLUMNS = [
    "full_name",
    "unit",
    "position",
    "field",
    "grade",
    "score",
    "on_time_rate",
    "satisfaction",
    "note",
]
ALL_UNITS = "Tất cả đơn vị"

scope = current_scope()
st.title("Đánh giá, xếp loại")
export_view_buttons(scope, "danh-gia")
years = data.query("evaluation_years", scope)
if not years:
    empty_state(
        "Chưa có kết quả đánh giá, xếp loại. Vào trang **Dữ liệu** để nhập tệp đánh giá "
        "(xlsx, xls hoặc csv; mỗi tệp một năm, một quý hoặc một tháng) sau khi đã nhập danh sách cán bộ, công chức."
    )
    st.stop()

year = int(scope.year_in_view(years) or years[-1])  # the one rule (Scope.year_in_view)
if scope.year and scope.year not in years:
    st.info(
        f"Không có kết quả đánh giá năm {scope.year} trong phạm vi đang lọc; đang hiển thị năm {year}."
    )
rules = data.query("evaluation_rules", scope)
thresholds = {"HTXSNV": rules.score_htxsnv, "HTTNV": rules.score_httnv, "HTNV": rules.score_htnv}
mix = data.query("grade_mix", scope)
units = category_order("unit", mix["unit"].dropna().tolist())
st.caption(
    f"Năm đánh giá **{year}** (chọn năm khác ở thanh bên) · người trong danh sách cán bộ, công chức "
    f"mới nhất · phạm vi: {plain(scope.describe())}"
)

# ------------------------------------------------------------------ grade mix
# A count of fewer than small_cell_threshold people is None and reads "< 3" for a viewer.
k = privacy.frame_threshold(mix)
counts = charts.grade_counts(mix, year)
total = charts.evaluated(mix, year)
cells = st.columns(len(counts) + 1)
cells[0].metric(
    f"Được đánh giá năm {year}", privacy.count_text(total, total is None, k), border=True
)
for cell, (grade, n) in zip(cells[1:], counts.items(), strict=True):
    hidden = n is None or total is None
    share = privacy.share_text(hidden, k) or percent(n / total if total and n is not None else None)
    cell.metric(  # a grade outside the canonical list is the file's own text
        plain(grade),
        privacy.count_text(n, n is None, k),
        share,
        delta_color="off",
        delta_arrow="off",
        border=True,
        help=plain(charts.grade_name(grade)),
    )

st.subheader("Cơ cấu xếp loại")
left, right = st.columns(2)
with left:
    st.plotly_chart(charts.grade_trend(mix), key="ev_trend", config={"displaylogo": False})
with right:
    picked = selectable_chart(charts.grade_by_unit(mix, year, units), key="ev_units")

if scope.can_see_people:
    st.markdown("**Xem danh sách** — bấm vào một đoạn của biểu đồ theo đơn vị, hoặc chọn:")
    c1, c2 = st.columns(2)
    unit = c1.selectbox("Đơn vị", [ALL_UNITS, *units], key="ev_people_unit")
    grade = c2.selectbox(
        "Xếp loại",
        [g for g, n in counts.items() if n],
        key="ev_people_grade",
        format_func=charts.grade_name,
    )
    if picked and picked[0].get("customdata"):
        unit, grade = picked[0]["customdata"][:2]
    chosen_unit = None if unit == ALL_UNITS else unit
    listed, size, every = paging.query_page(
        "grade_people", scope, year, grade, chosen_unit, key="ev_people_list"
    )
    coloured_people_list(
        charts.people_display(listed),
        f"{charts.grade_name(grade)} năm {year} — {unit}",
        key="ev_people",
        scope=scope,
        columns=PEOPLE_COLUMNS,
        cell_colours={"grade": charts.GRADE_CELL_COLOURS},
        total=size.rows,
        full=lambda: charts.people_display(every()),
    )

# ------------------------------------------------------------------ period scores (NĐ 335/2025)
st.subheader("Điểm theo tháng, quý")
derived = charts.derived_note(data.query("derived_grades", scope, year), year)
if derived:
    st.info(derived, icon=":material/functions:")
trend = data.query("evaluation_trend", scope, year)
kinds = charts.period_kinds(trend, year)
if not kinds:
    st.caption(
        f"Chưa có điểm theo tháng hoặc quý năm {year} (NĐ 335/2025 chấm điểm theo tháng hoặc quý "
        "từ 01/01/2026). Nhập tệp đánh giá từng tháng ở trang **Dữ liệu**."
    )
else:
    kind = kinds[0]
    if len(kinds) > 1:
        kind = st.radio(
            "Kỳ chấm điểm",
            kinds,
            format_func=lambda k: f"Theo {charts.PERIOD_WORDS[k]}",
            horizontal=True,
            key="ev_period_kind",
        )
    trend_units = category_order("unit", trend["unit"].dropna().tolist())
    st.plotly_chart(
        charts.period_trend(trend, year, kind, trend_units, thresholds),
        key="ev_period_trend",
        config={"displaylogo": False},
    )
    people = (
        charts.person_choices(data.query("period_people", scope, year))
        if scope.can_see_people
        else {}
    )
    if people:
        staff_id = st.selectbox(
            "Xem điểm từng kỳ của một người",
            list(people),
            format_func=people.get,
            key="ev_period_person",
        )
        rows = data.query("person_periods", scope, staff_id, year)
        left, right = st.columns([3, 2])
        left.plotly_chart(
            charts.person_trend(rows, people[staff_id], year, thresholds),
            key="ev_person_trend",
            config={"displaylogo": False},
        )
        with right:
            coloured_table(
                charts.person_periods_display(rows, year),
                None,
                key="ev_person_periods",
                static=True,
                file_name=f"diem_theo_ky_{year}.csv",
                cell_colours={
                    "band": charts.GRADE_CELL_COLOURS,
                    "grade": charts.GRADE_CELL_COLOURS,
                },
            )

# ------------------------------------------------------------------ NĐ 335/2025 score bands
st.subheader("Điểm đánh giá theo khung điểm NĐ 335/2025")
ranges = charts.band_ranges(thresholds)
st.caption(
    "Thang 100 điểm (tiêu chí chung 30 + kết quả thực hiện nhiệm vụ 70): "
    + "; ".join(f"{g} {ranges[g]}" for g in ("HTXSNV", "HTTNV", "HTNV", "KHTNV"))
    + f". Ngưỡng điểm lấy từ bảng tham số (căn cứ {plain(rules.sources.get('score_htxsnv', 'NĐ 335/2025/NĐ-CP'))})."
    + (
        " NĐ 335/2025 áp dụng từ 01/01/2026: với năm trước đó, điểm chỉ để tham khảo."
        if year < 2026
        else ""
    )
)
left, right = st.columns([3, 2])
with left:
    hist = data.query("score_histogram", scope, year)
    picked_band = selectable_chart(charts.score_histogram(hist, year, thresholds), key="ev_scores")
with right:
    bands = charts.band_display(data.query("score_bands", scope), year, thresholds)
    coloured_table(
        bands,
        list(bands.columns),
        key="ev_bands",
        static=True,
        file_name=f"khung_diem_{year}.csv",
        cell_colours={"band": charts.GRADE_CELL_COLOURS},
    )
    st.caption("“Xếp loại khác”: số người có xếp loại trong tệp khác với khung của điểm số.")
if scope.can_see_people:
    band_options = [b for b in charts.BAND_ORDER if b in set(hist["band"])] or list(
        charts.BAND_ORDER
    )
    band = st.selectbox(
        "Xem danh sách theo khung điểm", band_options, key="ev_band", format_func=charts.grade_name
    )
    if picked_band and picked_band[0].get("customdata"):
        band = picked_band[0]["customdata"][0]
    banded, band_size, every_banded = paging.query_page(
        "score_band_people", scope, year, band, key="ev_band_people_list"
    )
    coloured_people_list(
        charts.people_display(banded),
        f"Khung điểm {charts.grade_name(band)} năm {year}",
        key="ev_band_people",
        scope=scope,
        columns=["full_name", "unit", "position", "score", "band", "grade"],
        cell_colours={"band": charts.GRADE_CELL_COLOURS, "grade": charts.GRADE_CELL_COLOURS},
        total=band_size.rows,
        full=lambda: charts.people_display(every_banded()),
    )

# ------------------------------------------------------------------ HTXSNV quota
ratio = percent(rules.quota_ratio, 0)
st.subheader(f"Tỷ lệ Hoàn thành xuất sắc nhiệm vụ (tối đa {ratio} số HTTNV của đơn vị)")
quota = charts.quota_display(data.query("quota_check", scope, year), units)
if quota.empty:
    empty_state(f"Chưa có kết quả xếp loại năm {year} để đối chiếu tỷ lệ.")
else:
    exceeded = quota[quota["quota_status"] == "Vượt tỷ lệ"]
    for row in exceeded.itertuples():
        st.error(
            f"**{plain(row.unit)}**: {row.htxsnv} người HTXSNV so với {row.httnv} người HTTNV — "
            f"tối đa {row.allowed} người ({ratio} × {row.httnv}, làm tròn xuống), vượt {row.over_by}.",
            icon=":material/flag:",
        )
    if exceeded.empty:
        st.success(f"Năm {year}: không đơn vị nào vượt tỷ lệ HTXSNV.")
    coloured_table(
        quota,
        ["unit", "htxsnv", "httnv", "allowed", "over_by", "quota_status"],
        key="ev_quota",
        static=True,
        file_name=f"ty_le_htxsnv_{year}.csv",
        flag=quota["exceeded"],  # False where hidden from the reader (quota_display)
        cell_colours={"quota_status": {"Vượt tỷ lệ": charts.grade_colour("KHTNV")}},
    )
    st.caption(
        f"Quy tắc: số HTXSNV không quá {ratio} số HTTNV trong cùng đơn vị (căn cứ "
        f"{plain(rules.sources.get('quota_htxsnv_ratio', 'NĐ 335/2025/NĐ-CP'))}; tỷ lệ lấy từ bảng tham số). "
        "Xem người HTXSNV của một đơn vị ở mục “Xem danh sách” phía trên."
    )

# ------------------------------------------------------------------ service measures
st.subheader("Hồ sơ giải quyết đúng hạn và mức độ hài lòng")
measures = data.query("service_measures", scope, year)
st.plotly_chart(
    charts.service_by_unit(measures, year, units), key="ev_service", config={"displaylogo": False}
)
if not measures.empty and scope.can_see_people:
    service_size = data.query("service_people_size", scope, year)
    st.caption(
        f"Trung bình của những người có số liệu trong tệp đánh giá năm {year} "
        f"({number_vn(service_size.rows)}/{total} người); người không có số liệu không được tính."
    )
    service, _, every_service = paging.query_page(
        "service_people", scope, year, key="ev_service_people_list"
    )
    coloured_table(
        charts.people_display(service),
        ["full_name", "unit", "position", "grade", "on_time_rate", "satisfaction"],
        key="ev_service_people",
        file_name=f"dung_han_hai_long_{year}.csv",
        cell_colours={"grade": charts.GRADE_CELL_COLOURS},
        full=lambda: charts.people_display(every_service()),
    )

# ------------------------------------------------------------------ review list
st.subheader("Danh sách cần xem xét")
st.warning(
    "Đây là danh sách **cần xem xét**, kèm lý do, để lãnh đạo và bộ phận tổ chức cán bộ xem xét, "
    "quyết định — **không phải kết luận** về cá nhân nào. Lý do theo NĐ 154/2025/NĐ-CP: xếp loại "
    f"Không hoàn thành nhiệm vụ trong {rules.review_khtnv_years} năm gần nhất có kết quả đánh giá; "
    "trình độ đào tạo thấp hơn tiêu chuẩn của vị trí; chuyên ngành không phù hợp với vị trí "
    "(hai lý do sau kế thừa NĐ 29/2023, chưa kiểm chứng). Người đang mang thai, nghỉ thai sản, "
    "nuôi con dưới 36 tháng hoặc đang bị xem xét kỷ luật được liệt kê riêng, tạm chưa xem xét.",
    icon=":material/balance:",
)
reasons = data.query("review_counts", scope)
cells = st.columns(len(reasons))
for cell, row in zip(cells, reasons.itertuples(), strict=True):
    hidden = privacy.is_hidden(row, "people")
    people = privacy.count_text(row.people, hidden, privacy.frame_threshold(reasons))
    cell.metric(row.reason, people, border=True)
if scope.can_see_people:
    size = data.query("review_by_person_size", scope)
    if size.rows == 0:
        st.caption("Không có ai trong danh sách cần xem xét.")
    else:
        st.markdown(
            f"**{number_vn(size.rows)} người cần xem xét** (mỗi người một dòng, các lý do cách "
            "nhau bằng dấu “;”)"
        )
        review, _, full = paging.query_page("review_by_person", scope, key="ev_review")
        coloured_table(
            review,
            ["full_name", "unit", "position", "field", "reason_count", "reasons", "legal_source"],
            key="ev_review",
            static=True,
            file_name="can_xem_xet.csv",
            wide=("reasons",),
            full=full,
        )
    set_aside = data.query("review_excluded", scope)
    if not set_aside.empty:
        st.markdown(
            f"**{number_vn(len(set_aside))} người tạm chưa xem xét** (có lý do ở trên nhưng danh "
            "sách ghi đang mang thai, nghỉ thai sản, nuôi con dưới 36 tháng hoặc đang bị xem xét "
            "kỷ luật; NĐ 154/2025/NĐ-CP): không tính vào số cần xem xét, xem lại khi hết thời gian đó."
        )
        coloured_table(
            set_aside,
            ["full_name", "unit", "position", "reasons", "exclusion", "exclusion_source"],
            key="ev_review_excluded",
            static=True,
            file_name="tam_chua_xem_xet.csv",
            wide=("reasons",),
        )
else:
    st.info("Vai trò người xem chỉ xem số liệu tổng hợp.")
