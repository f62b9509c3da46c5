"""Data tests on the public views (README "Các view (hợp đồng công khai)"), in the manner of dbt's
schema tests: each view's columns equal its table in the README, and the checks declared in
``VIEW_TESTS`` (not null, unique combination, accepted values, relationships, expressions) hold on
three databases: the demo ward, a five-ward benchmark (analytics.bench) and the demo ward with
monthly scores (so the derived results and the period views have rows). Accepted values come from
analytics.categories and the rule tables, never re-typed here. The checks can fail: a copy of the
demo database edited by hand-run SQL is caught by the check that guards the edited column.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

import duckdb
import pytest

from analytics import categories as cat
from analytics.bench.generate import build
from analytics.ingest.dates import PeriodKind
from analytics.store import Store
from tests.rows import add_evaluations, add_roster, refresh

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
VIEWS_SQL = ROOT / "analytics" / "sql" / "views.sql"
SECTION = "## Các view (hợp đồng công khai)"


# ------------------------------------------------------------------ the checks, as data
@dataclass(frozen=True)
class FromTable:
    """The accepted values are the rows of a rule table (the table is their one source)."""

    table: str
    column: str


Values = tuple[object, ...] | FromTable


@dataclass(frozen=True)
class NotNull:
    column: str


@dataclass(frozen=True)
class Unique:
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Accepted:
    column: str
    values: Values


@dataclass(frozen=True)
class Related:
    """Every non-null value of ``column`` is a value of ``to_column`` in ``to_view``."""

    column: str
    to_view: str
    to_column: str


@dataclass(frozen=True)
class Holds:
    """A condition every row meets (SQL over the view's columns)."""

    condition: str


Check = NotNull | Unique | Accepted | Related | Holds

PERIODS = tuple(k for k in get_args(PeriodKind) if k != "year")  # month, quarter
PERCENT = "{0} is null or {0} between 0 and 100"
AGE_BANDS = (*cat.AGE_BANDS, cat.NO_DATA)
MAJOR_GROUPS = tuple(group for group, _ in cat.MAJOR_GROUPS)

PERSON: tuple[Check, ...] = (
    NotNull("staff_id"),
    NotNull("full_name"),
    NotNull("name_key"),
    NotNull("name_sort"),
    NotNull("ward"),
    NotNull("as_of"),
    NotNull("sensitive"),
    NotNull("age_band"),
    Accepted("gender", cat.GENDERS),
    Accepted("education_level", cat.EDUCATION_LEVELS),
    Accepted("political_theory", cat.POLITICAL_THEORY_LEVELS),
    Accepted("state_management", cat.STATE_MANAGEMENT_LEVELS),
    Accepted("it_skill", cat.IT_LEVELS),
    Accepted("foreign_language", cat.LANGUAGE_LEVELS),
    Accepted("rank_code", tuple(cat.RANKS)),
    Accepted("age_band", AGE_BANDS),
    Accepted("major_group", MAJOR_GROUPS),
    Accepted("exclusion_code", FromTable("review_exclusions", "exclusion_code")),
    Holds("(post_since_estimated is null) = (post_since is null)"),
)
EVALUATION: tuple[Check, ...] = (
    NotNull("staff_id"),
    NotNull("year"),
    NotNull("ward"),
    Accepted("grade", cat.GRADES),
    Holds(PERCENT.format("score")),
)
PLACEMENT: tuple[Check, ...] = (
    NotNull("staff_id"),
    NotNull("ward"),
    NotNull("criterion"),
    NotNull("result"),
    NotNull("legal_source"),
    Accepted("criterion", tuple(cat.CRITERIA)),
    Accepted("criterion_label", tuple(cat.CRITERIA.values())),
    Accepted("result", cat.CHECK_RESULTS),
    Accepted("severity", tuple(range(len(cat.CHECK_RESULTS)))),
    Accepted("age_band", AGE_BANDS),
    Related("standard_id", "standards", "standard_id"),
    Related("legal_source", "standards", "legal_source"),
    Holds("(result = 'đạt') = (reason is null)"),
)

VIEW_TESTS: dict[str, tuple[Check, ...]] = {
    "staff": (*PERSON, Unique(("ward", "staff_id"))),
    "people": (
        *PERSON,
        NotNull("snapshot_rank"),
        Unique(("import_id", "source_row")),
        Unique(("ward", "snapshot_rank", "staff_id")),
    ),
    "evaluations": (
        *EVALUATION,
        NotNull("derived"),
        Unique(("staff_id", "year")),
        Accepted("derived_from", PERIODS),
        Related("staff_id", "people", "staff_id"),
        Holds("derived or (periods is null and derived_from is null)"),
        Holds(PERCENT.format("on_time_rate")),
        Holds(PERCENT.format("satisfaction")),
    ),
    "evaluation_periods": (
        *EVALUATION,
        NotNull("period_kind"),
        NotNull("period_number"),
        Unique(("staff_id", "year", "period_kind", "period_number")),
        Accepted("period_kind", PERIODS),
        Holds("period_number between 1 and case period_kind when 'month' then 12 else 4 end"),
    ),
    "evaluation_results": (
        *EVALUATION,
        Unique(("staff_id", "year", "period_kind", "period_number")),
        Accepted("period_kind", get_args(PeriodKind)),
        Related("staff_id", "people", "staff_id"),
    ),
    "staff_evaluations": (
        *EVALUATION,
        Unique(("staff_id", "year")),
        Accepted("score_band", cat.GRADES),
        Related("staff_id", "staff", "staff_id"),
    ),
    "staff_evaluation_periods": (
        *EVALUATION,
        Unique(("staff_id", "year", "period_kind", "period_number")),
        Accepted("score_band", cat.GRADES),
    ),
    "plan_tasks": (
        NotNull("task_code"),
        NotNull("title"),
        NotNull("ward"),
        NotNull("recurring"),
        NotNull("status"),
        Unique(("ward", "task_code")),
        Accepted("status", cat.PLAN_STATUSES),
        Holds(PERCENT.format("percent")),
    ),
    "latest_progress": (
        NotNull("ward"),
        NotNull("task_code"),
        Unique(("ward", "task_code")),
        Accepted("status", cat.PLAN_STATUSES),
        Holds(PERCENT.format("percent")),
    ),
    "placement_checks": (
        *PLACEMENT,
        NotNull("snapshot_rank"),
        Unique(("ward", "snapshot_rank", "staff_id", "standard_id")),
    ),
    "placement_gaps": (
        *PLACEMENT,
        Unique(("ward", "staff_id", "standard_id")),
        Related("staff_id", "staff", "staff_id"),
        Holds("result <> 'đạt'"),
    ),
    "review_list": (
        NotNull("staff_id"),
        NotNull("ward"),
        NotNull("reason_code"),
        NotNull("reason"),
        NotNull("legal_source"),
        NotNull("excluded"),
        Holds("excluded = (exclusion is not null)"),
        Unique(("ward", "staff_id", "reason_code", "year", "reason")),
        Accepted("reason_code", FromTable("review_triggers", "reason_code")),
        Accepted("legal_source", FromTable("review_triggers", "legal_source")),
        Accepted("age_band", AGE_BANDS),
        Related("staff_id", "staff", "staff_id"),
    ),
    "roster_snapshots": (
        NotNull("ward"),
        NotNull("as_of"),
        NotNull("import_id"),
        Unique(("ward", "as_of", "import_id")),
    ),
}


def failures(store: Store, view: str, check: Check) -> int:
    """How many rows of ``view`` break ``check`` (0 = it holds). Names come from VIEW_TESTS."""
    match check:
        case NotNull(column):
            sql, params = f"select count(*) from {view} where {column} is null", None
        case Unique(columns):
            keys = ", ".join(columns)
            sql = (
                f"select count(*) from (select {keys} from {view} group by all having count(*) > 1)"
            )
            params = None
        case Accepted(column, values):
            if isinstance(values, FromTable):
                allowed = f"(select list({values.column}::varchar) from {values.table})"
                params = None
            else:
                allowed, params = "$allowed::varchar[]", {"allowed": [str(v) for v in values]}
            sql = (
                f"select count(*) from {view} where {column} is not null "
                f"and not list_contains({allowed}, {column}::varchar)"
            )
        case Related(column, to_view, to_column):
            sql = (
                f"select count(*) from {view} as c where c.{column} is not null "
                f"and c.{column} not in (select {to_column} from {to_view} where {to_column} is not null)"
            )
            params = None
        case Holds(condition):
            sql, params = (
                f"select count(*) from {view} where not coalesce({condition}, false)",
                None,
            )
    return int(store.execute(sql, params)[0][0])


def broken(store: Store, view: str) -> list[Check]:
    return [check for check in VIEW_TESTS[view] if failures(store, view, check)]


# ------------------------------------------------------------------ the README's column tables
_VIEW_HEADING = re.compile(r"^\*\*`(\w+)`\*\*")
_NAME = re.compile(r"`(\w+)`")


@dataclass
class Documented:
    """A view's table in the README: its own columns, views it takes every column of (less some),
    and the columns said to be never null ("không rỗng")."""

    columns: list[str]
    includes: list[tuple[str, list[str]]]
    not_null: list[str]


def documented_tables(text: str) -> dict[str, Documented]:
    """The column tables of the README's view section, by view."""
    section = text[text.index(SECTION) + len(SECTION) :]
    section = section[: section.find("\n## ")] if "\n## " in section else section
    tables: dict[str, Documented] = {}
    current: Documented | None = None
    for line in section.splitlines():
        if heading := _VIEW_HEADING.match(line):
            current = tables.setdefault(heading[1], Documented([], [], []))
            continue
        if current is None or not line.startswith("|"):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if cells[0] in ("cột", "---"):
            continue
        if cells[0].startswith("mọi cột của"):
            head, _, less = cells[0].partition(" trừ ")
            current.includes.append((_NAME.findall(head)[0], _NAME.findall(less)))
            continue
        names = _NAME.findall(cells[0])
        current.columns.extend(names)
        if len(names) == 1 and "không rỗng" in cells[1]:
            current.not_null.append(names[0])
    return tables


def documented_columns(tables: dict[str, Documented], view: str) -> set[str]:
    table = tables[view]
    columns = set(table.columns)
    for other, less in table.includes:
        columns |= documented_columns(tables, other) - set(less)
    return columns


def readme_tables() -> dict[str, Documented]:
    return documented_tables(README.read_text(encoding="utf-8"))


def view_columns(store: Store, view: str) -> set[str]:
    return {str(row[0]) for row in store.execute(f"describe {view}")}


# ------------------------------------------------------------------ the databases
@pytest.fixture(scope="module")
def bench_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Five wards, 300 people, five evaluation years, a plan and progress for each ward."""
    folder = tmp_path_factory.mktemp("bench_views")
    return build("city", folder / "bench.duckdb", cache=folder / "cache", people=300, wards=5).db


@pytest.fixture(scope="module")
def months_db(demo_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ward with three monthly scores of 2023 for five people (the demo's annual
    results start in 2024), one of them disciplined in March: evaluations derives their year."""
    db = tmp_path_factory.mktemp("months") / "months.duckdb"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        people = store.execute("select staff_id, ward from staff order by staff_id limit 5")
        store.execute(
            "insert into imports (import_id, kind, file_name, sha256, size_bytes, file_format, "
            "rows_imported, original, year) values (9001, 'evaluation', 'thang.xlsx', 'sha-9001', "
            "0, 'xlsx', 15, ''::blob, 2023)"
        )
        for i, (staff_id, ward) in enumerate(people):
            for month in (1, 2, 3):
                store.execute(
                    """
                    insert into evaluation_rows (import_id, ward, year, source_row, staff_id,
                        match_method, score, disciplined, period_kind, period_number)
                    values (9001, ?, 2023, ?, ?, 'id', ?, ?, 'month', ?)
                    """,
                    [ward, 10 * i + month, staff_id, 45 + 12 * i, i == 4 and month == 3, month],
                )
        refresh(store)
    return db


@pytest.fixture(scope="module", params=["demo", "bench", "months"])
def store(request: pytest.FixtureRequest) -> Iterator[Store]:
    db = request.getfixturevalue(f"{request.param}_db")
    with Store(db, read_only=True) as opened:
        yield opened


CASES = [
    pytest.param(view, check, id=f"{view}-{type(check).__name__}-{i}")
    for view, checks in VIEW_TESTS.items()
    for i, check in enumerate(checks)
]


# ------------------------------------------------------------------ the tests
def test_every_view_of_the_readme_has_its_checks_and_every_public_view_is_in_the_readme() -> None:
    documented = set(readme_tables())
    created = set(re.findall(r"create or replace view (\w+)", VIEWS_SQL.read_text("utf-8")))
    assert documented == set(VIEW_TESTS)
    assert created <= documented, created - documented


def test_the_columns_said_never_null_in_the_readme_are_checked() -> None:
    for view, table in readme_tables().items():
        declared = {c.column for c in VIEW_TESTS[view] if isinstance(c, NotNull)}
        assert set(table.not_null) <= declared, (view, set(table.not_null) - declared)


@pytest.mark.parametrize("view", sorted(VIEW_TESTS))
def test_each_views_columns_are_the_readmes(store: Store, view: str) -> None:
    assert view_columns(store, view) == documented_columns(readme_tables(), view)


@pytest.mark.parametrize(("view", "check"), CASES)
def test_each_check_holds(store: Store, view: str, check: Check) -> None:
    assert failures(store, view, check) == 0


def test_the_period_views_have_rows_to_check(months_db: Path) -> None:
    with Store(months_db, read_only=True) as store:
        assert store.execute("select count(*) from evaluation_periods")[0][0] == 15
        # Scores 45, 57, 69, 81 and 93 in each month: HTNV below 50 … HTXSNV from 90, but the
        # fifth person was disciplined in March, so the year is KHTNV (grade_rules).
        assert store.execute(
            "select score, grade from evaluations where year = 2023 and derived order by score"
        ) == [(45.0, "KHTNV"), (57.0, "HTNV"), (69.0, "HTNV"), (81.0, "HTTNV"), (93.0, "KHTNV")]


# ------------------------------------------------------------------ the rule tables
def test_the_age_bands_table_holds_the_categories_bands_in_order(demo_db: Path) -> None:
    with Store(demo_db, read_only=True) as store:
        bands = [row[0] for row in store.execute("select band from age_bands order by sort_order")]
    assert tuple(bands) == cat.AGE_BANDS


def test_the_age_bands_cut_offs_are_those_of_the_reports(demo_db: Path) -> None:
    """Against the bands written out (DOMAIN.md §3: dưới 30 · 30–40 · 41–50 · 51–60 · past the
    retirement age of settings): the same band for every person of the demo ward."""
    with Store(demo_db, read_only=True) as store:
        differ = store.execute(
            """
            select staff_id, age, gender, age_band from people as p
            cross join (
                select max(value) filter (where key = 'retirement_age_male') as male,
                       max(value) filter (where key = 'retirement_age_female') as female
                from settings
            ) as t
            where age_band is distinct from case
                when age is null then 'Chưa cập nhật'
                when age >= (case when gender = 'Nữ' then t.female else t.male end)
                    then 'Trên tuổi nghỉ hưu'
                when age < 30 then 'Dưới 30'
                when age <= 40 then '30–40'
                when age <= 50 then '41–50'
                else '51–60'
            end
            """
        )
    assert differ == []


@pytest.mark.parametrize(
    ("age", "band"),
    [(18, "Dưới 30"), (29, "Dưới 30"), (30, "30–40"), (40, "30–40"), (41, "41–50"),
     (50, "41–50"), (51, "51–60"), (61, "51–60"), (62, "Trên tuổi nghỉ hưu")],
)  # fmt: skip
def test_a_birth_year_gives_the_band_of_its_age(age: int, band: str) -> None:
    store = Store(":memory:")
    add_roster(store, [{"staff_id": "A", "full_name": "Lê Văn An", "birth_year": 2026 - age}])
    assert store.execute("select age, age_band from staff") == [(age, band)]


def test_an_edited_age_band_row_moves_people_between_bands(tmp_path: Path, demo_db: Path) -> None:
    """The cut-offs are data: moving 41–50 to start at 45 puts the 41–44-year-olds in 30–40."""
    db = tmp_path / "bands.duckdb"
    shutil.copy(demo_db, db)
    with Store(db) as store:
        before = store.execute("select count(*) from staff where age between 41 and 44")[0][0]
        assert before > 0
        store.execute("update age_bands set from_age = 45 where band = '41–50'")
        refresh(store)
        assert store.execute("select distinct age_band from staff where age between 41 and 44") == [
            ("30–40",)
        ]


def test_review_reasons_and_sources_come_from_review_triggers(tmp_path: Path) -> None:
    store = Store(tmp_path / "review.duckdb")
    add_roster(store, [{"staff_id": "A", "full_name": "Lê Văn An", "education_level": "Cao đẳng"}])
    add_evaluations(store, [{"staff_id": "A", "year": 2025, "grade": "KHTNV"}])
    assert store.execute(
        "select reason_code, reason, year, legal_source from review_list order by reason_code"
    ) == [
        (
            "education",
            "Trình độ đào tạo thấp hơn tiêu chuẩn của vị trí: "
            "Trình độ chuyên môn Cao đẳng thấp hơn yêu cầu Đại học trở lên.",
            None,
            "NĐ 154/2025/NĐ-CP (kế thừa NĐ 29/2023; chưa kiểm chứng)",
        ),
        ("khtnv", "Xếp loại Không hoàn thành nhiệm vụ năm 2025.", 2025, "NĐ 154/2025/NĐ-CP"),
    ]
    store.execute("update review_triggers set legal_source = 'NĐ mới' where reason_code = 'khtnv'")
    refresh(store)
    assert store.execute("select legal_source from review_list where reason_code = 'khtnv'") == [
        ("NĐ mới",)
    ]


# ------------------------------------------------------------------ the checks can fail
CORRUPTIONS = [
    pytest.param(
        "update roster_rows set education_level = 'Tốt nghiệp' where source_row = "
        "(select min(source_row) from roster_rows)",
        "staff",
        Accepted("education_level", cat.EDUCATION_LEVELS),
        id="unknown-level",
    ),
    pytest.param(
        "insert into roster_rows select * replace (source_row + 1000 as source_row) "
        "from roster_rows where source_row = (select min(source_row) from roster_rows)",
        "staff",
        Unique(("ward", "staff_id")),
        id="person-twice",
    ),
    pytest.param(
        "update evaluation_rows set grade = 'Xuất sắc' where source_row = "
        "(select min(source_row) from evaluation_rows)",
        "evaluations",
        Accepted("grade", cat.GRADES),
        id="unknown-grade",
    ),
    pytest.param(
        "update progress_reports set status = 'Đã xong'",
        "plan_tasks",
        Accepted("status", cat.PLAN_STATUSES),
        id="unknown-status",
    ),
    pytest.param(
        "update progress_reports set percent = 140",
        "plan_tasks",
        Holds(PERCENT.format("percent")),
        id="percent-past-100",
    ),
    pytest.param(
        "update evaluation_rows set staff_id = 'KHONG-CO' where source_row = "
        "(select min(source_row) from evaluation_rows)",
        "evaluations",
        Related("staff_id", "people", "staff_id"),
        id="unknown-person",
    ),
]


@pytest.mark.parametrize(("edit", "view", "check"), CORRUPTIONS)
def test_a_hand_edited_copy_is_caught(
    tmp_path: Path, demo_db: Path, edit: str, view: str, check: Check
) -> None:
    """An edit made outside the application (hand-run SQL, then the next open rebuilds the marts
    from the edited source) breaks the check that guards the column; the original passes it."""
    db = tmp_path / "edited.duckdb"
    shutil.copy(demo_db, db)
    with Store(db, read_only=True) as store:
        assert failures(store, view, check) == 0
    with duckdb.connect(str(db)) as outside:
        outside.execute(edit)
    with Store(db) as store:
        assert failures(store, view, check) > 0
        assert check in broken(store, view)


def test_an_undocumented_or_missing_column_is_caught(demo_db: Path) -> None:
    text = README.read_text(encoding="utf-8")
    row = next(line for line in text.splitlines() if line.startswith("| `rank_code` |"))
    tables = documented_tables(text.replace(row + "\n", "", 1))
    with Store(demo_db, read_only=True) as store:
        columns = view_columns(store, "staff")
    assert columns - documented_columns(tables, "staff") == {"rank_code"}
    # every view that takes the columns of staff misses it too
    assert "rank_code" not in documented_columns(tables, "staff_evaluations")
