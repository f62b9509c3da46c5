"""``python -m analytics export xlsx|pdf --db PATH --out FILE [filters]``: the same files as the
screens' buttons, for a scheduled job preparing the meeting pack."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from analytics.cli import main
from analytics.export import archive
from analytics.store import Store

ROOT = Path(__file__).resolve().parents[1]
UNIT = "Lãnh đạo UBND phường"


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "cli.duckdb"
    shutil.copy(demo_db, copy)
    return copy


def test_xlsx_with_filters_is_written_and_kept(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hop" / "goi-hop.xlsx"
    code = main(
        [
            "export",
            "xlsx",
            "--db",
            str(db),
            "--out",
            str(out),
            "--unit",
            UNIT,
            "--today",
            "15/10/2026",
            "--by",
            "Văn thư",
        ]
    )
    assert code == 0
    book = load_workbook(out)
    assert book["Tổng quan"]["A4"].value == f"Phạm vi lọc: Đơn vị: {UNIT}"
    assert book["Tổng quan"]["B8"].value == 3  # the leadership: 3 people
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert summary["file"] == str(out)
    with Store(db, read_only=True) as store:
        kept = archive.list_exports(store)
    assert list(kept["export_id"]) == [summary["export_id"]]
    assert kept.iloc[0]["created_by"] == "Văn thư"
    assert kept.iloc[0]["scope_text"] == f"Đơn vị: {UNIT}"


def test_pdf_into_a_folder_takes_the_name_that_says_what_it_is(db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "goi"
    code = main(
        [
            "export",
            "pdf",
            "--db",
            str(db),
            "--out",
            f"{folder}/",
            "--view",
            "danh-gia",
            "--year",
            "2025",
            "--no-images",
            "--no-archive",
        ]
    )
    assert code == 0
    written = list(folder.iterdir())
    assert [p.name for p in written] == ["bao-cao-danh-gia_phuong-viet-hoa_nam-2025_30-09-2026.pdf"]
    text = "\n".join(
        page.extract_text() for page in PdfReader(io.BytesIO(written[0].read_bytes())).pages
    )
    assert "Năm đánh giá: 2025" in text
    assert "Hoàn thành xuất sắc nhiệm vụ" in text
    with Store(db, read_only=True) as store:
        assert archive.list_exports(store).empty  # --no-archive


def test_repeated_filters_and_roles(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "x.xlsx"
    args = [
        "export",
        "xlsx",
        "--db",
        str(db),
        "--out",
        str(out),
        "--gender",
        "Nữ",
        "--age-band",
        "30–40",
        "--age-band",
        "41–50",
        "--role",
        "viewer",
    ]
    assert main(args) == 0
    book = load_workbook(out)
    assert "Cần xem xét" not in book.sheetnames  # a viewer's export has no people lists
    assert book["Tổng quan"]["A4"].value == "Phạm vi lọc: Giới tính: Nữ; Độ tuổi: 30–40, 41–50"


def test_a_filter_value_not_in_the_data_is_a_usage_error(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    assert (
        main(["export", "xlsx", "--db", str(db), "--out", str(out), "--unit", "Phòng Không Có"])
        == 2
    )
    assert "--unit không có trong dữ liệu: Phòng Không Có" in capsys.readouterr().err
    assert not out.exists()


def test_usage_errors(db: Path, tmp_path: Path) -> None:
    out = str(tmp_path / "x")
    assert main(["export", "xlsx", "--db", str(db), "--out", out, "--view", "khong-co"]) == 2
    assert main(["export", "png", "--db", str(db), "--out", out]) == 2  # png needs --chart
    assert main(["export", "xlsx", "--db", str(tmp_path / "none.duckdb"), "--out", out]) == 2
    with pytest.raises(SystemExit) as exc:
        main(["export", "docx", "--db", str(db), "--out", out])
    assert exc.value.code == 2


def test_the_module_entry_point_writes_the_file(db: Path, tmp_path: Path) -> None:
    out = tmp_path / "pack.xlsx"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "analytics",
            "export",
            "xlsx",
            "--db",
            str(db),
            "--out",
            str(out),
            "--no-images",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert out.read_bytes()[:2] == b"PK"
    assert "Đã ghi" in done.stdout
