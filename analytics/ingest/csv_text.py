"""CSV bytes to rows of text: the encoding decided line by line, broken quoting and over-long
fields rejected with the row where they start.

Offices join exports: a file may hold UTF-8 lines from one program and Windows-1258 lines from
another. A line that is valid UTF-8 is read as UTF-8; the others are read as the single-byte
encoding the file's other lines vote for (:mod:`analytics.ingest.legacy` decides between
Windows-1258 and the Latin-1 reading of TCVN3/VNI font bytes), and a warning says which lines.
"""

from __future__ import annotations

import codecs
import csv
import io
import unicodedata
from dataclasses import dataclass

from analytics.ingest.issues import ImportRejected, Issue
from analytics.ingest.legacy import (
    BINARY_MESSAGE,
    _decode_single_byte,
    _looks_binary,
    _sniff_utf16,
    _text_looks_binary,
    decode_text_bytes,
)

MAX_FIELD_CHARS = 32_767  # Excel's limit for one cell; a longer field is not a spreadsheet's
_SNIFF_CHARS = 20_000
_BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_ENCODING_NAMES = {"cp1258": "Windows-1258", "cp1252": "Windows-1252", "latin-1": "Latin-1"}


@dataclass(frozen=True)
class DecodedText:
    """NFC text, the encoding name ("utf-8", "cp1258", "utf-8+cp1258" when lines differ…) and,
    for a mixed file, the 1-based numbers of the lines that were not UTF-8."""

    text: str
    encoding: str
    other_lines: tuple[int, ...] = ()
    utf8_lines: int = 0


def number(value: int) -> str:
    """12345 -> '12.345', as Vietnamese writes thousands."""
    return f"{value:,}".replace(",", ".")


def _reject(file_name: str, message: str, *, code: str, row: int | None = None) -> ImportRejected:
    return ImportRejected([Issue(file=file_name, message=message, row=row, code=code)])


def decode_csv(data: bytes, file_name: str) -> DecodedText:
    """Decode CSV bytes: BOM, UTF-16 (with or without BOM), UTF-8, else line by line.

    Raises ImportRejected (CSV_BINARY, CSV_ENCODING) in Vietnamese.
    """
    try:
        return _decode(data)
    except ValueError as exc:
        if str(exc) == BINARY_MESSAGE:
            raise _reject(file_name, f"{exc}.", code="CSV_BINARY") from exc
        raise _reject(file_name, f"{exc}.", code="CSV_ENCODING") from exc


def _decode(data: bytes) -> DecodedText:
    wide = data.startswith(_BOMS) or _sniff_utf16(data) is not None
    if not wide and not _looks_binary(data):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return _decode_lines(data)
    # BOM, UTF-16, UTF-8 or binary: one decoding for the whole file.
    return DecodedText(*decode_text_bytes(data))


def _decode_lines(data: bytes) -> DecodedText:
    """Each line as UTF-8 when it is valid UTF-8, else in the file's single-byte encoding."""
    lines = data.splitlines(keepends=True)  # \n, \r\n and \r, as the csv reader splits them
    decoded: list[str] = []
    other: list[int] = []
    for number, line in enumerate(lines, start=1):
        try:
            decoded.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            decoded.append("")
            other.append(number)
    utf8_lines = sum(1 for line in lines if not line.isascii()) - len(other)
    if not utf8_lines:  # one encoding throughout: decided on the whole file, as before
        return DecodedText(*decode_text_bytes(data))
    _, name = _decode_single_byte(b"".join(lines[n - 1] for n in other))
    errors = "replace" if name == "cp1258" else "strict"
    for number in other:
        decoded[number - 1] = lines[number - 1].decode(name, errors=errors)
    text = "".join(decoded)
    if _text_looks_binary(text):
        raise ValueError(BINARY_MESSAGE)
    return DecodedText(
        unicodedata.normalize("NFC", text), f"utf-8+{name}", tuple(other), utf8_lines
    )


def mixed_encoding_warning(decoded: DecodedText, file_name: str) -> Issue | None:
    """CSV_MIXED_ENCODING when some lines were UTF-8 and others not."""
    if not decoded.other_lines:
        return None
    single = _ENCODING_NAMES.get(decoded.encoding.split("+")[-1], decoded.encoding)
    shown = ", ".join(map(str, decoded.other_lines[:8]))
    more = "…" if len(decoded.other_lines) > 8 else ""
    return Issue(
        file=file_name,
        message=(
            f"tệp trộn hai bảng mã: {decoded.utf8_lines} dòng UTF-8 và "
            f"{len(decoded.other_lines)} dòng {single} (dòng {shown}{more} của tệp); mỗi dòng "
            "đã được đọc theo bảng mã của nó. Hãy kiểm tra lại chữ có dấu ở những dòng này."
        ),
        code="CSV_MIXED_ENCODING",
    )


def _delimiter(text: str) -> str:
    try:
        return csv.Sniffer().sniff(text[:_SNIFF_CHARS], delimiters=",;\t|").delimiter
    except csv.Error:
        return ","


def _line_offset(text: str, line: int) -> int:
    """Offset of the 1-based physical ``line``, split as the reader splits (\\n, \\r\\n, \\r)."""
    offset = 0
    for number, chunk in enumerate(io.StringIO(text, newline=""), start=1):
        if number == line:
            return offset
        offset += len(chunk)
    return offset


def _runs_to_the_end(text: str, line: int) -> bool:
    """Whether a quoted field opened on ``line`` never closes: from there to the end of the file
    the quotes do not pair up ("" inside a field and each closed field add two)."""
    return text.count('"', _line_offset(text, line)) % 2 == 1


def _where(record: int, line: int) -> str:
    return f"dòng {record}" if record == line else f"dòng {record} (dòng {line} của tệp)"


def parse_rows(text: str, file_name: str) -> list[list[str]]:
    """Rows of fields. Raises ImportRejected: CSV_UNBALANCED_QUOTE (the row where the quoted field
    starts), CSV_FIELD_TOO_LONG, CSV_BINARY (a NUL character)."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    rows: list[list[str]] = []
    start = last = 1  # physical lines where the record being read and the last one start
    try:
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                break
            rows.append(row)
            last = start
    except csv.Error as exc:
        raise _csv_error(exc, text, file_name, len(rows) + 1, start) from exc
    # A quote that never closes makes the last record run to the end of the file.
    if rows and reader.line_num > last and _runs_to_the_end(text, last):
        raise _unbalanced(file_name, len(rows), last)
    return rows


def _unbalanced(file_name: str, record: int, line: int) -> ImportRejected:
    return _reject(
        file_name,
        f'dấu ngoặc kép (") mở một ô ở {_where(record, line)} nhưng không bao giờ đóng, nên '
        "phần còn lại của tệp bị đọc thành một ô. Hãy thêm dấu ngoặc kép đóng ở dòng này (hoặc "
        "mở tệp bằng Excel và lưu lại dạng CSV).",
        code="CSV_UNBALANCED_QUOTE",
        row=record,
    )


def _csv_error(exc: csv.Error, text: str, file_name: str, record: int, line: int) -> ImportRejected:
    reason = str(exc)
    if "field larger than field limit" in reason:
        if _runs_to_the_end(text, line):
            return _unbalanced(file_name, record, line)
        return too_long(file_name, record)
    if "NUL" in reason:
        return _reject(
            file_name, f"{BINARY_MESSAGE} (ký tự NUL ở {_where(record, line)}).", code="CSV_BINARY"
        )
    return _reject(  # not reached with the reader's settings; kept for a future csv module
        file_name,
        f"tệp không đọc được như văn bản CSV ở {_where(record, line)}; hãy mở bằng Excel và "
        "lưu lại dạng CSV.",
        code="CSV_BINARY",
        row=record,
    )


def too_long(
    file_name: str, record: int, column: str | None = None, length: int | None = None
) -> ImportRejected:
    """CSV_FIELD_TOO_LONG for the field of ``record`` (and ``column`` when known)."""
    size = f" ({number(length)} ký tự)" if length else ""
    return ImportRejected(
        [
            Issue(
                file=file_name,
                row=record,
                column=column,
                message=(
                    f"một ô dài hơn {number(MAX_FIELD_CHARS)} ký tự{size}, giới hạn một ô của Excel. "
                    "Hãy kiểm tra dấu ngoặc kép và dấu phân cách ở dòng này."
                ),
                code="CSV_FIELD_TOO_LONG",
            )
        ]
    )
