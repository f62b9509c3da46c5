"""The one owner of database connections: migrations, transactions, parameterised queries."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import resources
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from analytics import marts

DEFAULT_DB = Path(__file__).resolve().parent.parent / "data" / "analytics.duckdb"
Params = Sequence[Any] | dict[str, Any] | None

# Every connection is locked: SQL can reach only the database itself — no file read or written
# (COPY … TO, read_csv, ATTACH, EXPORT), no extension installed or loaded, no setting changed
# (``lock_configuration``, set right after the time zone below). Imports hand rows over as Arrow
# tables (``register``), which this still allows.
LOCKED_CONFIG: dict[str, Any] = {
    "enable_external_access": False,
    "autoload_known_extensions": False,
    "autoinstall_known_extensions": False,
    "allow_community_extensions": False,
}
# Stored times are UTC whatever the server's clock zone (``current_timestamp`` into a
# ``timestamp`` column follows it); screens show Vietnam time (analytics.audit.vietnam_time).
_LOCK = ("load icu", "set global TimeZone = 'UTC'", "set global lock_configuration = true")


class DatabaseBusy(Exception):
    """Another process holds the DuckDB file (DuckDB allows one writer process at a time)."""

    def __init__(self, path: str, reason: str) -> None:
        holder = re.search(r"PID (\d+)", reason)
        by = f" (tiến trình số {holder[1]})" if holder else ""
        self.message = (
            f"Cơ sở dữ liệu {path} đang được một tiến trình khác sử dụng{by}, ví dụ bảng điều "
            "khiển đang chạy hoặc một lệnh khác. Hãy chạy lại khi tiến trình đó đã dừng, hoặc "
            "chạy trên một bản sao của tệp."
        )
        super().__init__(self.message)


def default_db_path() -> Path:
    """ANALYTICS_DB if set, else data/analytics.duckdb."""
    return Path(os.environ.get("ANALYTICS_DB") or DEFAULT_DB)


def _migrations() -> list[tuple[int, str, str]]:
    found = []
    for entry in resources.files("analytics.migrations").iterdir():
        if entry.name.endswith(".sql") and entry.name[:3].isdigit():
            found.append((int(entry.name[:3]), entry.name, entry.read_text(encoding="utf-8")))
    return sorted(found)


def _sql_file(name: str) -> str:
    return resources.files("analytics.sql").joinpath(name).read_text(encoding="utf-8")


def _sync_categories(cur: duckdb.DuckDBPyConnection) -> None:
    """Copy the category orders of analytics.categories (their one source) into tables SQL joins."""
    from analytics import categories as cat

    cur.execute(
        "create table if not exists category_levels (category varchar, value varchar, rank integer)"
    )
    cur.execute(
        "create table if not exists criteria (criterion varchar, label varchar, sort_order integer)"
    )
    cur.execute("delete from category_levels")
    cur.execute("delete from criteria")
    levels = [
        (category, value, rank)
        for category, ranks in cat.LEVEL_RANKS.items()
        for value, rank in ranks.items()
    ]
    cur.executemany("insert into category_levels values (?, ?, ?)", levels)
    cur.execute(
        "create table if not exists major_groups (group_name varchar, keyword varchar, sort_order integer)"
    )
    cur.execute("delete from major_groups")
    cur.executemany(
        "insert into major_groups values (?, ?, ?)",
        [(group, kw, i) for i, (group, keywords) in enumerate(cat.MAJOR_GROUPS) for kw in keywords],
    )
    cur.executemany(
        "insert into criteria values (?, ?, ?)",
        [(key, label, i) for i, (key, label) in enumerate(cat.CRITERIA.items())],
    )


class Store:
    """A DuckDB file. ``execute``/``df`` take SQL with parameters; values never go into SQL text.

    >>> store = Store(":memory:")
    >>> store.df("select count(*) as n from staff")["n"][0]
    0
    """

    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        if not read_only and self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        if read_only and not Path(self.path).exists():
            raise FileNotFoundError(f"Không tìm thấy cơ sở dữ liệu: {self.path}")
        try:
            self._conn = duckdb.connect(self.path, read_only=read_only, config=dict(LOCKED_CONFIG))
        except duckdb.IOException as exc:
            if "Could not set lock" in str(exc) or "Conflicting lock" in str(exc):
                raise DatabaseBusy(self.path, str(exc)) from exc
            raise
        locked = self._conn.execute("select current_setting('lock_configuration')").fetchone()
        if not (locked and locked[0]):  # a second connection to a file this process has open
            for statement in _LOCK:
                self._conn.execute(statement)
        self._lock = threading.RLock()
        if not read_only:
            self.migrate()

    # ---------------------------------------------------------------- schema
    def migrate(self) -> list[int]:
        """Apply the numbered migrations not applied yet, then recreate the views."""
        with self._lock:
            self._conn.execute(
                "create table if not exists schema_migrations "
                "(version integer primary key, name varchar, applied_at timestamp default current_timestamp)"
            )
            done = {
                row[0]
                for row in self._conn.execute("select version from schema_migrations").fetchall()
            }
            applied = []
            for version, name, sql in _migrations():
                if version in done:
                    continue
                with self.transaction() as cur:
                    cur.execute(sql)
                    cur.execute(
                        "insert into schema_migrations (version, name) values (?, ?)",
                        [version, name],
                    )
                applied.append(version)
            with self.transaction() as cur:
                _sync_categories(cur)
                cur.execute(_sql_file("staging.sql"))
                marts.install(cur)
                cur.execute(_sql_file("views.sql"))
            return applied

    def schema_version(self) -> int:
        row = self._conn.execute(
            "select coalesce(max(version), 0) from schema_migrations"
        ).fetchone()
        return int(row[0]) if row else 0

    # ---------------------------------------------------------------- access
    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor for this thread (DuckDB connections are not shared between threads)."""
        return self._conn.cursor()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: commits when the block ends, rolls back on any exception."""
        with self._lock:
            cur = self._conn.cursor()
            cur.execute("begin transaction")
            try:
                yield cur
            except BaseException:
                cur.execute("rollback")
                raise
            else:
                cur.execute("commit")
            finally:
                cur.close()

    def execute(self, sql: str, params: Params = None) -> list[tuple[Any, ...]]:
        with self.cursor() as cur:
            return cur.execute(sql, params).fetchall()

    def df(self, sql: str, params: Params = None) -> pd.DataFrame:
        with self.cursor() as cur:
            return cur.execute(sql, params).df()

    def setting(self, key: str) -> float:
        """A value of the editable ``settings`` table (each row names its source)."""
        rows = self.execute("select value from settings where key = ?", [key])
        if not rows:
            raise KeyError(f"settings has no {key!r}")
        return float(rows[0][0])

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
