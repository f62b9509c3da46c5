"""Placement checks against the standards frame, on hand-written people (expected by hand)."""

from __future__ import annotations

import datetime as dt

import pytest

from analytics import queries
from analytics.scope import Scope, ScopeError
from analytics.store import Store
from tests.rows import add_roster

# The latest roster (30/9/2026). Standards are the seeded defaults of 002_standards.sql.
PEOPLE = [
    # TC in a land post: education below the floor; the major itself fits.
    {"staff_id": "P1", "full_name": "Nguyễn Văn Đất", "field": "Đất đai",
     "education_level": "Trung cấp", "major": "Quản lý đất đai"},
    # A law graduate in accounting: major not matching.
    {"staff_id": "P2", "full_name": "Trần Thị Toán", "field": "Tài chính – Kế toán",
     "major": "Luật"},
    # A head of unit with LLCT Sơ cấp (below Trung cấp) and no QLNN on file.
    {"staff_id": "P3", "full_name": "Lê Văn Trưởng", "is_leader": True, "position": "Trưởng phòng",
     "political_theory": "Sơ cấp", "state_management": None},
    # A deputy head with no QLNN on file: no data, not "below".
    {"staff_id": "P4", "full_name": "Phạm Thị Phó", "is_leader": True,
     "position": "Phó Trưởng phòng", "field": "Nội vụ", "state_management": None},
    # A chief accountant without the certificate: missing.
    {"staff_id": "P5", "full_name": "Hoàng Văn Két", "position": "Kế toán trưởng",
     "field": "Tài chính – Kế toán", "major": "Kế toán", "certificates": None},
    # Cao đẳng in culture: below the university floor (until the floor is lowered).
    {"staff_id": "P6", "full_name": "Vũ Thị Cao", "education_level": "Cao đẳng"},
    # Meets everything.
    {"staff_id": "P7", "full_name": "Đỗ Văn Đạt"},
    # A land officer with nothing on education: two checks without data.
    {"staff_id": "P8", "full_name": "Bùi Thị Trống", "field": "Đất đai", "education_level": None,
     "major": None},
]  # fmt: skip


def roster_store() -> Store:
    """PEOPLE as the latest roster, after an older snapshot (``tests/test_queries_writes.py``
    edits the standards on it)."""
    s = Store(":memory:")
    # An older snapshot in which P7 was under-qualified: only the latest roster counts.
    add_roster(
        s,
        [{"staff_id": "P7", "full_name": "Đỗ Văn Đạt", "education_level": "Trung cấp"}],
        as_of=dt.date(2025, 12, 31),
    )
    add_roster(s, PEOPLE)
    return s


@pytest.fixture
def store() -> Store:
    return roster_store()


def check(store: Store, staff_id: str, criterion: str) -> dict[str, object]:
    checks = queries.placement_checks(store, Scope())
    rows = checks[(checks["staff_id"] == staff_id) & (checks["criterion"] == criterion)]
    assert len(rows) == 1, rows
    return rows.iloc[0].to_dict()


# ---------------------------------------------------------------- results and reasons
def test_tc_education_in_land_post_is_below_standard_with_reason(store: Store) -> None:
    row = check(store, "P1", "education_level")
    assert row["result"] == "chưa đạt"
    assert row["required"] == "Đại học"
    assert row["actual"] == "Trung cấp"
    assert row["reason"] == "Trình độ chuyên môn Trung cấp thấp hơn yêu cầu Đại học trở lên."
    assert row["legal_source"] == "NĐ 33/2023/NĐ-CP, Điều 10"
    assert check(store, "P1", "major")["result"] == "đạt"


def test_law_major_in_accounting_is_not_matching(store: Store) -> None:
    row = check(store, "P2", "major")
    assert row["result"] == "chưa đạt"
    assert row["reason"] == (
        'Chuyên ngành "Luật" không thuộc nhóm ngành phù hợp với lĩnh vực Tài chính – Kế toán '
        "(Kế toán, Kiểm toán, Tài chính, Ngân hàng)."
    )


def test_leader_with_basic_political_theory_is_below_standard(store: Store) -> None:
    row = check(store, "P3", "political_theory")
    assert row["result"] == "chưa đạt"
    assert row["reason"] == (
        "Lý luận chính trị Sơ cấp chưa đạt mức Trung cấp trở lên mà chức vụ Trưởng phòng yêu cầu."
    )


def test_leader_without_state_management_on_file_has_no_data_not_below(store: Store) -> None:
    row = check(store, "P4", "state_management")
    assert row["result"] == "chưa có dữ liệu"
    assert row["severity"] == 1
    assert row["reason"] == ('Chưa có dữ liệu quản lý nhà nước để đối chiếu yêu cầu "Chuyên viên".')


def test_chief_accountant_without_certificate_is_missing(store: Store) -> None:
    row = check(store, "P5", "certificate")
    assert row["result"] == "thiếu"
    assert row["reason"] == (
        "Chưa có chứng chỉ Kế toán trưởng theo yêu cầu của chức vụ Kế toán trưởng."
    )


def test_non_leaders_are_not_checked_for_political_theory(store: Store) -> None:
    checks = queries.placement_checks(store, Scope())
    assert set(checks.loc[checks["criterion"] == "political_theory", "staff_id"]) == {"P3", "P4"}


def test_only_the_latest_roster_is_checked(store: Store) -> None:
    checks = queries.placement_checks(store, Scope())
    assert set(checks.loc[checks["staff_id"] == "P7", "result"]) == {"đạt"}
    assert checks["staff_id"].nunique() == 8


def test_placement_gaps_view_has_the_columns_pages_and_exports_read(store: Store) -> None:
    columns = set(store.df("select * from placement_gaps limit 0").columns)
    assert {"staff_id", "full_name", "unit", "field", "criterion", "required", "actual",
            "reason"} <= columns  # fmt: skip
    reasons = store.df("select reason from placement_gaps")["reason"]
    assert len(reasons) == 9 and reasons.notna().all()


# ---------------------------------------------------------------- matrix, counts, details
def test_gap_matrix_puts_the_most_severe_people_first(store: Store) -> None:
    matrix = queries.placement_matrix(store, Scope(), with_passed=True)
    # chưa đạt in a sensitive field (name order: Đất before Toán); chưa đạt elsewhere (P3 has
    # two gaps, P6 one); thiếu; no data (P8 sensitive, P4 not); all met.
    assert matrix["staff_id"].tolist() == ["P1", "P2", "P3", "P6", "P5", "P8", "P4", "P7"]
    row = matrix.set_index("staff_id").loc["P3"]
    assert row["Lý luận chính trị"] == "chưa đạt"
    assert row["Quản lý nhà nước"] == "chưa có dữ liệu"
    assert row["Chứng chỉ"] == "—"  # not applicable


def test_gap_counts_by_field_count_each_person_once_at_their_worst(store: Store) -> None:
    counts = queries.gap_counts(store, Scope(), by="field")
    got = [(r.group, r.result, r.people, r.sensitive) for r in counts.itertuples()]
    assert got == [
        ("Đất đai", "chưa đạt", 1, True),  # P1
        ("Đất đai", "chưa có dữ liệu", 1, True),  # P8
        ("Tài chính – Kế toán", "chưa đạt", 1, True),  # P2
        ("Tài chính – Kế toán", "thiếu", 1, True),  # P5
        ("Văn hóa – Xã hội", "chưa đạt", 2, False),  # P3 (also no QLNN), P6
        ("Nội vụ", "chưa có dữ liệu", 1, False),  # P4
    ]


def test_gap_counts_by_unit_and_sensitive_only(store: Store) -> None:
    by_unit = queries.gap_counts(store, Scope(), by="unit")
    assert by_unit.groupby("result")["people"].sum().to_dict() == {
        "chưa đạt": 4,
        "thiếu": 1,
        "chưa có dữ liệu": 2,
    }
    sensitive = queries.gap_counts(store, Scope(sensitive_only=True), by="field")
    assert set(sensitive["group"]) == {"Đất đai", "Tài chính – Kế toán"}
    assert int(sensitive["people"].sum()) == 4


def test_placement_summary_counts_people(store: Store) -> None:
    summary = queries.placement_summary(store, Scope())
    assert summary.as_of == dt.date(2026, 9, 30)
    assert summary.checked == 8
    assert summary.below_standard == 5  # P1 P2 P3 P5 P6
    assert summary.below_standard_sensitive == 3  # P1 P2 P5
    assert summary.no_data == 3  # P3 P4 P8
    assert summary.gaps == 9


def test_gap_details_of_one_bar_segment(store: Store) -> None:
    land = queries.gap_details(store, Scope(), "field", "Đất đai", "chưa có dữ liệu")
    assert land["staff_id"].tolist() == ["P8", "P8"]
    assert land["criterion"].tolist() == ["education_level", "major"]
    culture = queries.gap_details(store, Scope(), "field", "Văn hóa – Xã hội", "chưa đạt")
    # A person's rows stay together (P3 has more gaps); P3's no-data row comes along.
    assert list(zip(culture["staff_id"], culture["result"], strict=True)) == [
        ("P3", "chưa đạt"),
        ("P3", "chưa có dữ liệu"),
        ("P6", "chưa đạt"),
    ]
    everyone = queries.gap_details(store, Scope())
    assert len(everyone) == 9
    assert everyone["legal_source"].notna().all()


def test_viewer_gets_counts_but_not_people(store: Store) -> None:
    viewer = Scope(role="viewer")
    assert not queries.gap_counts(store, viewer, by="field").empty
    assert queries.placement_summary(store, viewer).below_standard == 5
    with pytest.raises(ScopeError):
        queries.placement_checks(store, viewer)
    with pytest.raises(ScopeError):
        queries.gap_details(store, viewer)
