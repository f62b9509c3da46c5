"""The province or city of each ward: a roster's "Tỉnh/thành phố" column, carried to ``staff``
and ``people``; one province per ward; the Hải Phòng reference of migration 008 for rosters
without the column, and how the two combine in ``analytics.filters.ward_provinces``."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from sheet_writers import import_path, new_store, roster_rows, write_grid

from analytics import filters
from analytics.bench.generate import WARDS as HAI_PHONG_WARDS
from analytics.filters import UNKNOWN_PROVINCE
from analytics.store import Store

HAI_PHONG = "Thành phố Hải Phòng"
QUANG_NINH = "Tỉnh Quảng Ninh"
HEADER = ["TT", "Phường/Xã", "Tỉnh/thành phố", "Họ và tên", "Ngày sinh", "Giới tính"]


@pytest.fixture
def store() -> Iterator[Store]:
    with new_store() as s:
        yield s


def person(n: int, ward: str, province: str | None) -> list[object]:
    return [n, ward, province, f"Người Thử {chr(64 + n)}", f"01/01/{1970 + n}", "Nam"]


def test_the_province_column_is_imported_normalised_and_shown_in_staff(
    store: Store, tmp_path: Path
) -> None:
    people = [
        person(1, "Phường Việt Hòa", "TP. Hải Phòng"),
        person(2, "Phường Việt Hòa", None),  # blank: the province the ward's other rows name
        person(3, "Phường Việt Hòa", "  thành phố  Hải Phòng "),
        person(4, "Xã Hạ Long Thử", unicodedata.normalize("NFD", "tỉnh Quảng Ninh")),
        person(5, "Xã Không Tỉnh", None),
    ]
    path = write_grid(tmp_path / "ds.xlsx", roster_rows(people, header=HEADER))
    result = import_path(store, "roster", path)
    assert result.status == "imported", result.errors
    got = dict(store.execute("select full_name, province from staff"))
    assert got == {
        "Người Thử A": HAI_PHONG,
        "Người Thử B": HAI_PHONG,
        "Người Thử C": HAI_PHONG,
        "Người Thử D": QUANG_NINH,
        "Người Thử E": None,
    }
    # the new column comes after the old ones in both views: added to the contract, none
    # renamed (migration 012's columns follow it)
    for view in ("staff", "people"):
        columns = list(store.df(f"select * from {view} limit 0").columns)
        assert columns[columns.index("province") + 1] == "post_since"
        assert columns[columns.index("province") - 1] in {"import_id", "name_sort"}


@pytest.mark.parametrize("header", ["Tỉnh/thành phố", "Tỉnh", "Thành phố", "Tỉnh/TP", "TINH/TP"])
def test_each_written_form_of_the_header_is_the_province(
    store: Store, tmp_path: Path, header: str
) -> None:
    columns = [header if h == "Tỉnh/thành phố" else h for h in HEADER]
    rows = roster_rows([person(1, "Xã Hạ Long Thử", "Quảng Ninh")], header=columns)
    result = import_path(store, "roster", write_grid(tmp_path / "ds.xlsx", rows))
    assert result.status == "imported", result.errors
    assert store.execute("select province from staff") == [(QUANG_NINH,)]


def test_a_ward_whose_rows_name_two_provinces_is_refused_naming_file_sheet_and_cells(
    store: Store, tmp_path: Path
) -> None:
    people = [
        person(1, "Phường Việt Hòa", "Thành phố Hải Phòng"),
        person(2, "Phường Việt Hòa", "Hải Phòng"),  # the same city written shorter: no conflict
        person(3, "Phường Việt Hòa", "Tỉnh Quảng Ninh"),
        person(4, "Phường Việt Hòa", "Tỉnh Lạng Sơn"),  # the ward's one error is enough
    ]
    path = write_grid(tmp_path / "hai_tinh.xlsx", roster_rows(people, header=HEADER))
    result = import_path(store, "roster", path)
    assert result.status == "rejected"
    (error,) = result.errors
    # title block rows 1-6, header row 7: person 1 is on row 8, person 3 on row 10; column C
    assert (error.code, error.file, error.sheet, error.row, error.column) == (
        "ROSTER_WARD_TWO_PROVINCES",
        "hai_tinh.xlsx",
        "Danh sach",
        10,
        "C",
    )
    text = error.text()
    assert "Tệp 'hai_tinh.xlsx', trang 'Danh sach', ô C10" in text
    assert "'Tỉnh Quảng Ninh'" in text and "'Thành phố Hải Phòng' ở ô C8" in text
    assert "Một phường/xã chỉ thuộc một tỉnh/thành phố" in text
    assert store.execute("select count(*) from roster_rows") == [(0,)]


def test_the_hai_phong_reference_groups_a_city_roster_without_the_column(
    store: Store, tmp_path: Path
) -> None:
    wards = [*HAI_PHONG_WARDS[:40], "Xã Ngoài Thành Phố"]
    header = [h for h in HEADER if h != "Tỉnh/thành phố"]
    people = [[n, ward, f"Người Thử {n}", "01/01/1980", "Nữ"] for n, ward in enumerate(wards, 1)]
    path = write_grid(tmp_path / "thanh_pho.xlsx", roster_rows(people, header=header))
    assert import_path(store, "roster", path).status == "imported"
    assert store.execute("select count(*) from staff where province is not null") == [(0,)]
    staff_wards = [w for (w,) in store.execute("select distinct ward from staff order by ward")]
    assert len(staff_wards) == 41 > filters.WARD_GROUPING_THRESHOLD
    groups = filters.group_wards(staff_wards, filters.ward_provinces(store))
    assert list(groups) == [HAI_PHONG, UNKNOWN_PROVINCE]
    assert sorted(groups[HAI_PHONG]) == sorted(HAI_PHONG_WARDS[:40])
    assert groups[UNKNOWN_PROVINCE] == ["Xã Ngoài Thành Phố"]


def test_a_rosters_province_wins_over_the_reference_for_its_ward(
    store: Store, tmp_path: Path
) -> None:
    moved, kept = HAI_PHONG_WARDS[0], HAI_PHONG_WARDS[1]
    people = [person(1, moved, "Tỉnh Quảng Ninh"), person(2, kept, None)]
    path = write_grid(tmp_path / "ds.xlsx", roster_rows(people, header=HEADER))
    assert import_path(store, "roster", path).status == "imported"
    known = filters.ward_provinces(store)
    assert known[moved] == QUANG_NINH  # the roster names it
    assert known[kept] == HAI_PHONG  # the roster leaves it blank: the reference
    assert known[HAI_PHONG_WARDS[2]] == HAI_PHONG  # no roster at all: the reference
