"""The import step of the data screen (ui/upload.py) with plain bytes: check, confirm, show."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from analytics.demo_files import Person, write_official_roster
from analytics.ingest.issues import Issue
from analytics.scope import Scope
from analytics.store import Store
from analytics.templates import template_bytes
from ui.upload import (
    Choices,
    bullet_list,
    check,
    clean_ward,
    confirm,
    history_frame,
    issue_list,
    issues_frame,
    kind_label,
    preview_frame,
    sheet_names,
)

AN = Person(
    full_name="Nguyễn Văn An",
    birth=dt.date(1985, 3, 5),
    gender="Nam",
    unit="Phòng Văn hóa – Xã hội",
    position="Chuyên viên",
    field="Văn hóa – Xã hội",
    education="Cử nhân Văn hóa",
    political_theory="TC",
    state_management="CV",
    it_skill="Cơ bản",
    foreign_language="Tiếng Anh B1",
    rank_code="01.003",
    party_member=True,
)


@pytest.fixture
def roster(tmp_path: Path) -> bytes:
    path = tmp_path / "ds.xlsx"
    write_official_roster(path, [AN], as_of=dt.date(2026, 9, 30))
    return path.read_bytes()


def test_a_check_writes_nothing_and_a_confirmation_imports(roster: bytes) -> None:
    store = Store(":memory:")
    choices = Choices(kind="roster", imported_by="  Trần Thị Mai ")
    checked = check(store, choices, roster, "ds.xlsx")
    assert checked.status == "validated"
    assert store.execute("select count(*) from imports") == [(0,)]
    done = confirm(store, choices, roster, "ds.xlsx")
    assert done.status == "imported"
    assert store.execute("select imported_by, rows_imported from imports") == [("Trần Thị Mai", 1)]
    again = check(store, choices, roster, "ds.xlsx")
    assert again.status == "unchanged"
    assert again.import_id == done.import_id


def test_the_preview_has_vietnamese_headers_and_the_file_row_first(roster: bytes) -> None:
    result = check(Store(":memory:"), Choices(kind="roster"), roster, "ds.xlsx")
    frame = preview_frame(result)
    assert list(frame.columns[:3]) == ["Dòng trong tệp", "Phường/xã", "Số liệu đến ngày"]
    assert "Họ và tên" in frame.columns
    assert "full_name" not in frame.columns
    assert frame["Họ và tên"].tolist() == ["Nguyễn Văn An"]
    assert frame["Trình độ chuyên môn"].tolist() == ["Đại học"]
    assert str(frame["Ngày sinh"].dtype).startswith("datetime64")


def test_a_refused_file_says_why_in_vietnamese() -> None:
    result = check(Store(":memory:"), Choices(kind="roster"), b"PK\x03\x04not a zip", "hong.xlsx")
    assert result.status == "rejected"
    assert preview_frame(result).empty
    assert "Tệp 'hong.xlsx'" in result.errors[0].text()
    assert "bị hỏng" in result.errors[0].text()


def test_choices_become_import_options() -> None:
    choices = Choices(
        kind="evaluation", sheet="Năm 2025", year=2025, ward="phường việt hòa", imported_by=" "
    )
    options = choices.options(dry_run=True)
    assert (options.sheet, options.year, options.ward, options.dry_run) == (
        "Năm 2025",
        2025,
        "Phường Việt Hòa",
        True,
    )
    assert options.imported_by is None


@pytest.mark.parametrize(
    ("typed", "ward"),
    [
        ("PHƯỜNG VIỆT HÒA", "Phường Việt Hòa"),
        ("xã an lư", "Xã An Lư"),
        ("Việt Hòa", "Việt Hòa"),
        ("  ", None),
        (None, None),
    ],
)
def test_a_typed_ward_is_written_as_the_importer_writes_wards(
    typed: str | None, ward: str | None
) -> None:
    assert clean_ward(typed) == ward


def test_the_ward_chosen_on_import_is_used_when_the_file_names_none() -> None:
    _, blank = template_bytes("plan")
    store = Store(":memory:")
    result = check(store, Choices(kind="plan", ward="Phường Việt Hòa"), blank, "mau.xlsx")
    # Blank template: refused for having no rows, not for the ward.
    assert result.status == "rejected"
    assert "không có dòng dữ liệu" in result.errors[0].message


def test_sheet_names_are_listed_for_workbooks_only(roster: bytes) -> None:
    assert sheet_names(roster, "ds.xlsx") == ["Danh sach"]
    assert sheet_names(template_bytes("roster")[1], "mau.xlsx") == ["Danh sách", "Hướng dẫn"]
    assert sheet_names("TT,Họ và tên\n1,An\n".encode(), "ds.csv") == []
    assert sheet_names(b"PK\x03\x04broken", "hong.xlsx") == []


def test_issue_lists_show_file_names_literally_and_cut_long_lists() -> None:
    issues = [
        Issue(file="danh_sach_$2026*.xlsx", message=f"lỗi {n}", sheet="DS", row=n, column="C")
        for n in range(1, 36)
    ]
    text = issue_list(issues, limit=30)
    assert text.count("\n- ") == 30  # 30 issues and the "… và 5 mục khác" line
    assert r"danh\_sach\_\$2026\*\.xlsx" in text
    assert text.endswith("… và 5 mục khác (tải danh sách đầy đủ).")
    assert bullet_list(["a_b"]) == r"- a\_b"
    assert bullet_list([]) == ""
    frame = issues_frame(issues[:1])
    assert frame.iloc[0].to_dict() == {
        "Loại": "Lỗi",
        "Tệp": "danh_sach_$2026*.xlsx",
        "Trang": "DS",
        "Dòng": 1,
        "Cột": "C",
        "Tiêu đề cột": "",
        "Nội dung": "lỗi 1",
    }


def test_history_is_shown_in_words(roster: bytes) -> None:
    from analytics import queries

    store = Store(":memory:")
    confirm(store, Choices(kind="roster"), roster, "ds.xlsx")
    frame = history_frame(queries.import_history(store, Scope()))
    row = frame.iloc[0]
    assert row["kind"] == "Danh sách cán bộ, công chức" == kind_label("roster")
    assert row["wards"] == "Phường Việt Hòa"
    assert row["imported_by"] == "—"
    assert len(row["imported_at"]) == len("29/11/2026 06:00")
