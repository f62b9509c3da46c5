"""The roster columns behind rotation and the review's exclusions (migration 012): the date a
post was taken ("Giữ vị trí từ", "Ngày bổ nhiệm" and their variants), "Tình trạng" and the
youngest child's birth, in xlsx, xls and csv; cell-addressed warnings for what cannot be read,
the person always kept."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheet_writers import import_path, new_store, roster_rows, write_grid

from analytics.store import Store

D = dt.date
HEADER = ["TT", "Họ và tên", "Ngày sinh", "Giới tính", "Lĩnh vực", "Giữ vị trí từ",
          "Tình trạng", "Ngày sinh con nhỏ nhất", "Ghi chú"]  # fmt: skip


@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


PEOPLE = [
    [1, "Người Thử Một", "01/01/1980", "Nam", "Địa chính", D(2021, 3, 15), None, None, None],
    [2, "Người Thử Hai", "01/01/1985", "Nữ", "Kế toán", "3/2022", "Đang nghỉ thai sản",
     "20/11/2025", None],
    [3, "Người Thử Ba", "01/01/1990", "Nam", "Xây dựng", 2019, None, None, None],
    [4, "Người Thử Bốn", "01/01/1991", "Nữ", "Đất đai", "31/02/2022", None, None, None],
    [5, "Người Thử Năm", "01/01/1992", "Nữ", "Đất đai", "01/01/2030", None, None,
     "Mang thai"],
    [6, "Người Thử Sáu", "01/01/1993", "Nữ", "Tư pháp", None, None, "hôm qua", None],
]  # fmt: skip


@pytest.mark.parametrize("suffix", [".xlsx", ".xls", ".csv"])
def test_the_post_date_status_and_child_are_read_and_bad_cells_named(
    store: Store, tmp_path: Path, suffix: str
) -> None:
    people = PEOPLE
    if suffix == ".csv":  # a csv has no date cells: the date written as text
        people = [[*p[:5], "15/03/2021" if p[0] == 1 else p[5], *p[6:]] for p in PEOPLE]
    path = write_grid(tmp_path / f"ds{suffix}", roster_rows(people, header=HEADER))
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    rows = {
        r[0]: r[1:]
        for r in store.execute(
            "select full_name, post_since, post_since_estimated, status, child_birth, "
            "exclusion_code, birth_date from staff"
        )
    }
    assert len(rows) == 6  # nobody lost
    assert rows["Người Thử Một"][:2] == (D(2021, 3, 15), False)
    assert rows["Người Thử Hai"] == (
        D(2022, 3, 1), True, "Đang nghỉ thai sản", D(2025, 11, 20), "maternity", D(1985, 1, 1),
    )  # fmt: skip
    assert rows["Người Thử Ba"][:2] == (D(2019, 1, 1), True)
    # unreadable or after the roster's date: left empty, the person kept
    assert rows["Người Thử Bốn"][:2] == (None, None)
    assert rows["Người Thử Năm"][:2] == (None, None)
    assert rows["Người Thử Năm"][4] == "pregnancy"  # from the note
    assert rows["Người Thử Sáu"][3] is None
    # "Ngày sinh con nhỏ nhất" is not mistaken for the person's own birth date
    assert rows["Người Thử Sáu"][5] == D(1993, 1, 1)
    warned = {(w.row, w.column, w.code): w.message for w in result.warnings}
    codes = {(row, code) for row, _, code in warned}
    first_row = next(w.row for w in result.warnings if w.code == "ROSTER_START_DATE_INVALID")
    assert "ROSTER_START_DATE_INVALID" in {c for _, c in codes}
    assert "ROSTER_START_DATE_FUTURE" in {c for _, c in codes}
    invalid = [w for w in result.warnings if w.code == "ROSTER_START_DATE_INVALID"]
    assert {w.column for w in invalid} == {"F", "H"}  # the post date of Bốn, the child of Sáu
    assert all(w.file == f"ds{suffix}" for w in invalid)
    future = next(w for w in result.warnings if w.code == "ROSTER_START_DATE_FUTURE")
    assert future.column == "F" and future.row == first_row + 1
    assert "01/01/2030" in future.message and "vẫn được nhập" in future.message


@pytest.mark.parametrize(
    "header",
    ["Giữ vị trí từ", "Ngày bổ nhiệm", "Giu vi tri tu ngay", "Thời điểm giữ vị trí",
     "Ngày bổ nhiệm chức vụ", "Bổ nhiệm từ ngày", "Thời gian giữ vị trí từ"],
)  # fmt: skip
def test_each_written_form_of_the_post_date_header(
    store: Store, tmp_path: Path, header: str
) -> None:
    rows = roster_rows([[1, "Người Thử Một", "01/01/1980", "Nam", "10/10/2020"]],
                       header=["TT", "Họ và tên", "Ngày sinh", "Giới tính", header])  # fmt: skip
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute("select post_since from staff")[0][0] == D(2020, 10, 10)
