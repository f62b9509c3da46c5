"""The ward filter at city or national scale: past 30 wards the sidebar asks for the province or
city first, the ward list holds only that province's wards, and both travel in the URL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from analytics.filters import PROVINCE, WARD_GROUPING_THRESHOLD, WARDS
from analytics.store import Store
from tests.pages.conftest import DASHBOARD, add_account, submit_sign_in
from tests.rows import add_roster
from tests.sheet_writers import import_path, roster_rows, write_grid

# 24 wards of Hải Phòng (2 people each), 12 of Quảng Ninh (1 each), 2 of no known province (1 each).
HAI_PHONG = "Thành phố Hải Phòng"
QUANG_NINH = "Tỉnh Quảng Ninh"
WARDS_OF = {
    HAI_PHONG: [f"Phường Thử {i:02d}" for i in range(24)],
    QUANG_NINH: [f"Xã Thử {i:02d}" for i in range(12)],
}
UNPLACED = ["Xã Chưa Rõ 1", "Xã Chưa Rõ 2"]
PEOPLE = {HAI_PHONG: 2, QUANG_NINH: 1}


@pytest.fixture(scope="module")
def many_wards_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("wards") / "wards.duckdb"
    with Store(db) as store:
        for province, wards in WARDS_OF.items():
            for ward in wards:
                people = [
                    {"staff_id": f"{ward}-{n}", "full_name": f"Người {n} {ward}"}
                    for n in range(PEOPLE[province])
                ]
                add_roster(store, people, ward=ward)
        for ward in UNPLACED:
            add_roster(store, [{"staff_id": f"{ward}-0", "full_name": f"Người {ward}"}], ward=ward)
        # The reference the ward's province is read from (analytics.filters.ward_provinces).
        for province, wards in WARDS_OF.items():
            for ward in wards:
                store.execute(
                    "insert into ward_provinces (ward, province, legal_source) values (?, ?, ?)",
                    [ward, province, "thử"],
                )
    return db


@pytest.fixture
def signed_in(
    many_wards_db: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[dict[str, str | list[str]]], AppTest]:
    """The dashboard signed in as an HR officer of every ward, opened at ``?query``."""
    monkeypatch.setenv("ANALYTICS_DB", str(many_wards_db))
    username, password = add_account(many_wards_db, "hr")

    def open_at(query: dict[str, str | list[str]]) -> AppTest:
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        at.query_params.update(query)
        submit_sign_in(at, username, password)
        assert not at.exception, at.exception
        return at

    return open_at


def _param(at: AppTest, name: str) -> list[str]:
    """One URL parameter's values (AppTest gives a lone value bare)."""
    value = at.query_params.get(name, [])
    return [value] if isinstance(value, str) else list(value)


def _total(at: AppTest) -> str:
    """The overview's head count card."""
    return next(m.value for m in at.metric if m.label == "Tổng số CBCC")


def test_many_wards_offer_a_province_picker_with_every_province(signed_in: Callable) -> None:
    at = signed_in({})
    assert len(WARDS_OF[HAI_PHONG]) + len(WARDS_OF[QUANG_NINH]) > WARD_GROUPING_THRESHOLD
    picker = at.selectbox(key=PROVINCE.key)
    assert picker.label == "Tỉnh/thành phố"
    assert picker.options == [HAI_PHONG, QUANG_NINH, "Chưa rõ tỉnh/thành phố"]
    wards = at.multiselect(key=WARDS.key)
    assert len(wards.options) == 38  # no province chosen: every ward, named with its province
    assert f"{WARDS_OF[QUANG_NINH][0]} — {QUANG_NINH}" in wards.options
    assert "gõ tên để tìm" in wards.placeholder


def test_a_chosen_province_lists_only_its_wards_and_narrows_the_numbers(
    signed_in: Callable,
) -> None:
    at = signed_in({})
    assert _total(at) == "62"  # 24 × 2 + 12 + 2
    at.selectbox(key=PROVINCE.key).set_value(QUANG_NINH).run()
    assert not at.exception
    assert at.multiselect(key=WARDS.key).options == WARDS_OF[QUANG_NINH]
    assert _total(at) == "12"
    assert _param(at, "tinh") == [QUANG_NINH]


def test_a_new_province_drops_the_wards_of_the_old_one(signed_in: Callable) -> None:
    at = signed_in({})
    at.selectbox(key=PROVINCE.key).set_value(HAI_PHONG).run()
    at.multiselect(key=WARDS.key).select(WARDS_OF[HAI_PHONG][3]).run()
    assert _total(at) == "2"
    assert _param(at, "phuong") == [WARDS_OF[HAI_PHONG][3]]
    at.selectbox(key=PROVINCE.key).set_value(QUANG_NINH).run()
    assert not at.exception
    assert at.multiselect(key=WARDS.key).value == []
    assert _param(at, "phuong") == []
    assert _total(at) == "12"


def test_a_link_with_the_province_and_a_ward_reproduces_the_view(signed_in: Callable) -> None:
    ward = WARDS_OF[HAI_PHONG][5]
    at = signed_in({"tinh": HAI_PHONG, "phuong": ward})
    assert at.selectbox(key=PROVINCE.key).value == HAI_PHONG
    assert at.multiselect(key=WARDS.key).value == [ward]
    assert _total(at) == "2"


def test_a_link_with_a_ward_alone_finds_its_province(signed_in: Callable) -> None:
    ward = WARDS_OF[QUANG_NINH][1]
    at = signed_in({"phuong": ward})
    assert at.selectbox(key=PROVINCE.key).value == QUANG_NINH
    assert at.multiselect(key=WARDS.key).options == WARDS_OF[QUANG_NINH]
    assert _total(at) == "1"


def test_few_wards_keep_the_plain_ward_list(app_at: Callable[..., AppTest]) -> None:
    at = app_at("pages/1_tong_quan.py", "hr")
    assert not at.exception
    assert not [s for s in at.selectbox if s.key == PROVINCE.key]


# A national roster imported from a file whose "Tỉnh/thành phố" column names the provinces (as
# "TP. Đà Nẵng", normalised), and one ward left blank that the Hải Phòng reference places.
ROSTER_PROVINCES = {
    "Tỉnh Lạng Sơn": [f"Xã Núi Thử {i:02d}" for i in range(20)],
    "TP. Đà Nẵng": [f"Phường Biển Thử {i:02d}" for i in range(15)],
    "": ["Phường Hồng Bàng"],  # no province in the file: the reference (migration 008)
}


@pytest.fixture(scope="module")
def roster_with_provinces_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("provinces")
    header = ["TT", "Phường/Xã", "Tỉnh/thành phố", "Họ và tên", "Ngày sinh", "Giới tính"]
    people = [
        [n, ward, province or None, f"Người Thử {n}", "01/01/1980", "Nữ"]
        for n, (ward, province) in enumerate(
            ((w, p) for p, wards in ROSTER_PROVINCES.items() for w in wards), start=1
        )
    ]
    path = write_grid(folder / "ca_nuoc.xlsx", roster_rows(people, header=header))
    db = folder / "provinces.duckdb"
    with Store(db) as store:
        result = import_path(store, "roster", path)
        assert result.status == "imported", result.errors
    return db


def test_a_roster_naming_provinces_gives_the_picker_its_provinces(
    roster_with_provinces_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ANALYTICS_DB", str(roster_with_provinces_db))
    username, password = add_account(roster_with_provinces_db, "hr")
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    submit_sign_in(at, username, password)
    assert not at.exception, at.exception
    picker = at.selectbox(key=PROVINCE.key)
    assert picker.options == ["Thành phố Đà Nẵng", HAI_PHONG, "Tỉnh Lạng Sơn"]
    assert _total(at) == "36"
    picker.set_value("Thành phố Đà Nẵng").run()
    assert not at.exception
    assert at.multiselect(key=WARDS.key).options == ROSTER_PROVINCES["TP. Đà Nẵng"]
    assert _total(at) == "15"
    assert _param(at, "tinh") == ["Thành phố Đà Nẵng"]
    at.selectbox(key=PROVINCE.key).set_value(HAI_PHONG).run()
    assert at.multiselect(key=WARDS.key).options == ["Phường Hồng Bàng"]
    assert _total(at) == "1"
