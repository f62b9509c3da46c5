"""The ward comparison of the Sở Nội vụ, on three hand-written wards."""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics.queries.compare import ward_comparison
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_evaluations, add_plan, add_progress, add_roster

TODAY = dt.date(2026, 11, 29)
KT = "Phòng Kinh tế, Hạ tầng và Đô thị"


def _store() -> Store:
    store = Store(":memory:")
    # Phường A (30/9/2026): A1 ĐH LLCT TC; A2 TC in land (below the floor, sensitive), LLCT SC;
    # A3 ĐH LLCT TC. University 2 of 3, LLCT TC+ 2 of 3, below standard 1 (sensitive 1).
    add_roster(
        store,
        [
            {"staff_id": "A1", "full_name": "Nguyễn Văn An"},
            {
                "staff_id": "A2",
                "full_name": "Trần Thị Bình",
                "unit": KT,
                "field": "Đất đai",
                "major": "Quản lý đất đai",
                "education_level": "Trung cấp",
                "political_theory": "Sơ cấp",
            },
            {"staff_id": "A3", "full_name": "Lê Văn Cường"},
        ],
        ward="Phường A",
    )
    # Phường B (31/12/2025): two people, both ĐH and LLCT TC.
    add_roster(
        store,
        [
            {"staff_id": "B1", "full_name": "Phạm Văn Dũng"},
            {"staff_id": "B2", "full_name": "Hoàng Thị Em", "gender": "Nữ"},
        ],
        ward="Phường B",
        as_of=dt.date(2025, 12, 31),
    )
    # Phường C: one person, no profile, no quota, no evaluation, no plan.
    add_roster(store, [{"staff_id": "C1", "full_name": "Vũ Văn Giang"}], ward="Xã C")
    add_evaluations(
        store,
        [
            {"staff_id": "A1", "year": 2025, "grade": "HTXSNV"},
            {"staff_id": "A2", "year": 2025, "grade": "KHTNV"},
            {"staff_id": "A3", "year": 2025, "grade": "HTTNV"},
            {"staff_id": "A3", "year": 2024, "grade": "HTNV"},  # an older year: not counted
        ],
        ward="Phường A",
    )
    add_evaluations(
        store,
        [
            {"staff_id": "B1", "year": 2025, "grade": "HTTNV"},
            {"staff_id": "B2", "year": 2025, "grade": "HTTNV"},
        ],
        ward="Phường B",
    )
    # Phường A's plan: task 1 done, task 2 overdue (due 30/6/2026, no report).
    add_plan(
        store,
        [
            {"task_code": "1", "title": "Phổ biến", "due_date": dt.date(2026, 12, 31)},
            {"task_code": "2", "title": "Rà soát", "due_date": dt.date(2026, 6, 30)},
        ],
        ward="Phường A",
    )
    add_progress(
        store,
        [{"task_code": "1", "report_date": dt.date(2026, 9, 1), "status": "Hoàn thành"}],
        ward="Phường A",
    )
    store.execute(
        "insert into ward_profiles values ('Phường A', 'phường', 20000, false, 'thử'), "
        "('Phường B', 'phường', null, false, 'thử')"
    )
    store.execute(
        "insert into staffing_quotas values ('Phường A', null, 5, 'QĐ thử', '2025-07-01', 'thử')"
    )
    return store


def test_one_row_per_ward_with_hand_worked_numbers() -> None:
    frame = ward_comparison(_store(), Scope(), TODAY).set_index("ward")
    assert list(frame.index) == ["Phường A", "Phường B", "Xã C"]
    a = frame.loc["Phường A"]
    assert a["as_of"] == dt.date(2026, 9, 30) and a["head_count"] == 3
    assert (a["norm"], a["quota"], a["quota_gap"]) == (34, 5, 2)  # 32 + 4,000/2,000; 5 - 3
    assert a["university_share"] == 2 / 3 and a["political_theory_share"] == 2 / 3
    assert (a["below_standard"], a["below_standard_sensitive"]) == (1, 1)
    assert a["evaluation_year"] == 2025
    assert (a["htxsnv"], a["httnv"], a["htnv"], a["khtnv"]) == (1, 1, 0, 1)
    assert (a["done_tasks"], a["overdue_tasks"]) == (1, 1)
    b = frame.loc["Phường B"]
    assert b["as_of"] == dt.date(2025, 12, 31) and b["head_count"] == 2
    assert pd.isna(b["norm"]) and pd.isna(b["quota"])  # no residents, no quota: not 0
    assert (b["httnv"], b["htxsnv"]) == (2, 0) and b["university_share"] == 1.0
    assert pd.isna(b["done_tasks"])  # no plan
    c = frame.loc["Xã C"]
    assert c["head_count"] == 1 and pd.isna(c["evaluation_year"]) and pd.isna(c["htxsnv"])


def test_a_ward_account_compares_only_its_ward() -> None:
    frame = ward_comparison(_store(), Scope(role_ward="Phường B"), TODAY)
    assert list(frame["ward"]) == ["Phường B"]


def test_a_viewer_gets_small_counts_hidden() -> None:
    frame = ward_comparison(_store(), Scope(role="viewer"), TODAY).set_index("ward")
    # the threshold (3 by default) hides 2 people in Phường B, keeps Phường A's 3
    assert frame.loc["Phường A", "head_count"] == 3
    assert pd.isna(frame.loc["Phường B", "head_count"])
