"""Unit section rows as offices write them: one merged cell, or the numeral in the TT column and
the unit's name in the name column. They are units, never people (issue 8, part 3)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sheet_writers import TITLE_BLOCK, SheetSpec, import_path, new_store, write_csv, write_xlsx

from analytics.ingest.sheet import not_a_person

HEADER = ["TT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Trình độ chuyên môn"]
ROWS = [
    ["A", "CÁN BỘ"],  # a heading: not a unit, not a person
    ["I", "Lãnh đạo UBND phường"],
    [1, "Nguyễn Văn An", "12/03/1975", "Nam", "Chủ tịch", "ThS Luật"],
    ["B", "CÔNG CHỨC"],
    ["II", "Văn phòng HĐND và UBND"],
    [2, "Trần Thị Bình", "05/07/1982", "Nữ", "Chuyên viên", "ĐH Luật"],
    [3, "Lê Văn Cường", "01/01/1980", "Nam", "Chuyên viên", "ĐH Hành chính"],
    ["III", "Phòng Văn hóa – Xã hội"],
    [4, "Phạm Thị Dung", "02/02/1985", "Nữ", "Chuyên viên", "ĐH Văn hóa"],
    # An Arabic numeral with a unit's name and nothing else: a unit row too.
    [5, "Phòng Kinh tế, Hạ tầng và Đô thị"],
    [6, "Hoàng Văn Em", "03/03/1990", "Nam", "Chuyên viên", "ĐH Xây dựng"],
    # A unit's name with a person's data: never a person, and reported.
    [7, "Trung tâm Phục vụ hành chính công", "1988", "Nam", "Chuyên viên", "ĐH"],
]
EXPECTED = [
    ("Nguyễn Văn An", "Lãnh đạo UBND phường"),
    ("Trần Thị Bình", "Văn phòng HĐND và UBND"),
    ("Lê Văn Cường", "Văn phòng HĐND và UBND"),
    ("Phạm Thị Dung", "Phòng Văn hóa – Xã hội"),
    ("Hoàng Văn Em", "Phòng Kinh tế, Hạ tầng và Đô thị"),
]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_numeral_and_name_rows_are_units_and_people_get_them(tmp_path: Path, suffix: str) -> None:
    rows = [*TITLE_BLOCK, HEADER, *ROWS, ["Tổng cộng: 5 người"]]
    path = tmp_path / f"ds{suffix}"
    if suffix == ".xlsx":
        write_xlsx(path, SheetSpec("Danh sách", rows))
    else:
        write_csv(path, rows)
    store = new_store()
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.as_json()
    assert result.rows_imported == 5
    assert store.execute("select full_name, unit from staff order by source_row") == EXPECTED
    [odd] = [w for w in result.warnings if w.code == "ROW_NOT_A_PERSON"]
    # Row of "Trung tâm…": the title block (6 rows), the header, then the 12th data row.
    assert odd.row == len(TITLE_BLOCK) + 1 + 12
    assert odd.column == "B"
    assert "'Trung tâm Phục vụ hành chính công' là tên đơn vị" in odd.message


def test_a_merged_unit_row_without_a_tt_column_is_a_unit(tmp_path: Path) -> None:
    header = ["Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"]
    rows = [
        *TITLE_BLOCK,
        header,
        ["Văn phòng HĐND và UBND"],
        ["Trần Thị Bình", "05/07/1982", "Nữ", "Chuyên viên"],
        ["Phòng Văn hóa – Xã hội"],
        ["Bàn Văn Sinh", "01/01/1991", "Nam", "Chuyên viên"],  # a Dao surname, a person
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", SheetSpec("DS", rows, [(8, 1, 8, 4), (10, 1, 10, 4)]))
    store = new_store()
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.as_json()
    assert store.execute("select full_name, unit from staff order by source_row") == [
        ("Trần Thị Bình", "Văn phòng HĐND và UBND"),
        ("Bàn Văn Sinh", "Phòng Văn hóa – Xã hội"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I. Văn phòng HĐND và UBND", "unit"),
        ("Ban Chỉ huy Quân sự", "unit"),
        ("Đảng ủy phường", "unit"),
        ("Cán bộ, công chức", "heading"),
        ("Người hoạt động không chuyên trách", "heading"),
        ("Bàn Văn Sinh", None),
        ("Ban Thị Hoa", None),
        ("Công Thị Lan", None),
        ("Lê Hà", None),
        ("Đoàn Thế Toàn", None),  # folded it reads as "đoàn thể"
        ("Đoàn thể chính trị – xã hội", "unit"),
        ("Phong Kinh te", "unit"),  # no diacritics at all: matched folded
        ("Doan The Toan", None),
        ("CÁN BỘ, CÔNG CHỨC", "heading"),
    ],
)
def test_what_a_name_cell_holds(text: str, expected: str | None) -> None:
    assert not_a_person(text) == expected


def test_a_units_subtotal_does_not_end_the_table(tmp_path: Path) -> None:
    """'Cộng: 2 người' after each unit: the people of the next units are still read; the
    signature block still ends the table (its names are not people)."""
    rows = [
        *TITLE_BLOCK,
        HEADER,
        ["I", "Văn phòng HĐND và UBND"],
        [1, "Trần Thị Bình", "05/07/1982", "Nữ", "Chuyên viên", "ĐH Luật"],
        [2, "Lê Văn Cường", "01/01/1980", "Nam", "Chuyên viên", "ĐH"],
        ["", "Cộng: 2 người"],
        ["II", "Phòng Văn hóa – Xã hội"],
        [3, "Phạm Thị Dung", "02/02/1985", "Nữ", "Chuyên viên", "ĐH Văn hóa"],
        ["", "Cộng: 1 người"],
        ["Tổng cộng: 3 người"],
        [],
        ["NGƯỜI LẬP BIỂU", None, None, None, "KT. CHỦ TỊCH"],
        [],
        ["Lê Văn Lập", None, None, None, "Phạm Văn Ký"],
    ]
    store = new_store()
    result = import_path(store, "roster", write_xlsx(tmp_path / "ds.xlsx", SheetSpec("DS", rows)))
    assert result.status == "imported", result.as_json()
    assert store.execute("select full_name, unit from staff order by source_row") == [
        ("Trần Thị Bình", "Văn phòng HĐND và UBND"),
        ("Lê Văn Cường", "Văn phòng HĐND và UBND"),
        ("Phạm Thị Dung", "Phòng Văn hóa – Xã hội"),
    ]
