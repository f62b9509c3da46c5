"""``python -m analytics sql`` only reads the database: it writes no file, reads no file outside
it, changes no setting, loads no extension and changes no row. A refusal exits 1, says so in
Vietnamese with DuckDB's reason, and ends stdout with ``{"status": "refused", ...}``."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from analytics.cli import SQL_READ_ONLY, main
from analytics.store import Store

OTHER_BYTES = b"another file that must stay as it is\n"

# id -> the query; {tmp} is the test's folder (the database, ngoai.csv), {other} an existing
# file beside the database
REFUSED = {
    "copy-to-a-new-file": "COPY (select 1) TO '{tmp}/x.csv'",
    "copy-over-another-file": "COPY staff TO '{other}'",
    "copy-as-parquet": "COPY staff TO '{tmp}/x.parquet' (FORMAT parquet)",
    "read-csv": "select * from read_csv('/etc/passwd')",
    "read-a-file-by-name": "select * from '{tmp}/ngoai.csv'",
    "read-text": "select * from read_text('/etc/passwd')",
    "read-blob": "select * from read_blob('/etc/passwd')",
    "glob": "select * from glob('/etc/*')",
    "read-over-the-network": "select * from read_json_auto('https://example.com/x.json')",
    "attach": "attach '{tmp}/y.duckdb' as y",
    "set-threads": "set threads = 1",
    "set-external-access": "set enable_external_access = true",
    "reset-external-access": "reset enable_external_access",
    "pragma-profiling": "pragma enable_profiling",
    "install-extension": "install httpfs",
    "load-extension": "load httpfs",
    "export-database": "export database '{tmp}/dir'",
    "create-table": "create table x as select 1",
    "insert": "insert into settings (key, value, label) values ('x', 1, 'x')",
    "update": "update settings set value = value + 1",
    "delete": "delete from imports",
    "drop": "drop table settings",
    "a-write-after-a-read": "select 1; delete from imports",
}


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "cbcc.duckdb"
    shutil.copyfile(demo_db, copy)
    (tmp_path / "khac.duckdb").write_bytes(OTHER_BYTES)
    (tmp_path / "ngoai.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    return copy


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def last_json(out: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return payload


def folder_contents(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` -> a hash of its bytes."""
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return {
            table: store.execute(f"select count(*) from {table}")[0][0]
            for table in ("staff", "settings", "imports", "roster_rows")
        }


@pytest.mark.parametrize("query", REFUSED.values(), ids=REFUSED.keys())
def test_a_query_that_writes_reaches_a_file_or_changes_a_setting_is_refused(
    capsys: pytest.CaptureFixture[str], db: Path, query: str
) -> None:
    tmp = db.parent
    before = folder_contents(tmp)
    rows_before = counts(db)
    sql = query.format(tmp=tmp, other=tmp / "khac.duckdb")
    code, out, err = run(capsys, "sql", sql, "--db", str(db))
    assert code == 1
    assert SQL_READ_ONLY in err
    assert "Lý do: " in err  # DuckDB's own reason follows
    assert last_json(out)["status"] == "refused"
    assert SQL_READ_ONLY in last_json(out)["message"]
    assert len(out.strip().splitlines()) == 1  # no rows were printed before the refusal
    assert folder_contents(tmp) == before  # no file made, none changed (the database neither)
    assert (tmp / "khac.duckdb").read_bytes() == OTHER_BYTES
    assert not (tmp / "x.csv").exists()
    assert not (tmp / "y.duckdb").exists()
    assert not (tmp / "dir").exists()
    assert counts(db) == rows_before


def test_a_query_with_a_mistake_is_an_error_not_a_refusal(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    code, out, err = run(capsys, "sql", "select * from no_such_table", "--db", str(db))
    assert code == 1
    assert err.startswith("Lỗi truy vấn")
    assert SQL_READ_ONLY not in err
    payload = last_json(out)
    assert payload["status"] == "error"
    assert "no_such_table" in payload["message"]


def test_counting_staff_prints_csv_with_no_status_line(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    with Store(db, read_only=True) as store:
        (expected,) = store.execute("select count(*) from staff")[0]
    assert expected > 0
    code, out, err = run(capsys, "sql", "select count(*) as n from staff", "--db", str(db))
    assert code == 0
    assert err == ""
    assert out == f"n\n{expected}\n"


def test_json_format_prints_only_the_array(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    query = "select staff_id, full_name from staff order by staff_id limit 2"
    code, out, _ = run(capsys, "sql", query, "--db", str(db), "--format", "json")
    assert code == 0
    rows = json.loads(out)  # the whole output is one JSON array
    assert [sorted(r) for r in rows] == [["full_name", "staff_id"]] * 2
    assert rows[0]["staff_id"] < rows[1]["staff_id"]


def test_a_join_over_views_still_works(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    query = (
        "select s.unit, count(*) as n "
        "from staff as s join staff_evaluations as e using (staff_id) "
        "group by s.unit order by s.unit"
    )
    with Store(db, read_only=True) as store:
        expected = [[unit, str(n)] for unit, n in store.execute(query)]
    assert expected
    before = folder_contents(db.parent)
    code, out, _ = run(capsys, "sql", query, "--db", str(db))
    assert code == 0
    assert list(csv.reader(io.StringIO(out))) == [["unit", "n"], *expected]
    assert folder_contents(db.parent) == before
