"""Undo of an import: the data returns to its state before it, the original stays, and the same
file can be imported again."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest

from analytics import audit, queries
from analytics.cli import main
from analytics.ingest.importer import UndoRefused, import_file, undo_import
from analytics.policy import PermissionDenied
from analytics.scope import Account, Scope
from analytics.store import Store


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "undo.duckdb"
    shutil.copy(demo_db, copy)
    return copy


def _import_id(store: Store, file_name: str) -> int:
    return int(
        store.execute("select import_id from imports where file_name = ?", [file_name])[0][0]
    )


def test_undoing_the_latest_roster_brings_back_the_one_before(db: Path) -> None:
    with Store(db) as store:
        before = queries.overview(store, Scope(), today=dt.date(2026, 12, 1))
        assert (before.head_count, str(before.as_of)) == (40, "2026-09-30")
        version = queries.data_version(store)
        done = undo_import(store, _import_id(store, "roster_2026-09-30.xlsx"))
        assert done.rows_removed == 40
        after = queries.overview(store, Scope(), today=dt.date(2026, 12, 1))
        # the demo's first roster: 39 people at 31/12/2025 (2 joined, 1 left between them)
        assert (after.head_count, str(after.as_of)) == (39, "2025-12-31")
        assert queries.data_version(store) != version
        kept = store.execute(
            "select undone_by, octet_length(original) > 0 from imports where file_name = ?",
            ["roster_2026-09-30.xlsx"],
        )
        assert kept == [("dòng lệnh", True)]


def test_the_same_file_imports_again_after_an_undo(db: Path, demo_db: Path) -> None:
    roster = demo_db.parent / "files" / "roster_2026-09-30.xlsx"
    with Store(db) as store:
        import_id = _import_id(store, roster.name)
        undo_import(store, import_id)
        again = import_file(store, "roster", roster)
        assert (again.status, again.import_id, again.rows_imported) == ("imported", import_id, 40)
        assert store.execute("select count(*) from staff")[0][0] == 40
        assert import_file(store, "roster", roster).status == "unchanged"


def test_undoing_twice_or_an_unknown_import_is_refused(db: Path) -> None:
    with Store(db) as store:
        import_id = _import_id(store, "danh_gia_2025.xlsx")
        undo_import(store, import_id)
        with pytest.raises(UndoRefused, match="đã được hoàn tác"):
            undo_import(store, import_id)
        with pytest.raises(UndoRefused, match="Không có lần nhập số 999"):
            undo_import(store, 999)


@pytest.mark.parametrize("role", ["leader", "unit_head", "viewer"])
def test_only_the_hr_role_may_undo_and_a_refusal_is_audited(db: Path, role: str) -> None:
    actor = Account(f"{role}-1", role, unit="Phòng Văn hóa – Xã hội")  # type: ignore[arg-type]
    with Store(db) as store:
        import_id = _import_id(store, "danh_gia_2025.xlsx")
        with pytest.raises(PermissionDenied):
            undo_import(store, import_id, actor=actor)
        rows = store.execute(
            "select count(*) from evaluation_rows where import_id = ?", [import_id]
        )
        assert rows[0][0] == 39
        last = audit.entries(store, limit=1).iloc[0]
        assert (last["username"], last["action"], last["outcome"]) == (
            f"{role}-1",
            "undo_import",
            "refused",
        )


def test_a_ward_officer_cannot_undo_another_wards_import(db: Path) -> None:
    with Store(db) as store:
        import_id = _import_id(store, "danh_gia_2025.xlsx")
        with pytest.raises(PermissionDenied, match="ngoài Phường Khác"):
            undo_import(store, import_id, actor=Account("hr-khac", "hr", ward="Phường Khác"))


def test_the_cli_undoes_with_a_json_last_line(db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with Store(db) as store:
        import_id = _import_id(store, "tien_do_2026.csv")
    assert main(["undo", str(import_id), "--db", str(db)]) == 0
    last = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (last["status"], last["import_id"], last["rows_removed"]) == ("undone", import_id, 24)
    assert main(["undo", str(import_id), "--db", str(db)]) == 1
    assert json.loads(capsys.readouterr().out.strip().splitlines()[-1])["status"] == "rejected"
