"""Query functions of the data screen on hand-written rows: the data-quality report, unmatched
evaluation rows, the import log."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from analytics import queries
from analytics.scope import Scope, ScopeError
from analytics.store import Store
from tests.rows import add_evaluations, add_roster

KT = "Phòng Kinh tế, Hạ tầng và Đô thị"
VHXH = "Phòng Văn hóa – Xã hội"

# As of 30/09/2026 (tests.rows default). Everyone else is complete: the defaults of tests.rows
# with tin học and ngoại ngữ given (COMPLETE), which tests.rows leaves empty.
COMPLETE = {"it_skill": "Cơ bản", "foreign_language": "Bậc 3 (B1)"}
PEOPLE = [
    {"staff_id": "a", "full_name": "Nguyễn Văn An"},  # complete: no problem
    {"staff_id": "b", "full_name": "Trần Thị Bình", "birth_year": None},  # no birth
    {"staff_id": "c", "full_name": "Lê Văn Cường", "education_level": None, "major": None},
    {"staff_id": "d", "full_name": "Phạm Văn Dũng", "education_level": None, "major": "Luật"},
    {
        "staff_id": "e",
        "full_name": "Hoàng Văn Em",
        "is_leader": True,
        "political_theory": None,
        "unit": KT,
    },
    {
        "staff_id": "f",
        "full_name": "Vũ Thị Hoa",
        "is_leader": True,
        "political_theory": "Chưa qua đào tạo",
        "unit": KT,
    },
    {"staff_id": "g1", "full_name": "Đỗ Văn Giang", "birth_date": dt.date(1990, 5, 1), "unit": KT},
    {"staff_id": "g2", "full_name": "Đỗ Văn Giang", "birth_date": dt.date(1990, 5, 1), "unit": KT},
    {"staff_id": "g3", "full_name": "Đỗ Văn Giang", "birth_date": dt.date(1991, 5, 1), "unit": KT},
    {"staff_id": "h", "full_name": "Bùi Văn Hải", "birth_year": 2010},  # 16 years old
    {"staff_id": "i", "full_name": "Ngô Văn Ích", "birth_year": 1950, "unit": KT},  # 76
    {  # no QLNN, tin học, ngoại ngữ: counted by Trình độ, so listed here too
        "staff_id": "j",
        "full_name": "Đinh Thị Yến",
        "state_management": None,
        "it_skill": None,
        "foreign_language": None,
    },
]
PEOPLE = [{**COMPLETE, **person} for person in PEOPLE]
# Problem -> people, worked out by hand from PEOPLE.
EXPECTED = {
    "Thiếu ngày/năm sinh": {"b"},
    "Thiếu trình độ chuyên môn": {"c", "d"},
    "Thiếu chuyên ngành đào tạo": {"c"},  # c has no major; d's "Luật" has its group
    "Thiếu trình độ quản lý nhà nước": {"j"},
    "Thiếu trình độ tin học": {"j"},
    "Thiếu trình độ ngoại ngữ": {"j"},
    "Có chuyên ngành nhưng thiếu trình độ": {"d"},
    "Thiếu lý luận chính trị": {"e"},
    "Lãnh đạo nhưng chưa có LLCT": {"e", "f"},
    "Trùng họ tên và ngày sinh với người khác": {"g1", "g2"},
    "Tuổi dưới 18 hoặc trên 70": {"h", "i"},
}


@pytest.fixture
def store() -> Store:
    store = Store(":memory:")
    add_roster(store, PEOPLE)
    return store


def test_data_quality_finds_each_planted_problem_and_nothing_else(store: Store) -> None:
    frame = queries.data_quality(store, Scope())
    found = {p: set(g["staff_id"]) for p, g in frame.groupby("problem")}
    assert found == EXPECTED


def test_data_quality_names_the_file_and_row_each_problem_came_from(store: Store) -> None:
    frame = queries.data_quality(store, Scope())
    row = frame[frame["staff_id"] == "b"].iloc[0]
    # tests.rows numbers rows from 10 in list order: "b" is the second person.
    assert int(row["source_row"]) == 11
    assert row["file_name"].startswith("roster-")
    assert row["problem_group"] == "Thiếu thông tin"


def test_data_quality_summary_counts_people_per_problem_grouped(store: Store) -> None:
    summary = queries.data_quality_summary(store, Scope())
    # 7 kinds of missing field (b; c, d; c; e; j three times), 3 odd combinations, 1 duplicate.
    assert list(summary["problem_group"]) == ["Thiếu thông tin"] * 7 + ["Không hợp lý"] * 3 + [
        "Trùng lặp"
    ]
    counts = dict(zip(summary["problem"], summary["people"], strict=True))
    assert counts == {problem: len(people) for problem, people in EXPECTED.items()}
    # Within a group, the most frequent problem first.
    # (then, at one person each, by name).
    assert list(summary["problem"][:3]) == [
        "Thiếu trình độ chuyên môn",
        "Thiếu chuyên ngành đào tạo",
        "Thiếu lý luận chính trị",
    ]


def test_the_people_missing_a_qualification_are_those_trinh_do_counts(store: Store) -> None:
    # Trình độ's "Thiếu thông tin trình độ": c, d (chuyên môn), e (LLCT), j (QLNN, tin học,
    # ngoại ngữ) = 4 people; the data screen lists exactly those four.
    listed = queries.missing_qualification_people(queries.data_quality(store, Scope()))
    assert set(listed["staff_id"]) == {"c", "d", "e", "j"}
    assert queries.qualification_summary(store, Scope()).incomplete == 4
    # every dimension Trình độ counts has its own problem in the report
    assert set(queries.QUALIFICATION_MISSING) == set(queries.QUALIFICATION_DIMENSIONS)


def test_a_unit_head_sees_the_problems_of_their_unit_only(store: Store) -> None:
    scope = Scope(role="unit_head", role_unit=KT)
    frame = queries.data_quality(store, scope)
    assert set(frame["staff_id"]) == {"e", "f", "g1", "g2", "i"}
    assert queries.latest_roster_size(store, scope) == 6


def test_the_quality_report_is_not_for_the_viewer_role(store: Store) -> None:
    with pytest.raises(ScopeError):
        queries.data_quality(store, Scope(role="viewer"))


def test_a_clean_roster_has_an_empty_report() -> None:
    store = Store(":memory:")
    add_roster(store, [{"staff_id": "a", "full_name": "Nguyễn Văn An", **COMPLETE}])
    assert queries.data_quality(store, Scope()).empty
    assert queries.data_quality_summary(store, Scope()).empty
    assert queries.latest_roster_size(store, Scope()) == 1


def test_unmatched_evaluations_lists_the_rows_without_a_person(store: Store) -> None:
    add_evaluations(
        store,
        [
            {"staff_id": "a", "year": 2025, "grade": "HTTNV"},
            {"staff_id": None, "full_name": "Người Lạ", "year": 2025, "grade": "HTNV"},
            {"staff_id": None, "full_name": "Người Khác", "year": 2024, "grade": "HTNV"},
        ],
    )
    frame = queries.unmatched_evaluations(store, Scope())
    assert list(frame["full_name"]) == ["Người Lạ", "Người Khác"]  # newest year first
    assert list(frame["source_row"]) == [11, 12]
    assert set(frame["reason"]) == {"Không tìm thấy trong danh sách cán bộ"}


def test_unmatched_evaluations_follow_the_ward_and_unit(store: Store) -> None:
    add_evaluations(store, [{"staff_id": None, "full_name": "Người Lạ", "year": 2025}])
    add_evaluations(
        store, [{"staff_id": None, "full_name": "Người Xa", "year": 2025}], ward="Xã Khác"
    )
    store.execute("update evaluation_rows set unit = ? where full_name = 'Người Lạ'", [VHXH])
    assert list(queries.unmatched_evaluations(store, Scope(wards=("Xã Khác",)))["full_name"]) == [
        "Người Xa"
    ]
    own = queries.unmatched_evaluations(store, Scope(role="unit_head", role_unit=VHXH))
    assert list(own["full_name"]) == ["Người Lạ"]
    assert queries.unmatched_evaluations(store, Scope(role="unit_head", role_unit=KT)).empty


def test_import_history_is_newest_first_and_keeps_warnings(store: Store) -> None:
    later = add_evaluations(store, [{"staff_id": "a", "year": 2025}])
    warnings = [{"message": "x", "text": "Tệp 'a.xlsx', dòng 7: x"}]
    store.execute(
        "update imports set warnings = ? where import_id = ?", [json.dumps(warnings), later]
    )
    history = queries.import_history(store, Scope())
    assert list(history["kind"]) == ["evaluation", "roster"]
    assert int(history["warnings"].iloc[0]) == 1
    assert queries.import_warnings(store, Scope(), later).shown == ["Tệp 'a.xlsx', dòng 7: x"]
    assert queries.import_warnings(store, Scope(), int(history["import_id"].iloc[1])).shown == []
