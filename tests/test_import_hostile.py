"""Hostile files (issue 8): each is rejected with a stable code and a Vietnamese message naming
the file, within a minute, by ``import_bytes`` and by ``python -m analytics import`` (exit 1, a
JSON last line), and the process that asked keeps running.

Files are parsed in a child process capped at 1 GB and 60 s (analytics.ingest.isolate); the
checks in analytics.ingest.readers stop the known shapes before python-calamine allocates. The
tests show both: the checks' codes, and what the child turns a real abort into when they are
switched off. The files come from tests/hostile_files.py (written byte by byte, no real people).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pickle
import re
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import hostile_files as hf
import pytest
from sheet_writers import SheetSpec, new_store, table_contents, write_xlsx

from analytics.ingest import isolate, readers
from analytics.ingest.importer import ImportOptions, import_bytes
from analytics.ingest.issues import ImportRejected, Issue
from analytics.ingest.readers import Sheet, Workbook
from analytics.store import Store

ROOT = Path(__file__).resolve().parent.parent
ONE_MINUTE = 60.0
WARD = ImportOptions(ward="Phường Việt Hòa")
VIETNAMESE = re.compile("[ăâđêôơưàáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]", re.IGNORECASE)

# (file name, bytes, code, phrase of the message)
HOSTILE: list[Any] = [
    pytest.param(
        "xa.xlsx", hf.far_cell_xlsx, "SHEET_TOO_LARGE", "tới ô XFD1048576", id="xlsx-sheet1.XML-far"
    ),
    pytest.param(
        "xa_bin.xlsx",
        lambda: hf.far_cell_xlsx("xl/worksheets/du_lieu.bin"),
        "SHEET_TOO_LARGE",
        "tới ô XFD1048576",
        id="xlsx-any-part-name",
    ),
    pytest.param(
        "dong_trong.xlsx",
        hf.rowless_far_xlsx,
        "SHEET_TOO_LARGE",
        "tới ô XFD200006",
        id="xlsx-rows-without-r",
    ),
    *(
        pytest.param(
            f"cu_{record.lower()}.xls",
            lambda record=record: hf.far_column_xls(record),
            "SHEET_TOO_LARGE",
            "65.536 dòng",
            id=f"xls-{record}-65535",
        )
        for record in ("NUMBER", "LABELSST", "RK", "BLANK", "MULBLANK", "FORMULA", "DIMENSIONS")
    ),
    pytest.param(
        "sst.xls", hf.sst_claim_xls, "XLS_BROKEN", "bảng chuỗi dùng chung", id="xls-sst-claim"
    ),
    pytest.param(
        "chuoi_1mb.xlsx",
        hf.shared_string_bomb_xlsx,
        "CELL_TOO_LONG",
        "1.000.008 ký tự",
        id="xlsx-1MB-shared-string-x1000",
    ),
    pytest.param(
        "chuoi_lap.xlsx",
        lambda: hf.shared_string_bomb_xlsx(30_000, 10_000),
        "TEXT_TOO_LARGE",
        "300 triệu ký tự",
        id="xlsx-shared-string-300M-chars",
    ),
    pytest.param(
        "o_dai.xlsx", hf.long_cell_xlsx, "CELL_TOO_LONG", "ô E3", id="xlsx-40000-chars-inline"
    ),
    pytest.param(
        "o_dai_chung.xlsx",
        lambda: hf.long_cell_xlsx(shared=True),
        "CELL_TOO_LONG",
        "ô E3",
        id="xlsx-40000-chars-shared",
    ),
    pytest.param(
        "ngoac.csv",
        hf.unbalanced_quote_csv,
        "CSV_UNBALANCED_QUOTE",
        "mở một ô ở dòng 3",
        id="csv-unbalanced-quote",
    ),
    pytest.param(
        "ngoac_dai.csv",
        lambda: hf.unbalanced_quote_csv(at_row=4, rows_after=5_000),
        "CSV_UNBALANCED_QUOTE",
        "mở một ô ở dòng 4",
        id="csv-unbalanced-quote-past-the-field-limit",
    ),
    pytest.param(
        "truong_200kb.csv",
        hf.long_field_csv,
        "CSV_FIELD_TOO_LONG",
        "32.767 ký tự",
        id="csv-200KB-field",
    ),
    pytest.param(
        "truong_40k.csv",
        lambda: hf.long_field_csv(40_000),
        "CSV_FIELD_TOO_LONG",
        "40.000 ký tự",
        id="csv-40000-chars",
    ),
    pytest.param("rac.csv", hf.junk, "CSV_BINARY", "nhị phân", id="binary-junk"),
    pytest.param(
        "rac.xlsx", lambda: hf.junk(prefix=b"PK\x03\x04"), "ZIP_BROKEN", "hỏng", id="junk-after-PK"
    ),
    pytest.param(
        "rac.xls",
        lambda: hf.junk(prefix=b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"),
        "XLS_BROKEN",
        "hỏng",
        id="junk-after-OLE",
    ),
]


@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


def assert_rejected(issue: Issue | dict[str, Any], name: str, code: str, phrase: str) -> None:
    text = issue.text() if isinstance(issue, Issue) else str(issue["text"])
    got = issue.code if isinstance(issue, Issue) else issue["code"]
    assert got == code, text
    assert f"Tệp '{name}'" in text
    assert phrase in text, text
    assert VIETNAMESE.search(text), text
    assert "Traceback" not in text and "/work/" not in text and str(ROOT) not in text


@pytest.mark.parametrize(("name", "make", "code", "phrase"), HOSTILE)
def test_a_hostile_file_is_rejected_by_the_importer_and_the_process_lives_on(
    store: Store, name: str, make: Callable[[], bytes], code: str, phrase: str
) -> None:
    data = make()
    before = table_contents(store)
    started = time.monotonic()
    result = import_bytes(store, "roster", data, name)
    assert time.monotonic() - started < ONE_MINUTE
    assert result.status == "rejected", result.as_json()
    assert_rejected(result.errors[0], name, code, phrase)
    assert table_contents(store) == before
    # Still here, and still importing.
    good = import_bytes(store, "roster", hf.xlsx(hf.sheet_xml(hf.ROSTER)), "tot.xlsx", WARD)
    assert good.status == "imported", good.errors


@pytest.fixture(scope="module")
def cli_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("cli") / "cbcc.duckdb"
    done = subprocess.run(
        [sys.executable, "-m", "analytics", "init", "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return db


def run_cli(*argv: str, env: dict[str, str] | None = None) -> tuple[int, str, str, float]:
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "analytics", *argv],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=2 * ONE_MINUTE,
        env={**os.environ, **(env or {})},
        check=False,
    )
    return done.returncode, done.stdout, done.stderr, time.monotonic() - started


def last_json(out: str) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    return payload


@pytest.mark.parametrize(("name", "make", "code", "phrase"), HOSTILE)
def test_a_hostile_file_is_rejected_by_the_command_line_with_a_json_last_line(
    cli_db: Path, tmp_path: Path, name: str, make: Callable[[], bytes], code: str, phrase: str
) -> None:
    path = tmp_path / name
    path.write_bytes(make())
    status, out, err, seconds = run_cli("import", "roster", str(path), "--db", str(cli_db))
    assert seconds < ONE_MINUTE
    assert status == 1, err
    payload = last_json(out)
    assert payload["status"] == "rejected"
    assert_rejected(payload["errors"][0], name, code, phrase)
    assert "Traceback" not in err


# ---------------------------------------------------------------- the files really are hostile
RAW_CALAMINE = """
import io, resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
import python_calamine
book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(sys.stdin.buffer.read()))
for name in book.sheet_names:
    book.get_sheet_by_name(name).to_python(skip_empty_area=False)
"""


@pytest.mark.parametrize(
    "make",
    [hf.far_cell_xlsx, hf.rowless_far_xlsx, lambda: hf.far_column_xls("DIMENSIONS")],
    ids=["xlsx-far-cell", "xlsx-rows-without-r", "xls-dimensions"],
)
def test_calamine_alone_aborts_on_these_files(make: Callable[[], bytes]) -> None:
    done = subprocess.run(
        [sys.executable, "-c", RAW_CALAMINE],
        input=make(),
        capture_output=True,
        timeout=ONE_MINUTE,
        env={**os.environ, "RUST_BACKTRACE": "0"},
        check=False,
    )
    assert done.returncode != 0
    assert b"memory allocation of" in done.stderr


# A child with the reader's checks switched off: what isolation alone makes of a real abort.
UNCHECKED_CHILD = (
    "import sys\n"
    "from analytics.ingest import isolate, readers\n"
    "readers._check_xlsx = readers._check_xls = lambda data, name: None\n"
    "sys.exit(isolate.main())\n"
)


PARSE_REASONS = {
    "PARSE_MEMORY": "Không đọc được: cần hơn 1 GB bộ nhớ.",
    "PARSE_CRASHED": "Không đọc được: trình đọc dừng bất thường.",
}


@pytest.mark.parametrize(
    ("name", "make", "codes"),
    [
        ("xa.xlsx", hf.far_cell_xlsx, {"PARSE_MEMORY"}),  # calamine aborts (SIGABRT)
        ("cu.xls", lambda: hf.far_column_xls("NUMBER"), {"PARSE_MEMORY"}),
        # One Python string too many: pyo3 panics ("PyObject pointer is null").
        ("chuoi_1mb.xlsx", hf.shared_string_bomb_xlsx, {"PARSE_MEMORY", "PARSE_CRASHED"}),
    ],
    ids=["xlsx-far-cell", "xls-far-column", "xlsx-1MB-shared-string-x1000"],
)
def test_without_the_checks_the_child_dies_and_the_caller_gets_a_rejection(
    name: str, make: Callable[[], bytes], codes: set[str]
) -> None:
    started = time.monotonic()
    with pytest.raises(ImportRejected) as caught:
        isolate.run_child([sys.executable, "-c", UNCHECKED_CHILD], make(), name)
    assert time.monotonic() - started < ONE_MINUTE
    issue = caught.value.errors[0]
    assert issue.code in codes, issue.text()
    assert issue.text().startswith(f"Tệp '{name}': {PARSE_REASONS[issue.code]}")
    assert os.getpid() > 0  # this process is still running the test


def big_roster(rows: int = 200_000) -> bytes:
    people = [[i, f"Người Số {i}", "01/01/1980", "Nam"] for i in range(1, rows + 1)]
    return hf.xlsx(hf.sheet_xml([hf.HEADER, *people]))


def test_a_child_over_its_memory_cap_gives_parse_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    data = big_roster()
    monkeypatch.setenv("ANALYTICS_PARSE_MEMORY_MB", "50")
    with pytest.raises(ImportRejected) as caught:
        readers.read_workbook(data, "lon.xlsx")
    issue = caught.value.errors[0]
    assert issue.code in {"PARSE_MEMORY", "PARSE_CRASHED"}, issue.text()
    assert issue.text().startswith("Tệp 'lon.xlsx': Không đọc được: ")
    assert issue.code == "PARSE_CRASHED" or "cần hơn 50 MB bộ nhớ" in issue.message
    monkeypatch.setenv("ANALYTICS_PARSE_MEMORY_MB", "1024")
    assert len(readers.read_workbook(data, "lon.xlsx").sheets[0].rows) == 200_001


def test_a_child_over_its_time_cap_gives_parse_timeout(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ANALYTICS_PARSE_SECONDS", "0.05")
    started = time.monotonic()
    with pytest.raises(ImportRejected) as caught:
        readers.read_workbook(big_roster(20_000), "cham.xlsx")
    assert time.monotonic() - started < 10
    issue = caught.value.errors[0]
    assert issue.code == "PARSE_TIMEOUT"
    assert issue.text().startswith("Tệp 'cham.xlsx': Không đọc được: quá 0,05 giây")


def test_the_command_line_reports_a_timeout_as_a_rejection(cli_db: Path, tmp_path: Path) -> None:
    path = tmp_path / "cham.xlsx"
    path.write_bytes(big_roster(20_000))
    status, out, _, _ = run_cli(
        "import", "roster", str(path), "--db", str(cli_db), env={"ANALYTICS_PARSE_SECONDS": "0.05"}
    )
    assert status == 1
    payload = last_json(out)
    assert payload["status"] == "rejected"
    assert payload["errors"][0]["code"] == "PARSE_TIMEOUT"


@pytest.mark.parametrize(
    ("returncode", "stderr", "code"),
    [
        (-11, b"", "PARSE_CRASHED"),  # SIGSEGV
        (-6, b"memory allocation of 171796070400 bytes failed\n", "PARSE_MEMORY"),  # Rust abort
        (1, b"Traceback ...\nMemoryError\n", "PARSE_MEMORY"),
        (-24, b"", "PARSE_TIMEOUT"),  # SIGXCPU: the CPU cap
        (0, b"", "PARSE_CRASHED"),  # no answer at all
    ],
)
def test_every_way_a_child_ends_is_a_rejection_with_a_code(
    returncode: int, stderr: bytes, code: str
) -> None:
    with pytest.raises(ImportRejected) as caught:
        isolate._outcome("x.xlsx", returncode, b"", stderr, 1024, 60.0, 1.0)
    assert caught.value.errors[0].code == code
    assert caught.value.errors[0].text().startswith("Tệp 'x.xlsx': Không đọc được: ")


def test_an_answer_naming_any_class_but_dates_is_refused() -> None:
    body = pickle.dumps(("ok", os.system), protocol=5)
    answer = isolate._MAGIC + isolate._LENGTH.pack(len(body)) + body
    with pytest.raises(ImportRejected) as caught:
        isolate._outcome("x.xlsx", 0, answer, b"", 1024, 60.0, 1.0)
    assert caught.value.errors[0].code == "PARSE_CRASHED"


# ---------------------------------------------------------------- what comes back is intact
def test_a_workbook_comes_back_from_the_child_intact() -> None:
    cells: list[list[object]] = [
        ["Họ và tên", dt.date(1975, 3, 12), dt.datetime(2026, 9, 30, 8, 15), dt.time(7, 30)],
        [1.5, 2, True, None, dt.timedelta(hours=36), ""],
    ]
    book = Workbook(
        "a.xlsx",
        "xlsx",
        [
            Sheet(
                "Danh sách",
                cells,
                merged=[((0, 0), (0, 3))],
                fonts={(0, 0): ".VnTimeH", (1, 2): ".VnTime"},
            ),
            Sheet("Trống", []),
        ],
        encoding="utf-8+cp1258",
        warnings=[
            Issue(file="a.xlsx", message="chú ý", row=3, column="B", code="CSV_MIXED_ENCODING")
        ],
    )
    answer = isolate._loads(isolate._dumps(isolate._answer(book)))
    assert isolate._workbook("a.xlsx", answer) == book


def test_reading_in_the_child_gives_what_reading_here_gives(tmp_path: Path) -> None:
    rows = [
        ["DANH SÁCH", None, None],
        ["Họ và tên", "Ngày sinh", "Số năm"],
        ["Nguyễn Văn An", dt.date(1975, 3, 12), 20],
        ["Trần Thị Bình", dt.date(1982, 7, 5), 12.5],
    ]
    data = write_xlsx(tmp_path / "a.xlsx", SheetSpec("DS", rows, [(1, 1, 1, 3)])).read_bytes()
    isolated = readers.read_workbook(data, "a.xlsx")
    assert isolated == readers.read_workbook_unsafe(data, "a.xlsx")
    assert isinstance(isolated.sheets[0].rows[2][1], dt.date)
    assert isolated.sheets[0].merged == [((0, 0), (0, 2))]


def test_a_csv_of_utf8_and_windows_1258_lines_imports_each_line_right(store: Store) -> None:
    data = hf.mixed_encoding_csv()
    book = readers.read_workbook(data, "ghep.csv")
    assert book.encoding == "utf-8+cp1258"
    assert [w.code for w in book.warnings] == ["CSV_MIXED_ENCODING"]
    assert "dòng 3, 4" in book.warnings[0].message
    assert [row[1] for row in book.sheets[0].rows] == [
        "Họ và tên",
        "Nguyễn Văn An",
        "Trần Thị Bình",
        "Lê Văn Cường",
    ]
    result = import_bytes(store, "roster", data, "ghep.csv", WARD)
    assert result.status == "imported", result.errors
    names = store.execute("select full_name from roster_rows order by source_row")
    assert names == [("Nguyễn Văn An",), ("Trần Thị Bình",), ("Lê Văn Cường",)]
    # The reading's note reaches the import's warnings (and the screen, and the CLI's JSON).
    assert "CSV_MIXED_ENCODING" in {w.code for w in result.warnings}


def test_sheet_names_are_read_without_calamine_even_from_a_hostile_file() -> None:
    assert readers.sheet_names(hf.far_column_xls("DIMENSIONS"), "cu.xls") == ["Danh sach"]
    assert readers.sheet_names(hf.far_cell_xlsx(), "xa.xlsx") == ["Danh sach"]
    assert readers.sheet_names(hf.junk(prefix=b"PK\x03\x04"), "rac.xlsx") == []
    assert readers.sheet_names(hf.mixed_encoding_csv(), "ghep.csv") == []


# ---------------------------------------------------------------- a database held by another process
HOLDER = (
    "import duckdb, sys\n"
    "connection = duckdb.connect(sys.argv[1])\n"
    "print('ready', flush=True)\n"
    "sys.stdin.read()\n"
)


@pytest.fixture
def held_db(tmp_path: Path) -> Iterator[Path]:
    """A database another process has open for writing (as a running dashboard has)."""
    db = tmp_path / "ban.duckdb"
    assert run_cli("init", "--db", str(db))[0] == 0
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
    try:
        yield db
    finally:
        holder.communicate(timeout=30)  # closing its stdin ends it


@pytest.mark.parametrize(
    "argv",
    [
        ["init"],
        ["import", "roster", "{file}"],
        ["sql", "select count(*) from staff"],
        ["user", "list"],
        ["export", "xlsx", "--out", "{out}", "--no-images"],
    ],
    ids=["init", "import", "sql", "user-list", "export"],
)
def test_a_database_held_by_another_process_exits_3_with_a_busy_json_line(
    held_db: Path, tmp_path: Path, argv: list[str]
) -> None:
    file = tmp_path / "ds.xlsx"
    file.write_bytes(hf.xlsx(hf.sheet_xml(hf.ROSTER)))
    args = [a.format(file=file, out=tmp_path / "hop/") for a in argv]
    status, out, err, _ = run_cli(*args, "--db", str(held_db))
    assert status == 3, (out, err)
    assert "đang được một tiến trình khác sử dụng" in err
    assert "Traceback" not in err
    payload = last_json(out)
    assert payload["status"] == "busy"
    assert str(held_db) in payload["message"]
