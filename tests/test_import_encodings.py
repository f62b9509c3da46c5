"""Legacy font encodings (TCVN3, VNI) in spreadsheets and the byte encodings of CSV files
(DOMAIN.md §7) all import as Unicode NFC."""

from __future__ import annotations

import codecs
import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sheet_writers import (
    csv_text,
    import_path,
    legacy_rows,
    new_store,
    to_cp1258,
    write_grid,
)

from analytics.ingest.legacy import convert_sheet, unicode_to_tcvn3, unicode_to_vni
from analytics.ingest.readers import Sheet, read_workbook
from analytics.store import Store


@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


UNICODE_SHEET: list[list[object]] = [
    ["ỦY BAN NHÂN DÂN", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["PHƯỜNG VIỆT HÒA"],
    [],
    ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"],
    ["(Số liệu tính đến ngày 30/9/2026)"],
    [
        "TT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Chức vụ",
        "Trình độ chuyên môn",
        "Lý luận chính trị",
    ],
    ["I. Phòng Văn hóa – Xã hội"],
    [1, "Nguyễn Văn An", "12/03/1975", "Nam", "Trưởng phòng", "Cử nhân Luật", "Trung cấp"],
    [2, "Phạm Thị Hương", "05/07/1982", "Nữ", "Chuyên viên", "Thạc sĩ Quản lý đất đai", "Sơ cấp"],
    ["II. Phòng Kinh tế, Hạ tầng và Đô thị"],
    [3, "Đỗ Đức Dũng", 1990, "Nam", "Chuyên viên", "Kỹ sư Xây dựng dân dụng", ""],
    ["Tổng cộng: 3 người"],
]

EXPECTED = [
    (
        "Nguyễn Văn An",
        "Nam",
        "Phòng Văn hóa – Xã hội",
        "Trưởng phòng",
        "Đại học",
        "Luật",
        "Trung cấp",
    ),
    (
        "Phạm Thị Hương",
        "Nữ",
        "Phòng Văn hóa – Xã hội",
        "Chuyên viên",
        "Thạc sĩ",
        "Quản lý đất đai",
        "Sơ cấp",
    ),
    (
        "Đỗ Đức Dũng",
        "Nam",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Chuyên viên",
        "Đại học",
        "Xây dựng dân dụng",
        None,
    ),
]
COLUMNS = "full_name, gender, unit, position, education_level, major, political_theory"


def rows_of(store: Store) -> list[tuple[object, ...]]:
    return store.execute(f"select {COLUMNS} from roster_rows order by source_row")


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_tcvn3_roster_imports_as_unicode(store: Store, tmp_path: Path, suffix: str) -> None:
    sheet = legacy_rows(UNICODE_SHEET, unicode_to_tcvn3)
    assert sheet[7][1] == "NguyÔn V¨n An"  # the fixture really is TCVN3
    assert sheet[5][1] == "Hä vµ tªn"
    result = import_path(store, "roster", write_grid(tmp_path / f"tcvn3{suffix}", sheet))
    assert result.status == "imported", result.errors
    assert rows_of(store) == EXPECTED
    assert store.execute("select distinct ward, as_of from roster_rows") == [
        ("Phường Việt Hòa", dt.date(2026, 9, 30))
    ]
    notes = [(w.code, w.column) for w in result.warnings if w.code.startswith("LEGACY_")]
    assert ("LEGACY_CONVERTED", "B") in notes  # the names
    assert len(notes) == len(set(notes))  # one note per column and kind, not one per cell


@pytest.mark.parametrize("to_legacy", [unicode_to_tcvn3, unicode_to_vni], ids=["tcvn3", "vni"])
def test_the_official_sheet_comes_back_cell_for_cell(to_legacy: Callable[[str], str]) -> None:
    # Title block, header, section rows and people, capitals included ("ỦY BAN NHÂN DÂN" is
    # written in capitals, which TCVN3 shows with the lower-case bytes of Ủ).
    sheet, _ = convert_sheet(Sheet("S", legacy_rows(UNICODE_SHEET, to_legacy)), "ds.xlsx")
    assert sheet.rows == UNICODE_SHEET


def test_tcvn3_literal_strings_typed_as_old_files_hold_them(store: Store, tmp_path: Path) -> None:
    # Written by hand: "\xad" is the byte of "ư" that shows as a soft hyphen.
    sheet: list[list[object]] = [
        ["UBND PH\xadêNG VIÖT HßA"],
        ["TT", "Hä vµ tªn", "N¨m sinh", "Giíi tÝnh", "Chøc vô"],
        [1, "NguyÔn V¨n An", 1975, "Nam", "Tr\xadëng phßng"],
        [2, "TrÇn ThÞ B×nh", 1980, "N÷", "Chuyªn viªn"],
        [3, "Ph¹m ThÞ H\xad¬ng", 1985, "N÷", "Chuyªn viªn"],
    ]
    result = import_path(
        store,
        "roster",
        write_grid(tmp_path / "cu.xls", sheet),
        ward="Phường Việt Hòa",
        as_of=dt.date(2026, 9, 30),
    )
    assert result.status == "imported", result.errors
    got = store.execute(
        "select full_name, birth_year, gender, position from roster_rows order by source_row"
    )
    assert got == [
        ("Nguyễn Văn An", 1975, "Nam", "Trưởng phòng"),
        ("Trần Thị Bình", 1980, "Nữ", "Chuyên viên"),
        ("Phạm Thị Hương", 1985, "Nữ", "Chuyên viên"),
    ]


@pytest.mark.parametrize("suffix", [".xlsx", ".xls"])
def test_vni_roster_imports_as_unicode(store: Store, tmp_path: Path, suffix: str) -> None:
    sheet = legacy_rows(UNICODE_SHEET, unicode_to_vni)
    assert sheet[7][1] == "Nguyeãn Vaên An"
    result = import_path(store, "roster", write_grid(tmp_path / f"vni{suffix}", sheet))
    assert result.status == "imported", result.errors
    assert rows_of(store) == EXPECTED


def test_unicode_names_that_look_like_latin1_are_left_alone(store: Store, tmp_path: Path) -> None:
    # A Unicode file is never "converted": Vietnamese letters mark it as Unicode already.
    result = import_path(store, "roster", write_grid(tmp_path / "uni.xlsx", UNICODE_SHEET))
    assert result.status == "imported", result.errors
    assert rows_of(store) == EXPECTED
    assert not [w for w in result.warnings if w.code.startswith("LEGACY_")]


CSV_ROWS: list[list[object]] = [
    [
        "TT",
        "Họ và tên",
        "Ngày sinh",
        "Giới tính",
        "Đơn vị",
        "Chức vụ",
        "Trình độ chuyên môn",
        "Lý luận chính trị",
    ],
    [
        1,
        "Nguyễn Văn An",
        "12/03/1975",
        "Nam",
        "Phòng Văn hóa – Xã hội",
        "Trưởng phòng",
        "Cử nhân Luật",
        "Trung cấp",
    ],
    [
        2,
        "Phạm Thị Hương",
        "05/07/1982",
        "Nữ",
        "Phòng Văn hóa – Xã hội",
        "Chuyên viên",
        "Thạc sĩ Quản lý đất đai",
        "Sơ cấp",
    ],
    [
        3,
        "Đỗ Đức Dũng",
        "1990",
        "Nam",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        "Chuyên viên",
        "Kỹ sư Xây dựng dân dụng",
        "",
    ],
]


def encode(text: str, encoding: str) -> bytes:
    if encoding == "cp1258":
        return to_cp1258(text)
    if encoding == "utf-16-le-no-bom":
        return text.encode("utf-16-le")
    if encoding == "tcvn3":
        return unicode_to_tcvn3(text).encode("cp1252")
    return text.encode(encoding)


@pytest.mark.parametrize(
    ("encoding", "reported"),
    [
        ("utf-8-sig", "utf-8-sig"),
        ("utf-8", "utf-8"),
        ("utf-16", "utf-16-le"),
        ("utf-16-le-no-bom", "utf-16-le"),
        ("cp1258", "cp1258"),
        ("tcvn3", "cp1252"),
    ],
)
def test_csv_in_every_encoding_imports_the_same_names(
    store: Store, tmp_path: Path, encoding: str, reported: str
) -> None:
    data = encode(csv_text(CSV_ROWS), encoding)
    if encoding == "utf-16":
        assert data.startswith(codecs.BOM_UTF16_LE)
    path = tmp_path / "ds.csv"
    path.write_bytes(data)
    result = import_path(store, "roster", path, ward="Phường Việt Hòa", as_of=dt.date(2026, 9, 30))
    assert result.status == "imported", result.errors
    assert rows_of(store) == EXPECTED
    assert read_workbook(data, "ds.csv").encoding == reported


def test_cp1258_fixture_holds_combining_tone_marks() -> None:
    # "ễ" is "ê" (0xEA) followed by the combining tilde (0xDE) in Windows-1258.
    assert to_cp1258("Nguyễn") == b"Nguy\xea\xden"
