"""Hostile and broken files, written byte by byte for the import tests (no real people).

Each generator returns the file's bytes. The workbooks are built by hand, part by part (xlsx)
or record by record (xls: BIFF8 records in a minimal OLE compound file), so a test can put one
cell where no spreadsheet program would and still have everything else valid: the same
generator with harmless arguments writes a file that imports (the tests check that too).
"""

from __future__ import annotations

import io
import random
import struct
import zipfile
from collections.abc import Sequence

from sheet_writers import csv_text, to_cp1258

from analytics.ingest.readers import column_letter

# ---------------------------------------------------------------- xlsx, part by part
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_SHEET_TYPE = f"{_REL}/worksheet"
_STRINGS_TYPE = f"{_REL}/sharedStrings"

HEADER = ["TT", "Họ và tên", "Ngày sinh", "Giới tính"]
PEOPLE = [
    [1, "Nguyễn Văn An", "12/03/1975", "Nam"],
    [2, "Trần Thị Bình", "05/07/1982", "Nữ"],
    [3, "Lê Văn Cường", "20/11/1990", "Nam"],
]
ROSTER = [HEADER, *PEOPLE]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def sheet_xml(rows: Sequence[Sequence[object]], extra_cells: str = "") -> str:
    """Inline-string and number cells, every one with its reference; ``extra_cells`` (raw XML
    ``<row>``s) goes after them."""
    out = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, value in enumerate(row):
            ref = f"{column_letter(c)}{r}"
            if isinstance(value, int | float):
                cells.append(f'<c r="{ref}"><v>{value}</v></c>')
            else:
                cells.append(
                    f'<c r="{ref}" t="inlineStr"><is><t>{_escape(str(value))}</t></is></c>'
                )
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        f'<worksheet xmlns="{_MAIN}" xmlns:r="{_REL}"><sheetData>{"".join(out)}{extra_cells}'
        "</sheetData></worksheet>"
    )


def xlsx(
    sheet: str,
    *,
    sheet_path: str = "xl/worksheets/sheet1.xml",
    target: str | None = None,
    shared_strings: Sequence[str] = (),
    name: str = "Danh sach",
) -> bytes:
    """A one-sheet workbook whose worksheet part is ``sheet_path``, named in the workbook's
    relationships as ``target`` (by default the path under xl/)."""
    target = target if target is not None else sheet_path.removeprefix("xl/")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.sheet.main+xml"/>'
            f'<Override PartName="/{sheet_path}" ContentType="application/vnd.openxmlformats-'
            'officedocument.spreadsheetml.worksheet+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        archive.writestr(
            "xl/workbook.xml",
            f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{_MAIN}" xmlns:r="{_REL}">'
            f'<sheets><sheet name="{name}" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        strings_rel = (
            f'<Relationship Id="rId2" Type="{_STRINGS_TYPE}" Target="sharedStrings.xml"/>'
            if shared_strings
            else ""
        )
        archive.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{_PKG}">'
            f'<Relationship Id="rId1" Type="{_SHEET_TYPE}" Target="{target}"/>{strings_rel}'
            "</Relationships>",
        )
        if shared_strings:
            items = "".join(f"<si><t>{_escape(s)}</t></si>" for s in shared_strings)
            archive.writestr(
                "xl/sharedStrings.xml",
                f'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="{_MAIN}" '
                f'count="{len(shared_strings)}" uniqueCount="{len(shared_strings)}">{items}</sst>',
            )
        archive.writestr(sheet_path, sheet)
    return buffer.getvalue()


def far_cell_xlsx(sheet_path: str = "xl/worksheets/sheet1.XML", cell: str = "XFD1048576") -> bytes:
    """A roster whose worksheet part is not named '*.xml' (calamine finds it through the
    relationships, ignoring case) with one more cell at ``cell``: read as is, calamine would
    build the whole rectangle up to it."""
    far = f'<row r="{cell.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")}"><c r="{cell}"><v>1</v></c></row>'
    return xlsx(sheet_xml(ROSTER, far), sheet_path=sheet_path)


def rowless_far_xlsx(blank_rows: int = 200_000) -> bytes:
    """No reference is far: a cell at column XFD of row 1, then rows without an r attribute
    (calamine counts them), then one cell: the rectangle is rows × 16,384."""
    extra = '<row r="5"><c r="XFD5"><v>1</v></c></row>' + "<row/>" * blank_rows
    extra += "<row><c><v>2</v></c></row>"
    return xlsx(sheet_xml(ROSTER, extra))


def shared_string_bomb_xlsx(length: int = 1_000_000, cells: int = 1_000) -> bytes:
    """One shared string of ``length`` characters used by ``cells`` cells: a few KB on disk,
    ``length`` × ``cells`` characters once every cell holds its copy."""
    rows = "".join(
        f'<row r="{r}"><c r="E{r}" t="s"><v>0</v></c></row>' for r in range(5, 5 + cells)
    )
    return xlsx(sheet_xml(ROSTER, rows), shared_strings=["Ghi chú " + "x" * length])


def long_cell_xlsx(length: int = 40_000, *, shared: bool = False) -> bytes:
    """The roster with a note of ``length`` characters in cell E3 (the second person), as an
    inline string or as a shared string."""
    text = "Quá trình công tác: " + "a" * (length - 20)
    if not shared:
        rows = [[*HEADER, "Ghi chú"], PEOPLE[0], [*PEOPLE[1], text], PEOPLE[2]]
        return xlsx(sheet_xml(rows))
    note = '<row r="3"><c r="E3" t="s"><v>0</v></c></row>'
    body = sheet_xml([[*HEADER, "Ghi chú"], PEOPLE[0]], note)
    return xlsx(body, shared_strings=[text])


# ---------------------------------------------------------------- xls: BIFF8 in a compound file
_END_OF_CHAIN, _FREE, _FAT_SECTOR, _NO_STREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
_RECORD_LIMIT = 8224


def _record(typ: int, body: bytes) -> bytes:
    return struct.pack("<HH", typ, len(body)) + body


def _sst(strings: Sequence[str], claimed: int | None = None) -> bytes:
    """SST and CONTINUE records (UTF-16 strings, split over records as Excel splits them)."""
    records: list[bytes] = []
    unique = len(strings) if claimed is None else claimed
    body = bytearray(struct.pack("<II", len(strings), unique))
    for text in strings:
        data = text.encode("utf-16-le")
        if len(body) + 5 > _RECORD_LIMIT:
            records.append(bytes(body))
            body = bytearray()
        body += struct.pack("<HB", len(data) // 2, 1)
        at = 0
        while at < len(data):
            room = (_RECORD_LIMIT - len(body)) // 2 * 2
            if room == 0:
                records.append(bytes(body))
                body = bytearray(b"\x01")  # a string continued: its flags again
                continue
            body += data[at : at + room]
            at += room
    records.append(bytes(body))
    return _record(0x00FC, records[0]) + b"".join(_record(0x003C, r) for r in records[1:])


def biff8_workbook(
    rows: Sequence[Sequence[object]],
    *,
    dimensions: tuple[int, int, int, int] | None = None,
    extra: bytes = b"",
    sst_claimed: int | None = None,
    sheet: str = "Danh sach",
) -> bytes:
    """The Workbook stream of one sheet: text cells as LABELSST, numbers as NUMBER, a
    DIMENSIONS record (first row, last row + 1, first column, last column + 1), then ``extra``
    records (placed where a test wants a cell)."""
    strings: list[str] = []
    index: dict[str, int] = {}
    cells = bytearray()
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, int | float):
                cells += _record(0x0203, struct.pack("<HHHd", r, c, 0, float(value)))
            else:
                text = str(value)
                if text not in index:
                    index[text] = len(strings)
                    strings.append(text)
                cells += _record(0x00FD, struct.pack("<HHHI", r, c, 0, index[text]))
    if dimensions is None:
        dimensions = (0, len(rows), 0, max(map(len, rows), default=0))
    bof_globals = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0x0DBB, 0x07CC, 0, 6))
    bof_sheet = _record(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0x0DBB, 0x07CC, 0, 6))
    name = sheet.encode("utf-16-le")
    codepage = _record(0x0042, struct.pack("<H", 1200))

    def boundsheet(offset: int) -> bytes:
        return _record(0x0085, struct.pack("<IBBBB", offset, 0, 0, len(name) // 2, 1) + name)

    eof = _record(0x000A, b"")
    head = bof_globals + codepage
    tail = _sst(strings, sst_claimed) + eof
    offset = len(head) + len(boundsheet(0)) + len(tail)
    first, last, first_col, last_col = dimensions
    dims = _record(0x0200, struct.pack("<IIHHH", first, last, first_col, last_col, 0))
    return head + boundsheet(offset) + tail + bof_sheet + dims + bytes(cells) + extra + eof


def compound_file(stream: bytes, name: str = "Workbook") -> bytes:
    """A minimal OLE compound file (version 3, 512-byte sectors) holding one stream, padded to
    4,096 bytes so that it lives in regular sectors."""
    stream = stream.ljust(max(4096, -(-len(stream) // 512) * 512), b"\x00")
    size = len(stream)
    n_stream = size // 512
    directory_sector, fat_sector = n_stream, n_stream + 1
    fat = [i + 1 for i in range(n_stream - 1)] + [_END_OF_CHAIN]
    fat += [_END_OF_CHAIN, _FAT_SECTOR]
    fat += [_FREE] * (128 - len(fat))
    if len(fat) > 128:
        raise ValueError("stream too long for one FAT sector")

    def entry(label: str, typ: int, start: int, length: int, child: int) -> bytes:
        encoded = (label + "\x00").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\x00")
            + struct.pack("<HBB", len(encoded), typ, 1)
            + struct.pack("<III", _NO_STREAM, _NO_STREAM, child)
            + bytes(16 + 4 + 8 + 8)
            + struct.pack("<III", start, length, 0)
        )

    directory = entry("Root Entry", 5, _END_OF_CHAIN, 0, 1)
    directory += entry(name, 2, 0, size, _NO_STREAM)
    directory = directory.ljust(512, b"\x00")
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack(
            "<IIIIIIIII", 0, 1, directory_sector, 0, 4096, _END_OF_CHAIN, 0, _END_OF_CHAIN, 0
        )
        + struct.pack("<I", fat_sector)
        + struct.pack("<I", _FREE) * 108
    )
    return header + stream + directory + struct.pack("<128I", *fat)


def xls(rows: Sequence[Sequence[object]] = ROSTER, **options: object) -> bytes:
    """An .xls of ``rows`` (options as for :func:`biff8_workbook`)."""
    return compound_file(biff8_workbook(rows, **options))  # type: ignore[arg-type]


def far_column_xls(record: str = "NUMBER") -> bytes:
    """The roster with one more cell record at row 65,535 or column 65,535 (or a DIMENSIONS
    record declaring them): calamine sizes the sheet from them."""
    if record == "DIMENSIONS":
        return xls(dimensions=(0, 65_536, 0, 65_535))
    extra = {
        "NUMBER": _record(0x0203, struct.pack("<HHHd", 65_535, 65_535, 0, 1.0)),
        "LABELSST": _record(0x00FD, struct.pack("<HHHI", 65_535, 65_535, 0, 0)),
        "RK": _record(0x027E, struct.pack("<HHHI", 65_535, 65_535, 0, 2)),
        "BLANK": _record(0x0201, struct.pack("<HHH", 65_535, 65_535, 0)),
        "MULBLANK": _record(0x00BE, struct.pack("<HHHHH", 65_535, 0, 0, 0, 65_535)),
        "FORMULA": _record(0x0006, struct.pack("<HHHdHI", 65_535, 255, 0, 1.0, 0, 0) + b"\x00\x00"),
    }[record]
    return xls(extra=extra)


def sst_claim_xls() -> bytes:
    """A shared-string table claiming two billion strings (calamine reserves room first)."""
    return xls(sst_claimed=0x7FFF_FFFF)


# ---------------------------------------------------------------- csv
def csv_bytes(rows: Sequence[Sequence[object]], encoding: str = "utf-8") -> bytes:
    return csv_text(rows).encode(encoding)  # type: ignore[arg-type]


def unbalanced_quote_csv(at_row: int = 3, rows_after: int = 20) -> bytes:
    """Row ``at_row`` (the header is row 1) opens a quoted name and never closes it."""
    people = [[i, f"Người Số {i}", "01/01/1980", "Nam"] for i in range(1, at_row + rows_after)]
    text = csv_text([HEADER, *people])
    lines = text.split("\r\n")
    lines[at_row - 1] = lines[at_row - 1].replace("Người Số", '"Người Số', 1)
    return "\r\n".join(lines).encode("utf-8")


def long_field_csv(length: int = 200_000, at_row: int = 3) -> bytes:
    """Row ``at_row`` has a note of ``length`` characters (quoted, as Excel writes it)."""
    rows: list[list[object]] = [[*HEADER, "Ghi chú"]]
    for i, person in enumerate(PEOPLE, start=2):
        rows.append([*person, ("x" * length) if i == at_row else ""])
    return csv_bytes(rows)


def mixed_encoding_csv() -> bytes:
    """Header and first person in UTF-8, the others in Windows-1258 (two exports joined)."""
    lines = csv_text(ROSTER).split("\r\n")
    utf8 = "\r\n".join(lines[:2]).encode("utf-8") + b"\r\n"
    return utf8 + to_cp1258("\r\n".join(lines[2:]))


def junk(size: int = 8192, prefix: bytes = b"") -> bytes:
    """Random bytes (seeded), after ``prefix`` (a zip or OLE signature, say)."""
    return prefix + random.Random(2026).randbytes(size)
