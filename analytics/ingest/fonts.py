"""Fonts of cells in legacy (TCVN3) fonts, read from a workbook's own records.

TCVN3 has two fonts per face: ".VnTime" for lower case and ".VnTimeH" for capitals; the same
bytes are "a" or "A" depending on the font. Only text cells in a ".Vn…" font are reported.

The containers (the xlsx's worksheets, the xls's OLE streams) are read by
:mod:`analytics.ingest.container`, as the import's checks read them, so the fonts are those of
the sheets calamine reads. Both readers are bounded and never raise: a part that cannot be read
gives no fonts for that sheet (or for the file), and the import goes on without them. Neither
allocates anything per empty cell: a workbook without a .Vn font costs one look at its styles.
"""

from __future__ import annotations

import html
import io
import re
import struct
import zipfile
from collections.abc import Iterator
from itertools import pairwise, repeat
from operator import sub

from analytics.ingest.container import (
    OLE_MAGIC,
    CompoundFile,
    members,
    workbook_relationships,
    worksheet_parts,
)

Fonts = dict[tuple[int, int], str]  # (row, col) 0-based -> font name

LEGACY_PREFIX = ".Vn"
MAX_CELLS = 8_000_000  # as readers.MAX_CELLS: more font cells than a sheet may have is broken
_MAX_PART = 32 << 20  # styles.xml read at the most
_MAX_SHEET = 1 << 30  # uncompressed bytes of one worksheet read at the most
_CHUNK = 1 << 22


def legacy_fonts(data: bytes, fmt: str) -> dict[str, Fonts]:
    """Sheet name -> {(row, col) 0-based: font name} for text cells in a TCVN3 font.

    >>> legacy_fonts(b"a,b", "csv")
    {}
    """
    try:
        if fmt == "xlsx":
            return _xlsx_fonts(data)
        if fmt == "xls":
            return _xls_fonts(data)
    except Exception:  # container.XlsBroken, a bad zip or record: no fonts, never an import error
        return {}
    return {}


def _is_legacy(name: str) -> bool:
    return name.strip().startswith(LEGACY_PREFIX)


# ============================================================================ xlsx
_ELEMENT = rb"<(?:[A-Za-z_][\w.-]*:)?%s(?=[\s/>])([^>]*)>"
_ATTR = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FONTS = re.compile(rb"<(?:[\w.-]+:)?fonts(?=[\s>])[^>]*>(.*?)</(?:[\w.-]+:)?fonts\s*>", re.S)
_FONT = re.compile(rb"<(?:[\w.-]+:)?font(?=[\s/>])[^>]*?(?:/>|>(.*?)</(?:[\w.-]+:)?font\s*>)", re.S)
_FONT_NAME = re.compile(rb"<(?:[\w.-]+:)?name(?=[\s/>])([^>]*)>")
_CELL_XFS = re.compile(
    rb"<(?:[\w.-]+:)?cellXfs(?=[\s>])[^>]*>(.*?)</(?:[\w.-]+:)?cellXfs\s*>", re.S
)
_XF = re.compile(_ELEMENT % rb"xf")
# A row or cell start tag; the name is checked exactly ("<col", "<cfRule" are not cells).
_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?(row|c)(?=[\s/>])([^>]*)>")
_CELL_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})$")
_TEXT_TYPES = frozenset((b"s", b"inlineStr", b"str"))


def _attributes(text: bytes) -> dict[bytes, bytes]:
    """Attributes of a start tag by local name ("r:id" is b"id" as well as b"r:id")."""
    found: dict[bytes, bytes] = {}
    for name, double, single in _ATTR.findall(text):
        value = double or single
        found[name] = value
        found.setdefault(name.rpartition(b":")[2], value)
    return found


def _text(value: bytes) -> str:
    return html.unescape(value.decode("utf-8", "replace"))


def _read_part(archive: zipfile.ZipFile, path: str) -> bytes:
    """The member at ``path`` (its case ignored, as Excel and calamine ignore it), if any."""
    found = members(archive, path)
    if not found:
        return b""
    with archive.open(found[0]) as stream:
        return stream.read(_MAX_PART)


def _legacy_styles(styles: bytes) -> dict[int, str]:
    """cellXfs index -> font name, for the cell formats whose font is a .Vn font."""
    fonts_block = _FONTS.search(styles)
    xfs_block = _CELL_XFS.search(styles)
    if fonts_block is None or xfs_block is None:
        return {}
    names: list[str | None] = []
    for match in _FONT.finditer(fonts_block[1]):
        found = _FONT_NAME.search(match[1] or b"")
        value = _attributes(found[1]).get(b"val") if found else None
        names.append(_text(value) if value is not None else None)
    legacy: dict[int, str] = {}
    for index, match in enumerate(_XF.finditer(xfs_block[1])):
        font_id = _attributes(match[1]).get(b"fontId", b"0")
        if font_id.isdigit() and int(font_id) < len(names):
            name = names[int(font_id)]
            if name is not None and _is_legacy(name):
                legacy[index] = name.strip()
    return legacy


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    """A member in chunks that each end after a '>' (no tag is split), at most _MAX_SHEET."""
    carry = b""
    total = 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > _MAX_SHEET:
                raise ValueError("worksheet too large")
            text = carry + chunk
            cut = text.rfind(b">") + 1
            if cut == 0:
                if len(text) > _CHUNK * 4:
                    raise ValueError("no tag ends")
                carry = text
                continue
            yield text[:cut]
            carry = text[cut:]
    if carry:
        yield carry


def _column_number(letters: bytes) -> int:
    number = 0
    for char in letters.upper():
        number = number * 26 + char - 64
    return number


class _Positional(Exception):
    """Cells written otherwise than Excel writes them: the exact, slower pass is needed."""


def _sheet_fonts(archive: zipfile.ZipFile, info: zipfile.ZipInfo, styles: dict[int, str]) -> Fonts:
    """Text cells of one worksheet whose style has a .Vn font, placed as calamine places them.

    Excel, LibreOffice and openpyxl write every cell as ``<c r="B7" s="3" t="s">``: then one
    regular expression built from the .Vn styles finds exactly the cells wanted. Any other
    writing (a cell without its reference follows the previous cell, attributes in another
    order, prefixed names) takes an exact pass over every row and cell instead.
    """
    try:
        return _scan_typical(archive, info, styles)
    except _Positional:
        return _scan_exact(archive, info, styles)


_TYPICAL_CELL = re.compile(
    rb'<c r="[A-Z]{1,3}[0-9]{1,7}"(?: s="[0-9]{1,6}")?(?: t="[A-Za-z]{1,9}")?'
    rb"(?![^>]*\s[st]\s*=)[\s/>]"
)
_ODD_CELL = re.compile(rb"<[A-Za-z_][\w.-]*:c[\s/>]|<c[\t\r\n]")


def _legacy_cell_pattern(styles: dict[int, str]) -> re.Pattern[bytes]:
    ids = b"|".join(str(i).encode() for i in sorted(styles))
    style = rb'(?: s="(%s)")%s' % (ids, b"?" if 0 in styles else b"")
    return re.compile(
        rb'<c r="([A-Z]{1,3})([0-9]{1,7})"' + style + rb' t="(?:s|str|inlineStr)"'
        rb"(?![^>]*\s[st]\s*=)[\s/>]"
    )


def _scan_typical(archive: zipfile.ZipFile, info: zipfile.ZipInfo, styles: dict[int, str]) -> Fonts:
    fonts: Fonts = {}
    wanted = _legacy_cell_pattern(styles)
    names = {str(i).encode(): name for i, name in styles.items()}
    if 0 in styles:
        names[b""] = styles[0]  # no s attribute: the default format
    columns: dict[bytes, int] = {}
    for chunk in _chunks(archive, info):
        cells = chunk.count(b"<c ") + chunk.count(b"<c>") + chunk.count(b"<c/")
        if _ODD_CELL.search(chunk) or len(_TYPICAL_CELL.findall(chunk)) != cells:
            raise _Positional
        found = wanted.findall(chunk)
        if not found:
            continue
        letters, numbers, ids = zip(*found, strict=True)
        for new in set(letters).difference(columns):
            columns[new] = _column_number(new) - 1
        # At C speed: a legacy workbook may give every one of its million cells a .Vn font.
        rows = map(sub, map(int, numbers), repeat(1))
        places = zip(rows, map(columns.__getitem__, letters), strict=True)
        fonts.update(zip(places, map(names.__getitem__, ids), strict=True))
        if len(fonts) > MAX_CELLS:
            raise ValueError("more font cells than a sheet may have")
    return fonts


def _scan_exact(archive: zipfile.ZipFile, info: zipfile.ZipInfo, styles: dict[int, str]) -> Fonts:
    fonts: Fonts = {}
    row, col = -1, -1
    for chunk in _chunks(archive, info):
        for match in _TAG.finditer(chunk):
            attrs = _attributes(match[2])
            ref = attrs.get(b"r")
            if match[1] == b"row":
                row = int(ref) - 1 if ref is not None and ref.isdigit() else row + 1
                col = -1
                continue
            place = _CELL_REF.match(ref) if ref is not None else None
            if place is not None:
                row, col = int(place[2]) - 1, _column_number(place[1]) - 1
            else:
                col += 1
            style = attrs.get(b"s", b"0")
            if attrs.get(b"t") not in _TEXT_TYPES or not style.isdigit():
                continue
            font = styles.get(int(style))
            if font is not None and row >= 0:
                fonts[row, col] = font
                if len(fonts) > MAX_CELLS:
                    raise ValueError("more font cells than a sheet may have")
    return fonts


def _xlsx_fonts(data: bytes) -> dict[str, Fonts]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        styles_path = next(
            (
                r.path
                for r in workbook_relationships(archive).values()
                if r.type.endswith(b"/styles")
            ),
            "xl/styles.xml",
        )
        styles = _legacy_styles(_read_part(archive, styles_path))
        if not styles:
            return {}
        result: dict[str, Fonts] = {}
        scanned: dict[str, Fonts] = {}  # each part read once, however many sheets name it
        for part in worksheet_parts(archive):  # the sheets calamine reads, by the names it gives
            if not part.listed or not part.name or not part.members:
                continue
            info = part.members[0]
            fonts = scanned.get(info.filename)
            if fonts is None:
                try:
                    fonts = _sheet_fonts(archive, info, styles)
                except Exception:  # a broken sheet: no fonts for it
                    fonts = {}
                scanned[info.filename] = fonts
            if fonts:
                result[part.name] = fonts
        return result


# ============================================================================ xls (OLE + BIFF)
_HEAD = struct.Struct("<HH")
_BOF, _EOF, _FONT_RECORD, _XF_RECORD, _BOUNDSHEET, _CODEPAGE, _FILEPASS = (
    0x0809, 0x000A, 0x0031, 0x00E0, 0x0085, 0x0042, 0x002F,
)  # fmt: skip
_TEXT_RECORDS = frozenset((0x00FD, 0x0204, 0x00D6))  # LABELSST, LABEL, RSTRING


def _records(stream: bytes, start: int) -> Iterator[tuple[int, bytes]]:
    """(type, body) of the BIFF records from ``start`` to the end of the stream."""
    pos = start
    while pos + 4 <= len(stream):
        kind, length = _HEAD.unpack_from(stream, pos)
        yield kind, stream[pos + 4 : pos + 4 + length]
        pos += 4 + length


def _biff_string(body: bytes, at: int, biff8: bool, codepage: str) -> str:
    """A string with a one-byte length at ``at``: BIFF8 flags byte and UTF-16 or compressed
    Latin-1 characters, or BIFF5 bytes in the workbook's code page."""
    count = body[at]
    if not biff8:
        return body[at + 1 : at + 1 + count].decode(codepage, "replace")
    if body[at + 1] & 1:
        return body[at + 2 : at + 2 + 2 * count].decode("utf-16-le", "replace")
    return body[at + 2 : at + 2 + count].decode("latin-1")


def _xls_fonts(data: bytes) -> dict[str, Fonts]:
    if not data.startswith(OLE_MAGIC):
        return {}
    book = CompoundFile(data).stream("Workbook", "Book", ignore_case=True)
    if book is None:
        return {}
    fonts: list[str] = []
    xf_fonts: list[int] = []
    sheets: list[tuple[str, int]] = []
    biff8, codepage = True, "cp1252"
    for number, (kind, body) in enumerate(_records(book, 0)):
        if number == 0:
            if kind != _BOF:
                return {}
            biff8 = struct.unpack_from("<H", body)[0] == 0x0600
        elif kind == _FILEPASS:
            return {}  # encrypted: the records cannot be read
        elif kind == _CODEPAGE and len(body) >= 2:
            page = struct.unpack_from("<H", body)[0]
            codepage = f"cp{page}" if page not in (1200, 0x8000, 0x8001) else "cp1252"
        elif kind == _FONT_RECORD:
            fonts.append(_biff_string(body, 14, biff8, codepage))
        elif kind == _XF_RECORD:
            xf_fonts.append(struct.unpack_from("<H", body)[0])
        elif kind == _BOUNDSHEET:
            offset, _state, sheet_type = struct.unpack_from("<IBB", body)
            if sheet_type == 0:  # a worksheet
                sheets.append((_biff_string(body, 6, biff8, codepage), offset))
        elif kind == _EOF:
            break
    # A cell's XF names its font; font number 4 does not exist in BIFF (the 5th record is 5).
    legacy: dict[int, str] = {}
    for xf, font in enumerate(xf_fonts):
        index = font if font < 4 else font - 1
        if font != 4 and index < len(fonts) and _is_legacy(fonts[index]):
            legacy[xf] = fonts[index].strip()
    if not legacy:
        return {}
    # Each substream is read once and only up to the next one: sheets that share an offset or
    # lack their EOF cost no more than the stream itself.
    starts = sorted({offset for _, offset in sheets} | {len(book)})
    ends = dict(pairwise(starts))
    scanned: dict[int, Fonts] = {}
    result: dict[str, Fonts] = {}
    for name, offset in sheets:
        if offset not in scanned:
            try:
                scanned[offset] = _xls_sheet_fonts(book[: ends.get(offset, 0)], offset, legacy)
            except Exception:  # a broken sheet: no fonts for it
                scanned[offset] = {}
        if scanned[offset]:
            result[name] = scanned[offset]
    return result


def _xls_sheet_fonts(book: bytes, offset: int, legacy: dict[int, str]) -> Fonts:
    """Text cells (LABELSST, LABEL, RSTRING) of the worksheet at ``offset`` whose XF has a .Vn
    font."""
    found: Fonts = {}
    depth = 0
    for kind, body in _records(book, offset):
        if kind == _BOF:
            depth += 1
        elif kind == _EOF:
            depth -= 1
            if depth <= 0:
                break
        elif kind in _TEXT_RECORDS and depth == 1 and len(body) >= 6:
            row, col, xf = struct.unpack_from("<HHH", body)
            font = legacy.get(xf)
            if font is not None:
                found[row, col] = font
                if len(found) > MAX_CELLS:
                    raise ValueError("more font cells than a sheet may have")
        elif depth == 0:
            break  # the offset does not point at the sheet's BOF
    return found
