"""What offices write, stored as the canonical categories of DOMAIN.md §3."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheet_writers import SheetSpec, import_path, new_store, roster_rows, write_grid, write_xlsx

from analytics.store import Store

HEADER = [
    "TT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Đơn vị",
    "Chức vụ",
    "Trình độ chuyên môn",
    "LLCT",
    "QLNN",
]


@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


def person(
    n: int, name: str, education: str = "", llct: str = "", qlnn: str = "", **cells: str
) -> list[object]:
    return [
        n,
        name,
        cells.get("birth", f"01/01/{1970 + n}"),
        cells.get("gender", "Nam"),
        cells.get("unit", "Phòng Văn hóa – Xã hội"),
        cells.get("position", "Chuyên viên"),
        education,
        llct,
        qlnn,
    ]


def import_people(
    store: Store, tmp_path: Path, people: list[list[object]], name: str = "ds.xlsx"
) -> object:
    path = write_grid(tmp_path / name, roster_rows(people, header=HEADER))
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    return result


EDUCATION_CASES = [
    ("ĐH", "Đại học", None),
    ("Đại học", "Đại học", None),
    ("Cử nhân Luật", "Đại học", "Luật"),
    ("ĐH Luật", "Đại học", "Luật"),
    ("ThS Quản lý đất đai", "Thạc sĩ", "Quản lý đất đai"),
    ("Thạc sĩ Kinh tế", "Thạc sĩ", "Kinh tế"),
    ("Kỹ sư Xây dựng dân dụng", "Đại học", "Xây dựng dân dụng"),
    ("Bác sĩ", "Đại học", "Y"),
    ("TS Luật", "Tiến sĩ", "Luật"),
    ("CĐ Kế toán", "Cao đẳng", "Kế toán"),
    ("TC", "Trung cấp", None),
    ("TC Kế toán", "Trung cấp", "Kế toán"),
    ("Sơ cấp", "Sơ cấp", None),
    ("ThS QL kinh tế", "Thạc sĩ", "Quản lý kinh tế"),
]


def test_education_cells_become_level_and_major(store: Store, tmp_path: Path) -> None:
    people = [
        person(i, f"Người Số {i}", education=text)
        for i, (text, _, _) in enumerate(EDUCATION_CASES, start=1)
    ]
    import_people(store, tmp_path, people)
    got = store.execute("select education_level, major from roster_rows order by source_row")
    assert got == [(level, major) for _, level, major in EDUCATION_CASES]


def test_tc_and_cc_mean_different_things_in_the_education_and_llct_columns(
    store: Store, tmp_path: Path
) -> None:
    import_people(
        store,
        tmp_path,
        [
            person(1, "Nguyễn Văn An", education="TC", llct="TC"),
            person(2, "Trần Văn Bảo", education="ĐH", llct="CC"),
            person(3, "Lê Văn Cường", education="ĐH", llct="Cử nhân"),
            person(4, "Phạm Văn Dũng", education="ĐH", llct="SC"),
        ],
    )
    got = store.execute(
        "select education_level, political_theory from roster_rows order by source_row"
    )
    assert got == [
        ("Trung cấp", "Trung cấp"),
        ("Đại học", "Cao cấp"),
        ("Đại học", "Cử nhân"),
        ("Đại học", "Sơ cấp"),
    ]


def test_state_management_abbreviations_become_full_names(store: Store, tmp_path: Path) -> None:
    import_people(
        store,
        tmp_path,
        [
            person(1, "Nguyễn Văn An", qlnn="CVC"),
            person(2, "Trần Văn Bảo", qlnn="CV"),
            person(3, "Lê Văn Cường", qlnn="Chuyên viên cao cấp"),
            person(4, "Phạm Văn Dũng", qlnn="Cán sự"),
        ],
    )
    got = store.execute("select state_management from roster_rows order by source_row")
    assert got == [("Chuyên viên chính",), ("Chuyên viên",), ("Chuyên viên cao cấp",), ("Cán sự",)]


def test_empty_category_cells_are_null_without_warnings(store: Store, tmp_path: Path) -> None:
    result = import_people(store, tmp_path, [person(1, "Nguyễn Văn An")])
    got = store.execute(
        "select education_level, major, political_theory, state_management from roster_rows"
    )
    assert got == [(None, None, None, None)]
    assert result.warnings == []  # type: ignore[attr-defined]


def test_unknown_category_value_is_null_and_warned_at_its_cell(
    store: Store, tmp_path: Path
) -> None:
    result = import_people(
        store,
        tmp_path,
        [
            person(1, "Nguyễn Văn An", llct="TC"),
            person(2, "Trần Văn Bảo", llct="Đang học"),
        ],
    )
    assert store.execute("select political_theory from roster_rows order by source_row") == [
        ("Trung cấp",),
        (None,),
    ]
    [warning] = result.warnings  # type: ignore[attr-defined]
    # Title block rows 1–6, header row 7, people rows 8 and 9; LLCT is column H.
    assert (warning.sheet, warning.row, warning.column, warning.header) == (
        "Danh sach",
        9,
        "H",
        "LLCT",
    )
    assert "'Đang học'" in warning.message
    assert warning.text().startswith(
        "Tệp 'ds.xlsx', trang 'Danh sach', ô H9 (cột 'LLCT'): không nhận ra 'Đang học'"
    )


def test_unknown_education_value_is_null_and_warned(store: Store, tmp_path: Path) -> None:
    result = import_people(store, tmp_path, [person(1, "Nguyễn Văn An", education="Đang theo học")])
    assert store.execute("select education_level, major from roster_rows") == [(None, None)]
    [warning] = result.warnings  # type: ignore[attr-defined]
    assert (warning.row, warning.column) == (8, "G")
    assert "'Đang theo học'" in warning.message


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_decomposed_text_is_stored_composed_and_groups_with_composed_text(
    store: Store, tmp_path: Path
) -> None:
    composed = person(
        1, "Nguyễn Thị Hương", education="Cử nhân Luật", unit="Phòng Văn hóa – Xã hội"
    )
    decomposed = person(
        2, nfd("Trần Thị Hương"), education=nfd("Cử nhân Luật"), unit=nfd("Phòng Văn hóa – Xã hội")
    )
    assert decomposed[1] != "Trần Thị Hương"  # the fixture really is NFD
    import_people(store, tmp_path, [composed, decomposed])
    got = store.execute("select full_name, unit, major from roster_rows order by source_row")
    assert got == [
        ("Nguyễn Thị Hương", "Phòng Văn hóa – Xã hội", "Luật"),
        ("Trần Thị Hương", "Phòng Văn hóa – Xã hội", "Luật"),
    ]
    assert store.execute("select count(distinct unit), count(distinct major) from roster_rows") == [
        (1, 1)
    ]


def test_decomposed_name_matches_the_composed_name_in_an_evaluation(
    store: Store, tmp_path: Path
) -> None:
    import_people(store, tmp_path, [person(1, "Nguyễn Thị Hương", birth="12/03/1985")])
    rows = [
        ["KẾT QUẢ ĐÁNH GIÁ NĂM 2025"],
        ["STT", "Họ và tên", "Ngày sinh", "Xếp loại"],
        [1, nfd("Nguyễn Thị Hương"), "12/03/1985", "HTTNV"],
    ]
    result = import_path(
        store, "evaluation", write_grid(tmp_path / "dg.xlsx", rows), ward="Phường Việt Hòa"
    )
    assert result.status == "imported", result.errors
    assert store.execute("select match_method, full_name from evaluation_rows") == [
        ("name_birth_date", "Nguyễn Thị Hương")
    ]


def test_names_units_and_positions_are_tidied(store: Store, tmp_path: Path) -> None:
    import_people(
        store,
        tmp_path,
        [
            person(1, "  nguyễn   văn AN ", unit="Phòng VH-XH", position="PCT"),
            person(2, "TRẦN THỊ BÌNH", unit="VP HĐND và UBND", position="Trưởng phòng"),
        ],
    )
    got = store.execute(
        "select full_name, unit, position, is_leader from roster_rows order by source_row"
    )
    assert got == [
        ("Nguyễn Văn An", "Phòng Văn hóa – Xã hội", "Phó Chủ tịch UBND", True),
        ("Trần Thị Bình", "Văn phòng HĐND và UBND", "Trưởng phòng", True),
    ]


GRADE_CASES = [
    ("Hoàn thành xuất sắc nhiệm vụ", "HTXSNV"),
    ("Xuất sắc", "HTXSNV"),
    ("HTXSNV", "HTXSNV"),
    ("Hoàn thành tốt nhiệm vụ", "HTTNV"),
    ("HTTNV", "HTTNV"),
    ("hoàn thành tốt", "HTTNV"),
    ("Hoàn thành nhiệm vụ", "HTNV"),
    ("HTNV", "HTNV"),
    ("Không hoàn thành nhiệm vụ", "KHTNV"),
    ("KHTNV", "KHTNV"),
    ("Không xếp loại", None),
]


def test_grade_texts_become_codes(store: Store, tmp_path: Path) -> None:
    rows = [
        ["KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2025"],
        ["STT", "Họ và tên", "Năm sinh", "Xếp loại"],
        *([i, f"Người Số {i}", 1980 + i, text] for i, (text, _) in enumerate(GRADE_CASES, start=1)),
    ]
    path = write_xlsx(tmp_path / "dg.xlsx", SheetSpec("KQ", rows))
    result = import_path(store, "evaluation", path, ward="Phường Việt Hòa")
    assert result.status == "imported", result.errors
    got = store.execute("select grade from evaluation_rows order by source_row")
    assert got == [(code,) for _, code in GRADE_CASES]


def test_birth_date_parsed_from_text_keeps_day_and_month_order(
    store: Store, tmp_path: Path
) -> None:
    import_people(store, tmp_path, [person(1, "Nguyễn Văn An", birth="03/12/1975")])
    assert store.execute("select birth_date from roster_rows") == [(dt.date(1975, 12, 3),)]
