"""Legacy Vietnamese text decided per column and per cell (analytics.ingest.legacy.convert_sheet)
and the TCVN3 fonts of cells (analytics.ingest.fonts.legacy_fonts), checked against Unikey's
VnConv tables."""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zipfile
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
import python_calamine as calamine
import xlwt
from openpyxl import Workbook
from openpyxl.styles import Font
from sheet_writers import new_store

from analytics.ingest import legacy
from analytics.ingest.fonts import legacy_fonts
from analytics.ingest.importer import import_bytes
from analytics.ingest.issues import Issue
from analytics.ingest.kinds import ImportOptions
from analytics.ingest.legacy import (
    LEGACY_CAPITALS_INFERRED,
    LEGACY_CONVERTED,
    LEGACY_MIXED_COLUMN,
    convert_sheet,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)
from analytics.ingest.readers import Sheet, read_workbook
from analytics.store import Store

t3 = unicode_to_tcvn3
Rows = list[list[Any]]
Cells = dict[tuple[int, int], tuple[object, str | None]]  # (row, col) 0-based: (value, font)

# ------------------------------------------------------------------ Unikey's VnConv tables
# Typed from Unikey's VnConv converter as published in vn-input/ibus-unikey, ukengine/data.cpp
# (SingleByteTables, the TCVN3 row; DoubleByteTables, the VNI-WIN row). VnConv lists each vowel
# as capital, small for: no tone, sắc (acute), huyền (grave), hỏi (hook), ngã (tilde), nặng
# (dot). TCVN3 is one byte a letter (hex); a toned capital has the byte of its small letter, as
# the table shows. VNI-WIN is a 16-bit word a letter: the low byte is the base letter, the high
# byte (if any) the mark that follows it.
VNCONV_TCVN3: dict[str, tuple[str, str]] = {
    "a": ("AaÁáÀàẢảÃãẠạ", "41 61 b8 b8 b5 b5 b6 b6 b7 b7 b9 b9"),
    "â": ("ÂâẤấẦầẨẩẪẫẬậ", "a2 a9 ca ca c7 c7 c8 c8 c9 c9 cb cb"),
    "ă": ("ĂăẮắẰằẲẳẴẵẶặ", "a1 a8 be be bb bb bc bc bd bd c6 c6"),
    "đ": ("Đđ", "a7 ae"),
    "e": ("EeÉéÈèẺẻẼẽẸẹ", "45 65 d0 d0 cc cc ce ce cf cf d1 d1"),
    "ê": ("ÊêẾếỀềỂểỄễỆệ", "a3 aa d5 d5 d2 d2 d3 d3 d4 d4 d6 d6"),
    "i": ("IiÍíÌìỈỉĨĩỊị", "49 69 dd dd d7 d7 d8 d8 dc dc de de"),
    "o": ("OoÓóÒòỎỏÕõỌọ", "4f 6f e3 e3 df df e1 e1 e2 e2 e4 e4"),
    "ô": ("ÔôỐốỒồỔổỖỗỘộ", "a4 ab e8 e8 e5 e5 e6 e6 e7 e7 e9 e9"),
    "ơ": ("ƠơỚớỜờỞởỠỡỢợ", "a5 ac ed ed ea ea eb eb ec ec ee ee"),
    "u": ("UuÚúÙùỦủŨũỤụ", "55 75 f3 f3 ef ef f1 f1 f2 f2 f4 f4"),
    "ư": ("ƯưỨứỪừỬửỮữỰự", "a6 ad f8 f8 f5 f5 f6 f6 f7 f7 f9 f9"),
    "y": ("YyÝýỲỳỶỷỸỹỴỵ", "59 79 fd fd fa fa fb fb fc fc fe fe"),
}
VNCONV_VNI: dict[str, tuple[str, str]] = {
    "a": ("AaÁáÀàẢảÃãẠạ", "0041 0061 d941 f961 d841 f861 db41 fb61 d541 f561 cf41 ef61"),
    "â": ("ÂâẤấẦầẨẩẪẫẬậ", "c241 e261 c141 e161 c041 e061 c541 e561 c341 e361 c441 e461"),
    "ă": ("ĂăẮắẰằẲẳẴẵẶặ", "ca41 ea61 c941 e961 c841 e861 da41 fa61 dc41 fc61 cb41 eb61"),
    "đ": ("Đđ", "00d1 00f1"),
    "e": ("EeÉéÈèẺẻẼẽẸẹ", "0045 0065 d945 f965 d845 f865 db45 fb65 d545 f565 cf45 ef65"),
    "ê": ("ÊêẾếỀềỂểỄễỆệ", "c245 e265 c145 e165 c045 e065 c545 e565 c345 e365 c445 e465"),
    "i": ("IiÍíÌìỈỉĨĩỊị", "0049 0069 00cd 00ed 00cc 00ec 00c6 00e6 00d3 00f3 00d2 00f2"),
    "o": ("OoÓóÒòỎỏÕõỌọ", "004f 006f d94f f96f d84f f86f db4f fb6f d54f f56f cf4f ef6f"),
    "ô": ("ÔôỐốỒồỔổỖỗỘộ", "c24f e26f c14f e16f c04f e06f c54f e56f c34f e36f c44f e46f"),
    "ơ": ("ƠơỚớỜờỞởỠỡỢợ", "00d4 00f4 d9d4 f9f4 d8d4 f8f4 dbd4 fbf4 d5d4 f5f4 cfd4 eff4"),
    "u": ("UuÚúÙùỦủŨũỤụ", "0055 0075 d955 f975 d855 f875 db55 fb75 d555 f575 cf55 ef75"),
    "ư": ("ƯưỨứỪừỬửỮữỰự", "00d6 00f6 d9d6 f9f6 d8d6 f8f6 dbd6 fbf6 d5d6 f5f6 cfd6 eff6"),
    "y": ("YyÝýỲỳỶỷỸỹỴỵ", "0059 0079 d959 f979 d859 f879 db59 fb79 d559 f579 00ce 00ee"),
}  # fmt: skip


def vnconv_tcvn3() -> Iterator[tuple[str, str]]:
    """(Unicode letter, its TCVN3 text read as Latin-1) for every capital and small letter."""
    for letters, codes in VNCONV_TCVN3.values():
        yield from zip(letters, (chr(int(c, 16)) for c in codes.split()), strict=True)


def vnconv_vni() -> Iterator[tuple[str, str]]:
    for letters, words in VNCONV_VNI.values():
        for letter, word in zip(letters, words.split(), strict=True):
            base, mark = int(word[2:], 16), int(word[:2], 16)
            yield letter, chr(base) + (chr(mark) if mark else "")


def is_capital_toned(letter: str) -> bool:
    return letter.isupper() and not letter.isascii() and letter not in "ĂÂÊÔƠƯĐ"


def test_the_typed_vnconv_tables_cover_the_146_vietnamese_letters() -> None:
    # 12 vowels x 6 tones and đ, each as a capital and a small letter.
    assert len(dict(vnconv_tcvn3())) == len(dict(vnconv_vni())) == 146
    # Only the 7 untoned capitals with a diacritic and the ASCII capitals have bytes of their own.
    capitals = {code for letter, code in vnconv_tcvn3() if letter.isupper()}
    smalls = {code for letter, code in vnconv_tcvn3() if letter.islower()}
    assert capitals - smalls == {*"AEIOUY", *map(chr, range(0xA1, 0xA8))}


@pytest.mark.parametrize(("letter", "code"), list(vnconv_tcvn3()))
def test_tcvn3_conversion_follows_vnconv(letter: str, code: str) -> None:
    # A toned capital has no byte: read without its font it is the small letter.
    assert tcvn3_to_unicode(code) == (letter.lower() if is_capital_toned(letter) else letter)
    assert unicode_to_tcvn3(letter) == code


@pytest.mark.parametrize(("letter", "code"), list(vnconv_vni()))
def test_vni_conversion_follows_vnconv(letter: str, code: str) -> None:
    assert vni_to_unicode(code) == letter
    assert unicode_to_vni(letter) == code


def test_the_upper_case_font_reads_every_vnconv_byte_as_the_capital() -> None:
    # Each letter in a syllable ("ắn", "đa"): a lone "ă" is no Vietnamese word.
    pairs = [(letter, code) for letter, code in vnconv_tcvn3() if not code.isascii()]
    ends = ["a" if letter in "Đđ" else "n" for letter, _ in pairs]
    rows: Rows = [[code + end] for (_, code), end in zip(pairs, ends, strict=True)]
    upper = {(r, 0): ".VnTimeH" for r in range(len(rows))}
    lower = {(r, 0): ".VnTime" for r in range(len(rows))}
    in_capitals, _ = convert_sheet(Sheet("S", rows, fonts=upper), "f.xls")
    in_smalls, _ = convert_sheet(Sheet("S", rows, fonts=lower), "f.xls")
    assert [row[0] for row in in_capitals.rows] == [
        (letter + end).upper() for (letter, _), end in zip(pairs, ends, strict=True)
    ]
    assert [row[0] for row in in_smalls.rows] == [
        (letter.lower() if is_capital_toned(letter) else letter) + end
        for (letter, _), end in zip(pairs, ends, strict=True)
    ]


# ------------------------------------------------------------------ helpers
def convert(
    rows: Rows, fonts: dict[tuple[int, int], str] | None = None
) -> tuple[Rows, list[Issue]]:
    sheet, notes = convert_sheet(Sheet("Danh sách", rows, fonts=fonts or {}), "ds.xlsx")
    return sheet.rows, notes


def codes(notes: Sequence[Issue]) -> list[tuple[str, str | None]]:
    return [(n.code, n.column) for n in notes]


HEADER = ["TT", "Mã CBCC", "Họ và tên", "Chuyên ngành", "Tôn giáo", "Ghi chú"]
PEOPLE = [
    [1, "CB001", "Nguyễn Văn An", "Quản lý đất đai", "Không", "Nghỉ hưu"],
    [2, "CB002", "Trần Thị Bình", "Luật", "Phật giáo", ""],
    [3, "CB003", "Phạm Thị Hương", "Kế toán", "Không", "Chuyển công tác"],
]


def legacy_people(encode: Callable[[str], str] = t3) -> Rows:
    return [[encode(c) if isinstance(c, str) else c for c in row] for row in PEOPLE]


# ------------------------------------------------------------------ mixed sheets
def test_a_unicode_header_stays_above_tcvn3_rows() -> None:
    rows, notes = convert([["DANH SÁCH CÁN BỘ, CÔNG CHỨC"], HEADER, *legacy_people()])
    assert rows[0] == ["DANH SÁCH CÁN BỘ, CÔNG CHỨC"]
    assert rows[1] == HEADER  # "Mã CBCC", "Chuyên ngành", "Tôn giáo", "Ghi chú" are not mojibake
    assert rows[2:] == PEOPLE
    assert codes(notes) == [(LEGACY_CONVERTED, c) for c in "CDEF"]
    name_note = notes[0]
    assert name_note.sheet == "Danh sách" and name_note.file == "ds.xlsx"
    assert name_note.text() == (
        "Tệp 'ds.xlsx', trang 'Danh sách', cột C: 3 ô mã TCVN3 đã chuyển sang Unicode"
    )


def test_the_old_per_sheet_conversion_turned_the_unicode_header_into_mojibake() -> None:
    # What testers saw: the header read as TCVN3 bytes. Kept to show why cells decide alone.
    assert [tcvn3_to_unicode(h) for h in HEADER[1:]] == [
        "MÓ CBCC", "Họ và tờn", "Chuyờn ngành", "Tụn giỏo", "Ghi chỳ"
    ]  # fmt: skip


def test_unicode_names_retyped_in_a_tcvn3_column_are_kept() -> None:
    names = ["Nguyễn Văn An", "Võ Tâm", "Trần Thị Bình", "Lê Hà", "Đỗ Đức Dũng", "Lê Thị Hoa"]
    retyped = {"Võ Tâm", "Lê Hà"}
    column: Rows = [["Họ và tên"], *([n if n in retyped else t3(n)] for n in names)]
    assert column[2] == ["Võ Tâm"] and column[1] == ["NguyÔn V¨n An"]
    rows, notes = convert(column)
    assert [r[0] for r in rows] == ["Họ và tên", *names]
    assert codes(notes) == [(LEGACY_CONVERTED, "A"), (LEGACY_MIXED_COLUMN, "A")]
    assert notes[0].message == "4 ô mã TCVN3 đã chuyển sang Unicode"
    assert notes[1].message.startswith("cột có cả ô Unicode (2 ô, giữ nguyên) và ô mã TCVN3 (4 ô")


def test_tcvn3_reading_of_the_retyped_names_is_well_formed_yet_not_what_people_write() -> None:
    # Why a list of common syllables is needed: "Võ Tâm" read as TCVN3 is "Vừ Tõm", two valid
    # syllables; "Lê Hà" holds "à", a byte TCVN3 never uses.
    assert tcvn3_to_unicode("Võ Tâm") == "Vừ Tõm"
    assert tcvn3_to_unicode("Lê Hà") == "Lờ Hà"


def test_two_short_legacy_names_under_a_unicode_header_are_detected() -> None:
    rows, notes = convert(
        [
            ["Họ và tên", "Đơn vị", "Chức vụ", "Ghi chú"],
            ["NguyÔn An", "Phòng Văn hóa – Xã hội", "Chuyên viên", "Đảng viên"],
            ["Lª Hµ", "Văn phòng HĐND và UBND", "Trưởng phòng", "Không"],
        ]
    )
    assert [r[0] for r in rows] == ["Họ và tên", "Nguyễn An", "Lê Hà"]
    assert rows[1][1:] == ["Phòng Văn hóa – Xã hội", "Chuyên viên", "Đảng viên"]
    assert rows[2][1:] == ["Văn phòng HĐND và UBND", "Trưởng phòng", "Không"]
    assert codes(notes) == [(LEGACY_CONVERTED, "A")]


def test_one_legacy_name_in_a_unicode_column_is_converted_alone() -> None:
    column: Rows = [["Họ và tên"], ["Nguyễn Văn An"], ["TrÇn ThÞ B×nh"], ["Lê Thị Hoa"], ["Võ Tâm"]]
    rows, notes = convert(column)
    assert [r[0] for r in rows] == [
        "Họ và tên", "Nguyễn Văn An", "Trần Thị Bình", "Lê Thị Hoa", "Võ Tâm"
    ]  # fmt: skip
    assert codes(notes) == [(LEGACY_CONVERTED, "A"), (LEGACY_MIXED_COLUMN, "A")]


def test_values_that_read_well_either_way_follow_the_column_only_below_its_first_legacy_cell() -> (
    None
):
    # "Hên" is Unicode "Hên" or TCVN3 "Hờn": above the column's legacy cells it stays (it may be
    # a header); among them it takes the column's encoding.
    assert tcvn3_to_unicode("Hên") == "Hờn"
    column: Rows = [["Hên"], [t3("Nguyễn Văn An")], [t3("Trần Thị Bình")], ["Hên"]]
    rows, _ = convert(column)
    assert [r[0] for r in rows] == ["Hên", "Nguyễn Văn An", "Trần Thị Bình", "Hờn"]


def test_a_vni_column_converts_under_a_unicode_header_and_takes_its_ambiguous_values() -> None:
    rows, notes = convert(
        [
            HEADER,
            *legacy_people(unicode_to_vni),
            # "Hoà" reads as Unicode too, but is VNI for "Hồ" in this column.
            [4, "CB004", "Hoà", unicode_to_vni("Luật"), unicode_to_vni("Không"), ""],
        ]
    )
    assert rows[0] == HEADER
    assert rows[1:4] == PEOPLE
    assert rows[4][2] == "Hồ"
    assert notes[0].message == "4 ô mã VNI-Windows đã chuyển sang Unicode"
    assert {n.code for n in notes} == {LEGACY_CONVERTED}


NOT_LEGACY = [
    "Phòng Văn hóa – Xã hội", "Hoà Bình", "Thái Bình", "Cà Mau", "Tây Ninh", "Thuý Kiều",
    "Excel", "Nguyen Van An", "12345", "3,5", "12/03/1975", "", "Café", "naïve", "Müller",
    "Straße", "Señor", "Noël", "© 2020 Công ty", "Microsoft®", "37°C", "Điều 5 § 2", "½ biên chế",
    "Chuyên ngành", "Ghi chú", "Mã CBCC", "Tôn giáo", "Võ Tâm", "Lê Hà",
]  # fmt: skip


def test_ascii_and_unicode_cells_are_never_touched() -> None:
    rows: Rows = [[value, value] for value in NOT_LEGACY]
    assert convert(rows) == (rows, [])
    # Nor in a column whose other cells are TCVN3.
    column: Rows = [[t3("Nguyễn Văn An")], *([v] for v in NOT_LEGACY), [t3("Trần Thị Bình")]]
    done, _ = convert(column)
    assert [r[0] for r in done[1:-1]] == NOT_LEGACY


def test_cells_that_are_not_text_and_ragged_rows_keep_their_shape() -> None:
    born = dt.date(1975, 3, 12)
    rows: Rows = [["Họ và tên", "Ngày sinh"], [t3("Nguyễn Văn An"), born, 3.5], [], [None, 1990]]
    original = [list(r) for r in rows]
    done, _ = convert(rows)
    assert done == [["Họ và tên", "Ngày sinh"], ["Nguyễn Văn An", born, 3.5], [], [None, 1990]]
    assert rows == original  # the sheet it was given is left as it was


# ------------------------------------------------------------------ capitals
def test_capitals_come_from_the_cell_font() -> None:
    rows: Rows = [["Đơn vị"], [t3("ủy ban nhân dân")], [t3("Nguyễn Thị ánh")], [t3("ánh")]]
    fonts = {(1, 0): ".VnTimeH", (2, 0): ".VnTime", (3, 0): ".VnArialH"}
    done, notes = convert(rows, fonts)
    # The upper-case font shows the whole cell in capitals; the lower-case one says "ánh" is
    # written small, so nothing is inferred.
    assert [r[0] for r in done] == ["Đơn vị", "ỦY BAN NHÂN DÂN", "Nguyễn Thị ánh", "ÁNH"]
    assert codes(notes) == [(LEGACY_CONVERTED, "A")]
    assert notes[0].message == (
        "3 ô mã TCVN3 đã chuyển sang Unicode (2 ô viết hoa theo phông chữ hoa .Vn…H)"
    )


def test_a_cell_in_a_vn_font_is_tcvn3_even_when_it_also_reads_as_unicode() -> None:
    # "Tó" is Unicode "Tó" or TCVN3 "Tú"; a .VnTime cell says which. Plain cells beside it stay.
    done, _ = convert([["Tó"], ["Tó"]], {(0, 0): ".VnTime"})
    assert done == [["Tú"], ["Tó"]]


CAPITALS = [
    # (what Vietnamese writing shows, the TCVN3 cell, the Unicode read back without a font)
    ("Ủy ban nhân dân", "start of the cell"),
    ("Đã nghỉ hưu. Áp dụng từ 2027", "start of a sentence"),
    ("Nguyễn Thị Ngọc Ánh", "every word of a name"),
    ("Trụ sở phường Ái Quốc", "a place after 'phường'"),
    ("Hội Ánh Sáng và bạn bè", "between capitals"),
    ("NGUYỄN ÁNH", "words in capitals"),
]


@pytest.mark.parametrize(("text", "rule"), CAPITALS, ids=[rule for _, rule in CAPITALS])
def test_toned_capitals_are_restored_where_vietnamese_writing_puts_them(
    text: str, rule: str
) -> None:
    legacy_text = t3(text)
    assert tcvn3_to_unicode(legacy_text) != text or rule == "words in capitals"
    done, notes = convert([["Ghi chú"], [legacy_text]])
    assert done[1] == [text], rule
    assert codes(notes) == [(LEGACY_CONVERTED, "A"), (LEGACY_CAPITALS_INFERRED, "A")]


def test_a_column_of_names_gives_its_capitals_to_names_of_toned_words_only() -> None:
    # "Ứng Ái Ánh" has no byte with a case; the names around it are written word by word in
    # capitals, and so is "Lý Thanh Ý", whose TCVN3 bytes read the same as Unicode but for Ý.
    names = ["Nguyễn Văn An", "Trần Thị Bình", "Ứng Ái Ánh", "Lý Thanh Ý", "Lê Văn Cường"]
    assert t3("Lý Thanh Ý") == "Lý Thanh ý"
    done, notes = convert([["Họ và tên"], *([t3(n)] for n in names)])
    assert [r[0] for r in done[1:]] == names
    assert codes(notes) == [(LEGACY_CONVERTED, "A"), (LEGACY_CAPITALS_INFERRED, "A")]
    assert notes[0].message.startswith("5 ô") and notes[1].message.startswith("2 ô")


def test_broken_words_count_against_the_text_as_it_is() -> None:
    # "V¨n" and "Ph\xad¬ng" are single words that are no Vietnamese, not the ASCII "V", "n"…
    done, _ = convert([[t3("Lý Văn Phương")]])
    assert done == [["Lý Văn Phương"]]


def test_toned_words_inside_a_sentence_stay_small() -> None:
    done, notes = convert([["Ghi chú"], [t3("Trường học ánh sáng")], [t3("Phó phòng ủy quyền")]])
    assert [r[0] for r in done[1:]] == ["Trường học ánh sáng", "Phó phòng ủy quyền"]
    assert LEGACY_CAPITALS_INFERRED not in {n.code for n in notes}


def test_a_column_written_in_small_letters_keeps_its_cell_starts_small() -> None:
    column = ["có", "không", "không", "áp dụng"]
    done, _ = convert([[t3(v)] for v in column])
    assert [r[0] for r in done] == column


def test_inferred_capitals_give_one_note_per_column_with_the_count() -> None:
    names = ["Nguyễn Thị Ánh", "Ủy Văn Ba", "Trần Văn An", "Lê Thị Ánh"]
    done, notes = convert([["Họ và tên", "Đơn vị"], *([t3(n), t3("Ủy ban")] for n in names)])
    assert [r[0] for r in done[1:]] == names
    assert {r[1] for r in done[1:]} == {"Ủy ban"}
    inferred = [n for n in notes if n.code == LEGACY_CAPITALS_INFERRED]
    assert [(n.column, n.message.split(" ô ")[0]) for n in inferred] == [("A", "3"), ("B", "4")]
    assert "khôi phục" in inferred[0].message


# ------------------------------------------------------------------ cost
def test_work_is_per_distinct_value_not_per_cell(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = {"decide": 0, "cell": 0}
    decide, cell = legacy._Readings.decide, legacy._tcvn3_cell

    def counted_decide(self: legacy._Readings, *args: object, **kwargs: object) -> object:
        calls["decide"] += 1
        return decide(self, *args, **kwargs)  # type: ignore[arg-type]

    def counted_cell(*args: object) -> object:
        calls["cell"] += 1
        return cell(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(legacy._Readings, "decide", counted_decide)
    monkeypatch.setattr(legacy, "_tcvn3_cell", counted_cell)
    random.seed(8)
    names = [t3(f"{a} {b}") for a in ("Nguyễn", "Trần", "Lê", "Phạm") for b in ("An", "Bình")]
    rows: Rows = [HEADER, *([i, f"CB{i}", random.choice(names)] for i in range(20_000))]
    done, _ = convert(rows)
    assert {r[2] for r in done[1:]} == {tcvn3_to_unicode(n) for n in names}
    assert calls["decide"] <= 2 * len(names) and calls["cell"] == len(names)


# ------------------------------------------------------------------ fonts of xlsx files
def xlsx_bytes(sheets: dict[str, Cells]) -> bytes:
    """Sheets of {(row, col) 0-based: (value, font name or None)}, written by openpyxl."""
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for name, cells in sheets.items():
        sheet = book.create_sheet(name)
        for (row, col), (value, font) in cells.items():
            cell = sheet.cell(row=row + 1, column=col + 1, value=value)
            if font:
                cell.font = Font(name=font)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xlsx_fonts_are_those_of_text_cells_in_a_vn_font() -> None:
    data = xlsx_bytes(
        {
            "Danh sách": {
                (0, 0): ("Họ và tên", "Times New Roman"),
                (1, 0): ("ñy ban", ".VnTimeH"),
                (1, 1): ("NguyÔn", ".VnTime"),
                (1, 2): (1975, ".VnTime"),  # a number: its font does not matter
                (2, 1): ("x", "Arial"),
            },
            "Tờ 2": {(9, 3): ("Hµ", ".VnArialH")},
            "Unicode": {(0, 0): ("Hà", "Arial")},
        }
    )
    assert legacy_fonts(data, "xlsx") == {
        "Danh sách": {(1, 0): ".VnTimeH", (1, 1): ".VnTime"},
        "Tờ 2": {(9, 3): ".VnArialH"},
    }


def rewrite_zip(data: bytes, edit: Callable[[str, bytes], tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            name, content = edit(info.filename, src.read(info))
            dst.writestr(name, content)
    return out.getvalue()


def test_xlsx_sheets_are_found_through_the_workbook_and_its_rels_not_by_file_name() -> None:
    data = xlsx_bytes({"Một": {(0, 0): ("Hµ", ".VnTime")}, "Hai": {(4, 2): ("Lª", ".VnTimeH")}})

    def swap(name: str, content: bytes) -> tuple[str, bytes]:
        # The parts swap file names: sheet1.xml now holds "Hai" and sheet2.xml "Một".
        renamed = {"xl/worksheets/sheet1.xml": "xl/worksheets/b.xml"}
        renamed["xl/worksheets/sheet2.xml"] = "xl/worksheets/sheet1.xml"
        if name == "xl/_rels/workbook.xml.rels":
            content = content.replace(b"worksheets/sheet1.xml", b"worksheets/b.xml")
            content = content.replace(b"worksheets/sheet2.xml", b"worksheets/sheet1.xml")
        if name == "[Content_Types].xml":
            content = content.replace(b"/xl/worksheets/sheet1.xml", b"/xl/worksheets/b.xml")
            content = content.replace(b"/xl/worksheets/sheet2.xml", b"/xl/worksheets/sheet1.xml")
        return renamed.get(name, name), content

    swapped = rewrite_zip(data, swap)
    assert legacy_fonts(swapped, "xlsx") == {
        "Một": {(0, 0): ".VnTime"},
        "Hai": {(4, 2): ".VnTimeH"},
    }
    book = read_workbook(swapped, "ds.xlsx")  # calamine agrees on which sheet is which
    assert [s.name for s in book.sheets] == ["Một", "Hai"]
    assert book.sheets[1].fonts == {(4, 2): ".VnTimeH"}


def test_xlsx_cells_without_references_are_placed_after_the_previous_one() -> None:
    data = xlsx_bytes({"S": {(1, 0): ("NguyÔn", ".VnTime"), (1, 1): ("V¨n", ".VnTimeH")}})

    def strip(name: str, content: bytes) -> tuple[str, bytes]:
        if name == "xl/worksheets/sheet1.xml":
            content = content.replace(b' r="A2"', b"").replace(b' r="B2"', b"")
        return name, content

    assert legacy_fonts(rewrite_zip(data, strip), "xlsx") == {
        "S": {(1, 0): ".VnTime", (1, 1): ".VnTimeH"}
    }


def test_a_workbook_without_vn_fonts_has_none() -> None:
    assert legacy_fonts(xlsx_bytes({"S": {(0, 0): ("Hà Nội", "Arial")}}), "xlsx") == {}
    assert legacy_fonts(b"Ho va ten\r\nAn\r\n", "csv") == {}


# ------------------------------------------------------------------ fonts of xls files
def xls_bytes(sheets: dict[str, Cells]) -> bytes:
    """The same, written by xlwt (BIFF8 FONT, XF and LABELSST records)."""
    book = xlwt.Workbook(encoding="utf-8")
    styles: dict[str | None, object] = {None: xlwt.Style.default_style}
    for name, cells in sheets.items():
        sheet = book.add_sheet(name)
        for (row, col), (value, font) in cells.items():
            if font not in styles:
                styles[font] = xlwt.easyxf(f"font: name {font}")
            sheet.write(row, col, value, styles[font])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_xls_fonts_come_from_the_biff_records() -> None:
    data = xls_bytes(
        {
            "Danh s¸ch": {
                (0, 0): ("Hä vµ tªn", ".VnTimeH"),
                (1, 0): ("NguyÔn", ".VnTime"),
                (1, 1): ("plain", None),
                (2, 2): (5, ".VnTime"),
            },
            "Tờ 2": {(300, 10): ("ab", ".VnArial")},
        }
    )
    assert legacy_fonts(data, "xls") == {
        "Danh s¸ch": {(0, 0): ".VnTimeH", (1, 0): ".VnTime"},
        "Tờ 2": {(300, 10): ".VnArial"},
    }
    # The names are those calamine gives the sheets.
    assert calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names == [
        "Danh s¸ch", "Tờ 2"
    ]  # fmt: skip


def mini_stream_compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """A minimal OLE compound file (MS-CFB v3) holding one stream under 4096 bytes, which the
    format keeps in the mini stream: sector 0 FAT, 1 directory, 2 mini FAT, 3… mini stream."""
    mini_sectors = -(-len(stream) // 64)
    mini = stream.ljust(mini_sectors * 64, b"\x00")
    data_sectors = -(-len(mini) // 512)
    fat = [0xFFFFFFFD, 0xFFFFFFFE, 0xFFFFFFFE]
    fat += [3 + i + 1 for i in range(data_sectors - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFF] * (128 - len(fat))
    minifat = [i + 1 for i in range(mini_sectors - 1)] + [0xFFFFFFFE]
    minifat += [0xFFFFFFFF] * (128 - len(minifat))

    def entry(title: str, kind: int, child: int, start: int, size: int) -> bytes:
        encoded = (title + "\x00").encode("utf-16-le") if title else b""
        return struct.pack(
            "<64sHBBIII16sI16sIQ", encoded, len(encoded), kind, 1, 0xFFFFFFFF, 0xFFFFFFFF,
            child, b"", 0, b"", start, size,
        )  # fmt: skip

    directory = entry("Root Entry", 5, 1, 3, len(mini)) + entry(name, 2, 0xFFFFFFFF, 0, len(stream))
    directory += entry("", 0, 0xFFFFFFFF, 0xFFFFFFFE, 0) * 2
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"", 0x3E, 3, 0xFFFE, 9,
        6, b"", 0, 1, 1, 0, 4096, 2, 1, 0xFFFFFFFE, 0,
    )  # fmt: skip
    header += struct.pack("<109I", 0, *[0xFFFFFFFF] * 108)
    sectors = [struct.pack("<128I", *fat), directory, struct.pack("<128I", *minifat)]
    sectors += [mini[i : i + 512].ljust(512, b"\x00") for i in range(0, len(mini), 512)]
    return header + b"".join(sectors)


def biff_stream(data: bytes) -> bytes:
    """The Workbook stream of an xlwt file (stored whole, from its first sector) without the
    padding after its last EOF record."""
    (dir_start,) = struct.unpack_from("<I", data, 48)
    directory = data[512 + dir_start * 512 : 512 + (dir_start + 1) * 512]
    assert directory[128:144].decode("utf-16-le") == "Workbook"
    start, length = struct.unpack_from("<IQ", directory, 128 + 116)
    stream = data[512 + start * 512 : 512 + start * 512 + length]
    end = pos = 0
    while pos + 4 <= len(stream):
        kind, body = struct.unpack_from("<HH", stream, pos)
        pos += 4 + body
        if kind == 0x000A:
            end = pos
    return stream[:end]


def test_xls_whose_workbook_lives_in_the_mini_stream() -> None:
    stream = biff_stream(xls_bytes({"DS": {(3, 1): ("TrÇn", ".VnTimeH")}}))
    assert len(stream) < 4096
    data = mini_stream_compound_file(stream)
    assert calamine.CalamineWorkbook.from_filelike(io.BytesIO(data)).sheet_names == ["DS"]
    assert legacy_fonts(data, "xls") == {"DS": {(3, 1): ".VnTimeH"}}


def test_broken_files_give_no_fonts_and_never_raise() -> None:
    good_xlsx = xlsx_bytes({"S": {(0, 0): ("Hµ", ".VnTime")}})
    good_xls = xls_bytes({"S": {(0, 0): ("Hµ", ".VnTime")}})
    rng = random.Random(5)
    for data, fmt in ((good_xlsx, "xlsx"), (good_xls, "xls")):
        for cut in range(0, len(data), max(1, len(data) // 60)):
            assert isinstance(legacy_fonts(data[:cut], fmt), dict)
        for _ in range(150):
            garbled = bytearray(data)
            for _ in range(12):
                garbled[rng.randrange(len(garbled))] = rng.randrange(256)
            assert isinstance(legacy_fonts(bytes(garbled), fmt), dict)
    assert legacy_fonts(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "xls") == {}
    assert legacy_fonts(b"PK\x03\x04 not a zip", "xlsx") == {}


# ------------------------------------------------------------------ whole imports
@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


ROSTER_HEADER = [
    "TT", "Mã CBCC", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Chức vụ",
    "Trình độ chuyên môn", "Chuyên ngành", "Tôn giáo", "Ghi chú",
]  # fmt: skip
ROSTER_PEOPLE: Rows = [
    [1, "CB001", "Nguyễn Văn An", "12/03/1975", "Nam", "Phòng Văn hóa – Xã hội", "Trưởng phòng",
     "Đại học", "Quản lý đất đai", "Không", "Nghỉ hưu từ 01/2027"],
    [2, "CB002", "Trần Thị Bình", "05/07/1982", "Nữ", "Phòng Văn hóa – Xã hội", "Chuyên viên",
     "Thạc sĩ", "Luật", "Phật giáo", ""],
    [3, "CB003", "Đỗ Thị Ánh", "01/01/1990", "Nữ", "Phòng Kinh tế, Hạ tầng và Đô thị",
     "Chuyên viên", "Đại học", "Kế toán", "Công giáo", "Ủy viên ban chấp hành"],
]  # fmt: skip
OPTIONS = ImportOptions(ward="Phường Việt Hòa", as_of=dt.date(2026, 9, 30))
ROSTER_COLUMNS = (
    "staff_id, full_name, gender, unit, position, education_level, major, religion, note"
)


def roster_of(store: Store) -> list[tuple[object, ...]]:
    return store.execute(f"select {ROSTER_COLUMNS} from roster_rows order by source_row")


def roster_grid() -> Rows:
    """A Unicode title and header over TCVN3 rows (names typed in TCVN3, capitals lost)."""
    people = [[t3(c) if isinstance(c, str) else c for c in row] for row in ROSTER_PEOPLE]
    assert people[2][2] == "§ç ThÞ ¸nh" and people[2][10].startswith("ñy viªn")
    return [["DANH SÁCH CÁN BỘ, CÔNG CHỨC"], ROSTER_HEADER, *people]


EXPECTED_ROSTER = [
    ("CB001", "Nguyễn Văn An", "Nam", "Phòng Văn hóa – Xã hội", "Trưởng phòng", "Đại học",
     "Quản lý đất đai", "Không", "Nghỉ hưu từ 01/2027"),
    ("CB002", "Trần Thị Bình", "Nữ", "Phòng Văn hóa – Xã hội", "Chuyên viên", "Thạc sĩ",
     "Luật", "Phật giáo", None),
    ("CB003", "Đỗ Thị Ánh", "Nữ", "Phòng Kinh tế, Hạ tầng và Đô thị", "Chuyên viên", "Đại học",
     "Kế toán", "Công giáo", "Ủy viên ban chấp hành"),
]  # fmt: skip


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_roster_with_a_unicode_header_and_tcvn3_rows_keeps_every_column(
    store: Store, fmt: str
) -> None:
    grid = roster_grid()
    cells: Cells = {(r, c): (v, None) for r, row in enumerate(grid) for c, v in enumerate(row)}
    data = (xlsx_bytes if fmt == "xlsx" else xls_bytes)({"Danh sách": cells})
    result = import_bytes(store, "roster", data, f"ds.{fmt}", OPTIONS)
    assert result.status == "imported", [e.text() for e in result.errors]
    # "Mã CBCC", "Chuyên ngành", "Tôn giáo" and "Ghi chú" were found and read for every person.
    assert roster_of(store) == EXPECTED_ROSTER
    notes = [(w.code, w.column) for w in result.warnings if w.code.startswith("LEGACY_")]
    assert notes == [
        (LEGACY_CONVERTED, "C"), (LEGACY_CAPITALS_INFERRED, "C"), (LEGACY_CONVERTED, "E"),
        (LEGACY_CONVERTED, "F"), (LEGACY_CONVERTED, "G"), (LEGACY_CONVERTED, "H"),
        (LEGACY_CONVERTED, "I"), (LEGACY_CONVERTED, "J"), (LEGACY_CONVERTED, "K"),
        (LEGACY_CAPITALS_INFERRED, "K"),
    ]  # fmt: skip


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_roster_takes_its_capitals_from_the_vntimeh_font(store: Store, fmt: str) -> None:
    grid = roster_grid()
    cells: Cells = {
        (r, c): (v, ".VnTime" if r >= 2 and isinstance(v, str) else None)
        for r, row in enumerate(grid)
        for c, v in enumerate(row)
    }
    cells[4, 10] = (grid[4][10], ".VnTimeH")  # the note of the third person, in capitals
    data = (xlsx_bytes if fmt == "xlsx" else xls_bytes)({"Danh sách": cells})
    result = import_bytes(store, "roster", data, f"ds.{fmt}", OPTIONS)
    assert result.status == "imported", [e.text() for e in result.errors]
    rows = roster_of(store)
    assert rows[2][-1] == "ỦY VIÊN BAN CHẤP HÀNH"
    assert rows[:2] == EXPECTED_ROSTER[:2]
    # In .VnTime a toned initial is small, as the font shows it ("Đỗ Thị ánh"): nothing is
    # inferred. The roster's own name rule then writes every word of a name with a capital.
    assert rows[2][1] == "Đỗ Thị Ánh"
    assert LEGACY_CAPITALS_INFERRED not in {w.code for w in result.warnings}
