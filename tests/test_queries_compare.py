"""The ward comparison of the Sở Nội vụ, on three hand-written wards."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd
import pytest

from analytics import privacy
from analytics.queries import compare
from analytics.queries._sql import run
from analytics.queries.compare import COMPARE_COLUMNS, ward_comparison
from analytics.queries.overview import overview
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_evaluations, add_plan, add_progress, add_roster

TODAY = dt.date(2026, 11, 29)
KT = "Phòng Kinh tế, Hạ tầng và Đô thị"


def _store() -> Store:
    store = Store(":memory:")
    # Phường A's previous roster (31/3/2026): not compared, the latest one is. A9 (TC in land)
    # would add one person below standard.
    add_roster(
        store,
        [
            {"staff_id": "A1", "full_name": "Nguyễn Văn An"},
            {
                "staff_id": "A9",
                "full_name": "Đỗ Văn Hải",
                "unit": KT,
                "field": "Đất đai",
                "major": "Quản lý đất đai",
                "education_level": "Trung cấp",
            },
        ],
        ward="Phường A",
        as_of=dt.date(2026, 3, 31),
    )
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


def _rows(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    """ward -> its row, a missing value (None or NaN) as None."""
    return {
        str(row["ward"]): {c: None if pd.isna(row[c]) else row[c] for c in COMPARE_COLUMNS}
        for _, row in frame.iterrows()
    }


def test_the_columns_are_the_comparisons_in_order() -> None:
    frame = ward_comparison(_store(), Scope(), TODAY)
    assert list(frame.columns) == list(COMPARE_COLUMNS)


def test_a_viewer_gets_every_small_count_and_its_shares_hidden() -> None:
    frame = ward_comparison(_store(), Scope(role="viewer"), TODAY)
    assert privacy.frame_threshold(frame) == 3
    rows = _rows(frame)
    # Phường A: 3 people show; 2 of 3 with ĐH (a count of 2 < 3: its share hidden), 1 below
    # standard, grades 1 / 1 / 0 / 1 hidden but the 0; tasks are not people: shown.
    assert rows["Phường A"] == {
        "ward": "Phường A",
        "as_of": dt.date(2026, 9, 30),
        "head_count": 3,
        "norm": 34,
        "quota": 5,
        "quota_gap": 2,
        "university_share": None,
        "political_theory_share": None,
        "below_standard": None,
        "below_standard_sensitive": None,
        "evaluation_year": 2025,
        "htxsnv": None,
        "httnv": None,
        "htnv": 0,
        "khtnv": None,
        "done_tasks": 1,
        "overdue_tasks": 1,
    }
    # Phường B: 2 people hidden, so their shares; nobody below standard (0 shows); HTTNV 2
    # hidden, the other grades 0; no norm (no residents), no quota, no plan.
    assert rows["Phường B"] == {
        "ward": "Phường B",
        "as_of": dt.date(2025, 12, 31),
        "head_count": None,
        "norm": None,
        "quota": None,
        "quota_gap": None,
        "university_share": None,
        "political_theory_share": None,
        "below_standard": 0,
        "below_standard_sensitive": 0,
        "evaluation_year": 2025,
        "htxsnv": 0,
        "httnv": None,
        "htnv": 0,
        "khtnv": 0,
        "done_tasks": None,
        "overdue_tasks": None,
    }
    # Xã C: 1 person hidden; no evaluation at all: no year, no grade counts (not 0).
    c = rows["Xã C"]
    assert c["head_count"] is None and c["university_share"] is None
    assert (c["below_standard"], c["below_standard_sensitive"]) == (0, 0)
    assert c["evaluation_year"] is None
    assert [c[g] for g in ("htxsnv", "httnv", "htnv", "khtnv")] == [None] * 4


def test_a_ward_without_evaluations_or_plan_or_profile_has_none_not_zero() -> None:
    c = _rows(ward_comparison(_store(), Scope(), TODAY))["Xã C"]
    assert c == {
        "ward": "Xã C",
        "as_of": dt.date(2026, 9, 30),
        "head_count": 1,
        "norm": None,
        "quota": None,
        "quota_gap": None,
        "university_share": 1.0,
        "political_theory_share": 1.0,
        "below_standard": 0,
        "below_standard_sensitive": 0,
        "evaluation_year": None,
        "htxsnv": None,
        "httnv": None,
        "htnv": None,
        "khtnv": None,
        "done_tasks": None,
        "overdue_tasks": None,
    }


def test_the_year_chosen_is_each_wards_year_in_view() -> None:
    rows = _rows(ward_comparison(_store(), Scope(year=2024), TODAY))
    # Phường A holds 2024 (A3 HTNV); Phường B does not: its latest year, 2025; Xã C none.
    a, b = rows["Phường A"], rows["Phường B"]
    assert a["evaluation_year"] == 2024
    assert (a["htxsnv"], a["httnv"], a["htnv"], a["khtnv"]) == (0, 0, 1, 0)
    assert b["evaluation_year"] == 2025 and (b["httnv"], b["htxsnv"]) == (2, 0)
    assert rows["Xã C"]["evaluation_year"] is None


def test_a_ward_chosen_narrows_the_comparison_to_it() -> None:
    frame = ward_comparison(_store(), Scope(wards=("Phường B",)), TODAY)
    assert list(frame["ward"]) == ["Phường B"]
    assert frame.loc[0, "head_count"] == 2 and frame.loc[0, "httnv"] == 2


def test_a_unit_chosen_counts_its_people_only_and_leaves_the_wards_norm_out() -> None:
    rows = _rows(ward_comparison(_store(), Scope(units=(KT,)), TODAY))
    # Only Phường A has anyone in the unit: A2 (TC, LLCT SC, below standard, KHTNV in 2025).
    assert list(rows) == ["Phường A"]
    a = rows["Phường A"]
    assert a["head_count"] == 1
    assert (a["university_share"], a["political_theory_share"]) == (0.0, 0.0)
    assert (a["below_standard"], a["below_standard_sensitive"]) == (1, 1)
    assert (a["evaluation_year"], a["khtnv"], a["httnv"]) == (2025, 1, 0)
    # a norm is about a ward's whole staff: no ward figures under a unit filter (staffing)
    assert (a["norm"], a["quota"], a["quota_gap"]) == (None, None, None)
    assert (a["done_tasks"], a["overdue_tasks"]) == (1, 1)  # the plan is the ward's


def test_no_roster_in_scope_gives_an_empty_comparison_with_its_columns() -> None:
    frame = ward_comparison(_store(), Scope(role_ward="Phường Không Có"), TODAY)
    assert frame.empty and list(frame.columns) == list(COMPARE_COLUMNS)


@pytest.mark.parametrize(
    "scope",
    [Scope(), Scope(role="viewer"), Scope(year=2024), Scope(units=(KT,)), Scope(genders=("Nữ",))],
    ids=["leader", "viewer", "year-2024", "unit", "gender"],
)
def test_each_ward_row_has_the_figures_of_that_wards_overview(scope: Scope) -> None:
    store = _store()
    for ward, row in _rows(ward_comparison(store, scope, TODAY)).items():
        one = overview(store, replace(scope, wards=(ward,)), TODAY)
        assert row["as_of"] == one.as_of, ward
        if one.as_of is None:  # nobody in scope in the ward: no figures
            assert row["head_count"] is None
            continue
        for name in (
            "head_count",
            "university_share",
            "political_theory_share",
            "below_standard",
            "below_standard_sensitive",
            "evaluation_year",
        ):
            assert row[name] == getattr(one, name), (ward, name)
        if one.evaluation_year is not None:
            for grade in ("HTXSNV", "HTTNV", "HTNV", "KHTNV"):
                expected = one.grade_counts.get(grade, 0)
                assert row[grade.lower()] == expected, (ward, grade)


def test_the_people_figures_take_one_query_each_whatever_the_number_of_wards(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    store = _store()
    asked: list[str] = []

    def counted(store: Store, name: str, scope: Scope, **extra: Any) -> pd.DataFrame:
        asked.append(name)
        return run(store, name, scope, **extra)

    monkeypatch.setattr(compare, "run", counted)
    assert len(compare.ward_comparison(store, Scope(), TODAY)) == 3
    assert sorted(asked) == ["grade_mix", "snapshot_metrics"]  # not one of each per ward
