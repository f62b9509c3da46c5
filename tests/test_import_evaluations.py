"""Evaluation files (DOMAIN.md §5): matching people, the year, and rows kept when unmatched."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheet_writers import (
    SheetSpec,
    import_path,
    new_store,
    table_contents,
    write_csv,
    write_grid,
    write_xlsx,
)

from analytics.demo_files import EvaluationRow, write_evaluation
from analytics.store import Store

WARD_TITLE: list[list[object]] = [["ỦY BAN NHÂN DÂN"], ["PHƯỜNG VIỆT HÒA"], []]

ROSTER: list[list[object]] = [
    *WARD_TITLE,
    ["DANH SÁCH CÁN BỘ, CÔNG CHỨC (Số liệu tính đến ngày 31/12/2025)"],
    ["TT", "Mã CBCC", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"],
    [1, "VH-001", "Nguyễn Văn An", "12/03/1975", "Nam", "Lãnh đạo UBND phường"],
    [2, "VH-002", "Trần Thị Bình", "05/07/1982", "Nữ", "Văn phòng HĐND và UBND"],
    [3, "VH-003", "Lê Thị Cúc", "1990", "Nữ", "Phòng Văn hóa – Xã hội"],
    [4, "VH-004", "Nguyễn Thị Hương", "01/02/1985", "Nữ", "Văn phòng HĐND và UBND"],
    [5, "VH-005", "Nguyễn Thị Hương", "03/04/1985", "Nữ", "Trung tâm Phục vụ hành chính công"],
]


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    with new_store() as s:
        result = import_path(s, "roster", write_grid(tmp_path / "roster.xlsx", ROSTER))
        assert result.status == "imported", result.errors
        yield s


def evaluation_sheet(
    header: list[object], rows: list[list[object]], title: str = "KẾT QUẢ ĐÁNH GIÁ NĂM 2025"
) -> list[list[object]]:
    # Rows 1–3 ward block, row 4 title, row 5 header, data from row 6.
    return [*WARD_TITLE, [title], header, *rows]


def stored(store: Store) -> list[tuple[object, ...]]:
    return store.execute(
        "select source_row, full_name, year, staff_id, match_method, grade from evaluation_rows order by source_row"
    )


def test_rows_are_matched_by_id_when_the_file_has_one(store: Store, tmp_path: Path) -> None:
    rows = evaluation_sheet(
        ["STT", "Mã CBCC", "Họ và tên", "Xếp loại"],
        [
            [1, "VH-002", "Trần Thị Binh", "HTTNV"],  # name misspelt: the id still matches
            [2, "VH-005", "Nguyễn Thị Hương", "HTXSNV"],  # a homonym told apart by id
        ],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert stored(store) == [
        (6, "Trần Thị Binh", 2025, "VH-002", "id", "HTTNV"),
        (7, "Nguyễn Thị Hương", 2025, "VH-005", "id", "HTXSNV"),
    ]
    assert result.warnings == []


def test_rows_are_matched_by_name_and_birth_date_then_by_name_and_birth_year(
    store: Store, tmp_path: Path
) -> None:
    rows = evaluation_sheet(
        ["STT", "Họ và tên", "Ngày sinh", "Xếp loại"],
        [
            [1, "Nguyễn Văn An", "12/03/1975", "Hoàn thành tốt nhiệm vụ"],
            [2, "Nguyễn Thị Hương", "03/04/1985", "Hoàn thành nhiệm vụ"],
            [3, "Lê Thị Cúc", "1990", "Xuất sắc"],
            [4, "Trần Thị Bình", 1982, "HTTNV"],
        ],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert stored(store) == [
        (6, "Nguyễn Văn An", 2025, "VH-001", "name_birth_date", "HTTNV"),
        (7, "Nguyễn Thị Hương", 2025, "VH-005", "name_birth_date", "HTNV"),
        (8, "Lê Thị Cúc", 2025, "VH-003", "name_birth_year", "HTXSNV"),
        (9, "Trần Thị Bình", 2025, "VH-002", "name_birth_year", "HTTNV"),
    ]


def test_unmatched_and_ambiguous_rows_are_kept_and_warned_with_their_rows(
    store: Store, tmp_path: Path
) -> None:
    rows = evaluation_sheet(
        ["STT", "Họ và tên", "Năm sinh", "Xếp loại"],
        [
            [1, "Nguyễn Văn An", 1975, "HTTNV"],
            [2, "Hoàng Văn Không", 1970, "HTNV"],
            [3, "Nguyễn Thị Hương", 1985, "HTTNV"],
        ],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert result.rows_imported == 3
    assert stored(store) == [
        (6, "Nguyễn Văn An", 2025, "VH-001", "name_birth_year", "HTTNV"),
        (7, "Hoàng Văn Không", 2025, None, "unmatched", "HTNV"),
        (8, "Nguyễn Thị Hương", 2025, None, "ambiguous", "HTTNV"),
    ]
    assert [(w.row, w.sheet, w.code) for w in result.warnings] == [
        (7, "Danh sach", "EVAL_UNMATCHED"),
        (8, "Danh sach", "EVAL_AMBIGUOUS"),
    ]
    assert "'Hoàng Văn Không'" in result.warnings[0].message
    assert "nhiều người" in result.warnings[1].message
    # Kept rows never count as a person's grade.
    assert store.execute("select staff_id from evaluations order by staff_id") == [("VH-001",)]


def test_the_warnings_are_saved_with_the_import(store: Store, tmp_path: Path) -> None:
    rows = evaluation_sheet(
        ["STT", "Họ và tên", "Năm sinh", "Xếp loại"], [[1, "Hoàng Văn Không", 1970, "HTNV"]]
    )
    import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    [(saved,)] = store.execute("select warnings::varchar from imports where kind = 'evaluation'")
    assert "Hoàng Văn Không" in saved


PEOPLE_2025 = [
    EvaluationRow(
        "Nguyễn Văn An",
        dt.date(1975, 3, 12),
        "Phó Chủ tịch",
        "Lãnh đạo UBND phường",
        92.5,
        "Hoàn thành xuất sắc nhiệm vụ",
    ),
    EvaluationRow(
        "Trần Thị Bình",
        dt.date(1982, 7, 5),
        "Chuyên viên",
        "Văn phòng HĐND và UBND",
        81.0,
        "Hoàn thành tốt nhiệm vụ",
        97.5,
        90.0,
    ),
]


@pytest.mark.parametrize(
    ("year_in", "suffix", "year"),
    [
        ("title", ".xlsx", 2025),
        ("column", ".xlsx", 2026),
        ("sheet", ".xls", 2024),
        ("column", ".csv", 2023),
    ],
)
def test_year_comes_from_title_column_or_sheet_name(
    store: Store, tmp_path: Path, year_in: str, suffix: str, year: int
) -> None:
    path = tmp_path / f"danh_gia{suffix}"
    write_evaluation(path, PEOPLE_2025, year=year, year_in=year_in)  # type: ignore[arg-type]
    result = import_path(store, "evaluation", path, ward="Phường Việt Hòa")
    assert result.status == "imported", result.errors
    assert result.year == year
    assert store.execute(
        "select full_name, year, staff_id, score, grade, on_time_rate from evaluation_rows order by source_row"
    ) == [
        ("Nguyễn Văn An", year, "VH-001", 92.5, "HTXSNV", None),
        ("Trần Thị Bình", year, "VH-002", 81.0, "HTTNV", 97.5),
    ]


def test_year_option_fills_in_when_the_file_names_no_year(store: Store, tmp_path: Path) -> None:
    rows = [["Họ và tên", "Ngày sinh", "Xếp loại"], ["Nguyễn Văn An", "12/03/1975", "HTTNV"]]
    result = import_path(store, "evaluation", write_csv(tmp_path / "dg.csv", rows), year=2022)
    assert result.status == "imported", result.errors
    assert store.execute("select year, staff_id from evaluation_rows") == [(2022, "VH-001")]


def test_a_file_without_any_year_is_rejected_saying_where_to_put_it(
    store: Store, tmp_path: Path
) -> None:
    before = table_contents(store)
    rows = [["Họ và tên", "Ngày sinh", "Xếp loại"], ["Nguyễn Văn An", "12/03/1975", "HTTNV"]]
    result = import_path(store, "evaluation", write_csv(tmp_path / "dg.csv", rows))
    assert result.status == "rejected"
    [error] = result.errors
    assert error.message.startswith("Không xác định được năm đánh giá")
    assert "--year" in error.message
    assert error.code == "EVAL_NO_PERIOD"
    assert table_contents(store) == before


def test_year_in_sheet_name_without_diacritics_is_read(store: Store, tmp_path: Path) -> None:
    rows = [["STT", "Họ và tên", "Năm sinh", "Xếp loại"], [1, "Lê Thị Cúc", 1990, "HTNV"]]
    path = write_xlsx(tmp_path / "dg.xlsx", SheetSpec("Nam 2024", rows))
    result = import_path(store, "evaluation", path, ward="Phường Việt Hòa")
    assert result.status == "imported", result.errors
    assert store.execute("select year, staff_id from evaluation_rows") == [(2024, "VH-003")]


def test_an_invalid_grade_text_rejects_the_file_naming_the_cell(
    store: Store, tmp_path: Path
) -> None:
    before = table_contents(store)
    rows = evaluation_sheet(
        ["STT", "Họ và tên", "Năm sinh", "Chức vụ", "Đơn vị", "Năm", "Điểm", "Xếp loại"],
        [
            *([i, "Nguyễn Văn An", 1975, "", "", 2025, 80, "HTTNV"] for i in range(1, 7)),
            [7, "Trần Thị Bình", 1982, "", "", 2025, 80, "Tốt lắm"],
        ],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "rejected"
    [error] = result.errors
    # Header row 5, rows 6–11 fine, row 12 the bad one; "Xếp loại" is column H.
    assert (error.row, error.column, error.header) == (12, "H", "Xếp loại")
    assert error.code == "EVAL_GRADE_INVALID"
    assert "ô H12" in error.text()
    assert "'Tốt lắm'" in error.message
    assert table_contents(store) == before


def test_a_score_of_150_rejects_the_file_naming_the_cell(store: Store, tmp_path: Path) -> None:
    before = table_contents(store)
    rows = evaluation_sheet(
        ["STT", "Họ và tên", "Năm sinh", "Điểm đánh giá", "Xếp loại"],
        [[1, "Nguyễn Văn An", 1975, 95, "HTXSNV"], [2, "Trần Thị Bình", 1982, 150, "HTXSNV"]],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "rejected"
    [error] = result.errors
    assert "ô D7" in error.text()
    assert "150" in error.message
    assert error.code == "EVAL_SCORE_INVALID"
    assert table_contents(store) == before


def test_a_score_that_is_not_a_number_rejects_the_file(store: Store, tmp_path: Path) -> None:
    rows = evaluation_sheet(
        ["STT", "Họ và tên", "Năm sinh", "Điểm", "Xếp loại"],
        [[1, "Nguyễn Văn An", 1975, "chín mươi", "HTXSNV"]],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "rejected"
    assert "ô D6" in result.errors[0].text()
    assert result.errors[0].code == "EVAL_SCORE_INVALID"


def test_decimal_comma_scores_and_percent_cells_are_read(store: Store, tmp_path: Path) -> None:
    rows = evaluation_sheet(
        ["STT", "Họ và tên", "Năm sinh", "Điểm", "Xếp loại", "Tỷ lệ hồ sơ đúng hạn (%)"],
        [
            [1, "Nguyễn Văn An", 1975, "85,5", "HTTNV", "95%"],
            [2, "Trần Thị Bình", 1982, 71, "HTTNV", ""],
        ],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute("select score, on_time_rate from evaluation_rows order by source_row") == [
        (85.5, 95.0),
        (71.0, None),
    ]


def test_a_later_evaluation_of_the_same_year_replaces_the_grade_in_the_view(
    store: Store, tmp_path: Path
) -> None:
    first = evaluation_sheet(
        ["STT", "Mã CBCC", "Họ và tên", "Xếp loại"], [[1, "VH-001", "Nguyễn Văn An", "HTNV"]]
    )
    second = evaluation_sheet(
        ["STT", "Mã CBCC", "Họ và tên", "Xếp loại"],
        [[1, "VH-001", "Nguyễn Văn An", "HTTNV"]],
        title="KẾT QUẢ ĐÁNH GIÁ NĂM 2025 (bổ sung)",
    )
    import_path(store, "evaluation", write_grid(tmp_path / "dg1.xlsx", first))
    import_path(store, "evaluation", write_grid(tmp_path / "dg2.xlsx", second))
    assert store.execute("select count(*) from evaluation_rows") == [(2,)]
    assert store.execute("select staff_id, year, grade from evaluations") == [
        ("VH-001", 2025, "HTTNV")
    ]


def test_a_full_birth_date_matches_a_person_the_roster_knows_only_by_birth_year(
    store: Store, tmp_path: Path
) -> None:
    rows = evaluation_sheet(
        ["STT", "Họ và tên", "Ngày sinh", "Xếp loại"],
        [
            [1, "Lê Thị Cúc", "12/05/1990", "HTTNV"],  # the roster holds only 1990
            [
                2,
                "Trần Thị Bình",
                "06/07/1982",
                "HTTNV",
            ],  # the roster holds 05/07/1982: someone else
        ],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert stored(store) == [
        (6, "Lê Thị Cúc", 2025, "VH-003", "name_birth_year", "HTTNV"),
        (7, "Trần Thị Bình", 2025, None, "unmatched", "HTTNV"),
    ]


def test_the_signing_date_line_does_not_give_the_evaluation_year(
    store: Store, tmp_path: Path
) -> None:
    # Official documents put "Việt Hòa, ngày … tháng … năm 2026" under the motto: signed in
    # January 2026, about 2025.
    rows = [
        ["ỦY BAN NHÂN DÂN", None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["PHƯỜNG VIỆT HÒA", None, "Độc lập - Tự do - Hạnh phúc"],
        [None, None, "Việt Hòa, ngày 15 tháng 01 năm 2026"],
        ["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC NĂM 2025"],
        ["STT", "Họ và tên", "Ngày sinh", "Xếp loại"],
        [1, "Nguyễn Văn An", "12/03/1975", "HTTNV"],
    ]
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert result.year == 2025
    assert store.execute("select year from evaluation_rows") == [(2025,)]


def test_a_signing_date_alone_is_not_taken_for_the_evaluation_year(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        ["PHƯỜNG VIỆT HÒA", None, "Việt Hòa, ngày 15 tháng 01 năm 2026"],
        ["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC"],
        ["STT", "Họ và tên", "Ngày sinh", "Xếp loại"],
        [1, "Nguyễn Văn An", "12/03/1975", "HTTNV"],
    ]
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "rejected"
    assert result.errors[0].message.startswith("Không xác định được năm đánh giá")


# ------------------------------------------------------------------ files as cadre software writes them
MONTHLY_TITLE = "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CÁN BỘ, CÔNG CHỨC THÁNG 12 NĂM 2025"


def test_a_monthly_file_of_cadre_software_imports_to_the_values_written_by_hand(
    store: Store, tmp_path: Path
) -> None:
    rows: list[list[object]] = [
        ["ỦY BAN NHÂN DÂN", None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
        ["PHƯỜNG VIỆT HÒA", None, None, "Độc lập - Tự do - Hạnh phúc"],
        [None, None, None, "Việt Hòa, ngày 05 tháng 01 năm 2026"],
        [MONTHLY_TITLE],
        ["STT", "Cá nhân", "Ngày sinh", "Mức xếp loại", "Ghi chú"],
        ["I. Văn phòng HĐND và UBND"],  # a section row, merged across (row 6)
        [1, "Trần Thị Bình", "05/07/1982", "KHT", None],
        [2, "Nguyễn Thị Hương", "01/02/1985", "Hoàn thành tốt nhiệm vụ", None],
        ["II", "Phòng Văn hóa – Xã hội"],  # a numeral in STT, the unit in the next column
        [3, "Lê Thị Cúc", "1990", "htxs", "Tháng có sáng kiến"],
        ["Tổng cộng: 3 người"],
        [None, "NGƯỜI LẬP BIỂU", None, "CHỦ TỊCH"],
    ]
    path = write_grid(tmp_path / "xep_loai_thang_12.xlsx", rows, merges=[(6, 1, 6, 5)])
    result = import_path(store, "evaluation", path)
    assert result.status == "imported", result.errors
    assert result.warnings == []
    assert (result.rows_imported, result.year) == (3, 2025)
    assert store.execute(
        """
        select source_row, full_name, staff_id, match_method, unit, year, period_kind,
               period_number, grade, note
        from evaluation_rows order by source_row
        """
    ) == [
        (7, "Trần Thị Bình", "VH-002", "name_birth_date", "Văn phòng HĐND và UBND", 2025, "month", 12, "KHTNV", None),
        (8, "Nguyễn Thị Hương", "VH-004", "name_birth_date", "Văn phòng HĐND và UBND", 2025, "month", 12, "HTTNV", None),
        (10, "Lê Thị Cúc", "VH-003", "name_birth_year", "Phòng Văn hóa – Xã hội", 2025, "month", 12, "HTXSNV", "Tháng có sáng kiến"),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("written", "grade"),
    [
        ("HTXS", "HTXSNV"),
        ("HTT", "HTTNV"),
        ("HT", "HTNV"),
        ("KHT", "KHTNV"),
        ("htxsnv", "HTXSNV"),
        ("HTTNV", "HTTNV"),
        ("HTNV", "HTNV"),
        ("khtnv", "KHTNV"),
        ("Hoàn thành xuất sắc nhiệm vụ", "HTXSNV"),
        ("HOÀN THÀNH TỐT NHIỆM VỤ", "HTTNV"),
        ("hoan thanh nhiem vu", "HTNV"),
        ("Không hoàn thành nhiệm vụ", "KHTNV"),
        ("Khong hoan thanh nhiem vu", "KHTNV"),
    ],
)
def test_grades_are_read_in_every_written_form(
    store: Store, tmp_path: Path, written: str, grade: str
) -> None:
    rows = evaluation_sheet(
        ["STT", "Cá nhân", "Năm sinh", "Mức xếp loại"], [[1, "Lê Thị Cúc", 1990, written]]
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute("select grade from evaluation_rows") == [(grade,)]


@pytest.mark.parametrize("name_header", ["Cá nhân", "Họ tên", "Họ và tên"])
@pytest.mark.parametrize(
    "grade_header", ["Mức xếp loại", "Xếp loại", "Mức độ xếp loại", "Kết quả xếp loại"]
)
def test_name_and_grade_columns_are_found_under_their_usual_headers(
    store: Store, tmp_path: Path, name_header: str, grade_header: str
) -> None:
    rows = evaluation_sheet(
        ["STT", name_header, "Ngày sinh", grade_header], [[1, "Nguyễn Văn An", "12/03/1975", "HTT"]]
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert stored(store) == [(6, "Nguyễn Văn An", 2025, "VH-001", "name_birth_date", "HTTNV")]


def test_a_person_matched_by_name_only_is_warned_with_its_code(
    store: Store, tmp_path: Path
) -> None:
    rows = evaluation_sheet(["STT", "Cá nhân", "Mức xếp loại"], [[1, "Lê Thị Cúc", "HT"]])
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert [(w.row, w.code) for w in result.warnings] == [(6, "EVAL_NAME_ONLY")]


def test_a_row_without_grade_or_score_is_kept_and_warned_with_its_code(
    store: Store, tmp_path: Path
) -> None:
    rows = evaluation_sheet(
        ["STT", "Mã CBCC", "Cá nhân", "Mức xếp loại"], [[1, "VH-001", "Nguyễn Văn An", None]]
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "imported", result.errors
    assert [(w.row, w.column, w.code) for w in result.warnings] == [(6, "D", "EVAL_NO_RESULT")]


def test_an_invalid_year_cell_rejects_the_file_with_its_code(store: Store, tmp_path: Path) -> None:
    rows = [
        ["Mã CBCC", "Họ tên", "Năm", "Xếp loại"],
        ["VH-001", "Nguyễn Văn An", "năm ngoái", "HTT"],
    ]
    result = import_path(store, "evaluation", write_csv(tmp_path / "dg.csv", rows))
    assert result.status == "rejected"
    assert [(e.row, e.column, e.code) for e in result.errors] == [(2, "C", "EVAL_YEAR_INVALID")]


def test_an_out_of_range_rate_rejects_the_file_with_its_code(store: Store, tmp_path: Path) -> None:
    rows = evaluation_sheet(
        ["STT", "Mã CBCC", "Cá nhân", "Xếp loại", "Mức độ hài lòng (%)"],
        [[1, "VH-001", "Nguyễn Văn An", "HTT", 140]],
    )
    result = import_path(store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows))
    assert result.status == "rejected"
    assert [(e.column, e.code) for e in result.errors] == [("E", "EVAL_RATE_INVALID")]
