"""The staffing writes (``analytics.queries.writes``): a ward's profile and a quota decision
entered in the app. On a copy of the demo ward: 40 people in the roster of 30/09/2026 (8 of
them in Phòng Văn hóa – Xã hội), quota 42 by "QĐ mẫu/QĐ-UBND" from 01/07/2025, profile phường,
24.000 residents, not mountain -> norm 32 + 8.000 / 2.000 = 36. Each check refuses with its
Vietnamese message and writes nothing; only hr writes, a ward officer only their own ward."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from analytics import audit, queries
from analytics.policy import PermissionDenied
from analytics.scope import Account, Scope
from analytics.store import Store

WARD = "Phường Việt Hòa"
OTHER_WARD = "Phường Tân Hưng"
VHXH = "Phòng Văn hóa – Xã hội"
TODAY = dt.date(2026, 12, 4)
HR = Account("tochuc-thu", "hr")  # a city account: every ward
WARD_HR = Account("tochuc-vh", "hr", ward=WARD)
WHO = "Lê Thị Tổ"
QUOTA: dict[str, Any] = {
    "ward": WARD,
    "unit": None,
    "quota": 45,
    "decided_by": "QĐ 45/QĐ-UBND",
    "valid_from": dt.date(2026, 1, 1),  # before the data date (30/09/2026)
    "legal_source": "QĐ 45/QĐ-UBND ngày 20/12/2025 của UBND thành phố",
}
PROFILE: dict[str, Any] = {
    "ward": WARD,
    "kind": "phường",
    "residents": 30000,
    "mountain": False,
    "legal_source": "Niên giám thống kê 2025",
}


@pytest.fixture
def store(demo_db: Path, tmp_path: Path) -> Iterator[Store]:
    """A copy of the demo ward, to write in."""
    db = tmp_path / "staffing.duckdb"
    shutil.copy(demo_db, db)
    with Store(db) as s:
        yield s


def ward_row(store: Store, ward: str = WARD, on: dt.date = TODAY) -> pd.Series:
    frame = queries.staffing(store, Scope(wards=(ward,)), on=on)
    return frame[frame["level"] == "ward"].iloc[0]


def unit_row(store: Store, unit: str, on: dt.date = TODAY) -> pd.Series:
    frame = queries.staffing(store, Scope(wards=(WARD,)), on=on)
    return frame[frame["unit"] == unit].iloc[0]


def add_quota(store: Store, actor: Account = HR, **change: Any) -> dict[str, Any]:
    return queries.add_staffing_quota(store, {**QUOTA, **change}, WHO, actor=actor, today=TODAY)


def save_profile(store: Store, actor: Account = HR, **change: Any) -> dict[str, Any]:
    return queries.save_ward_profile(store, {**PROFILE, **change}, WHO, actor=actor)


def quotas(store: Store) -> list[tuple[Any, ...]]:
    return store.execute("select * from staffing_quotas order by ward, unit, valid_from")


def profiles(store: Store) -> list[tuple[Any, ...]]:
    return store.execute("select * from ward_profiles order by ward")


def last_entry(store: Store) -> pd.Series:
    return audit.entries(store, actions=("staffing_edit",), limit=1).iloc[0]


# ---------------------------------------------------------------- quota decisions
def test_the_demo_ward_before_any_edit(store: Store) -> None:
    row = ward_row(store)
    assert (row["head_count"], row["quota"], row["norm"]) == (40, 42, 36)
    assert (row["quota_status"], row["norm_status"]) == ("Thiếu 2", "Thừa 4")


def test_a_new_quota_counts_from_its_date_and_the_old_one_is_kept(store: Store) -> None:
    saved = add_quota(store)
    assert saved == QUOTA
    row = ward_row(store)
    # 45 from 01/01/2026 against 40 people: 45 - 40 = 5 short
    assert (row["quota"], row["quota_gap"], row["quota_status"]) == (45, 5, "Thiếu 5")
    assert (row["quota_decided_by"], row["quota_valid_from"].date()) == (
        "QĐ 45/QĐ-UBND",
        dt.date(2026, 1, 1),
    )
    assert row["norm"] == 36  # the norm follows the profile, not the quota
    # the day before, the 2025 decision was the one in force
    assert ward_row(store, on=dt.date(2025, 12, 31))["quota"] == 42
    history = queries.staffing_quota_history(store, Scope(wards=(WARD,)), on=TODAY)
    assert history[["quota", "decided_by", "in_force"]].values.tolist() == [
        [45, "QĐ 45/QĐ-UBND", True],
        [42, "QĐ mẫu/QĐ-UBND", False],
    ]


def test_a_decision_from_a_later_date_waits_for_it(store: Store) -> None:
    add_quota(store, quota=50, valid_from=dt.date(2027, 3, 1))
    assert ward_row(store)["quota"] == 42
    assert ward_row(store, on=dt.date(2027, 3, 1))["quota"] == 50
    history = queries.staffing_quota_history(store, Scope(wards=(WARD,)), on=TODAY)
    assert history["in_force"].tolist() == [False, True]


def test_a_quota_for_one_unit_of_the_roster(store: Store) -> None:
    add_quota(store, unit=VHXH, quota=9)
    row = unit_row(store, VHXH)
    # 8 people in the unit: 9 - 8 = 1 short
    assert (row["head_count"], row["quota"], row["quota_status"]) == (8, 9, "Thiếu 1")
    assert ward_row(store)["quota"] == 42  # the ward's own quota stands


def test_the_bounds_of_a_quota_are_accepted(store: Store) -> None:
    add_quota(store, quota=0, valid_from=dt.date(2026, 1, 1))
    add_quota(store, quota=500, valid_from=dt.date(2027, 12, 4))  # a year after today, exactly
    add_quota(store, quota=44.0, valid_from=dt.date(2026, 2, 1))  # a whole number typed "44.0"
    assert [q[2] for q in quotas(store)] == [42, 0, 44, 500]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ward": "  "}, "Cần chọn phường/xã."),
        ({"quota": -1}, "Số biên chế phải là số nguyên từ 0 đến 500."),
        ({"quota": 501}, "Số biên chế phải là số nguyên từ 0 đến 500."),
        ({"quota": 44.5}, "Số biên chế phải là số nguyên từ 0 đến 500."),
        ({"quota": "45"}, "Số biên chế phải là số nguyên từ 0 đến 500."),
        ({"quota": True}, "Số biên chế phải là số nguyên từ 0 đến 500."),
        ({"quota": None}, "Số biên chế phải là số nguyên từ 0 đến 500."),
        ({"decided_by": "   "}, "Cần ghi số quyết định giao biên chế, ví dụ: QĐ 123/QĐ-UBND."),
        ({"decided_by": None}, "Cần ghi số quyết định giao biên chế, ví dụ: QĐ 123/QĐ-UBND."),
        ({"valid_from": None}, "Cần ghi ngày áp dụng (ngày/tháng/năm)."),
        ({"valid_from": "01/01/2026"}, "Cần ghi ngày áp dụng (ngày/tháng/năm)."),
        (
            {"valid_from": dt.date(2027, 12, 5)},  # a year and a day after 04/12/2026
            "Ngày áp dụng 05/12/2027 quá xa: chỉ nhận quyết định áp dụng đến 04/12/2027 "
            "(một năm kể từ hôm nay).",
        ),
        (
            {"unit": "Phòng Không Có"},
            "Đơn vị “Phòng Không Có” không có trong danh sách nhân sự mới nhất của Phường Việt "
            "Hòa: chọn một đơn vị của danh sách, hoặc cả phường/xã.",
        ),
        ({"legal_source": ""}, "Cần ghi căn cứ của biên chế được giao (văn bản giao biên chế)."),
    ],
)
def test_a_bad_quota_is_refused_with_its_message_and_nothing_written(
    store: Store, change: dict[str, Any], message: str
) -> None:
    before = quotas(store)
    with pytest.raises(ValueError) as refused:
        add_quota(store, **change)
    assert str(refused.value) == message
    assert quotas(store) == before


def test_a_quota_without_who_entered_it_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match=r"^Cần ghi tên người cập nhật\.$"):
        queries.add_staffing_quota(store, QUOTA, "  ", actor=HR, today=TODAY)
    assert len(quotas(store)) == 1


def test_the_same_ward_unit_and_date_twice_is_refused(store: Store) -> None:
    add_quota(store)
    with pytest.raises(ValueError) as refused:
        add_quota(store, quota=47, decided_by="QĐ 47/QĐ-UBND")
    assert str(refused.value) == (
        "Đã có biên chế của Phường Việt Hòa, cả phường/xã áp dụng từ 01/01/2026 "
        "(QĐ 45/QĐ-UBND: 45 người). Mỗi quyết định mới cần một ngày áp dụng khác; quyết định cũ "
        "được giữ trong lịch sử."
    )
    # the demo's own decision of 01/07/2025 counts as well
    with pytest.raises(ValueError, match=r"^Đã có biên chế .* 01/07/2025 \(QĐ mẫu/QĐ-UBND: 42"):
        add_quota(store, valid_from=dt.date(2025, 7, 1))
    add_quota(store, unit=VHXH, quota=9)  # the same date for a unit is another decision
    assert [(q[1], q[2]) for q in quotas(store)] == [(VHXH, 9), (None, 42), (None, 45)]


# ---------------------------------------------------------------- the ward's profile
@pytest.mark.parametrize(
    ("kind", "residents", "mountain", "norm"),
    [
        ("phường", 30000, False, 39),  # 32 + 14.000 / 2.000 = 39
        ("phường", 30000, True, 46),  # in the mountains one per 1.000: 32 + 14
        ("phường", 17999, False, 32),  # 1.999 above 16.000: no whole step
        ("phường", 18000, False, 33),
        ("phường", 17000, True, 33),
        ("phường", 0, False, 32),  # below the base: the base
        ("phường", 200000, False, 70),  # 32 + 92 = 124, capped at 70 for a phường
        ("xã", 200000, False, 50),  # capped at 50 for a xã
        ("đặc khu", 200000, False, 124),  # no cap stated
    ],
)
def test_a_profile_edit_changes_the_norm_as_the_rule_says(
    store: Store, kind: str, residents: int, mountain: bool, norm: int
) -> None:
    saved = save_profile(store, kind=kind, residents=residents, mountain=mountain)
    assert saved == {**PROFILE, "kind": kind, "residents": residents, "mountain": mountain}
    row = ward_row(store)
    assert (row["kind"], row["residents"], row["norm"]) == (kind, residents, norm)
    assert row["norm_gap"] == norm - 40
    assert profiles(store) == [(WARD, kind, residents, mountain, "Niên giám thống kê 2025")]


def test_unknown_residents_leave_the_norm_without_figures(store: Store) -> None:
    save_profile(store, residents=None)
    row = ward_row(store)
    assert pd.isna(row["norm"]) and row["norm_status"] == queries.NO_FIGURES
    assert row["quota"] == 42  # the quota does not depend on the profile


def test_a_ward_without_a_roster_gets_a_profile_and_is_offered(store: Store) -> None:
    save_profile(store, ward="Xã An Lão", kind="xã", residents=21000)
    wards = queries.staffing_wards(store, Scope()).set_index("ward")
    assert wards.index.tolist() == [WARD, "Xã An Lão"]
    assert wards.loc["Xã An Lão", "units"] == []
    assert wards.loc["Xã An Lão", ["kind", "residents"]].tolist() == ["xã", 21000]
    assert wards.loc[WARD, "units"] == [
        "Lãnh đạo UBND phường",
        "Văn phòng HĐND và UBND",
        "Phòng Kinh tế, Hạ tầng và Đô thị",
        VHXH,
        "Trung tâm Phục vụ hành chính công",
    ]
    with pytest.raises(ValueError, match="không có trong danh sách nhân sự mới nhất của Xã An"):
        add_quota(store, ward="Xã An Lão", unit=VHXH)
    add_quota(store, ward="Xã An Lão", quota=35)  # the whole xã: no roster needed


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"ward": ""}, "Cần chọn phường/xã."),
        (
            {"kind": "thị trấn"},
            "Loại đơn vị không hợp lệ: thị trấn. Chọn một trong: phường, xã, đặc khu.",
        ),
        ({"kind": None}, "Loại đơn vị không hợp lệ: (trống). Chọn một trong: phường, xã, đặc khu."),
        (
            {"residents": -1},
            "Số dân phải là số nguyên không âm (để trống nếu chưa có số liệu).",
        ),
        ({"residents": 1.5}, "Số dân phải là số nguyên không âm (để trống nếu chưa có số liệu)."),
        (
            {"residents": "30000"},
            "Số dân phải là số nguyên không âm (để trống nếu chưa có số liệu).",
        ),
        ({"residents": True}, "Số dân phải là số nguyên không âm (để trống nếu chưa có số liệu)."),
        (
            {"residents": 5_000_001},
            "Số dân 5.000.001 vượt quá 5.000.000: hãy kiểm tra lại.",
        ),
        ({"mountain": "có"}, "Ô “Miền núi” chỉ nhận có hoặc không."),
        ({"mountain": None}, "Ô “Miền núi” chỉ nhận có hoặc không."),
        (
            {"legal_source": " "},
            "Cần ghi căn cứ (quyết định, số liệu dân số) của hồ sơ phường/xã, ví dụ: Niên giám "
            "thống kê 2025.",
        ),
    ],
)
def test_a_bad_profile_is_refused_with_its_message_and_nothing_changed(
    store: Store, change: dict[str, Any], message: str
) -> None:
    before = profiles(store)
    with pytest.raises(ValueError) as refused:
        save_profile(store, **change)
    assert str(refused.value) == message
    assert profiles(store) == before
    assert ward_row(store)["norm"] == 36


# ---------------------------------------------------------------- who may write
@pytest.mark.parametrize(
    ("role", "label"),
    [
        ("viewer", "Người xem (chỉ số liệu tổng hợp)"),
        ("leader", "Lãnh đạo phường"),
        ("unit_head", "Trưởng đơn vị"),
    ],
)
def test_only_hr_may_edit_staffing(store: Store, role: str, label: str) -> None:
    actor = Account(f"thu-{role}", role, unit=VHXH if role == "unit_head" else None)  # type: ignore[arg-type]
    refusal = (
        f"Vai trò “{label}” không được sửa hồ sơ phường và biên chế được giao (việc của cán bộ "
        "tổ chức)."
    )
    before = (quotas(store), profiles(store))
    with pytest.raises(PermissionDenied) as refused:
        add_quota(store, actor=actor)
    assert str(refused.value) == refusal
    with pytest.raises(PermissionDenied) as refused:
        save_profile(store, actor=actor)
    assert str(refused.value) == refusal
    assert (quotas(store), profiles(store)) == before
    entry = last_entry(store)
    assert (entry["username"], entry["outcome"], entry["detail"]) == (
        f"thu-{role}",
        "refused",
        "Hồ sơ Phường Việt Hòa",
    )


def test_a_ward_officer_writes_only_their_own_ward(store: Store) -> None:
    refusal = (
        "Tài khoản gắn với Phường Việt Hòa chỉ được sửa hồ sơ phường và biên chế được giao của "
        "Phường Việt Hòa, không phải của Phường Tân Hưng."
    )
    with pytest.raises(PermissionDenied) as refused:
        add_quota(store, actor=WARD_HR, ward=OTHER_WARD)
    assert str(refused.value) == refusal
    with pytest.raises(PermissionDenied) as refused:
        save_profile(store, actor=WARD_HR, ward=OTHER_WARD)
    assert str(refused.value) == refusal
    assert OTHER_WARD not in {r[0] for r in quotas(store) + profiles(store)}
    add_quota(store, actor=WARD_HR)  # their own ward
    save_profile(store, actor=WARD_HR)
    assert ward_row(store)[["quota", "norm"]].tolist() == [45, 39]


def test_a_city_officer_writes_any_ward(store: Store) -> None:
    save_profile(store, ward=OTHER_WARD, residents=19500)
    add_quota(store, ward=OTHER_WARD, quota=34)
    assert (OTHER_WARD, "phường", 19500, False, "Niên giám thống kê 2025") in profiles(store)
    assert (OTHER_WARD, None, 34) in [q[:3] for q in quotas(store)]


# ---------------------------------------------------------------- the audit log
def test_each_save_is_audited_with_the_figures_and_who(store: Store) -> None:
    add_quota(store)
    entry = last_entry(store)
    assert (entry["username"], entry["role"], entry["outcome"]) == ("tochuc-thu", "hr", "ok")
    assert entry["action_label"] == "Cập nhật hồ sơ phường, biên chế được giao"
    assert entry["detail"] == (
        "Biên chế Phường Việt Hòa, cả phường/xã: 45 người theo QĐ 45/QĐ-UBND, áp dụng từ "
        "01/01/2026; căn cứ: QĐ 45/QĐ-UBND ngày 20/12/2025 của UBND thành phố; người cập nhật: "
        "Lê Thị Tổ"
    )
    save_profile(store)
    assert last_entry(store)["detail"] == (
        "Hồ sơ Phường Việt Hòa: phường, 30.000 dân, không miền núi (trước: phường, 24.000 dân, "
        "không miền núi); căn cứ: Niên giám thống kê 2025; người cập nhật: Lê Thị Tổ"
    )
    assert audit.verify(store)


def test_a_refused_value_is_not_audited(store: Store) -> None:
    count = len(audit.entries(store, actions=("staffing_edit",)))
    with pytest.raises(ValueError):
        add_quota(store, quota=-1)
    assert len(audit.entries(store, actions=("staffing_edit",))) == count
