"""Finding the header of a sheet and mapping its columns to the fields of each kind of file.

Offices put a title block above the header, merge headers over one or two rows, write header
names with or without diacritics, and number the columns "(1) (2) …" under the header.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from analytics.ingest.normalize import fold
from analytics.ingest.readers import Cell, Sheet

if TYPE_CHECKING:
    from analytics.ingest.kinds.base import ImportKind

HEADER_SEARCH_ROWS = 40


@dataclass(frozen=True)
class FieldSpec:
    """A field of a kind of file. ``aliases`` are folded header texts matched whole;
    ``contains`` are folded fragments matched inside a header (weaker, tried after aliases)."""

    name: str
    label: str
    aliases: tuple[str, ...]
    contains: tuple[str, ...] = ()
    required: bool = False


SEQ = FieldSpec("seq", "TT", ("tt", "stt", "so tt", "so thu tu", "thu tu"))
STAFF_ID = FieldSpec(
    "staff_id",
    "Mã CBCC",
    (
        "ma cbcc",
        "ma can bo",
        "ma so",
        "ma nhan su",
        "ma dinh danh",
        "so hieu cbcc",
        "ma cb",
        "ma ccvc",
        "id",
    ),
    ("ma cbcc", "ma can bo", "so hieu can bo"),
)
NAME = FieldSpec(
    "full_name",
    "Họ và tên",
    (
        "ho va ten",
        "ho ten",
        "ho va ten khai sinh",
        "ho ten khai sinh",
        "ho chu dem va ten",
        "ho dem ten",
    ),
    ("ho va ten", "ho ten"),
    required=True,
)
BIRTH = FieldSpec(
    "birth",
    "Ngày sinh",
    ("ngay sinh", "ngay thang nam sinh", "nam sinh", "sinh ngay", "ngay thang nam sinh nam nu"),
    ("ngay thang nam sinh", "ngay sinh", "nam sinh"),
)
UNIT = FieldSpec(
    "unit",
    "Đơn vị",
    (
        "don vi",
        "co quan",
        "phong ban",
        "don vi cong tac",
        "bo phan",
        "co quan don vi",
        "noi cong tac",
    ),
    ("don vi cong tac", "co quan don vi"),
)
POSITION = FieldSpec(
    "position",
    "Chức vụ",
    ("chuc vu", "chuc danh", "chuc vu chuc danh", "chuc vu hien tai"),
    ("chuc vu",),
)
WARD = FieldSpec(
    "ward", "Phường/Xã", ("phuong", "xa", "phuong xa", "xa phuong", "don vi hanh chinh", "dia ban")
)


_NUMBERING = re.compile(r"^\(?\s*\d{1,3}\s*\)?$|^\(?[a-z]\)?$")
_VALUE = re.compile(r"^[\d\s.,/:%+\-]+$")  # a number, a date or a year


def cell_text(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


@dataclass
class Header:
    """Where the header is and what each column holds."""

    row: int  # 0-based index of the first header row
    data_start: int  # 0-based index of the first row after header (and numbering) rows
    columns: dict[str, int]  # field name -> 0-based column; "birth_male"/"birth_female" for Nam|Nữ
    labels: dict[int, str]  # column -> header text as the file writes it
    score: int

    def title_text(self, sheet: Sheet) -> str:
        """Everything above the header: the title block."""
        return " \n".join(
            " ".join(cell_text(c) for c in row if cell_text(c)) for row in sheet.rows[: self.row]
        )


def _filled_row(sheet: Sheet, index: int) -> list[str]:
    """Header row texts with merged cells' value copied over their whole range."""
    row = [cell_text(c) for c in sheet.rows[index]]
    for (r0, c0), (r1, c1) in sheet.merged:
        if r0 <= index <= r1 and r0 < len(sheet.rows):
            value = cell_text(sheet.rows[r0][c0]) if c0 < len(sheet.rows[r0]) else ""
            for c in range(c0, min(c1 + 1, len(row))):
                row[c] = value
    return row


def _match(label: str, fields: tuple[FieldSpec, ...], taken: set[str]) -> str | None:
    key = fold(label)
    if not key:
        return None
    for spec in fields:
        if spec.name not in taken and key in spec.aliases:
            return spec.name
    for spec in fields:
        if spec.name not in taken and any(fragment in key for fragment in spec.contains):
            return spec.name
    return None


def _is_sub_header(parent: list[str], row: list[str], raw: list[Cell]) -> bool:
    """Whether ``row`` is the second row of a two-row header under ``parent``.

    Data rows look alike in a CSV (all text) and under a one-row header, so a sub-header must be
    several text cells without numbers or dates: a section row is one merged cell, and a person's
    row carries a TT, a birth date or a year."""
    cells = [c for c in raw if c not in ("", None)]
    texts = [t for t in row if t]
    if len(cells) < 2 or any(not isinstance(c, str) for c in cells):
        return False
    if any(_NUMBERING.match(fold(t) or t) or _VALUE.match(t) for t in texts):
        return False
    # "Nam | Nữ" under "Ngày, tháng, năm sinh": both, never one gender as in a person's row.
    if {"nam", "nu"} <= {fold(t) for t in texts}:
        return True
    if any(not (j < len(parent) and parent[j]) for j, t in enumerate(row) if t):
        return False
    # A group title spans several sub-columns; the headers of a one-row header are distinct.
    return any(
        parent[j] == parent[j + 1] and row[j] != row[j + 1]
        for j in range(min(len(parent), len(row)) - 1)
        if parent[j] and row[j] and row[j + 1]
    )


def _map_columns(
    parent: list[str], child: list[str] | None, fields: tuple[FieldSpec, ...]
) -> tuple[dict[str, int], dict[int, str]]:
    columns: dict[str, int] = {}
    labels: dict[int, str] = {}
    taken: set[str] = set()
    width = max(len(parent), len(child or []))
    group = ""
    for j in range(width):
        top = parent[j] if j < len(parent) else ""
        sub = child[j] if child and j < len(child) else ""
        if sub == top:
            sub = ""
        # Without merge records (CSV, some writers) "Nữ" sits under an empty cell right of
        # the "Ngày, tháng, năm sinh" that heads its group.
        group = top or group
        if not top and fold(sub) in {"nam", "nu"}:
            top = group
        label = f"{top} {sub}".strip()
        if not label:
            continue
        labels[j] = label
        sub_key = fold(sub)
        if sub_key in {"nam", "nu"} and _match(top, fields, set()) == "birth":
            columns["birth_male" if sub_key == "nam" else "birth_female"] = j
            taken.add("birth")
            continue
        if sub_key in {"nam", "nu"} and _match(top, fields, set()) == "gender":
            # "Giới tính" over Nam | Nữ marked with x.
            columns["gender_male" if sub_key == "nam" else "gender_female"] = j
            taken.add("gender")
            continue
        name = _match(label, fields, taken) or (_match(sub, fields, taken) if sub else None)
        if name is None and sub:
            name = _match(top, fields, taken)
        if name:
            columns[name] = j
            taken.add(name)
    return columns, labels


def _kind(kind: str | ImportKind) -> ImportKind:
    if isinstance(kind, str):
        from analytics.ingest.kinds import get

        return get(kind)
    return kind


def find_header(sheet: Sheet, kind: str | ImportKind) -> Header | None:
    """The best header row in the first rows of the sheet for ``kind`` (a kind or its name)."""
    kind = _kind(kind)
    fields = kind.fields
    required = {spec.name for spec in fields if spec.required}
    best: Header | None = None
    limit = min(HEADER_SEARCH_ROWS, len(sheet.rows))
    for i in range(limit):
        parent = _filled_row(sheet, i)
        if sum(1 for t in parent if t) < 2:
            continue
        child: list[str] | None = None
        start = i + 1
        if i + 1 < len(sheet.rows):
            candidate = _filled_row(sheet, i + 1)
            if _is_sub_header(parent, candidate, sheet.rows[i + 1]):
                # Columns vertically merged: the parent's text stays the label.
                child = [c if c != parent[j] else "" for j, c in enumerate(candidate)]
                start = i + 2
        columns, labels = _map_columns(parent, child, fields)
        score = len(columns) + (1 if "birth_male" in columns else 0)
        if not required.issubset(columns) and not any(
            alternative.issubset(columns) for alternative in kind.header_alternatives
        ):
            continue
        if best is None or score > best.score:
            best = Header(i, start, columns, labels, score)
    if best is None:
        return None
    best.data_start = _skip_numbering(sheet, best)
    return best


def _skip_numbering(sheet: Sheet, header: Header) -> int:
    """Skip the "(1) (2) (3)" row (and empty rows) under the header."""
    start = header.data_start
    while start < len(sheet.rows):
        texts = [cell_text(c) for c in sheet.rows[start] if cell_text(c)]
        if not texts:
            start += 1
            continue
        if len(texts) >= 3 and all(_NUMBERING.match(t.lower()) for t in texts):
            start += 1
            continue
        break
    return start


def best_sheet(sheets: list[Sheet], kind: str | ImportKind) -> tuple[Sheet, Header] | None:
    """The sheet whose header fits this kind best (most matched columns)."""
    found = [(sheet, header) for sheet in sheets if (header := find_header(sheet, kind))]
    if not found:
        return None
    return max(found, key=lambda pair: pair[1].score)
