"""Retirement forecast (NĐ 135/2020, month-exact) on hand-written people. The roster is dated
30/09/2026, so "within 12 months" ends on 30/09/2027 and "within 60 months" on 30/09/2031.

The rule, worked by hand: a person retires in the first roadmap year whose age they reach within
that year; the month index is birth year * 12 + birth month - 1 + the row's age in months."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from analytics import categories as cat
from analytics import queries
from analytics.queries import workforce
from analytics.scope import Scope
from analytics.store import Store
from tests.rows import add_roster

D = dt.date
LAND = {"field": "Đất đai", "major": "Quản lý đất đai"}
PEOPLE = [
    # 2026 age for men, 61y6m: born 03/1965 -> 09/2026; 61y3m (2025) would give 06/2026, not 2025.
    {"staff_id": "M1", "full_name": "Nguyễn Văn Một", "birth_date": D(1965, 3, 15)},
    # the day of birth does not count: born on the last day of the month, the same month
    {"staff_id": "M1b", "full_name": "Nguyễn Văn Cuối", "birth_date": D(1965, 3, 31)},
    # 04/1965 + 61y6m = 10/2026 -> 31/10/2026, one month after the roster; a land officer
    {"staff_id": "M2", "full_name": "Trần Văn Hai", "birth_date": D(1965, 4, 1), **LAND},
    # December rolls into the next year: 12/1964 + 61y3m = 03/2026 (not in 2025), so the 2026
    # row: 12/1964 + 61y6m = 06/2026 -> 30/06/2026
    {"staff_id": "M3", "full_name": "Lê Văn Ba", "birth_date": D(1964, 12, 31)},
    # the 12-month boundary: 12/1965 + 61y9m (2027) = 09/2027 -> 30/09/2027, still within 12
    {"staff_id": "M4", "full_name": "Phạm Văn Bốn", "birth_date": D(1965, 12, 1)},
    # only the year: from 1 January 1966 + 61y9m = 10/2027 -> 31/10/2027, estimated, within 24
    {"staff_id": "M5", "full_name": "Hoàng Văn Năm", "birth_year": 1966},
    # the 60-month boundary at the cap (62 from 2028 on): 09/1969 -> 09/2031 -> 30/09/2031
    {"staff_id": "M6", "full_name": "Vũ Văn Sáu", "birth_date": D(1969, 9, 20)},
    # past the cap: 03/1970 + 62y = 03/2032, later than 60 months
    {"staff_id": "M7", "full_name": "Đỗ Văn Bảy", "birth_date": D(1970, 3, 2)},
    # 2026 age for women, 57y: 05/1969 + 56y8m (2025) = 01/2026, not 2025; 57y -> 05/2026
    {"staff_id": "W1", "full_name": "Nguyễn Thị Tám", "gender": "Nữ", "birth_date": D(1969, 5, 10)},
    # 04/1969 + 56y8m = 12/2025: still 2025 -> 31/12/2025
    {"staff_id": "W2", "full_name": "Trần Thị Chín", "gender": "Nữ", "birth_date": D(1969, 4, 20)},
    # 10/1969 + 57y = 10/2026 -> 31/10/2026; a land officer who meets every standard but leaves
    {"staff_id": "W3", "full_name": "Lê Thị Mười", "gender": "Nữ", "birth_date": D(1969, 10, 1),
     **LAND},
    # the women's cap (60 from 2035): 04/1975 + 59y8m = 12/2034; 05/1975 + 60y = 05/2035
    {"staff_id": "W4", "full_name": "Phạm Thị Mai", "gender": "Nữ", "birth_date": D(1975, 4, 5)},
    {"staff_id": "W5", "full_name": "Hoàng Thị Đào", "gender": "Nữ", "birth_date": D(1975, 5, 5)},
    # no gender, no birth: kept, marked
    {"staff_id": "N1", "full_name": "Bùi Văn Khuyết", "gender": None},
    {"staff_id": "N2", "full_name": "Bùi Thị Trống", "gender": "Nữ", "birth_year": None},
    # land officers who stay: one meets every standard (a candidate), one is below (Trung cấp)
    {"staff_id": "L1", "full_name": "Đinh Văn Kế", "birth_date": D(1990, 6, 1), **LAND},
    {"staff_id": "L2", "full_name": "Đinh Thị Thấp", "gender": "Nữ", "birth_date": D(1992, 6, 1),
     "education_level": "Trung cấp", **LAND},
    # an accountant leaving (04/1965 -> 31/10/2026) with nobody in the field to take over
    {"staff_id": "K1", "full_name": "Mai Văn Toán", "birth_date": D(1965, 4, 9),
     "field": "Tài chính – Kế toán", "major": "Kế toán", "unit": "Văn phòng HĐND và UBND"},
]  # fmt: skip

EXPECTED = {  # staff_id: (retirement date, horizon, estimated)
    "M1": (D(2026, 9, 30), 0, False),
    "M1b": (D(2026, 9, 30), 0, False),
    "M2": (D(2026, 10, 31), 1, False),
    "M3": (D(2026, 6, 30), 0, False),
    "M4": (D(2027, 9, 30), 1, False),
    "M5": (D(2027, 10, 31), 2, True),
    "M6": (D(2031, 9, 30), 3, False),
    "M7": (D(2032, 3, 31), 4, False),
    "W1": (D(2026, 5, 31), 0, False),
    "W2": (D(2025, 12, 31), 0, False),
    "W3": (D(2026, 10, 31), 1, False),
    "W4": (D(2034, 12, 31), 4, False),
    "W5": (D(2035, 5, 31), 4, False),
    "N1": (None, 5, False),
    "N2": (None, 5, False),
    "L1": (D(2052, 6, 30), 4, False),  # 06/1990 + 62y
    "L2": (D(2052, 6, 30), 4, False),  # 06/1992 + 60y
    "K1": (D(2026, 10, 31), 1, False),
}


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    add_roster(s, PEOPLE)
    return s


def test_the_roadmap_gives_the_2026_ages_and_stops_at_62_and_60(store: Store) -> None:
    rows = store.df("select gender, year, age_years, age_months from retirement_roadmap")
    age = {(r.gender, r.year): (r.age_years, r.age_months) for r in rows.itertuples()}
    assert age[("Nam", 2021)] == (60, 3) and age[("Nữ", 2021)] == (55, 4)
    assert age[("Nam", 2026)] == (61, 6) and age[("Nữ", 2026)] == (57, 0)
    assert age[("Nam", 2028)] == (62, 0) and max(y for g, y in age if g == "Nam") == 2028
    assert age[("Nữ", 2035)] == (60, 0) and max(y for g, y in age if g == "Nữ") == 2035


def test_each_retirement_date_is_the_end_of_the_month_the_age_is_reached(store: Store) -> None:
    frame = workforce.retirement_forecast(store, Scope())
    assert len(frame) == len(PEOPLE)  # nobody lost, the unknown included
    got = {
        r.staff_id: (
            None
            if r.retirement_date is None or r.retirement_date != r.retirement_date
            else r.retirement_date.date(),
            r.horizon,
            bool(r.estimated),
        )
        for r in frame.itertuples()
    }
    assert got == EXPECTED
    labels = dict(zip(frame.staff_id, frame.horizon_label, strict=True))
    assert labels["M5"] == cat.RETIREMENT_HORIZONS[2] == "Từ 13 đến 24 tháng"
    months = dict(zip(frame.staff_id, frame.months_left, strict=True))
    assert months["M2"] == 1 and months["M5"] == 13 and months["M1"] == 0


def test_the_leavers_within_12_24_and_60_months_are_counted_cumulatively(store: Store) -> None:
    summary = workforce.retirement_summary(store, Scope(), by="sensitive").set_index("group")
    # sensitive: M2, W3, K1 within 12 (horizon 1); L1, L2 later -> 0 reached, 3, 3, 3, 5 people
    assert summary.loc["Lĩnh vực nhạy cảm", ["reached", "within_12", "within_24", "within_60",
                                             "people"]].tolist() == [0, 3, 3, 3, 5]  # fmt: skip
    # others: reached M1, M1b, M3, W1, W2 (5); + M4 within 12 (6); + M5 within 24 (7);
    # + M6 within 60 (8); people: 18 - 5 = 13
    assert summary.loc["Lĩnh vực khác", ["reached", "within_12", "within_24", "within_60",
                                         "people"]].tolist() == [5, 6, 7, 8, 13]  # fmt: skip
    leavers = workforce.retirement_leavers(store, Scope(), months=12)
    assert sorted(leavers.staff_id) == sorted(["M1", "M1b", "M2", "M3", "M4", "W1", "W2", "W3",
                                               "K1"])  # fmt: skip


def test_a_sensitive_leaver_gets_the_colleagues_who_already_meet_the_standard(
    store: Store,
) -> None:
    frame = workforce.retirement_successors(store, Scope(), months=24)
    pairs = sorted(zip(frame.staff_id, frame.candidate_id.fillna("—"), strict=True))
    # M2 and W3 leave the land field: L1 meets every check and stays; L2 is below (Trung cấp);
    # they do not take each other's place (both leave). K1 has nobody in accounting.
    assert pairs == [("K1", "—"), ("M2", "L1"), ("W3", "L1")]


def test_a_post_is_offered_to_anyone_of_the_ward_who_meets_its_standard() -> None:
    """The candidates for a land officer's post: every standard of that post (Đại học for all,
    a land major for the field), judged by the placement rules, whatever field they work in now;
    the own field first; a ward leader is not offered a specialist's post."""
    s = Store(":memory:")
    add_roster(s, [
        # leaves 31/10/2026 (04/1965 + 61y6m)
        {"staff_id": "A1", "full_name": "Trần Văn Đi", "birth_date": D(1965, 4, 1), **LAND},
        # the same field, meets it: first
        {"staff_id": "A2", "full_name": "Vũ Văn Ở", "birth_date": D(1990, 1, 1), **LAND},
        # another field, a major the land standard names (Địa chính): a candidate
        {"staff_id": "A3", "full_name": "Lê Văn Chuyển", "birth_date": D(1988, 1, 1),
         "field": "Nội vụ", "major": "Địa chính"},
        # another field, another major (Văn hóa): not
        {"staff_id": "A4", "full_name": "Bùi Văn Khác", "birth_date": D(1988, 1, 1)},
        # a land major holding a leadership post: not offered a specialist's post
        {"staff_id": "A5", "full_name": "Đặng Văn Trưởng", "birth_date": D(1980, 1, 1),
         "field": "Lãnh đạo, quản lý", "position": "Phó Chủ tịch UBND", "is_leader": True,
         "major": "Quản lý đất đai"},
        # a land major on Cao đẳng: below the Đại học every post asks
        {"staff_id": "A6", "full_name": "Hồ Văn Thấp", "birth_date": D(1991, 1, 1),
         "field": "Xây dựng", "major": "Địa chính", "education_level": "Cao đẳng"},
        # a land major, no education level written: "chưa có dữ liệu" is not met
        {"staff_id": "A7", "full_name": "Kiều Văn Trống", "birth_date": D(1991, 1, 1),
         "field": "Xây dựng", "major": "Trắc địa", "education_level": None},
        # on maternity leave: offered, with the roster's note
        {"staff_id": "A8", "full_name": "Ngô Thị Nghỉ", "gender": "Nữ", "birth_date": D(1993, 1, 1),
         "field": "Tư pháp – Hộ tịch", "major": "Quản lý đất đai", "status": "Nghỉ thai sản"},
    ])  # fmt: skip
    frame = workforce.retirement_successors(s, Scope(), months=24)
    assert frame.staff_id.unique().tolist() == ["A1"]
    assert frame.candidate_id.tolist() == ["A2", "A3", "A8"]
    assert frame.same_field.tolist() == [True, False, False]
    assert frame.candidate_field.tolist() == ["Đất đai", "Nội vụ", "Tư pháp – Hộ tịch"]
    notes = frame.set_index("candidate_id")["candidate_note"]
    assert pd.isna(notes["A2"]) and pd.isna(notes["A3"])
    assert "thai sản" in str(notes["A8"]).lower()
    assert frame.candidate_count.tolist() == [3, 3, 3]
    # the screen lists the first few: the count still says how many meet the post
    first = workforce.retirement_successors(s, Scope(), months=24, per_leaver=2)
    assert first.candidate_id.tolist() == ["A2", "A3"]
    assert first.candidate_count.tolist() == [3, 3]


def test_the_forecast_obeys_the_scope(store: Store) -> None:
    scope = Scope(units=("Văn phòng HĐND và UBND",))
    assert workforce.retirement_forecast(store, scope).staff_id.tolist() == ["K1"]
    assert queries.retirement_forecast is workforce.retirement_forecast
