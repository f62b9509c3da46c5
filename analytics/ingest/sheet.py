"""A located table inside a sheet: which rows are people (or tasks), and their cells by field.

Values are normalised once per distinct value of a column, not once per cell: a city roster has
100,000 rows but only a few hundred distinct units, positions or degrees.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from itertools import compress, repeat
from operator import is_, itemgetter
from typing import TypeVar

from analytics.ingest import normalize as norm
from analytics.ingest.headers import Header, cell_text
from analytics.ingest.issues import Issue
from analytics.ingest.readers import Cell, Sheet, column_letter

T = TypeVar("T")
V = TypeVar("V", bound=Hashable)

# A total row or the signature block ends the table; a total row with more people after it is a
# unit's subtotal ("Cộng: 5 người"), skipped.
_TOTAL = re.compile(
    r"^\s*(tổng\s*cộng|tổng\s*số|cộng\s*[:：]|cộng$|tong cong|tong so)", re.IGNORECASE
)
_FOOTER = re.compile(
    r"^\s*(tổng\s*cộng|tổng\s*số|cộng\s*[:：]|cộng$|người lập|kt\.?\s*chủ tịch|t/?m\.?\s|thủ trưởng|"
    r"xác nhận|tong cong|tong so|nguoi lap)",
    re.IGNORECASE,
)
_SECTION = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d+)\s*[.)/-]\s*\S")
MAX_ROW_WARNINGS = 200

# A "name" that is a unit or a heading, never a person: section rows written as the numeral in
# the TT column and the unit in the name column ("I | Văn phòng HĐND và UBND"), or a merged
# unit row without a TT column. Matched on the lower-case text with its diacritics, because
# folding makes people of units: "Đoàn Thế Toàn" is a person, "Đoàn thể" a unit; the surname
# "Bàn" ("Bàn Văn Sinh") is not "Ban …". Text without any diacritics is matched folded.
_UNIT_WORDS = (
    "phòng", "văn phòng", "trung tâm", "ban chỉ huy", "bộ phận", "khối", "đảng ủy", "đảng uỷ",
    "chi bộ", "ubnd", "ủy ban", "uỷ ban", "hđnd", "hội đồng", "lãnh đạo", "công an", "quân sự",
    "đoàn thể", "mặt trận", "các", "đơn vị", "tổ chức", "cơ quan",
)  # fmt: skip
_HEADINGS = (
    r"cán bộ", r"công chức", r"cán bộ,? công chức", r"người hoạt động không chuyên trách.*",
    r"chức danh .*", r"danh sách .*",
)  # fmt: skip


def _unit_pattern(words: tuple[str, ...], fold: bool) -> re.Pattern[str]:
    # Folded, "doan the" is also the person "Đoàn Thế …": only the text with diacritics says.
    keys = [norm.fold(w) for w in words if w != "đoàn thể"] if fold else list(words)
    ban = "ban(?! (?:van|thi)\\b)" if fold else "ban(?! (?:văn|thị)\\b)"
    return re.compile(rf"^(?:{'|'.join(map(re.escape, keys))}|{ban})(?!\w)")


def _heading_pattern(patterns: tuple[str, ...], fold: bool) -> re.Pattern[str]:
    keys = [norm.fold(p) if fold else p for p in patterns]
    return re.compile(rf"^(?:{'|'.join(keys)})$")


_UNIT_NAME = _unit_pattern(_UNIT_WORDS, fold=False)
_UNIT_NAME_ASCII = _unit_pattern(_UNIT_WORDS, fold=True)
_HEADING_NAME = _heading_pattern(_HEADINGS, fold=False)
_HEADING_NAME_ASCII = _heading_pattern(_HEADINGS, fold=True)
# First words (lower case, or without diacritics) that may start a unit or heading: a cheap
# test before anything else.
_UNIT_FIRST_WORDS = (
    frozenset(w.split(" ", 1)[0] for words in (_UNIT_WORDS, _HEADINGS) for w in words)
    | frozenset(norm.fold(w.split(" ", 1)[0]) for w in (*_UNIT_WORDS, *_HEADINGS))
    | {"ban", "uỷ"}
)
_SECTION_NUMERAL = re.compile(r"^\s*(?:[IVXLC]+|[A-Z])\s*[.)]?\s*$")


def not_a_person(text: str) -> str | None:
    """'unit' or 'heading' when a name cell holds one, else None (a person, as far as we see).

    >>> not_a_person("I. Văn phòng HĐND và UBND"), not_a_person("Cán bộ"), not_a_person("Lê Hà")
    ('unit', 'heading', None)
    """
    stripped = unicodedata.normalize("NFC", _SECTION_PREFIX.sub("", text).strip())
    first = stripped.split(" ", 1)[0].lower().strip(",.:")
    if first not in _UNIT_FIRST_WORDS:
        return None
    if stripped.isascii():
        key, heading, unit = norm.fold(stripped), _HEADING_NAME_ASCII, _UNIT_NAME_ASCII
    else:
        key, heading, unit = " ".join(stripped.lower().split()), _HEADING_NAME, _UNIT_NAME
    if heading.match(key):
        return "heading"
    if unit.match(key):
        return "unit"
    return None


_SECTION_PREFIX = re.compile(r"^\s*(?:[IVXLC]+|[A-Z]|\d+)\s*[.)/-]\s*")


@dataclass
class Table:
    """Rows of a sheet that hold records, with the section (unit) each falls under."""

    file_name: str
    sheet: Sheet
    header: Header
    rows: list[int] = field(default_factory=list)  # 0-based sheet row indices
    sections: list[str | None] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    errors: list[Issue] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # rows that look like a person but are not
    # The record rows of the grid and their shortest width, gathered once for ``raw``.
    _records: tuple[object, int, list[list[Cell]], int] | None = field(
        default=None, init=False, repr=False, compare=False
    )

    # ---------------------------------------------------------------- locating rows
    @classmethod
    def locate(cls, file_name: str, sheet: Sheet, header: Header, key_field: str) -> Table:
        """The record rows under ``header`` (legacy text is converted before, per cell)."""
        table = cls(file_name, sheet, header)
        key_col = header.columns[key_field]
        seq_col = header.columns.get("seq")
        section: str | None = None
        grid = sheet.rows
        seq = -1 if seq_col is None or seq_col == key_col else seq_col  # -1: no separate TT column
        rows, sections = table.rows, table.sections
        footer = _FOOTER.match
        for i in range(header.data_start, len(grid)):
            row = grid[i]
            key = row[key_col] if key_col < len(row) else ""
            key_text = key.strip() if isinstance(key, str) else cell_text(key)
            # (_empty inlined: this loop runs once per row of a 100,000-row roster)
            if key_text and not (
                seq >= 0 and (seq >= len(row) or row[seq] in ("", None)) and _only_cell(row)
            ):
                if footer(key_text):
                    if _TOTAL.match(key_text) and _records_follow(grid, i + 1, key_col, seq):
                        continue  # a subtotal
                    break
                numeral = seq >= 0 and seq < len(row) and _is_section_numeral(row[seq])
                what = not_a_person(key_text)
                if what is None and not (numeral and _filled(row) <= 2):
                    rows.append(i)
                    sections.append(section)
                    continue
                if _filled(row) <= 2:  # the numeral and the name: a section row
                    if what != "heading":
                        section = key_text
                    continue
                table.skipped.append(i)
                table.warnings.append(
                    Issue(
                        file=file_name,
                        sheet=sheet.name,
                        row=i + 1,
                        column=column_letter(key_col),
                        header=header.labels.get(key_col),
                        message=(
                            f"'{key_text}' là tên {'đơn vị' if what == 'unit' else 'mục'}, không "
                            "phải họ tên một người, nhưng dòng có thêm dữ liệu; dòng không được "
                            "nhập như một người. Kiểm tra lại dòng này."
                        ),
                        code="ROW_NOT_A_PERSON",
                    )
                )
                continue
            texts = [cell_text(c) for c in row if c not in ("", None)]
            if not texts:
                continue
            first = texts[0]
            if _FOOTER.match(first):
                if _TOTAL.match(first) and _records_follow(grid, i + 1, key_col, seq):
                    continue
                break
            if len(texts) == 1 or (len(texts) == 2 and _SECTION.match(first + " " + texts[1])):
                text = " ".join(texts)
                section = text
        return table

    # ---------------------------------------------------------------- reading cells
    def has(self, name: str) -> bool:
        return name in self.header.columns

    def raw(self, name: str) -> list[Cell]:
        col = self.header.columns.get(name)
        if col is None:
            return [""] * len(self.rows)
        records, width = self._record_rows()
        if col < width:  # every record row is wide enough: no per-cell check
            return list(map(itemgetter(col), records))
        return [row[col] if col < len(row) else "" for row in records]

    def _record_rows(self) -> tuple[list[list[Cell]], int]:
        cached = self._records
        if cached is None or cached[0] is not self.sheet.rows or cached[1] != len(self.rows):
            grid = self.sheet.rows
            records = [grid[i] for i in self.rows]
            width = min(map(len, records), default=0)
            cached = self._records = (grid, len(self.rows), records, width)
        return cached[2], cached[3]

    def texts(self, name: str) -> list[str]:
        """Cleaned NFC text of a column ('' when empty)."""
        values = self.raw(name)
        cache = {value: self._clean(value) for value in set(values)}
        return list(map(cache.__getitem__, values))

    def _clean(self, value: Cell) -> str:
        text = cell_text(value)
        if not text:
            return ""
        return norm.clean_text(text)

    def mapped(self, values: Sequence[V], func: Callable[[V], T]) -> list[T]:
        """Apply ``func`` once per distinct value."""
        cache = {value: func(value) for value in set(values)}
        return list(map(cache.__getitem__, values))

    # ---------------------------------------------------------------- issues
    def at(
        self, index: int, name: str, message: str, *, error: bool = False, code: str = ""
    ) -> None:
        """An issue at record ``index`` (position in ``rows``) and field ``name``, with its
        stable ``code``."""
        target = self.errors if error else self.warnings
        if not error and len(target) >= MAX_ROW_WARNINGS:
            return
        col = self.header.columns.get(name)
        target.append(
            Issue(
                file=self.file_name,
                sheet=self.sheet.name,
                row=self.rows[index] + 1,
                column=column_letter(col) if col is not None else None,
                header=self.header.labels.get(col) if col is not None else None,
                message=message,
                code=code,
            )
        )

    def unrecognised(
        self, name: str, values: Sequence[str], results: Sequence[object], expected: str
    ) -> None:
        """One warning per distinct value that was not understood: the first cell and a count."""
        if len(values) == len(results) and not any(
            set(compress(values, map(is_, results, repeat(None))))
        ):
            return  # every cell whose result is None is empty: nothing to warn about
        seen: dict[str, list[int]] = {}
        for index, (value, result) in enumerate(zip(values, results, strict=True)):
            if value and result is None:
                seen.setdefault(value, []).append(index)
        for value, indices in seen.items():
            more = f" ({len(indices)} dòng có giá trị này)" if len(indices) > 1 else ""
            self.at(
                indices[0],
                name,
                f"không nhận ra '{value}'{more}; để trống. Cần: {expected}.",
                code="VALUE_UNRECOGNISED",
            )

    def row_number(self, index: int) -> int:
        return self.rows[index] + 1


def _empty(row: list[Cell], col: int) -> bool:
    return col >= len(row) or row[col] in ("", None)


def _records_follow(grid: list[list[Cell]], start: int, key_col: int, seq: int) -> bool:
    """Whether a numbered record row comes after ``start`` before the signature block."""
    for row in grid[start : start + 200]:
        texts = [cell_text(c) for c in row if c not in ("", None)]
        if not texts:
            continue
        if _FOOTER.match(texts[0]) and not _TOTAL.match(texts[0]):
            return False  # the signature block
        key = cell_text(row[key_col]) if key_col < len(row) else ""
        number = cell_text(row[seq]) if 0 <= seq < len(row) else ""
        if key and number.isdigit() and not _FOOTER.match(key) and not_a_person(key) is None:
            return True
    return False


def _filled(row: list[Cell]) -> int:
    return sum(1 for c in row if c not in ("", None))


def _is_section_numeral(value: Cell) -> bool:
    """'I', 'II.', 'A' in the TT column: a section, as people are numbered 1, 2, 3."""
    return isinstance(value, str) and bool(_SECTION_NUMERAL.match(value))


def _only_cell(row: list[Cell]) -> bool:
    return sum(1 for c in row if c not in ("", None)) == 1
