"""The containers of workbook files, read one way for every module that looks inside them.

- xls: an OLE compound file (MS-CFB) whose "Workbook" stream holds the BIFF records.
  :class:`CompoundFile` reads its streams with every table checked against the file's size and
  every chain checked for loops, because calamine sizes its buffers from these tables; a
  structure that fails is :class:`XlsBroken`, whose message is the Vietnamese reason.
- xlsx: a zip whose worksheets are found as calamine finds them (:func:`worksheet_parts`):
  ``<sheet r:id>`` in xl/workbook.xml, its target in xl/_rels/workbook.xml.rels, members matched
  ignoring case, so that no check depends on a file name.

:mod:`analytics.ingest.readers` checks files with these before calamine reads them;
:mod:`analytics.ingest.fonts` reads cell fonts through them (and turns any error into no fonts).
"""

from __future__ import annotations

import html
import re
import struct
import sys
import zipfile
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePath

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


# ============================================================================ xls (OLE)
_END_OF_CHAIN = 0xFFFFFFFE
_FREE_SECTOR = 0xFFFFFFFF
_MINI_SECTOR = 64
_MINI_CUTOFF = 4096  # calamine's: a shorter stream is read from the mini stream


class XlsBroken(ValueError):
    """A structure of the file points outside it, loops, or claims more than the file holds.

    The message is the reason in Vietnamese, for the user (readers puts it in XLS_BROKEN)."""


def _u32_array(data: bytes) -> array[int]:
    """Little-endian 32-bit sector numbers."""
    values = array("I")  # 4 bytes wherever CPython runs
    values.frombytes(data[: len(data) - len(data) % 4])
    if sys.byteorder == "big":
        values.byteswap()
    return values


class CompoundFile:
    """The streams of an OLE compound file (MS-CFB), read with every table checked against the
    file's size first: calamine sizes its buffers from these tables."""

    def __init__(self, data: bytes) -> None:
        if len(data) < 512:
            raise XlsBroken("thiếu phần đầu của tệp")
        shift, mini_shift = struct.unpack_from("<HH", data, 30)
        if shift not in (9, 12) or mini_shift != 6:
            raise XlsBroken("kích thước khối dữ liệu không hợp lệ")
        self.data = data
        self.size = 1 << shift
        self.count = max(0, -(-(len(data) - self.size) // self.size))  # sectors after the header
        (dir_sectors, fat_sectors, dir_start, _, _, minifat_start, minifat_sectors, difat_start,
         difat_sectors) = struct.unpack_from("<9I", data, 40)  # fmt: skip
        for claimed in (dir_sectors, fat_sectors, minifat_sectors, difat_sectors):
            if claimed > self.count:
                raise XlsBroken("bảng phân bổ khai báo lớn hơn cả tệp")
        ids = list(struct.unpack_from("<109I", data, 76))
        sector, seen = difat_start, set()
        while sector not in (_END_OF_CHAIN, _FREE_SECTOR):
            if sector >= self.count or sector in seen:
                raise XlsBroken("chuỗi khối dữ liệu lặp vòng hoặc trỏ ra ngoài tệp")
            seen.add(sector)
            more = _u32_array(self._sector(sector))
            ids.extend(more[:-1])
            sector = more[-1]
        fat = array("I")
        for sector in ids:
            if sector == _FREE_SECTOR:
                continue
            if sector >= self.count:
                raise XlsBroken("bảng phân bổ trỏ ra ngoài tệp")
            fat.extend(_u32_array(self._sector(sector)))
        self.fat = fat
        directory = self._chain(dir_start, fat, self._sector)
        self.entries: list[tuple[str, int, int]] = []  # (name, first sector, length)
        for offset in range(0, len(directory) - 127, 128):
            entry = directory[offset : offset + 128]
            name = entry[:64].decode("utf-16-le", "replace").split("\x00", 1)[0]
            start, low, high = struct.unpack_from("<3I", entry, 116)
            length = low if self.size == 512 else low | high << 32
            self.entries.append((name, start, length))
        if not self.entries:
            raise XlsBroken("thiếu thư mục gốc")
        _, root_start, root_length = self.entries[0]
        if root_length > self.count * self.size:
            raise XlsBroken("luồng dữ liệu nhỏ khai báo lớn hơn cả tệp")
        self._mini = b""
        if root_length:
            self._mini = self._chain(root_start, fat, self._sector)[:root_length]
        self._minifat = _u32_array(self._chain(minifat_start, fat, self._sector))

    def _sector(self, sector: int) -> bytes:
        start = (sector + 1) * self.size
        return self.data[start : start + self.size].ljust(self.size, b"\x00")

    def _mini_sector(self, sector: int) -> bytes:
        start = sector * _MINI_SECTOR
        if start + _MINI_SECTOR > len(self._mini):
            raise XlsBroken("chuỗi khối dữ liệu trỏ ra ngoài tệp")
        return self._mini[start : start + _MINI_SECTOR]

    def _chain(self, start: int, fat: array[int], read: Callable[[int], bytes]) -> bytes:
        """The sectors of a chain, joined; a chain that loops or leaves the table is broken."""
        parts: list[bytes] = []
        seen: set[int] = set()
        sector = start
        while sector not in (_END_OF_CHAIN, _FREE_SECTOR):
            if sector >= len(fat) or sector in seen:
                raise XlsBroken("chuỗi khối dữ liệu lặp vòng hoặc trỏ ra ngoài tệp")
            seen.add(sector)
            parts.append(read(sector))
            sector = fat[sector]
        return b"".join(parts)

    def has(self, name: str) -> bool:
        """Whether an entry is called exactly ``name`` (as calamine asks for EncryptedPackage)."""
        return any(entry[0] == name for entry in self.entries)

    def _entry(self, names: tuple[str, ...], fold: bool) -> tuple[str, int, int] | None:
        for wanted in names:
            key = wanted.lower() if fold else wanted
            for entry in self.entries:
                if (entry[0].lower() if fold else entry[0]) == key:
                    return entry
        return None

    def stream(self, *names: str, ignore_case: bool = False) -> bytes | None:
        """The first stream of the first name found, spelled exactly as calamine looks names up
        ("Workbook", else "Book"): a check must read the stream calamine will. With
        ``ignore_case``, as Excel reads names, one spelled otherwise is taken when none of
        ``names`` is spelled exactly.

        Raises :class:`XlsBroken` when the stream claims more than the file holds."""
        entry = self._entry(names, fold=False)
        if entry is None and ignore_case:
            entry = self._entry(names, fold=True)
        if entry is None:
            return None
        _, start, length = entry
        if length > len(self.data):
            raise XlsBroken("luồng Workbook khai báo lớn hơn cả tệp")
        if length < _MINI_CUTOFF:
            chain = self._chain(start, self._minifat, self._mini_sector)
        else:
            chain = self._chain(start, self.fat, self._sector)
        if len(chain) < length:
            raise XlsBroken("luồng Workbook ngắn hơn kích thước khai báo")
        return chain[:length]


# ============================================================================ xlsx (zip)
_MAX_PART = 32 << 20  # bytes of xl/workbook.xml or its rels read at the most
_ELEMENT = rb"<(?:[A-Za-z_][\w.-]*:)?%s\b([^>]*)>"
_SHEET_TAG = re.compile(_ELEMENT % rb"sheet")
_RELATIONSHIP_TAG = re.compile(_ELEMENT % rb"Relationship")
_ATTR = re.compile(rb"""([\w.:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')""")


def _attributes(text: bytes) -> dict[bytes, bytes]:
    return {m[1]: m[2] or m[3] for m in _ATTR.finditer(text)}


def members(archive: zipfile.ZipFile, name: str) -> list[zipfile.ZipInfo]:
    """Every member calamine may take for ``name`` (it matches names ignoring ASCII case)."""
    wanted = name.lower()
    return [i for i in archive.infolist() if i.filename.lower() == wanted and not i.is_dir()]


def _read_all(archive: zipfile.ZipFile, name: str) -> bytes:
    """The members called ``name`` (any case) joined, each read up to _MAX_PART bytes."""
    pieces: list[bytes] = []
    for info in members(archive, name):
        with archive.open(info) as stream:
            pieces.append(stream.read(_MAX_PART))
    return b"".join(pieces)


def _part_path(target: str) -> str:
    """A target of xl/_rels/workbook.xml.rels as calamine resolves it: "/xl/…" loses its
    slash, "xl/…" stays, anything else goes under "xl/"."""
    if target.startswith("/xl/"):
        return target[1:]
    if target.startswith("xl/"):
        return target
    return f"xl/{target}"


@dataclass(frozen=True)
class Relationship:
    type: bytes  # ends with b"/worksheet", b"/styles", b"/sharedStrings"…
    path: str  # the member path, resolved as calamine resolves it


def workbook_relationships(archive: zipfile.ZipFile) -> dict[bytes, Relationship]:
    """Relationship id -> its type and part, from xl/_rels/workbook.xml.rels (any case)."""
    found: dict[bytes, Relationship] = {}
    for match in _RELATIONSHIP_TAG.finditer(_read_all(archive, "xl/_rels/workbook.xml.rels")):
        attrs = _attributes(match[1])
        if b"Id" in attrs and b"Target" in attrs:
            target = attrs[b"Target"].decode("utf-8", "replace")
            found[attrs[b"Id"]] = Relationship(attrs.get(b"Type", b""), _part_path(target))
    return found


@dataclass
class WorksheetPart:
    """One sheet as calamine will read it: its name and the zip members it may come from."""

    name: str  # as xl/workbook.xml names it ("" for none); the member's stem when not listed
    path: str
    members: list[zipfile.ZipInfo]
    listed: bool = True  # a <sheet> of xl/workbook.xml names it

    @property
    def named(self) -> bool:
        """Listed in xl/workbook.xml and under xl/worksheets/: calamine reads it as a worksheet."""
        return self.listed and self.path.split("/")[1:2] == ["worksheets"]

    @property
    def title(self) -> str:
        """What a message calls it: its name, else its path."""
        return self.name or self.path


def worksheet_parts(archive: zipfile.ZipFile) -> list[WorksheetPart]:
    """The sheets of xl/workbook.xml in its order, each with the members of its target; then
    members under xl/worksheets/ that no sheet names (a check measures them too: it never
    depends on a file name)."""
    workbook = _read_all(archive, "xl/workbook.xml")
    targets = workbook_relationships(archive)
    parts: list[WorksheetPart] = []
    seen: set[str] = set()
    for match in _SHEET_TAG.finditer(workbook):
        attrs = _attributes(match[1])
        rid = attrs.get(b"r:id") or attrs.get(b"relationships:id")
        target = targets.get(rid) if rid is not None else None
        if target is None:
            continue
        name = html.unescape(attrs.get(b"name", b"").decode("utf-8", "replace"))
        found = members(archive, target.path)
        seen.update(i.filename for i in found)
        parts.append(WorksheetPart(name, target.path, found))
    for info in archive.infolist():
        lowered = info.filename.lower()
        if (
            lowered.startswith("xl/worksheets/")
            and "/_rels/" not in lowered
            and not info.is_dir()
            and info.filename not in seen
        ):
            parts.append(
                WorksheetPart(PurePath(info.filename).stem, info.filename, [info], listed=False)
            )
    return parts
