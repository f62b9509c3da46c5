"""Hand-written rows for query tests: insert people, evaluations, tasks straight into the tables
(the importers are tested on their own), so each test states its data and its expected numbers.

As an import does, each helper ends by rebuilding the marts (analytics.marts) in a transaction;
a test that edits a table by hand calls ``refresh`` after it."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from analytics import marts
from analytics.store import Store

_ids = itertools.count(1000)


def refresh(store: Store) -> None:
    """Rebuild the derived facts, as every import, undo and standards edit does."""
    with store.transaction() as cur:
        marts.refresh(cur)


ROSTER_DEFAULTS: dict[str, Any] = {
    "birth_date": None,
    "birth_year": 1985,
    "gender": "Nam",
    "unit": "Phòng Văn hóa – Xã hội",
    "position": "Chuyên viên",
    "is_leader": False,
    "field": "Văn hóa – Xã hội",
    "education_level": "Đại học",
    "major": "Văn hóa",
    "political_theory": "Trung cấp",
    "state_management": "Chuyên viên",
    "it_skill": None,
    "foreign_language": None,
    "language_name": None,
    "rank_code": "01.003",
    "party_member": False,
    "ethnicity": "Kinh",
    "religion": "Không",
    "certificates": None,
    "staff_type": None,
    "note": None,
    "post_since": None,
    "post_since_estimated": None,
    "status": None,
    "child_birth": None,
}


def _import_row(store: Store, kind: str, **extra: Any) -> int:
    import_id = next(_ids)
    store.execute(
        """
        insert into imports (import_id, kind, file_name, sha256, size_bytes, file_format,
                             rows_imported, original, as_of, year)
        values (?, ?, ?, ?, 0, 'xlsx', 0, ''::blob, ?, ?)
        """,
        [
            import_id,
            kind,
            f"{kind}-{import_id}.xlsx",
            f"sha-{import_id}",
            extra.get("as_of"),
            extra.get("year"),
        ],
    )
    return import_id


def add_roster(
    store: Store,
    people: list[dict[str, Any]],
    *,
    as_of: dt.date = dt.date(2026, 9, 30),
    ward: str = "Phường Thử",
) -> int:
    """One snapshot. Each person needs ``staff_id`` and ``full_name``; the rest defaults."""
    import_id = _import_row(store, "roster", as_of=as_of)
    for row_no, person in enumerate(people, start=10):
        values = {**ROSTER_DEFAULTS, **person}
        if values["birth_date"] is not None:
            values["birth_year"] = values["birth_date"].year
        columns = [
            "import_id",
            "ward",
            "as_of",
            "source_row",
            "name_key",
            *ROSTER_DEFAULTS,
            "staff_id",
            "full_name",
        ]
        store.execute(
            f"insert into roster_rows ({', '.join(columns)}) values "
            f"(?, ?, ?, ?, name_key(?), {', '.join('?' for _ in ROSTER_DEFAULTS)}, ?, ?)",
            [
                import_id,
                ward,
                as_of,
                row_no,
                values["full_name"],
                *(values[k] for k in ROSTER_DEFAULTS),
                values["staff_id"],
                values["full_name"],
            ],
        )
    refresh(store)
    return import_id


def add_evaluations(store: Store, rows: list[dict[str, Any]], *, ward: str = "Phường Thử") -> int:
    """Each row: staff_id, year, grade, and optionally score, on_time_rate, satisfaction."""
    import_id = _import_row(store, "evaluation")
    for row_no, row in enumerate(rows, start=10):
        store.execute(
            """
            insert into evaluation_rows (import_id, ward, year, source_row, staff_id, match_method,
                                         full_name, grade, score, on_time_rate, satisfaction)
            values (?, ?, ?, ?, ?, 'id', ?, ?, ?, ?, ?)
            """,
            [
                import_id,
                ward,
                row["year"],
                row_no,
                row.get("staff_id"),
                row.get("full_name"),
                row.get("grade"),
                row.get("score"),
                row.get("on_time_rate"),
                row.get("satisfaction"),
            ],
        )
    refresh(store)
    return import_id


def add_plan(store: Store, tasks: list[dict[str, Any]], *, ward: str = "Phường Thử") -> int:
    """Each task: task_code, title, and optionally lead_unit, due_date, recurring, deliverable,
    accountable, authority, deadline_text."""
    import_id = _import_row(store, "plan")
    for order, task in enumerate(tasks, start=1):
        store.execute(
            """
            insert into plan_task_rows (import_id, ward, source_row, sort_order, task_code, title,
                lead_unit, coordinating_units, deadline_text, due_date, recurring, deliverable,
                accountable, authority, assignee)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                import_id,
                ward,
                order + 6,
                order,
                task["task_code"],
                task["title"],
                task.get("lead_unit"),
                task.get("coordinating_units"),
                task.get("deadline_text"),
                task.get("due_date"),
                task.get("recurring", False),
                task.get("deliverable"),
                task.get("accountable"),
                task.get("authority"),
                task.get("assignee"),
            ],
        )
    refresh(store)
    return import_id


def add_progress(store: Store, reports: list[dict[str, Any]], *, ward: str = "Phường Thử") -> None:
    """Each report: task_code, report_date, status, and optionally percent."""
    for report in reports:
        store.execute(
            """
            insert into progress_reports (ward, task_code, report_date, status, percent, reported_by)
            values (?, ?, ?, ?, ?, 'kiểm thử')
            """,
            [
                ward,
                report["task_code"],
                report["report_date"],
                report["status"],
                report.get("percent"),
            ],
        )
    refresh(store)
