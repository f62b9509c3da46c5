"""Headline figures of the overview screen, against numbers worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import queries
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_evaluations, add_plan, add_progress, add_roster

TODAY = dt.date(2026, 11, 29)
VH = "Phòng Văn hóa – Xã hội"
KT = "Phòng Kinh tế, Hạ tầng và Đô thị"


@pytest.fixture
def store() -> Store:
    store = Store(":memory:")
    # 31/12/2025: A (ĐH), B (TC, land: below the floor, sensitive), C (ĐH, LLCT unknown).
    add_roster(
        store,
        [
            {"staff_id": "A", "full_name": "Nguyễn Văn An"},
            {
                "staff_id": "B",
                "full_name": "Trần Thị Bình",
                "gender": "Nữ",
                "unit": KT,
                "field": "Đất đai",
                "major": "Quản lý đất đai",
                "education_level": "Trung cấp",
                "political_theory": "Sơ cấp",
            },
            {"staff_id": "C", "full_name": "Lê Văn Cường", "political_theory": None},
        ],
        as_of=dt.date(2025, 12, 31),
    )
    # 30/09/2026: B upgraded to ĐH and LLCT TC; C's degree unknown; D joins with a Luật degree
    # in accounting (major not matching, sensitive).
    add_roster(
        store,
        [
            {"staff_id": "A", "full_name": "Nguyễn Văn An"},
            {
                "staff_id": "B",
                "full_name": "Trần Thị Bình",
                "gender": "Nữ",
                "unit": KT,
                "field": "Đất đai",
                "major": "Quản lý đất đai",
            },
            {
                "staff_id": "C",
                "full_name": "Lê Văn Cường",
                "political_theory": None,
                "education_level": None,
            },
            {
                "staff_id": "D",
                "full_name": "Phạm Thị Dung",
                "gender": "Nữ",
                "unit": KT,
                "field": "Tài chính – Kế toán",
                "major": "Luật",
                "education_level": "Thạc sĩ",
                "political_theory": "Cao cấp",
            },
        ],
        as_of=dt.date(2026, 9, 30),
    )
    add_evaluations(
        store,
        [
            {"staff_id": "A", "year": 2025, "grade": "HTTNV"},
            {"staff_id": "B", "year": 2025, "grade": "HTXSNV"},
            {"staff_id": "A", "year": 2026, "grade": "HTTNV"},
            {"staff_id": "B", "year": 2026, "grade": "HTTNV"},
            {"staff_id": "D", "year": 2026, "grade": "KHTNV"},
        ],
    )
    add_plan(
        store,
        [
            {"task_code": "1", "title": "Rà soát", "due_date": dt.date(2026, 6, 30)},
            {"task_code": "2", "title": "Bố trí", "due_date": dt.date(2026, 9, 30)},
            {"task_code": "3", "title": "Đào tạo", "recurring": True},
        ],
    )
    add_progress(
        store,
        [
            {"task_code": "1", "report_date": dt.date(2026, 6, 25), "status": "Hoàn thành"},
            {"task_code": "2", "report_date": dt.date(2026, 9, 30), "status": "Đang thực hiện"},
        ],
    )
    return store


def test_headline_figures_of_the_latest_snapshot(store: Store) -> None:
    summary = queries.overview(store, Scope(), TODAY)
    assert summary.as_of == dt.date(2026, 9, 30)
    assert summary.head_count == 4
    assert summary.university_share == 3 / 4  # A, B, D
    assert summary.political_theory_share == 3 / 4  # A TC, B TC, D CC
    assert summary.below_standard == 1  # D: major
    assert summary.below_standard_sensitive == 1
    assert summary.no_data == 1  # C: degree unknown


def test_change_since_the_previous_snapshot(store: Store) -> None:
    summary = queries.overview(store, Scope(), TODAY)
    assert summary.previous_as_of == dt.date(2025, 12, 31)
    assert summary.delta("head_count") == 1
    assert summary.delta("university_share") == pytest.approx(3 / 4 - 2 / 3)
    assert summary.delta("political_theory_share") == pytest.approx(3 / 4 - 1 / 3)
    assert summary.delta("below_standard") == 0  # B's gap closed, D's opened
    assert summary.delta("no_data") == 1


def test_latest_evaluation_mix_and_plan_counts(store: Store) -> None:
    summary = queries.overview(store, Scope(), TODAY)
    assert summary.evaluation_year == 2026
    assert summary.grade_counts == {"HTTNV": 2, "KHTNV": 1}
    assert summary.plan_counts == {
        "Hoàn thành": 1,
        "Đang thực hiện": 0,  # task 2 is past its due date: counted as overdue
        "Quá hạn": 1,
        "Chưa thực hiện": 1,
    }


def test_the_year_in_view_is_the_chosen_year_when_held_else_the_latest(store: Store) -> None:
    chosen = queries.overview(store, Scope(year=2025), TODAY)
    assert (chosen.evaluation_year, chosen.grade_counts) == (2025, {"HTTNV": 1, "HTXSNV": 1})
    # 2019 holds no result: the latest year (2026) is shown, never an empty mix
    missing = queries.overview(store, Scope(year=2019), TODAY)
    assert (missing.evaluation_year, missing.grade_counts) == (2026, {"HTTNV": 2, "KHTNV": 1})


def test_a_unit_head_sees_only_their_unit(store: Store) -> None:
    summary = queries.overview(store, Scope(role="unit_head", role_unit=KT), TODAY)
    assert summary.head_count == 2  # B, D
    assert summary.university_share == 1.0
    assert summary.previous.get("head_count") == 1
    assert summary.grade_counts == {"HTTNV": 1, "KHTNV": 1}


def test_an_empty_database_gives_zeros_not_errors() -> None:
    summary = queries.overview(Store(":memory:"), Scope(), TODAY)
    assert summary.head_count == 0
    assert summary.university_share is None
    assert summary.grade_counts == {}
    assert summary.plan_counts == {}


def test_the_place_in_view_names_the_ward_and_its_province() -> None:
    # Phường Việt Hòa is in migration 008's Hải Phòng reference; "Xã Thử" in none.
    store = Store(":memory:")
    assert queries.place_in_view(store, Scope()) == ""  # no roster yet
    add_roster(store, [{"staff_id": "a", "full_name": "Nguyễn Văn An"}], ward="Phường Việt Hòa")
    add_roster(store, [{"staff_id": "b", "full_name": "Trần Văn Bình"}], ward="Xã Thử")
    viet_hoa = "Phường Việt Hòa · Thành phố Hải Phòng"
    assert queries.place_in_view(store, Scope(wards=("Phường Việt Hòa",))) == viet_hoa
    assert queries.place_in_view(store, Scope()) == "2 phường/xã"  # one province unknown
    # a ward officer sees their own ward, whatever the filter says
    officer = Scope(role="hr", role_ward="Xã Thử", wards=("Phường Việt Hòa",))
    assert queries.place_in_view(store, officer) == "Xã Thử"
