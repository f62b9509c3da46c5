"""Every CSV a user downloads is safe to open in a spreadsheet: text that Excel or LibreOffice
would run as a formula (``=``, ``+``, ``-``, ``@`` first, also after blanks; a tab or CR first)
starts with an apostrophe, the rest of the text unchanged; numbers stay numbers."""

from __future__ import annotations

import csv
import datetime as dt
import doctest
import io
import math
import re
import shutil
import zipfile
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from analytics import csv_safe
from analytics.cli import main
from analytics.csv_safe import csv_bytes, neutralise, safe_frame, write_rows
from analytics.export import VIEWS, make_export
from analytics.scope import Scope
from analytics.store import Store

TODAY = dt.date(2026, 10, 15)

# text -> how it must be written
DANGEROUS = {
    "=1+1": "'=1+1",
    "+1+1": "'+1+1",
    "-1+1": "'-1+1",
    "@SUM(A1)": "'@SUM(A1)",
    "  =1+1": "'  =1+1",
    "\t=cmd": "'\t=cmd",
    "\n@SUM(A1)": "'\n@SUM(A1)",
    "\r\n+A1": "'\r\n+A1",
    "-2+3": "'-2+3",
    '=HYPERLINK("http://x")': '\'=HYPERLINK("http://x")',
    "\tPhòng": "'\tPhòng",  # a tab first, even with no formula after it
    "\rPhòng": "'\rPhòng",
}
HARMLESS = [
    "",
    "abc",
    "a=b",
    "1+1",
    "x - y",
    "user@example.com",
    "'=already quoted",
    "Nguyễn Văn An",
    "Phòng Văn hóa – Xã hội",
    "Đại học, chuyên ngành Luật",
    " Chuyên viên ",
    "\nhai dòng",  # a line feed first, no formula after it
]


NUMBER = re.compile(r"-?\d+(\.\d+)?")


def looks_like_a_formula(cell: str) -> bool:
    """Text a spreadsheet would run (a plain number such as -4.8 is a number), written here
    independently of analytics.csv_safe."""
    if NUMBER.fullmatch(cell):
        return False
    return cell[:1] in ("\t", "\r") or cell.lstrip(" \t\r\n")[:1] in ("=", "+", "-", "@")


# ---------------------------------------------------------------- one value
@pytest.mark.parametrize(("text", "written"), DANGEROUS.items(), ids=repr)
def test_formula_like_text_gets_one_leading_apostrophe(text: str, written: str) -> None:
    assert neutralise(text) == written


@pytest.mark.parametrize("text", HARMLESS, ids=repr)
def test_plain_and_vietnamese_text_is_unchanged(text: str) -> None:
    assert neutralise(text) == text


@pytest.mark.parametrize("value", [0, -5, 3.5, -2.25, True, dt.date(1975, 3, 12), None, pd.NA])
def test_values_that_are_not_text_are_returned_as_they_are(value: object) -> None:
    assert neutralise(value) is value


def test_nan_is_returned_as_it_is() -> None:
    value = neutralise(math.nan)
    assert isinstance(value, float)
    assert math.isnan(value)


# ---------------------------------------------------------------- a frame
def test_a_frame_keeps_numeric_columns_and_neutralises_text_columns() -> None:
    frame = pd.DataFrame(
        {
            "Họ và tên": ["=1+1", "Nguyễn Văn An", None],
            "Số người": [-5, 0, 7],
            "Tỷ lệ": [-0.5, math.nan, 12.25],
        }
    )
    safe = safe_frame(frame)
    assert safe["Họ và tên"].tolist()[:2] == ["'=1+1", "Nguyễn Văn An"]
    assert safe["Họ và tên"].isna().tolist() == [False, False, True]
    assert safe["Số người"].dtype == frame["Số người"].dtype
    assert safe["Số người"].tolist() == [-5, 0, 7]
    assert safe["Tỷ lệ"].dtype == frame["Tỷ lệ"].dtype
    assert safe["Tỷ lệ"].isna().tolist() == [False, True, False]
    assert safe["Tỷ lệ"].dropna().tolist() == [-0.5, 12.25]
    assert frame["Họ và tên"][0] == "=1+1"  # the caller's frame is left alone


def test_a_number_among_text_stays_a_number_and_text_of_a_negative_number_is_quoted() -> None:
    frame = pd.DataFrame({"Ghi chú": [-5, "-5", "@x", math.nan]}, dtype=object)
    assert safe_frame(frame)["Ghi chú"].tolist()[:3] == [-5, "'-5", "'@x"]
    assert math.isnan(safe_frame(frame)["Ghi chú"].tolist()[3])


def test_string_and_category_columns_are_neutralised_too() -> None:
    frame = pd.DataFrame(
        {
            "Đơn vị": pd.Series(["=A1", "Phòng Nội vụ", None], dtype="string"),
            "Xếp loại": pd.Series(["+HTXSNV", "HTTNV", "+HTXSNV"], dtype="category"),
        }
    )
    safe = safe_frame(frame)
    assert safe["Đơn vị"].tolist()[:2] == ["'=A1", "Phòng Nội vụ"]
    assert safe["Đơn vị"].isna().tolist() == [False, False, True]
    assert safe["Xếp loại"].tolist() == ["'+HTXSNV", "HTTNV", "'+HTXSNV"]


def test_column_names_from_the_data_are_neutralised() -> None:
    frame = pd.DataFrame({"=Phòng": [1], "Tổng": [2]})
    assert list(safe_frame(frame).columns) == ["'=Phòng", "Tổng"]
    two_rows = pd.DataFrame([[1]], columns=pd.MultiIndex.from_tuples([("@Khối", "Số người")]))
    assert list(safe_frame(two_rows).columns) == [("'@Khối", "Số người")]


def test_duplicate_column_names_are_each_neutralised() -> None:
    frame = pd.DataFrame([["=1", "=2"]], columns=["a", "a"])
    assert safe_frame(frame).iloc[0].tolist() == ["'=1", "'=2"]


def test_csv_bytes_has_a_byte_order_mark_no_index_and_reads_back_as_written() -> None:
    frame = pd.DataFrame(
        {"Họ và tên": list(DANGEROUS) + HARMLESS, "Số": range(len(DANGEROUS) + len(HARMLESS))},
        index=range(100, 100 + len(DANGEROUS) + len(HARMLESS)),
    )
    frame.loc[100, "Số"] = -5
    data = csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Họ và tên", "Số"]
    names = [row[0] for row in rows[1:]]
    assert names == list(DANGEROUS.values()) + HARMLESS
    assert rows[1][1] == "-5"  # a real negative number is written as a number


def test_write_rows_neutralises_the_header_and_every_row_for_csv_writer() -> None:
    buffer = io.StringIO()
    write_rows(
        csv.writer(buffer, lineterminator="\n"),
        [["=cột", "n"], ["@SUM(A1)", -5], ("Nguyễn Văn An", 2.5), [None, None]],
    )
    rows = list(csv.reader(io.StringIO(buffer.getvalue())))
    assert rows == [["'=cột", "n"], ["'@SUM(A1)", "-5"], ["Nguyễn Văn An", "2.5"], ["", ""]]


def test_the_examples_in_the_module_docstrings_hold() -> None:
    failures, tried = doctest.testmod(csv_safe)
    assert tried > 0
    assert failures == 0


# ---------------------------------------------------------------- the "Tải CSV" buttons
def test_the_download_buttons_csv_is_neutralised() -> None:
    from ui.widgets import csv_bytes as button_csv_bytes

    frame = pd.DataFrame({"Họ và tên": ["@SUM(A1)", "Trần Thị Bình"], "Tuổi": [-1, 44]})
    data = button_csv_bytes(frame)
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["Họ và tên", "Tuổi"], ["'@SUM(A1)", "-1"], ["Trần Thị Bình", "44"]]


# ---------------------------------------------------------------- the export zip
@pytest.fixture(scope="module")
def hostile_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ward with formula-like text typed into one person's row."""
    db = tmp_path_factory.mktemp("hostile") / "demo.duckdb"
    shutil.copyfile(demo_db, db)
    with duckdb.connect(str(db)) as con:
        con.execute(
            "update roster_rows set full_name = '@SUM(A1)', major = '  -2+3', note = '=1+1' "
            "where staff_id = (select min(staff_id) from roster_rows)"
        )
    return db


def test_every_csv_in_the_export_zip_is_neutralised(hostile_db: Path) -> None:
    cells: list[str] = []
    with Store(hostile_db) as store:
        for view in VIEWS:
            made = make_export(
                store, Scope(), "zip", view=view, today=TODAY, chart_images=False, record=False
            )
            with zipfile.ZipFile(io.BytesIO(made.data)) as zf:
                for name in zf.namelist():
                    if name.endswith(".csv"):
                        text = zf.read(name).decode("utf-8-sig")
                        cells += [c for row in csv.reader(io.StringIO(text)) for c in row]
    assert "'@SUM(A1)" in cells
    assert "'  -2+3" in cells
    assert [c for c in cells if looks_like_a_formula(c)] == []


# ---------------------------------------------------------------- python -m analytics sql
def test_sql_as_csv_is_neutralised_and_keeps_numbers(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = (
        "select '=HYPERLINK(\"http://x\")' as a, -5 as n, -2.5 as x, "
        "'Nguyễn Văn An' as t, '\t=cmd' as \"@h\""
    )
    code = main(["sql", query, "--db", str(demo_db), "--format", "csv"])
    out = capsys.readouterr().out
    assert code == 0
    rows = list(csv.reader(io.StringIO(out)))
    assert rows == [
        ["a", "n", "x", "t", "'@h"],
        ['\'=HYPERLINK("http://x")', "-5", "-2.5", "Nguyễn Văn An", "'\t=cmd"],
    ]
    assert [c for row in rows for c in row if looks_like_a_formula(c)] == []


def test_sql_as_json_stays_the_raw_values(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    query = "select '=HYPERLINK(\"http://x\")' as a, -5 as n"
    code = main(["sql", query, "--db", str(demo_db), "--format", "json"])
    assert code == 0
    assert capsys.readouterr().out == '[{"a": "=HYPERLINK(\\"http://x\\")", "n": -5}]\n'
