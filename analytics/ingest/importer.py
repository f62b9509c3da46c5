"""Importing one file of one kind: read, locate, normalise, validate, then load in one transaction.

An import is all or nothing: any error rejects the whole file and the database stays as it was.
The same bytes imported twice change nothing. Accepted originals are kept in ``imports``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyarrow as pa

from analytics import marts
from analytics.ingest import kinds
from analytics.ingest.headers import find_header
from analytics.ingest.issues import ImportRejected, Issue
from analytics.ingest.kinds import KINDS, ImportOptions, Parsed
from analytics.ingest.readers import Workbook, read_workbook
from analytics.policy import Action, PermissionDenied
from analytics.scope import OPERATOR, Account
from analytics.store import Store


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
    # A roster's summary against each ward's current list: joined, left, changed, with names.
    changes: dict[str, Any] | None = None
    # An evaluation file's period when it holds one ("Tháng 12/2025", "Quý IV/2025").
    period: str | None = None

    @property
    def ok(self) -> bool:
        return self.status != "rejected"

    def message(self) -> str:
        """One Vietnamese sentence for the user."""
        label = kinds.label(self.kind)
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
            "period": self.period,
            "message": self.message(),
            "errors": [issue(i) for i in self.errors],
            "warnings": [issue(i) for i in self.warnings],
            **({"changes": self.changes} if self.changes is not None else {}),
        }


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
        issue = Issue(
            file=path.name, message=f"Không đọc được tệp ({exc.strerror}).", code="FILE_UNREADABLE"
        )
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
        detail=f"{kinds.label(kind)}: {file_name}",
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
    spec = kinds.get(kind)
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
        parsed = spec.parse(book, options, store)
        others = sorted(set(parsed.wards) - {own_ward}) if own_ward else []
        if others:
            message = (
                f"tệp có dữ liệu của {', '.join(others)}; tài khoản này chỉ được nhập dữ liệu "
                f"của {own_ward}."
            )
            raise ImportRejected([Issue(file=file_name, message=message, code="WARD_NOT_ALLOWED")])
        result = ImportResult(
            "validated" if options.dry_run else "imported",
            kind,
            file_name,
            rows_imported=parsed.rows.num_rows,
            warnings=[*book.warnings, *parsed.warnings],  # reading's notes, then the kind's
            sheet=parsed.sheet,
            wards=parsed.wards,
            as_of=parsed.as_of,
            year=parsed.year,
            preview=parsed.rows.slice(0, 200),
            period=parsed.extra.get("period"),
        )
        with store.transaction() as cur:
            if undone_id is not None:  # the same file again after an undo: it comes back
                import_id = _reuse_import(cur, undone_id, parsed, result, options)
            else:
                import_id = _insert_import(cur, kind, data, sha256, book, parsed, result, options)
            extra = spec.load(cur, import_id, parsed)
            result.warnings.extend(extra)
            result.changes = parsed.extra.get("changes")
            cur.execute(
                "update imports set warnings = ? where import_id = ?",
                [json.dumps([w.as_dict() for w in result.warnings], ensure_ascii=False), import_id],
            )
            if options.dry_run:
                raise _DryRun(result)
            marts.refresh(cur, wards=touched_wards(cur, import_id))
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


ROW_TABLES = (
    "roster_rows",
    "evaluation_rows",
    "plan_task_rows",
    "progress_reports",
    "training_records",
)


def touched_wards(cur: Any, import_id: int) -> list[str]:
    """The wards whose rows an import brought (read from the rows themselves): the marts'
    rows of these wards, and only these, follow the import or its undo."""
    union = " union ".join(
        f"select ward from {table} where import_id = $id" for table in ROW_TABLES
    )
    return sorted(str(r[0]) for r in cur.execute(union, {"id": import_id}).fetchall() if r[0])


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
            f"{kinds.label(self.kind)}): gỡ {self.rows_removed} dòng; dữ liệu trở lại như trước lần "
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
        touched = touched_wards(cur, import_id)
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
        marts.refresh(cur, wards=touched)
    done = Undone(import_id, str(kind), str(file_name), removed)
    audit.record(
        store, actor.username, actor.role, "undo_import", detail=done.message(), address=address
    )
    return done


__all__ = [
    "KINDS",
    "ImportOptions",
    "ImportResult",
    "Parsed",
    "UndoRefused",
    "Undone",
    "find_header",
    "import_bytes",
    "import_file",
    "undo_import",
]
