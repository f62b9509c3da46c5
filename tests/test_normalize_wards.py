"""Ward names group however the clerk placed the tone mark or cased the letters."""

from __future__ import annotations

import pytest

from analytics.ingest.normalize import traditional_tone_text, ward_name


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("PHƯỜNG VIỆT HÒA", "Phường Việt Hòa"),
        ("PHƯỜNG VIỆT HOÀ", "Phường Việt Hòa"),
        ("UBND phường Việt Hoà", "Phường Việt Hòa"),
        ("XÃ THUỶ NGUYÊN", "Xã Thủy Nguyên"),
        ("Xã Thủy Nguyên", "Xã Thủy Nguyên"),
        ("ĐẶC KHU BẠCH LONG VĨ", "Đặc khu Bạch Long Vĩ"),
    ],
)
def test_ward_names_have_one_spelling(written: str, expected: str) -> None:
    assert ward_name(written) == expected


def test_closed_syllables_and_qu_keep_their_tone() -> None:
    assert traditional_tone_text("Hoàng Quý Huỳnh Quỳ") == "Hoàng Quý Huỳnh Quỳ"
    assert traditional_tone_text("Khoẻ Hoạ") == "Khỏe Họa"
