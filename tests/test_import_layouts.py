"""Roster layouts as offices write them (DOMAIN.md §7): title block, merged headers, numbering
row, units as section rows or a column, Nam | Nữ birth columns, totals and signatures, headers
without diacritics, several sheets, and the three file formats."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheet_writers import (
    ROSTER_HEADER,
    TITLE_BLOCK,
    SheetSpec,
    import_path,
    new_store,
    roster_rows,
    write_csv,
    write_grid,
    write_xls,
    write_xlsx,
)

from analytics.demo_files import Person, write_official_roster
from analytics.store import Store

AS_OF = dt.date(2026, 9, 30)

PEOPLE = [
    Person(
        "Nguyễn Văn An",
        dt.date(1975, 3, 12),
        "Nam",
        "Lãnh đạo UBND phường",
        "Phó Chủ tịch",
        "Kinh tế",
        "ThS Quản lý kinh tế",
        "CC",
        "CVC",
        "B",
        "B1",
        "01.002",
        True,
    ),
    Person(
        "Trần Thị Bình",
        1987,
        "Nữ",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Chuyên viên",
        "Đất đai",
        "ĐH Quản lý đất đai",
        "TC",
        "CV",
        "Cơ bản",
        "",
        "01.003",
        False,
    ),
    Person(
        "Lê Thị Cúc",
        dt.date(1990, 11, 2),
        "Nữ",
        "Phòng Văn hóa – Xã hội",
        "Chuyên viên",
        "Văn hóa",
        "Cử nhân Luật",
        "SC",
        "",
        "",
        "",
        "01.003",
        False,
    ),
    Person(
        "Phạm Văn Dũng",
        "05/07/1982",
        "Nam",
        "Phòng Văn hóa – Xã hội",
        "Trưởng phòng",
        "Văn hóa",
        "Kỹ sư Xây dựng dân dụng",
        "TC",
        "CV",
        "",
        "",
        "01.003",
        True,
    ),
]

# What each official file must yield, written by hand from PEOPLE above.
EXPECTED_OFFICIAL = [
    ("Nguyễn Văn An", dt.date(1975, 3, 12), 1975, "Nam", "Lãnh đạo UBND phường", "Thạc sĩ"),
    ("Trần Thị Bình", None, 1987, "Nữ", "Phòng Kinh tế, Hạ tầng và Đô thị", "Đại học"),
    ("Lê Thị Cúc", dt.date(1990, 11, 2), 1990, "Nữ", "Phòng Văn hóa – Xã hội", "Đại học"),
    ("Phạm Văn Dũng", dt.date(1982, 7, 5), 1982, "Nam", "Phòng Văn hóa – Xã hội", "Đại học"),
]


@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


def staff_rows(store: Store) -> list[tuple[object, ...]]:
    return store.execute(
        "select full_name, birth_date, birth_year, gender, unit, education_level "
        "from roster_rows order by source_row"
    )


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_official_layout_with_sections_and_nam_nu_columns_imports_exactly_the_people(
    store: Store, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"danh_sach{suffix}"
    write_official_roster(path, PEOPLE, as_of=AS_OF, preparer="Lê Văn Lập", approver="Phạm Văn Ký")
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    assert result.rows_imported == 4
    assert staff_rows(store) == EXPECTED_OFFICIAL
    assert result.as_of == AS_OF
    assert result.wards == ["Phường Việt Hòa"]


def test_official_layout_rows_point_at_the_excel_rows_below_title_header_and_numbering(
    store: Store, tmp_path: Path
) -> None:
    # Rows 1–5 title block, 7–8 header, 9 numbering, 10 "I. …", 11 person, 12 "II. …", 13 person,
    # 14 "III. …", 15 and 16 people, 17 total.
    path = tmp_path / "danh_sach.xlsx"
    write_official_roster(path, PEOPLE, as_of=AS_OF)
    import_path(store, "roster", path)
    rows = store.execute("select source_row from roster_rows order by source_row")
    assert [r[0] for r in rows] == [11, 13, 15, 16]


def test_total_row_and_signature_names_are_not_imported_as_people(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "danh_sach.xlsx"
    write_official_roster(path, PEOPLE, as_of=AS_OF, preparer="Lê Văn Lập", approver="Phạm Văn Ký")
    import_path(store, "roster", path)
    names = {r[0] for r in store.execute("select full_name from roster_rows")}
    assert names == {"Nguyễn Văn An", "Trần Thị Bình", "Lê Thị Cúc", "Phạm Văn Dũng"}


def test_one_row_header_with_a_unit_column_and_a_gender_column(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "danh_sach.xlsx"
    write_official_roster(
        path, PEOPLE, as_of=AS_OF, sections=False, split_birth_by_gender=False, numbering_row=False
    )
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    assert staff_rows(store) == EXPECTED_OFFICIAL


def test_official_layout_without_numbering_row_and_with_id_column_keeps_the_ids(
    store: Store, tmp_path: Path
) -> None:
    people = [
        Person(
            p.full_name, p.birth, p.gender, p.unit, p.position, p.field, p.education,
            p.political_theory, p.state_management, p.it_skill, p.foreign_language,
            p.rank_code, p.party_member, staff_id=f"VH-{i:03d}",
        )
        for i, p in enumerate(PEOPLE, start=1)
    ]  # fmt: skip
    path = tmp_path / "danh_sach.xlsx"
    write_official_roster(path, people, as_of=AS_OF, numbering_row=False, with_id=True)
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    ids = store.execute("select staff_id, full_name from roster_rows order by source_row")
    assert ids == [
        ("VH-001", "Nguyễn Văn An"),
        ("VH-002", "Trần Thị Bình"),
        ("VH-003", "Lê Thị Cúc"),
        ("VH-004", "Phạm Văn Dũng"),
    ]


def test_section_rows_give_the_unit_of_the_people_below_them(store: Store, tmp_path: Path) -> None:
    rows = [
        *TITLE_BLOCK,
        ["TT", "Họ và tên", "Ngày sinh", "Chức vụ"],
        ["I. Lãnh đạo UBND phường"],
        [1, "Nguyễn Văn An", "12/03/1975", "Chủ tịch"],
        ["II. Phòng Văn hóa – Xã hội"],
        [2, "Lê Thị Cúc", "02/11/1990", "Chuyên viên"],
        [3, "Phạm Văn Dũng", "05/07/1982", "Trưởng phòng"],
        ["III. Trung tâm Phục vụ hành chính công"],
        [4, "Hoàng Thị Em", "1995", "Viên chức"],
    ]
    path = write_grid(
        tmp_path / "ds.xlsx", rows, merges=[(8, 1, 8, 4), (10, 1, 10, 4), (13, 1, 13, 4)]
    )
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    assert store.execute("select full_name, unit from roster_rows order by source_row") == [
        ("Nguyễn Văn An", "Lãnh đạo UBND phường"),
        ("Lê Thị Cúc", "Phòng Văn hóa – Xã hội"),
        ("Phạm Văn Dũng", "Phòng Văn hóa – Xã hội"),
        ("Hoàng Thị Em", "Trung tâm Phục vụ hành chính công"),
    ]


def two_row_header_sheet() -> tuple[list[list[object]], list[tuple[int, int, int, int]]]:
    rows: list[list[object]] = [
        *TITLE_BLOCK,
        ["TT", "Họ và tên", "Ngày, tháng, năm sinh", None, "Chức vụ", "Trình độ", None, None],
        [None, None, "Nam", "Nữ", None, "Chuyên môn", "Lý luận chính trị", "Quản lý nhà nước"],
        ["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)"],
        ["I. Phòng Văn hóa – Xã hội"],
        [1, "Phạm Văn Dũng", dt.date(1982, 7, 5), None, "Trưởng phòng", "ĐH Luật", "TC", "CV"],
        [2, "Lê Thị Cúc", None, "02/11/1990", "Chuyên viên", "ThS Quản lý đất đai", "SC", "CVC"],
        [3, "Đỗ Thị Giang", None, 1993, "Chuyên viên", "CĐ Kế toán", "", ""],
    ]
    merges = [(7, 1, 8, 1), (7, 2, 8, 2), (7, 3, 7, 4), (7, 5, 8, 5), (7, 6, 7, 8), (10, 1, 10, 8)]
    return rows, merges


EXPECTED_TWO_ROW = [
    (
        "Phạm Văn Dũng",
        dt.date(1982, 7, 5),
        1982,
        "Nam",
        "Đại học",
        "Luật",
        "Trung cấp",
        "Chuyên viên",
    ),
    (
        "Lê Thị Cúc",
        dt.date(1990, 11, 2),
        1990,
        "Nữ",
        "Thạc sĩ",
        "Quản lý đất đai",
        "Sơ cấp",
        "Chuyên viên chính",
    ),
    ("Đỗ Thị Giang", None, 1993, "Nữ", "Cao đẳng", "Kế toán", None, None),
]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_two_row_merged_header_maps_sub_columns_and_gender_from_the_nam_nu_column(
    store: Store, tmp_path: Path, suffix: str
) -> None:
    rows, merges = two_row_header_sheet()
    path = write_grid(tmp_path / f"ds{suffix}", rows, merges)
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    got = store.execute(
        "select full_name, birth_date, birth_year, gender, education_level, major, political_theory, "
        "state_management from roster_rows order by source_row"
    )
    assert got == EXPECTED_TWO_ROW


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_two_row_header_without_merges_still_finds_the_nu_column(
    store: Store, tmp_path: Path, suffix: str
) -> None:
    # Some writers (and every CSV) leave the group title in its first column only.
    rows, _ = two_row_header_sheet()
    path = write_grid(tmp_path / f"ds{suffix}", rows, merges=[])
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    got = store.execute("select full_name, birth_year, gender from roster_rows order by source_row")
    assert got == [
        ("Phạm Văn Dũng", 1982, "Nam"),
        ("Lê Thị Cúc", 1990, "Nữ"),
        ("Đỗ Thị Giang", 1993, "Nữ"),
    ]


def test_numbering_row_of_plain_numbers_is_skipped(store: Store, tmp_path: Path) -> None:
    rows = roster_rows(
        [
            [1, 2, 3, 4, 5, 6, 7, 8, 9],
            [
                1,
                "Nguyễn Văn An",
                "12/03/1975",
                "Nam",
                "Văn phòng HĐND và UBND",
                "Chuyên viên",
                "ĐH",
                "TC",
                "CV",
            ],
        ]
    )
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute("select full_name from roster_rows") == [("Nguyễn Văn An",)]


def test_birth_dates_as_date_cells_text_and_bare_years(store: Store, tmp_path: Path) -> None:
    rows = roster_rows(
        [
            [1, "Nguyễn Văn An", dt.date(1975, 3, 12), "Nam", "", "", "", "", ""],
            [2, "Trần Thị Bình", "05/07/1982", "Nữ", "", "", "", "", ""],
            [3, "Lê Thị Cúc", "5/7/1983", "Nữ", "", "", "", "", ""],
            [4, "Phạm Văn Dũng", 1987, "Nam", "", "", "", "", ""],
            [5, "Hoàng Văn Em", "1990", "Nam", "", "", "", "", ""],
            [6, "Vũ Thị Phương", "", "Nữ", "", "", "", "", ""],
        ]
    )
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute(
        "select full_name, birth_date, birth_year from roster_rows order by source_row"
    ) == [
        ("Nguyễn Văn An", dt.date(1975, 3, 12), 1975),
        ("Trần Thị Bình", dt.date(1982, 7, 5), 1982),
        ("Lê Thị Cúc", dt.date(1983, 7, 5), 1983),
        ("Phạm Văn Dũng", None, 1987),
        ("Hoàng Văn Em", None, 1990),
        ("Vũ Thị Phương", None, None),
    ]


HEADER_VARIANTS = [
    pytest.param(
        [
            "STT",
            "Ho va ten",
            "Ngay sinh",
            "Gioi tinh",
            "Don vi",
            "Chuc vu",
            "Trinh do chuyen mon",
            "LLCT",
            "QLNN",
        ],
        id="without-diacritics",
    ),
    pytest.param(
        [
            "TT",
            "Họ tên",
            "Năm sinh",
            "Giới tính",
            "Đơn vị công tác",
            "Chức danh",
            "Trình độ CM",
            "Trình độ LLCT",
            "Trình độ QLNN",
        ],
        id="variants",
    ),
    pytest.param(
        [
            "tt",
            "HỌ VÀ TÊN",
            "NGÀY SINH",
            "GIỚI TÍNH",
            "ĐƠN VỊ",
            "CHỨC VỤ",
            "TRÌNH ĐỘ CHUYÊN MÔN",
            "LÝ LUẬN CHÍNH TRỊ",
            "QUẢN LÝ NHÀ NƯỚC",
        ],
        id="upper-case",
    ),
]


@pytest.mark.parametrize("header", HEADER_VARIANTS)
def test_header_spellings_map_to_the_same_fields(
    store: Store, tmp_path: Path, header: list[str]
) -> None:
    rows = roster_rows(
        [
            [
                1,
                "Nguyễn Văn An",
                "12/03/1975",
                "Nam",
                "Phòng Văn hóa – Xã hội",
                "Chuyên viên",
                "Cử nhân Luật",
                "TC",
                "CVC",
            ]
        ],
        header=header,
    )
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    got = store.execute(
        "select full_name, birth_date, gender, unit, position, education_level, major, political_theory, "
        "state_management from roster_rows"
    )
    assert got == [
        (
            "Nguyễn Văn An",
            dt.date(1975, 3, 12),
            "Nam",
            "Phòng Văn hóa – Xã hội",
            "Chuyên viên",
            "Đại học",
            "Luật",
            "Trung cấp",
            "Chuyên viên chính",
        )
    ]


COVER = SheetSpec(
    "Huong dan",
    [["Hướng dẫn"], ["Danh sách ở trang sau; số liệu do phòng Văn hóa – Xã hội tổng hợp."]],
)
ROSTER = SheetSpec(
    "DS 2026",
    roster_rows([[1, "Nguyễn Văn An", "12/03/1975", "Nam", "", "Chuyên viên", "ĐH", "", ""]]),
)
OTHER_ROSTER = SheetSpec(
    "DS 2025",
    roster_rows([[1, "Trần Thị Bình", "05/07/1982", "Nữ", "", "Chuyên viên", "ĐH", "", ""]]),
)


@pytest.mark.parametrize("writer", [write_xlsx, write_xls], ids=["xlsx", "xls"])
def test_roster_sheet_is_found_after_a_cover_sheet(
    store: Store, tmp_path: Path, writer: object
) -> None:
    path = tmp_path / ("ds.xlsx" if writer is write_xlsx else "ds.xls")
    writer(path, COVER, ROSTER)  # type: ignore[operator]
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    assert result.sheet == "DS 2026"
    assert store.execute("select full_name from roster_rows") == [("Nguyễn Văn An",)]


def test_sheet_named_by_option_is_the_one_imported(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", COVER, ROSTER, OTHER_ROSTER)
    result = import_path(store, "roster", path, sheet="DS 2025")
    assert result.status == "imported", result.errors
    assert result.sheet == "DS 2025"
    assert store.execute("select full_name from roster_rows") == [("Trần Thị Bình",)]


def test_unknown_sheet_name_is_rejected_listing_the_sheets(store: Store, tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", COVER, ROSTER, OTHER_ROSTER)
    result = import_path(store, "roster", path, sheet="Trang 3")
    assert result.status == "rejected"
    [error] = result.errors
    assert (
        error.message
        == "Không có trang 'Trang 3'. Các trang có: 'Huong dan', 'DS 2026', 'DS 2025'."
    )
    assert store.execute("select count(*) from roster_rows") == [(0,)]


def test_a_workbook_whose_only_sheet_is_a_cover_note_is_rejected_naming_the_needed_columns(
    store: Store, tmp_path: Path
) -> None:
    path = write_xlsx(tmp_path / "ds.xlsx", COVER)
    result = import_path(store, "roster", path)
    assert result.status == "rejected"
    [error] = result.errors
    assert "Không tìm thấy dòng tiêu đề" in error.message
    assert "'Họ và tên'" in error.message


FLAT = [
    [
        "TT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Phường",
        "Đơn vị",
        "Chức vụ",
        "Trình độ chuyên môn",
        "LLCT",
    ],
    [
        1,
        "Nguyễn Văn An",
        "12/03/1975",
        "Nam",
        "Phường Việt Hòa",
        "Văn phòng HĐND và UBND",
        "Chánh Văn phòng",
        "ĐH Luật",
        "TC",
    ],
    [
        2,
        "Trần Thị Bình",
        "1987",
        "Nữ",
        "Phường Việt Hòa",
        "Phòng Văn hóa – Xã hội",
        "Chuyên viên",
        "Cử nhân Kinh tế",
        "",
    ],
    [
        3,
        "Lê Thị Cúc",
        "02/11/1990",
        "Nữ",
        "Phường Việt Hòa",
        "Trung tâm Phục vụ hành chính công",
        "Chuyên viên",
        "ThS Quản lý đất đai",
        "SC",
    ],
]
EXPECTED_FLAT = [
    (
        "Nguyễn Văn An",
        dt.date(1975, 3, 12),
        1975,
        "Nam",
        "Phường Việt Hòa",
        "Văn phòng HĐND và UBND",
        "Đại học",
        "Luật",
        "Trung cấp",
    ),
    (
        "Trần Thị Bình",
        None,
        1987,
        "Nữ",
        "Phường Việt Hòa",
        "Phòng Văn hóa – Xã hội",
        "Đại học",
        "Kinh tế",
        None,
    ),
    (
        "Lê Thị Cúc",
        dt.date(1990, 11, 2),
        1990,
        "Nữ",
        "Phường Việt Hòa",
        "Trung tâm Phục vụ hành chính công",
        "Thạc sĩ",
        "Quản lý đất đai",
        "Sơ cấp",
    ),
]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".csv"])
def test_the_same_flat_table_imports_alike_from_xlsx_xls_and_csv(
    store: Store, tmp_path: Path, suffix: str
) -> None:
    path = write_grid(tmp_path / f"ds{suffix}", FLAT)
    result = import_path(store, "roster", path, as_of=AS_OF)
    assert result.status == "imported", result.errors
    got = store.execute(
        "select full_name, birth_date, birth_year, gender, ward, unit, education_level, major, political_theory "
        "from roster_rows order by source_row"
    )
    assert got == EXPECTED_FLAT
    assert store.execute("select file_format from imports") == [(suffix[1:],)]


def test_csv_first_person_whose_gender_is_nam_is_not_mistaken_for_a_sub_header(
    store: Store, tmp_path: Path
) -> None:
    rows = [
        ["Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị"],
        ["Nguyễn Văn An", "12/03/1975", "Nam", "Văn phòng HĐND và UBND"],
        ["Trần Thị Bình", "05/07/1982", "Nữ", "Văn phòng HĐND và UBND"],
    ]
    result = import_path(
        store, "roster", write_csv(tmp_path / "ds.csv", rows), ward="Phường Việt Hòa", as_of=AS_OF
    )
    assert result.status == "imported", result.errors
    assert store.execute("select full_name, gender from roster_rows order by source_row") == [
        ("Nguyễn Văn An", "Nam"),
        ("Trần Thị Bình", "Nữ"),
    ]


def test_csv_with_semicolons_as_excel_writes_them_in_vietnamese_locale(
    store: Store, tmp_path: Path
) -> None:
    path = tmp_path / "ds.csv"
    write_csv(path, FLAT, delimiter=";")
    result = import_path(store, "roster", path, as_of=AS_OF)
    assert result.status == "imported", result.errors
    assert [
        r[0] for r in store.execute("select full_name from roster_rows order by source_row")
    ] == [
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Thị Cúc",
    ]


def test_ward_and_as_of_come_from_the_title_block(store: Store, tmp_path: Path) -> None:
    rows = roster_rows(
        [[1, "Nguyễn Văn An", "12/03/1975", "Nam", "", "", "", "", ""]], header=ROSTER_HEADER
    )
    import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert store.execute("select ward, as_of from roster_rows") == [
        ("Phường Việt Hòa", dt.date(2026, 9, 30))
    ]


DATE_LINE_TITLE: list[list[object]] = [
    ["ỦY BAN NHÂN DÂN", None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["PHƯỜNG VIỆT HÒA", None, "Độc lập - Tự do - Hạnh phúc"],
    [None, None, "Việt Hòa, ngày 05/10/2026"],
    ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"],
]


@pytest.mark.parametrize(
    "as_of_line",
    [
        "(Số liệu tính đến ngày 30/9/2026)",
        "(Số liệu tính đến ngày 30 tháng 9 năm 2026)",
        "Tính đến ngày 30-09-2026",
    ],
)
def test_as_of_is_the_tinh_den_ngay_date_not_the_signing_date_above_it(
    store: Store, tmp_path: Path, as_of_line: str
) -> None:
    rows = [
        *DATE_LINE_TITLE,
        [as_of_line],
        ["TT", "Họ và tên", "Ngày sinh"],
        [1, "Nguyễn Văn An", "12/03/1975"],
    ]
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    assert result.as_of == dt.date(2026, 9, 30)
    assert result.warnings == []
