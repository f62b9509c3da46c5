"""The command line: ``python -m analytics init|import|sql`` — exit codes 0 done, 1 rejected,
2 usage error; ``import`` ends its output with one JSON line."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sheet_writers import AN, BINH, SheetSpec, roster_rows, write_csv, write_grid, write_xlsx

from analytics.cli import main

ROOT = Path(__file__).resolve().parent.parent

PEOPLE = [AN, BINH]


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    return write_grid(tmp_path / "danh_sach.xlsx", roster_rows(PEOPLE))


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "du_lieu" / "cbcc.duckdb"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


def last_json(out: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return payload


def test_init_creates_the_database_and_reports_the_schema(
    capsys: pytest.CaptureFixture[str], db: Path
) -> None:
    code, out, _ = run(capsys, "init", "--db", str(db))
    assert code == 0
    assert db.exists()
    assert "lược đồ phiên bản" in out


def test_import_prints_a_json_last_line_and_exits_0(
    capsys: pytest.CaptureFixture[str], db: Path, roster: Path
) -> None:
    code, out, _ = run(capsys, "import", "roster", str(roster), "--db", str(db))
    assert code == 0
    payload = last_json(out)
    assert payload["status"] == "imported"
    assert payload["kind"] == "roster"
    assert payload["file"] == "danh_sach.xlsx"
    assert payload["rows_imported"] == 2
    assert payload["errors"] == []
    assert payload["warnings"] == []
    assert payload["as_of"] == "2026-09-30"
    assert payload["wards"] == ["Phường Việt Hòa"]
    assert (
        out.strip().splitlines()[-2]
        == "Đã nhập 2 dòng danh sách cán bộ, công chức từ tệp 'danh_sach.xlsx'."
    )


def test_importing_the_same_file_again_is_unchanged_and_exits_0(
    capsys: pytest.CaptureFixture[str], db: Path, roster: Path
) -> None:
    run(capsys, "import", "roster", str(roster), "--db", str(db))
    code, out, _ = run(capsys, "import", "roster", str(roster), "--db", str(db))
    assert code == 0
    assert last_json(out)["status"] == "unchanged"
    code, out, _ = run(
        capsys, "sql", "select count(*) as n from roster_rows", "--db", str(db), "--format", "json"
    )
    assert json.loads(out) == [{"n": 2}]


def test_a_rejected_import_exits_1_with_located_errors(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    path = write_grid(
        tmp_path / "dg.xlsx",
        [
            ["KẾT QUẢ NĂM 2025"],
            ["Họ và tên", "Năm sinh", "Xếp loại"],
            ["Nguyễn Văn An", 1975, "Tốt lắm"],
        ],
    )
    code, out, err = run(
        capsys, "import", "evaluation", str(path), "--db", str(db), "--ward", "Phường Việt Hòa"
    )
    assert code == 1
    payload = last_json(out)
    assert payload["status"] == "rejected"
    [error] = payload["errors"]
    assert set(error) == {"sheet", "row", "column", "header", "message", "text", "code"}
    assert (error["sheet"], error["row"], error["column"], error["header"]) == (
        "Danh sach",
        3,
        "C",
        "Xếp loại",
    )
    assert error["text"].startswith(
        "Tệp 'dg.xlsx', trang 'Danh sach', ô C3 (cột 'Xếp loại'): xếp loại 'Tốt lắm' không hợp lệ"
    )
    assert "LỖI: Tệp 'dg.xlsx'" in err


def test_a_missing_file_is_rejected_with_exit_1(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    code, out, _ = run(capsys, "import", "roster", str(tmp_path / "khong_co.xlsx"), "--db", str(db))
    assert code == 1
    assert last_json(out)["errors"][0]["message"].startswith("Không đọc được tệp")


@pytest.mark.parametrize(
    "argv",
    [
        pytest.param(["import", "staff", "x.xlsx"], id="unknown-kind"),
        pytest.param(["import", "roster"], id="missing-file"),
        pytest.param(
            ["import", "roster", "x.xlsx", "--as-of", "31/02/2026"], id="impossible-as-of"
        ),
        pytest.param(
            ["import", "evaluation", "x.xlsx", "--year", "năm nay"], id="year-not-a-number"
        ),
        pytest.param(["sql"], id="sql-without-query"),
        pytest.param(["sql", "select 1", "--format", "xml"], id="unknown-format"),
        pytest.param([], id="no-command"),
    ],
)
def test_usage_errors_exit_2_with_a_vietnamese_message(
    capsys: pytest.CaptureFixture[str], db: Path, argv: list[str]
) -> None:
    code, out, err = run(capsys, *argv, *(["--db", str(db)] if argv else []))
    assert code == 2
    assert "Lỗi cú pháp" in err
    assert out == ""
    assert not db.exists()


def test_dry_run_validates_writes_nothing_and_exits_0(
    capsys: pytest.CaptureFixture[str], db: Path, roster: Path
) -> None:
    code, out, _ = run(capsys, "import", "roster", str(roster), "--db", str(db), "--dry-run")
    assert code == 0
    payload = last_json(out)
    assert (payload["status"], payload["rows_imported"], payload["import_id"]) == (
        "validated",
        2,
        None,
    )
    code, out, _ = run(
        capsys, "sql", "select count(*) as n from imports", "--db", str(db), "--format", "json"
    )
    assert json.loads(out) == [{"n": 0}]


def test_options_sheet_ward_and_as_of_reach_the_importer(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    flat = [["Họ và tên", "Ngày sinh", "Giới tính"], ["Lê Thị Cúc", "02/11/1990", "Nữ"]]
    path = write_xlsx(
        tmp_path / "hai_trang.xlsx",
        SheetSpec("Ghi chu", [["Xem trang sau"]]),
        SheetSpec("DS", flat),
    )
    code, out, _ = run(
        capsys, "import", "roster", str(path), "--db", str(db),
        "--sheet", "DS", "--ward", "Phường Việt Hòa", "--as-of", "31/12/2025",
    )  # fmt: skip
    assert code == 0, out
    payload = last_json(out)
    assert (payload["sheet"], payload["wards"], payload["as_of"]) == (
        "DS",
        ["Phường Việt Hòa"],
        "2025-12-31",
    )


def test_a_wrong_sheet_name_exits_1_listing_the_sheets(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    path = write_xlsx(
        tmp_path / "hai_trang.xlsx", SheetSpec("Ghi chu", [["x"]]), SheetSpec("DS", [["Họ và tên"]])
    )
    code, out, _ = run(capsys, "import", "roster", str(path), "--db", str(db), "--sheet", "Trang 9")
    assert code == 1
    assert (
        last_json(out)["errors"][0]["message"]
        == "Không có trang 'Trang 9'. Các trang có: 'Ghi chu', 'DS'."
    )


def test_year_option_sets_the_evaluation_year(
    capsys: pytest.CaptureFixture[str], db: Path, roster: Path, tmp_path: Path
) -> None:
    run(capsys, "import", "roster", str(roster), "--db", str(db))
    path = write_csv(
        tmp_path / "dg.csv",
        [["Họ và tên", "Ngày sinh", "Xếp loại"], ["Nguyễn Văn An", "12/03/1975", "HTTNV"]],
    )
    code, out, _ = run(capsys, "import", "evaluation", str(path), "--db", str(db), "--year", "2025")
    assert code == 0, out
    assert last_json(out)["year"] == 2025
    code, out, _ = run(
        capsys,
        "sql",
        "select year, grade, full_name from evaluations join staff using (staff_id)",
        "--db",
        str(db),
        "--format",
        "json",
    )
    assert json.loads(out) == [{"year": 2025, "grade": "HTTNV", "full_name": "Nguyễn Văn An"}]


def test_sql_prints_json_and_csv(
    capsys: pytest.CaptureFixture[str], db: Path, roster: Path
) -> None:
    run(capsys, "import", "roster", str(roster), "--db", str(db))
    code, out, _ = run(
        capsys, "sql", "select count(*) from staff", "--db", str(db), "--format", "json"
    )
    assert code == 0
    assert json.loads(out) == [{"count_star()": 2}]
    code, out, _ = run(
        capsys, "sql", "select count(*) from staff", "--db", str(db), "--format", "csv"
    )
    assert code == 0
    assert out == "count_star()\n2\n"
    code, out, _ = run(
        capsys, "sql", "select full_name, birth_date from staff order by full_name", "--db", str(db)
    )
    assert out == "full_name,birth_date\nNguyễn Văn An,1975-03-12\nTrần Thị Bình,1982-07-05\n"


def test_sql_is_read_only(capsys: pytest.CaptureFixture[str], db: Path, roster: Path) -> None:
    run(capsys, "import", "roster", str(roster), "--db", str(db))
    code, _, err = run(capsys, "sql", "delete from roster_rows", "--db", str(db))
    assert code == 1
    assert err.startswith("Lỗi truy vấn")
    _, out, _ = run(
        capsys, "sql", "select count(*) as n from roster_rows", "--db", str(db), "--format", "json"
    )
    assert json.loads(out) == [{"n": 2}]


def test_sql_on_a_missing_database_exits_2(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, _, err = run(capsys, "sql", "select 1", "--db", str(db))
    assert code == 2
    assert "Không tìm thấy cơ sở dữ liệu" in err
    assert not db.exists()


def test_sql_with_a_syntax_error_exits_1(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    run(capsys, "init", "--db", str(db))
    code, _, err = run(capsys, "sql", "selec 1", "--db", str(db))
    assert code == 1
    assert err.startswith("Lỗi truy vấn")


# ---------------------------------------------------------------- the real process
def python_m_analytics(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "analytics", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
        check=False,
    )


def test_python_m_analytics_end_to_end_exit_codes_and_json(
    db: Path, roster: Path, tmp_path: Path
) -> None:
    imported = python_m_analytics("import", "roster", str(roster), "--db", str(db))
    assert imported.returncode == 0, imported.stderr
    assert json.loads(imported.stdout.strip().splitlines()[-1])["rows_imported"] == 2

    bad = write_grid(tmp_path / "chi_tieu_de.xlsx", [["TT", "Họ và tên", "Ngày sinh"]])
    rejected = python_m_analytics("import", "roster", str(bad), "--db", str(db))
    assert rejected.returncode == 1
    assert json.loads(rejected.stdout.strip().splitlines()[-1])["status"] == "rejected"

    usage = python_m_analytics("import", "roster")
    assert usage.returncode == 2
    assert "Lỗi cú pháp" in usage.stderr

    counted = python_m_analytics(
        "sql",
        "select count(*) as n, min(as_of) as as_of from staff",
        "--db",
        str(db),
        "--format",
        "json",
    )
    assert counted.returncode == 0, counted.stderr
    assert json.loads(counted.stdout) == [{"n": 2, "as_of": dt.date(2026, 9, 30).isoformat()}]
