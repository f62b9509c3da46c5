"""The training import kind: header variants, course rules by keyword, all or nothing, undo."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from analytics.ingest.importer import ImportOptions, import_file, undo_import
from analytics.store import Store
from tests.rows import add_roster

WARD = "Phường Thử"


def _csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _store() -> Store:
    s = Store(":memory:")
    add_roster(
        s,
        [
            {"staff_id": "A1", "full_name": "Nguyễn Văn An", "birth_date": dt.date(1980, 5, 2)},
            {"staff_id": "B2", "full_name": "Trần Thị Bình", "birth_date": dt.date(1990, 1, 3)},
        ],
        ward=WARD,
    )
    return s


def test_header_variants_keywords_and_a_period_column(tmp_path: Path) -> None:
    store = _store()
    path = _csv(
        tmp_path / "dao_tao.csv",
        ["TT", "Họ và tên", "Ngày sinh", "Tên lớp", "Thời gian", "Văn bằng, chứng chỉ", "Nơi cấp"],
        [
            ["1", "Nguyễn Văn An", "02/05/1980", "Trung cấp lý luận chính trị", "9/2025 - 6/2026",
             "Bằng TC LLCT", "Trường Chính trị"],
            ["2", "Trần Thị Bình", "03/01/1990",
             "Bồi dưỡng kiến thức QLNN ngạch chuyên viên", "01/10/2026 - 30/11/2026", "", ""],
            ["3", "Trần Thị Bình", "03/01/1990", "Tập huấn phòng cháy", "", "", ""],
            ["4", "Lê Văn Lạ", "", "Tin học cơ bản", "", "", ""],
        ],
    )  # fmt: skip
    result = import_file(store, "training", path, ImportOptions(ward=WARD))
    assert result.status == "imported", [e.text() for e in result.errors]
    rows = store.execute(
        "select staff_id, match_method, course_key, date_from, date_to, certificate, issuer "
        "from training_records order by source_row"
    )
    assert rows == [
        ("A1", "name_birth_date", "llct_tc", dt.date(2025, 9, 1), dt.date(2026, 6, 30),
         "Bằng TC LLCT", "Trường Chính trị"),
        ("B2", "name_birth_date", "qlnn_cv", dt.date(2026, 10, 1), dt.date(2026, 11, 30), None,
         None),
        ("B2", "name_birth_date", None, None, None, None, None),  # khóa khác: kept
        (None, "unmatched", "cntt_cb", None, None, None, None),  # kept, tied to no one
    ]  # fmt: skip
    codes = sorted(w.code for w in result.warnings)
    assert codes == ["TRAINING_COURSE_OTHER", "TRAINING_UNMATCHED"]
    undone = undo_import(store, result.import_id or 0)
    assert undone.rows_removed == 4
    assert store.execute("select count(*) from training_records") == [(0,)]


def test_a_bad_date_rejects_the_whole_file_naming_the_cell(tmp_path: Path) -> None:
    store = _store()
    path = _csv(
        tmp_path / "sai.csv",
        ["Mã cán bộ", "Họ và tên", "Khóa học", "Từ ngày", "Đến ngày"],
        [
            ["A1", "Nguyễn Văn An", "Bồi dưỡng kế toán trưởng", "01/03/2026", "30/04/2026"],
            ["B2", "Trần Thị Bình", "Bồi dưỡng kế toán trưởng", "01/05/2026", "31/02/2026"],
            ["B2", "Trần Thị Bình", "", "01/05/2026", "02/05/2026"],
        ],
    )
    result = import_file(store, "training", path, ImportOptions(ward=WARD))
    assert result.status == "rejected"
    found = {(e.code, e.row, e.column) for e in result.errors}
    assert ("TRAINING_DATE_INVALID", 3, "E") in found
    assert ("TRAINING_COURSE_MISSING", 4, "C") in found
    assert any("ô E3 (cột 'Đến ngày')" in e.text() for e in result.errors)
    assert store.execute("select count(*) from training_records") == [(0,)]
