"""Roles at the query layer: which people each account gets, whatever its filters say; imports,
the export archive, progress reports and standards per role, unit and ward.

Two wards of hand-written rows (tests.rows), everyone with a gap so every people query lists
everyone in reach: each person has Trung cấp (standard 1 asks Đại học: a gap "chưa đạt" and a
"Cần xem xét" reason), no political theory (a data-quality problem) and a 2025 grade.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd
import pytest
from sheet_writers import roster_rows, write_grid

from analytics import queries
from analytics.demo_files import PlanTask, write_plan
from analytics.export import archive, make_export
from analytics.ingest.importer import ImportOptions, import_file
from analytics.policy import PermissionDenied
from analytics.scope import Account, Scope
from analytics.store import Store
from tests.rows import add_evaluations, add_plan, add_roster

KT = "Phòng Kinh tế, Hạ tầng và Đô thị"
VHXH = "Phòng Văn hóa – Xã hội"
OFFICE = "Văn phòng HĐND và UBND"
A = "Phường Thử"
B = "Phường Bên Sông"

GAPPY = {"education_level": "Trung cấp", "political_theory": None}
WARD_A = [
    {"staff_id": "a-kt", "full_name": "Nguyễn Văn An", "unit": KT, **GAPPY},
    {"staff_id": "a-vh1", "full_name": "Trần Thị Bình", "unit": VHXH, **GAPPY},
    {"staff_id": "a-vh2", "full_name": "Lê Văn Cường", "unit": VHXH, **GAPPY},
    {"staff_id": "a-vp", "full_name": "Phạm Thị Dung", "unit": OFFICE, **GAPPY},
]
WARD_B = [
    {"staff_id": "b-kt", "full_name": "Hoàng Văn Em", "unit": KT, **GAPPY},
    {"staff_id": "b-vh", "full_name": "Vũ Thị Gấm", "unit": VHXH, **GAPPY},
]
EVERYONE = {"a-kt", "a-vh1", "a-vh2", "a-vp", "b-kt", "b-vh"}
IN_A = {"a-kt", "a-vh1", "a-vh2", "a-vp"}
IN_B = {"b-kt", "b-vh"}
VHXH_ANYWHERE = {"a-vh1", "a-vh2", "b-vh"}
VHXH_IN_A = {"a-vh1", "a-vh2"}


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store(":memory:")
    add_roster(store, WARD_A, ward=A)
    add_roster(store, WARD_B, ward=B)
    for ward, people in ((A, WARD_A), (B, WARD_B)):
        add_evaluations(
            store,
            [{"staff_id": p["staff_id"], "year": 2025, "grade": "HTNV"} for p in people],
            ward=ward,
        )
    return store


# reader -> (scope, the people it reaches), worked out from WARD_A and WARD_B.
READERS: dict[str, tuple[Scope, set[str]]] = {
    "hr of every ward": (Scope(role="hr"), EVERYONE),
    "leader of every ward": (Scope(role="leader"), EVERYONE),
    "leader filtering ward B": (Scope(role="leader", wards=(B,)), IN_B),
    "leader filtering unit KT": (Scope(role="leader", units=(KT,)), {"a-kt", "b-kt"}),
    "unit head VHXH": (Scope(role="unit_head", role_unit=VHXH), VHXH_ANYWHERE),
    "unit head VHXH filtering KT": (
        Scope(role="unit_head", role_unit=VHXH, units=(KT,)),
        VHXH_ANYWHERE,
    ),
    "unit head VHXH filtering KT and VHXH and the office": (
        Scope(role="unit_head", role_unit=VHXH, units=(KT, VHXH, OFFICE)),
        VHXH_ANYWHERE,
    ),
    "unit head VHXH of ward A filtering ward B": (
        Scope(role="unit_head", role_unit=VHXH, role_ward=A, wards=(B,)),
        VHXH_IN_A,
    ),
    "unit head without a unit": (Scope(role="unit_head"), set()),
    "leader of ward A, no ward chosen": (Scope(role="leader", role_ward=A), IN_A),
    "leader of ward A filtering ward B": (Scope(role="leader", role_ward=A, wards=(B,)), IN_A),
    "hr of ward B filtering both wards": (Scope(role="hr", role_ward=B, wards=(A, B)), IN_B),
}

PEOPLE_QUERIES: dict[str, Callable[[Store, Scope], pd.DataFrame]] = {
    "people": queries.people,
    "placement_checks": queries.placement_checks,
    "gap_details": queries.gap_details,
    "evaluation_people": queries.evaluation_people,
    "review_list": queries.review_list,
    "data_quality": queries.data_quality,
    "placement_matrix": partial(queries.placement_matrix, with_passed=True),
    "review_by_person": queries.review_by_person,
}
# The sizes of the paged lists: a count of people is itself a list's size, not an aggregate.
PAGED_SIZES = (
    queries.gap_details_size,
    queries.placement_matrix_size,
    queries.review_by_person_size,
)


def staff_ids(frame: pd.DataFrame) -> set[str]:
    return set(frame["staff_id"])


def test_the_rows_give_every_query_everyone_for_an_unlimited_reader(store: Store) -> None:
    # The premise of the role tests: each query lists all six people for hr.
    for name, query in PEOPLE_QUERIES.items():
        assert staff_ids(query(store, Scope(role="hr"))) == EVERYONE, name


@pytest.mark.parametrize("reader", list(READERS))
@pytest.mark.parametrize("query", list(PEOPLE_QUERIES))
def test_each_reader_gets_exactly_the_people_in_reach(
    store: Store, query: str, reader: str
) -> None:
    scope, expected = READERS[reader]
    assert staff_ids(PEOPLE_QUERIES[query](store, scope)) == expected


@pytest.mark.parametrize("query", [*PEOPLE_QUERIES, "unmatched_evaluations"])
def test_a_viewer_gets_no_people_list(store: Store, query: str) -> None:
    run = PEOPLE_QUERIES.get(query, queries.unmatched_evaluations)
    with pytest.raises(PermissionDenied):
        run(store, Scope(role="viewer"))


@pytest.mark.parametrize("size", PAGED_SIZES, ids=lambda f: f.__name__)
def test_a_viewer_gets_no_size_of_a_people_list(store: Store, size: Callable[..., object]) -> None:
    with pytest.raises(PermissionDenied):
        size(store, Scope(role="viewer"))


@pytest.mark.parametrize("query", list(PEOPLE_QUERIES))
def test_a_ward_tied_viewer_gets_no_people_list_either(store: Store, query: str) -> None:
    with pytest.raises(PermissionDenied):
        PEOPLE_QUERIES[query](store, Scope(role="viewer", role_ward=A))


# ---------------------------------------------------------------- unmatched evaluation rows
@pytest.fixture(scope="module")
def unmatched() -> Store:
    """Three evaluation rows tied to no one, each in a ward and a unit the file named."""
    store = Store(":memory:")
    rows = {
        "Người Lạ Một": (A, KT),
        "Người Lạ Hai": (A, VHXH),
        "Người Lạ Ba": (B, VHXH),
    }
    for name, (ward, unit) in rows.items():
        add_evaluations(store, [{"staff_id": None, "full_name": name, "year": 2025}], ward=ward)
        store.execute("update evaluation_rows set unit = ? where full_name = ?", [unit, name])
    return store


@pytest.mark.parametrize(
    ("scope", "names"),
    [
        (Scope(role="hr"), {"Người Lạ Một", "Người Lạ Hai", "Người Lạ Ba"}),
        (Scope(role="unit_head", role_unit=VHXH), {"Người Lạ Hai", "Người Lạ Ba"}),
        (Scope(role="unit_head", role_unit=VHXH, units=(KT,)), {"Người Lạ Hai", "Người Lạ Ba"}),
        (Scope(role="unit_head", role_unit=VHXH, role_ward=A, wards=(B,)), {"Người Lạ Hai"}),
        (Scope(role="unit_head", role_unit=OFFICE), set()),
        (Scope(role="leader", role_ward=A), {"Người Lạ Một", "Người Lạ Hai"}),
        (Scope(role="leader", role_ward=B, wards=(A,)), {"Người Lạ Ba"}),
    ],
    ids=[
        "hr",
        "head VHXH",
        "head VHXH asks KT",
        "head VHXH of A asks B",
        "head office",
        "leader A",
        "leader B asks A",
    ],
)
def test_unmatched_evaluation_rows_follow_the_readers_unit_and_ward(
    unmatched: Store, scope: Scope, names: set[str]
) -> None:
    assert set(queries.unmatched_evaluations(unmatched, scope)["full_name"]) == names


# ---------------------------------------------------------------- the sidebar's choices
def test_the_filter_choices_are_only_what_the_reader_may_pick(store: Store) -> None:
    head = queries.filter_options(store, Scope(role="unit_head", role_unit=VHXH, role_ward=A))
    assert (head["wards"], head["units"]) == ([A], [VHXH])
    ward_leader = queries.filter_options(store, Scope(role="leader", role_ward=B, wards=(A,)))
    assert ward_leader["wards"] == [B]
    assert set(ward_leader["units"]) == {KT, VHXH}
    city = queries.filter_options(store, Scope(role="hr"))
    assert set(city["wards"]) == {A, B}


# ---------------------------------------------------------------- the demo ward
def test_the_demo_unit_head_sees_only_their_unit(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        head = Account("truongphong", "unit_head", unit=VHXH)
        own = queries.people(store, head.scope(units=(KT,)))
        same_unit = queries.people(store, Scope(role="hr", units=(VHXH,)))
        assert not own.empty
        assert set(own["unit"]) == {VHXH}
        assert set(own["staff_id"]) == set(same_unit["staff_id"])


# ---------------------------------------------------------------- imports per role
HEADER_PEOPLE = [  # columns of sheet_writers.ROSTER_HEADER; rows 8, 9, 10 of the sheet
    (1, "Nguyễn Văn An", "12/03/1975", "Nam", KT, "Chuyên viên", "ĐH", "xyz", "CV"),  # H8
    (2, "Trần Thị Bình", "05/07/1982", "Nữ", VHXH, "Chuyên viên", "ĐH", "abc", "CV"),  # H9
    (3, "Lê Văn Cường", "31/02/1982", "Nam", VHXH, "Chuyên viên", "ĐH", "TC", "CV"),  # C10
]
# Warnings of the roster above, by the row they are about: unrecognised political theory at H8
# (KT) and H9 (VHXH), a date that does not exist at C10 (VHXH).
KT_WARNINGS = 1
VHXH_WARNINGS = 2
VIET_HOA = "Phường Việt Hòa"  # the ward sheet_writers' title block names
OTHER = "Phường Khác"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, int], Path]:
    """Store with (1) a Việt Hòa roster of KT and VHXH with warnings in both, (2) a roster of
    Phường Khác with only KT, (3) a Việt Hòa plan; returns the store, the import ids by name and
    the first file."""
    folder = tmp_path_factory.mktemp("imports")
    store = Store(":memory:")
    two_units = write_grid(folder / "hai_don_vi.xlsx", roster_rows(HEADER_PEOPLE))
    kt_only = write_grid(
        folder / "phuong_khac.xlsx",
        roster_rows([(1, "Đỗ Văn Hùng", "01/01/1980", "Nam", KT, "Chuyên viên", "ĐH", "TC", "CV")]),
    )
    plan = folder / "ke_hoach.xlsx"
    write_plan(plan, [PlanTask("1", "Rà soát đội ngũ", VHXH, "", "Quý IV/2026")])
    ids = {}
    for name, kind, path, options in (
        ("two_units", "roster", two_units, ImportOptions()),
        ("other_ward", "roster", kt_only, ImportOptions(ward=OTHER)),
        ("plan", "plan", plan, ImportOptions()),
    ):
        result = import_file(store, kind, path, options)
        assert result.status == "imported", result.as_json()
        assert result.import_id is not None
        ids[name] = result.import_id
    assert store.execute(
        "select json_array_length(warnings) from imports where import_id = ?", [ids["two_units"]]
    ) == [(KT_WARNINGS + VHXH_WARNINGS,)]
    return store, ids, two_units


HISTORY: dict[str, tuple[Scope, set[str]]] = {
    "hr": (Scope(role="hr"), {"two_units", "other_ward", "plan"}),
    "leader": (Scope(role="leader"), {"two_units", "other_ward", "plan"}),
    # files with a row of their unit, and the plan (tasks, not people)
    "unit head VHXH": (Scope(role="unit_head", role_unit=VHXH), {"two_units", "plan"}),
    "unit head VHXH filtering KT": (
        Scope(role="unit_head", role_unit=VHXH, units=(KT,)),
        {"two_units", "plan"},
    ),
    "unit head KT": (Scope(role="unit_head", role_unit=KT), {"two_units", "other_ward", "plan"}),
    "unit head office": (Scope(role="unit_head", role_unit=OFFICE), {"plan"}),
    "unit head KT of Phường Khác": (
        Scope(role="unit_head", role_unit=KT, role_ward=OTHER),
        {"other_ward"},
    ),
    "leader of Việt Hòa": (Scope(role="leader", role_ward=VIET_HOA), {"two_units", "plan"}),
    "leader of Phường Khác asking Việt Hòa": (
        Scope(role="leader", role_ward=OTHER, wards=(VIET_HOA,)),
        {"other_ward"},
    ),
}


@pytest.mark.parametrize("reader", list(HISTORY))
def test_import_history_lists_the_imports_in_the_readers_reach(
    imported: tuple[Store, dict[str, int], Path], reader: str
) -> None:
    store, ids, _ = imported
    scope, expected = HISTORY[reader]
    names = {
        name
        for name, i in ids.items()
        if i in set(queries.import_history(store, scope)["import_id"])
    }
    assert names == expected


def test_a_viewer_sees_no_import_history_warnings_or_originals(
    imported: tuple[Store, dict[str, int], Path],
) -> None:
    store, ids, _ = imported
    viewer = Scope(role="viewer")
    with pytest.raises(PermissionDenied):
        queries.import_history(store, viewer)
    with pytest.raises(PermissionDenied):
        queries.import_warnings(store, viewer, ids["two_units"])
    with pytest.raises(PermissionDenied):
        queries.import_original(store, viewer, ids["two_units"])


def test_the_original_is_for_hr_and_the_leader_byte_for_byte(
    imported: tuple[Store, dict[str, int], Path],
) -> None:
    store, ids, path = imported
    for role in ("hr", "leader"):
        original = queries.import_original(store, Scope(role=role), ids["two_units"])
        assert original == ("hai_don_vi.xlsx", path.read_bytes())


def test_a_unit_head_may_not_download_an_original_not_even_of_their_unit(
    imported: tuple[Store, dict[str, int], Path],
) -> None:
    store, ids, _ = imported
    with pytest.raises(PermissionDenied, match="tệp gốc"):
        queries.import_original(store, Scope(role="unit_head", role_unit=VHXH), ids["two_units"])


def test_a_ward_tied_leader_gets_no_original_of_another_ward(
    imported: tuple[Store, dict[str, int], Path],
) -> None:
    store, ids, _ = imported
    leader = Scope(role="leader", role_ward=VIET_HOA, wards=(OTHER,))
    assert queries.import_original(store, leader, ids["other_ward"]) is None
    assert queries.import_original(store, leader, ids["two_units"]) is not None


def test_a_unit_head_reads_only_the_warnings_about_their_units_rows(
    imported: tuple[Store, dict[str, int], Path],
) -> None:
    store, ids, _ = imported
    every = queries.import_warnings(store, Scope(role="hr"), ids["two_units"])
    assert (len(every.shown), every.hidden) == (3, 0)

    culture = queries.import_warnings(
        store, Scope(role="unit_head", role_unit=VHXH), ids["two_units"]
    )
    assert (len(culture.shown), culture.hidden) == (VHXH_WARNINGS, KT_WARNINGS)  # (2, 1)
    assert all(" H9 " in t or " C10 " in t for t in culture.shown)

    economy = queries.import_warnings(
        store, Scope(role="unit_head", role_unit=KT), ids["two_units"]
    )
    assert (len(economy.shown), economy.hidden) == (KT_WARNINGS, VHXH_WARNINGS)  # (1, 2)
    assert " H8 " in economy.shown[0] and "'xyz'" in economy.shown[0]


def test_the_history_counts_only_the_warnings_the_unit_head_may_read(
    imported: tuple[Store, dict[str, int], Path],
) -> None:
    store, ids, _ = imported

    def count(scope: Scope) -> int:
        history = queries.import_history(store, scope).set_index("import_id")
        return int(history.loc[ids["two_units"], "warnings"])

    assert count(Scope(role="hr")) == 3
    assert count(Scope(role="unit_head", role_unit=VHXH)) == VHXH_WARNINGS
    assert count(Scope(role="unit_head", role_unit=KT)) == KT_WARNINGS


def test_warnings_of_an_import_out_of_reach_are_not_given(
    imported: tuple[Store, dict[str, int], Path],
) -> None:
    store, ids, _ = imported
    head = queries.import_warnings(
        store, Scope(role="unit_head", role_unit=VHXH), ids["other_ward"]
    )
    assert (head.shown, head.hidden) == ([], 0)
    ward = queries.import_warnings(store, Scope(role="leader", role_ward=OTHER), ids["two_units"])
    assert (ward.shown, ward.hidden) == ([], 0)


# ---------------------------------------------------------------- the export archive
@pytest.fixture(scope="module")
def kept(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, dict[str, tuple[int, bytes]]]:
    """The two hand-written wards with four exports kept: name -> (export id, bytes)."""
    store = Store(tmp_path_factory.mktemp("archive") / "archive.duckdb")
    add_roster(store, WARD_A, ward=A)
    add_roster(store, WARD_B, ward=B)
    made_for = {
        "city": Scope(role="hr"),  # every ward, with people
        "ward A": Scope(role="leader", wards=(A,)),  # one ward, with people
        "unit VHXH": Scope(role="unit_head", role_unit=VHXH),  # one unit, with people
        "aggregates": Scope(role="viewer"),  # no people
    }
    exports = {}
    for name, scope in made_for.items():
        made = make_export(store, scope, "xlsx", today=dt.date(2026, 10, 1), chart_images=False)
        assert made.export_id is not None
        exports[name] = (made.export_id, made.data)
    return store, exports


ARCHIVE: dict[str, tuple[Scope, set[str]]] = {
    "hr": (Scope(role="hr"), {"city", "ward A", "unit VHXH", "aggregates"}),
    "leader": (Scope(role="leader"), {"city", "ward A", "unit VHXH", "aggregates"}),
    "viewer": (Scope(role="viewer"), {"aggregates"}),  # files with people are not theirs
    "unit head VHXH": (Scope(role="unit_head", role_unit=VHXH), {"unit VHXH"}),
    "unit head KT": (Scope(role="unit_head", role_unit=KT), set()),
    "leader of ward A": (Scope(role="leader", role_ward=A), {"ward A"}),
    "leader of ward B": (Scope(role="leader", role_ward=B), set()),
}


@pytest.mark.parametrize("reader", list(ARCHIVE))
def test_the_archive_lists_and_opens_only_what_the_reader_may_see(
    kept: tuple[Store, dict[str, tuple[int, bytes]]], reader: str
) -> None:
    store, exports = kept
    scope, expected = ARCHIVE[reader]
    listed = set(archive.list_exports(store, scope)["export_id"])
    assert {name for name, (i, _) in exports.items() if i in listed} == expected
    opened = {name for name, (i, _) in exports.items() if archive.fetch(store, scope, i)}
    assert opened == expected


def test_a_unit_head_cannot_fetch_a_whole_ward_export_by_its_number(
    kept: tuple[Store, dict[str, tuple[int, bytes]]],
) -> None:
    store, exports = kept
    head = Scope(role="unit_head", role_unit=VHXH)
    assert archive.fetch(store, head, exports["city"][0]) is None
    assert archive.fetch(store, head, exports["ward A"][0]) is None
    own = archive.fetch(store, head, exports["unit VHXH"][0])
    assert own is not None and own[1] == exports["unit VHXH"][1]


def test_fetching_an_unknown_export_number_gives_nothing(
    kept: tuple[Store, dict[str, tuple[int, bytes]]],
) -> None:
    store, _ = kept
    assert archive.fetch(store, Scope(role="hr"), 999) is None


# ---------------------------------------------------------------- progress reports
TASKS = [
    {"task_code": "1", "title": "Quy hoạch hạ tầng", "lead_unit": KT},
    {"task_code": "2", "title": "Rà soát đội ngũ", "lead_unit": VHXH},
    {"task_code": "3", "title": "Tự đánh giá", "lead_unit": "Các cơ quan, đơn vị"},
    {"task_code": "4", "title": "Bồi dưỡng", "lead_unit": f"{KT}, {VHXH}"},
]


@pytest.fixture
def plans() -> Store:
    store = Store(":memory:")
    add_plan(store, TASKS, ward=A)
    add_plan(store, TASKS, ward=B)
    return store


def report(store: Store, actor: Account, task_code: str, ward: str = A) -> None:
    queries.add_progress_report(
        store,
        ward=ward,
        task_code=task_code,
        report_date=dt.date(2026, 10, 1),
        status="Đang thực hiện",
        percent=50,
        deliverable=None,
        note=None,
        reported_by=actor.username,
        actor=actor,
    )


def reports(store: Store) -> list[tuple[str, str, str]]:
    return store.execute(
        "select ward, task_code, reported_by from progress_reports order by report_id"
    )


CULTURE_HEAD = Account("truongphong", "unit_head", unit=VHXH)


@pytest.mark.parametrize("task_code", ["2", "3", "4"])  # VHXH alone, every unit, KT with VHXH
def test_a_unit_head_reports_on_a_task_their_unit_leads(plans: Store, task_code: str) -> None:
    report(plans, CULTURE_HEAD, task_code)
    assert reports(plans) == [(A, task_code, "truongphong")]


def test_a_unit_head_is_refused_on_another_units_task(plans: Store) -> None:
    with pytest.raises(PermissionDenied, match=f"do “{KT}” chủ trì"):
        report(plans, CULTURE_HEAD, "1")
    assert reports(plans) == []


def test_a_ward_tied_unit_head_is_refused_on_another_wards_task(plans: Store) -> None:
    head = Account("truongphong_b", "unit_head", unit=VHXH, ward=B)
    with pytest.raises(PermissionDenied, match=f"chỉ được báo cáo tiến độ của {B}"):
        report(plans, head, "2", ward=A)
    report(plans, head, "2", ward=B)
    assert reports(plans) == [(B, "2", "truongphong_b")]


@pytest.mark.parametrize("role", ["leader", "viewer"])
def test_the_leader_and_the_viewer_report_no_progress(plans: Store, role: str) -> None:
    with pytest.raises(PermissionDenied):
        report(plans, Account("ai_do", role), "2")  # type: ignore[arg-type]
    assert reports(plans) == []


def test_hr_reports_on_any_task(plans: Store) -> None:
    hr = Account("tochuc", "hr")
    for code in ("1", "2"):
        report(plans, hr, code, ward=A)
    report(plans, hr, "1", ward=B)
    assert reports(plans) == [(A, "1", "tochuc"), (A, "2", "tochuc"), (B, "1", "tochuc")]


def test_a_ward_tied_hr_reports_only_on_their_wards_tasks(plans: Store) -> None:
    hr_b = Account("tochuc_b", "hr", ward=B)
    with pytest.raises(PermissionDenied, match=f"chỉ được báo cáo tiến độ của {B}"):
        report(plans, hr_b, "1", ward=A)
    report(plans, hr_b, "1", ward=B)
    assert reports(plans) == [(B, "1", "tochuc_b")]


# ---------------------------------------------------------------- standards
def required_education(store: Store) -> str:
    return str(store.execute("select required from standards where standard_id = 1")[0][0])


@pytest.mark.parametrize(
    "actor",
    [
        Account("lanhdao", "leader"),
        Account("truongphong", "unit_head", unit=VHXH),
        Account("xem", "viewer"),
        Account("tochuc_a", "hr", ward=A),  # the frame is every ward's: not one ward's officer
    ],
    ids=["leader", "unit head", "viewer", "ward-tied hr"],
)
def test_only_a_city_wide_hr_edits_the_standards(actor: Account) -> None:
    store = Store(":memory:")
    with pytest.raises(PermissionDenied):
        queries.save_standard(
            store, {"standard_id": 1, "required": "Cao đẳng"}, "Ai Đó", actor=actor
        )
    assert required_education(store) == "Đại học"
    assert store.execute("select count(*) from standards_history") == [(0,)]


def test_a_city_wide_hr_edits_the_standards() -> None:
    store = Store(":memory:")
    queries.save_standard(
        store,
        {"standard_id": 1, "required": "Cao đẳng"},
        "Lê Thị Tổ",
        actor=Account("tochuc", "hr"),
    )
    assert required_education(store) == "Cao đẳng"
