"""Importing one file of one kind: read, locate, normalise, validate, then load in one transaction.

An import is all or nothing: any error rejects the whole file and the database stays as it was.
The same bytes imported twice change nothing. Accepted originals are kept in ``imports``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, field
from itertools import compress
from operator import and_
from pathlib import Path
from typing import Any

import pyarrow as pa

from analytics import categories as cat
from analytics.ingest import normalize as norm
from analytics.ingest.dates import as_of_from_text, parse_date, parse_deadline, year_from_text
from analytics.ingest.headers import (
    KIND_FIELDS,
    KIND_LABELS,
    Header,
    best_sheet,
    cell_text,
    find_header,
)
from analytics.ingest.issues import ImportRejected, Issue
from analytics.ingest.legacy import convert_sheet
from analytics.ingest.readers import Sheet, Workbook, read_workbook
from analytics.ingest.sheet import Table
from analytics.policy import Action, PermissionDenied
from analytics.scope import OPERATOR, Account
from analytics.store import Store

KINDS = ("roster", "evaluation", "plan", "progress")


@dataclass
class ImportOptions:
    sheet: str | None = None
    year: int | None = None
    ward: str | None = None
    as_of: dt.date | None = None
    dry_run: bool = False
    imported_by: str | None = None


@dataclass
class ImportResult:
    """What happened. ``status``: imported | unchanged | rejected | validated (dry run)."""

    status: str
    kind: str
    file: str
    rows_imported: int = 0
    errors: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    import_id: int | None = None
    sheet: str | None = None
    wards: list[str] = field(default_factory=list)
    as_of: dt.date | None = None
    year: int | None = None
    preview: pa.Table | None = None

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    def message(self) -> str:
        """One Vietnamese sentence for the user."""
        label = KIND_LABELS[self.kind]
        if self.status == "imported":
            return f"Đã nhập {self.rows_imported} dòng {label} từ tệp '{self.file}'."
        if self.status == "validated":
            return f"Tệp '{self.file}' hợp lệ: {self.rows_imported} dòng {label} sẽ được nhập (chưa ghi)."
        if self.status == "unchanged":
            return f"Tệp '{self.file}' đã được nhập trước đây; không có gì thay đổi."
        return f"Tệp '{self.file}' bị từ chối ({len(self.errors)} lỗi); dữ liệu không thay đổi."

    def as_json(self) -> dict[str, Any]:
        def issue(i: Issue) -> dict[str, Any]:
            return {k: v for k, v in i.as_dict().items() if k != "file"}

        return {
            "status": self.status,
            "kind": self.kind,
            "file": self.file,
            "rows_imported": self.rows_imported,
            "import_id": self.import_id,
            "sheet": self.sheet,
            "wards": self.wards,
            "as_of": self.as_of.isoformat() if self.as_of else None,
            "year": self.year,
            "message": self.message(),
            "errors": [issue(i) for i in self.errors],
            "warnings": [issue(i) for i in self.warnings],
        }


@dataclass
class Parsed:
    """A file read and normalised, ready to load."""

    rows: pa.Table
    file_name: str
    sheet: str
    wards: list[str]
    warnings: list[Issue]
    as_of: dt.date | None = None
    year: int | None = None


# ==================================================================== entry points
def import_file(
    store: Store,
    kind: str,
    path: str | Path,
    options: ImportOptions | None = None,
    *,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> ImportResult:
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        issue = Issue(file=path.name, message=f"Không đọc được tệp ({exc.strerror}).")
        return ImportResult("rejected", kind, path.name, errors=[issue])
    return import_bytes(store, kind, data, path.name, options, actor=actor, address=address)


def import_bytes(
    store: Store,
    kind: str,
    data: bytes,
    file_name: str,
    options: ImportOptions | None = None,
    *,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> ImportResult:
    """Import one file for ``actor`` (the signed-in account; the command line is ``OPERATOR``).

    Only a role that may import gets past the first line; a ward officer only their own ward's
    data. Every attempt but a dry run goes to the audit log, refused and rejected ones too.
    """
    from analytics import audit

    options = options or ImportOptions()
    audit.require(
        store, actor, Action.IMPORT, logged_as="import",
        detail=f"{KIND_LABELS.get(kind, kind)}: {file_name}",
        address=address,
    )  # fmt: skip
    result = _import_bytes(store, kind, data, file_name, options, actor.ward)
    if result.status != "validated":
        outcome = "rejected" if result.status == "rejected" else "ok"
        detail = result.message()
        audit.record(
            store, actor.username, actor.role, "import", outcome=outcome, detail=detail,
            address=address,
        )  # fmt: skip
    return result


def _import_bytes(
    store: Store,
    kind: str,
    data: bytes,
    file_name: str,
    options: ImportOptions,
    own_ward: str | None,
) -> ImportResult:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}")
    sha256 = hashlib.sha256(data).hexdigest()
    existing = store.execute(
        "select import_id, undone_at is not null from imports where kind = ? and sha256 = ?",
        [kind, sha256],
    )
    undone_id = int(existing[0][0]) if existing and existing[0][1] else None
    if existing and undone_id is None:
        return ImportResult("unchanged", kind, file_name, import_id=int(existing[0][0]))
    try:
        book = read_workbook(data, file_name)
        parsed = _PARSERS[kind](book, options, store)
        others = sorted(set(parsed.wards) - {own_ward}) if own_ward else []
        if others:
            message = (
                f"tệp có dữ liệu của {', '.join(others)}; tài khoản này chỉ được nhập dữ liệu "
                f"của {own_ward}."
            )
            raise ImportRejected([Issue(file=file_name, message=message)])
        result = ImportResult(
            "validated" if options.dry_run else "imported",
            kind,
            file_name,
            rows_imported=parsed.rows.num_rows,
            warnings=parsed.warnings,
            sheet=parsed.sheet,
            wards=parsed.wards,
            as_of=parsed.as_of,
            year=parsed.year,
            preview=parsed.rows.slice(0, 200),
        )
        with store.transaction() as cur:
            if undone_id is not None:  # the same file again after an undo: it comes back
                import_id = _reuse_import(cur, undone_id, parsed, result, options)
            else:
                import_id = _insert_import(cur, kind, data, sha256, book, parsed, result, options)
            extra = _LOADERS[kind](cur, import_id, parsed)
            result.warnings.extend(extra)
            cur.execute(
                "update imports set warnings = ? where import_id = ?",
                [json.dumps([w.as_dict() for w in result.warnings], ensure_ascii=False), import_id],
            )
            if options.dry_run:
                raise _DryRun(result)
        result.import_id = import_id
        return result
    except _DryRun as done:
        return done.result
    except ImportRejected as rejected:
        return ImportResult(
            "rejected", kind, file_name, errors=rejected.errors, warnings=rejected.warnings
        )


class _DryRun(Exception):
    """Rolls the transaction back after a complete validation."""

    def __init__(self, result: ImportResult) -> None:
        super().__init__("dry run")
        self.result = result


def _insert_import(
    cur: Any,
    kind: str,
    data: bytes,
    sha256: str,
    book: Workbook,
    parsed: Parsed,
    result: ImportResult,
    options: ImportOptions,
) -> int:
    row = cur.execute(
        """
        insert into imports
            (kind, file_name, sha256, size_bytes, file_format, sheet, wards, as_of, year,
             rows_imported, imported_by, original)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        returning import_id
        """,
        [
            kind,
            book.file_name,
            sha256,
            len(data),
            book.format,
            parsed.sheet,
            parsed.wards,
            parsed.as_of,
            parsed.year,
            result.rows_imported,
            options.imported_by,
            data,
        ],
    ).fetchone()
    return int(row[0])


def _reuse_import(
    cur: Any, import_id: int, parsed: Parsed, result: ImportResult, options: ImportOptions
) -> int:
    cur.execute(
        """
        update imports
        set undone_at = null, undone_by = null, revision = revision + 1,
            imported_at = current_timestamp, imported_by = ?, sheet = ?, wards = ?, as_of = ?,
            year = ?, rows_imported = ?
        where import_id = ?
        """,
        [
            options.imported_by,
            parsed.sheet,
            parsed.wards,
            parsed.as_of,
            parsed.year,
            result.rows_imported,
            import_id,
        ],
    )
    return import_id


# Every table holding rows of an import (undo removes them all).
ROW_TABLES = ("roster_rows", "evaluation_rows", "plan_task_rows", "progress_reports")


@dataclass(frozen=True)
class Undone:
    """What an undo removed."""

    import_id: int
    kind: str
    file_name: str
    rows_removed: int

    def message(self) -> str:
        return (
            f"Đã hoàn tác lần nhập số {self.import_id} ('{self.file_name}', "
            f"{KIND_LABELS[self.kind]}): gỡ {self.rows_removed} dòng; dữ liệu trở lại như trước lần "
            "nhập đó. Tệp gốc vẫn được lưu (đánh dấu đã hoàn tác) và có thể nhập lại."
        )


class UndoRefused(ValueError):
    """An undo that cannot be done; the message is Vietnamese, for the user."""


def undo_import(
    store: Store, import_id: int, *, actor: Account = OPERATOR, address: str | None = None
) -> Undone:
    """Remove every row an import brought, all or nothing; the original stays, marked undone."""
    from analytics import audit

    audit.require(
        store, actor, Action.UNDO_IMPORT, logged_as="undo_import",
        detail=f"Lần nhập số {import_id}", address=address,
    )  # fmt: skip
    rows = store.execute(
        "select kind, file_name, wards, undone_at from imports where import_id = ?", [import_id]
    )
    if not rows:
        raise UndoRefused(f"Không có lần nhập số {import_id}.")
    kind, file_name, wards, undone_at = rows[0]
    if undone_at is not None:
        raise UndoRefused(f"Lần nhập số {import_id} ('{file_name}') đã được hoàn tác trước đây.")
    if actor.ward is not None and set(wards or []) - {actor.ward}:
        raise PermissionDenied(f"Lần nhập số {import_id} có dữ liệu ngoài {actor.ward}.")
    removed = 0
    with store.transaction() as cur:
        for table in ROW_TABLES:
            count = cur.execute(
                f"select count(*) from {table} where import_id = ?", [import_id]
            ).fetchone()
            removed += int(count[0]) if count else 0
            cur.execute(f"delete from {table} where import_id = ?", [import_id])
        cur.execute(
            "update imports set undone_at = current_timestamp, undone_by = ?, "
            "revision = revision + 1 where import_id = ?",
            [actor.username, import_id],
        )
    done = Undone(import_id, str(kind), str(file_name), removed)
    audit.record(
        store, actor.username, actor.role, "undo_import", detail=done.message(), address=address
    )
    return done


# ==================================================================== shared steps
def _choose_table(
    book: Workbook, kind: str, options: ImportOptions
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
        fields = KIND_FIELDS[kind]
        required = ", ".join(f"'{f.label}'" for f in fields if f.required)
        known = ", ".join(f"'{f.label}'" for f in fields[:8])
        where = f"trang '{sheets[0].name}'" if len(sheets) == 1 else f"{len(sheets)} trang tính"
        raise ImportRejected(
            [
                Issue(
                    file=book.file_name,
                    sheet=sheets[0].name if len(sheets) == 1 else None,
                    message=(
                        f"Không tìm thấy dòng tiêu đề của {KIND_LABELS[kind]} trong {where} "
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


def _title_cells(sheet: Sheet, header: Header) -> list[str]:
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


def _wards(table: Table, title_ward: str | None, options: ImportOptions, store: Store) -> list[str]:
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
                )
            ],
            table.warnings,
        )
    return result


def _finish(table: Table) -> None:
    if table.errors:
        raise ImportRejected(table.errors, table.warnings)


def _no_records(table: Table, kind: str) -> ImportRejected:
    return ImportRejected(
        [
            Issue(
                file=table.file_name,
                sheet=table.sheet.name,
                row=table.header.data_start + 1,
                message=f"Có dòng tiêu đề nhưng không có dòng dữ liệu {KIND_LABELS[kind]} nào bên dưới.",
            )
        ]
    )


def _numbers(
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
            table.at(index, name, number, error=True)
            out.append(None)
        elif number is not None and not low <= number <= high:
            table.at(
                index,
                name,
                f"giá trị {number:g} ngoài khoảng {low:g}–{high:g}; cần {what}.",
                error=True,
            )
            out.append(None)
        else:
            out.append(number)
    return out


# ==================================================================== roster
def _parse_roster(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = _choose_table(book, "roster", options)
    table = Table.locate(book.file_name, sheet, header, "full_name")
    table.warnings.extend(legacy)
    if not table.rows:
        raise _no_records(table, "roster")
    title = _title_cells(sheet, header)
    # "tính đến ngày …" anywhere in the title block wins over a signing date above it.
    as_of = (
        options.as_of
        or _first(as_of_from_text(t, loose=False) for t in title)
        or _first(as_of_from_text(t) for t in title)
    )
    if as_of is None:
        as_of = dt.date.today()
        table.warnings.append(
            Issue(
                file=book.file_name,
                sheet=sheet.name,
                message=f"Không thấy 'tính đến ngày …' ở khối tiêu đề; coi số liệu tính đến hôm nay {as_of:%d/%m/%Y}.",
            )
        )
    wards = _wards(table, ward_from_title(title), options, store)
    n = len(table.rows)

    names = table.mapped(table.texts("full_name"), norm.person_name)
    births, genders = _births(table)
    if table.has("gender"):
        gender_col = table.mapped(table.texts("gender"), norm.gender)
    elif table.has("gender_male") or table.has("gender_female"):
        gender_col = _marked_gender(table)
    else:
        gender_col = [None] * n
    genders = [g or c for g, c in zip(genders, gender_col, strict=True)]

    units_text = table.texts("unit") if table.has("unit") else [s or "" for s in table.sections]
    units = table.mapped(units_text, norm.unit)
    positions = table.mapped(table.texts("position"), norm.position)
    leaders = table.mapped(positions, norm.is_leader)
    fields_text = table.texts("field")
    fields = table.mapped(fields_text, norm.field)

    education_text = table.texts("education")
    education = table.mapped(education_text, norm.education)
    levels = [e[0] for e in education]
    table.unrecognised(
        "education",
        education_text,
        levels,
        "Tiến sĩ, Thạc sĩ, Đại học (ĐH, Cử nhân, Kỹ sư…), Cao đẳng, Trung cấp, Sơ cấp",
    )
    majors = [e[1] for e in education]
    if table.has("major"):
        separate = table.mapped(table.texts("major"), norm.major_text)
        majors = [s or m for s, m in zip(separate, majors, strict=True)]

    political = _category(
        table,
        "political_theory",
        norm.political_theory,
        "Cử nhân, Cao cấp (CC), Trung cấp (TC), Sơ cấp (SC)",
    )
    state = _category(table, "state_management", norm.state_management, "CVCC, CVC, CV, Cán sự")
    it_skill = _category(
        table, "it_skill", norm.it_skill, "Chứng chỉ A/B/C, Cơ bản, Nâng cao, TC/CĐ/ĐH CNTT"
    )
    language_text = table.texts("foreign_language")
    language = table.mapped(language_text, norm.foreign_language)
    table.unrecognised(
        "foreign_language", language_text, [x[0] for x in language], "A/B/C, bậc 1–6 hoặc A1–C2"
    )
    rank = _category(table, "rank", norm.rank_code, "mã ngạch 01.001–01.005 hoặc tên ngạch")
    party: list[bool | None] = (
        table.mapped(table.texts("party_member"), norm.yes_no)
        if table.has("party_member")
        else [None] * n
    )

    def plain(name: str) -> list[str | None]:
        return [v or None for v in table.texts(name)]

    staff_ids = plain("staff_id")
    _finish(table)
    rows = pa.table(
        {
            "ward": pa.array(wards, pa.string()),
            "as_of": pa.array([as_of] * n, pa.date32()),
            "source_row": pa.array([i + 1 for i in table.rows], pa.int32()),
            "staff_id": pa.array(staff_ids, pa.string()),
            "full_name": pa.array(names, pa.string()),
            "birth_date": pa.array([b.date for b in births], pa.date32()),
            "birth_year": pa.array([b.year for b in births], pa.int32()),
            "gender": pa.array(genders, pa.string()),
            "unit": pa.array(units, pa.string()),
            "position": pa.array(positions, pa.string()),
            "is_leader": pa.array(leaders, pa.bool_()),
            "field": pa.array(fields, pa.string()),
            "education_level": pa.array(levels, pa.string()),
            "major": pa.array(majors, pa.string()),
            "political_theory": pa.array(political, pa.string()),
            "state_management": pa.array(state, pa.string()),
            "it_skill": pa.array(it_skill, pa.string()),
            "foreign_language": pa.array([x[0] for x in language], pa.string()),
            "language_name": pa.array([x[1] for x in language], pa.string()),
            "rank_code": pa.array(rank, pa.string()),
            "party_member": pa.array(party, pa.bool_()),
            "ethnicity": pa.array(plain("ethnicity"), pa.string()),
            "religion": pa.array(plain("religion"), pa.string()),
            "certificates": pa.array(plain("certificates"), pa.string()),
            "staff_type": pa.array(plain("staff_type"), pa.string()),
            "note": pa.array(plain("note"), pa.string()),
        }
    )
    return Parsed(rows, book.file_name, sheet.name, sorted(set(wards)), table.warnings, as_of=as_of)


def _first(values: Any) -> Any:
    return next((v for v in values if v is not None), None)


def _category(table: Table, name: str, func: Any, expected: str) -> list[str | None]:
    texts = table.texts(name)
    values = table.mapped(texts, func)
    table.unrecognised(name, texts, values, expected)
    return values


def _marked_gender(table: Table) -> list[str | None]:
    """Gender from "Giới tính" split into Nam | Nữ columns holding a mark (x)."""
    male = [bool(v) for v in table.texts("gender_male")]
    female = [bool(v) for v in table.texts("gender_female")]
    genders: list[str | None] = []
    for index, (m, f) in enumerate(zip(male, female, strict=True)):
        if m and f:
            table.at(index, "gender_female", "đánh dấu ở cả cột Nam và cột Nữ; chưa rõ giới tính.")
        genders.append("Nam" if m and not f else "Nữ" if f and not m else None)
    return genders


def _births(table: Table) -> tuple[list[Any], list[str | None]]:
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
                index, "birth_female", "ngày sinh ghi ở cả cột Nam và cột Nữ; chưa rõ giới tính."
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
    if any(value.problem for value in cache.values()):
        if table.has("birth_male") or table.has("birth_female"):
            columns = ["birth_male" if g == "Nam" else "birth_female" for g in genders]
        else:
            columns = ["birth"] * n
        for index, value in enumerate(parsed):
            if value.problem:
                table.at(
                    index,
                    columns[index],
                    f"{value.problem}; cần ngày dd/mm/yyyy hoặc năm sinh. Người này vẫn được nhập, ngày sinh để trống.",
                )
    return parsed, genders


def _load_roster(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    # Without an id column, a person's id is derived from ward, name and birth, so it stays the
    # same across snapshots; true duplicates get a suffix in file order and a warning.
    cur.execute(
        """
        create or replace temp table keyed as
        with name_keys as (
            -- name_key once per distinct name or ward, not once per row
            select s, name_key(s) as k from (select full_name as s from incoming union select ward from incoming)
        ),
        src as (
            -- only the columns the id needs; the insert below takes the rest from incoming
            select
                i.source_row, i.ward, i.full_name, i.staff_id, i.birth_date, i.birth_year,
                n.k as full_name_key, w.k as ward_key
            from incoming as i
            left join name_keys as n on n.s = i.full_name
            left join name_keys as w on w.s = i.ward
        )
        select
            source_row,
            full_name,
            full_name_key as name_key,
            base_id,
            row_number() over (partition by ward, base_id order by source_row) as dup
        from (
            select
                i.*,
                coalesce(
                    i.staff_id,
                    -- The same person in an earlier snapshot keeps their id, even when one
                    -- snapshot knows only the birth year.
                    (
                        select min(p.staff_id)
                        from roster_rows as p
                        where p.ward = i.ward
                            and p.name_key = i.full_name_key
                            and (
                                p.birth_date = i.birth_date
                                or (
                                    p.birth_year = i.birth_year
                                    and (p.birth_date is null or i.birth_date is null)
                                )
                            )
                        having count(distinct p.staff_id) = 1
                    ),
                    upper(substr(i.ward_key, 1, 1)) || '-' ||
                    substr(md5(i.ward_key || '|' || i.full_name_key || '|' ||
                        coalesce(cast(i.birth_date as varchar), cast(i.birth_year as varchar), '')), 1, 10)
                ) as base_id
            from src as i
        )
        """
    )
    cur.execute(
        """
        insert into roster_rows
        select
            ? as import_id, i.ward, i.as_of, i.source_row,
            case when k.dup = 1 then k.base_id else k.base_id || '-' || k.dup end as staff_id,
            i.full_name, k.name_key, i.birth_date, i.birth_year, i.gender, i.unit, i.position,
            i.is_leader, i.field, i.education_level, i.major, i.political_theory, i.state_management,
            i.it_skill, i.foreign_language, i.language_name, i.rank_code, i.party_member,
            i.ethnicity, i.religion, i.certificates, i.staff_type, i.note
        from incoming as i
        join keyed as k on k.source_row = i.source_row  -- source_row is unique: one sheet row each
        """,
        [import_id],
    )
    duplicates = cur.execute(
        "select full_name, source_row from keyed where dup > 1 order by source_row"
    ).fetchall()
    cur.execute("drop table keyed")
    cur.unregister("incoming")
    return [
        Issue(
            file=parsed.file_name,
            sheet=parsed.sheet,
            row=int(row),
            message=f"'{name}' trùng họ tên và ngày sinh (hoặc mã CBCC) với một dòng phía trên; kiểm tra có phải một người.",
        )
        for name, row in duplicates
    ]


# ==================================================================== evaluation
_GRADES_EXPECTED = "; ".join(f"{label} ({code})" for code, label in cat.GRADE_LABELS.items())


def _parse_evaluation(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = _choose_table(book, "evaluation", options)
    table = Table.locate(book.file_name, sheet, header, "full_name")
    table.warnings.extend(legacy)
    if not table.rows:
        raise _no_records(table, "evaluation")
    title = _title_cells(sheet, header)
    n = len(table.rows)
    title_year = _first(year_from_text(t) for t in title) or year_from_text(sheet.name)
    default_year = options.year or title_year
    years_raw = table.texts("year") if table.has("year") else [""] * n
    years = table.mapped(years_raw, lambda v: year_from_text(v) if v else default_year)
    if any(y is None for y in years):
        index = years.index(None)
        if table.has("year") and years_raw[index]:
            table.at(
                index,
                "year",
                f"năm '{years_raw[index]}' không hợp lệ; cần năm bốn chữ số (2025).",
                error=True,
            )
        else:
            raise ImportRejected(
                [
                    Issue(
                        file=book.file_name,
                        sheet=sheet.name,
                        message="Không xác định được năm đánh giá: ghi 'NĂM 2025' ở tiêu đề, thêm cột 'Năm', đặt tên trang 'Năm 2025' hoặc chọn năm khi nhập (--year).",
                    )
                ]
            )
    wards = _wards(table, ward_from_title(title), options, store)

    grade_text = table.texts("grade")
    grades = table.mapped(grade_text, norm.grade)
    not_graded = table.mapped(grade_text, norm.is_not_graded)
    for index, (text, grade, skip) in enumerate(zip(grade_text, grades, not_graded, strict=True)):
        if text and grade is None and not skip:
            table.at(
                index,
                "grade",
                f"xếp loại '{text}' không hợp lệ; cần một trong: {_GRADES_EXPECTED}.",
                error=True,
            )
    scores = _numbers(table, "score", 0, 100, "điểm từ 0 đến 100 (NĐ 335/2025)")
    for index, (grade, skip, score) in enumerate(zip(grades, not_graded, scores, strict=True)):
        if grade is None and not skip and not grade_text[index] and score is None:
            table.at(
                index,
                "grade",
                "chưa có xếp loại và điểm; dòng được giữ, không tính vào tỷ lệ xếp loại.",
            )
    on_time = _numbers(table, "on_time_rate", 0, 100, "tỷ lệ phần trăm 0–100", percent=True)
    satisfaction = _numbers(table, "satisfaction", 0, 100, "tỷ lệ phần trăm 0–100", percent=True)
    disciplined = (
        table.mapped(table.texts("disciplined"), lambda v: bool(v) and norm.yes_no(v) is not False)
        if table.has("disciplined")
        else [None] * n
    )

    births, _ = _births(table)
    names = table.mapped(table.texts("full_name"), norm.person_name)
    units = table.mapped(
        table.texts("unit") if table.has("unit") else [s or "" for s in table.sections], norm.unit
    )
    _finish(table)
    rows = pa.table(
        {
            "ward": pa.array(wards, pa.string()),
            "year": pa.array(years, pa.int32()),
            "source_row": pa.array([i + 1 for i in table.rows], pa.int32()),
            "staff_id": pa.array([v or None for v in table.texts("staff_id")], pa.string()),
            "full_name": pa.array(names, pa.string()),
            "birth_date": pa.array([b.date for b in births], pa.date32()),
            "birth_year": pa.array([b.year for b in births], pa.int32()),
            "unit": pa.array(units, pa.string()),
            "grade": pa.array(grades, pa.string()),
            "score": pa.array(scores, pa.float64()),
            "on_time_rate": pa.array(on_time, pa.float64()),
            "satisfaction": pa.array(satisfaction, pa.float64()),
            "disciplined": pa.array(disciplined, pa.bool_()),
            "note": pa.array([v or None for v in table.texts("note")], pa.string()),
        }
    )
    distinct_years = sorted({y for y in years if y})
    return Parsed(
        rows,
        book.file_name,
        sheet.name,
        sorted(set(wards)),
        table.warnings,
        year=distinct_years[0] if len(distinct_years) == 1 else None,
    )


def _load_evaluation(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    # Match by id, else by name + birth date, else name + birth year, else a name unique in the ward.
    cur.execute(
        """
        insert into evaluation_rows
        with people as (
            select distinct ward, staff_id, name_key, birth_date, birth_year from roster_rows
        ),
        src as (
            select *, name_key(full_name) as nk from incoming
        ),
        by_id as (
            select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
            from src as s join people as p on p.ward = s.ward and p.staff_id = s.staff_id
            group by s.source_row
        ),
        by_date as (
            select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
            from src as s join people as p
                on p.ward = s.ward and p.name_key = s.nk and p.birth_date = s.birth_date
            group by s.source_row
        ),
        by_year as (
            select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
            from src as s join people as p
                on p.ward = s.ward and p.name_key = s.nk
                and p.birth_year = s.birth_year
                -- a year matches when either side knows only the year, never two dates
                and (s.birth_date is null or p.birth_date is null)
            group by s.source_row
        ),
        by_name as (
            select s.source_row, min(p.staff_id) as staff_id, count(distinct p.staff_id) as n
            from src as s join people as p on p.ward = s.ward and p.name_key = s.nk
            where s.birth_year is null
            group by s.source_row
        )
        select
            ? as import_id, s.ward, s.year, s.source_row,
            case
                when i.n = 1 then i.staff_id
                when d.n = 1 then d.staff_id
                when y.n = 1 then y.staff_id
                when nm.n = 1 then nm.staff_id
            end as staff_id,
            case
                when i.n = 1 then 'id'
                when d.n = 1 then 'name_birth_date'
                when y.n = 1 then 'name_birth_year'
                when nm.n = 1 then 'name_only'
                when greatest(d.n, y.n, nm.n) > 1 then 'ambiguous'
                else 'unmatched'
            end as match_method,
            s.full_name, s.nk, s.birth_date, s.birth_year, s.unit, s.grade, s.score,
            s.on_time_rate, s.satisfaction, s.disciplined, s.note
        from src as s
        left join by_id as i using (source_row)
        left join by_date as d using (source_row)
        left join by_year as y using (source_row)
        left join by_name as nm using (source_row)
        """,
        [import_id],
    )
    cur.unregister("incoming")
    problems = cur.execute(
        """
        select source_row, full_name, match_method
        from evaluation_rows
        where import_id = ? and match_method in ('unmatched', 'ambiguous', 'name_only')
        order by source_row
        """,
        [import_id],
    ).fetchall()
    messages = {
        "unmatched": "không tìm thấy '{name}' trong danh sách cán bộ của phường (theo mã, họ tên và ngày/năm sinh); dòng được lưu nhưng chưa gắn với ai.",
        "ambiguous": "'{name}' khớp với nhiều người trong danh sách; dòng được lưu nhưng chưa gắn với ai, cần thêm mã CBCC hoặc ngày sinh.",
        "name_only": "'{name}' chỉ khớp theo họ tên (tệp không có ngày sinh); kiểm tra lại.",
    }
    return [
        Issue(
            file=parsed.file_name,
            sheet=parsed.sheet,
            row=int(row),
            message=messages[method].format(name=name),
        )
        for row, name, method in problems
    ]


# ==================================================================== plan
def _parse_plan(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = _choose_table(book, "plan", options)
    table = Table.locate(book.file_name, sheet, header, "title")
    table.warnings.extend(legacy)
    codes_text = table.texts("task_code")
    keep = [i for i, code in enumerate(codes_text) if code and not re.fullmatch(r"[IVX]+\.?", code)]
    if not keep:
        raise _no_records(table, "plan")
    title_cells = _title_cells(sheet, header)
    wards = _wards(table, ward_from_title(title_cells), options, store)
    codes: list[str] = []
    parent = ""
    for i in keep:
        code = norm.task_code(codes_text[i])
        if re.fullmatch(r"\d+(\.\d+)*", code):
            parent = code
        elif re.fullmatch(r"[a-z]", code) and parent:
            code = parent + code
        codes.append(code)
    seen: dict[str, int] = {}
    for pos, (i, code) in enumerate(zip(keep, codes, strict=True)):
        if code in seen:
            table.at(
                i, "task_code", f"mã nhiệm vụ '{code}' trùng với dòng {seen[code]}.", error=True
            )
        seen.setdefault(code, table.row_number(i))
        del pos

    def pick(name: str) -> list[str | None]:
        values = table.texts(name)
        return [values[i] or None for i in keep]

    deadlines_text = pick("deadline")
    deadlines = [parse_deadline(t or "") for t in deadlines_text]
    _finish(table)
    rows = pa.table(
        {
            "ward": pa.array([wards[i] for i in keep], pa.string()),
            "source_row": pa.array([table.row_number(i) for i in keep], pa.int32()),
            "sort_order": pa.array(list(range(1, len(keep) + 1)), pa.int32()),
            "task_code": pa.array(codes, pa.string()),
            "title": pa.array(pick("title"), pa.string()),
            "lead_unit": pa.array(pick("lead_unit"), pa.string()),
            "coordinating_units": pa.array(pick("coordinating_units"), pa.string()),
            "deadline_text": pa.array(deadlines_text, pa.string()),
            "due_date": pa.array([d.due_date for d in deadlines], pa.date32()),
            "recurring": pa.array([d.recurring for d in deadlines], pa.bool_()),
            "deliverable": pa.array(pick("deliverable"), pa.string()),
            "accountable": pa.array(pick("accountable"), pa.string()),
            "authority": pa.array(pick("authority"), pa.string()),
            "assignee": pa.array(pick("assignee"), pa.string()),
        }
    )
    return Parsed(rows, book.file_name, sheet.name, sorted(set(wards)), table.warnings)


def _load_plan(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    cur.execute(
        """
        insert into plan_task_rows
        select ? as import_id, ward, source_row, sort_order, task_code, title, lead_unit,
               coordinating_units, deadline_text, due_date, recurring, deliverable, accountable,
               authority, assignee
        from incoming
        """,
        [import_id],
    )
    cur.unregister("incoming")
    return []


# ==================================================================== progress
def _parse_progress(book: Workbook, options: ImportOptions, store: Store) -> Parsed:
    sheet, header, legacy = _choose_table(book, "progress", options)
    table = Table.locate(book.file_name, sheet, header, "task_code")
    table.warnings.extend(legacy)
    if not table.rows:
        raise _no_records(table, "progress")
    wards = _wards(table, ward_from_title(_title_cells(sheet, header)), options, store)
    codes = table.mapped(table.texts("task_code"), norm.task_code)
    known = {
        (w, c) for w, c in store.execute("select distinct ward, task_code from plan_task_rows")
    }
    for index, (ward, code) in enumerate(zip(wards, codes, strict=True)):
        if (ward, code) not in known:
            hint = (
                ""
                if any(w == ward for w, _ in known)
                else " Hãy nhập tệp kế hoạch của phường trước."
            )
            table.at(
                index,
                "task_code",
                f"nhiệm vụ '{code}' không có trong kế hoạch của {ward}.{hint}",
                error=True,
            )
    dates_raw = table.raw("report_date")
    dates = []
    for index, value in enumerate(dates_raw):
        parsed = parse_date(value)
        if parsed.date is None:
            shown = cell_text(value) or "(trống)"
            table.at(
                index,
                "report_date",
                f"ngày báo cáo '{shown}' không hợp lệ; cần ngày dd/mm/yyyy.",
                error=True,
            )
        dates.append(parsed.date)
    status_text = table.texts("status")
    statuses = table.mapped(status_text, norm.plan_status)
    for index, (text, status) in enumerate(zip(status_text, statuses, strict=True)):
        if status is None:
            table.at(
                index,
                "status",
                f"tình trạng '{text}' không hợp lệ; cần một trong: {', '.join(cat.PLAN_STATUSES)}.",
                error=True,
            )
    percent = _numbers(table, "percent", 0, 100, "tỷ lệ phần trăm 0–100", percent=True)
    _finish(table)
    rows = pa.table(
        {
            "ward": pa.array(wards, pa.string()),
            "task_code": pa.array(codes, pa.string()),
            "report_date": pa.array(dates, pa.date32()),
            "status": pa.array(statuses, pa.string()),
            "percent": pa.array(percent, pa.float64()),
            "deliverable": pa.array([v or None for v in table.texts("deliverable")], pa.string()),
            "note": pa.array([v or None for v in table.texts("note")], pa.string()),
            "reported_by": pa.array([v or None for v in table.texts("reported_by")], pa.string()),
            "source_row": pa.array([i + 1 for i in table.rows], pa.int32()),
        }
    )
    return Parsed(rows, book.file_name, sheet.name, sorted(set(wards)), table.warnings)


def _load_progress(cur: Any, import_id: int, parsed: Parsed) -> list[Issue]:
    cur.register("incoming", parsed.rows)
    cur.execute(
        """
        insert into progress_reports
            (import_id, ward, task_code, report_date, status, percent, deliverable, note,
             reported_by, source_row)
        select ?, ward, task_code, report_date, status, percent, deliverable, note, reported_by,
               source_row
        from incoming
        """,
        [import_id],
    )
    cur.unregister("incoming")
    return []


_PARSERS = {
    "roster": _parse_roster,
    "evaluation": _parse_evaluation,
    "plan": _parse_plan,
    "progress": _parse_progress,
}
_LOADERS = {
    "roster": _load_roster,
    "evaluation": _load_evaluation,
    "plan": _load_plan,
    "progress": _load_progress,
}

__all__ = [
    "KINDS",
    "ImportOptions",
    "ImportResult",
    "UndoRefused",
    "Undone",
    "find_header",
    "import_bytes",
    "import_file",
    "undo_import",
]
