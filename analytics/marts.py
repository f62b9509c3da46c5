"""Facts computed once per data change, not per click.

The layers (STYLE.md): ``sql/staging.sql`` reads one source each; ``sql/marts/<name>.sql``
defines ``int_<name>``, the rules that derive a fact (a person's age and age band at the snapshot
date, the major group, each person × criterion check with its reason, the annual evaluation, the
review list, each plan task's latest reported status); this module keeps each as a table ``mart_<name>``; ``sql/views.sql`` publishes
them under the names of the README (``people``, ``placement_checks``, ``evaluations``,
``review_list``, ``plan_tasks``).

The tables are rebuilt inside the transaction of every write that changes what they derive
from (an import, an undo, a standards edit, a progress report: ``refresh``), so a reader never sees a mart older
than its sources. ``install`` also rebuilds them when the rules changed since they were built
(new SQL, new category orders) or their inputs were edited outside the application (rows,
settings, fields, standards): a fingerprint of both is kept in ``mart_state``.
"""

from __future__ import annotations

import hashlib
from importlib import resources

import duckdb

from analytics.names import name_order

# Dependency order: each mart reads only sources and the marts before it.
MARTS = ("people", "retirement", "placement_checks", "evaluations", "review_list", "plan_tasks")
# How each table is laid out on disk: by ward first, so a ward's rows sit together and DuckDB's
# zone maps skip the others when a query filters by ward.
_ORDER = {
    "people": "ward, as_of, import_id, source_row",
    "retirement": "ward, import_id, source_row",
    "placement_checks": "ward, as_of, staff_id, criterion_order, standard_id",
    "evaluations": "ward, staff_id, year",
    "review_list": "ward, staff_id, reason_code",
    "plan_tasks": "ward, sort_order",
}
# Every table the rules read: an edit outside the application (a hand-run SQL update) is caught
# on the next open. Hashing 212,000 roster rows takes about 60 ms.
_INPUTS = (
    "roster_rows",
    "evaluation_rows",
    "imports",
    "settings",
    "fields",
    "standards",
    "category_levels",
    "major_groups",
    "criteria",
    "plan_task_rows",
    "progress_reports",
    "age_bands",
    "grade_rules",
    "review_triggers",
    "review_exclusions",
    "retirement_roadmap",
)


def sql(name: str) -> str:
    """The rule view of a mart; ``{{name_order}}`` is the Vietnamese name key of ``full_name``
    (``names.name_order``), kept as the column ``name_sort`` so lists sort without computing it."""
    text = (
        resources.files("analytics.sql").joinpath(f"marts/{name}.sql").read_text(encoding="utf-8")
    )
    return text.replace("{{name_order}}", name_order("a.full_name"))


def _fingerprint(cur: duckdb.DuckDBPyConnection) -> str:
    digest = hashlib.sha256()
    for name in MARTS:
        digest.update(sql(name).encode())
    for table in _INPUTS:
        row = cur.execute(
            f"select count(*), coalesce(bit_xor(hash(t)), 0) from {table} as t"
        ).fetchone()
        digest.update(f"{table}:{row}".encode())
    return digest.hexdigest()


def _build(cur: duckdb.DuckDBPyConnection, name: str) -> None:
    cur.execute(
        f"create or replace table mart_{name} as select * from int_{name} order by {_ORDER[name]}"
    )


def _stored(cur: duckdb.DuckDBPyConnection) -> str | None:
    row = cur.execute("select value from mart_state where key = 'fingerprint'").fetchone()
    return str(row[0]) if row else None


def _remember(cur: duckdb.DuckDBPyConnection, fingerprint: str) -> None:
    cur.execute("insert or replace into mart_state values ('fingerprint', ?)", [fingerprint])


def install(cur: duckdb.DuckDBPyConnection) -> bool:
    """Create the rule views and the mart tables; rebuild the tables when missing or stale.
    Returns whether they were rebuilt. Runs on every read-write open, after staging.sql."""
    cur.execute("create table if not exists mart_state (key varchar primary key, value varchar)")
    existing = {
        row[0]
        for row in cur.execute(
            "select table_name from duckdb_tables() where table_name like 'mart_%'"
        ).fetchall()
    }
    fingerprint = _fingerprint(cur)  # the marts are not among its inputs: building keeps it
    stale = any(f"mart_{name}" not in existing for name in MARTS) or _stored(cur) != fingerprint
    for name in MARTS:  # in order: each rule view binds to the marts built before it
        cur.execute(sql(name))
        if stale:
            _build(cur, name)
    if stale:
        _remember(cur, fingerprint)
    return stale


def refresh(
    cur: duckdb.DuckDBPyConnection,
    only: tuple[str, ...] = MARTS,
    wards: list[str] | None = None,
) -> None:
    """Rebuild the marts (every one, or ``only`` those that a write touched: a progress report
    changes ``plan_tasks`` alone) from their sources, inside the caller's transaction (an import,
    an undo, a standards edit, a progress report).

    ``wards``: the write touched only these wards' rows (an import or an undo of their files),
    so only their rows are replaced; every fact of a mart belongs to one ward. At national scale
    (212,000 people) rebuilding every mart takes about 4 s, one ward's rows about 1 s."""
    for name in MARTS:
        if name not in only:
            continue
        if wards is None:
            _build(cur, name)
            continue
        cur.execute(f"delete from mart_{name} where list_contains($wards, ward)", {"wards": wards})
        cur.execute(
            f"insert into mart_{name} select * from int_{name} "
            f"where list_contains($wards, ward) order by {_ORDER[name]}",
            {"wards": wards},
        )
    _remember(cur, _fingerprint(cur))
