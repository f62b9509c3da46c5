"""A synthetic demo ward written as the spreadsheets real Vietnamese offices send.

Everything here is invented: names are drawn at random (``random.Random(2026)``) from lists of
common họ, đệm and tên, so no row describes a real person. The files imitate the layouts of
ward offices (title block, national motto, two-row merged header with a "Nam | Nữ" birth split,
numbering row "(1) (2) …", units as section rows, a total row and a signature block) so the
importer can be exercised end to end.

``write_demo_files(out_dir)`` writes the whole demo and returns the files in import order:

====================  ==========  ============================================================
file                  kind        layout
====================  ==========  ============================================================
roster_2025-12-31     roster      .xlsx, official layout, tính đến ngày 31/12/2025, 39 people
roster_2026-09-30     roster      .xlsx, official layout, tính đến ngày 30/9/2026, 40 people
danh_gia_2024         evaluation  .xls, year only in the sheet name "Nam 2024", birth as year
danh_gia_2025         evaluation  .xlsx, year in the title, birth as date
danh_gia_2026         evaluation  .csv UTF-8 with BOM, "Năm" column, birth as date
ke_hoach_2026         plan        .xlsx, the 8 tasks of the plan with the "6 rõ" columns
tien_do_2026          progress    .csv UTF-8 with BOM, reports of the first half of 2026
tien_do_q3_2026       progress    .xlsx, reports of the third quarter of 2026
====================  ==========  ============================================================

The planted facts (under-qualified placements, the upgrade, the leaver and the hires, the
KHTNV year, the unrated new hire, the quota breach, the homonyms) are listed on
``DemoDataset.facts`` by ``build_demo_dataset()`` so tests can name people without re-reading
the files. The lower-level writers (``write_official_roster``, ``write_evaluation``,
``write_plan``, ``write_progress``) build small fixtures in the same layouts.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Literal

import xlwt
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from analytics import demo_workforce
from analytics.labels import roman

__all__ = [
    "DEMO_UNITS",
    "DemoDataset",
    "DemoFile",
    "DemoStaff",
    "EvaluationRow",
    "Person",
    "PlanTask",
    "ProgressReport",
    "build_demo_dataset",
    "write_demo_files",
    "write_evaluation",
    "write_official_roster",
    "write_plan",
    "write_progress",
]

DEMO_WARD = "PHƯỜNG VIỆT HÒA"
DEMO_SEED = 2026

#: The units of the demo ward in roster order (NĐ 150/2025), as written in the section rows.
DEMO_UNITS: tuple[str, ...] = (
    "Lãnh đạo UBND phường",
    "Văn phòng HĐND và UBND",
    "Phòng Kinh tế, Hạ tầng và Đô thị",
    "Phòng Văn hóa – Xã hội",
    "Trung tâm Phục vụ hành chính công",
)

GRADE_WORDS: dict[str, str] = {
    "HTXSNV": "Hoàn thành xuất sắc nhiệm vụ",
    "HTTNV": "Hoàn thành tốt nhiệm vụ",
    "HTNV": "Hoàn thành nhiệm vụ",
    "KHTNV": "Không hoàn thành nhiệm vụ",
    "KXL": "Không xếp loại",
}

BirthValue = date | int | str | None
CellValue = str | int | float | date | None

# --------------------------------------------------------------------------------------------
# Public record types
# --------------------------------------------------------------------------------------------


@dataclass
class Person:
    """One row of a roster, holding the texts exactly as the file writes them.

    ``birth``: a ``date`` is written as a date cell (``dd/mm/yyyy``), an ``int`` as a bare
    year (``1987``), a ``str`` as raw text (``"12/03/1985"``, or even ``"31/02/1985"``),
    ``None`` as an empty cell. ``gender`` is ``"Nam"`` or ``"Nữ"`` and decides which of the
    Nam | Nữ columns holds the birth date. ``unit`` is the unit name without its numeral
    (one of ``DEMO_UNITS`` in the demo). ``education`` is the cell "Trình độ chuyên môn" as
    written ("ĐH Luật", "Cử nhân Kinh tế", "ThS Quản lý đất đai", "TC Kế toán", "" = missing).
    ``political_theory`` is "CC", "TC", "SC", "Cử nhân" or ""; ``state_management`` is
    "CVC", "CV", "Cán sự" or ""; ``rank_code`` a ngạch code such as "01.003";
    ``party_member`` is written "x" or left empty; ``note`` goes to "Ghi chú".
    """

    full_name: str
    birth: BirthValue
    gender: str
    unit: str
    position: str
    field: str
    education: str
    political_theory: str
    state_management: str
    it_skill: str
    foreign_language: str
    rank_code: str
    party_member: bool
    ethnicity: str = "Kinh"
    religion: str = "Không"
    staff_id: str | None = None
    certificates: str = ""
    note: str = ""
    # migration 012's columns, written only when some person of the file has them
    post_since: date | str | int | None = None
    status: str = ""
    child_birth: date | None = None


@dataclass
class EvaluationRow:
    """One row of an evaluation file.

    ``birth`` follows ``Person.birth``; with ``birth_as="year"`` a date is written as its year.
    ``score`` is the NĐ 335/2025 100-point score (written with one decimal, ``None`` = empty).
    ``grade`` is the text as written: a full phrase ("Hoàn thành tốt nhiệm vụ"), an
    abbreviation ("HTXSNV") or "Không xếp loại". ``on_time_rate`` and ``satisfaction`` are
    percentages (one decimal) or ``None`` for people who do not handle dossiers.
    """

    full_name: str
    birth: BirthValue
    position: str
    unit: str
    score: float | None
    grade: str
    on_time_rate: float | None = None
    satisfaction: float | None = None
    note: str = ""
    staff_id: str | None = None


@dataclass
class PlanTask:
    """One row of the plan annex. ``code`` is the TT as written ("1", "4", "a", "b": a lettered
    row belongs to the numbered row above it). Empty ``deliverable``, ``accountable`` or
    ``authority`` are the "6 rõ" gaps (rõ sản phẩm, rõ trách nhiệm, rõ thẩm quyền)."""

    code: str
    title: str
    lead: str
    coordinating: str
    deadline: str
    deliverable: str = ""
    accountable: str = ""
    authority: str = ""


@dataclass
class ProgressReport:
    """One progress report. ``task_code`` is "1" … "6", "4a", "4b"; ``report_date`` is
    written dd/mm/yyyy (a date cell in .xlsx); ``status`` is "Hoàn thành", "Đang thực hiện"
    or "Chưa thực hiện"; ``percent`` is the completion percentage or ``None`` (recurring)."""

    task_code: str
    report_date: date
    status: str
    percent: int | None = None
    deliverable: str = ""
    note: str = ""
    reporter: str = ""


@dataclass(frozen=True)
class DemoFile:
    """A written demo file. ``kind`` is "roster", "evaluation", "plan" or "progress";
    ``year`` is the evaluation year for evaluation files (``None`` for the others)."""

    kind: str
    path: Path
    year: int | None = None


# --------------------------------------------------------------------------------------------
# A tiny sheet model rendered by openpyxl (.xlsx) or xlwt (.xls)
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Style:
    bold: bool = False
    italic: bool = False
    size: int = 12
    h_align: str = "left"
    wrap: bool = False
    border: bool = False
    num_format: str = "General"


_S_PLAIN = _Style(size=13, h_align="center")
_S_PLAIN_BOLD = _Style(size=13, h_align="center", bold=True)
_S_TITLE = _Style(size=14, h_align="center", bold=True, wrap=True)
_S_SUBTITLE = _Style(size=13, h_align="center", italic=True)
_S_HEADER = _Style(size=12, h_align="center", bold=True, wrap=True, border=True)
_S_NUMBERING = _Style(size=11, h_align="center", italic=True, border=True)
_S_SECTION = _Style(size=12, bold=True, border=True)
_S_TEXT = _Style(size=12, wrap=True, border=True)
_S_CENTER = _Style(size=12, h_align="center", wrap=True, border=True)
_S_DATE = _Style(size=12, h_align="center", border=True, num_format="dd/mm/yyyy")
_S_DECIMAL = _Style(size=12, h_align="center", border=True, num_format="0.0")
_S_TOTAL = _Style(size=12, bold=True, border=True)
_S_SIGN_DATE = _Style(size=13, h_align="center", italic=True)


@dataclass
class _Grid:
    """Cells keyed by 1-based (row, column); a merge stores its value in the top-left cell."""

    name: str
    cells: dict[tuple[int, int], tuple[CellValue, _Style]] = field(default_factory=dict)
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)
    widths: dict[int, float] = field(default_factory=dict)
    heights: dict[int, float] = field(default_factory=dict)

    def put(self, row: int, col: int, value: CellValue, style: _Style) -> None:
        self.cells[(row, col)] = (value, style)

    def merge(
        self, row: int, col: int, last_row: int, last_col: int, value: CellValue, style: _Style
    ) -> None:
        self.put(row, col, value, style)
        if (row, col) != (last_row, last_col):
            self.merges.append((row, col, last_row, last_col))


def _save_grid(path: Path, grid: _Grid) -> None:
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".xlsx":
        _save_xlsx(path, grid)
    elif suffix == ".xls":
        _save_xls(path, grid)
    else:
        raise ValueError(f"Không hỗ trợ định dạng tệp {path.suffix!r}")


def _save_xlsx(path: Path, grid: _Grid) -> None:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = grid.name
    thin = Side(style="thin")
    full = Border(left=thin, right=thin, top=thin, bottom=thin)
    for (row, col), (value, style) in sorted(grid.cells.items()):
        cell = ws.cell(row=row, column=col)
        if value is not None:
            cell.value = value
        cell.font = Font(
            name="Times New Roman", size=style.size, bold=style.bold, italic=style.italic
        )
        cell.alignment = Alignment(
            horizontal=style.h_align, vertical="center", wrap_text=style.wrap
        )
        if style.border:
            cell.border = full
        cell.number_format = style.num_format
    for row, col, last_row, last_col in grid.merges:
        ws.merge_cells(start_row=row, start_column=col, end_row=last_row, end_column=last_col)
    for col, width in grid.widths.items():
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, height in grid.heights.items():
        ws.row_dimensions[row].height = height
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    wb.properties.creator = "UBND phường"
    wb.properties.created = datetime(2026, 1, 1)
    wb.save(path)


def _save_xls(path: Path, grid: _Grid) -> None:
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet(grid.name)
    cache: dict[_Style, object] = {}

    def xf(style: _Style) -> object:
        if style not in cache:
            xs = xlwt.XFStyle()
            font = xlwt.Font()
            font.name = "Times New Roman"
            font.height = style.size * 20
            font.bold = style.bold
            font.italic = style.italic
            xs.font = font
            align = xlwt.Alignment()
            align.horz = {
                "left": xlwt.Alignment.HORZ_LEFT,
                "center": xlwt.Alignment.HORZ_CENTER,
                "right": xlwt.Alignment.HORZ_RIGHT,
            }[style.h_align]
            align.vert = xlwt.Alignment.VERT_CENTER
            align.wrap = (
                xlwt.Alignment.WRAP_AT_RIGHT if style.wrap else xlwt.Alignment.NOT_WRAP_AT_RIGHT
            )
            xs.alignment = align
            if style.border:
                borders = xlwt.Borders()
                borders.left = borders.right = borders.top = borders.bottom = xlwt.Borders.THIN
                xs.borders = borders
            xs.num_format_str = style.num_format
            cache[style] = xs
        return cache[style]

    anchors: set[tuple[int, int]] = set()
    for row, col, last_row, last_col in grid.merges:
        value, style = grid.cells[(row, col)]
        ws.write_merge(row - 1, last_row - 1, col - 1, last_col - 1, value, xf(style))
        anchors.add((row, col))
    for (row, col), (value, style) in sorted(grid.cells.items()):
        if (row, col) not in anchors:
            ws.write(row - 1, col - 1, value, xf(style))
    for col, width in grid.widths.items():
        ws.col(col - 1).width = int(256 * width)
    for row, height in grid.heights.items():
        xrow = ws.row(row - 1)
        xrow.height_mismatch = True
        xrow.height = int(20 * height)
    ws.portrait = False
    wb.save(str(path))


def _csv_text(value: CellValue) -> str:
    if value is None:
        return ""
    if isinstance(value, date):
        return f"{value:%d/%m/%Y}"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def _write_csv(path: Path, header: Sequence[str], rows: Sequence[Sequence[CellValue]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow(header)
        for row in rows:
            writer.writerow([_csv_text(value) for value in row])


# --------------------------------------------------------------------------------------------
# Shared pieces of the official layout
# --------------------------------------------------------------------------------------------


def _place_name(ward: str) -> str:
    """ "PHƯỜNG VIỆT HÒA" -> "Việt Hòa" (for "Việt Hòa, ngày … tháng … năm …")."""
    text = ward.strip()
    for prefix in ("PHƯỜNG ", "XÃ ", "ĐẶC KHU ", "THỊ TRẤN "):
        if text.upper().startswith(prefix):
            text = text[len(prefix) :]
            break
    return text.title()


def _right_block_start(n_cols: int, left_end: int) -> int:
    """First column of the right half of the title and signature blocks (J of 17 columns)."""
    return max(left_end + 1, n_cols - min(7, n_cols // 2 - 1))


def _title_block(grid: _Grid, n_cols: int, ward: str, *, left_end: int) -> int:
    """Rows 1–2: issuing body (left) and national motto (right). Returns the right block's
    first column."""
    right = _right_block_start(n_cols, left_end)
    grid.merge(1, 1, 1, left_end, "ỦY BAN NHÂN DÂN", _S_PLAIN)
    grid.merge(2, 1, 2, left_end, ward, _S_PLAIN_BOLD)
    grid.merge(1, right, 1, n_cols, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", _S_PLAIN_BOLD)
    grid.merge(2, right, 2, n_cols, "Độc lập - Tự do - Hạnh phúc", _S_PLAIN_BOLD)
    return right


def _signature_block(
    grid: _Grid,
    row: int,
    n_cols: int,
    *,
    left_end: int,
    right_titles: Sequence[str],
    date_line: str | None,
    preparer: str,
    approver: str,
) -> None:
    right = _right_block_start(n_cols, left_end)
    if date_line:
        grid.merge(row, right, row, n_cols, date_line, _S_SIGN_DATE)
        row += 1
    grid.merge(row, 1, row, left_end, "NGƯỜI LẬP BIỂU", _S_PLAIN_BOLD)
    for offset, title in enumerate(right_titles):
        grid.merge(row + offset, right, row + offset, n_cols, title, _S_PLAIN_BOLD)
    name_row = row + len(right_titles) + 4
    if preparer:
        grid.merge(name_row, 1, name_row, left_end, preparer, _S_PLAIN_BOLD)
    if approver:
        grid.merge(name_row, right, name_row, n_cols, approver, _S_PLAIN_BOLD)


@dataclass(frozen=True)
class _Col:
    key: str
    header: str
    width: float
    group: str | None = None


_ROSTER_COLS: dict[str, _Col] = {
    col.key: col
    for col in (
        _Col("tt", "TT", 5),
        _Col("staff_id", "Mã CBCC", 10),
        _Col("name", "Họ và tên", 24),
        _Col("unit", "Đơn vị", 28),
        _Col("birth", "Ngày sinh", 12),
        _Col("gender", "Giới tính", 8),
        _Col("birth_male", "Nam", 12, group="Ngày, tháng, năm sinh"),
        _Col("birth_female", "Nữ", 12, group="Ngày, tháng, năm sinh"),
        _Col("position", "Chức vụ", 18),
        _Col("field", "Lĩnh vực phụ trách", 22),
        _Col("education", "Trình độ chuyên môn", 24),
        _Col("political_theory", "Lý luận chính trị", 10),
        _Col("state_management", "Quản lý nhà nước", 10),
        _Col("it_skill", "Tin học", 13),
        _Col("foreign_language", "Ngoại ngữ", 13),
        _Col("rank_code", "Ngạch", 9),
        _Col("party", "Đảng viên", 8),
        _Col("ethnicity", "Dân tộc", 8),
        _Col("religion", "Tôn giáo", 10),
        _Col("certificates", "Chứng chỉ khác", 18),
        _Col("post_since", "Giữ vị trí từ", 12),
        _Col("status", "Tình trạng", 16),
        _Col("child_birth", "Ngày sinh con nhỏ nhất", 12),
        _Col("note", "Ghi chú", 24),
    )
}
# The optional columns of a roster (issue 11): present when a person of the file fills them.
_OPTIONAL_KEYS = ("post_since", "status", "child_birth")

_CENTERED_KEYS = {
    "tt",
    "staff_id",
    "gender",
    "political_theory",
    "state_management",
    "rank_code",
    "party",
    "ethnicity",
    "religion",
}


def _roster_columns(
    *, sections: bool, split_birth_by_gender: bool, with_id: bool, optional: Sequence[str] = ()
) -> list[_Col]:
    keys = ["tt"]
    if with_id:
        keys.append("staff_id")
    keys.append("name")
    if not sections:
        keys.append("unit")
    keys += ["birth_male", "birth_female"] if split_birth_by_gender else ["birth", "gender"]
    keys += [
        "position",
        "field",
        "education",
        "political_theory",
        "state_management",
        "it_skill",
        "foreign_language",
        "rank_code",
        "party",
        "ethnicity",
        "religion",
        "certificates",
        *optional,
        "note",
    ]
    return [_ROSTER_COLS[key] for key in keys]


def _optional_keys(people: Sequence[Person]) -> list[str]:
    return [k for k in _OPTIONAL_KEYS if any(getattr(p, k) not in (None, "") for p in people)]


def _person_value(person: Person, key: str, seq: int) -> CellValue:
    if key == "tt":
        return seq
    if key == "staff_id":
        return person.staff_id or ""
    if key == "name":
        return person.full_name
    if key == "birth":
        return person.birth
    if key == "birth_male":
        return person.birth if person.gender == "Nam" else None
    if key == "birth_female":
        return person.birth if person.gender != "Nam" else None
    if key == "party":
        return "x" if person.party_member else ""
    if key in ("post_since", "child_birth"):
        when = getattr(person, key)
        return "" if when is None else when
    value = getattr(person, key)
    assert isinstance(value, str)
    return value


def _value_style(key: str, value: CellValue) -> _Style:
    if isinstance(value, date):
        return _S_DATE
    if isinstance(value, float):
        return _S_DECIMAL
    if key in _CENTERED_KEYS or key.startswith("birth") or isinstance(value, int):
        return _S_CENTER
    return _S_TEXT


def _group_by_unit(people: Sequence[Person]) -> list[tuple[str, list[Person]]]:
    groups: dict[str, list[Person]] = {}
    for person in people:
        groups.setdefault(person.unit, []).append(person)
    return list(groups.items())


# --------------------------------------------------------------------------------------------
# Roster
# --------------------------------------------------------------------------------------------


def write_official_roster(
    path: Path,
    people: list[Person],
    *,
    ward: str = DEMO_WARD,
    as_of: date,
    sections: bool = True,
    split_birth_by_gender: bool = True,
    numbering_row: bool = True,
    with_id: bool = False,
    sheet_name: str = "Danh sach",
    preparer: str = "",
    approver: str = "",
) -> None:
    """Write a "danh sách trích ngang" in the official layout.

    ``.xlsx`` (openpyxl) and ``.xls`` (xlwt) get the full layout: title block in rows 1–2,
    title in row 4, "(Số liệu tính đến ngày d/m/yyyy)" in row 5, header from row 7 (two rows,
    "Ngày, tháng, năm sinh" over "Nam | Nữ", when ``split_birth_by_gender``; otherwise one row
    with "Ngày sinh" and "Giới tính"), the numbering row "(1) (2) …" under it, units as
    section rows "I. …" (people keep their order; units are numbered in order of first
    appearance) or, with ``sections=False``, an "Đơn vị" column after "Họ và tên"; then
    "Tổng cộng: N người", a blank row and the signature block ("NGƯỜI LẬP BIỂU" left,
    "KT. CHỦ TỊCH" / "PHÓ CHỦ TỊCH" right, ``preparer`` / ``approver`` names below).
    ``.csv`` gets one flat header row (TT, [Mã CBCC], Họ và tên, Đơn vị, Ngày sinh, Giới tính,
    …) in UTF-8 with BOM; the layout flags do not apply to it.
    """
    if path.suffix.lower() == ".csv":
        cols = _roster_columns(
            sections=False,
            split_birth_by_gender=False,
            with_id=with_id,
            optional=_optional_keys(people),
        )
        rows = [
            [_person_value(person, col.key, seq) for col in cols]
            for seq, person in enumerate(people, start=1)
        ]
        _write_csv(path, [col.header for col in cols], rows)
        return

    cols = _roster_columns(
        sections=sections,
        split_birth_by_gender=split_birth_by_gender,
        with_id=with_id,
        optional=_optional_keys(people),
    )
    n_cols = len(cols)
    grid = _Grid(sheet_name)
    left_end = 4
    _title_block(grid, n_cols, ward, left_end=left_end)
    grid.merge(4, 1, 4, n_cols, f"DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC {ward}", _S_TITLE)
    grid.merge(
        5,
        1,
        5,
        n_cols,
        f"(Số liệu tính đến ngày {as_of.day}/{as_of.month}/{as_of.year})",
        _S_SUBTITLE,
    )

    header_row = 7
    two_rows = any(col.group for col in cols)
    last_header_row = header_row + 1 if two_rows else header_row
    index = 0
    while index < len(cols):
        col = cols[index]
        column = index + 1
        if col.group:
            span = 1
            while index + span < len(cols) and cols[index + span].group == col.group:
                span += 1
            grid.merge(header_row, column, header_row, column + span - 1, col.group, _S_HEADER)
            for offset in range(span):
                grid.put(header_row + 1, column + offset, cols[index + offset].header, _S_HEADER)
            index += span
            continue
        grid.merge(header_row, column, last_header_row, column, col.header, _S_HEADER)
        index += 1
    grid.heights[header_row] = 33 if two_rows else 48
    if two_rows:
        grid.heights[header_row + 1] = 20

    row = last_header_row + 1
    if numbering_row:
        for column in range(1, n_cols + 1):
            grid.put(row, column, f"({column})", _S_NUMBERING)
        row += 1

    groups = _group_by_unit(people) if sections else [("", list(people))]
    seq = 0
    for number, (unit, members) in enumerate(groups, start=1):
        if sections:
            grid.merge(row, 1, row, n_cols, f"{roman(number)}. {unit}", _S_SECTION)
            row += 1
        for person in members:
            seq += 1
            for column, col in enumerate(cols, start=1):
                value = _person_value(person, col.key, seq)
                grid.put(row, column, value, _value_style(col.key, value))
            row += 1
    grid.merge(row, 1, row, n_cols, f"Tổng cộng: {seq} người", _S_TOTAL)
    row += 2
    _signature_block(
        grid,
        row,
        n_cols,
        left_end=left_end,
        right_titles=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
        date_line=f"{_place_name(ward)}, ngày {as_of.day} tháng {as_of.month} năm {as_of.year}",
        preparer=preparer,
        approver=approver,
    )
    for column, col in enumerate(cols, start=1):
        grid.widths[column] = col.width
    _save_grid(path, grid)


# --------------------------------------------------------------------------------------------
# Evaluation
# --------------------------------------------------------------------------------------------

EVALUATION_TITLE = "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC"


def _evaluation_birth(birth: BirthValue, birth_as: str) -> BirthValue:
    if birth_as == "year" and isinstance(birth, date):
        return birth.year
    return birth


def write_evaluation(
    path: Path,
    rows: list[EvaluationRow],
    *,
    year: int,
    ward: str = DEMO_WARD,
    year_in: Literal["title", "column", "sheet"] = "title",
    with_id: bool = False,
    birth_as: Literal["date", "year"] = "date",
    preparer: str = "",
    approver: str = "",
) -> None:
    """Write an evaluation result file.

    Columns: "STT" | "Mã CBCC" (``with_id``) | "Họ và tên" | "Ngày sinh" | "Chức vụ" |
    "Đơn vị" | "Năm" (``year_in="column"``) | "Điểm đánh giá" | "Xếp loại" |
    "Tỷ lệ hồ sơ đúng hạn (%)" | "Mức độ hài lòng (%)" | "Ghi chú".
    The year appears only where ``year_in`` says: "title" → "… CÔNG CHỨC NĂM 2025" in row 4;
    "column" → a "Năm" column (title without year); "sheet" → sheet named "Nam 2024" (no year
    anywhere else). Spreadsheets: title block rows 1–2, title row 4, header row 6, data from
    row 7, then a blank row and a signature block without a date line. ``.csv`` is flat (one
    header row, UTF-8 with BOM) and needs ``year_in="column"``.
    """
    keys: list[tuple[str, str, float]] = [("seq", "STT", 5)]
    if with_id:
        keys.append(("staff_id", "Mã CBCC", 10))
    keys += [
        ("name", "Họ và tên", 24),
        ("birth", "Ngày sinh", 12),
        ("position", "Chức vụ", 20),
        ("unit", "Đơn vị", 30),
    ]
    if year_in == "column":
        keys.append(("year", "Năm", 7))
    keys += [
        ("score", "Điểm đánh giá", 10),
        ("grade", "Xếp loại", 28),
        ("on_time", "Tỷ lệ hồ sơ đúng hạn (%)", 12),
        ("satisfaction", "Mức độ hài lòng (%)", 12),
        ("note", "Ghi chú", 30),
    ]

    def value(row: EvaluationRow, key: str, seq: int) -> CellValue:
        values: dict[str, CellValue] = {
            "seq": seq,
            "staff_id": row.staff_id or "",
            "name": row.full_name,
            "birth": _evaluation_birth(row.birth, birth_as),
            "position": row.position,
            "unit": row.unit,
            "year": year,
            "score": None if row.score is None else round(float(row.score), 1),
            "grade": row.grade,
            "on_time": None if row.on_time_rate is None else round(float(row.on_time_rate), 1),
            "satisfaction": None if row.satisfaction is None else round(float(row.satisfaction), 1),
            "note": row.note,
        }
        return values[key]

    table = [[value(row, key, seq) for key, _, _ in keys] for seq, row in enumerate(rows, start=1)]
    if path.suffix.lower() == ".csv":
        if year_in != "column":
            raise ValueError("Tệp CSV không có tiêu đề hay tên trang: năm phải ở cột 'Năm'.")
        _write_csv(path, [header for _, header, _ in keys], table)
        return

    n_cols = len(keys)
    grid = _Grid(f"Nam {year}" if year_in == "sheet" else "Danh gia")
    left_end = 3
    _title_block(grid, n_cols, ward, left_end=left_end)
    title = f"{EVALUATION_TITLE} NĂM {year}" if year_in == "title" else EVALUATION_TITLE
    grid.merge(4, 1, 4, n_cols, title, _S_TITLE)
    header_row = 6
    for column, (_, header, width) in enumerate(keys, start=1):
        grid.put(header_row, column, header, _S_HEADER)
        grid.widths[column] = width
    grid.heights[header_row] = 48
    row = header_row + 1
    for values in table:
        for column, ((key, _, _), cell) in enumerate(zip(keys, values, strict=True), start=1):
            style = _value_style(key, cell)
            if key in ("seq", "year", "staff_id", "birth"):
                style = _S_DATE if isinstance(cell, date) else _S_CENTER
            grid.put(row, column, cell, style)
        row += 1
    _signature_block(
        grid,
        row + 1,
        n_cols,
        left_end=left_end,
        right_titles=("CHỦ TỊCH",),
        date_line=None,
        preparer=preparer,
        approver=approver,
    )
    _save_grid(path, grid)


# --------------------------------------------------------------------------------------------
# Plan and progress
# --------------------------------------------------------------------------------------------

PLAN_HEADERS: tuple[tuple[str, float], ...] = (
    ("TT", 5),
    ("Nội dung nhiệm vụ", 52),
    ("Cơ quan chủ trì", 24),
    ("Cơ quan phối hợp", 20),
    ("Thời gian thực hiện", 18),
    ("Sản phẩm", 28),
    ("Người chịu trách nhiệm", 22),
    ("Thẩm quyền quyết định", 20),
)

PROGRESS_HEADERS: tuple[tuple[str, float], ...] = (
    ("Mã nhiệm vụ", 10),
    ("Ngày báo cáo", 13),
    ("Tình trạng", 16),
    ("Tỷ lệ hoàn thành (%)", 12),
    ("Sản phẩm", 40),
    ("Ghi chú", 36),
    ("Người báo cáo", 24),
)


def write_plan(
    path: Path,
    tasks: list[PlanTask],
    *,
    ward: str = DEMO_WARD,
    subtitle: str = "(Kèm theo Kế hoạch số       /KH-UBND tháng 6/2026 của UBND phường Việt Hòa)",
) -> None:
    """Write the plan annex: title block rows 1–2, title row 4 ("KẾ HOẠCH NÂNG CAO CHẤT
    LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC <ward>"), ``subtitle`` row 5, header row 7
    (``PLAN_HEADERS``), one row per task from row 8, TT written as text. ``.csv`` is flat."""
    table: list[list[CellValue]] = [
        [
            task.code,
            task.title,
            task.lead,
            task.coordinating,
            task.deadline,
            task.deliverable,
            task.accountable,
            task.authority,
        ]
        for task in tasks
    ]
    headers = [header for header, _ in PLAN_HEADERS]
    if path.suffix.lower() == ".csv":
        _write_csv(path, headers, table)
        return
    n_cols = len(headers)
    grid = _Grid("Ke hoach")
    _title_block(grid, n_cols, ward, left_end=2)
    grid.merge(
        4, 1, 4, n_cols, f"KẾ HOẠCH NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC {ward}", _S_TITLE
    )
    if subtitle:
        grid.merge(5, 1, 5, n_cols, subtitle, _S_SUBTITLE)
    header_row = 7
    for column, (header, width) in enumerate(PLAN_HEADERS, start=1):
        grid.put(header_row, column, header, _S_HEADER)
        grid.widths[column] = width
    grid.heights[header_row] = 36
    for row, values in enumerate(table, start=header_row + 1):
        for column, cell in enumerate(values, start=1):
            grid.put(row, column, cell, _S_CENTER if column in (1, 5) else _S_TEXT)
    _save_grid(path, grid)


def write_progress(
    path: Path,
    reports: list[ProgressReport],
    *,
    title: str = "BÁO CÁO TIẾN ĐỘ THỰC HIỆN KẾ HOẠCH NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC",
    period: str = "",
) -> None:
    """Write progress reports. ``.csv``: flat, UTF-8 with BOM, dates as dd/mm/yyyy text.
    ``.xlsx``/``.xls``: ``title`` in row 1, ``period`` (e.g. "(Kỳ báo cáo: Quý III/2026)")
    in row 2, header row 4 (``PROGRESS_HEADERS``), reports from row 5, dates as date cells."""
    table: list[list[CellValue]] = [
        [
            report.task_code,
            report.report_date,
            report.status,
            report.percent,
            report.deliverable,
            report.note,
            report.reporter,
        ]
        for report in reports
    ]
    headers = [header for header, _ in PROGRESS_HEADERS]
    if path.suffix.lower() == ".csv":
        _write_csv(path, headers, table)
        return
    n_cols = len(headers)
    grid = _Grid("Tien do")
    grid.merge(1, 1, 1, n_cols, title, _S_TITLE)
    if period:
        grid.merge(2, 1, 2, n_cols, period, _S_SUBTITLE)
    header_row = 4
    for column, (header, width) in enumerate(PROGRESS_HEADERS, start=1):
        grid.put(header_row, column, header, _S_HEADER)
        grid.widths[column] = width
    grid.heights[1] = 36
    grid.heights[header_row] = 33
    for row, values in enumerate(table, start=header_row + 1):
        for column, cell in enumerate(values, start=1):
            if isinstance(cell, date):
                style = _S_DATE
            elif column in (1, 3, 4):
                style = _S_CENTER
            else:
                style = _S_TEXT
            grid.put(row, column, cell, style)
    _save_grid(path, grid)


# --------------------------------------------------------------------------------------------
# The demo ward
# --------------------------------------------------------------------------------------------

_SURNAMES: tuple[tuple[str, int], ...] = (
    ("Nguyễn", 30),
    ("Trần", 11),
    ("Lê", 9),
    ("Phạm", 8),
    ("Vũ", 6),
    ("Hoàng", 4),
    ("Bùi", 4),
    ("Đỗ", 4),
    ("Đặng", 3),
    ("Phan", 3),
    ("Ngô", 2),
    ("Đinh", 2),
    ("Đoàn", 2),
    ("Dương", 2),
    ("Lương", 1),
    ("Mai", 1),
    ("Cao", 1),
    ("Tạ", 1),
    ("Lưu", 1),
    ("Hà", 1),
)
_MIDDLE_MALE = (
    "Văn", "Văn", "Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thành", "Ngọc", "Mạnh", "Tiến", "Duy",
    "Trọng", "Công", "Hải",
)  # fmt: skip
_MIDDLE_FEMALE = (
    "Thị", "Thị", "Thị", "Thu", "Thanh", "Ngọc", "Minh", "Thúy", "Phương", "Hồng", "Kim",
    "Bích", "Diệu",
)  # fmt: skip
_SECOND_MIDDLE_FEMALE = ("Thu", "Minh", "Thanh", "Hồng", "Ngọc", "Phương")
_GIVEN_MALE = (
    "An", "Bình", "Cường", "Dũng", "Đạt", "Giang", "Hải", "Hiếu", "Hoàng", "Hùng", "Khánh",
    "Long", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Thành", "Tuấn", "Tùng", "Việt", "Vinh",
    "Toàn", "Trung", "Lâm", "Kiên", "Hưng", "Thịnh",
)  # fmt: skip
_GIVEN_FEMALE = (
    "Anh", "Chi", "Dung", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa", "Hồng", "Huyền", "Lan",
    "Liên", "Linh", "Loan", "Mai", "Ngân", "Nga", "Nhung", "Oanh", "Phương", "Quỳnh", "Thảo",
    "Trang", "Uyên", "Vân", "Yến", "Thủy",
)  # fmt: skip
#: Full names never produced (public figures, the signer of the real plan).
_AVOID_NAMES = frozenset({"Nguyễn Văn Huy", "Nguyễn Văn Thắng", "Trần Văn Sơn", "Lê Minh Hưng"})
_HOMONYM = "Nguyễn Thị Hương"

_IT_SKILLS = (
    "Chứng chỉ B", "Tin học B", "B", "Ứng dụng CNTT cơ bản", "Cơ bản", "CNTT cơ bản",
    "Ứng dụng CNTT nâng cao", "Chứng chỉ A", "Tin học văn phòng",
)  # fmt: skip
_LANGUAGES = (
    "Tiếng Anh B", "Anh B", "B1", "Tiếng Anh bậc 3", "A2", "Tiếng Anh A", "Anh văn C",
    "B1 Tiếng Anh", "Tiếng Trung B", "Bậc 2", "",
)  # fmt: skip


@dataclass
class DemoStaff:
    """The truth about one demo person across time (``key`` is a stable handle such as
    "ke_toan_luat"). ``person`` is the state on 30/9/2026 (for the leaver: on 31/12/2025);
    ``education_2025`` / ``state_management_2025`` / ``note_2025`` override the 2025 snapshot;
    ``birth`` is the true birth (``int`` when only the year is known)."""

    key: str
    person: Person
    birth: date | int
    hired: date | None = None
    left: date | None = None
    education_2025: str | None = None
    note_2025: str = ""
    note_2026: str = ""
    handles_dossiers: bool = False


@dataclass
class DemoDataset:
    """Everything ``write_demo_files`` writes, as records. ``facts`` maps a fact name to the
    full names (or a short description) so tests can write expectations by hand."""

    staff: list[DemoStaff]
    roster_2025: list[Person]
    roster_2026: list[Person]
    evaluations: dict[int, list[EvaluationRow]]
    plan: list[PlanTask]
    progress_h1: list[ProgressReport]
    progress_q3: list[ProgressReport]
    preparer: str
    approver: str
    facts: dict[str, list[str]]


@dataclass(frozen=True)
class _Slot:
    key: str
    unit: int
    position: str
    field: str
    gender: str
    born: tuple[int, int]
    education: str
    political_theory: str = "TC"
    state_management: str = "CV"
    party: bool | None = None
    handles_dossiers: bool = False
    ethnicity: str = "Kinh"
    religion: str = "Không"
    certificates: str = ""
    it_skill: str | None = None


# Positions within each unit are listed in roster order. ``party=None`` means drawn at random.
_SLOTS: tuple[_Slot, ...] = (
    # I. Lãnh đạo UBND phường
    _Slot("chu_tich", 0, "Chủ tịch UBND phường", "Phụ trách chung", "Nam", (1971, 1974),
          "ThS Quản lý kinh tế", "CC", "CVC", True),
    _Slot("pct_kinh_te", 0, "Phó Chủ tịch UBND phường", "Kinh tế - Đô thị", "Nam", (1973, 1978),
          "ThS Kỹ thuật xây dựng", "CC", "CVC", True),
    _Slot("pct_van_hoa", 0, "Phó Chủ tịch UBND", "Văn hóa - Xã hội", "Nữ", (1976, 1980),
          "ThS Quản lý công", "Cử nhân", "CVC", True),
    # II. Văn phòng HĐND và UBND
    _Slot("chanh_vp", 1, "Chánh Văn phòng", "Phụ trách chung", "Nam", (1972, 1977),
          "Cử nhân Luật", "TC", "CVC", True, certificates="Bồi dưỡng QP-AN đối tượng 3"),
    _Slot("pho_chanh_vp", 1, "Phó Chánh Văn phòng", "Tổng hợp", "Nữ", (1978, 1984),
          "Cử nhân Hành chính", "TC", "CV", True),
    _Slot("tu_phap_vp", 1, "Chuyên viên", "Tư pháp - Hộ tịch", "Nữ", (1990, 1990),
          "Cử nhân Luật", handles_dossiers=True),
    _Slot("tiep_dan_kinh_te", 1, "Chuyên viên", "Tiếp công dân - Khiếu nại, tố cáo", "Nam",
          (1968, 1970), "Cử nhân Kinh tế", handles_dossiers=True),
    _Slot("cntt_van_hoa", 1, "Chuyên viên", "CNTT", "Nam", (1994, 1999), "Cử nhân Văn hóa",
          it_skill="Chứng chỉ B"),
    _Slot("ke_toan_vp", 1, "Chuyên viên", "Kế toán", "Nữ", (1984, 1991), "ĐH Kế toán",
          certificates="Kế toán trưởng"),
    _Slot("van_thu_thieu_cm", 1, "Chuyên viên", "Văn thư - Lưu trữ", "Nữ", (1970, 1970), ""),
    _Slot("thi_dua_vp", 1, "Chuyên viên", "Thi đua - Khen thưởng", "Nam", (1979, 1986),
          "Cử nhân Quản lý nhà nước"),
    _Slot("quan_tri_vp", 1, "Chuyên viên", "Văn phòng - Quản trị", "Nam", (1998, 2001),
          "Cử nhân Quản trị văn phòng", "TC", "", False),
    # III. Phòng Kinh tế, Hạ tầng và Đô thị
    _Slot("tp_kinh_te", 2, "Trưởng phòng", "Phụ trách chung", "Nam", (1972, 1977),
          "Kỹ sư Xây dựng dân dụng và công nghiệp", "TC", "CV", True),
    _Slot("ptp_dat_dai", 2, "Phó Trưởng phòng", "Quản lý đất đai", "Nam", (1977, 1981),
          "ThS Quản lý đất đai", "TC", "CV", True, handles_dossiers=True),
    _Slot("ptp_tai_chinh", 2, "Phó trưởng phòng", "Tài chính - Kế hoạch", "Nữ", (1980, 1986),
          "Cử nhân Tài chính - Ngân hàng", "TC", "CV", True),
    _Slot("ke_toan_luat", 2, "Chuyên viên", "Tài chính - Kế toán", "Nữ", (1992, 1997),
          "ĐH Luật", handles_dossiers=True),
    _Slot("dia_chinh_tc", 2, "Chuyên viên", "Địa chính - Đất đai", "Nam", (1967, 1969),
          "TC Quản lý đất đai", "TC", "Cán sự", handles_dossiers=True),
    _Slot("dia_chinh_dh", 2, "Chuyên viên", "Đất đai", "Nam", (1993, 1998),
          "Kỹ sư Trắc địa - Bản đồ", handles_dossiers=True),
    _Slot("xay_dung_cd", 2, "Chuyên viên", "Xây dựng", "Nam", (1976, 1981), "CĐ Xây dựng",
          "TC", "Cán sự", handles_dossiers=True, religion="Công giáo"),
    _Slot("do_thi_kts", 2, "Chuyên viên", "Quản lý đô thị - Xây dựng", "Nữ", (1994, 1999),
          "Kiến trúc sư", handles_dossiers=True),
    _Slot("moi_truong_nghi_huu", 2, "Chuyên viên", "Tài nguyên - Môi trường", "Nữ", (1969, 1969),
          "Kỹ sư Môi trường", handles_dossiers=True),
    _Slot("moi_truong_moi", 2, "Chuyên viên", "Tài nguyên và Môi trường", "Nam", (1999, 2001),
          "Kỹ sư Kỹ thuật môi trường", "", "", False, handles_dossiers=True),
    _Slot("nong_nghiep", 2, "Chuyên viên", "Nông nghiệp", "Nữ", (1972, 1977), "Kỹ sư Nông học",
          religion="Phật giáo", handles_dossiers=True),
    _Slot("giao_thong", 2, "Chuyên viên", "Giao thông - Hạ tầng", "Nam", (1988, 1995),
          "Kỹ sư Xây dựng cầu đường", handles_dossiers=True),
    # IV. Phòng Văn hóa – Xã hội
    _Slot("tp_van_hoa_sc", 3, "Trưởng phòng", "Phụ trách chung", "Nữ", (1977, 1981),
          "Cử nhân Xã hội học", "SC", "CV", True),
    _Slot("ptp_noi_vu", 3, "Phó Trưởng phòng", "Nội vụ", "Nam", (1980, 1986),
          "Cử nhân Quản lý nhà nước", "TC", "CV", True),
    _Slot("noi_vu", 3, "Chuyên viên", "Nội vụ - Thi đua", "Nữ", (1991, 1997),
          "Cử nhân Quản trị nhân lực"),
    _Slot("van_hoa", 3, "Chuyên viên", "Văn hóa - Thông tin", "Nam", (1981, 1990),
          "Cử nhân Văn hóa học", ethnicity="Tày"),
    _Slot("y_te_nam_sinh", 3, "Chuyên viên", "Y tế", "Nữ", (1987, 1987), "Cử nhân Điều dưỡng",
          handles_dossiers=True),
    _Slot("giao_duc", 3, "Chuyên viên", "Giáo dục", "Nữ", (1985, 1995), "ĐH Sư phạm Toán",
          ethnicity="Hoa", handles_dossiers=True),
    _Slot("lao_dong", 3, "Chuyên viên", "Lao động - Thương binh và Xã hội", "Nam", (1967, 1969),
          "Cử nhân Công tác xã hội", handles_dossiers=True),
    _Slot("dan_toc_ton_giao", 3, "Chuyên viên", "Dân tộc - Tôn giáo", "Nam", (1999, 2001),
          "Cử nhân Quản lý nhà nước", "", "", handles_dossiers=True),
    # V. Trung tâm Phục vụ hành chính công
    _Slot("giam_doc_tt", 4, "Giám đốc", "Phụ trách chung", "Nam", (1973, 1979),
          "Cử nhân Hành chính học", "TC", "CV", True),
    _Slot("pgd_tt", 4, "Phó Giám đốc", "Tiếp nhận và trả kết quả", "Nữ", (1983, 1990),
          "Cử nhân Luật", "TC", "CV", True, handles_dossiers=True,
          certificates="Nghiệp vụ tiếp công dân"),
    _Slot("ho_tich_nang_cap", 4, "Chuyên viên", "Tư pháp - Hộ tịch", "Nữ", (1990, 1995),
          "Cử nhân Luật", "TC", "Cán sự", handles_dossiers=True),
    _Slot("mot_cua_thieu_cm", 4, "Chuyên viên", "Tiếp nhận hồ sơ", "Nữ", (1973, 1978), "",
          handles_dossiers=True),
    _Slot("mot_cua_dat_dai", 4, "Chuyên viên", "Một cửa - Đất đai", "Nam", (1991, 1997),
          "Kỹ sư Quản lý đất đai", handles_dossiers=True),
    _Slot("ho_tich_tt", 4, "Chuyên viên", "Hộ tịch - Chứng thực", "Nữ", (1996, 1996),
          "Cử nhân Luật", religion="Công giáo", handles_dossiers=True),
    _Slot("cntt_tt", 4, "Chuyên viên", "Công nghệ thông tin - Chuyển đổi số", "Nam", (1993, 1999),
          "Kỹ sư Công nghệ thông tin", certificates="Quản trị mạng", it_skill="",
          handles_dossiers=True),
    _Slot("tiep_nhan_moi", 4, "Chuyên viên", "Tiếp nhận hồ sơ đất đai", "Nữ", (2000, 2002),
          "Cử nhân Quản lý đất đai", "", "", False, handles_dossiers=True),
    _Slot("tiep_nhan_tt", 4, "Chuyên viên", "Tiếp nhận và trả kết quả", "Nữ", (1996, 2001),
          "Cử nhân Quản trị văn phòng", "", "", False, handles_dossiers=True),
)  # fmt: skip

_RANK_BY_QLNN = {"CVC": "01.002", "Cán sự": "01.004"}
_LEAVER = "moi_truong_nghi_huu"
_HIRES_2026 = {"moi_truong_moi": date(2026, 1, 5), "tiep_nhan_moi": date(2026, 8, 17)}
_HIRE_2025 = ("dan_toc_ton_giao", date(2025, 3, 2))
_UPGRADER = "ho_tich_nang_cap"
_YEAR_ONLY = "y_te_nam_sinh"
_YEAR_ONLY_IN_2025_ROSTER = ("nong_nghiep", "lao_dong")
_HOMONYMS = ("tu_phap_vp", "ho_tich_tt")
_UNDER_QUALIFIED: dict[str, str] = {
    "ke_toan_luat": "Lĩnh vực Tài chính - Kế toán nhưng chuyên môn ĐH Luật (ngành không phù hợp)",
    "dia_chinh_tc": "Lĩnh vực Địa chính - Đất đai nhưng trình độ Trung cấp (dưới Đại học)",
    "cntt_van_hoa": "Lĩnh vực CNTT nhưng chuyên môn Cử nhân Văn hóa (ngành không phù hợp)",
    "tp_van_hoa_sc": "Trưởng phòng Văn hóa – Xã hội nhưng LLCT Sơ cấp (dưới Trung cấp)",
    "xay_dung_cd": "Lĩnh vực Xây dựng nhưng trình độ Cao đẳng (dưới Đại học)",
    "tiep_dan_kinh_te": "Lĩnh vực Khiếu nại, tố cáo nhưng chuyên môn Cử nhân Kinh tế (không phải Luật)",
}
_MISSING_EDUCATION = ("van_thu_thieu_cm", "mot_cua_thieu_cm")

# Evaluation plan per year: explicit (grade, score) for named people, HTTNV for the others.
_EVAL_OVERRIDES: dict[int, dict[str, tuple[str, float | None]]] = {
    2024: {
        "ke_toan_vp": ("HTXSNV", 93.0),
        "ptp_dat_dai": ("HTXSNV", 91.5),
        "giao_duc": ("HTXSNV", 92.5),
        "cntt_tt": ("HTXSNV", 94.0),
        "mot_cua_dat_dai": ("HTNV", 65.0),
        "dia_chinh_tc": ("HTNV", 63.5),
    },
    2025: {
        "tu_phap_vp": ("HTXSNV", 92.0),
        "do_thi_kts": ("HTXSNV", 91.0),
        "noi_vu": ("HTXSNV", 90.5),
        "pgd_tt": ("HTXSNV", 93.5),
        "mot_cua_dat_dai": ("KHTNV", 46.5),
        "dia_chinh_tc": ("HTNV", 61.0),
    },
    2026: {
        "ke_toan_vp": ("HTXSNV", 93.5),
        "dia_chinh_dh": ("HTXSNV", 90.0),
        "ptp_tai_chinh": ("HTXSNV", 91.5),
        "giao_duc": ("HTXSNV", 92.0),
        "cntt_tt": ("HTXSNV", 94.0),
        "ke_toan_luat": ("HTNV", 68.5),
        "mot_cua_dat_dai": ("HTNV", 62.0),
        "giao_thong": ("HTTNV", 70.0),
        "ptp_dat_dai": ("HTTNV", 89.9),
        "tiep_nhan_moi": ("KXL", None),
    },
}
_EVAL_NOTES: dict[int, dict[str, str]] = {
    2025: {
        "mot_cua_dat_dai": "Bị kỷ luật khiển trách năm 2025 (chậm trả kết quả hồ sơ đất đai)",
        "dan_toc_ton_giao": "Tuyển dụng từ 02/3/2025",
    },
    2026: {"tiep_nhan_moi": "Tuyển dụng từ 17/8/2026, công tác dưới 6 tháng"},
}


class _NameDrawer:
    """Draws "Họ đệm tên" at random. Middle and given names are dealt from shuffled decks so a
    small ward does not end up with four people called "… Hưng"; full names never repeat."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._decks: dict[str, list[str]] = {}
        self._used: set[str] = {_HOMONYM, *_AVOID_NAMES}

    def _deal(self, deck: str, pool: Sequence[str]) -> str:
        cards = self._decks.setdefault(deck, [])
        if not cards:
            cards.extend(pool)
            self._rng.shuffle(cards)
        return cards.pop()

    def draw(self, gender: str) -> str:
        surnames = [name for name, _ in _SURNAMES]
        weights = [weight for _, weight in _SURNAMES]
        while True:
            surname = self._rng.choices(surnames, weights)[0]
            if gender == "Nam":
                middle = self._deal("middle_male", _MIDDLE_MALE)
                given = self._deal("given_male", _GIVEN_MALE)
            else:
                middle = self._deal("middle_female", _MIDDLE_FEMALE)
                if middle == "Thị" and self._rng.random() < 0.25:
                    middle = f"Thị {self._rng.choice(_SECOND_MIDDLE_FEMALE)}"
                given = self._deal("given_female", _GIVEN_FEMALE)
            if given in middle.split() or given == surname:
                continue
            name = f"{surname} {middle} {given}"
            if name not in self._used:
                self._used.add(name)
                return name


def _build_staff(rng: random.Random) -> list[DemoStaff]:
    names = _NameDrawer(rng)
    staff: list[DemoStaff] = []
    for slot in _SLOTS:
        name = _HOMONYM if slot.key in _HOMONYMS else names.draw(slot.gender)
        year = rng.randint(*slot.born)
        if slot.key == _LEAVER:
            born: date | int = date(year, 3, rng.randint(1, 28))
        else:
            born = date(year, rng.randint(1, 12), rng.randint(1, 28))
        if slot.key == _YEAR_ONLY:
            born = year
        born = demo_workforce.BIRTH_OVERRIDES.get(slot.key, born)  # after the draws
        party = slot.party if slot.party is not None else rng.random() < 0.52
        it_skill = slot.it_skill if slot.it_skill is not None else rng.choice(_IT_SKILLS)
        language = rng.choice(_LANGUAGES)
        person = Person(
            full_name=name,
            birth=born,
            gender=slot.gender,
            unit=DEMO_UNITS[slot.unit],
            position=slot.position,
            field=slot.field,
            education=slot.education,
            political_theory=slot.political_theory,
            state_management=slot.state_management,
            it_skill=it_skill,
            foreign_language=language,
            rank_code=_RANK_BY_QLNN.get(slot.state_management, "01.003"),
            party_member=party,
            ethnicity=slot.ethnicity,
            religion=slot.religion,
            certificates=slot.certificates,
        )
        member = DemoStaff(slot.key, person, born, handles_dossiers=slot.handles_dossiers)
        if slot.key == _LEAVER:
            member.left = date(2026, 1, 1)
            member.note_2025 = "Nghỉ hưu từ ngày 01/01/2026"
        if slot.key in _HIRES_2026:
            hired = _HIRES_2026[slot.key]
            member.hired = hired
            member.note_2026 = f"Tuyển dụng từ {hired.day:02d}/{hired.month:02d}/{hired.year}"
        if slot.key == _HIRE_2025[0]:
            member.hired = _HIRE_2025[1]
        if slot.key == _UPGRADER:
            member.education_2025 = "TC Luật"
            member.note_2026 = "Tốt nghiệp ĐH Luật tháng 6/2026"
        staff.append(member)
    return staff


def _employed(member: DemoStaff, on: date) -> bool:
    if member.hired is not None and member.hired > on:
        return False
    return member.left is None or member.left > on


def _snapshot(staff: list[DemoStaff], as_of: date, rng: random.Random) -> list[Person]:
    people: list[Person] = []
    in_2025 = as_of.year == 2025
    for member in staff:
        if not _employed(member, as_of):
            continue
        base = member.person
        birth: BirthValue
        if isinstance(member.birth, int):
            birth = member.birth
        elif in_2025 and member.key in _YEAR_ONLY_IN_2025_ROSTER:
            birth = member.birth.year
        elif rng.random() < 0.18:
            birth = f"{member.birth:%d/%m/%Y}"
        else:
            birth = member.birth
        education = base.education
        if in_2025 and member.education_2025 is not None:
            education = member.education_2025
        note = member.note_2025 if in_2025 else member.note_2026
        person = replace(base, birth=birth, education=education, note=note)
        if not in_2025:  # the office added the workforce columns to this year's roster
            person = replace(
                person,
                post_since=demo_workforce.POST_SINCE.get(member.key),
                status=demo_workforce.STATUS.get(member.key, ""),
                child_birth=demo_workforce.CHILD_BIRTH.get(member.key),
            )
        people.append(person)
    return people


def _band(score: float) -> str:
    if score >= 90:
        return "HTXSNV"
    if score >= 70:
        return "HTTNV"
    if score >= 50:
        return "HTNV"
    return "KHTNV"


def _rates(rng: random.Random, grade: str) -> tuple[float, float]:
    lows = {"HTXSNV": (98.0, 95.0), "HTTNV": (93.0, 88.0), "HTNV": (82.0, 78.0)}
    highs = {"HTXSNV": (100.0, 100.0), "HTTNV": (99.5, 98.0), "HTNV": (90.0, 88.0)}
    if grade == "KHTNV":
        return 68.4, 70.5
    (on_lo, sat_lo), (on_hi, sat_hi) = lows[grade], highs[grade]
    return round(rng.uniform(on_lo, on_hi), 1), round(rng.uniform(sat_lo, sat_hi), 1)


def _evaluations(staff: list[DemoStaff], year: int, rng: random.Random) -> list[EvaluationRow]:
    year_end = date(year, 12, 31)
    overrides = _EVAL_OVERRIDES[year]
    notes = _EVAL_NOTES.get(year, {})
    rows: list[EvaluationRow] = []
    for member in staff:
        # Evaluated in ``year``: employed at some point of it (the leaver still in 2025).
        if member.hired is not None and member.hired > year_end:
            continue
        if member.left is not None and member.left <= date(year, 1, 1):
            continue
        grade, score = overrides.get(member.key, ("HTTNV", None))
        if grade == "HTTNV" and score is None:
            score = round(rng.uniform(72.0, 88.5), 1)
        assert grade == "KXL" or (score is not None and _band(score) == grade)
        if grade == "KXL":
            written = GRADE_WORDS["KXL"]
        elif year == 2024:
            written = grade
        elif year == 2025:
            written = GRADE_WORDS[grade]
        else:
            written = grade if rng.random() < 0.35 else GRADE_WORDS[grade]
        on_time: float | None = None
        satisfaction: float | None = None
        if member.handles_dossiers and grade != "KXL":
            on_time, satisfaction = _rates(rng, grade)
        base = member.person
        rows.append(
            EvaluationRow(
                full_name=base.full_name,
                birth=member.birth,
                position=base.position,
                unit=base.unit,
                score=score,
                grade=written,
                on_time_rate=on_time,
                satisfaction=satisfaction,
                note=notes.get(member.key, ""),
            )
        )
    return rows


def _plan() -> list[PlanTask]:
    vhxh = "Phòng Văn hóa – Xã hội"
    all_units = "Các cơ quan, đơn vị"
    heads = "Thủ trưởng các cơ quan, đơn vị"
    chair = "Chủ tịch UBND phường"
    return [
        PlanTask(
            "1",
            "Quán triệt, triển khai chủ trương, đường lối của Đảng về công tác cán bộ; "
            "Thông báo số 21-TB/VPTW và Chỉ thị số 18/CT-TTg của Thủ tướng Chính phủ",
            "Các cơ quan, đơn vị trực thuộc UBND phường",
            "",
            "Thường xuyên",
            "",
            heads,
            chair,
        ),
        PlanTask(
            "2",
            "Rà soát, đánh giá tổng thể chất lượng, trình độ, năng lực đội ngũ cán bộ, công chức; "
            "hoàn thiện tiêu chuẩn theo vị trí việc làm; xây dựng cơ sở dữ liệu đánh giá năng lực "
            "cán bộ, công chức",
            vhxh,
            "Các cơ quan, đơn vị liên quan",
            "Hoàn thành trong tháng 6/2026",
            "Cơ sở dữ liệu đánh giá năng lực cán bộ, công chức; báo cáo kết quả rà soát",
            "Trưởng phòng Văn hóa – Xã hội",
            chair,
        ),
        PlanTask(
            "3",
            "Tham mưu bố trí, sắp xếp cán bộ, công chức theo khung tiêu chuẩn (Quy định 71-QĐ/TU, "
            "396-QĐ/TU, Quyết định 1637/QĐ-UBND); ưu tiên các lĩnh vực đất đai, xây dựng, kế toán, "
            "công nghệ thông tin, giáo dục, y tế, dân tộc, tôn giáo, khiếu nại, tố cáo",
            vhxh,
            "Các cơ quan, đơn vị có liên quan",
            "Hoàn thành trong Quý III/2026",
            "Phương án bố trí, sắp xếp cán bộ, công chức trình Đảng ủy phường",
            "Trưởng phòng Văn hóa – Xã hội",
            "Ban Thường vụ Đảng ủy phường",
        ),
        PlanTask(
            "4",
            "Đánh giá chất lượng thực hiện nhiệm vụ trên cơ sở tiến độ, chất lượng, năng lực phối "
            "hợp, tinh thần trách nhiệm, thái độ phục vụ và sự hài lòng của người dân, doanh "
            "nghiệp; tinh giản biên chế người năng lực yếu kém",
            all_units,
            "",
            "Thường xuyên",
            "Kết quả đánh giá, xếp loại hằng tháng, quý, năm",
            heads,
            chair,
        ),
        PlanTask(
            "a",
            "Rà soát, đề xuất tuyển dụng công chức; triển khai Nghị quyết số 53/2025/NQ-HĐND về "
            "thu hút, trọng dụng người có tài năng",
            vhxh,
            all_units,
            "Thực hiện thường xuyên",
            "Đề xuất chỉ tiêu tuyển dụng công chức",
            "Trưởng phòng Văn hóa – Xã hội",
            "",
        ),
        PlanTask(
            "b",
            "Đào tạo, bồi dưỡng chuyên sâu theo nhóm vị trí việc làm: địa chính, xây dựng, tài "
            "chính - kế toán, chuyển đổi số, tiếp công dân, giải quyết thủ tục hành chính trên "
            "không gian mạng",
            all_units,
            "",
            "Thường xuyên",
            "Kế hoạch đào tạo, bồi dưỡng năm; danh sách học viên",
            "",
            chair,
        ),
        PlanTask(
            "5",
            "Nâng cao kỷ luật, kỷ cương hành chính, đạo đức công vụ; thực hiện nghiêm quy trình, "
            "thời hạn xử lý hồ sơ trên môi trường điện tử",
            all_units,
            "",
            "Thường xuyên",
            "Báo cáo tỷ lệ hồ sơ giải quyết đúng hạn hằng tháng",
            heads,
            chair,
        ),
        PlanTask(
            "6",
            "Bố trí kinh phí, đầu tư cơ sở vật chất, kỹ thuật, hạ tầng số, trang thiết bị làm việc",
            "Phòng Kinh tế, Hạ tầng và Đô thị, Phòng Văn hóa – Xã hội",
            "",
            "Thường xuyên",
            "",
            "Trưởng phòng Kinh tế, Hạ tầng và Đô thị",
            chair,
        ),
    ]


def _progress(
    staff: list[DemoStaff], rng: random.Random
) -> tuple[list[ProgressReport], list[ProgressReport]]:
    names = {member.key: member.person.full_name for member in staff}
    vhxh_head = names["tp_van_hoa_sc"]
    vhxh_deputy = names["ptp_noi_vu"]
    office_head = names["chanh_vp"]
    economy_head = names["tp_kinh_te"]
    reports: list[ProgressReport] = []
    quarter_ends = (date(2026, 3, 31), date(2026, 6, 30), date(2026, 9, 30))
    roman_quarter = {3: "I", 6: "II", 9: "III"}

    products_1 = (
        "Hội nghị quán triệt Thông báo số 21-TB/VPTW",
        "Hội nghị quán triệt Chỉ thị số 18/CT-TTg",
        "Quán triệt Kế hoạch nâng cao chất lượng đội ngũ tới các cơ quan, đơn vị",
    )
    for end, product in zip(quarter_ends, products_1, strict=True):
        reports.append(ProgressReport("1", end, "Đang thực hiện", None, product, "", office_head))
    reports += [
        ProgressReport("2", date(2026, 6, 10), "Đang thực hiện", 40, "",
                       "Đã thu thập hồ sơ của 4/5 cơ quan, đơn vị", vhxh_head),
        ProgressReport("2", date(2026, 6, 19), "Đang thực hiện", 80,
                       "Dự thảo báo cáo kết quả rà soát", "", vhxh_head),
        ProgressReport("2", date(2026, 6, 25), "Hoàn thành", 100,
                       "Cơ sở dữ liệu đánh giá năng lực cán bộ, công chức phường Việt Hòa", "",
                       vhxh_head),
        ProgressReport("3", date(2026, 6, 30), "Chưa thực hiện", 0, "",
                       "Chờ quyết định giao biên chế chính thức", vhxh_head),
        ProgressReport("3", date(2026, 7, 31), "Đang thực hiện", 30,
                       "Dự thảo phương án bố trí", "", vhxh_head),
        ProgressReport("3", date(2026, 8, 31), "Đang thực hiện", 50,
                       "Dự thảo phương án bố trí (lần 2)", "", vhxh_head),
        ProgressReport("3", date(2026, 9, 30), "Đang thực hiện", 70, "",
                       "Chưa hoàn thành phương án bố trí các lĩnh vực đất đai, kế toán", vhxh_head),
    ]  # fmt: skip
    for month in range(1, 10):
        reports.append(
            ProgressReport("4", date(2026, month, 25), "Đang thực hiện", None,
                           f"Kết quả chấm điểm, xếp loại tháng {month}/2026", "", vhxh_deputy)
        )  # fmt: skip
        on_time = round(rng.uniform(95.0, 99.5), 1)
        reports.append(
            ProgressReport("5", date(2026, month, 25), "Đang thực hiện", None,
                           f"Báo cáo tỷ lệ hồ sơ đúng hạn tháng {month}/2026: "
                           f"{str(on_time).replace('.', ',')}%", "", office_head)
        )  # fmt: skip
    for end in quarter_ends:
        quarter = roman_quarter[end.month]
        reports.append(
            ProgressReport("4a", end, "Đang thực hiện", None,
                           "Tờ trình đề xuất tuyển dụng 02 công chức" if end.month == 3 else "",
                           f"Báo cáo Quý {quarter}/2026", vhxh_head)
        )  # fmt: skip
    reports += [
        ProgressReport("4b", date(2026, 3, 31), "Chưa thực hiện", None, "",
                       "Chờ kế hoạch đào tạo, bồi dưỡng của thành phố", vhxh_deputy),
        ProgressReport("4b", date(2026, 6, 30), "Đang thực hiện", None,
                       "Kế hoạch đào tạo, bồi dưỡng năm 2026", "", vhxh_deputy),
        ProgressReport("4b", date(2026, 9, 30), "Đang thực hiện", None,
                       "15 lượt cán bộ, công chức được bồi dưỡng chuyên sâu", "", vhxh_deputy),
        # Task 6 has no third-quarter report: the monitoring view should show the gap.
        ProgressReport("6", date(2026, 3, 31), "Đang thực hiện", None,
                       "Danh mục trang thiết bị cần bổ sung", "", economy_head),
        ProgressReport("6", date(2026, 6, 30), "Đang thực hiện", None,
                       "Nâng cấp đường truyền tại Trung tâm Phục vụ hành chính công", "",
                       economy_head),
    ]  # fmt: skip
    order = {"1": 0, "2": 1, "3": 2, "4": 3, "4a": 4, "4b": 5, "5": 6, "6": 7}
    reports.sort(key=lambda report: (report.report_date, order[report.task_code]))
    h1 = [report for report in reports if report.report_date <= date(2026, 6, 30)]
    q3 = [report for report in reports if report.report_date > date(2026, 6, 30)]
    return h1, q3


def build_demo_dataset() -> DemoDataset:
    """Build the demo ward (deterministic: one ``random.Random(2026)`` drives every draw)."""
    rng = random.Random(DEMO_SEED)
    staff = _build_staff(rng)
    roster_2025 = _snapshot(staff, date(2025, 12, 31), rng)
    roster_2026 = _snapshot(staff, date(2026, 9, 30), rng)
    evaluations = {year: _evaluations(staff, year, rng) for year in (2024, 2025, 2026)}
    h1, q3 = _progress(staff, rng)
    by_key = {member.key: member.person.full_name for member in staff}
    facts: dict[str, list[str]] = {
        "under_qualified_2026": [f"{by_key[key]}: {why}" for key, why in _UNDER_QUALIFIED.items()],
        "missing_education": [by_key[key] for key in _MISSING_EDUCATION],
        "birth_year_only": [by_key[_YEAR_ONLY]],
        "birth_year_only_in_2025_roster": [by_key[_YEAR_ONLY]]
        + [by_key[key] for key in _YEAR_ONLY_IN_2025_ROSTER],
        "upgraded_tc_to_dh": [by_key[_UPGRADER]],
        "left_2026": [by_key[_LEAVER]],
        "hired_2026": [by_key[key] for key in _HIRES_2026],
        "hired_2025": [by_key[_HIRE_2025[0]]],
        "khtnv_2025": [by_key["mot_cua_dat_dai"]],
        "unrated_2026": [by_key["tiep_nhan_moi"]],
        "homonyms": [f"{_HOMONYM} ({_staff_birth(staff, key)})" for key in _HOMONYMS],
        "quota_breach_2026": [
            "Phòng Kinh tế, Hạ tầng và Đô thị: 2 HTXSNV so với 8 HTTNV (tối đa 20% = 1)"
        ],
        "preparer": [by_key["noi_vu"]],
        "approver": [by_key["pct_van_hoa"]],
    }
    return DemoDataset(
        staff=staff,
        roster_2025=roster_2025,
        roster_2026=roster_2026,
        evaluations=evaluations,
        plan=_plan(),
        progress_h1=h1,
        progress_q3=q3,
        preparer=by_key["noi_vu"],
        approver=by_key["pct_van_hoa"],
        facts=facts,
    )


def _staff_birth(staff: list[DemoStaff], key: str) -> str:
    """The true birth of a demo person as written (dd/mm/yyyy or a bare year)."""
    for member in staff:
        if member.key == key:
            return (
                str(member.birth) if isinstance(member.birth, int) else f"{member.birth:%d/%m/%Y}"
            )
    raise KeyError(key)


def write_demo_files(out_dir: Path) -> list[DemoFile]:
    """Write the whole demo ward into ``out_dir`` and return the files in import order:
    the two roster snapshots, the evaluations 2024–2026, the plan, then the progress reports."""
    out_dir.mkdir(parents=True, exist_ok=True)
    data = build_demo_dataset()
    files: list[DemoFile] = []
    for as_of, people in (
        (date(2025, 12, 31), data.roster_2025),
        (date(2026, 9, 30), data.roster_2026),
    ):
        path = out_dir / f"roster_{as_of.isoformat()}.xlsx"
        write_official_roster(
            path, people, as_of=as_of, preparer=data.preparer, approver=data.approver
        )
        files.append(DemoFile("roster", path))
    evaluation_layouts: tuple[
        tuple[int, str, Literal["title", "column", "sheet"], Literal["date", "year"]], ...
    ] = (
        (2024, "danh_gia_2024.xls", "sheet", "year"),
        (2025, "danh_gia_2025.xlsx", "title", "date"),
        (2026, "danh_gia_2026.csv", "column", "date"),
    )
    for year, name, year_in, birth_as in evaluation_layouts:
        path = out_dir / name
        write_evaluation(
            path,
            data.evaluations[year],
            year=year,
            year_in=year_in,
            birth_as=birth_as,
            preparer=data.preparer,
            approver=data.approver,
        )
        files.append(DemoFile("evaluation", path, year))
    plan_path = out_dir / "ke_hoach_2026.xlsx"
    write_plan(plan_path, data.plan)
    files.append(DemoFile("plan", plan_path))
    h1_path = out_dir / "tien_do_2026.csv"
    write_progress(h1_path, data.progress_h1)
    files.append(DemoFile("progress", h1_path))
    q3_path = out_dir / "tien_do_q3_2026.xlsx"
    write_progress(q3_path, data.progress_q3, period="(Kỳ báo cáo: Quý III/2026)")
    files.append(DemoFile("progress", q3_path))
    return files
