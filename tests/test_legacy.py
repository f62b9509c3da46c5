"""TCVN3 / VNI legacy text and CSV byte decoding (analytics.ingest.legacy)."""

from __future__ import annotations

import codecs
import itertools
import unicodedata
from collections.abc import Callable

import pytest

from analytics.ingest.legacy import (
    convert_legacy,
    decode_text_bytes,
    detect_legacy_encoding,
    fix_legacy,
    looks_like_tcvn3,
    looks_like_vni,
    tcvn3_to_unicode,
    unicode_to_tcvn3,
    unicode_to_vni,
    vni_to_unicode,
)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


TONES = ("\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
VOWELS = "aăâeêioôơuưy"
LOWER_LETTERS = [nfc(v + t) for v in VOWELS for t in ("", *TONES)] + ["đ"]
assert len(LOWER_LETTERS) == 73  # 12 vowels x 6 tones + đ; 67 of them are non-ASCII

# ------------------------------------------------------------------ TCVN3
# Literal legacy strings typed by hand (\xad is the soft hyphen that TCVN3 uses for "ư").
TCVN3_LITERALS = [
    ("NguyÔn V¨n An", "Nguyễn Văn An"),
    ("Ph\xad¬ng", "Phương"),
    ("Hå ChÝ Minh", "Hồ Chí Minh"),
    ("§µo", "Đào"),
    ("TrÇn ThÞ B×nh", "Trần Thị Bình"),
    ("Lª ThÞ Hoa", "Lê Thị Hoa"),
    ("Hoµng V¨n Th¸i", "Hoàng Văn Thái"),
    ("§ç §øc Dòng", "Đỗ Đức Dũng"),
    ("Vò ThÞ Thu H»ng", "Vũ Thị Thu Hằng"),
    ("Phßng V¨n hãa – X· héi", "Phòng Văn hóa – Xã hội"),
    ("Tr\xadêng §¹i häc Kinh tÕ Quèc d©n", "Trường Đại học Kinh tế Quốc dân"),
    ("Uû ban nh©n d©n ph\xadêng", "Uỷ ban nhân dân phường"),
    ("C¸n bé, c«ng chøc", "Cán bộ, công chức"),
    ("Th¹c sÜ", "Thạc sĩ"),
    ("§¶ng viªn", "Đảng viên"),
]

# The standard's code chart (VN3 part), as Unicode code points; written out independently of
# the module, which builds its table by composing letters with tone marks.
TCVN3_CHART = {
    0xA1: 0x0102, 0xA2: 0x00C2, 0xA3: 0x00CA, 0xA4: 0x00D4, 0xA5: 0x01A0, 0xA6: 0x01AF,
    0xA7: 0x0110, 0xA8: 0x0103, 0xA9: 0x00E2, 0xAA: 0x00EA, 0xAB: 0x00F4, 0xAC: 0x01A1,
    0xAD: 0x01B0, 0xAE: 0x0111,
    0xB5: 0x00E0, 0xB6: 0x1EA3, 0xB7: 0x00E3, 0xB8: 0x00E1, 0xB9: 0x1EA1,
    0xBB: 0x1EB1, 0xBC: 0x1EB3, 0xBD: 0x1EB5, 0xBE: 0x1EAF, 0xC6: 0x1EB7,
    0xC7: 0x1EA7, 0xC8: 0x1EA9, 0xC9: 0x1EAB, 0xCA: 0x1EA5, 0xCB: 0x1EAD,
    0xCC: 0x00E8, 0xCE: 0x1EBB, 0xCF: 0x1EBD, 0xD0: 0x00E9, 0xD1: 0x1EB9,
    0xD2: 0x1EC1, 0xD3: 0x1EC3, 0xD4: 0x1EC5, 0xD5: 0x1EBF, 0xD6: 0x1EC7,
    0xD7: 0x00EC, 0xD8: 0x1EC9, 0xDC: 0x0129, 0xDD: 0x00ED, 0xDE: 0x1ECB,
    0xDF: 0x00F2, 0xE1: 0x1ECF, 0xE2: 0x00F5, 0xE3: 0x00F3, 0xE4: 0x1ECD,
    0xE5: 0x1ED3, 0xE6: 0x1ED5, 0xE7: 0x1ED7, 0xE8: 0x1ED1, 0xE9: 0x1ED9,
    0xEA: 0x1EDD, 0xEB: 0x1EDF, 0xEC: 0x1EE1, 0xED: 0x1EDB, 0xEE: 0x1EE3,
    0xEF: 0x00F9, 0xF1: 0x1EE7, 0xF2: 0x0169, 0xF3: 0x00FA, 0xF4: 0x1EE5,
    0xF5: 0x1EEB, 0xF6: 0x1EED, 0xF7: 0x1EEF, 0xF8: 0x1EE9, 0xF9: 0x1EF1,
    0xFA: 0x1EF3, 0xFB: 0x1EF7, 0xFC: 0x1EF9, 0xFD: 0x00FD, 0xFE: 0x1EF5,
}  # fmt: skip

# Full names and phrases without upper-case toned letters (TCVN3 has no bytes for those).
TCVN3_PHRASES = [
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Hoàng Phương",
    "Phạm Thị Thu Hằng",
    "Đỗ Đức Dũng",
    "Võ Minh Tuấn",
    "Huỳnh Ngọc Yến",
    "Bùi Thị Quỳnh Như",
    "Đặng Quốc Việt",
    "Trường Đại học Luật Hà Nội",
    "Cử nhân Quản lý đất đai",
    "Phó Chủ tịch phường Việt Hòa",
]


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_LITERALS)
def test_typed_tcvn3_text_converts_to_unicode(legacy: str, expected: str) -> None:
    assert tcvn3_to_unicode(legacy) == expected


@pytest.mark.parametrize(("legacy", "expected"), TCVN3_LITERALS)
def test_typed_tcvn3_text_is_detected_and_fixed(legacy: str, expected: str) -> None:
    assert looks_like_tcvn3(legacy)
    assert not looks_like_vni(legacy)
    assert fix_legacy(legacy) == expected


def test_tcvn3_table_matches_the_standard_code_chart() -> None:
    for byte, code_point in TCVN3_CHART.items():
        assert tcvn3_to_unicode(chr(byte)) == chr(code_point), hex(byte)
        assert unicode_to_tcvn3(chr(code_point)) == chr(byte), hex(byte)


def test_tcvn3_table_covers_all_67_lower_case_letters_and_7_upper_case_ones() -> None:
    non_ascii = [ch for ch in LOWER_LETTERS if not ch.isascii()]
    assert len(non_ascii) == 67
    for ch in [*non_ascii, *"ĂÂÊÔƠƯĐ"]:
        legacy = unicode_to_tcvn3(ch)
        assert len(legacy) == 1, ch
        assert 0xA1 <= ord(legacy) <= 0xFE, ch
        assert tcvn3_to_unicode(legacy) == ch, ch
    assert len({unicode_to_tcvn3(ch) for ch in non_ascii}) == 67


def test_bytes_outside_the_vn3_table_are_left_alone() -> None:
    # Slots that only the VN1 variant used (upper-case toned letters) and Latin-1 symbols.
    assert tcvn3_to_unicode("°±²³´º¿ÀÁÂÃÄÅÍÙÚÛàðÿ") == nfc("°±²³´º¿ÀÁÂÃÄÅÍÙÚÛàðÿ")


@pytest.mark.parametrize("phrase", TCVN3_PHRASES)
def test_tcvn3_encoded_phrases_round_trip_through_fix_legacy(phrase: str) -> None:
    legacy = unicode_to_tcvn3(phrase)
    assert legacy != phrase
    assert looks_like_tcvn3(legacy)
    assert fix_legacy(legacy) == phrase


def test_tcvn3_words_written_in_capitals_come_back_in_capitals() -> None:
    assert tcvn3_to_unicode("NGUYÔN V¨N AN") == "NGUYỄN VĂN AN"
    assert tcvn3_to_unicode("Hå CHÝ MINH") == "HỒ CHÍ MINH"
    assert tcvn3_to_unicode("§¹I HäC") == "ĐẠI HỌC"
    assert fix_legacy(unicode_to_tcvn3("TRƯỜNG ĐẠI HỌC LUẬT")) == "TRƯỜNG ĐẠI HỌC LUẬT"


def test_tcvn3_title_case_initials_stay_title_case() -> None:
    assert tcvn3_to_unicode("Hå Minh") == "Hồ Minh"


def test_upper_case_toned_initials_come_out_lower_case_because_tcvn3_has_no_byte_for_them() -> None:
    assert unicode_to_tcvn3("Ánh") == "¸nh"
    assert tcvn3_to_unicode("NguyÔn ThÞ Ngäc ¸nh") == "Nguyễn Thị Ngọc ánh"


# ------------------------------------------------------------------ VNI
VNI_LITERALS = [
    ("Nguyeãn Vaên An", "Nguyễn Văn An"),
    ("Traàn Thò Bình", "Trần Thị Bình"),
    ("NGUYEÃN", "NGUYỄN"),
    ("Ñoã", "Đỗ"),
    ("Leâ Thò Hoa", "Lê Thị Hoa"),
    ("Phaïm Minh Tuù", "Phạm Minh Tú"),
    ("Ñoã Ñöùc Duõng", "Đỗ Đức Dũng"),
    ("Vuõ Thò Thu Haèng", "Vũ Thị Thu Hằng"),
    ("Hoaøng Vaên Thaùi", "Hoàng Văn Thái"),
    ("Phoøng Vaên hoùa – Xaõ hoäi", "Phòng Văn hóa – Xã hội"),
    ("Tröôøng Ñaïi hoïc", "Trường Đại học"),
    ("UÛy ban nhaân daân phöôøng", "Ủy ban nhân dân phường"),
    ("Caùn boä, coâng chöùc", "Cán bộ, công chức"),
    ("Thaïc só", "Thạc sĩ"),
    ("Nguyeãn Thò Ngoïc AÙnh", "Nguyễn Thị Ngọc Ánh"),
    ("Huyønh Taán Phaùt", "Huỳnh Tấn Phát"),
    ("Löu Quoác Vieät", "Lưu Quốc Việt"),
    ("Nghóa vuï quaân söï", "Nghĩa vụ quân sự"),
    ("thuôû aáy", "thuở ấy"),
    ("Chæ thò", "Chỉ thị"),
    ("ÑAÏI HOÏC", "ĐẠI HỌC"),
]

VNI_PHRASES = [
    *TCVN3_PHRASES,
    "Ủy ban nhân dân phường Việt Hòa",
    "Ánh Tuyết",
    "Ông Ích Khiêm",
    "ĐẶNG THỊ ÚT",
    "Ỷ Lan",
    "Kỵ binh",
    "Mỹ Tho",
    "Yên Bái",
]


@pytest.mark.parametrize(("legacy", "expected"), VNI_LITERALS)
def test_typed_vni_text_converts_to_unicode(legacy: str, expected: str) -> None:
    assert vni_to_unicode(legacy) == expected


# "Chæ thò" alone is as good TCVN3 as VNI; see the column test below.
@pytest.mark.parametrize(("legacy", "expected"), [p for p in VNI_LITERALS if p[0] != "Chæ thò"])
def test_typed_vni_text_is_detected_and_fixed(legacy: str, expected: str) -> None:
    assert looks_like_vni(legacy)
    assert not looks_like_tcvn3(legacy)
    assert fix_legacy(legacy) == expected


def test_vni_table_round_trips_every_lower_and_upper_case_letter() -> None:
    for ch in LOWER_LETTERS:
        for letter in (ch, ch.upper()):
            legacy = unicode_to_vni(letter)
            assert all(ord(c) < 0x100 for c in legacy), letter
            assert vni_to_unicode(legacy) == letter, letter


def test_vni_marks_follow_the_vni_windows_layout() -> None:
    expected = {
        "aù": "á", "aø": "à", "aû": "ả", "aõ": "ã", "aï": "ạ",
        "aâ": "â", "aá": "ấ", "aà": "ầ", "aå": "ẩ", "aã": "ẫ", "aä": "ậ",
        "aê": "ă", "aé": "ắ", "aè": "ằ", "aú": "ẳ", "aü": "ẵ", "aë": "ặ",
        "eâ": "ê", "eã": "ễ", "oâ": "ô", "oä": "ộ", "ô": "ơ", "ôù": "ớ",
        "ö": "ư", "öï": "ự", "ñ": "đ", "Ñ": "Đ", "í": "í", "ì": "ì",
        "æ": "ỉ", "ó": "ĩ", "ò": "ị", "yù": "ý", "yõ": "ỹ", "î": "ỵ",
        "AÙ": "Á", "EÂ": "Ê", "OÂ": "Ô", "Ô": "Ơ", "Ö": "Ư", "Î": "Ỵ",
    }  # fmt: skip
    for legacy, letter in expected.items():
        assert vni_to_unicode(legacy) == letter, legacy


def test_vni_mark_case_follows_the_base_letter() -> None:
    assert vni_to_unicode("NGUYEãN") == "NGUYỄN"
    assert vni_to_unicode("nguyeÃn") == "nguyễn"


@pytest.mark.parametrize("phrase", VNI_PHRASES)
def test_vni_encoded_phrases_round_trip_through_fix_legacy(phrase: str) -> None:
    legacy = unicode_to_vni(phrase)
    assert legacy != phrase
    assert looks_like_vni(legacy)
    assert fix_legacy(legacy) == phrase


# ------------------------------------------------------------------ detection negatives
NOT_LEGACY = [
    "Phòng Văn hóa – Xã hội",
    "Đại học",
    "Nguyễn Văn An",
    "Hoàng Minh Chí",
    "Hoà Bình",
    "Thái Bình",
    "Cà Mau",
    "Tây Ninh",
    "Thuý Kiều",
    "Excel",
    "Nguyen Van An",
    "12345",
    "3,5",
    "12/03/1975",
    "",
    "Café",
    "naïve",
    "Müller",
    "Straße",
    "Señor",
    "Noël",
    "© 2020 Công ty",
    "Microsoft®",
    "37°C",
    "Điều 5 § 2",
    "½ biên chế",
]


@pytest.mark.parametrize("text", NOT_LEGACY)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_unicode_ascii_and_foreign_text_is_never_taken_for_legacy(text: str, form: str) -> None:
    value = nfd(text) if form == "NFD" else nfc(text)
    assert not looks_like_tcvn3(value)
    assert not looks_like_vni(value)
    assert fix_legacy(value) == nfc(text)


def test_no_vietnamese_syllable_spelled_with_latin_1_letters_is_taken_for_legacy() -> None:
    # "hoà", "chí", "tây"... use only Latin-1 letters, like legacy text does.
    initials = ["", "b", "ch", "d", "gi", "h", "kh", "l", "m", "ng", "nh", "ph", "qu", "th", "tr"]
    rhymes = ["a", "ai", "ao", "ay", "âu", "e", "ê", "i", "ia", "o", "oa", "oi", "ô", "u", "ui"]
    rhymes += ["y", "uy", "an", "anh", "ang", "ân", "em", "ên", "inh", "ong", "ông", "un", "uân"]
    tones = ["", "\u0300", "\u0301", "\u0303"]  # grave, acute, tilde exist in Latin-1
    checked = 0
    for initial, rhyme, tone in itertools.product(initials, rhymes, tones):
        word = nfc(initial + rhyme[0] + tone + rhyme[1:])
        if all(ord(c) < 0x100 for c in word) and not word.isascii():
            checked += 1
            for variant in (word, word.capitalize(), word.upper(), f"Hoà {word} Chí"):
                assert fix_legacy(variant) == variant, variant
    assert checked > 500


def test_fix_legacy_returns_nfc_for_decomposed_unicode() -> None:
    assert fix_legacy(nfd("Trần Thị Bình")) == "Trần Thị Bình"


# ------------------------------------------------------------------ whole columns
def test_a_column_of_tcvn3_names_is_detected_as_tcvn3() -> None:
    column = [unicode_to_tcvn3(p) for p in TCVN3_PHRASES] + ["Excel", "1975", "", None]
    assert detect_legacy_encoding(column) == "tcvn3"  # type: ignore[arg-type]


def test_a_column_of_vni_names_is_detected_as_vni() -> None:
    assert detect_legacy_encoding([unicode_to_vni(p) for p in VNI_PHRASES]) == "vni"


def test_unicode_and_ascii_columns_have_no_legacy_encoding() -> None:
    assert detect_legacy_encoding(TCVN3_PHRASES) is None
    assert detect_legacy_encoding([nfd(p) for p in VNI_PHRASES]) is None
    assert detect_legacy_encoding(["Excel", "12/03/1975", "Nguyen Van An"]) is None
    assert detect_legacy_encoding([]) is None


def test_one_legacy_cell_does_not_outvote_a_unicode_column() -> None:
    column = ["Nguyễn Văn An", "Trần Thị Bình", "NguyÔn V¨n An"]
    assert detect_legacy_encoding(column) is None


def test_column_verdict_converts_values_that_are_ambiguous_alone() -> None:
    # "Hoà" is ordinary Unicode on its own but is "Hồ" in a VNI sheet; "Chæ thò" reads as TCVN3
    # "Chổ thũ" as well as VNI "Chỉ thị".
    column = ["Nguyeãn Vaên An", "Traàn Thò Bình", "Hoà", "Chæ thò"]
    encoding = detect_legacy_encoding(column)
    assert encoding == "vni"
    converted = [convert_legacy(v, encoding) for v in column]
    assert converted == ["Nguyễn Văn An", "Trần Thị Bình", "Hồ", "Chỉ thị"]


def test_convert_legacy_leaves_unicode_cells_of_a_legacy_sheet_alone() -> None:
    assert convert_legacy("Nguyễn Văn An", "tcvn3") == "Nguyễn Văn An"
    assert convert_legacy(nfd("Nguyễn Văn An"), "vni") == "Nguyễn Văn An"
    assert convert_legacy("NguyÔn V¨n An", None) == "NguyÔn V¨n An"
    assert convert_legacy("NguyÔn V¨n An", "tcvn3") == "Nguyễn Văn An"


def test_convert_legacy_rejects_an_unknown_encoding() -> None:
    with pytest.raises(ValueError, match="Unknown legacy encoding"):
        convert_legacy("Vaên", "viscii")


# ------------------------------------------------------------------ CSV bytes
CSV_TEXT = (
    "Họ và tên,Ngày sinh,Chức vụ,Đơn vị\n"
    "Nguyễn Văn An,12/03/1975,Chủ tịch UBND phường,Phường Việt Hòa\n"
    "Trần Thị Bình,01/01/1980,Công chức Văn hóa – Xã hội,Phòng Văn hóa – Xã hội\n"
    "Đỗ Đức Dũng,05/11/1990,Công chức Tư pháp – Hộ tịch,Ủy ban nhân dân\n"
)


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: precomposed where the code page has the letter, else base + tone."""
    out = bytearray()
    for ch in nfc(text):
        try:
            out += ch.encode("cp1258")
        except UnicodeEncodeError:
            parts = nfd(ch)
            tones = "".join(c for c in parts if c in TONES)
            base = nfc("".join(c for c in parts if c not in TONES))
            out += (base + tones).encode("cp1258")
    return bytes(out)


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (CSV_TEXT.encode("utf-8-sig"), "utf-8-sig"),
        (CSV_TEXT.encode("utf-16"), "utf-16-le"),  # BOM + little endian on every CPython host
        (codecs.BOM_UTF16_BE + CSV_TEXT.encode("utf-16-be"), "utf-16-be"),
        (CSV_TEXT.encode("utf-16-le"), "utf-16-le"),
        (CSV_TEXT.encode("utf-16-be"), "utf-16-be"),
        (CSV_TEXT.encode("utf-8"), "utf-8"),
        (nfd(CSV_TEXT).encode("utf-8"), "utf-8"),
        (to_cp1258(CSV_TEXT), "cp1258"),
    ],
    ids=[
        "utf-8-sig",
        "utf-16",
        "utf-16-be-bom",
        "utf-16-le",
        "utf-16-be",
        "utf-8",
        "utf-8-nfd",
        "cp1258",
    ],
)
def test_csv_bytes_in_each_encoding_decode_to_the_nfc_text(data: bytes, encoding: str) -> None:
    assert decode_text_bytes(data) == (CSV_TEXT, encoding)


def test_cp1258_really_uses_separate_tone_marks() -> None:
    data = to_cp1258("Nguyễn")
    assert data.decode("cp1258") != "Nguyễn"  # ê + combining tilde
    assert decode_text_bytes(data) == ("Nguyễn", "cp1258")


def test_empty_and_ascii_csv_bytes_decode_as_utf_8() -> None:
    assert decode_text_bytes(b"") == ("", "utf-8")
    assert decode_text_bytes(b"a,b\r\n1,2\r\n") == ("a,b\r\n1,2\r\n", "utf-8")


@pytest.mark.parametrize("to_legacy", [unicode_to_tcvn3, unicode_to_vni], ids=["tcvn3", "vni"])
def test_csv_saved_from_a_legacy_font_sheet_keeps_its_latin_1_reading(
    to_legacy: Callable[[str], str],
) -> None:
    rows = [",".join(TCVN3_PHRASES[i : i + 3]) for i in range(0, len(TCVN3_PHRASES), 3)]
    legacy_text = to_legacy("\n".join(rows) + "\n")
    text, encoding = decode_text_bytes(legacy_text.encode("latin-1"))
    assert encoding == "cp1252"
    assert text == legacy_text
    values = text.replace("\n", ",").split(",")
    legacy = detect_legacy_encoding(values)
    assert legacy is not None
    assert [convert_legacy(v, legacy) for v in values if v] == TCVN3_PHRASES


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        b"PK\x03\x04\x14\x00\x06\x00" + bytes(200),  # an .xlsx renamed to .csv
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100) + b"\xff" * 100,  # an old .xls
        bytes(range(32)) * 10,
    ],
    ids=["png", "zip", "ole", "control-chars"],
)
def test_binary_bytes_are_rejected_with_a_vietnamese_message(data: bytes) -> None:
    with pytest.raises(ValueError, match="nhị phân"):
        decode_text_bytes(data)
