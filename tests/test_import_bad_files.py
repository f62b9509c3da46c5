"""Broken, foreign and hostile files: each rejected with a Vietnamese reason, the database
untouched, within a minute and without blowing memory.

Hostile files (zip bomb, a sheet reaching cell XFD1048576) run in a child process under an
address-space limit, so a regression kills the child, not the test run or the machine.
"""

from __future__ import annotations

import io
import json
import random
import re
import resource
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import Workbook
from sheet_writers import (
    ROSTER_HEADER,
    import_path,
    new_store,
    roster_rows,
    table_contents,
    write_grid,
)

from analytics.ingest import readers
from analytics.ingest.importer import ImportResult
from analytics.store import Store

ROOT = Path(__file__).resolve().parent.parent
VIETNAMESE = re.compile("[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)
ONE_MINUTE = 60.0


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    """A database that already holds a roster, so 'untouched' means something."""
    with new_store() as s:
        rows = roster_rows([[1, "Nguyễn Văn An", "12/03/1975", "Nam", "", "", "ĐH", "", ""]])
        assert (
            import_path(s, "roster", write_grid(tmp_path / "goc.xlsx", rows)).status == "imported"
        )
        yield s


def valid_xlsx(tmp_path: Path) -> bytes:
    rows = roster_rows(
        [
            [i, f"Người Số {i}", f"01/01/{1970 + i}", "Nam", "", "", "ĐH", "", ""]
            for i in range(1, 40)
        ],
        header=ROSTER_HEADER,
    )
    return write_grid(tmp_path / "hop_le.xlsx", rows).read_bytes()


def reject(store: Store, tmp_path: Path, name: str, data: bytes) -> ImportResult:
    """Import ``data`` as a roster: rejected, quickly, in Vietnamese, changing nothing."""
    before = table_contents(store)
    path = tmp_path / name
    path.write_bytes(data)
    started = time.monotonic()
    result = import_path(store, "roster", path)
    assert time.monotonic() - started < ONE_MINUTE
    assert result.status == "rejected", result.as_json()
    assert result.errors
    for error in result.errors:
        assert VIETNAMESE.search(error.message), error.message
    assert table_contents(store) == before
    return result


def test_an_empty_file_is_rejected(store: Store, tmp_path: Path) -> None:
    result = reject(store, tmp_path, "rong.xlsx", b"")
    assert result.errors[0].message == "Tệp rỗng (0 byte): không có dữ liệu để nhập."


def test_an_empty_csv_is_rejected(store: Store, tmp_path: Path) -> None:
    reject(store, tmp_path, "rong.csv", b"")


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200)
HTML = "<!DOCTYPE html><html><head><title>Đăng nhập</title></head><body>Phiên làm việc hết hạn</body></html>".encode()
RANDOM = random.Random(2026).randbytes(8192)


@pytest.mark.parametrize(
    ("data", "phrase"),
    [
        pytest.param(PDF, "không phải bảng tính", id="pdf"),
        pytest.param(PNG, "không phải bảng tính", id="png"),
        pytest.param(HTML, "HTML", id="html"),
        pytest.param(RANDOM, "không phải văn bản CSV", id="random-bytes"),
    ],
)
def test_a_file_named_xlsx_that_is_something_else_is_rejected(
    store: Store, tmp_path: Path, data: bytes, phrase: str
) -> None:
    result = reject(store, tmp_path, "danh_sach.xlsx", data)
    assert phrase in result.errors[0].message


def test_a_truncated_xlsx_is_rejected(store: Store, tmp_path: Path) -> None:
    data = valid_xlsx(tmp_path)
    result = reject(store, tmp_path, "cat_doi.xlsx", data[: len(data) // 2])
    assert "hỏng hoặc không trọn vẹn" in result.errors[0].message


def test_an_xlsx_with_damaged_compressed_data_is_rejected(store: Store, tmp_path: Path) -> None:
    data = bytearray(valid_xlsx(tmp_path))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("xl/worksheets/sheet1.xml")
    # Overwrite the middle of the sheet's compressed bytes (after its 30-byte local header).
    start = info.header_offset + 30 + len(info.filename) + len(info.extra) + info.compress_size // 3
    data[start : start + 64] = bytes(range(64))
    result = reject(store, tmp_path, "hong.xlsx", bytes(data))
    assert "hỏng" in result.errors[0].message


def test_a_zip_that_is_not_a_workbook_is_rejected(store: Store, tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("bao_cao.docx.txt", "Báo cáo")
    result = reject(store, tmp_path, "nen.xlsx", buffer.getvalue())
    assert "xl/workbook.xml" in result.errors[0].message


def test_an_xlsx_without_a_header_row_is_rejected_naming_the_needed_column(
    store: Store, tmp_path: Path
) -> None:
    rows = [[i, i * 2, i * 3, 1975 + i] for i in range(1, 30)]
    data = write_grid(tmp_path / "so.xlsx", rows).read_bytes()
    result = reject(store, tmp_path, "chi_so.xlsx", data)
    message = result.errors[0].message
    assert message.startswith("Không tìm thấy dòng tiêu đề của danh sách cán bộ, công chức")
    assert "'Họ và tên'" in message


def test_a_header_only_file_is_rejected(store: Store, tmp_path: Path) -> None:
    data = write_grid(tmp_path / "tieu_de.xlsx", [ROSTER_HEADER]).read_bytes()
    result = reject(store, tmp_path, "chi_tieu_de.xlsx", data)
    assert "không có dòng dữ liệu" in result.errors[0].message


def test_a_header_only_csv_is_rejected(store: Store, tmp_path: Path) -> None:
    reject(
        store, tmp_path, "chi_tieu_de.csv", ",".join(map(str, ROSTER_HEADER)).encode("utf-8-sig")
    )


def test_an_oversized_file_is_rejected_before_it_is_read(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = valid_xlsx(tmp_path)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", len(data) - 1)
    result = reject(store, tmp_path, "lon.xlsx", data)
    assert "vượt giới hạn" in result.errors[0].message


def test_a_file_just_under_the_size_limit_is_imported(
    store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = valid_xlsx(tmp_path)
    monkeypatch.setattr(readers, "MAX_FILE_BYTES", len(data))
    path = tmp_path / "vua.xlsx"
    path.write_bytes(data)
    assert import_path(store, "roster", path).status == "imported"


# ---------------------------------------------------------------- hostile files, in a child process
WORKBOOK_XML = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    "</Types>"
)


def zip_bomb(path: Path, megabytes: int) -> Path:
    """A small .xlsx whose sheet XML inflates to ``megabytes`` of zeros (streamed, never held)."""
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK_XML)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            chunk = b"0" * (1 << 20)
            for _ in range(megabytes):
                sheet.write(chunk)
    return path


CHILD = textwrap.dedent(
    """
    import json, re, sys, time
    from pathlib import Path
    from analytics.ingest.importer import ImportOptions, import_file
    from analytics.store import Store

    with Store(":memory:") as store:
        started = time.monotonic()
        result = import_file(store, "roster", Path(sys.argv[1]), ImportOptions(ward="Phường Việt Hòa"))
        seconds = time.monotonic() - started
        imports = store.execute("select count(*) from imports")[0][0]
    print(json.dumps({
        "status": result.status,
        "errors": [e.message for e in result.errors],
        "seconds": seconds,
        "imports": imports,
        # VmHWM, not ru_maxrss: the latter keeps the peak of the forked test process.
        "peak_mb": int(re.search(r"VmHWM:\\s+(\\d+)", Path("/proc/self/status").read_text())[1]) / 1024,
    }))
    """
)
ADDRESS_SPACE_LIMIT = 4 * 1024**3


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_SPACE_LIMIT, ADDRESS_SPACE_LIMIT))


def import_in_child(path: Path) -> dict[str, object]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=2 * ONE_MINUTE,
        preexec_fn=_limit_memory,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    report: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    report["wall"] = time.monotonic() - started
    return report


def assert_rejected_cheaply(report: dict[str, object]) -> None:
    assert report["status"] == "rejected", report
    assert report["imports"] == 0
    assert float(report["seconds"]) < ONE_MINUTE  # type: ignore[arg-type]
    # A fresh interpreter with DuckDB and pyarrow loaded peaks near 200 MB.
    assert float(report["peak_mb"]) < 500, report  # type: ignore[arg-type]


def test_a_zip_bomb_is_rejected_without_inflating_it(tmp_path: Path) -> None:
    path = zip_bomb(tmp_path / "bom.xlsx", megabytes=400)
    assert path.stat().st_size < 2 * 1024 * 1024  # the test itself stays cheap
    report = import_in_child(path)
    assert_rejected_cheaply(report)
    assert "zip bomb" in str(report["errors"])


def far_cell_xlsx(path: Path, cell: str) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet["A1"] = "Họ và tên"
    sheet["B1"] = "Ngày sinh"
    sheet["A2"] = "Nguyễn Văn An"
    sheet[cell] = "x"
    book.save(path)
    return path


@pytest.mark.parametrize("cell", ["XFD1048576", "ALL100000", "Z1048576"])
def test_a_tiny_xlsx_reaching_a_far_cell_is_rejected_before_it_is_allocated(
    tmp_path: Path, cell: str
) -> None:
    path = far_cell_xlsx(tmp_path / "xa.xlsx", cell)
    assert path.stat().st_size < 20_000
    report = import_in_child(path)
    assert_rejected_cheaply(report)
    assert f"tới ô {cell}" in str(report["errors"])


def test_a_far_cell_written_in_lower_case_with_single_quotes_is_caught_too(tmp_path: Path) -> None:
    # calamine reads r='xfd1048576' as XFD1048576.
    path = far_cell_xlsx(tmp_path / "xa.xlsx", "C3")
    with zipfile.ZipFile(path) as archive:
        parts = {info.filename: archive.read(info.filename) for info in archive.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert b'r="C3"' in sheet
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b'r="C3"', b"r = 'xfd1048576'")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    report = import_in_child(path)
    assert_rejected_cheaply(report)
    assert "tới ô XFD1048576" in str(report["errors"])


def test_a_wide_but_legitimate_sheet_still_imports(store: Store, tmp_path: Path) -> None:
    # 40 rows reaching column AZ: far from any limit.
    header = [*ROSTER_HEADER, *(f"Cột {i}" for i in range(len(ROSTER_HEADER) + 1, 53))]
    rows = roster_rows(
        [[1, "Trần Thị Bình", "05/07/1982", "Nữ", "", "", "ĐH", "", "", *range(43)]], header=header
    )
    result = import_path(store, "roster", write_grid(tmp_path / "rong.xlsx", rows))
    assert result.status == "imported", result.errors
