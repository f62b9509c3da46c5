"""Training needs from the gaps (analytics.queries.training), on hand-written people and
training records (expected by hand). Standards are the seeded defaults of 002_standards.sql;
course rules those of 010_training.sql."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics.queries import training
from analytics.scope import Scope, ScopeError
from analytics.store import Store
from tests.rows import add_roster

ON = dt.date(2026, 9, 30)
WARD = "Phường Thử"
PEOPLE = [
    # TC in a land post: one gap, education -> a degree. Record: a degree ending 2028 -> đang học.
    {"staff_id": "T1", "full_name": "Nguyễn Văn Đất", "field": "Đất đai",
     "education_level": "Trung cấp", "major": "Quản lý đất đai"},
    # A head of unit with LLCT Sơ cấp: one gap -> LLCT Trung cấp. Record ended 30/6/2026: done.
    {"staff_id": "T2", "full_name": "Lê Văn Trưởng", "is_leader": True, "position": "Trưởng phòng",
     "political_theory": "Sơ cấp"},
    # A chief accountant without the certificate: "thiếu" -> Bồi dưỡng kế toán trưởng. Record
    # starting 1/11/2026: đã lên kế hoạch.
    {"staff_id": "T3", "full_name": "Hoàng Văn Két", "position": "Kế toán trưởng",
     "field": "Tài chính – Kế toán", "major": "Kế toán"},
    # A law graduate in accounting: major -> a degree in Kế toán, Kiểm toán…; no record.
    {"staff_id": "T4", "full_name": "Trần Thị Toán", "field": "Tài chính – Kế toán",
     "major": "Luật"},
    # No gap (a record of his is no need).
    {"staff_id": "T5", "full_name": "Đỗ Văn Đạt"},
    # No QLNN on file as a leader: "chưa có dữ liệu" is a data gap, not a training need.
    {"staff_id": "T6", "full_name": "Phạm Thị Phó", "is_leader": True,
     "position": "Phó Trưởng phòng", "state_management": None},
]  # fmt: skip
# staff_id, course, course_key, date_from, date_to, certificate, status
RECORDS = [
    ("T1", "Đại học Quản lý đất đai", "degree", dt.date(2026, 3, 1), dt.date(2028, 6, 30), None, None),
    ("T2", "Trung cấp LLCT", "llct_tc", dt.date(2025, 9, 1), dt.date(2026, 6, 30), None, None),
    # an older planned record of the same course: the done one wins
    ("T2", "Trung cấp LLCT", "llct_tc", dt.date(2027, 1, 1), None, None, "planned"),
    ("T3", "Bồi dưỡng kế toán trưởng", "ktt", dt.date(2026, 11, 1), dt.date(2026, 11, 30), None, None),
    ("T5", "Tin học cơ bản", "cntt_cb", None, dt.date(2026, 1, 31), "Chứng chỉ CNTT cơ bản", None),
    # unmatched person: never counted
    (None, "Trung cấp LLCT", "llct_tc", None, dt.date(2026, 1, 1), None, None),
]  # fmt: skip


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    add_roster(s, PEOPLE, ward=WARD)
    for row_no, (staff, course, key, start, stop, cert, status) in enumerate(RECORDS, start=7):
        s.execute(
            """
            insert into training_records (import_id, ward, source_row, staff_id, match_method,
                full_name, course, course_key, date_from, date_to, certificate, status)
            values (1, ?, ?, ?, ?, 'x', ?, ?, ?, ?, ?, ?)
            """,
            [WARD, row_no, staff, "id" if staff else "unmatched", course, key, start, stop, cert,
             status],
        )  # fmt: skip
    return s


def test_each_gap_calls_for_its_course_with_the_status_of_the_records(store: Store) -> None:
    needs = training.training_needs(store, Scope(), on=ON)
    got = {(r.staff_id, r.course, r.status) for r in needs.itertuples()}
    assert got == {
        ("T1", "Đào tạo trình độ Đại học ngành phù hợp với vị trí", "đang học"),
        ("T2", "LLCT Trung cấp", "đã hoàn thành"),
        ("T3", "Bồi dưỡng kế toán trưởng", "đã lên kế hoạch"),
        ("T4", "Văn bằng đại học ngành phù hợp (Kế toán, Kiểm toán, Tài chính, Ngân hàng)",
         "chưa đăng ký"),
    }  # fmt: skip
    assert list(needs.columns) == training.NEED_COLUMNS
    llct = needs[needs["staff_id"] == "T2"].iloc[0]
    assert llct["legal_source"] == "QĐ 71-QĐ/TU, 396-QĐ/TU (chưa kiểm chứng)"
    assert llct["date_to"].date() == dt.date(2026, 6, 30)


def test_status_follows_the_reference_date(store: Store) -> None:
    # On 1/6/2026 the LLCT course (ends 30/6) is under way; T1's degree began 1/3: đang học.
    early = training.training_needs(store, Scope(), on=dt.date(2026, 6, 1))
    assert dict(zip(early["staff_id"], early["status"], strict=True))["T2"] == "đang học"
    # On 1/2/2026 T1's degree (from 1/3) is planned.
    earlier = training.training_needs(store, Scope(), on=dt.date(2026, 2, 1))
    assert dict(zip(earlier["staff_id"], earlier["status"], strict=True))["T1"] == "đã lên kế hoạch"


def test_summary_counts_by_course(store: Store) -> None:
    summary = training.training_summary(store, Scope(), on=ON).set_index("course")
    # the degree course: T1 (đang học); the major course: T4 (chưa đăng ký)
    degree = summary.loc["Đào tạo trình độ Đại học ngành phù hợp với vị trí"]
    assert (degree["needed"], degree["ongoing"], degree["done"]) == (1, 1, 0)
    assert summary.loc["LLCT Trung cấp", "done"] == 1
    assert summary.loc["Bồi dưỡng kế toán trưởng", "planned"] == 1
    # 4 needs in all: 1 done, 1 ongoing, 1 planned, 1 not registered
    assert summary["needed"].sum() == 4
    assert [summary[c].sum() for c in ("done", "ongoing", "planned", "not_registered")] == [
        1, 1, 1, 1,
    ]  # fmt: skip


def test_per_person_and_per_unit_lists(store: Store) -> None:
    people = training.training_people(store, Scope(), on=ON).set_index("staff_id")
    assert sorted(people.index) == ["T1", "T2", "T3", "T4"]
    assert (people.loc["T2", "needed"], people.loc["T2", "done"], people.loc["T2", "open"]) == (
        1, 1, 0,
    )  # fmt: skip
    by_unit = training.training_by_unit(store, Scope(), on=ON)
    llct = by_unit[by_unit["course"] == "LLCT Trung cấp"].iloc[0]
    assert (llct["people"], llct["needed"], llct["open"]) == ("Lê Văn Trưởng", 1, 0)


def test_a_reader_who_may_not_see_people_gets_masked_counts_only(store: Store) -> None:
    viewer = Scope(role="viewer")
    with pytest.raises(ScopeError):
        training.training_needs(store, viewer, on=ON)
    summary = training.training_summary(store, viewer, on=ON)
    assert summary["needed_hidden"].all()  # every course has fewer than 3 people
