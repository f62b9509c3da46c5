"""A roster whose "Giới tính" header is split into Nam | Nữ columns marked with x."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from analytics.ingest.importer import import_file
from analytics.store import Store


def _write(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DS"
    ws["A1"] = "PHƯỜNG VIỆT HÒA"
    ws["A2"] = "(Số liệu tính đến ngày 30/9/2026)"
    for col, text in zip("ABCDF", ["TT", "Họ và tên", "Giới tính", None, "Năm sinh"], strict=True):
        if text:
            ws[f"{col}4"] = text
    ws.merge_cells("C4:D4")
    ws["C5"], ws["D5"] = "Nam", "Nữ"
    for col in "ABF":
        ws.merge_cells(f"{col}4:{col}5")
    ws.append([1, "Nguyễn Văn An", "x", None, None, 1980])
    ws.append([2, "Trần Thị Bình", None, "x", None, 1990])
    ws.append([3, "Lê Văn Cường", "x", "x", None, 1985])
    wb.save(path)


def test_gender_comes_from_the_marked_column_and_a_double_mark_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "gioi_tinh.xlsx"
    _write(path)
    store = Store(tmp_path / "db.duckdb")
    result = import_file(store, "roster", path)
    assert result.status == "imported", result.as_json()
    rows = store.execute("select full_name, gender, birth_year from staff order by source_row")
    assert rows == [
        ("Nguyễn Văn An", "Nam", 1980),
        ("Trần Thị Bình", "Nữ", 1990),
        ("Lê Văn Cường", None, 1985),
    ]
    assert [(w.row, w.column) for w in result.warnings if "cả cột Nam" in w.message] == [(8, "D")]
