"""The plan's task list and its progress reports (DOMAIN.md §1): task codes, deadlines,
history kept, latest status shown."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheet_writers import import_path, new_store, table_contents, write_csv, write_grid

from analytics.demo_files import PlanTask, ProgressReport, write_plan, write_progress
from analytics.store import Store

TASKS = [
    PlanTask(
        "1",
        "Quán triệt chủ trương của Đảng, Nhà nước về công tác cán bộ",
        "Các đơn vị",
        "",
        "Thường xuyên",
    ),
    PlanTask(
        "2",
        "Rà soát, đánh giá toàn bộ đội ngũ; xây dựng cơ sở dữ liệu đánh giá năng lực",
        "Phòng Văn hóa – Xã hội",
        "Các đơn vị liên quan",
        "Hoàn thành trong tháng 6/2026",
        deliverable="Cơ sở dữ liệu",
        accountable="Trưởng phòng Văn hóa – Xã hội",
        authority="Chủ tịch UBND phường",
    ),
    PlanTask(
        "3",
        "Sắp xếp đội ngũ theo khung tiêu chuẩn",
        "Phòng Văn hóa – Xã hội",
        "Các đơn vị liên quan",
        "Hoàn thành trong Quý III/2026",
    ),
    PlanTask(
        "4", "Đánh giá cán bộ theo kết quả thực hiện nhiệm vụ", "Các đơn vị", "", "Thường xuyên"
    ),
    PlanTask(
        "a",
        "Đề xuất tuyển dụng; chính sách thu hút nhân tài",
        "Phòng Văn hóa – Xã hội",
        "Các đơn vị",
        "Thường xuyên",
    ),
    PlanTask("b", "Đào tạo, bồi dưỡng theo nhóm vị trí việc làm", "Các đơn vị", "", "Thường xuyên"),
    PlanTask("5", "Kỷ luật, kỷ cương hành chính", "Các đơn vị", "", "Hằng năm"),
    PlanTask("6", "Kinh phí, cơ sở vật chất", "Phòng Kinh tế, Hạ tầng và Đô thị", "", "31/12/2026"),
]

# Written by hand from TASKS and DOMAIN.md §1.
EXPECTED_TASKS = [
    ("1", None, True),
    ("2", dt.date(2026, 6, 30), False),
    ("3", dt.date(2026, 9, 30), False),
    ("4", None, True),
    ("4a", None, True),
    ("4b", None, True),
    ("5", None, True),
    ("6", dt.date(2026, 12, 31), False),
]


@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


@pytest.fixture
def planned(store: Store, tmp_path: Path) -> Store:
    path = tmp_path / "ke_hoach.xlsx"
    write_plan(path, TASKS)
    result = import_path(store, "plan", path)
    assert result.status == "imported", result.errors
    return store


def test_plan_codes_lettered_rows_join_the_task_above_and_deadlines_are_parsed(
    planned: Store,
) -> None:
    got = planned.execute(
        "select task_code, due_date, recurring from plan_task_rows order by sort_order"
    )
    assert got == EXPECTED_TASKS


def test_plan_keeps_the_six_clear_columns_as_written(planned: Store) -> None:
    got = planned.execute(
        "select title, lead_unit, coordinating_units, deadline_text, deliverable, accountable, authority, ward "
        "from plan_tasks where task_code = '2'"
    )
    assert got == [
        (
            "Rà soát, đánh giá toàn bộ đội ngũ; xây dựng cơ sở dữ liệu đánh giá năng lực",
            "Phòng Văn hóa – Xã hội",
            "Các đơn vị liên quan",
            "Hoàn thành trong tháng 6/2026",
            "Cơ sở dữ liệu",
            "Trưởng phòng Văn hóa – Xã hội",
            "Chủ tịch UBND phường",
            "Phường Việt Hòa",
        )
    ]
    # Tasks with no "6 rõ" columns keep them empty, not invented.
    assert planned.execute(
        "select deliverable, accountable, authority from plan_tasks where task_code = '1'"
    ) == [(None, None, None)]


def test_plan_tasks_without_reports_show_not_started(planned: Store) -> None:
    assert planned.execute("select distinct status from plan_tasks") == [("Chưa thực hiện",)]


def test_plan_section_rows_with_roman_numerals_are_not_tasks(store: Store, tmp_path: Path) -> None:
    rows = [
        ["UBND PHƯỜNG VIỆT HÒA"],
        ["TT", "Nội dung nhiệm vụ", "Cơ quan chủ trì", "Thời gian thực hiện"],
        ["I", "NHIỆM VỤ TRỌNG TÂM"],
        ["1", "Quán triệt", "Các đơn vị", "Thường xuyên"],
        ["II.", "TỔ CHỨC THỰC HIỆN"],
        ["2", "Báo cáo", "Phòng Văn hóa – Xã hội", "Quý IV/2026"],
    ]
    result = import_path(store, "plan", write_grid(tmp_path / "kh.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute("select task_code, due_date from plan_task_rows order by sort_order") == [
        ("1", None),
        ("2", dt.date(2026, 12, 31)),
    ]


def test_plan_with_a_repeated_task_code_is_rejected_naming_both_rows(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        ["UBND PHƯỜNG VIỆT HÒA"],
        ["TT", "Nội dung nhiệm vụ", "Thời gian thực hiện"],
        ["1", "Quán triệt", "Thường xuyên"],
        ["1", "Quán triệt lần hai", "Thường xuyên"],
    ]
    result = import_path(store, "plan", write_grid(tmp_path / "kh.xlsx", rows))
    assert result.status == "rejected"
    [error] = result.errors
    assert (error.row, error.column) == (4, "A")
    assert "dòng 3" in error.message
    assert store.execute("select count(*) from plan_task_rows") == [(0,)]


REPORTS_Q2 = [
    ProgressReport("2", dt.date(2026, 5, 15), "Đang thực hiện", 40, note="Đang thu thập hồ sơ"),
    ProgressReport("2", dt.date(2026, 6, 28), "Hoàn thành", 100, deliverable="Cơ sở dữ liệu CBCC"),
    ProgressReport("4a", dt.date(2026, 6, 30), "Đang thực hiện"),
]
REPORTS_Q3 = [
    ProgressReport("3", dt.date(2026, 9, 20), "Đang thực hiện", 70),
    ProgressReport("4a", dt.date(2026, 9, 25), "Tạm dừng", note="Chờ chỉ tiêu biên chế"),
]


def test_progress_reports_append_history_and_plan_tasks_show_the_latest(
    planned: Store, tmp_path: Path
) -> None:
    first = tmp_path / "tien_do_q2.csv"
    second = tmp_path / "tien_do_q3.xlsx"
    write_progress(first, REPORTS_Q2)
    write_progress(second, REPORTS_Q3, period="(Kỳ báo cáo: Quý III/2026)")
    assert import_path(planned, "progress", first).status == "imported"
    result = import_path(planned, "progress", second)
    assert result.status == "imported", result.errors
    history = planned.execute(
        "select task_code, report_date, status, percent from progress_reports order by report_date"
    )
    assert history == [
        ("2", dt.date(2026, 5, 15), "Đang thực hiện", 40.0),
        ("2", dt.date(2026, 6, 28), "Hoàn thành", 100.0),
        ("4a", dt.date(2026, 6, 30), "Đang thực hiện", None),
        ("3", dt.date(2026, 9, 20), "Đang thực hiện", 70.0),
        ("4a", dt.date(2026, 9, 25), "Tạm dừng", None),
    ]
    latest = planned.execute(
        "select task_code, status, percent, last_report_date from plan_tasks order by sort_order"
    )
    assert latest == [
        ("1", "Chưa thực hiện", None, None),
        ("2", "Hoàn thành", 100.0, dt.date(2026, 6, 28)),
        ("3", "Đang thực hiện", 70.0, dt.date(2026, 9, 20)),
        ("4", "Chưa thực hiện", None, None),
        ("4a", "Tạm dừng", None, dt.date(2026, 9, 25)),
        ("4b", "Chưa thực hiện", None, None),
        ("5", "Chưa thực hiện", None, None),
        ("6", "Chưa thực hiện", None, None),
    ]


def test_progress_report_for_an_unknown_task_rejects_the_whole_file(
    planned: Store, tmp_path: Path
) -> None:
    before = table_contents(planned)
    path = tmp_path / "tien_do.csv"
    write_progress(
        path,
        [
            ProgressReport("2", dt.date(2026, 5, 15), "Đang thực hiện", 40),
            ProgressReport("9", dt.date(2026, 5, 15), "Đang thực hiện", 10),
        ],
    )
    result = import_path(planned, "progress", path)
    assert result.status == "rejected"
    [error] = result.errors
    assert (error.row, error.column) == (3, "A")
    assert "'9'" in error.message
    assert table_contents(planned) == before


def test_progress_before_any_plan_is_rejected_asking_for_the_plan_first(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "tien_do.csv"
    write_progress(path, [ProgressReport("2", dt.date(2026, 5, 15), "Đang thực hiện", 40)])
    result = import_path(store, "progress", path, ward="Phường Việt Hòa")
    assert result.status == "rejected"
    assert "nhập tệp kế hoạch" in result.errors[0].message


def test_progress_percent_status_and_date_texts_are_read(planned: Store, tmp_path: Path) -> None:
    rows = [
        ["Mã nhiệm vụ", "Ngày báo cáo", "Tình trạng", "Tỷ lệ hoàn thành (%)"],
        ["Nhiệm vụ 2", "15/5/2026", "đã hoàn thành", "100%"],
        ["4a", "2026-06-30", "đang triển khai", "35,5"],
    ]
    result = import_path(planned, "progress", write_csv(tmp_path / "td.csv", rows))
    assert result.status == "imported", result.errors
    assert planned.execute(
        "select task_code, report_date, status, percent from progress_reports order by source_row"
    ) == [
        ("2", dt.date(2026, 5, 15), "Hoàn thành", 100.0),
        ("4a", dt.date(2026, 6, 30), "Đang thực hiện", 35.5),
    ]


def test_progress_with_an_unreadable_status_or_date_is_rejected(
    planned: Store, tmp_path: Path
) -> None:
    rows = [
        ["Mã nhiệm vụ", "Ngày báo cáo", "Tình trạng"],
        ["2", "ngày mai", "Đang thực hiện"],
        ["3", "15/05/2026", "???"],
    ]
    result = import_path(planned, "progress", write_csv(tmp_path / "td.csv", rows))
    assert result.status == "rejected"
    assert sorted((e.row, e.column) for e in result.errors) == [(2, "B"), (3, "C")]
    assert planned.execute("select count(*) from progress_reports") == [(0,)]


def test_a_new_plan_file_replaces_the_task_list_in_the_view(planned: Store, tmp_path: Path) -> None:
    path = tmp_path / "ke_hoach_sua.xlsx"
    write_plan(
        path,
        [
            *TASKS[:3],
            PlanTask("7", "Sơ kết, tổng kết", "Phòng Văn hóa – Xã hội", "", "Tháng 12/2026"),
        ],
    )
    result = import_path(planned, "plan", path)
    assert result.status == "imported", result.errors
    assert planned.execute("select task_code, due_date from plan_tasks order by sort_order") == [
        ("1", None),
        ("2", dt.date(2026, 6, 30)),
        ("3", dt.date(2026, 9, 30)),
        ("7", dt.date(2026, 12, 31)),
    ]
    assert planned.execute("select count(*) from plan_task_rows") == [(12,)]
