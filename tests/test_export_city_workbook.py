"""The city's workbook, opened with openpyxl."""

from __future__ import annotations

import datetime as dt
import io

from openpyxl import load_workbook

from analytics.export.city_workbook import city_workbook_bytes
from analytics.scope import Scope
from tests.test_queries_compare import TODAY, _store


def test_city_workbook_has_the_form_by_ward_and_the_comparison() -> None:
    book = load_workbook(io.BytesIO(city_workbook_bytes(_store(), Scope(), TODAY)))
    assert book.sheetnames == ["Thống kê theo phường", "So sánh phường"]
    form = book["Thống kê theo phường"]
    assert form.page_setup.orientation == "landscape" and form.page_setup.paperSize == 9
    assert form.print_title_rows == "$1:$5"
    rows = {r[0]: r for r in form.iter_rows(min_row=6, values_only=True)}
    # Tổng số: Phường A 3, Phường B 2, Xã C 1; total 6
    assert (rows["Phường A"][1], rows["Phường B"][1], rows["Xã C"][1]) == (3, 2, 1)
    assert rows["Tổng cộng"][1] == 6
    compare = book["So sánh phường"]
    header = [c.value for c in compare[4]]
    assert header[:5] == [
        "Phường/xã",
        "Số liệu đến ngày",
        "Số người",
        "Định mức",
        "Biên chế được giao",
    ]
    by_ward = {r[0]: r for r in compare.iter_rows(min_row=5, values_only=True)}
    assert by_ward["Phường A"][1] == dt.datetime(2026, 9, 30)
    assert by_ward["Phường A"][2:5] == (3, 34, 5)
    assert by_ward["Phường B"][3] == "Chưa có số liệu"  # no residents: not 0
    for ws in book:  # values, never formulas
        for row in ws.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and v.startswith("=") for v in row)
