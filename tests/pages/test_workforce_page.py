"""Kế hoạch nhân sự on the demo ward (roster of 30/09/2026): the retirement forecast of NĐ
135/2020 and the rotation of sensitive posts. Worked by hand from the demo roster
(analytics/demo_workforce.py): Lê Thúy Hà (nữ, 01/02/1970) reaches the 2027 age, 57 years 4
months, in 06/2027 (the 2026 age, 57, would be 02/2027, not 2026) -> 30/06/2027; Trần Ngọc Quân
(nam, 12/11/1965, complaints): 61y6m would be 05/2027, not 2026; 61y9m (2027) -> 08/2027 ->
31/08/2027; both within 12 months. Trần Tiến Nam (nam, 20/04/1966, land): 61y9m -> 01/2028, not
2027; 62y (2028) -> 04/2028 -> 30/04/2028, within 24. Bùi Kim Oanh (07/2030) within 60.
Rotation (3 years, 6 months' notice): posts taken on or before 30/09/2023 are due, up to
30/03/2024 near."""

from __future__ import annotations

from collections.abc import Callable

from streamlit.testing.v1 import AppTest

from tests.markdown_view import visible_frame
from tests.pages.conftest import WORKFORCE_PAGE

PAGE = WORKFORCE_PAGE


def metrics(at: AppTest) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


def test_the_leavers_within_12_24_and_60_months_and_their_list(
    workforce_page: Callable[[str], AppTest],
) -> None:
    at = workforce_page("hr")
    assert at.title[0].value == "Kế hoạch nhân sự"
    shown = metrics(at)
    assert shown["Trong 12 tháng"] == "2 người"
    assert shown["Trong 24 tháng"] == "3 người"
    assert shown["Trong 60 tháng"] == "4 người"
    assert shown["Lĩnh vực nhạy cảm, 24 tháng"] == "2 người"
    people = next(visible_frame(t.value) for t in at.table if "Ngày nghỉ hưu" in t.value.columns)
    assert people["Họ và tên"].tolist() == ["Lê Thúy Hà", "Trần Ngọc Quân", "Trần Tiến Nam"]
    assert people["Ngày nghỉ hưu"].tolist() == ["30/06/2027", "31/08/2027", "30/04/2028"]
    at.radio(key="ke_hoach_ns_months").set_value(60).run()
    people = next(visible_frame(t.value) for t in at.table if "Ngày nghỉ hưu" in t.value.columns)
    assert people["Họ và tên"].tolist() == [
        "Lê Thúy Hà", "Trần Ngọc Quân", "Trần Tiến Nam", "Bùi Kim Oanh"
    ]  # fmt: skip
    # the two sensitive leavers. Complaints (Đại học, a law major; a specialist's post): the
    # non-leaders with a law degree, all of other fields: the two Nguyễn Thị Hương and Trần
    # Thanh Phương (Tư pháp – Hộ tịch), Trần Thanh Thảo (Tài chính – Kế toán, on maternity
    # leave: noted); Nguyễn Hải Thịnh and Nguyễn Thị Loan (law, leaders) are not offered it.
    # Land: the three land officers on Đại học with a land major (Trần Tiến Nam himself is on
    # Trung cấp); Nguyễn Xuân Hải, of the field too, holds a leadership post.
    successors = next(
        visible_frame(t.value)
        for t in at.table
        if "Người đã đạt tiêu chuẩn vị trí" in t.value.columns
    )
    by_leaver = successors.groupby("Họ và tên")["Người đã đạt tiêu chuẩn vị trí"].apply(list)
    assert by_leaver["Trần Ngọc Quân"] == [
        "Nguyễn Thị Hương", "Nguyễn Thị Hương", "Trần Thanh Phương", "Trần Thanh Thảo"
    ]  # fmt: skip
    assert sorted(by_leaver["Trần Tiến Nam"]) == sorted(
        ["Đỗ Mạnh Giang", "Nguyễn Minh Hoàng", "Nguyễn Kim Huyền"]
    )
    notes = successors.set_index("Người đã đạt tiêu chuẩn vị trí")["Lưu ý"]
    assert notes["Trần Thanh Thảo"] == "Đang nghỉ thai sản"
    fields = successors.groupby("Họ và tên")["Lĩnh vực đang làm"].apply(set)
    assert fields["Trần Tiến Nam"] == {"Đất đai"}
    assert fields["Trần Ngọc Quân"] == {"Tư pháp – Hộ tịch", "Tài chính – Kế toán"}


def test_a_viewer_gets_the_counts_and_no_names(workforce_page: Callable[[str], AppTest]) -> None:
    at = workforce_page("viewer")
    assert metrics(at)["Trong 60 tháng"] == "4 người"
    assert not any("Ngày nghỉ hưu" in t.value.columns for t in at.table)
    assert any("không xem danh sách từng người" in i.value for i in at.info)
    # staffing without the retirements counted from the people list: blank, never 0, and why
    assert any("không có số dự kiến thiếu" in c.value for c in at.caption)


def test_a_unit_head_sees_only_the_unit(workforce_page: Callable[[str], AppTest]) -> None:
    at = workforce_page("unit_head")
    assert not at.exception
    shown = metrics(at)
    # the demo's unit head leads Phòng Văn hóa – Xã hội, where nobody of the four leaves
    # within 60 months (they are in Văn phòng HĐND và UBND and Phòng Kinh tế, Hạ tầng và Đô thị)
    assert shown["Trong 12 tháng"] == "0 người"
    assert shown["Trong 60 tháng"] == "0 người"
    assert "Lê Thúy Hà" not in str([t.value for t in at.table])


def test_the_training_needs_and_the_plan_download(workforce_page: Callable[[str], AppTest]) -> None:
    at = workforce_page("hr")
    needs = next(
        visible_frame(t.value) for t in at.table if "Nội dung đào tạo, bồi dưỡng" in t.value.columns
    )
    by_course = needs.set_index("Nội dung đào tạo, bồi dưỡng")
    # the demo's records (analytics/demo_training.py): the LLCT Trung cấp course of the head of
    # Phòng Văn hóa – Xã hội ended before 04/12/2026; two degrees are under way
    assert by_course.loc["LLCT Trung cấp", ["Cần", "Đã hoàn thành"]].tolist() == ["1", "1"]
    degree = "Đào tạo trình độ Đại học ngành phù hợp với vị trí"
    assert by_course.loc[degree, ["Cần", "Đang học"]].tolist() == ["2", "2"]
    assert any(b.label.startswith("Tải kế hoạch đào tạo") for b in at.get("download_button"))


def test_staffing_against_quota_and_norm_with_the_retirements(
    workforce_page: Callable[[str], AppTest],
) -> None:
    at = workforce_page("hr")
    staff = next(visible_frame(t.value) for t in at.table if "Dự kiến thiếu" in t.value.columns)
    whole = staff.set_index(staff.columns[1]).loc["Cả phường/xã"]
    # the demo's synthetic profile: 24.000 residents -> 32 + (24.000 - 16.000) / 2.000 = 36;
    # quota 42; 40 people: 2 short of the quota, 4 above the norm; three retire within 24
    # months -> 42 - (40 - 3) = 5 to recruit
    assert whole[["Số người", "Biên chế được giao", "So với biên chế", "Định mức",
                  "So với định mức", "Nghỉ hưu trong 24 tháng", "Dự kiến thiếu"]].tolist() == [
        "40", "42", "Thiếu 2", "36", "Thừa 4", "3", "5"
    ]  # fmt: skip


def test_the_sensitive_posts_due_for_rotation(workforce_page: Callable[[str], AppTest]) -> None:
    at = workforce_page("hr")
    counts = next(
        visible_frame(t.value) for t in at.table if "Chưa có ngày giữ vị trí" in t.value.columns
    )
    by_field = counts.set_index("Lĩnh vực")
    # land: Trần Tiến Nam (07/2015) and Đỗ Mạnh Giang (2021: 01/01/2021) due, three later
    assert by_field.loc[
        "Đất đai", ["Đến hạn chuyển đổi", "Sắp đến hạn chuyển đổi", "Chưa đến hạn", "Số người"]
    ].tolist() == ["2", "0", "3", "5"]
    # construction: Lê Trọng Long (01/02/2024) and Lê Bích Ngân (15/03/2024) near, the
    # transport officer without a date
    assert by_field.loc[
        "Xây dựng", ["Sắp đến hạn chuyển đổi", "Chưa có ngày giữ vị trí"]
    ].tolist() == ["2", "1"]
    listed = next(visible_frame(t.value) for t in at.table if "Đến hạn ngày" in t.value.columns)
    assert listed["Họ và tên"].tolist() == [
        "Trần Tiến Nam",
        "Trần Ngọc Quân",
        "Hoàng Thị Nga",
        "Vũ Hồng Uyên",
        "Đỗ Mạnh Giang",
        "Lê Trọng Long",
        "Lê Bích Ngân",
    ]
    row = listed.set_index("Họ và tên")
    assert row.loc[
        "Trần Tiến Nam", ["Giữ vị trí từ", "Đã giữ (tháng)", "Đến hạn ngày"]
    ].tolist() == ["01/07/2015", "134", "01/07/2018"]
    assert row.loc["Lê Bích Ngân", "Chuyển đổi vị trí"] == "Sắp đến hạn chuyển đổi"
    assert "nuôi con dưới 36 tháng" in row.loc["Hoàng Thị Nga", "Lưu ý"]
    assert "nghỉ hưu ngày 31/08/2027" in row.loc["Trần Ngọc Quân", "Lưu ý"]
    assert "ước tính" in row.loc["Trần Ngọc Quân", "Lưu ý"]  # written "3/2019"
    assert any("1 người ở lĩnh vực nhạy cảm chưa có ngày giữ vị trí" in c.value for c in at.caption)


def test_a_viewer_gets_the_rotation_counts_only(workforce_page: Callable[[str], AppTest]) -> None:
    at = workforce_page("viewer")
    assert any("Chưa có ngày giữ vị trí" in t.value.columns for t in at.table)
    assert not any("Đến hạn ngày" in t.value.columns for t in at.table)
