"""One declaration of the filters (analytics.filters.FILTERS) drives the URL, the command line,
``Scope``, the SQL parameters, the export description and file name; one rule decides the
evaluation year in view."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from openpyxl import load_workbook

from analytics import filters
from analytics.cli import build_parser, main
from analytics.export.content import scope_slug
from analytics.filters import FILTERS, UNKNOWN_PROVINCE
from analytics.scope import SCOPE_SQL, Scope
from analytics.store import Store

# Public contracts (README): these names never change; new filters only add to them.
URL_PARAMS = {"phuong", "don_vi", "linh_vuc", "gioi_tinh", "do_tuoi", "nhay_cam", "nam"}
CLI_FLAGS = {
    "--ward", "--unit", "--field", "--gender", "--age-band", "--sensitive-only", "--year",
}  # fmt: skip
WIDGET_KEYS = {"f_ward", "f_unit", "f_field", "f_gender", "f_age", "f_sensitive", "f_year"}

# A value for every filter, the options that offer them, and what they print.
CHOSEN: dict[str, filters.Value] = {
    "province": "Thành phố Hải Phòng",
    "wards": ("Phường Việt Hòa", "Phường Hồng Bàng"),
    "units": ("Phòng Văn hóa – Xã hội",),
    "fields": ("Đất đai", "Xây dựng"),
    "genders": ("Nữ",),
    "age_bands": ("Dưới 30", "51–60"),
    "sensitive_only": True,
    "year": 2025,
}
OPTIONS = {
    "wards": ["Phường Hồng Bàng", "Phường Việt Hòa", "Xã An Lão"],
    "units": ["Phòng Văn hóa – Xã hội", "Văn phòng HĐND và UBND"],
    "fields": ["Đất đai", "Xây dựng", "Y tế"],
    "genders": ["Nam", "Nữ"],
    "age_bands": ["Dưới 30", "30–40", "51–60"],
}
DESCRIPTION = (
    "Tỉnh/thành phố: Thành phố Hải Phòng; Phường/xã: Phường Việt Hòa, Phường Hồng Bàng; "
    "Đơn vị: Phòng Văn hóa – Xã hội; Lĩnh vực: Đất đai, Xây dựng; Giới tính: Nữ; "
    "Độ tuổi: Dưới 30, 51–60; Chỉ lĩnh vực nhạy cảm; Năm đánh giá: 2025"
)
FILE_NAME_PART = (
    "thanh-pho-hai-phong_phong-van-hoa-xa-hoi_2-linh-vuc_nu_2-do-tuoi_nhay-cam_nam-2025"
)


def _url(query: dict[str, str | list[str]]) -> dict[str, list[str]]:
    """A query string as Streamlit hands it back: every parameter a list."""
    return {k: v if isinstance(v, list) else [v] for k, v in query.items()}


# ==================================================================== the declaration
def test_every_public_url_parameter_flag_and_key_is_still_declared() -> None:
    assert {f.param for f in FILTERS} >= URL_PARAMS
    assert {f.flag for f in FILTERS} >= CLI_FLAGS
    assert {f.key for f in FILTERS} >= WIDGET_KEYS


def test_names_are_unique_and_every_filter_is_a_scope_field() -> None:
    for attribute in ("field", "key", "param", "flag", "label"):
        names = [getattr(f, attribute) for f in FILTERS]
        assert len(names) == len(set(names)), attribute
    scope = Scope()
    assert all(hasattr(scope, f.field) for f in FILTERS)


def test_province_is_added_as_tinh_and_province() -> None:
    assert filters.BY_FIELD["province"].param == "tinh"
    assert filters.BY_FIELD["province"].flag == "--province"


# ==================================================================== URL
def test_url_round_trip_gives_back_every_filter() -> None:
    query = filters.to_query(CHOSEN)
    assert query["don_vi"] == ["Phòng Văn hóa – Xã hội"]
    assert (
        query["nam"] == "2025" and query["nhay_cam"] == "1" and query["tinh"] == CHOSEN["province"]
    )
    url = _url(query)
    back = filters.from_query(
        lambda p: url.get(p, []), OPTIONS, years=[2024, 2025], provinces=["Thành phố Hải Phòng"]
    )
    assert back == CHOSEN


def test_url_values_the_reader_is_not_offered_are_dropped() -> None:
    url = {"phuong": ["Phường Việt Hòa", "Phường Ngoài"], "nam": ["2019"], "tinh": ["Tỉnh X"]}
    back = filters.from_query(lambda p: url.get(p, []), OPTIONS, years=[2025], provinces=[])
    assert back == {"wards": ("Phường Việt Hòa",)}


def test_filters_not_set_stay_out_of_the_url() -> None:
    assert filters.to_query({f.field: f.empty for f in FILTERS}) == {}


# ==================================================================== command line → Scope
def test_cli_flags_parse_into_the_same_scope_as_the_sidebar_builds() -> None:
    args = build_parser().parse_args(
        ["export", "xlsx", "--out", "hop/", "--province", "Thành phố Hải Phòng",
         "--ward", "Phường Việt Hòa", "--ward", "Phường Hồng Bàng",
         "--unit", "Phòng Văn hóa – Xã hội", "--field", "Đất đai", "--field", "Xây dựng",
         "--gender", "Nữ", "--age-band", "Dưới 30", "--age-band", "51–60",
         "--sensitive-only", "--year", "2025"]
    )  # fmt: skip
    chosen = filters.from_arguments(args)
    assert chosen == CHOSEN
    assert Scope(**chosen) == Scope(**CHOSEN)  # type: ignore[arg-type]


def test_cli_without_filters_is_the_whole_scope() -> None:
    args = build_parser().parse_args(["export", "xlsx", "--out", "hop/"])
    assert Scope(**filters.from_arguments(args)) == Scope()  # type: ignore[arg-type]


# ==================================================================== SQL, description, file name
def test_sql_parameters_are_the_declared_ones_and_the_macro_reads_each() -> None:
    params = Scope(**CHOSEN).params()  # type: ignore[arg-type]
    assert set(params) == {f.sql for f in FILTERS if f.sql}
    assert all(f"${name}" in SCOPE_SQL for name in params)
    assert params["units"] == ["Phòng Văn hóa – Xã hội"] and params["sensitive_only"] is True


def test_description_and_file_name_come_from_the_same_declaration() -> None:
    scope = Scope(**CHOSEN)  # type: ignore[arg-type]
    assert scope.describe() == DESCRIPTION
    assert scope.file_name_part() == FILE_NAME_PART
    for spec in FILTERS:  # each filter set alone prints its declared label
        alone = Scope(**{spec.field: CHOSEN[spec.field]})  # type: ignore[arg-type]
        assert alone.describe().startswith(spec.label)


def test_no_filter_reads_toan_bo_and_names_nothing() -> None:
    assert Scope().describe() == "Toàn bộ (không lọc)"
    assert Scope().file_name_part() == ""


@pytest.mark.parametrize(
    "scope",
    [
        Scope(),
        Scope(units=("Phòng Văn hóa – Xã hội",), year=2024),
        Scope(fields=("Đất đai", "Y tế"), genders=("Nam",), sensitive_only=True),
        Scope(age_bands=("Dưới 30",), role="unit_head", role_unit="Văn phòng HĐND và UBND"),
    ],
)
def test_export_file_names_name_the_filters_as_the_declaration_does(scope: Scope) -> None:
    # analytics.export.content.scope_slug should become scope.file_name_part(); until then the two
    # must agree on every filter both know.
    assert scope.file_name_part() == scope_slug(scope)


def test_an_officer_sees_their_own_ward_and_unit_in_the_description() -> None:
    scope = Scope(role="unit_head", role_unit="Phòng A", role_ward="Phường B", units=("Phòng C",))
    assert scope.describe() == "Phường/xã: Phường B; Đơn vị: Phòng A"


# ==================================================================== province
def test_a_province_narrows_the_wards_without_listing_them_as_chosen() -> None:
    scope = Scope(province="Tỉnh Q", province_wards=("Xã A", "Xã B"))
    assert scope.params()["wards"] == ["Xã A", "Xã B"]
    assert scope.describe() == "Tỉnh/thành phố: Tỉnh Q"
    assert scope.file_name_part() == "tinh-q"


def test_chosen_wards_win_over_the_province_and_the_account_ward_over_both() -> None:
    chosen = Scope(province="Tỉnh Q", province_wards=("Xã A", "Xã B"), wards=("Xã B",))
    assert chosen.params()["wards"] == ["Xã B"]
    officer = Scope(province="Tỉnh Q", province_wards=("Xã A",), role="hr", role_ward="Xã C")
    assert officer.params()["wards"] == ["Xã C"]
    assert officer.describe() == "Tỉnh/thành phố: Tỉnh Q; Phường/xã: Xã C"


def test_a_province_of_no_visible_ward_shows_nothing() -> None:
    assert Scope(province="Tỉnh Q").params()["wards"] == [""]


def test_wards_grouped_by_province_in_vietnamese_order_unknown_last() -> None:
    wards = ["Xã A", "Phường B", "Xã C", "Phường D"]
    known = {"Xã A": "Tỉnh Quảng Ninh", "Phường B": "Thành phố Hải Phòng", "Xã C": "Tỉnh Đắk Lắk"}
    assert filters.group_wards(wards, known) == {
        "Thành phố Hải Phòng": ["Phường B"],
        "Tỉnh Đắk Lắk": ["Xã C"],
        "Tỉnh Quảng Ninh": ["Xã A"],
        UNKNOWN_PROVINCE: ["Phường D"],
    }


def test_ward_provinces_read_from_the_reference_table_when_there_is_one(tmp_path: Path) -> None:
    with Store(tmp_path / "t.duckdb") as store:
        seeded = filters.ward_provinces(store)  # migration 008: Hải Phòng's 114 units
        assert len(seeded) == 114
        assert set(seeded.values()) == {"Thành phố Hải Phòng"}
        store.execute(
            "insert into ward_provinces (ward, province, legal_source) values ('Xã A', 'Tỉnh Q', 'thử')"
        )
        assert filters.ward_provinces(store)["Xã A"] == "Tỉnh Q"
        assert "Xã B" not in filters.ward_provinces(store)


# ==================================================================== the year in view
@pytest.mark.parametrize(
    ("chosen", "years", "shown"),
    [
        (None, [2023, 2025, 2024], 2025),  # nothing chosen: the latest year with results
        (2024, [2023, 2024, 2025], 2024),  # chosen and held
        (2019, [2024, 2025], 2025),  # chosen but no result in scope: the latest, not an empty year
        (2025, [], None),  # no results at all
    ],
)
def test_the_year_in_view(chosen: int | None, years: list[int], shown: int | None) -> None:
    assert Scope(year=chosen).year_in_view(years) == shown


# ==================================================================== the command line end to end
@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "cli.duckdb"
    shutil.copy(demo_db, copy)
    with Store(copy) as store:  # the reference of migration 008 places the demo ward
        assert filters.ward_provinces(store)["Phường Việt Hòa"] == "Thành phố Hải Phòng"
    return copy


def test_cli_province_narrows_the_export_and_prints_it(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "hop"
    code = main(
        ["export", "xlsx", "--db", str(db), "--out", f"{out}/", "--province",
         "Thành phố Hải Phòng", "--no-images", "--no-archive"]
    )  # fmt: skip
    assert code == 0, capsys.readouterr().err
    (made,) = out.iterdir()
    cells = {c.value for row in load_workbook(made).worksheets[0].iter_rows() for c in row}
    assert "Phạm vi lọc: Tỉnh/thành phố: Thành phố Hải Phòng" in cells


def test_export_file_name_names_the_province(demo_db: Path) -> None:
    from analytics.export import file_name

    scope = Scope(province="Thành phố Hải Phòng", province_wards=("Phường Việt Hòa",))
    with Store(demo_db, read_only=True) as store:
        name = file_name(store, scope, "xlsx", "toan-bo", None)
    assert "_thanh-pho-hai-phong" in name


def test_cli_refuses_a_province_the_data_does_not_hold(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(
        ["export", "xlsx", "--db", str(db), "--out", f"{tmp_path}/", "--province", "Tỉnh X"]
    )
    assert code == 2
    assert (
        "--province không có trong dữ liệu: Tỉnh X. Có: Thành phố Hải Phòng"
        in capsys.readouterr().err
    )
