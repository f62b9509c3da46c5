"""Reading spreadsheet bytes into grids of cells, safely.

Formats are recognised by their bytes, not their names: offices rename files. ``read_workbook``
parses in a child process capped at 1 GB and a minute (:mod:`analytics.ingest.isolate`), so
nothing in a file can stop the server. The checks below keep hostile shapes from reaching even
those caps, each before python-calamine (native code) would allocate:

- xlsx: worksheets are found as calamine finds them (``xl/workbook.xml`` and its relationships,
  any name, any case; :mod:`analytics.ingest.container`); each one's extent is measured from
  its cell and row references, and the text its shared strings expand to is bounded;
- xls: the Workbook stream is read out of its OLE container (every table checked against the
  file as it is read, in :mod:`analytics.ingest.container`) and its BIFF records walked: a
  DIMENSIONS or cell record beyond the limits, a shared-string table claiming more strings than
  it holds, or a container whose tables point outside the file is rejected;
- csv: :mod:`analytics.ingest.csv_text` (encodings line by line, quoting, field lengths).

Every rejection is an :class:`Issue` with a stable code: FILE_EMPTY, FILE_TOO_BIG,
FILE_HTML, FILE_NOT_SPREADSHEET, XLSX_NOT_WORKBOOK, ZIP_BROKEN, ZIP_UNSUPPORTED (also a password),
ZIP_BOMB, XLS_BROKEN (also a password), SHEET_UNREADABLE, SHEET_TOO_LARGE, NO_SHEETS,
CELL_TOO_LONG, TEXT_TOO_LARGE and the CSV codes of csv_text; the child process adds
PARSE_TIMEOUT, PARSE_MEMORY and PARSE_CRASHED (all in analytics/ingest/codes.py).
"""

from __future__ import annotations

import html
import io
import os
import re
import struct
import zipfile
import zlib
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import PurePath

from analytics.ingest import csv_text
from analytics.ingest.container import (
    OLE_MAGIC,
    CompoundFile,
    WorksheetPart,
    XlsBroken,
    members,
    worksheet_parts,
)
from analytics.ingest.csv_text import number
from analytics.ingest.fonts import legacy_fonts
from analytics.ingest.issues import ImportRejected, Issue

Cell = object  # str | float | int | bool | date | datetime | time | timedelta

MAX_FILE_BYTES = int(os.environ.get("ANALYTICS_MAX_FILE_MB", "64")) * 1024 * 1024
MAX_UNZIPPED_BYTES = 600 * 1024 * 1024
MAX_ZIP_RATIO = 200
MAX_CELLS = 8_000_000  # about 1 GB in memory once read
MAX_CELL_CHARS = csv_text.MAX_FIELD_CHARS  # Excel's limit for one cell: 32,767 characters
# Text the cells may hold once shared strings are copied into every cell that uses them. Each
# character costs about 1.5 bytes in calamine's copy and 2 in Python's (Vietnamese letters are
# beyond Latin-1), so 200 M characters is some 700 MB: it still fits the child's 1 GB. The
# largest real file, a city-wide roster of 100,000 people, holds about 30 M characters.
MAX_TEXT_CHARS = 200_000_000
MAX_MERGES = 100_000  # merged ranges kept per sheet (only header rows use them)

_XLSX_MAGIC = b"PK\x03\x04"


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
    # Notes from reading (CSV_MIXED_ENCODING), for the import's warnings.
    warnings: list[Issue] = field(default_factory=list)


def _reject(
    file_name: str,
    message: str,
    *,
    code: str,
    sheet: str | None = None,
    row: int | None = None,
    column: str | None = None,
) -> ImportRejected:
    issue = Issue(file=file_name, message=message, sheet=sheet, row=row, column=column, code=code)
    return ImportRejected([issue])


def column_letter(index: int) -> str:
    """0 -> 'A', 26 -> 'AA' (as Excel shows)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _too_large(file_name: str, sheet: str, rows: int, cols: int) -> ImportRejected:
    return _reject(
        file_name,
        f"Trang tính trải tới ô {column_letter(cols - 1)}{rows} ({number(rows)} dòng × "
        f"{number(cols)} cột), "
        "quá lớn để nhập. Hãy xoá các dòng, cột thừa ở cuối trang rồi lưu lại.",
        code="SHEET_TOO_LARGE",
        sheet=sheet,
    )


def _cell_too_long(
    file_name: str, sheet: str | None, length: int, row: int | None = None, col: int | None = None
) -> ImportRejected:
    return _reject(
        file_name,
        f"Một ô có {number(length)} ký tự, quá giới hạn {number(MAX_CELL_CHARS)} ký tự một ô của "
        "Excel.",
        code="CELL_TOO_LONG",
        sheet=sheet,
        row=row,
        column=column_letter(col) if col is not None else None,
    )


def _text_too_large(file_name: str, chars: int) -> ImportRejected:
    return _reject(
        file_name,
        f"Các ô của tệp chứa tổng cộng hơn {number(chars // 1_000_000)} triệu ký tự (giới hạn "
        f"{number(MAX_TEXT_CHARS // 1_000_000)} triệu): một đoạn chữ dài được lặp lại ở rất nhiều ô. "
        "Tệp có thể là tệp độc hại.",
        code="TEXT_TOO_LARGE",
    )


# ============================================================================ format and size
def check_size(data: bytes, file_name: str) -> None:
    if len(data) > MAX_FILE_BYTES:
        raise _reject(
            file_name,
            f"Tệp {len(data) // (1024 * 1024)} MB vượt giới hạn {MAX_FILE_BYTES // (1024 * 1024)} MB.",
            code="FILE_TOO_BIG",
        )


def sniff_format(data: bytes, file_name: str) -> str:
    if not data:
        raise _reject(file_name, "Tệp rỗng (0 byte): không có dữ liệu để nhập.", code="FILE_EMPTY")
    if data.startswith(_XLSX_MAGIC):
        return "xlsx"
    if data.startswith(OLE_MAGIC):
        return "xls"
    head = data[:512].lstrip()
    if head.startswith((b"%PDF", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"Rar!", b"7z\xbc\xaf")):
        raise _reject(
            file_name, "Tệp không phải bảng tính (xlsx, xls hoặc csv).", code="FILE_NOT_SPREADSHEET"
        )
    lowered = head[:64].lower()
    if lowered.startswith((b"<!doctype html", b"<html", b"<?xml")):
        raise _reject(
            file_name,
            "Tệp là trang HTML/XML chứ không phải bảng tính; hãy mở bằng Excel và lưu lại dạng .xlsx.",
            code="FILE_HTML",
        )
    return "csv"


# ============================================================================ xlsx
_ZIP_BROKEN = "Tệp xlsx bị hỏng hoặc không trọn vẹn (không giải nén được)."
_CHUNK = 1 << 22
_MAX_CARRY = 64 << 20  # bytes without a '>' carried to the next chunk before giving up

# Rows and cells as Excel and every library we know write them: ' r="…"' first. calamine
# places a cell by its r (or, without one, after the previous cell), so in such a sheet the
# references are the extent. _ODD_CELL and _ODD_ROW find the few tags that are not a plain
# reference within column Z and row 99,999: far ones, and "loose" ones (r missing, not first,
# spelled r = '…'), after which the sheet is measured tag by tag as calamine places them. The
# common case costs two scans with few matches.
_ODD_CELL = re.compile(rb'<c(?=[\s/>])(?! r="[A-Za-z]?[0-9]{1,5}")')
_ODD_ROW = re.compile(rb'<row(?=[\s/>])(?! r="[0-9]{1,5}")')
_CELL_REF = re.compile(rb'<c r="([A-Za-z]+)([0-9]+)"')
_ROW_REF = re.compile(rb'<row r="([0-9]+)"')
_PREFIXED = re.compile(rb":(?:c|row|v)[\s/>]")  # <x:c …>: names with a namespace prefix
_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_R_ATTR = re.compile(rb"""(?:^|\s)r\s*=\s*["']([A-Za-z]*)([0-9]*)["']""")
_VALUE_INDEX = re.compile(rb"<v(?:\s[^>]*)?>\s*([0-9]{1,10})\s*</")
_VALUE_INDEX_ANY = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?v(?:\s[^>]*)?>\s*([0-9]{1,10})\s*</")
_SHARED_ITEM = re.compile(
    rb"<(?:[A-Za-z_][\w.-]*:)?si(?:\s[^>]*?)?(?:/>|>(.*?)</(?:[A-Za-z_][\w.-]*:)?si\s*>)", re.S
)
_PHONETIC = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?rPh\b.*?</(?:[A-Za-z_][\w.-]*:)?rPh\s*>", re.S)
_TEXT_PIECE = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?t(?:\s[^>]*)?>([^<]*)<")
_RICH_RUN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?r[\s>/]")
_ANY_TEXT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(?:t|r)[\s>/]")


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


def _whole_tags(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member in chunks that each end after a '>': no tag is split between two chunks."""
    carry = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            text = carry + chunk
            cut = text.rfind(b">") + 1
            if cut == 0 and len(text) < _MAX_CARRY:
                carry = text
                continue
            cut = cut or len(text)
            yield text[:cut]
            carry = text[cut:]
    if carry:
        yield carry


@dataclass
class _Scan:
    rows: int = 0  # farthest row any reference reaches (1-based), or a bound
    cols: int = 0
    loose: bool = False  # some row or cell is placed by position, or names carry a prefix
    values: int = 0  # <v> elements: at most this many cells use a shared string


def _leading_refs(
    text: bytes, odd: re.Pattern[bytes], leading: re.Pattern[bytes]
) -> list[tuple[bytes, ...]] | None:
    """The leading references of the odd tags in ``text``; None when one has none (loose)."""
    refs: list[tuple[bytes, ...]] = []
    for match in odd.finditer(text):
        ref = leading.match(text, match.start())
        if ref is None:
            return None
        refs.append(ref.groups())
    return refs


def _scan(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, values: bool) -> _Scan:
    """One streamed pass: references beyond column Z or row 99,999, loose tags and (when the
    file has shared strings) the number of values."""
    scan = _Scan()
    for text in _whole_tags(archive, info):
        if not scan.loose:
            cells = _leading_refs(text, _ODD_CELL, _CELL_REF)
            rows = _leading_refs(text, _ODD_ROW, _ROW_REF)
            if cells is None or rows is None or _PREFIXED.search(text):
                scan.loose = True
            else:
                for letters, digits in cells:
                    scan.rows = max(scan.rows, int(digits))
                    scan.cols = max(scan.cols, _column_number(letters))
                for (digits,) in rows:
                    scan.rows = max(scan.rows, int(digits))
        if values:
            scan.values += text.count(b"<v")
    scan.rows, scan.cols = max(scan.rows, 99_999), max(scan.cols, 26)
    return scan


def _exact_extent(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Rows and columns that the references of a sheet without loose tags reach."""
    rows = cols = 0
    for text in _whole_tags(archive, info):
        refs = _CELL_REF.findall(text)
        letters = {ref[0] for ref in refs}
        digits = {ref[1] for ref in refs} | set(_ROW_REF.findall(text))
        if letters:
            cols = max(cols, *map(_column_number, letters))
        if digits:
            rows = max(rows, *map(int, digits))
    return rows, cols


def _placed_extent(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> tuple[int, int]:
    """Rows and columns as calamine places cells tag by tag: a row or cell without ``r`` comes
    after the previous one (a row end moves to the next row and column A)."""
    row = col = 0  # 0-based, as calamine counts
    rows = cols = 0
    for text in _whole_tags(archive, info):
        for closing, name, attrs in _TAG.findall(text):
            if closing:
                if name == b"row":
                    row, col = row + 1, 0
                continue
            ref = _R_ATTR.search(attrs)
            if name == b"row":
                if ref and ref[2]:
                    row = int(ref[2]) - 1
                if attrs.endswith(b"/"):
                    row, col = row + 1, 0
                continue
            at_row = row
            if ref and ref[2]:
                at_row, col = int(ref[2]) - 1, _column_number(ref[1]) - 1
            rows, cols = max(rows, at_row + 1), max(cols, col + 1)
            col += 1
    return rows, cols


@dataclass
class _SharedStrings:
    lengths: list[int]  # characters of each string calamine keeps, in its order
    aligned: bool  # every item holds text, so item i is calamine's string i

    def longest(self) -> int:
        return max(self.lengths, default=0)


def _last_item_end(text: bytes) -> int:
    """Offset just after the last closing </si> (or </x:si>) of ``text``, or -1."""
    end = text.rfind(b"</si>")
    end = end + 5 if end >= 0 else -1
    prefixed = text.rfind(b":si>")
    if prefixed + 4 > end:
        opening = text.rfind(b"<", 0, prefixed)
        if opening >= 0 and text[opening + 1 : opening + 2] == b"/":
            end = prefixed + 4
    return end


def _shared_strings(archive: zipfile.ZipFile, file_name: str) -> _SharedStrings:
    """Lengths of the shared strings as calamine reads them: rich runs joined, phonetic runs
    left out; an item without text is skipped (later indexes move up). Two members named
    alike (calamine takes one of them): the longer length at each index."""
    lengths: list[int] = []
    aligned = True
    for info in members(archive, "xl/sharedStrings.xml"):
        found, whole = _string_lengths(archive, info, file_name)
        aligned = aligned and whole and (not lengths or len(found) == len(lengths))
        if len(found) > len(lengths):
            lengths, found = found, lengths
        lengths = [max(a, b) for a, b in zip(lengths, found, strict=False)] + lengths[len(found) :]
    return _SharedStrings(lengths, aligned)


def _string_lengths(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, file_name: str
) -> tuple[list[int], bool]:
    lengths: list[int] = []
    aligned = True
    carry = b""
    with archive.open(info) as stream:
        while True:
            chunk = stream.read(_CHUNK)
            text = carry + chunk
            cut = _last_item_end(text) if chunk else len(text)
            if cut < 0:  # no item ends in this chunk
                if len(text) > _MAX_CARRY:
                    raise _cell_too_long(file_name, None, len(text))
                carry = text
                continue
            for match in _SHARED_ITEM.finditer(text, 0, cut):
                body = _PHONETIC.sub(b"", match[1] or b"")
                if not _ANY_TEXT.search(body):
                    aligned = False
                    continue
                pieces = _TEXT_PIECE.findall(body)
                if not _RICH_RUN.search(body):
                    pieces = pieces[:1]
                raw = b"".join(pieces)
                length = len(raw) if raw.isascii() else len(raw.decode("utf-8", "replace"))
                if b"&" in raw:
                    length = len(html.unescape(raw.decode("utf-8", "replace")))
                lengths.append(length)
            carry = text[cut:]
            if not chunk:
                break
    return lengths, aligned


def _locate_shared(
    archive: zipfile.ZipFile, part: WorksheetPart, index: int
) -> tuple[int, int] | None:
    """(row, col) 0-based of a cell of ``part`` that uses shared string ``index``, if found."""
    cell = re.compile(
        rb"""<c\s+r\s*=\s*["']([A-Za-z]+)([0-9]+)["'][^>]*\bt\s*=\s*["']s["'][^>]*>\s*<v>\s*"""
        + str(index).encode()
        + rb"\s*</v>"
    )
    for info in part.members:
        for text in _whole_tags(archive, info):
            if found := cell.search(text):
                return int(found[2]) - 1, _column_number(found[1]) - 1
    return None


def _expansion(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, scan: _Scan, shared: _SharedStrings
) -> int:
    """Characters the part's shared-string cells copy: a bound first, counted if needed."""
    bound = scan.values * shared.longest()
    if bound <= MAX_TEXT_CHARS:
        return bound
    pattern = _VALUE_INDEX_ANY if scan.loose else _VALUE_INDEX
    counts: Counter[bytes] = Counter()
    for text in _whole_tags(archive, info):
        counts.update(pattern.findall(text))
    lengths = shared.lengths
    if not shared.aligned:  # calamine's string i is one of items i, i+1, …: take the longest
        lengths = lengths[:]
        for i in range(len(lengths) - 2, -1, -1):
            lengths[i] = max(lengths[i], lengths[i + 1])
    total = 0
    for value, count in counts.items():
        index = int(value)
        if index < len(lengths):
            total += lengths[index] * count
    return total


def _check_xlsx(data: bytes, file_name: str) -> None:
    """Zip structure, size once inflated, the extent of every worksheet and the text that its
    shared strings expand to, before calamine allocates anything."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            if not members(archive, "xl/workbook.xml"):
                raise _reject(
                    file_name,
                    "Tệp nén không phải bảng tính Excel (thiếu xl/workbook.xml).",
                    code="XLSX_NOT_WORKBOOK",
                )
            total = sum(info.file_size for info in infos)
            if total > MAX_UNZIPPED_BYTES or total > MAX_ZIP_RATIO * len(data) + 50_000_000:
                raise _reject(
                    file_name,
                    f"Tệp xlsx giải nén ra {total // (1024 * 1024)} MB, vượt giới hạn an toàn "
                    f"({MAX_UNZIPPED_BYTES // (1024 * 1024)} MB): có thể là tệp độc hại (zip bomb).",
                    code="ZIP_BOMB",
                )
            _check_worksheets(archive, file_name)
    except (zipfile.BadZipFile, EOFError, ValueError, OSError, zlib.error) as exc:
        raise _reject(file_name, _ZIP_BROKEN, code="ZIP_BROKEN") from exc
    except (NotImplementedError, RuntimeError) as exc:  # unknown compression, encryption
        raise _reject(
            file_name,
            f"Không mở được tệp xlsx: nén hoặc mã hoá không hỗ trợ ({exc}).",
            code="ZIP_UNSUPPORTED",
        ) from exc


def _check_worksheets(archive: zipfile.ZipFile, file_name: str) -> None:
    """Reject a sheet spanning too many cells before calamine allocates them: it builds the full
    rectangle up to the farthest cell, so one cell at XFD1048576 in a 5 KB file would need
    hundreds of GB and abort the process. Shared strings are copied into every cell that uses
    them: one string of 1 MB used by a thousand cells is 1 GB."""
    shared = _shared_strings(archive, file_name)
    if shared.longest() > MAX_CELL_CHARS:
        index = shared.lengths.index(shared.longest())
        for part in worksheet_parts(archive):
            if (where := _locate_shared(archive, part, index)) is not None:
                raise _cell_too_long(
                    file_name, part.title, shared.longest(), where[0] + 1, where[1]
                )
        raise _cell_too_long(file_name, None, shared.longest())
    text = 0
    for part in worksheet_parts(archive):
        for info in part.members:
            scan = _scan(archive, info, values=bool(shared.lengths))
            rows, cols = scan.rows, scan.cols
            if scan.loose:
                rows, cols = _placed_extent(archive, info)
            elif rows * cols > MAX_CELLS:
                rows, cols = _exact_extent(archive, info)
            if rows * cols > MAX_CELLS:
                raise _too_large(file_name, part.title, rows, cols)
            if shared.lengths:
                text += _expansion(archive, info, scan, shared)
                if text > MAX_TEXT_CHARS:
                    raise _text_too_large(file_name, text)


# ============================================================================ xls (OLE + BIFF)
_XLS_BROKEN = "Tệp xls bị hỏng hoặc không trọn vẹn"
_PASSWORD = "Tệp được bảo vệ bằng mật khẩu; hãy mở bằng Excel, bỏ mật khẩu rồi lưu lại."


_HEAD = struct.Struct("<HH")
_U16 = struct.Struct("<H")
_U32 = struct.Struct("<I")
# Records placed at (row, col) by their first four bytes: FORMULA, BLANK, NUMBER, LABEL, BOOLERR,
# RK, LABELSST, RSTRING. MULRK and MULBLANK add a last column at their end.
_CELL_RECORDS = frozenset((0x0006, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E, 0x00FD, 0x00D6))
_MULTI_RECORDS = frozenset((0x00BD, 0x00BE))
_DIMENSIONS, _LABEL_SST, _LABEL, _STRING, _FORMULA = 0x0200, 0x00FD, 0x0204, 0x0207, 0x0006
_EOF, _BOF, _CONTINUE, _SST, _BOUNDSHEET, _FILEPASS, _MERGED = (
    0x000A, 0x0809, 0x003C, 0x00FC, 0x0085, 0x002F, 0x00E5,
)  # fmt: skip


def _records(stream: bytes, start: int) -> Iterator[tuple[int, int, int]]:
    """(type, body offset, body length) from ``start`` to the end of the stream."""
    end = len(stream)
    pos = start
    while pos + 4 <= end:
        typ, size = _HEAD.unpack_from(stream, pos)
        yield typ, pos + 4, min(size, end - pos - 4)
        pos += 4 + size


def _sst_lengths(stream: bytes, offset: int, size: int) -> list[int]:
    """Characters of each string of the SST record at ``offset`` (its CONTINUE records after
    it), walked as calamine walks them. The count it claims must fit the bytes it has."""
    if size < 8:
        raise XlsBroken("bảng chuỗi dùng chung (SST) hỏng")
    segments = [stream[offset + 8 : offset + size]]
    pos = offset + size
    while pos + 4 <= len(stream) and _U16.unpack_from(stream, pos)[0] == _CONTINUE:
        length = _U16.unpack_from(stream, pos + 2)[0]
        segments.append(stream[pos + 4 : pos + 4 + length])
        pos += 4 + length
    unique = struct.unpack_from("<i", stream, offset + 4)[0]
    # calamine reserves room for this many strings before reading one.
    if unique < 0 or unique > MAX_CELLS or unique * 3 > sum(map(len, segments)):
        raise XlsBroken("bảng chuỗi dùng chung (SST) khai báo nhiều chuỗi hơn số nó chứa")
    lengths: list[int] = []
    index, at = 0, 0
    data = segments[0]

    def advance() -> None:
        nonlocal index, at, data
        index += 1
        if index >= len(segments):
            raise XlsBroken("bảng chuỗi dùng chung (SST) bị cụt")
        data, at = segments[index], 0

    def skip(count: int) -> None:
        nonlocal at
        while count > 0:
            if at >= len(data):
                advance()
            step = min(count, len(data) - at)
            at += step
            count -= step

    for _ in range(unique):
        if at >= len(data):
            advance()
        if len(data) - at < 3:
            raise XlsBroken("bảng chuỗi dùng chung (SST) hỏng")
        chars, flags = _U16.unpack_from(data, at)[0], data[at + 2]
        at += 3
        runs = extra = 0
        if flags & 0x8:
            runs = _U16.unpack_from(data.ljust(at + 2, b"\x00"), at)[0]
            at += 2
        if flags & 0x4:
            extra = struct.unpack_from("<i", data.ljust(at + 4, b"\x00"), at)[0]
            at += 4
        wide = flags & 0x1
        left = chars
        while left:
            if at >= len(data):
                advance()
                wide = data[0] & 0x1
                at = 1
            width = 2 if wide else 1
            take = min(left, (len(data) - at) // width)
            if take == 0:
                raise XlsBroken("bảng chuỗi dùng chung (SST) hỏng")
            at += take * width
            left -= take
        skip(runs * 4 + max(extra, 0))
        lengths.append(chars)
    return lengths


@dataclass
class _BiffSheet:
    name: str
    offset: int


def _short_string(stream: bytes, at: int, end: int, biff8: bool) -> str:
    if at >= end:
        return ""
    chars = stream[at]
    if biff8 and at + 1 < end:
        wide = stream[at + 1] & 1
        raw = stream[at + 2 : min(end, at + 2 + chars * (2 if wide else 1))]
        return raw.decode("utf-16-le" if wide else "latin-1", "replace")
    return stream[at + 1 : min(end, at + 1 + chars)].decode("cp1252", "replace")


def _xls_globals(stream: bytes, file_name: str) -> tuple[list[_BiffSheet], list[int], bool]:
    """Sheets (name, substream offset), shared-string lengths and whether this is BIFF8."""
    sheets: list[_BiffSheet] = []
    lengths: list[int] = []
    biff8 = True
    first = True
    for typ, at, size in _records(stream, 0):
        if first:
            if typ != _BOF or size < 2:
                raise XlsBroken("luồng Workbook không bắt đầu bằng bản ghi BOF")
            biff8 = _U16.unpack_from(stream, at)[0] in (0x0600, 0)
            first = False
        elif typ == _FILEPASS and size >= 2 and _U16.unpack_from(stream, at)[0] != 0:
            raise _reject(file_name, _PASSWORD, code="XLS_BROKEN")
        elif typ == _BOUNDSHEET and size >= 6:
            offset = _U32.unpack_from(stream, at)[0]
            name = _short_string(stream, at + 6, at + size, biff8)
            sheets.append(_BiffSheet(name.replace("\x00", ""), offset))
        elif typ == _SST:
            lengths = _sst_lengths(stream, at, size)
        elif typ == _EOF:
            break
    if first:
        raise XlsBroken("luồng Workbook rỗng")
    return sheets, lengths, biff8


def _check_xls_sheet(stream: bytes, sheet: _BiffSheet, lengths: list[int], file_name: str) -> int:
    """The records of one sheet: its DIMENSIONS and every cell within MAX_CELLS, no cell text
    over MAX_CELL_CHARS. Returns the characters its cells hold."""
    if sheet.offset >= len(stream):
        raise XlsBroken("vị trí của một trang tính nằm ngoài tệp")
    unpack_head = _HEAD.unpack_from
    unpack_u16 = _U16.unpack_from
    cells, multi = _CELL_RECORDS, _MULTI_RECORDS
    max_row = max_col = -1
    text = 0
    formula_at = (0, 0)
    known = len(lengths)
    for typ, at, size in _records(stream, sheet.offset):
        if typ in cells and size >= 4:
            row, col = unpack_head(stream, at)
            max_row, max_col = max(max_row, row), max(max_col, col)
            if typ == _LABEL_SST and size >= 10:
                index = _U32.unpack_from(stream, at + 6)[0]
                length = lengths[index] if index < known else 0
            elif typ == _LABEL and size >= 8:
                length = unpack_u16(stream, at + 6)[0]
            else:
                if typ == _FORMULA:
                    formula_at = (row, col)
                continue
            if length > MAX_CELL_CHARS:
                raise _cell_too_long(file_name, sheet.name, length, row + 1, col)
            text += length
        elif typ in multi and size >= 6:
            row = unpack_u16(stream, at)[0]
            last = unpack_u16(stream, at + size - 2)[0]
            max_row, max_col = max(max_row, row), max(max_col, last)
        elif typ == _STRING and size >= 2:
            length = unpack_u16(stream, at)[0]
            if length > MAX_CELL_CHARS:
                raise _cell_too_long(
                    file_name, sheet.name, length, formula_at[0] + 1, formula_at[1]
                )
            text += length
        elif typ == _DIMENSIONS:
            if size == 14:
                first_row, end_row = struct.unpack_from("<II", stream, at)
                first_col, end_col = struct.unpack_from("<HH", stream, at + 8)
            elif size == 10:
                first_row, end_row, first_col, end_col = struct.unpack_from("<4H", stream, at)
            else:
                continue
            # calamine reserves (end_row - first_row) × (end_col - first_col) cells from this
            # record alone; a first beyond its end wraps round to billions.
            if end_row >= 1 and end_col >= 1 and (first_row >= end_row or first_col >= end_col):
                raise XlsBroken("bản ghi DIMENSIONS khai báo vùng dữ liệu sai")
            if end_row * end_col > MAX_CELLS:
                raise _too_large(file_name, sheet.name, end_row, end_col)
        elif typ == _MERGED and size >= 2:
            if 2 + 8 * unpack_u16(stream, at)[0] > size:
                raise XlsBroken("bản ghi ô gộp (MERGEDCELLS) hỏng")
        elif typ == _EOF:
            break
    if (max_row + 1) * (max_col + 1) > MAX_CELLS:
        raise _too_large(file_name, sheet.name, max_row + 1, max_col + 1)
    return text


def _check_xls(data: bytes, file_name: str) -> None:
    """Read the Workbook stream and walk its records before calamine, which sizes its buffers
    from them (a DIMENSIONS or cell record at column 65535 aborts it)."""
    try:
        container = CompoundFile(data)
        if container.has("EncryptedPackage"):  # an .xlsx saved with a password
            raise _reject(file_name, _PASSWORD, code="ZIP_UNSUPPORTED")
        stream = container.stream("Workbook", "Book")
        if stream is None:
            raise _reject(
                file_name,
                "Tệp Office này không phải bảng tính Excel (không có dữ liệu trang tính).",
                code="FILE_NOT_SPREADSHEET",
            )
        sheets, lengths, _ = _xls_globals(stream, file_name)
        text = 0
        for sheet in sheets:
            text += _check_xls_sheet(stream, sheet, lengths, file_name)
            if text > MAX_TEXT_CHARS:
                raise _text_too_large(file_name, text)
    except XlsBroken as exc:
        raise _reject(file_name, f"{_XLS_BROKEN} ({exc}).", code="XLS_BROKEN") from exc
    except (struct.error, IndexError) as exc:
        raise _reject(file_name, f"{_XLS_BROKEN} (bản ghi bị cụt).", code="XLS_BROKEN") from exc


def _xls_sheet_names(data: bytes) -> list[str]:
    container = CompoundFile(data)
    stream = container.stream("Workbook", "Book")
    if stream is None:
        return []
    sheets, _, _ = _xls_globals(stream, "")
    return [s.name for s in sheets]


# ============================================================================ reading
def _merged_ranges(sheet: object) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Merged ranges of .xlsx and .xls sheets (a two-row header's group title spans its columns).
    Best effort: a file whose merge records cannot be read still imports, without them."""
    try:
        return list(getattr(sheet, "merged_cell_ranges", None) or [])
    except Exception:  # calamine raises several private error types
        return []


def _clip_merges(
    merged: list[tuple[tuple[int, int], tuple[int, int]]], rows: list[list[Cell]]
) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Ranges that start inside the grid, at most MAX_MERGES of them: a range is only a pair of
    corners, but a file may hold millions or reach past the grid."""
    height = len(rows)
    width = max(map(len, rows), default=0)
    kept = [m for m in merged if m[0][0] < height and m[0][1] < width and m[0] <= m[1]]
    return kept[:MAX_MERGES]


def _read_calamine(data: bytes, file_name: str, fmt: str) -> list[Sheet]:
    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several private error types
        message = f"Không mở được tệp {fmt}: tệp hỏng hoặc không trọn vẹn."
        if fmt == "xlsx":
            raise _reject(file_name, message, code="ZIP_BROKEN") from exc
        raise _reject(file_name, message, code="XLS_BROKEN") from exc
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
                    f"Trang '{meta.name}' có {number(height)} dòng × {number(width)} cột, quá lớn "
                    "để nhập.",
                    code="SHEET_TOO_LARGE",
                    sheet=meta.name,
                )
            rows: list[list[Cell]] = sheet.to_python(skip_empty_area=False)  # type: ignore[assignment]
            merged = _clip_merges(_merged_ranges(sheet), rows)
        except ImportRejected:
            raise
        except Exception as exc:
            raise _reject(
                file_name,
                f"Không đọc được trang '{meta.name}': tệp hỏng hoặc không trọn vẹn.",
                code="SHEET_UNREADABLE",
                sheet=meta.name,
            ) from exc
        sheets.append(Sheet(meta.name, rows, merged))
    return sheets


def _check_cell_lengths(sheet: Sheet, file_name: str, fmt: str) -> None:
    """No cell over Excel's 32,767 characters (rich text runs, formula strings, CSV fields…)."""
    longest = max((len(v) for row in sheet.rows for v in row if type(v) is str), default=0)
    if longest <= MAX_CELL_CHARS:
        return
    for i, row in enumerate(sheet.rows):
        for j, value in enumerate(row):
            if type(value) is str and len(value) > MAX_CELL_CHARS:
                if fmt == "csv":
                    raise csv_text.too_long(file_name, i + 1, column_letter(j), len(value))
                raise _cell_too_long(file_name, sheet.name, len(value), i + 1, j)


def _read_csv(data: bytes, file_name: str) -> Workbook:
    decoded = csv_text.decode_csv(data, file_name)
    rows: list[list[Cell]] = csv_text.parse_rows(decoded.text, file_name)  # type: ignore[assignment]
    warning = csv_text.mixed_encoding_warning(decoded, file_name)
    sheet = Sheet(PurePath(file_name).stem, rows)
    return Workbook(file_name, "csv", [sheet], decoded.encoding, [warning] if warning else [])


def read_workbook_unsafe(data: bytes, file_name: str) -> Workbook:
    """Bytes to sheets in this process: for the child of :mod:`analytics.ingest.isolate` (and
    tests). Raises ImportRejected with a Vietnamese reason and a code."""
    check_size(data, file_name)
    fmt = sniff_format(data, file_name)
    if fmt == "csv":
        book = _read_csv(data, file_name)
    else:
        if fmt == "xlsx":
            _check_xlsx(data, file_name)
        else:
            _check_xls(data, file_name)
        sheets = _read_calamine(data, file_name, fmt)
        if not sheets:
            raise _reject(file_name, "Tệp không có trang tính nào.", code="NO_SHEETS")
        fonts = legacy_fonts(data, fmt)
        for sheet in sheets:
            sheet.fonts = fonts.get(sheet.name, {})
        book = Workbook(file_name, fmt, sheets)
    for sheet in book.sheets:
        _check_cell_lengths(sheet, file_name, fmt)
    return book


def read_workbook(data: bytes, file_name: str) -> Workbook:
    """Bytes to sheets, parsed in a child process (1 GB, 60 s). Raises ImportRejected with a
    Vietnamese reason and a stable code, whatever the file does to the parser."""
    check_size(data, file_name)
    from analytics.ingest.isolate import read_isolated

    return read_isolated(data, file_name)


def sheet_names(data: bytes, file_name: str) -> list[str]:
    """The worksheet names of an xlsx or xls, read from its own tables without calamine (so
    cheap and safe in the server process); [] for a CSV or a file that cannot be read."""
    try:
        fmt = sniff_format(data, file_name)
        if fmt == "xlsx":
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                return [p.title for p in worksheet_parts(archive) if p.named and p.members]
        if fmt == "xls":
            return _xls_sheet_names(data)
    except Exception:  # a damaged file has no names; the check that follows says why
        return []
    return []
