"""A city's consolidated plan and progress files: many wards in one file (a ward column); task
codes are unique per ward, not per file (issue 8, part 7)."""

from __future__ import annotations

from pathlib import Path

from sheet_writers import SheetSpec, import_path, new_store, write_xlsx

TITLE = [
    ["SỞ NỘI VỤ THÀNH PHỐ HẢI PHÒNG"],
    [],
    ["TỔNG HỢP KẾ HOẠCH NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC CẤP XÃ NĂM 2026"],
    [],
]
HEADER = ["Phường/Xã", "TT", "Nội dung", "Cơ quan chủ trì", "Thời gian thực hiện", "Sản phẩm"]
WARDS = ["Phường Việt Hòa", "Phường Hải Dương", "Xã An Lão"]


def plan_rows(ward: str) -> list[list[object]]:
    return [
        [ward, 1, "Rà soát đội ngũ", "Phòng VH-XH", "Hoàn thành trong tháng 6/2026", "Báo cáo"],
        [ward, 2, "Đào tạo, bồi dưỡng", "Phòng VH-XH", "Thường xuyên", "Danh sách"],
        [ward, "a", "Bồi dưỡng LLCT", "Phòng VH-XH", "Quý III/2026", "Chứng chỉ"],
        [ward, "b", "Bồi dưỡng QLNN", "Phòng VH-XH", "Quý IV/2026", "Chứng chỉ"],
    ]


def test_a_city_plan_with_many_wards_imports_in_one_go(tmp_path: Path) -> None:
    rows = [*TITLE, HEADER, *(r for w in WARDS for r in plan_rows(w))]
    path = write_xlsx(tmp_path / "ke_hoach_thanh_pho.xlsx", SheetSpec("Tổng hợp", rows))
    store = new_store()
    result = import_path(store, "plan", path)
    assert result.status == "imported", result.as_json()
    assert result.rows_imported == 12
    assert sorted(result.wards) == sorted(WARDS)
    for ward in WARDS:
        assert store.execute(
            "select task_code, due_date is not null from plan_tasks where ward = ? "
            "order by sort_order",
            [ward],
        ) == [("1", True), ("2", False), ("2a", True), ("2b", True)]

    progress = write_xlsx(
        tmp_path / "tien_do_thanh_pho.xlsx",
        SheetSpec(
            "Tiến độ",
            [
                ["BÁO CÁO TIẾN ĐỘ TỔNG HỢP"],
                [],
                ["Phường/Xã", "Mã nhiệm vụ", "Ngày báo cáo", "Tình trạng", "Tỷ lệ hoàn thành (%)"],
                ["Phường Việt Hòa", "1", "30/06/2026", "Hoàn thành", 100],
                ["Xã An Lão", "2a", "30/09/2026", "Đang thực hiện", 40],
            ],
        ),
    )
    done = import_path(store, "progress", progress)
    assert done.status == "imported", done.as_json()
    assert store.execute(
        "select ward, task_code, status, percent from plan_tasks where percent is not null "
        "order by ward"
    ) == [
        ("Phường Việt Hòa", "1", "Hoàn thành", 100.0),
        ("Xã An Lão", "2a", "Đang thực hiện", 40.0),
    ]


def test_a_code_twice_in_one_ward_is_an_error_naming_both_rows(tmp_path: Path) -> None:
    rows = [*TITLE, HEADER, *plan_rows(WARDS[0]), [WARDS[0], 1, "Lặp lại", "VP", "", ""]]
    path = write_xlsx(tmp_path / "ke_hoach.xlsx", SheetSpec("KH", rows))
    result = import_path(new_store(), "plan", path)
    assert result.status == "rejected"
    [error] = result.errors
    assert error.code == "PLAN_DUPLICATE_TASK"
    first_row = len(TITLE) + 2
    assert (error.row, error.column) == (first_row + 4, "B")
    assert f"mã nhiệm vụ '1' của Phường Việt Hòa trùng với dòng {first_row}" in error.message
