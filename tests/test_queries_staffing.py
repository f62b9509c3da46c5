"""Staffing against the norm (CV 09/CV-BCĐ) and the quota, on hand-written rows."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics.queries.staffing import (
    NO_FIGURES,
    norm_kinds,
    staffing,
    staffing_quota_history,
    staffing_wards,
)
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_roster

VH = "Phòng Văn hóa – Xã hội"
KT = "Phòng Kinh tế, Hạ tầng và Đô thị"
ON = dt.date(2026, 10, 1)


def _profile(store: Store, ward: str, kind: str, residents: int | None, mountain: bool) -> None:
    store.execute(
        "insert into ward_profiles values (?, ?, ?, ?, 'kiểm thử')",
        [ward, kind, residents, mountain],
    )


def _norm(store: Store, ward: str) -> int | None:
    frame = staffing(store, Scope(wards=(ward,)), on=ON)
    value = frame.loc[frame["level"] == "ward", "norm"].iloc[0]
    return None if pd.isna(value) else int(value)


@pytest.fixture
def store() -> Store:
    return Store(":memory:")


@pytest.mark.parametrize(
    ("kind", "residents", "mountain", "norm"),
    [
        ("phường", 16000, False, 32),  # at the base: 32
        ("phường", 16001, True, 32),  # 1 above: no full step of 1,000
        ("phường", 17000, True, 33),  # 1,000 above in the mountains: 32 + 1
        ("phường", 17999, False, 32),  # 1,999 above elsewhere: no full step of 2,000
        ("phường", 18000, False, 33),  # 2,000 above elsewhere: 32 + 1
        ("phường", 10000, False, 32),  # below the base: never under 32
        ("phường", 92000, False, 70),  # 32 + 76,000 / 2,000 = 70: at the cap
        ("phường", 200000, False, 70),  # 32 + 92 = 124, capped at 70
        ("xã", 52000, True, 50),  # 32 + 36 = 68, capped at 50 for a xã
        ("xã", 50000, True, 50),  # 32 + 34 = 66 -> 50
        ("xã", 33000, True, 49),  # 32 + 17 = 49, under the cap
        ("đặc khu", 200000, False, 124),  # no cap stated: 32 + 92
    ],
)
def test_norm_at_its_boundaries(
    store: Store, kind: str, residents: int, mountain: bool, norm: int
) -> None:
    add_roster(store, [{"staff_id": "A", "full_name": "Nguyễn Văn An"}], ward="Phường A")
    _profile(store, "Phường A", kind, residents, mountain)
    assert _norm(store, "Phường A") == norm


def test_missing_residents_and_quota_are_no_figures_never_zero(store: Store) -> None:
    add_roster(store, [{"staff_id": "A", "full_name": "Nguyễn Văn An"}], ward="Phường A")
    _profile(store, "Phường A", "phường", None, False)
    row = staffing(store, Scope(), on=ON).iloc[0]
    assert row["level"] == "ward" and row["head_count"] == 1
    assert pd.isna(row["norm"])  # missing, not 0
    assert row["quota_status"] == NO_FIGURES and row["norm_status"] == NO_FIGURES
    assert pd.isna(row["projected_vacancies"])  # missing, not 0


def test_quota_gap_and_projected_vacancies_per_ward_and_unit(store: Store) -> None:
    # Phường A: 3 people in VH, 2 in KT = 5. Quotas: ward 8 (the 2026 decision replaces 2025's
    # 6), VH 2 (one too many), KT 3 (one short).
    people = [
        {"staff_id": f"V{i}", "full_name": f"Nguyễn Văn V{i}", "unit": VH} for i in range(3)
    ] + [{"staff_id": f"K{i}", "full_name": f"Trần Văn K{i}", "unit": KT} for i in range(2)]
    add_roster(store, people, ward="Phường A")
    for unit, quota, since in (
        (None, 6, dt.date(2025, 7, 1)),
        (None, 8, dt.date(2026, 1, 1)),
        (None, 9, dt.date(2027, 1, 1)),  # not in force yet on ON
        (VH, 2, dt.date(2025, 7, 1)),
        (KT, 3, dt.date(2025, 7, 1)),
    ):
        store.execute(
            "insert into staffing_quotas values ('Phường A', ?, ?, 'QĐ thử', ?, 'kiểm thử')",
            [unit, quota, since],
        )
    _profile(store, "Phường A", "phường", 20000, False)  # 32 + 4,000 / 2,000 = 34
    # 2 leave the ward (1 of them in KT): vacancies projected = quota - (head count - leavers)
    frame = staffing(store, Scope(), on=ON, leavers={("Phường A", None): 2, ("Phường A", KT): 1})
    rows = {r.unit if r.level == "unit" else None: r for r in frame.itertuples()}
    ward = rows[None]
    assert (ward.head_count, ward.quota, ward.quota_gap, ward.norm, ward.norm_gap) == (
        5,
        8,
        3,
        34,
        29,
    )
    assert ward.quota_status == "Thiếu 3" and ward.norm_status == "Thiếu 29"
    assert ward.projected_vacancies == 8 - (5 - 2)  # 5
    assert (rows[VH].quota_gap, rows[VH].quota_status, rows[VH].projected_vacancies) == (
        -1,
        "Thừa 1",
        -1,  # 2 - (3 - 0)
    )
    assert (rows[KT].quota_gap, rows[KT].projected_vacancies) == (1, 2)  # 3 - (2 - 1)


def test_unit_head_sees_only_their_unit_and_no_ward_row(store: Store) -> None:
    add_roster(
        store,
        [
            {"staff_id": "A", "full_name": "Nguyễn Văn An", "unit": VH},
            {"staff_id": "B", "full_name": "Trần Văn Bình", "unit": KT},
        ],
        ward="Phường A",
    )
    frame = staffing(store, Scope(role="unit_head", role_unit=VH), on=ON)
    assert list(frame["level"]) == ["unit"] and list(frame["unit"]) == [VH]


def test_leavers_of_units_add_up_for_the_ward(store: Store) -> None:
    add_roster(
        store,
        [
            {"staff_id": "A", "full_name": "Nguyễn Văn An", "unit": VH},
            {"staff_id": "B", "full_name": "Trần Văn Bình", "unit": KT},
        ],
        ward="Phường A",
    )
    store.execute(
        "insert into staffing_quotas values ('Phường A', null, 4, 'QĐ thử', '2025-01-01', 'thử')"
    )
    frame = staffing(store, Scope(), on=ON, leavers={("Phường A", VH): 1, ("Phường A", KT): 1})
    ward = frame[frame["level"] == "ward"].iloc[0]
    assert ward["leavers"] == 2 and ward["projected_vacancies"] == 4 - (2 - 2)


def test_the_quota_history_marks_the_decision_in_force(store: Store) -> None:
    # Phường A: the 2026 decision replaces 2025's and 2027's has not started on ON; VH's only
    # decision is in force; Phường B's only one starts after ON; Phường C is out of scope.
    for ward, unit, quota, since in (
        ("Phường A", None, 6, dt.date(2025, 7, 1)),
        ("Phường A", None, 8, dt.date(2026, 1, 1)),
        ("Phường A", None, 9, dt.date(2027, 1, 1)),
        ("Phường A", VH, 2, dt.date(2025, 7, 1)),
        ("Phường B", None, 5, dt.date(2026, 10, 2)),
        ("Phường C", None, 7, dt.date(2025, 1, 1)),
    ):
        store.execute(
            "insert into staffing_quotas values (?, ?, ?, 'QĐ thử', ?, 'kiểm thử')",
            [ward, unit, quota, since],
        )
    history = staffing_quota_history(store, Scope(wards=("Phường A", "Phường B")), on=ON)
    rows = history[["ward", "unit", "quota", "in_force"]].astype(object)
    assert rows.where(rows.notna(), None).values.tolist() == [
        ["Phường A", None, 9, False],  # newest first; the whole ward before its units
        ["Phường A", None, 8, True],
        ["Phường A", None, 6, False],
        ["Phường A", VH, 2, True],
        ["Phường B", None, 5, False],  # not started on 01/10/2026: none in force
    ]


def test_the_wards_offered_to_the_editor_with_their_units(store: Store) -> None:
    add_roster(
        store,
        [
            {"staff_id": "A", "full_name": "Nguyễn Văn An", "unit": VH},
            {"staff_id": "B", "full_name": "Trần Văn Bình", "unit": KT},
            {"staff_id": "C", "full_name": "Lê Văn Cường", "unit": None},  # no unit: not offered
        ],
        ward="Phường A",
    )
    _profile(store, "Phường Z", "xã", 21000, True)  # a profile before any roster
    wards = staffing_wards(store, Scope()).set_index("ward")
    assert wards.index.tolist() == ["Phường A", "Phường Z"]
    assert wards.loc["Phường A", "units"] == [KT, VH]  # the canonical order of units
    assert pd.isna(wards.loc["Phường A", "kind"])  # no profile yet
    assert wards.loc["Phường Z", "units"] == []
    assert wards.loc["Phường Z", ["kind", "residents", "mountain"]].tolist() == ["xã", 21000, True]
    # a ward officer: their own ward only
    assert staffing_wards(store, Scope(role="hr", role_ward="Phường Z"))["ward"].tolist() == [
        "Phường Z"
    ]
    assert norm_kinds(store) == ["phường", "xã", "đặc khu"]
