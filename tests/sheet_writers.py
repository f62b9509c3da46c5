"""Tiny spreadsheet writers for the import tests: any grid of cells as .xlsx, .xls or .csv.

``analytics.demo_files`` writes the official layouts; these write whatever a test needs
(odd headers, no title block, several sheets, legacy encodings, broken files). Rows are lists
of cells, ``None`` for an empty cell; merges are 1-based ``(first_row, first_col, last_row,
last_col)`` as Excel numbers them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import xlwt  # type: ignore[import-untyped]
from openpyxl import Workbook

from analytics.ingest.importer import ImportOptions, ImportResult, import_file
from analytics.store import Store

Cell = str | int | float | dt.date | None
Rows = Sequence[Sequence[Cell]]
Merge = tuple[int, int, int, int]


@dataclass
class SheetSpec:
    name: str
    rows: Rows
    merges: Sequence[Merge] = field(default_factory=list)


def write_xlsx(path: Path, *sheets: SheetSpec) -> Path:
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    for spec in sheets:
        sheet = book.create_sheet(spec.name)
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is not None and value != "":
                    cell = sheet.cell(row=r, column=c, value=value)
                    if isinstance(value, dt.date):
                        cell.number_format = "dd/mm/yyyy"
        for r0, c0, r1, c1 in spec.merges:
            sheet.merge_cells(start_row=r0, start_column=c0, end_row=r1, end_column=c1)
    book.save(path)
    return path


def write_xls(path: Path, *sheets: SheetSpec) -> Path:
    book = xlwt.Workbook(encoding="utf-8")
    date_style = xlwt.easyxf(num_format_str="dd/mm/yyyy")
    for spec in sheets:
        sheet = book.add_sheet(spec.name)
        anchors = {(r0, c0): (r1, c1) for r0, c0, r1, c1 in spec.merges}
        for r, row in enumerate(spec.rows, start=1):
            for c, value in enumerate(row, start=1):
                if value is None or value == "":
                    continue
                style = date_style if isinstance(value, dt.date) else xlwt.Style.default_style
                if (r, c) in anchors:
                    r1, c1 = anchors[(r, c)]
                    sheet.write_merge(r - 1, r1 - 1, c - 1, c1 - 1, value, style)
                else:
                    sheet.write(r - 1, c - 1, value, style)
    book.save(str(path))
    return path


def csv_text(rows: Rows, delimiter: str = ",") -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    for row in rows:
        writer.writerow(
            [
                value.strftime("%d/%m/%Y")
                if isinstance(value, dt.date)
                else ("" if value is None else value)
                for value in row
            ]
        )
    return out.getvalue()


def write_csv(path: Path, rows: Rows, *, encoding: str = "utf-8-sig", delimiter: str = ",") -> Path:
    path.write_bytes(csv_text(rows, delimiter).encode(encoding))
    return path


def write_grid(
    path: Path, rows: Rows, merges: Sequence[Merge] = (), sheet: str = "Danh sach"
) -> Path:
    """One sheet in the format the suffix names."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return write_xlsx(path, SheetSpec(sheet, rows, list(merges)))
    if suffix == ".xls":
        return write_xls(path, SheetSpec(sheet, rows, list(merges)))
    if suffix == ".csv":
        return write_csv(path, rows)
    raise ValueError(path.suffix)


# ---------------------------------------------------------------- an official-looking roster
TITLE_BLOCK: list[list[Cell]] = [
    ["ỦY BAN NHÂN DÂN", None, None, None, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
    ["PHƯỜNG VIỆT HÒA", None, None, None, "Độc lập - Tự do - Hạnh phúc"],
    [],
    ["DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC PHƯỜNG VIỆT HÒA"],
    ["(Số liệu tính đến ngày 30/9/2026)"],
    [],
]
ROSTER_HEADER: list[Cell] = [
    "TT",
    "Họ và tên",
    "Ngày sinh",
    "Giới tính",
    "Đơn vị",
    "Chức vụ",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Quản lý nhà nước",
]
SIGNATURE: list[list[Cell]] = [
    ["Tổng cộng: {n} người"],
    [],
    ["NGƯỜI LẬP BIỂU", None, None, None, "KT. CHỦ TỊCH"],
    [None, None, None, None, "PHÓ CHỦ TỊCH"],
    [],
    ["Lê Văn Lập", None, None, None, "Phạm Văn Ký"],
]


# Two people that several roster fixtures start from (columns of ROSTER_HEADER).
AN = (
    1,
    "Nguyễn Văn An",
    "12/03/1975",
    "Nam",
    "Lãnh đạo UBND phường",
    "Chủ tịch",
    "ThS Luật",
    "CC",
    "CVC",
)
BINH = (
    2,
    "Trần Thị Bình",
    "05/07/1982",
    "Nữ",
    "Văn phòng HĐND và UBND",
    "Chuyên viên",
    "ĐH",
    "TC",
    "CV",
)


def roster_rows(
    people: Sequence[Sequence[Cell]], header: Sequence[Cell] = ROSTER_HEADER
) -> list[list[Cell]]:
    """Title block, one header row, the people, a total row and a signature block."""
    total = [[str(SIGNATURE[0][0]).format(n=len(people))]]
    return [*TITLE_BLOCK, list(header), *(list(p) for p in people), *total, *SIGNATURE[1:]]


# ---------------------------------------------------------------- database helpers
def new_store() -> Store:
    return Store(":memory:")


def import_path(store: Store, kind: str, path: Path, **options: Any) -> ImportResult:
    return import_file(store, kind, path, ImportOptions(**options))


def table_contents(store: Store) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every base table, sorted, to compare a database before and after. The audit
    log is left out: it records the attempt itself (tests/test_audit.py checks it)."""
    names = [
        row[0]
        for row in store.execute(
            "select table_name from information_schema.tables "
            "where table_type = 'BASE TABLE' and table_schema = 'main' "
            "and table_name not in ('audit_log', 'audit_head') "
            "order by table_name"
        )
    ]
    return {name: sorted(store.execute(f'select * from "{name}"'), key=repr) for name in names}


def issue_texts(result: ImportResult) -> list[str]:
    return [issue.text() for issue in result.errors]


def warning_texts(result: ImportResult) -> list[str]:
    return [issue.text() for issue in result.warnings]


# ---------------------------------------------------------------- byte encodings
_TONES = "\u0300\u0301\u0303\u0309\u0323"


def to_cp1258(text: str) -> bytes:
    """Windows-1258 bytes: letters with a tone are written as the base letter and a combining
    tone mark, as Windows does (the code page has no precomposed toned letters)."""
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            parts = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(p for p in parts if p not in _TONES))
            out += (base + "".join(p for p in parts if p in _TONES)).encode("cp1258")
    return bytes(out)


def legacy_rows(rows: Rows, encode: Callable[[str], str]) -> list[list[Cell]]:
    """Every text cell as a legacy font encoding shows it (TCVN3, VNI)."""
    return [[encode(c) if isinstance(c, str) else c for c in row] for row in rows]
