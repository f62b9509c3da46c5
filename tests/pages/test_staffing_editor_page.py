"""The editor of the ward profile and the quota on Kế hoạch nhân sự (ui/staffing_editor.py), on
a copy of the demo ward: 40 people, quota 42 (QĐ mẫu, from 01/07/2025), 24.000 residents
outside the mountains -> norm 32 + 8.000 / 2.000 = 36; three people retire within 24 months.
Only the HR officer sees it; a save shows in the staffing table of the same screen."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.markdown_view import visible, visible_frame
from tests.pages.conftest import DASHBOARD, WORKFORCE_PAGE, SignIn

EDITOR = "Cập nhật hồ sơ phường và biên chế được giao"
FIGURES = [
    "Số người",
    "Biên chế được giao",
    "So với biên chế",
    "Định mức",
    "So với định mức",
    "Dự kiến thiếu",
]


def whole_ward(at: AppTest) -> list[str]:
    """The ward's row of the staffing table, as read."""
    staff = next(visible_frame(t.value) for t in at.table if "Dự kiến thiếu" in t.value.columns)
    return staff.set_index(staff.columns[1]).loc["Cả phường/xã", FIGURES].tolist()


def history(at: AppTest) -> pd.DataFrame:
    return next(visible_frame(t.value) for t in at.table if "Quyết định" in t.value.columns)


def fill_quota(at: AppTest, **values: object) -> AppTest:
    at.number_input(key="se_quota").set_value(values.get("quota", 45))
    at.text_input(key="se_decided_by").input(str(values.get("decided_by", "QĐ 45/QĐ-UBND")))
    at.date_input(key="se_valid_from").set_value(values.get("valid_from", dt.date(2026, 1, 1)))
    at.text_input(key="se_quota_source").input(str(values.get("source", "QĐ 45/QĐ-UBND")))
    return at.button(key="se_quota_save").click().run()


def test_the_hr_officer_adds_a_quota_and_the_table_shows_it(
    workforce_page: Callable[[str], AppTest],
) -> None:
    at = workforce_page("hr")
    assert [e.label for e in at.expander if e.label == EDITOR] == [EDITOR]
    assert not at.warning, [w.value for w in at.warning]
    assert whole_ward(at) == ["40", "42", "Thiếu 2", "36", "Thừa 4", "5"]
    assert history(at)[["Biên chế", "Quyết định", "Áp dụng từ", "Đang áp dụng"]].values.tolist() == [
        ["42", "QĐ mẫu/QĐ-UBND", "01/07/2025", "Có"]
    ]  # fmt: skip

    # a decision number written as markdown and HTML reads as itself
    hostile = "**QĐ 45** <b>x</b> [mở](https://vi.example)"
    fill_quota(at, quota=45, decided_by=hostile, valid_from=dt.date(2026, 1, 1))
    assert not at.exception
    assert not at.error, [e.value for e in at.error]
    # 45 from 01/01/2026: 45 - 40 = 5 short; 45 - (40 - 3) = 8 to recruit; the norm stays 36
    assert whole_ward(at) == ["40", "45", "Thiếu 5", "36", "Thừa 4", "8"]
    shown = visible(at.success[0].value)
    assert shown.startswith(
        "Đã thêm biên chế được giao của Phường Việt Hòa (Cả phường/xã): 45 người"
    )
    assert hostile in shown
    assert "**QĐ 45**" not in at.success[0].value and "<b>" not in at.success[0].value  # escaped
    assert "Biên chế đang áp dụng: 45 người (số người hiện có 40: thiếu 5)" in shown
    rows = history(at)[["Biên chế", "Quyết định", "Áp dụng từ", "Đang áp dụng"]]
    assert rows.values.tolist() == [
        ["45", hostile, "01/01/2026", "Có"],
        ["42", "QĐ mẫu/QĐ-UBND", "01/07/2025", ""],  # kept, no longer in force
    ]
    # the form is empty again: no second entry of the same decision by mistake
    assert at.text_input(key="se_decided_by").value == ""
    assert at.number_input(key="se_quota").value is None


def test_a_quota_for_one_unit_shows_on_its_row(workforce_page: Callable[[str], AppTest]) -> None:
    at = workforce_page("hr")
    unit = "Phòng Văn hóa – Xã hội"
    at.selectbox(key="se_unit").set_value(unit)
    fill_quota(at, quota=9, valid_from=dt.date(2026, 3, 1))
    assert not at.error, [e.value for e in at.error]
    staff = next(visible_frame(t.value) for t in at.table if "Dự kiến thiếu" in t.value.columns)
    row = staff.set_index(staff.columns[1]).loc[unit]
    # 8 people in the unit, none retiring within 24 months: 9 - 8 = 1 short, 9 - (8 - 0) = 1
    assert row[["Số người", "Biên chế được giao", "So với biên chế", "Dự kiến thiếu"]].tolist() == [
        "8", "9", "Thiếu 1", "1"
    ]  # fmt: skip
    assert whole_ward(at)[1] == "42"  # the ward's own quota stands
    assert history(at)["Đơn vị"].tolist() == ["Cả phường/xã", unit]  # the whole ward first


def test_a_profile_edit_changes_the_norm(workforce_page: Callable[[str], AppTest]) -> None:
    at = workforce_page("hr")
    assert at.number_input(key="se_residents").value == 24000  # the saved profile is loaded
    at.number_input(key="se_residents").set_value(30000)
    at.text_input(key="se_profile_source").input("Niên giám thống kê 2025")
    at.button(key="se_profile_save").click().run()
    assert not at.error, [e.value for e in at.error]
    # 30.000 residents: 32 + 14.000 / 2.000 = 39 against 40 people: one above
    assert whole_ward(at)[3:5] == ["39", "Thừa 1"]
    assert "định mức: 39 người (thừa 1)" in visible(at.success[0].value)
    assert at.number_input(key="se_residents").value == 30000

    at.checkbox(key="se_mountain").check()
    at.button(key="se_profile_save").click().run()
    # in the mountains one per 1.000: 32 + 14 = 46, six short of it
    assert whole_ward(at)[3:5] == ["46", "Thiếu 6"]


def test_an_empty_decision_number_is_refused_in_vietnamese(
    workforce_page: Callable[[str], AppTest],
) -> None:
    at = workforce_page("hr")
    fill_quota(at, decided_by="   ")
    assert [visible(e.value) for e in at.error] == [
        "Cần ghi số quyết định giao biên chế, ví dụ: QĐ 123/QĐ-UBND."
    ]
    assert not at.exception
    assert whole_ward(at)[1] == "42"  # nothing written
    assert at.number_input(key="se_quota").value == 45  # the values typed are kept


@pytest.mark.parametrize("role", ["leader", "viewer", "unit_head"])
def test_other_roles_do_not_see_the_editor(
    workforce_page: Callable[[str], AppTest], role: str
) -> None:
    at = workforce_page(role)
    assert EDITOR not in [e.label for e in at.expander]
    assert not [w for w in at.text_input if str(w.key).startswith("se_")]


def test_a_ward_officer_edits_only_their_own_ward(
    sign_in: SignIn, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("ui.data.today", lambda: dt.date(2026, 12, 4))
    at = sign_in(AppTest.from_file(DASHBOARD, default_timeout=60), "hr", ward="Phường Việt Hòa")
    at.switch_page(WORKFORCE_PAGE).run()
    assert at.selectbox(key="se_ward").options == ["Phường Việt Hòa"]
    assert at.selectbox(key="se_unit").value == ""  # the whole ward, written "Cả phường/xã"
    assert at.selectbox(key="se_unit").options[0] == "Cả phường/xã"
    fill_quota(at, quota=44)
    assert not at.error, [e.value for e in at.error]
    assert whole_ward(at)[1:3] == ["44", "Thiếu 4"]  # 44 - 40
