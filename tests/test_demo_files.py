"""The synthetic demo ward files (analytics.demo_files): layouts, planted facts, determinism."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from analytics.demo_files import (
    DEMO_UNITS,
    GRADE_WORDS,
    DemoDataset,
    DemoFile,
    EvaluationRow,
    Person,
    build_demo_dataset,
    write_demo_files,
    write_evaluation,
    write_official_roster,
)

ROSTER_HEADERS_ROW7 = [
    "TT",
    "Họ và tên",
    "Ngày, tháng, năm sinh",
    None,
    "Chức vụ",
    "Lĩnh vực phụ trách",
    "Trình độ chuyên môn",
    "Lý luận chính trị",
    "Quản lý nhà nước",
    "Tin học",
    "Ngoại ngữ",
    "Ngạch",
    "Đảng viên",
    "Dân tộc",
    "Tôn giáo",
    "Chứng chỉ khác",
    "Ghi chú",
]
ABBREVIATION = {words: abbr for abbr, words in GRADE_WORDS.items()} | {
    abbr: abbr for abbr in GRADE_WORDS
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> list[DemoFile]:
    return write_demo_files(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def data() -> DemoDataset:
    return build_demo_dataset()


def _by_name(files: list[DemoFile], name: str) -> Path:
    return next(f.path for f in files if f.path.name == name)


def _sheet(path: Path) -> Worksheet:
    ws = load_workbook(path).active
    assert isinstance(ws, Worksheet)
    return ws


def _values(ws: Worksheet) -> list[list[Any]]:
    return [list(row) for row in ws.iter_rows(values_only=True)]


def _csv_rows(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "CSV must start with a UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _person_rows(ws: Worksheet) -> list[list[Any]]:
    return [row for row in _values(ws)[9:] if isinstance(row[0], int)]


def _band(score: float) -> str:
    if score >= 90:
        return "HTXSNV"
    if score >= 70:
        return "HTTNV"
    if score >= 50:
        return "HTNV"
    return "KHTNV"


# --- the file set ---------------------------------------------------------------------------


def test_files_in_import_order(demo: list[DemoFile]) -> None:
    assert [(f.kind, f.path.name, f.year) for f in demo] == [
        ("roster", "roster_2025-12-31.xlsx", None),
        ("roster", "roster_2026-09-30.xlsx", None),
        ("evaluation", "danh_gia_2024.xls", 2024),
        ("evaluation", "danh_gia_2025.xlsx", 2025),
        ("evaluation", "danh_gia_2026.csv", 2026),
        ("plan", "ke_hoach_2026.xlsx", None),
        ("progress", "tien_do_2026.csv", None),
        ("progress", "tien_do_q3_2026.xlsx", None),
    ]
    assert all(f.path.is_file() and f.path.stat().st_size > 0 for f in demo)


# --- roster layout --------------------------------------------------------------------------


# The 2026 roster has the three workforce columns (issue 11) before "Ghi chú": 20 columns, the
# right half of the title block from M; the 2025 one has 17, from J.
WORKFORCE_HEADERS = ["Giữ vị trí từ", "Tình trạng", "Ngày sinh con nhỏ nhất"]


@pytest.mark.parametrize(
    ("name", "as_of_text", "count", "extra", "right", "last"),
    [
        ("roster_2025-12-31.xlsx", "(Số liệu tính đến ngày 31/12/2025)", 39, [], "J", "Q"),
        ("roster_2026-09-30.xlsx", "(Số liệu tính đến ngày 30/9/2026)", 40, WORKFORCE_HEADERS,
         "M", "T"),
    ],
)  # fmt: skip
def test_roster_title_block_header_and_total(
    demo: list[DemoFile],
    name: str,
    as_of_text: str,
    count: int,
    extra: list[str],
    right: str,
    last: str,
) -> None:
    ws = _sheet(_by_name(demo, name))
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert ws.title == "Danh sach"
    assert ws["A1"].value == "ỦY BAN NHÂN DÂN"
    assert ws["A2"].value == "PHƯỜNG VIỆT HÒA"
    assert ws[f"{right}1"].value == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert ws[f"{right}2"].value == "Độc lập - Tự do - Hạnh phúc"
    assert {"A1:D1", "A2:D2", f"{right}1:{last}1", f"{right}2:{last}2", f"A4:{last}4",
            f"A5:{last}5"} <= merged  # fmt: skip
    assert ws["A4"].value == "DANH SÁCH TRÍCH NGANG CÁN BỘ, CÔNG CHỨC PHƯỜNG VIỆT HÒA"
    assert ws["A5"].value == as_of_text

    values = _values(ws)
    n_cols = len(ROSTER_HEADERS_ROW7) + len(extra)
    assert values[6] == [*ROSTER_HEADERS_ROW7[:-1], *extra, ROSTER_HEADERS_ROW7[-1]]
    assert values[7][2:4] == ["Nam", "Nữ"]
    assert "C7:D7" in merged
    single = [c for c in range(1, n_cols + 1) if c not in (3, 4)]
    assert all(
        f"{ws.cell(7, c).column_letter}7:{ws.cell(7, c).column_letter}8" in merged for c in single
    )
    assert values[8] == [f"({i})" for i in range(1, n_cols + 1)]

    sections = [
        row[0]
        for row in values
        if isinstance(row[0], str) and row[0][:2] in ("I.", "II", "IV", "V.")
    ]
    assert sections == [
        "I. Lãnh đạo UBND phường",
        "II. Văn phòng HĐND và UBND",
        "III. Phòng Kinh tế, Hạ tầng và Đô thị",
        "IV. Phòng Văn hóa – Xã hội",
        "V. Trung tâm Phục vụ hành chính công",
    ]
    assert ws["A10"].value == "I. Lãnh đạo UBND phường"
    assert ws["A10"].font.b
    assert f"A10:{last}10" in merged

    people = _person_rows(ws)
    assert [row[0] for row in people] == list(range(1, count + 1))
    total_row = next(i for i, row in enumerate(values, 1) if str(row[0]).startswith("Tổng cộng"))
    assert values[total_row - 1][0] == f"Tổng cộng: {count} người"
    assert f"A{total_row}:{last}{total_row}" in merged
    assert all(v is None for v in values[total_row])  # blank row after the total
    flat = [v for row in values[total_row:] for v in row if v is not None]
    for text in ("NGƯỜI LẬP BIỂU", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"):
        assert text in flat
    assert ws["A11"].font.name == "Times New Roman"
    assert ws.column_dimensions["B"].width >= 20


def test_roster_birth_columns_follow_gender(demo: list[DemoFile], data: DemoDataset) -> None:
    ws = _sheet(_by_name(demo, "roster_2026-09-30.xlsx"))
    people = _person_rows(ws)
    assert len(people) == len(data.roster_2026)
    for row, person in zip(people, data.roster_2026, strict=True):
        assert row[1] == person.full_name
        male, female = row[2], row[3]
        if person.gender == "Nam":
            assert male is not None and female is None, person.full_name
        else:
            assert female is not None and male is None, person.full_name
    # The chairman is the first row, a man: a real date cell in "Nam".
    assert ws["B11"].value == data.staff[0].person.full_name
    assert isinstance(ws["C11"].value, datetime) and ws["D11"].value is None
    assert ws["C11"].number_format == "dd/mm/yyyy"
    # The woman known only by her birth year: 1987 in "Nữ".
    (year_only,) = data.facts["birth_year_only"]
    row = next(r for r in people if r[1] == year_only)
    assert row[2] is None and row[3] == 1987


def test_roster_writes_a_mix_of_birth_forms(demo: list[DemoFile]) -> None:
    for name, years in (("roster_2025-12-31.xlsx", 3), ("roster_2026-09-30.xlsx", 1)):
        births = [
            r[2] if r[2] is not None else r[3] for r in _person_rows(_sheet(_by_name(demo, name)))
        ]
        kinds = Counter(type(b).__name__ for b in births)
        assert kinds["int"] == years
        assert kinds["str"] >= 2
        assert kinds["datetime"] > len(births) // 2
        assert all(
            len(b) == 10 and b[2] == "/" and b[5] == "/" for b in births if isinstance(b, str)
        )


def test_roster_snapshots_differ_by_hires_leaver_and_upgrade(
    demo: list[DemoFile], data: DemoDataset
) -> None:
    old = {r[1]: r for r in _person_rows(_sheet(_by_name(demo, "roster_2025-12-31.xlsx")))}
    new = {r[1]: r for r in _person_rows(_sheet(_by_name(demo, "roster_2026-09-30.xlsx")))}
    # Two "Nguyễn Thị Hương" collapse in these dicts; both are in both snapshots.
    assert sorted(set(old) - set(new)) == data.facts["left_2026"]
    assert sorted(set(new) - set(old)) == sorted(data.facts["hired_2026"])
    (upgraded,) = data.facts["upgraded_tc_to_dh"]
    assert old[upgraded][6] == "TC Luật"
    assert new[upgraded][6] == "Cử nhân Luật"
    changed = [n for n in set(old) & set(new) if old[n][6] != new[n][6]]
    assert changed == [upgraded]
    for name in data.facts["missing_education"]:
        assert new[name][6] is None


def test_demo_distributions_look_like_a_ward(data: DemoDataset) -> None:
    people = data.roster_2026
    assert 37 <= len(people) <= 43
    assert Counter(p.unit for p in people) == {
        DEMO_UNITS[0]: 3,
        DEMO_UNITS[1]: 9,
        DEMO_UNITS[2]: 11,
        DEMO_UNITS[3]: 8,
        DEMO_UNITS[4]: 9,
    }
    female = sum(p.gender == "Nữ" for p in people) / len(people)
    party = sum(p.party_member for p in people) / len(people)
    assert 0.40 <= female <= 0.52
    assert 0.5 <= party <= 0.7
    below_university = [p for p in people if p.education.split(" ")[0] in ("TC", "CĐ")]
    assert len(below_university) == 2
    assert sum(p.education == "" for p in people) == 2
    assert Counter(p.political_theory for p in people)["TC"] >= 30
    assert len({p.full_name for p in people}) == len(people) - 1  # one planted homonym pair


# --- evaluations ----------------------------------------------------------------------------


def test_evaluation_2024_xls_has_year_only_in_sheet_name(demo: list[DemoFile]) -> None:
    wb = CalamineWorkbook.from_path(str(_by_name(demo, "danh_gia_2024.xls")))
    assert wb.sheet_names == ["Nam 2024"]
    rows = wb.get_sheet_by_name("Nam 2024").to_python()
    assert rows[0][0] == "ỦY BAN NHÂN DÂN"
    assert rows[3][0] == "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC"
    assert rows[5] == [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Chức vụ",
        "Đơn vị",
        "Điểm đánh giá",
        "Xếp loại",
        "Tỷ lệ hồ sơ đúng hạn (%)",
        "Mức độ hài lòng (%)",
        "Ghi chú",
    ]
    assert not any("2024" in str(v) for row in rows for v in row)
    body = [row for row in rows[6:] if isinstance(row[0], int | float)]
    assert len(body) == 38
    assert all(isinstance(row[2], int | float) and 1960 < row[2] < 2005 for row in body)
    assert {row[6] for row in body} == {"HTXSNV", "HTTNV", "HTNV"}
    for row in body:
        score = row[5]
        assert isinstance(score, int | float)
        assert _band(score) == row[6]


def test_evaluation_2025_xlsx_year_in_title_and_khtnv(
    demo: list[DemoFile], data: DemoDataset
) -> None:
    ws = _sheet(_by_name(demo, "danh_gia_2025.xlsx"))
    assert ws["A4"].value == "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC NĂM 2025"
    values = _values(ws)
    assert values[5][:3] == ["STT", "Họ và tên", "Ngày sinh"]
    body = [row for row in values[6:] if isinstance(row[0], int)]
    assert len(body) == 39
    grades = Counter(ABBREVIATION[row[6]] for row in body)
    assert grades == {"HTTNV": 33, "HTXSNV": 4, "HTNV": 1, "KHTNV": 1}
    (khtnv,) = [row for row in body if row[6] == "Không hoàn thành nhiệm vụ"]
    assert [khtnv[1]] == data.facts["khtnv_2025"]
    assert khtnv[5] < 50
    assert all(_band(row[5]) == ABBREVIATION[row[6]] for row in body)
    assert isinstance(body[0][2], datetime)
    assert ws.cell(7, 6).number_format == "0.0"


def test_evaluation_2026_csv_has_year_column_and_unrated_hire(
    demo: list[DemoFile], data: DemoDataset
) -> None:
    rows = _csv_rows(_by_name(demo, "danh_gia_2026.csv"))
    assert rows[0] == [
        "STT",
        "Họ và tên",
        "Ngày sinh",
        "Chức vụ",
        "Đơn vị",
        "Năm",
        "Điểm đánh giá",
        "Xếp loại",
        "Tỷ lệ hồ sơ đúng hạn (%)",
        "Mức độ hài lòng (%)",
        "Ghi chú",
    ]
    body = rows[1:]
    assert len(body) == 40
    assert {row[5] for row in body} == {"2026"}
    written = {row[7] for row in body}
    assert "HTTNV" in written and "Hoàn thành tốt nhiệm vụ" in written  # a mix of forms
    (unrated,) = [row for row in body if row[7] == "Không xếp loại"]
    assert [unrated[1]] == data.facts["unrated_2026"]
    assert unrated[6] == ""
    for row in body:
        if row[6]:
            assert _band(float(row[6])) == ABBREVIATION[row[7]]
            assert row[6] == f"{float(row[6]):.1f}"
        if row[2] != "1987":
            datetime.strptime(row[2], "%d/%m/%Y")
    scores = {row[1] + row[2]: row[6] for row in body}
    assert "90.0" in scores.values() and "70.0" in scores.values() and "89.9" in scores.values()


def test_htxsnv_quota_breached_only_once(data: DemoDataset) -> None:
    breaches = []
    for year, rows in data.evaluations.items():
        per_unit: Counter[tuple[str, str]] = Counter(
            (row.unit, ABBREVIATION.get(row.grade, "KXL")) for row in rows
        )
        for unit in DEMO_UNITS:
            if per_unit[(unit, "HTXSNV")] > 0.2 * per_unit[(unit, "HTTNV")]:
                breaches.append((year, unit))
    assert breaches == [(2026, "Phòng Kinh tế, Hạ tầng và Đô thị")]


# --- plan and progress ----------------------------------------------------------------------


def test_plan_layout_and_six_clear_gaps(demo: list[DemoFile]) -> None:
    ws = _sheet(_by_name(demo, "ke_hoach_2026.xlsx"))
    values = _values(ws)
    assert values[0][0] == "ỦY BAN NHÂN DÂN"
    assert ws["A4"].value == (
        "KẾ HOẠCH NÂNG CAO CHẤT LƯỢNG ĐỘI NGŨ CÁN BỘ, CÔNG CHỨC PHƯỜNG VIỆT HÒA"
    )
    assert values[6] == [
        "TT",
        "Nội dung nhiệm vụ",
        "Cơ quan chủ trì",
        "Cơ quan phối hợp",
        "Thời gian thực hiện",
        "Sản phẩm",
        "Người chịu trách nhiệm",
        "Thẩm quyền quyết định",
    ]
    tasks = values[7:]
    assert [row[0] for row in tasks] == ["1", "2", "3", "4", "a", "b", "5", "6"]
    assert [row[4] for row in tasks] == [
        "Thường xuyên",
        "Hoàn thành trong tháng 6/2026",
        "Hoàn thành trong Quý III/2026",
        "Thường xuyên",
        "Thực hiện thường xuyên",
        "Thường xuyên",
        "Thường xuyên",
        "Thường xuyên",
    ]
    assert tasks[1][2] == "Phòng Văn hóa – Xã hội"
    gaps = {
        (row[0], header)
        for row in tasks
        for header, value in zip(values[6][5:], row[5:], strict=True)
        if value is None
    }
    assert gaps == {
        ("1", "Sản phẩm"),
        ("6", "Sản phẩm"),
        ("a", "Thẩm quyền quyết định"),
        ("b", "Người chịu trách nhiệm"),
    }


def test_progress_reports(demo: list[DemoFile]) -> None:
    rows = _csv_rows(_by_name(demo, "tien_do_2026.csv"))
    assert rows[0] == [
        "Mã nhiệm vụ",
        "Ngày báo cáo",
        "Tình trạng",
        "Tỷ lệ hoàn thành (%)",
        "Sản phẩm",
        "Ghi chú",
        "Người báo cáo",
    ]
    h1 = rows[1:]
    assert len(h1) == 24
    assert ["2", "25/06/2026", "Hoàn thành", "100"] in [row[:4] for row in h1]
    assert {row[2] for row in h1} == {"Hoàn thành", "Đang thực hiện", "Chưa thực hiện"}
    assert [row[1] for row in h1 if row[0] == "5"] == [f"25/{m:02d}/2026" for m in range(1, 7)]

    ws = _sheet(_by_name(demo, "tien_do_q3_2026.xlsx"))
    values = _values(ws)
    assert values[3] == rows[0]
    q3 = [row for row in values[4:] if row[0] is not None]
    assert len(q3) == 12
    last_3 = [row for row in q3 if row[0] == "3"][-1]
    assert last_3[1] == datetime(2026, 9, 30)
    assert last_3[2:4] == ["Đang thực hiện", 70]
    assert not [row for row in q3 if row[0] == "6"]
    assert ws.cell(5, 2).number_format == "dd/mm/yyyy"


# --- determinism ----------------------------------------------------------------------------


def test_two_runs_are_identical(tmp_path: Path) -> None:
    first = write_demo_files(tmp_path / "a")
    second = write_demo_files(tmp_path / "b")
    for one, two in zip(first, second, strict=True):
        suffix = one.path.suffix
        if suffix == ".csv":
            assert one.path.read_bytes() == two.path.read_bytes()
        elif suffix == ".xlsx":
            assert _values(_sheet(one.path)) == _values(_sheet(two.path))
        else:
            left = CalamineWorkbook.from_path(str(one.path))
            right = CalamineWorkbook.from_path(str(two.path))
            assert left.sheet_names == right.sheet_names
            for name in left.sheet_names:
                a = left.get_sheet_by_name(name).to_python()
                b = right.get_sheet_by_name(name).to_python()
                assert a == b


# --- the lower-level writers ----------------------------------------------------------------


def _fixture_people() -> list[Person]:
    common: dict[str, Any] = {
        "position": "Chuyên viên",
        "field": "Kế toán",
        "education": "TC Kế toán",
        "political_theory": "TC",
        "state_management": "CV",
        "it_skill": "B",
        "foreign_language": "Anh B",
        "rank_code": "01.003",
        "party_member": True,
    }
    return [
        Person("Trần Văn Bình", date(1980, 3, 12), "Nam", DEMO_UNITS[1], staff_id="VH01", **common),
        Person("Lê Thị Mai", "31/02/1985", "Nữ", DEMO_UNITS[1], staff_id="VH02", **common),
        Person("Phạm Thị Lan", 1990, "Nữ", DEMO_UNITS[3], **common),
    ]


def test_roster_writer_flat_variant_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "flat.xlsx"
    write_official_roster(
        path,
        _fixture_people(),
        as_of=date(2026, 1, 5),
        sections=False,
        split_birth_by_gender=False,
        numbering_row=False,
        with_id=True,
        sheet_name="DS",
    )
    ws = _sheet(path)
    values = _values(ws)
    assert ws.title == "DS"
    assert ws["A5"].value == "(Số liệu tính đến ngày 5/1/2026)"
    assert values[6][:6] == ["TT", "Mã CBCC", "Họ và tên", "Đơn vị", "Ngày sinh", "Giới tính"]
    assert values[7][:6] == [
        1,
        "VH01",
        "Trần Văn Bình",
        DEMO_UNITS[1],
        datetime(1980, 3, 12),
        "Nam",
    ]
    assert values[8][4] == "31/02/1985"
    assert values[9][4] == 1990
    assert values[10][0] == "Tổng cộng: 3 người"


def test_roster_writer_xls_and_csv(tmp_path: Path) -> None:
    people = _fixture_people()
    xls = tmp_path / "ds.xls"
    write_official_roster(xls, people, as_of=date(2026, 9, 30))
    rows = CalamineWorkbook.from_path(str(xls)).get_sheet_by_name("Danh sach").to_python()
    assert rows[0][0] == "ỦY BAN NHÂN DÂN"
    assert rows[4][0] == "(Số liệu tính đến ngày 30/9/2026)"
    assert rows[6][:3] == ["TT", "Họ và tên", "Ngày, tháng, năm sinh"]
    assert rows[7][2:4] == ["Nam", "Nữ"]
    assert rows[8][:3] == ["(1)", "(2)", "(3)"]
    assert rows[9][0] == "I. Văn phòng HĐND và UBND"
    assert rows[10][1] == "Trần Văn Bình" and rows[10][2] == date(1980, 3, 12) and rows[10][3] == ""
    assert rows[11][3] == "31/02/1985"
    assert rows[12][0] == "II. Phòng Văn hóa – Xã hội"
    assert rows[13][3] == 1990
    assert rows[14][0] == "Tổng cộng: 3 người"

    flat = tmp_path / "ds.csv"
    write_official_roster(flat, people, as_of=date(2026, 9, 30), with_id=True)
    lines = _csv_rows(flat)
    assert lines[0][:7] == [
        "TT",
        "Mã CBCC",
        "Họ và tên",
        "Đơn vị",
        "Ngày sinh",
        "Giới tính",
        "Chức vụ",
    ]
    assert lines[1][:6] == ["1", "VH01", "Trần Văn Bình", DEMO_UNITS[1], "12/03/1980", "Nam"]
    assert lines[3][4] == "1990"
    assert len(lines) == 4


def test_evaluation_writer_options(tmp_path: Path) -> None:
    rows = [
        EvaluationRow(
            "Trần Văn Bình",
            date(1980, 3, 12),
            "Chuyên viên",
            DEMO_UNITS[1],
            91.25,
            "HTXSNV",
            staff_id="VH01",
        )
    ]
    path = tmp_path / "dg.xlsx"
    write_evaluation(path, rows, year=2025, year_in="column", with_id=True, birth_as="year")
    ws = _sheet(path)
    values = _values(ws)
    assert ws["A4"].value == "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHẤT LƯỢNG CÁN BỘ, CÔNG CHỨC"
    assert values[5][:8] == [
        "STT",
        "Mã CBCC",
        "Họ và tên",
        "Ngày sinh",
        "Chức vụ",
        "Đơn vị",
        "Năm",
        "Điểm đánh giá",
    ]
    assert values[6][:9] == [
        1,
        "VH01",
        "Trần Văn Bình",
        1980,
        "Chuyên viên",
        DEMO_UNITS[1],
        2025,
        91.2,
        "HTXSNV",
    ]
    with pytest.raises(ValueError):
        write_evaluation(tmp_path / "dg.csv", rows, year=2025, year_in="title")
