"""Implausible values are kept and warned with their cell (issue 8, part 6): a birth date after
the roster's date, an age under 18 or over 70, Excel's serial 60 (29/02/1900), two-digit years."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import Workbook
from sheet_writers import TITLE_BLOCK, SheetSpec, import_path, new_store, write_xlsx

from analytics.ingest.dates import parse_date

HEADER = ["TT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"]
FIRST_ROW = len(TITLE_BLOCK) + 2  # Excel row of the first person (title block, header)


def roster(tmp_path: Path, births: list[object]) -> Path:
    people = [
        [i + 1, name, birth, "Nam", "Chuyên viên"]
        for i, (name, birth) in enumerate(
            zip(
                ["Nguyễn Văn An", "Trần Văn Bình", "Lê Văn Cường", "Phạm Văn Dũng"],
                births,
                strict=True,
            )
        )
    ]
    return write_xlsx(tmp_path / "ds.xlsx", SheetSpec("DS", [*TITLE_BLOCK, HEADER, *people]))


def test_impossible_ages_are_kept_and_warned_at_their_cell(tmp_path: Path) -> None:
    # The roster is dated 30/09/2026 (its title block).
    births = [dt.date(2029, 3, 5), "01/10/2008", "31/12/1899", "30/09/2008"]
    store = new_store()
    result = import_path(store, "roster", roster(tmp_path, births))
    assert result.status == "imported", result.as_json()
    assert store.execute("select count(*) from staff") == [(4,)]  # everyone kept
    found = {(w.code, w.row, w.column) for w in result.warnings if w.code.startswith("ROSTER_")}
    assert found == {
        ("ROSTER_BIRTH_FUTURE", FIRST_ROW, "C"),
        # 01/10/2008 is one day short of 18 on 30/09/2026; 30/09/2008 is exactly 18: no warning.
        ("ROSTER_AGE_UNDER_18", FIRST_ROW + 1, "C"),
        ("ROSTER_AGE_OVER_70", FIRST_ROW + 2, "C"),
    }
    texts = {w.code: w.text() for w in result.warnings}
    assert "ngày sinh 05/03/2029 sau ngày số liệu 30/09/2026" in texts["ROSTER_BIRTH_FUTURE"]
    assert f"ô C{FIRST_ROW}" in texts["ROSTER_BIRTH_FUTURE"]
    assert "tuổi 17 tại ngày 30/09/2026, dưới 18" in texts["ROSTER_AGE_UNDER_18"]
    assert "tuổi 126 tại ngày 30/09/2026, trên 70" in texts["ROSTER_AGE_OVER_70"]


def test_excel_serial_60_and_two_digit_years_are_warned(tmp_path: Path) -> None:
    births = [60, "12/03/75", "05/07/29", 27000]
    store = new_store()
    result = import_path(store, "roster", roster(tmp_path, births))
    assert result.status == "imported", result.as_json()
    by_row = {w.row: w for w in result.warnings if w.code}
    assert by_row[FIRST_ROW].code == "BIRTH_DATE_INVALID"
    assert "29/02/1900" in by_row[FIRST_ROW].message
    assert by_row[FIRST_ROW + 1].code == "DATE_TWO_DIGIT_YEAR"
    assert "được hiểu là 1975" in by_row[FIRST_ROW + 1].message
    # '29' is 2029 by Excel's rule: a two-digit year, and a birth after the roster's date.
    assert {w.code for w in result.warnings if w.row == FIRST_ROW + 2} == {
        "DATE_TWO_DIGIT_YEAR",
        "ROSTER_BIRTH_FUTURE",
    }
    assert store.execute("select full_name, birth_date from staff order by source_row") == [
        ("Nguyễn Văn An", None),
        ("Trần Văn Bình", dt.date(1975, 3, 12)),
        ("Lê Văn Cường", dt.date(2029, 7, 5)),
        # serial 27000 = 02/12/1973 (Excel shows the same)
        ("Phạm Văn Dũng", dt.date(1973, 12, 2)),
    ]


@pytest.mark.parametrize(
    ("serial", "expected"),
    [(1, dt.date(1900, 1, 1)), (59, dt.date(1900, 2, 28)), (61, dt.date(1900, 3, 1))],
)
def test_excel_serials_around_the_leap_day_that_never_was(serial: int, expected: dt.date) -> None:
    assert parse_date(serial).date == expected


def test_a_date_cell_of_serial_60_in_a_real_workbook(tmp_path: Path) -> None:
    """A date-formatted cell holding 60: whatever the reader makes of it, nobody is lost and
    the age is warned."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for r, row in enumerate([*TITLE_BLOCK, HEADER, [1, "Nguyễn Văn An", None, "Nam", "CV"]], 1):
        for c, value in enumerate(row, 1):
            if value is not None and value != "":
                sheet.cell(r, c, value)
    cell = sheet.cell(FIRST_ROW, 3, 60)
    cell.number_format = "dd/mm/yyyy"
    path = tmp_path / "ds60.xlsx"
    book.save(path)
    store = new_store()
    result = import_path(store, "roster", path)
    assert result.status == "imported"
    assert store.execute("select count(*) from staff") == [(1,)]
    codes = {w.code for w in result.warnings if w.row == FIRST_ROW}
    assert codes & {"BIRTH_DATE_INVALID", "ROSTER_AGE_OVER_70"}
