"""Qualification distributions, the BM02 table and their drill-downs on six hand-written people
(expected counts worked out by hand from the rows below)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics import categories as cat
from analytics import queries
from analytics.categories import NO_DATA
from analytics.queries import category_order
from analytics.scope import Scope, ScopeError
from analytics.store import Store
from tests.rows import add_roster

OFFICE = "Văn phòng HĐND và UBND"
CULTURE = "Phòng Văn hóa – Xã hội"

# Latest roster, 30/9/2026: age = 2026 − birth year; retirement ages 61.5 (nam) and 57 (nữ).
PEOPLE = [
    {"staff_id": "A1", "full_name": "Nguyễn Văn An", "unit": OFFICE, "gender": "Nam",
     "birth_year": 1990, "education_level": "Đại học", "major": "Luật",
     "political_theory": "Trung cấp", "state_management": "Chuyên viên", "it_skill": "Cơ bản",
     "foreign_language": "Bậc 3 (B1)", "party_member": True, "rank_code": "01.003"},
    {"staff_id": "A2", "full_name": "Trần Thị Bình", "unit": OFFICE, "gender": "Nữ",
     "birth_year": 1975, "education_level": "Thạc sĩ", "major": "Quản lý đất đai",
     "political_theory": "Cao cấp", "state_management": "Chuyên viên chính",
     "it_skill": "Chứng chỉ B", "foreign_language": "Chứng chỉ B", "party_member": True,
     "rank_code": "01.002", "ethnicity": "Tày", "religion": "Phật giáo"},
    # Nothing on file but name, unit, gender and birth year.
    {"staff_id": "A3", "full_name": "Lê Văn Cường", "unit": OFFICE, "gender": "Nam",
     "birth_year": 2000, "education_level": None, "major": None, "political_theory": None,
     "state_management": None, "it_skill": None, "foreign_language": None,
     "party_member": False, "rank_code": None},
    {"staff_id": "B1", "full_name": "Phạm Thị Dung", "unit": CULTURE, "gender": "Nữ",
     "birth_year": 1985, "education_level": "Trung cấp", "major": "Kế toán",
     "political_theory": "Sơ cấp", "state_management": "Cán sự", "it_skill": "Chứng chỉ A",
     "foreign_language": "Chưa có", "party_member": False, "rank_code": "01.004"},
    # No birth year, no QLNN, party membership unknown.
    {"staff_id": "B2", "full_name": "Hoàng Văn An", "unit": CULTURE, "gender": "Nam",
     "birth_year": None, "education_level": "Đại học", "major": "Công nghệ thông tin",
     "political_theory": "Trung cấp", "state_management": None,
     "it_skill": "Đại học trở lên", "foreign_language": "Bậc 2 (A2)", "party_member": None,
     "rank_code": "01.003"},
    # 60 years old, a woman: above the retirement age.
    {"staff_id": "B3", "full_name": "Đỗ Thị An", "unit": CULTURE, "gender": "Nữ",
     "birth_year": 1966, "education_level": "Đại học", "major": "Văn hóa học",
     "political_theory": "Trung cấp", "state_management": "Chuyên viên", "it_skill": "Cao đẳng",
     "foreign_language": "Đại học trở lên", "party_member": True, "rank_code": "01.003"},
]  # fmt: skip
# Vietnamese name order: tên, then đệm, then họ.
ALL_IN_ORDER = [
    "Đỗ Thị An",
    "Hoàng Văn An",
    "Nguyễn Văn An",
    "Trần Thị Bình",
    "Lê Văn Cường",
    "Phạm Thị Dung",
]


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    # An older snapshot (A3 then a graduate, a leaver Z9): only the latest roster counts.
    add_roster(
        s,
        [
            {"staff_id": "A3", "full_name": "Lê Văn Cường", "unit": OFFICE},
            {"staff_id": "Z9", "full_name": "Ngô Văn Nghỉ", "unit": OFFICE},
        ],
        as_of=dt.date(2025, 12, 31),
    )
    add_roster(s, PEOPLE)
    return s


def rows(frame: pd.DataFrame) -> list[tuple[str, str, int]]:
    return [(str(r.category), str(r.group), int(r.people)) for r in frame.itertuples()]


def names(frame: pd.DataFrame) -> list[str]:
    return frame["full_name"].tolist()


# ---------------------------------------------------------------- distribution
def test_education_distribution_in_canonical_order_with_the_no_data_bucket(store: Store) -> None:
    frame = queries.distribution(store, Scope(), "education_level")
    assert rows(frame) == [
        ("Thạc sĩ", "", 1),
        ("Đại học", "", 3),
        ("Trung cấp", "", 1),
        (NO_DATA, "", 1),
    ]


def test_education_by_unit_counts_each_cell(store: Store) -> None:
    frame = queries.distribution(store, Scope(), "education_level", "unit")
    assert rows(frame) == [
        ("Thạc sĩ", OFFICE, 1),
        ("Đại học", OFFICE, 1),
        ("Đại học", CULTURE, 2),
        ("Trung cấp", CULTURE, 1),
        (NO_DATA, OFFICE, 1),
    ]


def test_major_groups_follow_the_group_order(store: Store) -> None:
    frame = queries.distribution(store, Scope(), "major_group")
    assert rows(frame) == [
        ("Luật", "", 1),
        ("Tài chính – Kế toán", "", 1),
        ("Quản lý đất đai, tài nguyên", "", 1),
        ("Công nghệ thông tin", "", 1),
        ("Văn hóa, xã hội", "", 1),
        (NO_DATA, "", 1),
    ]


def test_political_theory_by_party_keeps_unknown_membership_apart(store: Store) -> None:
    frame = queries.distribution(store, Scope(), "political_theory", "party")
    assert rows(frame) == [
        ("Cao cấp", "Đảng viên", 1),
        ("Trung cấp", "Đảng viên", 2),
        ("Trung cấp", NO_DATA, 1),
        ("Sơ cấp", "Quần chúng", 1),
        (NO_DATA, "Quần chúng", 1),
    ]


def test_it_skill_by_official_age_bands(store: Store) -> None:
    frame = queries.distribution(store, Scope(), "it_skill", "age_band")
    assert rows(frame) == [
        ("Đại học trở lên", NO_DATA, 1),
        ("Cao đẳng", "Trên tuổi nghỉ hưu", 1),
        ("Cơ bản", "30–40", 1),
        ("Chứng chỉ B", "51–60", 1),
        ("Chứng chỉ A", "41–50", 1),
        (NO_DATA, "Dưới 30", 1),
    ]


def test_foreign_language_by_gender(store: Store) -> None:
    frame = queries.distribution(store, Scope(), "foreign_language", "gender")
    assert rows(frame) == [
        ("Đại học trở lên", "Nữ", 1),
        ("Bậc 3 (B1)", "Nam", 1),
        ("Bậc 2 (A2)", "Nam", 1),
        ("Chứng chỉ B", "Nữ", 1),
        ("Chưa có", "Nữ", 1),
        (NO_DATA, "Nam", 1),
    ]


def test_distribution_refuses_a_column_outside_the_allow_list(store: Store) -> None:
    with pytest.raises(ValueError):
        queries.distribution(store, Scope(), "full_name")


# ---------------------------------------------------------------- summary row
def test_summary_shares_and_no_data_counts(store: Store) -> None:
    summary = queries.qualification_summary(store, Scope())
    assert summary.as_of == dt.date(2026, 9, 30)
    assert summary.total == 6
    got = {r.dimension: (r.people, r.no_data) for r in summary.shares.itertuples()}
    assert got == {
        "education_level": (4, 1),  # ThS + 3 ĐH
        "political_theory": (4, 1),  # CC + 3 TC
        "state_management": (3, 2),  # CVC + 2 CV; A3 and B2 without QLNN
        "it_skill": (5, 1),  # everyone with a level except A3
        "foreign_language": (4, 1),  # B1 "Chưa có" has none, A3 no data
    }
    assert summary.shares["share"].iloc[0] == pytest.approx(4 / 6)
    assert summary.incomplete == 2  # A3 (everything) and B2 (QLNN)


def test_summary_of_an_empty_scope_has_no_shares(store: Store) -> None:
    summary = queries.qualification_summary(store, Scope(units=("Không có đơn vị này",)))
    assert summary.total == 0
    assert summary.as_of is None
    assert summary.shares["share"].isna().all()


# ---------------------------------------------------------------- people
def test_people_behind_the_no_data_bucket(store: Store) -> None:
    frame = queries.people(store, Scope(), {"education_level": NO_DATA})
    assert names(frame) == ["Lê Văn Cường"]


def test_people_lists_come_in_vietnamese_name_order(store: Store) -> None:
    frame = queries.people(store, Scope(), {"education_level": "Đại học"})
    assert names(frame) == ["Đỗ Thị An", "Hoàng Văn An", "Nguyễn Văn An"]
    assert names(queries.people(store, Scope())) == ALL_IN_ORDER


def test_people_behind_one_segment_of_a_breakdown(store: Store) -> None:
    frame = queries.people(store, Scope(), {"education_level": "Đại học", "unit": CULTURE})
    assert names(frame) == ["Đỗ Thị An", "Hoàng Văn An"]
    frame = queries.people(store, Scope(), {"political_theory": "Trung cấp", "party": NO_DATA})
    assert names(frame) == ["Hoàng Văn An"]
    frame = queries.people(
        store, Scope(), {"it_skill": "Cao đẳng", "age_band": "Trên tuổi nghỉ hưu"}
    )
    assert names(frame) == ["Đỗ Thị An"]


# ---------------------------------------------------------------- BM02
def cell(table: pd.DataFrame, unit: str, group: str, label: str) -> int:
    return int(table.loc[unit, (group, label)])


def test_composition_rows_are_units_in_order_then_the_total(store: Store) -> None:
    table = queries.composition_report(store, Scope())
    assert list(table.index) == [OFFICE, CULTURE, "Tổng cộng"]
    assert table[("Tổng số", "")].tolist() == [3, 3, 6]


def test_composition_cells_by_hand(store: Store) -> None:
    table = queries.composition_report(store, Scope())
    expected = {
        ("Trong đó", "Đảng viên"): [2, 1, 3],
        ("Trong đó", "Nữ"): [1, 2, 3],
        ("Trong đó", "Dân tộc ít người"): [1, 0, 1],
        ("Trong đó", "Tôn giáo"): [1, 0, 1],
        ("Ngạch", "Chuyên viên chính"): [1, 0, 1],
        ("Ngạch", "Chuyên viên"): [1, 2, 3],
        ("Ngạch", "Cán sự"): [0, 1, 1],
        ("Ngạch", NO_DATA): [1, 0, 1],
        ("Chuyên môn", "ThS"): [1, 0, 1],
        ("Chuyên môn", "ĐH"): [1, 2, 3],
        ("Chuyên môn", "TC"): [0, 1, 1],
        ("Chuyên môn", NO_DATA): [1, 0, 1],
        ("Lý luận chính trị", "CC"): [1, 0, 1],
        ("Lý luận chính trị", "TC"): [1, 2, 3],
        ("Lý luận chính trị", "SC"): [0, 1, 1],
        ("Lý luận chính trị", NO_DATA): [1, 0, 1],
        ("Quản lý nhà nước", "CVC"): [1, 0, 1],
        ("Quản lý nhà nước", "CV"): [1, 1, 2],
        ("Quản lý nhà nước", "Cán sự"): [0, 1, 1],
        ("Quản lý nhà nước", NO_DATA): [1, 1, 2],
        ("Tin học", "ĐH trở lên"): [0, 1, 1],
        ("Tin học", "CĐ, TC"): [0, 1, 1],
        ("Tin học", "Chứng chỉ"): [2, 1, 3],
        ("Tin học", NO_DATA): [1, 0, 1],
        ("Ngoại ngữ", "ĐH trở lên"): [0, 1, 1],
        ("Ngoại ngữ", "Bậc 3 trở lên"): [1, 0, 1],
        ("Ngoại ngữ", "Chứng chỉ khác"): [1, 1, 2],
        ("Ngoại ngữ", NO_DATA): [1, 0, 1],
        ("Độ tuổi", "Dưới 30"): [1, 0, 1],
        ("Độ tuổi", "30–40"): [1, 0, 1],
        ("Độ tuổi", "41–50"): [0, 1, 1],
        ("Độ tuổi", "51–60"): [1, 0, 1],
        ("Độ tuổi", "Trên tuổi nghỉ hưu"): [0, 1, 1],
        ("Độ tuổi", NO_DATA): [0, 1, 1],
    }
    got = {key: table[key].tolist() for key in expected}
    assert got == expected
    others = [key for key in table.columns if key not in expected and key != ("Tổng số", "")]
    assert all(table[key].sum() == 0 for key in others), others


def test_each_group_closes_with_its_no_data_column(store: Store) -> None:
    table = queries.composition_report(store, Scope())
    columns = list(table.columns)
    assert columns.index(("Chuyên môn", NO_DATA)) == columns.index(("Chuyên môn", "SC")) + 1
    assert columns.index(("Độ tuổi", NO_DATA)) == len(columns) - 1
    assert ("Trong đó", NO_DATA) not in columns
    # the form's own columns are kept as composition_table has them
    assert [c for c in columns if c[1] != NO_DATA] == list(
        queries.composition_table(store, Scope()).columns
    )


def test_composition_people_behind_cells(store: Store) -> None:
    def people(unit: str, group: str, label: str) -> list[str]:
        return names(queries.composition_people(store, Scope(), unit, group, label))

    assert people(OFFICE, "Chuyên môn", NO_DATA) == ["Lê Văn Cường"]
    assert people("Tổng cộng", "Tin học", "CĐ, TC") == ["Đỗ Thị An"]
    assert people("Tổng cộng", "Trong đó", "Đảng viên") == [
        "Đỗ Thị An",
        "Nguyễn Văn An",
        "Trần Thị Bình",
    ]
    assert people(CULTURE, "Độ tuổi", NO_DATA) == ["Hoàng Văn An"]
    assert people(OFFICE, "Trong đó", "Dân tộc ít người") == ["Trần Thị Bình"]
    assert people("Tổng cộng", "Tổng số", "") == ALL_IN_ORDER


def test_every_cell_opens_as_many_people_as_it_counts(store: Store) -> None:
    table = queries.composition_report(store, Scope())
    for unit in table.index:
        for group, label in table.columns:
            listed = queries.composition_people(store, Scope(), unit, group, label)
            assert len(listed) == table.loc[unit, (group, label)], (unit, group, label)


def test_composition_people_refuses_an_unknown_column(store: Store) -> None:
    with pytest.raises(ValueError):
        queries.composition_people(store, Scope(), "Tổng cộng", "Chuyên môn", "Không có")


def test_composition_of_an_empty_scope_is_one_zero_total_row(store: Store) -> None:
    table = queries.composition_report(store, Scope(units=("Không có đơn vị này",)))
    assert list(table.index) == ["Tổng cộng"]
    assert int(table.to_numpy().sum()) == 0


# ---------------------------------------------------------------- roles
def test_a_viewer_sees_counts_but_no_people(store: Store) -> None:
    viewer = Scope(role="viewer")
    # the no-data bucket holds 1 person, fewer than small_cell_threshold (3): hidden
    last = queries.distribution(store, viewer, "education_level").iloc[-1]
    assert (last["category"], bool(last["people_hidden"])) == (NO_DATA, True)
    assert queries.qualification_summary(store, viewer).total == 6
    assert queries.composition_report(store, viewer).loc["Tổng cộng", ("Tổng số", "")] == 6
    with pytest.raises(ScopeError):
        queries.people(store, viewer, {"education_level": NO_DATA})
    with pytest.raises(ScopeError):
        queries.composition_people(store, viewer, "Tổng cộng", "Tổng số", "")


def test_a_unit_head_sees_only_their_unit(store: Store) -> None:
    head = Scope(
        role="unit_head", role_unit=CULTURE, units=(OFFICE,)
    )  # their own filter is overridden
    # nobody in their unit lacks an education level: the bucket has no row to count
    assert rows(queries.distribution(store, head, "education_level")) == [
        ("Đại học", "", 2),
        ("Trung cấp", "", 1),
    ]
    assert names(queries.people(store, head)) == ["Đỗ Thị An", "Hoàng Văn An", "Phạm Thị Dung"]
    assert queries.people(store, head, {"education_level": NO_DATA}).empty
    table = queries.composition_report(store, head)
    assert list(table.index) == [CULTURE, "Tổng cộng"]
    assert table[("Tổng số", "")].tolist() == [3, 3]
    assert queries.qualification_summary(store, head).total == 3
    assert names(queries.composition_people(store, head, "Tổng cộng", "Tổng số", "")) == [
        "Đỗ Thị An",
        "Hoàng Văn An",
        "Phạm Thị Dung",
    ]


def test_category_order_is_unique_with_units_outside_the_canon_at_city_scale() -> None:
    wards = [f"UBND phường {i}" for i in range(114)]
    present = [*wards, *wards, *cat.UNITS, cat.NO_DATA, cat.NO_DATA]  # repeats, canon, no data
    order = category_order("unit", present)
    assert len(order) == len(set(order))
    assert order[: len(cat.UNITS)] == [u for u in cat.UNITS if u != cat.NO_DATA]
    assert set(wards) <= set(order)
    assert order[-1] == cat.NO_DATA
    pd.Categorical(present, categories=order, ordered=True)  # "categories must be unique" before
