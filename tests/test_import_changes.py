"""A roster import reports, against each ward's current list, who joins, leaves and changes;
a shrinking roster is warned with its count, and the import can be undone (issue 8, part 5)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sheet_writers import TITLE_BLOCK, SheetSpec, roster_rows, write_xlsx
from test_cli import last_json, run

from analytics.store import Store

UNIT_A = "Văn phòng HĐND và UBND"
UNIT_B = "Phòng Văn hóa – Xã hội"


def person(n: int, name: str, birth: str, unit: str) -> tuple[Any, ...]:
    return (n, name, birth, "Nam", unit, "Chuyên viên", "ĐH Luật", "TC", "CV")


FIVE = [
    person(1, "Nguyễn Văn An", "12/03/1975", UNIT_A),
    person(2, "Trần Thị Bình", "05/07/1982", UNIT_A),
    person(3, "Lê Văn Cường", "01/01/1980", UNIT_B),
    person(4, "Phạm Thị Dung", "02/02/1985", UNIT_B),
    person(5, "Hoàng Văn Em", "03/03/1990", UNIT_B),
]
# A month later: An unchanged, Bình moved to another unit, Phúc new; Cường, Dung, Em missing.
THREE = [
    FIVE[0],
    person(2, "Trần Thị Bình", "05/07/1982", UNIT_B),
    person(3, "Đỗ Văn Phúc", "04/04/1992", UNIT_A),
]


def roster_file(path: Path, people: list[tuple[Any, ...]], as_of: str) -> Path:
    rows = roster_rows(people)
    rows[TITLE_BLOCK.index(["(Số liệu tính đến ngày 30/9/2026)"])] = [
        f"(Số liệu tính đến ngày {as_of})"
    ]
    return write_xlsx(path, SheetSpec("Danh sách", rows))


@pytest.fixture
def ward(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    db = tmp_path / "cbcc.duckdb"
    first = roster_file(tmp_path / "ds_0930.xlsx", FIVE, "30/9/2026")
    code, out, _ = run(capsys, "import", "roster", str(first), "--db", str(db))
    assert code == 0, out
    changes = last_json(out)["changes"]
    # The ward's first list: everyone joins, no one leaves.
    assert (changes["joined"], changes["left"], changes["changed"]) == (5, 0, 0)
    assert changes["first_list"] == ["Phường Việt Hòa"]
    assert changes["joined_people"] == []  # a first list is counted, not listed
    return db


def import_roster(
    capsys: pytest.CaptureFixture[str], db: Path, path: Path, *flags: str
) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, "import", "roster", str(path), "--db", str(db), *flags)
    return code, last_json(out)


def staff_count(db: Path) -> int:
    with Store(db, read_only=True) as store:
        return int(store.execute("select count(*) from staff")[0][0])


def names(people: list[dict[str, Any]]) -> list[str]:
    return [p["full_name"] for p in people]


def test_a_dry_run_of_a_smaller_roster_says_who_joins_leaves_and_changes(
    ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = roster_file(tmp_path / "ds_1031.xlsx", THREE, "31/10/2026")
    code, payload = import_roster(capsys, ward, newer, "--dry-run")
    assert code == 0
    assert payload["status"] == "validated"
    changes = payload["changes"]
    assert (changes["joined"], changes["left"], changes["changed"]) == (1, 3, 1)
    assert changes["current"] == 5
    assert names(changes["joined_people"]) == ["Đỗ Văn Phúc"]
    # Vietnamese order: by tên (Cường, Dung, Em).
    assert names(changes["left_people"]) == ["Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Em"]
    [moved] = changes["changed_people"]
    assert (moved["full_name"], moved["fields"], moved["unit"]) == (
        "Trần Thị Bình",
        ["đơn vị"],
        UNIT_B,
    )
    [leave] = [w for w in payload["warnings"] if w["code"] == "ROSTER_PEOPLE_LEAVE"]
    assert leave["message"].startswith(
        "3 người sẽ không còn trong danh sách hiện hành của Phường Việt Hòa (trong 5 người của "
        "danh sách tính đến ngày 30/09/2026, lần nhập số 1): Lê Văn Cường, Phạm Thị Dung, "
        "Hoàng Văn Em."
    )
    assert staff_count(ward) == 5  # a dry run writes nothing


def test_the_import_replaces_the_list_and_undo_brings_the_ward_back(
    ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    newer = roster_file(tmp_path / "ds_1031.xlsx", THREE, "31/10/2026")
    code, payload = import_roster(capsys, ward, newer)
    assert (code, payload["status"], payload["changes"]["left"]) == (0, "imported", 3)
    assert staff_count(ward) == 3
    code, out, _ = run(capsys, "undo", str(payload["import_id"]), "--db", str(ward))
    assert code == 0, out
    with Store(ward, read_only=True) as store:
        assert store.execute("select full_name from staff order by source_row") == [
            (p[1],) for p in FIVE
        ]
        [(undone,)] = store.execute(
            "select undone_at is not null from imports where import_id = ?",
            [payload["import_id"]],
        )
        assert undone
    # The same file again works (and reports the same changes).
    code, again = import_roster(capsys, ward, newer)
    assert (code, again["status"], again["changes"]["left"]) == (0, "imported", 3)


def test_an_older_list_is_kept_as_a_past_snapshot_and_nobody_leaves(
    ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    older = roster_file(tmp_path / "ds_0630.xlsx", THREE, "30/6/2026")
    code, payload = import_roster(capsys, ward, older)
    assert code == 0
    changes = payload["changes"]
    assert (changes["joined"], changes["left"], changes["changed"]) == (0, 0, 0)
    assert changes["older_than_current"] == ["Phường Việt Hòa"]
    assert "ROSTER_OLDER_THAN_CURRENT" in {w["code"] for w in payload["warnings"]}
    assert staff_count(ward) == 5


def test_the_same_list_again_with_a_later_date_changes_nothing(
    ward: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    same = roster_file(tmp_path / "ds_1031.xlsx", FIVE, "31/10/2026")
    code, payload = import_roster(capsys, ward, same)
    assert code == 0
    changes = payload["changes"]
    assert (changes["joined"], changes["left"], changes["changed"]) == (0, 0, 0)
    assert not [w for w in payload["warnings"] if w["code"] == "ROSTER_PEOPLE_LEAVE"]
