"""Rotation of sensitive posts (Luật PCTN 2018; NĐ 59/2019) and the exclusions of a review
(NĐ 154/2025), on hand-written people. The roster is dated 30/09/2026; every sensitive field
starts with a 3-year period and 6 months' notice (migration 012), so a post taken on 30/09/2023
falls due on the roster's date and one taken after 31/03/2024 is not yet near."""

from __future__ import annotations

import datetime as dt
import io

import duckdb
import pandas as pd
import pytest
from openpyxl import load_workbook

from analytics import categories as cat
from analytics import queries
from analytics.export import make_export
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_evaluations, add_roster, refresh

D = dt.date
LAND = {"field": "Đất đai", "major": "Quản lý đất đai"}
MONEY = {"field": "Tài chính – Kế toán", "major": "Kế toán"}
PEOPLE = [
    # the period ends on the roster's date: due (36 full months)
    {"staff_id": "R1", "full_name": "Nguyễn Văn Đúng", "post_since": D(2023, 9, 30), **LAND},
    # a day later: ends 01/10/2026, within the 6 months' notice (35 months held)
    {"staff_id": "R2", "full_name": "Trần Văn Sau", "post_since": D(2023, 10, 1), **LAND},
    # the notice boundary: ends 30/03/2027 = 30/09/2026 + 6 months (the same day of the month),
    # still near
    {"staff_id": "R3", "full_name": "Lê Văn Biên", "post_since": D(2024, 3, 30), **LAND},
    # ends 31/03/2027, a day past the notice: not yet
    {"staff_id": "R4", "full_name": "Phạm Văn Xa", "post_since": D(2024, 3, 31), **LAND},
    # no date the post was taken: listed, marked
    {"staff_id": "R5", "full_name": "Hoàng Thị Trống", "gender": "Nữ", **MONEY},
    # a field that is not sensitive: not on the list, however long held
    {"staff_id": "R6", "full_name": "Vũ Văn Lâu", "post_since": D(2010, 1, 1)},
    # only the year: from 1 January 2020 (estimated), due since 01/01/2023
    {"staff_id": "R7", "full_name": "Đỗ Văn Năm", "post_since": D(2020, 1, 1),
     "post_since_estimated": True, "field": "Công nghệ thông tin", "major": "Công nghệ thông tin"},
    # due, and on maternity leave: still listed, with what sets her aside
    {"staff_id": "R8", "full_name": "Bùi Thị Sản", "gender": "Nữ", "post_since": D(2019, 5, 1),
     "status": "Đang nghỉ thai sản", **MONEY},
    # due, and retiring within 18 months: 03/1966 + 61y9m (2027) -> 31/12/2027 < 31/03/2028
    {"staff_id": "R9", "full_name": "Mai Văn Hưu", "birth_date": D(1966, 3, 10),
     "post_since": D(2018, 1, 1), **MONEY},
    # due, retiring 06/1966 + 62y (2028) -> 30/06/2028: after the 18 months, rotation proposed
    {"staff_id": "R10", "full_name": "Mai Văn Còn", "birth_date": D(1966, 6, 10),
     "post_since": D(2018, 1, 1), **MONEY},
]  # fmt: skip


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    add_roster(s, PEOPLE)
    return s


def _by_id(frame):  # type: ignore[no-untyped-def]
    return {r.staff_id: r for r in frame.itertuples()}


def test_each_sensitive_post_stands_against_its_period_at_the_boundaries(store: Store) -> None:
    frame = queries.rotation_due(store, Scope())
    rows = _by_id(frame)
    assert set(rows) == {f"R{i}" for i in (1, 2, 3, 4, 5, 7, 8, 9, 10)}  # R6: not sensitive
    status = {k: r.rotation_status for k, r in rows.items()}
    assert status == {
        "R1": 0, "R2": 1, "R3": 1, "R4": 2, "R5": 3, "R7": 0, "R8": 0, "R9": 0, "R10": 0,
    }  # fmt: skip
    assert rows["R1"].held_months == 36 and rows["R2"].held_months == 35
    assert rows["R3"].held_months == 30
    assert rows["R1"].rotation_due_date.date() == D(2026, 9, 30)
    assert rows["R3"].rotation_due_date.date() == D(2027, 3, 30)
    assert rows["R4"].rotation_due_date.date() == D(2027, 3, 31)
    assert rows["R7"].post_since_estimated and not rows["R1"].post_since_estimated
    assert rows["R2"].rotation_label == cat.ROTATION_STATUSES[1] == "Sắp đến hạn chuyển đổi"
    assert rows["R5"].rotation_label == "Chưa có ngày giữ vị trí"
    # due first, soonest due date first among them
    assert list(frame["staff_id"])[:5] == ["R10", "R9", "R8", "R7", "R1"]


def test_the_roster_says_who_is_set_aside_and_who_retires_before_a_rotation(store: Store) -> None:
    rows = _by_id(queries.rotation_due(store, Scope()))
    assert rows["R8"].exclusion == "Đang nghỉ thai sản"
    assert "NĐ 154/2025" in rows["R8"].exclusion_source
    assert pd.isna(rows["R1"].exclusion)
    assert rows["R9"].retirement_date.date() == D(2027, 12, 31) and rows["R9"].retires_soon
    assert rows["R10"].retirement_date.date() == D(2028, 6, 30) and not rows["R10"].retires_soon


def test_the_period_of_a_field_is_editable_within_two_to_five_years(store: Store) -> None:
    store.execute("update rotation_periods set period_years = 5 where field = 'Đất đai'")
    rows = _by_id(queries.rotation_due(store, Scope()))
    assert rows["R1"].rotation_status == 2 and rows["R1"].rotation_due_date.date() == D(2028, 9, 30)
    assert rows["R1"].period_years == 5
    with pytest.raises(duckdb.ConstraintException):
        store.execute("update rotation_periods set period_years = 6 where field = 'Đất đai'")
    with pytest.raises(duckdb.ConstraintException):
        store.execute("update rotation_periods set period_years = 1 where field = 'Xây dựng'")


def test_the_summary_counts_each_field_by_status(store: Store) -> None:
    summary = queries.rotation_summary(store, Scope()).set_index("field")
    land = summary.loc["Đất đai"]
    assert [int(land[f"status_{i}"]) for i in range(4)] == [1, 2, 1, 0] and land["people"] == 4
    money = summary.loc["Tài chính – Kế toán"]
    assert [int(money[f"status_{i}"]) for i in range(4)] == [3, 0, 0, 1]
    assert summary.index[0] == "Tài chính – Kế toán"  # most due first


# ------------------------------------------------------------------ NĐ 154/2025 exclusions
EXCLUDED = [
    # the child's third birthday is the roster's date: no longer under 36 months
    {"staff_id": "C1", "full_name": "Nguyễn Thị Ba Tuổi", "gender": "Nữ",
     "child_birth": D(2023, 9, 30)},
    # a day younger: 35 months old, set aside
    {"staff_id": "C2", "full_name": "Trần Thị Con Nhỏ", "gender": "Nữ",
     "child_birth": D(2023, 10, 1)},
    {"staff_id": "P1", "full_name": "Lê Thị Mang", "gender": "Nữ", "status": "Mang thai"},
    # read from the note, without accents
    {"staff_id": "P2", "full_name": "Phạm Thị Nghỉ", "gender": "Nữ",
     "note": "Dang nghi thai san den 12/2026"},
    {"staff_id": "P3", "full_name": "Hoàng Văn Xét", "status": "Đang bị xem xét kỷ luật"},
    # a word inside another phrase is not an exclusion
    {"staff_id": "P4", "full_name": "Vũ Văn Dân Số", "note": "Phụ trách điều tra dân số"},
    # pregnant and with a child under 36 months: the first in sort order names it
    {"staff_id": "P5", "full_name": "Đỗ Thị Hai Việc", "gender": "Nữ", "status": "Mang thai",
     "child_birth": D(2025, 1, 1)},
]  # fmt: skip


@pytest.fixture
def review_store() -> Store:
    s = Store(":memory:")
    add_roster(s, EXCLUDED)
    # everyone KHTNV in 2026: on the review list, unless set aside
    add_evaluations(
        s, [{"staff_id": p["staff_id"], "year": 2026, "grade": "KHTNV"} for p in EXCLUDED]
    )
    return s


def test_the_exclusions_at_their_boundaries(review_store: Store) -> None:
    codes = dict(
        review_store.execute("select staff_id, exclusion_code from staff order by staff_id")
    )
    assert codes == {
        "C1": None, "C2": "child", "P1": "pregnancy", "P2": "maternity", "P3": "under_review",
        "P4": None, "P5": "pregnancy",
    }  # fmt: skip


def test_the_child_months_are_a_setting(review_store: Store) -> None:
    review_store.execute("update settings set value = 12 where key = 'exclusion_child_months'")
    refresh(review_store)
    codes = dict(review_store.execute("select staff_id, exclusion_code from staff"))
    assert codes["C2"] is None and codes["P5"] == "pregnancy"


def test_the_review_list_sets_them_aside_but_lists_them_apart(review_store: Store) -> None:
    scope = Scope()
    listed = queries.review_by_person(review_store, scope)
    assert sorted(listed["staff_id"]) == ["C1", "P4"]
    assert queries.review_by_person_size(review_store, scope).rows == 2
    counts = queries.review_counts(review_store, scope).set_index("reason_code")
    assert counts.loc["khtnv", "people"] == 2
    apart = queries.review_excluded(review_store, scope)
    assert list(apart["staff_id"]) == ["P1", "P2", "C2", "P5", "P3"]  # Vietnamese name order
    row = apart.set_index("staff_id").loc["C2"]
    assert row["exclusion"] == "Đang nuôi con dưới 36 tháng tuổi"
    assert row["reasons"] == "Xếp loại Không hoàn thành nhiệm vụ năm 2026."
    # the public view keeps every row, with the flag and the decree's case
    view = review_store.df("select staff_id, excluded, case_text from review_list")
    assert len(view) == len(EXCLUDED)
    assert view["excluded"].sum() == 5
    assert view["case_text"].str.contains("không hoàn thành nhiệm vụ").all()


# ------------------------------------------------------------------ in the meeting exports
def _sheet_rows(store: Store, scope: Scope, sheet: str) -> list[tuple[object, ...]]:
    made = make_export(
        store, scope, "xlsx", view="ke-hoach-nhan-su", today=D(2026, 10, 15), record=False
    )
    book = load_workbook(io.BytesIO(made.data))
    if sheet not in book.sheetnames:
        return []
    rows = list(book[sheet].iter_rows(values_only=True))
    start = next(i for i, r in enumerate(rows) if r[0] == "Họ và tên" or r[0] == "Lĩnh vực")
    return [r for r in rows[start:] if r[0] is not None]


def test_the_export_lists_the_due_and_near_and_counts_them(store: Store) -> None:
    rows = _sheet_rows(store, Scope(), "Đến hạn chuyển đổi")
    assert rows[0][:4] == ("Họ và tên", "Đơn vị", "Chức vụ", "Lĩnh vực")
    names = [r[0] for r in rows[1:] if r[0] and not str(r[0]).startswith("Ngày giữ")]
    assert names == ["Mai Văn Còn", "Mai Văn Hưu", "Bùi Thị Sản", "Đỗ Văn Năm",
                     "Nguyễn Văn Đúng", "Trần Văn Sau", "Lê Văn Biên"]  # fmt: skip
    counts = _sheet_rows(store, Scope(), "Chuyển đổi vị trí")
    land = next(r for r in counts if r[0] == "Đất đai")
    assert land[1:6] == (1, 2, 1, 0, 4)
    # a viewer gets the counts, never the names
    viewer = Scope(role="viewer")
    assert _sheet_rows(store, viewer, "Đến hạn chuyển đổi") == []
    assert _sheet_rows(store, viewer, "Chuyển đổi vị trí")
