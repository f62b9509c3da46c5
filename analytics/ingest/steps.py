"""Steps every import kind shares: the sheet and its header, the title block, the ward of each
record, numbers and categories read once per distinct value, birth dates, and rejection."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from itertools import compress
from operator import and_
from typing import Any

from analytics.ingest import normalize as norm
from analytics.ingest.dates import parse_date
from analytics.ingest.headers import Header, best_sheet, cell_text
from analytics.ingest.issues import ImportRejected, Issue
from analytics.ingest.kinds.base import ImportKind, ImportOptions
from analytics.ingest.legacy import convert_sheet
from analytics.ingest.readers import Sheet, Workbook
from analytics.ingest.sheet import Table
from analytics.store import Store


def choose_table(
    book: Workbook, kind: ImportKind, options: ImportOptions
) -> tuple[Sheet, Header, list[Issue]]:
    """The sheet (named or found), its header and the notes of its legacy conversion."""
    sheets = book.sheets
    if options.sheet:
        named = [s for s in sheets if s.name == options.sheet]
        if not named:
            names = ", ".join(f"'{s.name}'" for s in sheets)
            raise ImportRejected(
                [
                    Issue(
                        file=book.file_name,
                        message=f"Không có trang '{options.sheet}'. Các trang có: {names}.",
                        code="SHEET_NOT_FOUND",
                    )
                ]
            )
        sheets = named
    converted: list[Sheet] = []
    notes: dict[int, list[Issue]] = {}
    for original in sheets:
        done, issues = convert_sheet(original, book.file_name)
        notes[id(done)] = issues
        converted.append(done)
    found = best_sheet(converted, kind)
    if found is None:
        fields = kind.fields
        required = ", ".join(f"'{f.label}'" for f in fields if f.required)
        known = ", ".join(f"'{f.label}'" for f in fields[:8])
        where = f"trang '{sheets[0].name}'" if len(sheets) == 1 else f"{len(sheets)} trang tính"
        raise ImportRejected(
            [
                Issue(
                    file=book.file_name,
                    sheet=sheets[0].name if len(sheets) == 1 else None,
                    message=(
                        f"Không tìm thấy dòng tiêu đề của {kind.label} trong {where} "
                        f"(đã tìm trong 40 dòng đầu). Cần ít nhất cột {required}; "
                        f"các cột thường gặp: {known}."
                    ),
                    code="NO_HEADER",
                )
            ]
        )
    sheet, header = found
    return sheet, header, notes[id(sheet)]


_NOT_WARD = re.compile(r"xa hoi chu nghia|doc lap|cong hoa")


_WARD_CELL = re.compile(
    r"^(?:uy ban nhan dan |ubnd |hdnd |dang uy )?(phuong|xa|dac khu|thi tran) \w"
)


_WARD_IN_TEXT = re.compile(
    r"(?:PHƯỜNG|Phường|phường|XÃ|Xã|ĐẶC KHU|Đặc khu)\s+(?!HỘI|hội|Hội)[^\n(,;]+"
)


def title_cells(sheet: Sheet, header: Header) -> list[str]:
    return [cell_text(c) for row in sheet.rows[: header.row] for c in row if cell_text(c)]


def ward_from_title(cells: list[str]) -> str | None:
    """The ward named in the title block ('PHƯỜNG VIỆT HÒA' under 'ỦY BAN NHÂN DÂN')."""
    for text in cells:
        key = norm.fold(text)
        if _NOT_WARD.search(key):
            continue
        if _WARD_CELL.match(key):
            return norm.ward_name(text)
    for text in cells:
        if _NOT_WARD.search(norm.fold(text)):
            continue
        match = _WARD_IN_TEXT.search(text)
        if match:
            return norm.ward_name(match.group(0))
    return None


def wards_of(
    table: Table, title_ward: str | None, options: ImportOptions, store: Store
) -> list[str]:
    """Ward per record: the ward column, else --ward, else the title block, else the only ward."""
    fallback = options.ward or title_ward
    if fallback is None and not table.has("ward"):
        # The only ward the database knows, from its rosters or its plan (a progress report
        # often carries no title block).
        known = [
            r[0]
            for r in store.execute(
                "select ward from roster_rows union select ward from plan_task_rows order by ward"
            )
        ]
        if len(known) == 1:
            fallback = known[0]
            table.warnings.append(
                Issue(
                    file=table.file_name,
                    sheet=table.sheet.name,
                    message=f"Tệp không ghi phường/xã; coi là '{fallback}'.",
                    code="WARD_ASSUMED",
                )
            )
    values = table.texts("ward")
    names = table.mapped(
        values, lambda v: (norm.ward_name(v) or norm.traditional_tone_text(v)) if v else ""
    )
    result = names if all(names) else [name or fallback or "" for name in names]
    missing = [] if all(result) else [i for i, name in enumerate(result) if not name]
    if missing:
        raise ImportRejected(
            [
                Issue(
                    file=table.file_name,
                    sheet=table.sheet.name,
                    row=table.row_number(missing[0]),
                    message=(
                        "Không xác định được phường/xã: ghi tên ở khối tiêu đề (ví dụ 'PHƯỜNG VIỆT HÒA'), "
                        "thêm cột 'Phường/Xã' hoặc chọn phường khi nhập (--ward)."
                    ),
                    code="WARD_UNKNOWN",
                )
            ],
            table.warnings,
        )
    return result


def finish(table: Table) -> None:
    if table.errors:
        raise ImportRejected(table.errors, table.warnings)


def no_records(table: Table, kind: ImportKind) -> ImportRejected:
    return ImportRejected(
        [
            Issue(
                file=table.file_name,
                sheet=table.sheet.name,
                row=table.header.data_start + 1,
                message=f"Có dòng tiêu đề nhưng không có dòng dữ liệu {kind.label} nào bên dưới.",
                code="NO_RECORDS",
            )
        ]
    )


def numbers(
    table: Table, name: str, low: float, high: float, what: str, *, percent: bool = False
) -> list[float | None]:
    """Numbers of a column; a cell that is not a number or out of range is an error."""
    raw = table.raw(name)
    cache: dict[object, float | str | None] = {}
    for value in set(raw):
        try:
            cache[value] = norm.number(value)
        except (TypeError, ValueError):
            cache[value] = f"'{cell_text(value)}' không phải số; cần {what}."
    numbers = [cache[v] for v in raw]
    # Percent cells formatted as % arrive as fractions (0.95).
    if percent and all(n is None or isinstance(n, str) or 0 <= n <= 1 for n in numbers):
        numbers = [n * 100 if isinstance(n, float) else n for n in numbers]
    out: list[float | None] = []
    for index, number in enumerate(numbers):
        if isinstance(number, str):
            table.at(index, name, number, error=True, code="NUMBER_INVALID")
            out.append(None)
        elif number is not None and not low <= number <= high:
            table.at(
                index,
                name,
                f"giá trị {number:g} ngoài khoảng {low:g}–{high:g}; cần {what}.",
                error=True,
                code="NUMBER_OUT_OF_RANGE",
            )
            out.append(None)
        else:
            out.append(number)
    return out


def first(values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def category(table: Table, name: str, func: Any, expected: str) -> list[str | None]:
    texts = table.texts(name)
    values = table.mapped(texts, func)
    table.unrecognised(name, texts, values, expected)
    return values


def births(table: Table) -> tuple[list[Any], list[str | None]]:
    """Birth dates and the gender that the Nam | Nữ columns imply."""
    n = len(table.rows)
    if table.has("birth_male") or table.has("birth_female"):
        male = table.raw("birth_male")
        female = table.raw("birth_female")
        # Whole columns at a time (a city roster has 100,000 rows); "filled" once per distinct value.
        filled = {v: v not in ("", None) for v in {*male, *female}}
        has_m = list(map(filled.__getitem__, male))
        has_f = list(map(filled.__getitem__, female))
        for index in compress(range(n), map(and_, has_m, has_f)):
            table.at(
                index,
                "birth_female",
                "ngày sinh ghi ở cả cột Nam và cột Nữ; chưa rõ giới tính.",
                code="GENDER_BOTH_COLUMNS",
            )
        births: list[Any] = [
            m if a else (f if b else "")
            for m, f, a, b in zip(male, female, has_m, has_f, strict=True)
        ]
        genders: list[str | None] = [
            (None if b else "Nam") if a else ("Nữ" if b else None)
            for a, b in zip(has_m, has_f, strict=True)
        ]
    else:
        births = table.raw("birth")
        genders = [None] * n
    cache = {v: parse_date(v) for v in set(births)}
    parsed = list(map(cache.__getitem__, births))
    if any(value.problem or value.note for value in cache.values()):
        for index, value in enumerate(parsed):
            if value.problem:
                table.at(
                    index,
                    birth_column(table, genders, index),
                    f"{value.problem}; cần ngày dd/mm/yyyy hoặc năm sinh. Người này vẫn được nhập, ngày sinh để trống.",
                    code="BIRTH_DATE_INVALID",
                )
            elif value.note:
                table.at(
                    index,
                    birth_column(table, genders, index),
                    f"{value.note}.",
                    code=value.note_code or "BIRTH_DATE_NOTE",
                )
    return parsed, genders


def birth_column(table: Table, genders: list[str | None], index: int) -> str:
    """The field whose cell holds record ``index``'s birth date (a Nam | Nữ column or one)."""
    if table.has("birth_male") or table.has("birth_female"):
        return "birth_male" if genders[index] == "Nam" else "birth_female"
    return "birth"


@cache
def sql_text(name: str) -> str:
    """The text of ``analytics/sql/ingest/<name>.sql`` (SQL the importers run), with
    ``{{person_match}}`` replaced by the shared person matching (person_match.sql)."""
    text = resources.files("analytics.sql").joinpath("ingest", f"{name}.sql").read_text("utf-8")
    if "{{person_match}}" in text:
        text = text.replace("{{person_match}}", sql_text("person_match").rstrip().rstrip(";"))
    return text
