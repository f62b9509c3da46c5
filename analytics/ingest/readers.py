"""Reading spreadsheet bytes into grids of cells, safely.

Formats are recognised by their bytes, not their names: offices rename files. Limits keep a
hostile or broken file from costing more than a minute and 1 GB of memory.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePath

import python_calamine as calamine

from analytics.ingest.fonts import legacy_fonts
from analytics.ingest.issues import ImportRejected, Issue
from analytics.ingest.legacy import decode_text_bytes

Cell = object  # str | float | int | bool | date | datetime | time | timedelta

MAX_FILE_BYTES = int(os.environ.get("ANALYTICS_MAX_FILE_MB", "64")) * 1024 * 1024
MAX_UNZIPPED_BYTES = 600 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_CELLS = 8_000_000  # about 1 GB in memory once read

_XLSX_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


@dataclass
class Sheet:
    """One sheet; ``rows[i][j]`` is Excel row i+1, column j+1 (nothing skipped)."""

    name: str
    rows: list[list[Cell]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)
    # (row, col) 0-based -> font name, only for cells in a TCVN3 font (".VnTime", ".VnTimeH"…):
    # the upper-case fonts say a legacy cell is written in capitals.
    fonts: dict[tuple[int, int], str] = field(default_factory=dict)


@dataclass
class Workbook:
    file_name: str
    format: str  # "xlsx" | "xls" | "csv"
    sheets: list[Sheet]
    encoding: str | None = None


def _reject(file_name: str, message: str) -> ImportRejected:
    return ImportRejected([Issue(file=file_name, message=message)])


def sniff_format(data: bytes, file_name: str) -> str:
    if not data:
        raise _reject(file_name, "Tệp rỗng (0 byte): không có dữ liệu để nhập.")
    if data.startswith(_XLSX_MAGIC):
        return "xlsx"
    if data.startswith(_OLE_MAGIC):
        return "xls"
    head = data[:512].lstrip()
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf")):
        raise _reject(file_name, "Tệp không phải bảng tính (xlsx, xls hoặc csv).")
    lowered = head[:64].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")):
        raise _reject(
            file_name,
            "Tệp là trang HTML/XML chứ không phải bảng tính; hãy mở bằng Excel và lưu lại dạng .xlsx.",
        )
    return "csv"


def _check_zip(data: bytes, file_name: str) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename for info in infos}
            total = sum(info.file_size for info in infos)
    except (zipfile.BadZipFile, EOFError, ValueError) as exc:
        raise _reject(
            file_name, "Tệp xlsx bị hỏng hoặc không trọn vẹn (không giải nén được)."
        ) from exc
    if "xl/workbook.xml" not in names:
        raise _reject(file_name, "Tệp nén không phải bảng tính Excel (thiếu xl/workbook.xml).")
    if total > MAX_UNZIPPED_BYTES or total > MAX_ZIP_RATIO * max(len(data), 1) + 50_000_000:
        raise _reject(
            file_name,
            f"Tệp xlsx giải nén ra {total // (1024 * 1024)} MB, vượt giới hạn an toàn "
            f"({MAX_UNZIPPED_BYTES // (1024 * 1024)} MB): có thể là tệp độc hại (zip bomb).",
        )
    _check_extents(data, file_name)


# Cell and row references (' r="AB12"', ' r="12"'): calamine places cells by them, reading
# lower-case letters, single quotes and spaces around '=' too. _FAR_REF finds only those beyond
# column Z or row 99,999, so the common case costs one scan with few matches.
_FAR_REF = re.compile(rb"""r\s*=\s*["'](?:([A-Za-z]{2,})([0-9]+)|[A-Za-z]?([0-9]{6,}))["']""")
_ANY_REF = re.compile(rb"""r\s*=\s*["']([A-Za-z]*)([0-9]+)["']""")
_CHUNK = 1 << 22


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


def _extent(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, exact: bool) -> tuple[int, int]:
    """Rows and columns that a member's cell references reach: exact, or an upper bound."""
    rows = cols = 0
    tail = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            if exact:
                refs = _ANY_REF.findall(text)
                letters = {ref[0] for ref in refs if ref[0]}
                digits = {ref[1] for ref in refs}
            else:
                far = _FAR_REF.findall(text)
                letters = {ref[0] for ref in far if ref[0]}
                digits = {ref[1] or ref[2] for ref in far}
            if letters:
                cols = max(cols, *map(_column_number, letters))
            if digits:
                rows = max(rows, *map(int, digits))
            tail = text[-32:]
    return (rows, cols) if exact else (max(rows, 99_999), max(cols, 26))


def _check_extents(data: bytes, file_name: str) -> None:
    """Reject a sheet spanning too many cells before calamine allocates them: it builds the full
    rectangle up to the farthest cell, so one cell at XFD1048576 in a 5 KB file would need
    hundreds of GB and abort the process."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                if info.is_dir() or not info.filename.endswith(".xml"):
                    continue
                rows, cols = _extent(archive, info, exact=False)
                if rows * cols > MAX_CELLS:
                    rows, cols = _extent(archive, info, exact=True)
                if rows * cols > MAX_CELLS:
                    raise _reject(
                        file_name,
                        f"Trang tính trải tới ô {column_letter(cols - 1)}{rows} "
                        f"({rows:,} dòng × {cols:,} cột), quá lớn để nhập. Hãy xoá các dòng, cột "
                        "thừa ở cuối trang rồi lưu lại.",
                    )
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, zlib.error) as exc:
        raise _reject(
            file_name, "Tệp xlsx bị hỏng hoặc không trọn vẹn (không giải nén được)."
        ) from exc
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise _reject(
            file_name, f"Không mở được tệp xlsx: nén hoặc mã hoá không hỗ trợ ({exc})."
        ) from exc


def _merged_ranges(sheet: object) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Merged ranges of .xlsx and .xls sheets (a two-row header's group title spans its columns).
    Best effort: a file whose merge records cannot be read still imports, without them."""
    try:
        return list(getattr(sheet, "merged_cell_ranges", None) or [])
    except Exception:  # calamine raises several private error types
        return []


def _read_calamine(data: bytes, file_name: str, fmt: str) -> list[Sheet]:
    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several private error types
        raise _reject(file_name, f"Không mở được tệp {fmt}: tệp hỏng hoặc không trọn vẹn.") from exc
    sheets: list[Sheet] = []
    for meta in book.sheets_metadata:
        if str(meta.typ) not in {"SheetTypeEnum.WorkSheet", "WorkSheet"}:
            continue
        try:
            sheet = book.get_sheet_by_name(meta.name)
            height, width = sheet.total_height, sheet.total_width
            if height * width > MAX_CELLS:
                raise _reject(
                    file_name,
                    f"Trang '{meta.name}' có {height:,} dòng × {width:,} cột, quá lớn để nhập.",
                )
            rows: list[list[Cell]] = sheet.to_python(skip_empty_area=False)  # type: ignore[assignment]
            merged = _merged_ranges(sheet)
        except ImportRejected:
            raise
        except Exception as exc:
            raise _reject(
                file_name, f"Không đọc được trang '{meta.name}': tệp hỏng hoặc không trọn vẹn."
            ) from exc
        sheets.append(Sheet(meta.name, rows, merged))
    return sheets


def _read_csv(data: bytes, file_name: str) -> tuple[list[Sheet], str]:
    try:
        text, encoding = decode_text_bytes(data)
    except ValueError as exc:
        raise _reject(file_name, str(exc)) from exc
    sample = text[:20000]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    rows: list[list[Cell]] = [
        list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)
    ]
    name = PurePath(file_name).stem
    return [Sheet(name, rows)], encoding


def read_workbook(data: bytes, file_name: str) -> Workbook:
    """Bytes to sheets. Raises ImportRejected with a Vietnamese reason."""
    if len(data) > MAX_FILE_BYTES:
        raise _reject(
            file_name,
            f"Tệp {len(data) // (1024 * 1024)} MB vượt giới hạn {MAX_FILE_BYTES // (1024 * 1024)} MB.",
        )
    fmt = sniff_format(data, file_name)
    if fmt == "xlsx":
        _check_zip(data, file_name)
    if fmt == "csv":
        sheets, encoding = _read_csv(data, file_name)
        return Workbook(file_name, fmt, sheets, encoding)
    sheets = _read_calamine(data, file_name, fmt)
    fonts = legacy_fonts(data, fmt)
    for sheet in sheets:
        sheet.fonts = fonts.get(sheet.name, {})
    if not sheets:
        raise _reject(file_name, "Tệp không có trang tính nào.")
    return Workbook(file_name, fmt, sheets)


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA' (as Excel shows)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters
