"""ui/i18n.py: Streamlit's own English texts and their Vietnamese, and the page script that
carries them (its data is exactly the two tables, as JSON)."""

from __future__ import annotations

import json
import re

import pytest

from ui import i18n


@pytest.mark.parametrize(
    ("english", "vietnamese"),
    [
        ("Select all", "Chọn tất cả"),
        ("  Upload ", "  Chọn tệp "),  # spaces around are kept
        ("64MB per file • XLSX, XLS, CSV", "Tối đa 64MB mỗi tệp • XLSX, XLS, CSV"),
        ("Select 3 matches", "Chọn 3 kết quả"),
        ("6 options available.", "Có 6 lựa chọn."),
        ("Page not found", "Không tìm thấy trang"),
        ("December 2026", "Tháng 12/2026"),
        ("Mo", "T2"),
        (
            "You have requested page /abc, but no corresponding file was found in the app's "
            "pages/ directory. Running the app's main page.",
            "Không có trang /abc hoặc tài khoản này không được xem trang đó. Đang mở trang đầu.",
        ),
    ],
)
def test_streamlits_english_texts_read_in_vietnamese(english: str, vietnamese: str) -> None:
    assert i18n.translate(english) == vietnamese


@pytest.mark.parametrize("text", ["Tổng quan", "Select all of them", "Upload file", "", "  "])
def test_other_texts_are_left_as_they_are(text: str) -> None:
    # only a whole known text is replaced: a sentence that merely contains one is not
    assert i18n.translate(text) == text


def test_no_vietnamese_text_is_translated_again() -> None:
    # the page script runs again on the texts it wrote: they must stay as they are
    for text in [*i18n.EXACT.values(), "Tối đa 64MB mỗi tệp • XLSX", "Chọn 3 kết quả"]:
        assert i18n.translate(text) == text


def _json_after(name: str, script: str) -> object:
    found = re.search(rf"const {name} = (.*?)(?:\.map\(|;\n)", script)
    assert found, name
    return json.loads(found.group(1))


def test_the_page_script_carries_both_tables_as_data() -> None:
    script = i18n.script()
    assert _json_after("EXACT", script) == i18n.EXACT
    assert _json_after("PATTERNS", script) == [list(p) for p in i18n.PATTERNS]
    assert "MutationObserver" in script
    assert "</script" not in script.lower()  # nothing ends the script element early


def test_every_pattern_is_valid_in_python_and_anchored() -> None:
    for pattern, _ in i18n.PATTERNS:
        re.compile(pattern)
        assert pattern.startswith("^") and pattern.endswith("$"), pattern
