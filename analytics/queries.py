"""The query layer: every figure a page or an export shows comes from a function here.

Each function takes a ``Store`` and the reader's ``Scope``; SQL lives in ``analytics/sql/queries``
and filters only through the ``in_scope`` macro. Column names chosen in the UI pass an allow-list.
For a reader who may not see people, every aggregate is masked here (``analytics.privacy``): a
cell of fewer than ``small_cell_threshold`` people never leaves this module as a number.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

from analytics import audit, marts, privacy
from analytics import categories as cat
from analytics.names import name_order, sort_key
from analytics.policy import Action, PermissionDenied, can, may_report_progress, require
from analytics.scope import OPERATOR, SCOPE_SQL, Account, Scope
from analytics.store import Store


@cache
def sql(name: str) -> str:
    """The text of ``analytics/sql/queries/<name>.sql`` with the scope filter put in and each
    ``{{query:<other>}}`` replaced by that query's text (a query composed of another)."""
    text = (
        resources.files("analytics.sql")
        .joinpath("queries", f"{name}.sql")
        .read_text(encoding="utf-8")
    )
    text = re.sub(r"\{\{query:(\w+)\}\}", lambda m: sql(m.group(1)).rstrip().rstrip(";"), text)
    return text.replace("{{scope}}", SCOPE_SQL).replace("{{name_order}}", name_order("full_name"))


def _run(store: Store, name: str, scope: Scope, **extra: Any) -> pd.DataFrame:
    return store.df(sql(name), {**scope.params(), **extra})


def _page_sql(text: str) -> str:
    """A list query (ending in its ORDER BY) cut to one page: ``$limit`` rows (null = every row)
    from ``$offset``. A page of a national list costs what its sort costs, not what converting
    200,000 rows to pandas does (issue 9)."""
    return f"{text.rstrip().rstrip(';')}\nlimit $limit offset $offset"


def _count_sql(text: str, distinct: str | None = None) -> str:
    """How many rows a list query gives (and, with ``distinct``, how many distinct values)."""
    people = f"count(distinct {distinct})" if distinct else "null"
    return f"select count(*) as n, {people} as people from ({text}) as listed"


@dataclass(frozen=True)
class ListSize:
    """The size of a list before paging: its rows and, for a list of gaps, the people."""

    rows: int
    people: int | None = None


# ==================================================================== dimensions
# Columns a reader may group or filter people by: the allow-list, with labels and orders.
DIMENSIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "education_level": ("Trình độ chuyên môn", cat.EDUCATION_LEVELS),
    "major_group": ("Nhóm ngành đào tạo", tuple(g for g, _ in cat.MAJOR_GROUPS)),
    "political_theory": ("Lý luận chính trị", cat.POLITICAL_THEORY_LEVELS),
    "state_management": ("Quản lý nhà nước", cat.STATE_MANAGEMENT_LEVELS),
    "it_skill": ("Tin học", cat.IT_LEVELS),
    "foreign_language": ("Ngoại ngữ", cat.LANGUAGE_LEVELS),
    "unit": ("Đơn vị", cat.UNITS),
    "age_band": ("Độ tuổi", cat.AGE_BANDS),
    "gender": ("Giới tính", cat.GENDERS),
    "party": ("Đảng viên", ("Đảng viên", "Quần chúng")),
    "field": ("Lĩnh vực", cat.FIELDS),
}
_EXPRESSIONS = {
    "party": "case when party_member then 'Đảng viên' when party_member = false then 'Quần chúng' end",
}


def _dimension_sql(name: str) -> str:
    if name not in DIMENSIONS:
        raise ValueError(f"unknown dimension {name!r}")
    return f"coalesce({_EXPRESSIONS.get(name, name)}, '{cat.NO_DATA}')"


def category_order(name: str, present: list[str] | None = None) -> list[str]:
    """The canonical order of a dimension, values not in the canon after it, no data last."""
    order = list(dict.fromkeys(v for v in DIMENSIONS[name][1] if v != cat.NO_DATA))
    known = {*order, cat.NO_DATA}
    extra = sorted({str(v) for v in (present or []) if v is not None and v not in known})
    return [*order, *extra, cat.NO_DATA]  # unique: pd.Categorical refuses repeats


# ==================================================================== overview
@dataclass
class Overview:
    """Headline figures of the latest snapshot and the change since the previous one.

    For a reader who may not see people (``threshold`` set), a figure of fewer than
    ``threshold`` people is None with its name in ``hidden`` (``previous_hidden`` for
    ``previous``); a hidden grade count is None in ``grade_counts``.
    """

    as_of: dt.date | None
    previous_as_of: dt.date | None
    head_count: int | None
    university_share: float | None
    political_theory_share: float | None
    below_standard: int | None
    below_standard_sensitive: int | None
    no_data: int | None
    previous: dict[str, float | int | None] = field(default_factory=dict)
    evaluation_year: int | None = None
    grade_counts: dict[str, int | None] = field(default_factory=dict)
    plan_counts: dict[str, int] = field(default_factory=dict)
    last_import: dt.datetime | None = None
    hidden: set[str] = field(default_factory=set)
    previous_hidden: set[str] = field(default_factory=set)
    threshold: int | None = None

    def delta(self, name: str) -> float | None:
        before = self.previous.get(name)
        now = getattr(self, name)
        if before is None or now is None:
            return None
        return float(now) - float(before)

    def text(self, name: str) -> str:
        """A count field as shown: '40', or '< 3' when hidden."""
        return privacy.count_text(getattr(self, name), name in self.hidden, self.threshold)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _snapshot_figures(r: Any, k: int | None) -> tuple[dict[str, Any], set[str]]:
    """One snapshot's headline figures, masked for ``k``, and the names hidden."""
    head_count = int(r.head_count)
    counts, hidden = privacy.hide_fields(
        {
            "head_count": head_count,
            "below_standard": int(r.below_standard),
            "below_standard_sensitive": int(r.below_standard_sensitive),
            "no_data": int(r.no_data),
        },
        k,
    )
    figures: dict[str, Any] = dict(counts)
    for name, part in (
        ("university_share", int(r.university)),
        ("political_theory_share", int(r.political_theory_tc)),
    ):
        figures[name], share_hidden = privacy.share(part, head_count, k)
        if share_hidden:
            hidden.add(name)
    return figures, hidden


def overview(store: Store, scope: Scope, today: dt.date) -> Overview:
    k = privacy.threshold(store, scope)
    metrics = _run(store, "snapshot_metrics", scope)
    rows = {int(r.snapshot_rank): r for r in metrics.itertuples()}
    latest = rows.get(1)
    prev = rows.get(2)

    now: dict[str, Any] = {
        "head_count": 0,
        "university_share": None,
        "political_theory_share": None,
        "below_standard": 0,
        "below_standard_sensitive": 0,
        "no_data": 0,
    }
    hidden: set[str] = set()
    if latest is not None:
        now, hidden = _snapshot_figures(latest, k)
    previous, previous_hidden = _snapshot_figures(prev, k) if prev is not None else ({}, set())
    result = Overview(
        as_of=_date(latest.as_of) if latest is not None else None,
        previous_as_of=_date(prev.as_of) if prev is not None else None,
        previous=previous,
        hidden=hidden,
        previous_hidden=previous_hidden,
        threshold=k,
        **now,
    )
    mix = _grade_mix(store, scope)
    if not mix.empty:
        year = int(scope.year or mix["year"].max())
        result.evaluation_year = year
        in_year = mix[mix["year"] == year]
        counts = {str(g): int(n) for g, n in in_year.groupby("grade")["people"].sum().items()}
        result.grade_counts = privacy.hide_fields(counts, k)[0]
    tasks = plan_status(store, scope, today)
    if not tasks.empty:
        result.plan_counts = {
            "Hoàn thành": int((tasks["status"] == "Hoàn thành").sum()),
            "Đang thực hiện": int((tasks["status"] == "Đang thực hiện").sum()),
            "Quá hạn": int(tasks["overdue"].sum()),
            "Chưa thực hiện": int((tasks["status"] == "Chưa thực hiện").sum()),
        }
    row = store.execute("select max(imported_at) from imports")
    result.last_import = row[0][0] if row else None
    return result


def _date(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


# ==================================================================== qualifications
DISTRIBUTION_COUNTS = ("people", "group_total", "category_total", "total")


def distribution(store: Store, scope: Scope, dimension: str, by: str | None = None) -> pd.DataFrame:
    """People counted by ``dimension`` (and ``by``): columns category, group, people.

    The no-data bucket appears as ``cat.NO_DATA``; categories come in canonical order. Beside
    each cell: ``share`` (of its group; without ``by``, of everyone), ``group_total`` (people of
    the group), ``category_total`` (of the category over all groups), ``total`` and
    ``category_share`` (category_total / total), each masked for the reader with its
    ``<column>_hidden`` flag (``analytics.privacy``).
    """
    column = _dimension_sql(dimension)
    group = _dimension_sql(by) if by else "''"
    frame = store.df(
        f"""
        select {column} as category, {group} as "group", count(*) as people
        from staff
        where {SCOPE_SQL}
        group by all
        """,
        scope.params(),
    )
    order = category_order(dimension, frame["category"].tolist())
    frame["category"] = pd.Categorical(frame["category"], categories=order, ordered=True)
    if by:
        group_order = category_order(by, frame["group"].tolist())
        frame["group"] = pd.Categorical(frame["group"], categories=group_order, ordered=True)
    frame = frame.sort_values(["category", "group"]).reset_index(drop=True)
    return mask_distribution(frame, privacy.threshold(store, scope))


def mask_distribution(frame: pd.DataFrame, k: int | None) -> pd.DataFrame:
    """The cells of ``distribution`` with their totals and shares, masked for ``k`` (a frame of
    columns category, group, people: the charts complete a hand-made one with ``k`` None)."""
    data = privacy.add_totals(
        frame,
        "people",
        {"group_total": ["group"], "category_total": ["category"], "total": []},
    )
    data["share"] = data["people"] / data["group_total"].where(data["group_total"] > 0)
    data["category_share"] = data["category_total"] / data["total"].where(data["total"] > 0)
    data = privacy.mask_counts(data, DISTRIBUTION_COUNTS, k)
    data = privacy.mask_derived(
        data, ["share"], privacy.hidden_flags(data, "people", "group_total")
    )
    return privacy.mask_derived(
        data, ["category_share"], privacy.hidden_flags(data, "category_total", "total")
    )


def people(store: Store, scope: Scope, where: dict[str, str] | None = None) -> pd.DataFrame:
    """The people behind a count: ``where`` maps dimensions to a value (NO_DATA for empty)."""
    scope.require_people()
    clauses = []
    params = scope.params()
    for i, (name, value) in enumerate((where or {}).items()):
        clauses.append(f"{_dimension_sql(name)} = $v{i}")
        params[f"v{i}"] = value
    extra = "".join(f" and {c}" for c in clauses)
    frame = store.df(
        f"""
        select staff_id, full_name, birth_date, birth_year, gender, unit, position, field,
               education_level, major, political_theory, state_management, it_skill,
               foreign_language, party_member, age, age_band, ward
        from staff
        where {SCOPE_SQL}{extra}
        order by name_sort
        """,
        params,
    )
    return frame


def sort_people(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in Vietnamese name order (tên, đệm, họ)."""
    if frame.empty or "full_name" not in frame:
        return frame.reset_index(drop=True)
    keys = frame["full_name"].astype(str).map(sort_key)  # one key per row, no row indexing
    order = sorted(range(len(keys)), key=keys.tolist().__getitem__)
    return frame.iloc[order].reset_index(drop=True)


COMPOSITION_GROUPS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "Trong đó",
        "",
        (
            ("Đảng viên", "party_member"),
            ("Nữ", "gender = 'Nữ'"),
            ("Dân tộc ít người", "ethnicity is not null and name_key(ethnicity) <> 'kinh'"),
            ("Tôn giáo", "religion is not null and name_key(religion) not in ('khong', '')"),
        ),
    ),
    ("Ngạch", "rank_code", tuple((name, code) for code, name in cat.RANKS.items())),
    (
        "Chuyên môn",
        "education_level",
        (
            ("TS", "Tiến sĩ"),
            ("ThS", "Thạc sĩ"),
            ("ĐH", "Đại học"),
            ("CĐ", "Cao đẳng"),
            ("TC", "Trung cấp"),
            ("SC", "Sơ cấp"),
        ),
    ),
    (
        "Lý luận chính trị",
        "political_theory",
        (("Cử nhân", "Cử nhân"), ("CC", "Cao cấp"), ("TC", "Trung cấp"), ("SC", "Sơ cấp")),
    ),
    (
        "Quản lý nhà nước",
        "state_management",
        (
            ("CVCC", "Chuyên viên cao cấp"),
            ("CVC", "Chuyên viên chính"),
            ("CV", "Chuyên viên"),
            ("Cán sự", "Cán sự"),
        ),
    ),
    (
        "Tin học",
        "it_skill",
        (
            ("ĐH trở lên", "Đại học trở lên"),
            ("CĐ, TC", "Cao đẳng|Trung cấp"),
            ("Chứng chỉ", "Nâng cao|Cơ bản|Chứng chỉ C|Chứng chỉ B|Chứng chỉ A"),
        ),
    ),
    (
        "Ngoại ngữ",
        "foreign_language",
        (
            ("ĐH trở lên", "Đại học trở lên"),
            ("Bậc 3 trở lên", "Bậc 6 (C2)|Bậc 5 (C1)|Bậc 4 (B2)|Bậc 3 (B1)"),
            ("Chứng chỉ khác", "Bậc 2 (A2)|Bậc 1 (A1)|Chứng chỉ C|Chứng chỉ B|Chứng chỉ A"),
        ),
    ),
    ("Độ tuổi", "age_band", tuple((band, band) for band in cat.AGE_BANDS)),
)


def composition_table(store: Store, scope: Scope) -> pd.DataFrame:
    """The official composition table (BM02/BNV): units as rows, column groups as a MultiIndex.

    Values are counts of people; the last row is the total. For a reader who may not see
    people, a cell of fewer than the threshold is NaN (``mask_table``; no count is missing
    otherwise) and ``privacy.frame_threshold`` gives the threshold.
    """
    return mask_table(_composition_counts(store, scope), privacy.threshold(store, scope))


def mask_table(table: pd.DataFrame, k: int | None) -> pd.DataFrame:
    """A wide table of counts (every cell a count of people) with its small cells NaN: the
    form of the BM02 table, which has no room for flag columns."""
    if k is None:
        return table
    masked = table.astype(float).mask(table.map(lambda n: privacy.is_small(n, k)))
    return privacy.with_threshold(masked, k)


def _composition_counts(store: Store, scope: Scope) -> pd.DataFrame:
    """``composition_table`` before masking."""
    selects = ["count(*) as total"]
    params = scope.params()
    columns: list[tuple[str, str]] = [("Tổng số", "")]
    n = 0
    for group, column, items in COMPOSITION_GROUPS:
        for label, value in items:
            if not column:
                condition = value  # a fixed SQL condition from this module, not user input
            else:
                names = []
                for part in value.split("|"):
                    params[f"c{n}"] = part
                    names.append(f"$c{n}")
                    n += 1
                condition = f"{column} in ({', '.join(names)})"
            selects.append(f'count(*) filter (where {condition}) as "{group}|{label}"')
            columns.append((group, label))
    body = ",\n".join(selects)
    frame = store.df(
        f"""
        select coalesce(unit, '{cat.NO_DATA}') as unit, {body}
        from staff
        where {SCOPE_SQL}
        group by rollup (coalesce(unit, '{cat.NO_DATA}'))
        """,
        params,
    )
    frame["unit"] = frame["unit"].fillna("Tổng cộng")
    order = [*category_order("unit", frame["unit"].tolist()), "Tổng cộng"]
    frame["_order"] = frame["unit"].map({u: i for i, u in enumerate(order)})
    frame = frame.sort_values("_order").drop(columns="_order").set_index("unit")
    frame.index.name = "Đơn vị"
    frame.columns = pd.MultiIndex.from_tuples(columns)
    return frame.astype(int)


# ==================================================================== placements
def placement_checks(store: Store, scope: Scope) -> pd.DataFrame:
    """Every check of the latest roster in scope (one row per person and criterion)."""
    scope.require_people()
    frame = store.df(
        f"""
        select staff_id, full_name, unit, position, field, sensitive, is_leader, criterion,
               criterion_label, criterion_order, required, actual, result, severity, reason,
               legal_source, ward
        from placement_checks
        where snapshot_rank = 1 and {SCOPE_SQL}
        order by criterion_order
        """,
        scope.params(),
    )
    return frame


def _matrix_sql() -> str:
    criteria = ",\n        ".join(
        f"max(result) filter (where criterion = '{key}') as {key}" for key in cat.CRITERIA
    )
    return sql("placement_matrix").replace("{{criteria}}", criteria)


def placement_matrix_size(store: Store, scope: Scope, with_passed: bool = False) -> ListSize:
    """The rows (people) of ``placement_matrix`` before paging."""
    scope.require_people()
    row = store.execute(_count_sql(_matrix_sql()), {**scope.params(), "with_passed": with_passed})[
        0
    ]
    return ListSize(int(row[0]))


def placement_matrix(
    store: Store,
    scope: Scope,
    with_passed: bool = False,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """People × criteria of the latest roster in scope (columns staff_id, full_name, unit, field,
    sensitive, then one per criterion label with the result, "—" where it does not apply), the
    most severe people first; only people with a gap unless ``with_passed``. Computed in DuckDB;
    ``limit`` rows from ``offset`` give one page of a national matrix."""
    scope.require_people()
    frame = store.df(
        _page_sql(_matrix_sql()),
        {**scope.params(), "with_passed": with_passed, "limit": limit, "offset": offset},
    )
    present = [key for key in cat.CRITERIA if frame[key].notna().any()]
    frame = frame.drop(columns=[k for k in cat.CRITERIA if k not in present])
    frame[present] = frame[present].fillna("—")
    return frame.rename(columns={key: cat.CRITERIA[key] for key in present})


def gap_counts(store: Store, scope: Scope, by: str) -> pd.DataFrame:
    """Counts of people with a gap, by field or unit and result (aggregates: any role).

    Each person counts once, at their most severe result, so a group's bars add up to people.
    Columns group, result, people, sensitive (and people_hidden: ``analytics.privacy``); groups
    in canonical order, results by severity.
    """
    if by not in {"field", "unit"}:
        raise ValueError(by)
    frame = _run(store, "gap_counts", scope, by=by)
    groups = category_order(by, frame["group"].tolist())
    frame["_g"] = frame["group"].map({g: i for i, g in enumerate(groups)})
    frame["_r"] = frame["result"].map({r: i for i, r in enumerate(cat.CHECK_RESULTS)})
    frame = frame.sort_values(["_g", "_r"]).drop(columns=["_g", "_r"])
    return privacy.mask_counts(
        frame.reset_index(drop=True), ["people"], privacy.threshold(store, scope)
    )


def standards(store: Store) -> pd.DataFrame:
    return store.df(
        """
        select s.standard_id, s.criterion, c.label as criterion_label, s.applies_to, s.target,
               s.required, s.legal_source, s.note, s.active, s.updated_at, s.updated_by
        from standards as s join criteria as c using (criterion)
        order by c.sort_order, s.target nulls first, s.standard_id
        """
    )


STANDARD_EDITABLE = (
    "required",
    "legal_source",
    "note",
    "active",
    "target",
    "applies_to",
    "criterion",
)


def save_standard(
    store: Store,
    values: dict[str, Any],
    changed_by: str,
    *,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> int:
    """Insert (no ``standard_id``) or update a standard; every change kept with who and when.

    Only a role that may edit standards, and not tied to one ward: the frame is every ward's.
    """
    require(actor.role, Action.EDIT_STANDARDS)
    if actor.ward is not None:
        raise PermissionDenied(
            "Khung tiêu chuẩn dùng chung cho mọi phường/xã: chỉ tài khoản cấp thành phố "
            "(không gắn với một phường) được sửa."
        )
    if not changed_by.strip():
        raise ValueError("Cần ghi tên người sửa.")
    clean = _clean_standard(store, values)
    with store.transaction() as cur:
        standard_id = values.get("standard_id")
        if standard_id is None:
            names = ", ".join(clean)
            marks = ", ".join("?" for _ in clean)
            row = cur.execute(
                f"insert into standards ({names}, updated_by) values ({marks}, ?) returning standard_id",
                [*clean.values(), changed_by],
            ).fetchone()
            assert row is not None  # ``returning`` yields the inserted row
            standard_id = int(row[0])
            before = None
            action = "insert"
        else:
            before_df = cur.execute(
                "select * from standards where standard_id = ?", [standard_id]
            ).df()
            if before_df.empty:
                raise ValueError(f"Không có tiêu chuẩn số {standard_id}.")
            before = before_df.iloc[0].to_dict()
            sets = ", ".join(f"{k} = ?" for k in clean)
            cur.execute(
                f"update standards set {sets}, updated_at = current_timestamp, updated_by = ? where standard_id = ?",
                [*clean.values(), changed_by, standard_id],
            )
            action = "update"
            if "active" in clean and bool(before["active"]) != bool(clean["active"]):
                action = "activate" if clean["active"] else "deactivate"
        after = (
            cur.execute("select * from standards where standard_id = ?", [standard_id])
            .df()
            .iloc[0]
            .to_dict()
        )
        cur.execute(
            "insert into standards_history (standard_id, action, before, after, changed_by) values (?, ?, ?, ?, ?)",
            [
                standard_id,
                action,
                json.dumps(before, default=str, ensure_ascii=False) if before else None,
                json.dumps(after, default=str, ensure_ascii=False),
                changed_by,
            ],
        )
        marts.refresh(cur)  # every check and review reason follows the edited standard
    detail = f"Tiêu chuẩn số {standard_id} ({action}), người sửa: {changed_by}"
    audit.record(
        store, actor.username, actor.role, "standards_edit", detail=detail, address=address
    )
    return int(standard_id)


def standards_history(store: Store) -> pd.DataFrame:
    return store.df(
        "select change_id, standard_id, action, before, after, changed_by, changed_at "
        "from standards_history order by change_id desc"
    )


# ==================================================================== evaluations
GRADE_MIX_COUNTS = ("people", "unit_people", "year_grade_people", "year_people")


def grade_mix(store: Store, scope: Scope) -> pd.DataFrame:
    """Columns year, unit, grade, people, and beside each cell the people of its unit in the
    year (unit_people), of its grade in the year over all units (year_grade_people) and of the
    year (year_people); each masked for the reader with its ``_hidden`` flag."""
    return mask_grade_mix(_grade_mix(store, scope), privacy.threshold(store, scope))


def mask_grade_mix(frame: pd.DataFrame, k: int | None) -> pd.DataFrame:
    """The cells of ``grade_mix`` with their totals, masked for ``k`` (the charts complete a
    frame of bare year, unit, grade, people with ``k`` None)."""
    mix = privacy.add_totals(
        frame,
        "people",
        {
            "unit_people": ["year", "unit"],
            "year_grade_people": ["year", "grade"],
            "year_people": ["year"],
        },
    )
    return privacy.mask_counts(mix, GRADE_MIX_COUNTS, k)


def _grade_mix(store: Store, scope: Scope) -> pd.DataFrame:
    return _run(store, "grade_mix", scope)


def evaluation_people(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    scope.require_people()
    return _run(store, "evaluation_people", scope, year=year)


def quota_check(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """Per year and unit: htxsnv, httnv, allowed, exceeded. A hidden count hides what is
    computed from it (allowed from httnv; exceeded from both)."""
    frame = _run(store, "quota_check", scope, year=year)
    frame = privacy.mask_counts(frame, ["htxsnv", "httnv"], privacy.threshold(store, scope))
    frame = privacy.mask_derived(frame, ["allowed"], privacy.hidden_flags(frame, "httnv"))
    return privacy.mask_derived(frame, ["exceeded"], privacy.hidden_flags(frame, "htxsnv", "httnv"))


def score_bands(store: Store, scope: Scope) -> pd.DataFrame:
    """Columns year, band, people, grade_differs (masked for the reader)."""
    frame = _run(store, "score_bands", scope)
    return privacy.mask_counts(frame, ["people", "grade_differs"], privacy.threshold(store, scope))


def service_measures(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """Average on-time share and satisfaction per unit, where files carry them. An average over
    fewer than the reader's threshold of people is hidden with its count."""
    frame = store.df(
        f"""
        select year, unit,
               avg(on_time_rate) as on_time_rate,
               avg(satisfaction) as satisfaction,
               count(on_time_rate) as people_with_on_time,
               count(satisfaction) as people_with_satisfaction
        from staff_evaluations
        where {SCOPE_SQL} and ($year::integer is null or year = $year::integer)
        group by all
        having count(on_time_rate) + count(satisfaction) > 0
        order by year, unit
        """,
        {**scope.params(), "year": year},
    )
    counts = ["people_with_on_time", "people_with_satisfaction"]
    frame = privacy.mask_counts(frame, counts, privacy.threshold(store, scope))
    frame = privacy.mask_derived(
        frame, ["on_time_rate"], privacy.hidden_flags(frame, "people_with_on_time")
    )
    return privacy.mask_derived(
        frame, ["satisfaction"], privacy.hidden_flags(frame, "people_with_satisfaction")
    )


def review_list(store: Store, scope: Scope) -> pd.DataFrame:
    """'Cần xem xét' with reasons: one row per person and reason."""
    scope.require_people()
    frame = store.df(
        f"select * from review_list where {SCOPE_SQL} order by reason_code, unit",
        scope.params(),
    )
    return frame


def evaluation_years(store: Store, scope: Scope) -> list[int]:
    frame = grade_mix(store, scope)
    return sorted({int(y) for y in frame["year"]}) if not frame.empty else []


# ==================================================================== plan
SIX_CLEAR = {
    "clear_who": "Rõ người",
    "clear_what": "Rõ việc",
    "clear_when": "Rõ thời gian",
    "clear_accountability": "Rõ trách nhiệm",
    "clear_deliverable": "Rõ sản phẩm",
    "clear_authority": "Rõ thẩm quyền",
}


def _plan_params(scope: Scope, today: dt.date) -> dict[str, Any]:
    return {
        "wards": list(scope.effective().wards),
        "today": today,
        "clear_labels": list(SIX_CLEAR.values()),  # in the order of the flags in the SQL
    }


def plan_status(
    store: Store, scope: Scope, today: dt.date, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """Tasks with status ('Quá hạn' when past due and not done) and the '6 rõ' flags, in the
    order of each ward's plan; ``limit`` rows from ``offset``: one page (plan_task_status.sql)."""
    params = {**_plan_params(scope, today), "limit": limit, "offset": offset}
    return store.df(_page_sql(sql("plan_status")), params)


def plan_status_size(store: Store, scope: Scope, today: dt.date) -> ListSize:
    """The rows (tasks) of ``plan_status`` before paging."""
    return ListSize(plan_summary(store, scope, today).tasks)


@dataclass(frozen=True)
class PlanSummary:
    """The plan's headline figures in scope: tasks per status (``counts``, with the recurring
    tasks not reported this quarter under 'Chưa báo cáo quý này'), the wards whose plans they
    are, the wards with an overdue task and the longest overdue."""

    tasks: int
    wards: int
    counts: dict[str, int]
    overdue_wards: int
    max_days_overdue: int | None
    missing_clear: int


def plan_summary(store: Store, scope: Scope, today: dt.date) -> PlanSummary:
    rows = store.execute(sql("plan_counts"), _plan_params(scope, today))
    counts = dict.fromkeys(PLAN_STATUS_ORDER, 0)
    total = (0, 0, 0, None, 0)
    overdue_wards = 0
    for status, tasks, wards, not_reported, max_days, missing in rows:
        if status is None:  # the rollup row
            total = (int(tasks), int(wards), int(not_reported), max_days, int(missing))
            continue
        counts[str(status)] = int(tasks)
        if status == "Quá hạn":
            overdue_wards = int(wards)
    return PlanSummary(
        tasks=total[0],
        wards=total[1],
        counts={**counts, "Chưa báo cáo quý này": total[2]},
        overdue_wards=overdue_wards,
        max_days_overdue=None if total[3] is None else int(total[3]),
        missing_clear=total[4],
    )


def plan_wards_size(store: Store, scope: Scope, today: dt.date) -> ListSize:
    """The rows (wards with a plan) of ``plan_wards`` before paging."""
    return ListSize(plan_summary(store, scope, today).wards)


def plan_wards(
    store: Store, scope: Scope, today: dt.date, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """One row per ward: its tasks by status, recurring tasks not reported this quarter, the
    longest overdue and the share done; the wards with the most overdue tasks first."""
    params = {**_plan_params(scope, today), "limit": limit, "offset": offset}
    return store.df(_page_sql(sql("plan_wards")), params)


def plan_by_task(store: Store, scope: Scope, today: dt.date) -> pd.DataFrame:
    """Each task code of the plan × status: how many wards (``wards``) are at that status."""
    return store.df(sql("plan_by_task"), _plan_params(scope, today))


def plan_six_clear(store: Store, scope: Scope, today: dt.date) -> pd.DataFrame:
    """Each criterion of '6 rõ' (in the order of ``SIX_CLEAR``, labelled): the tasks that leave
    it out and the wards they are in."""
    found = store.df(sql("plan_six_clear"), _plan_params(scope, today)).set_index("criterion")
    return pd.DataFrame(
        {
            "criterion": list(SIX_CLEAR),
            "criterion_label": list(SIX_CLEAR.values()),
            "tasks_missing": [int(found["tasks"].get(k, 0)) for k in SIX_CLEAR],
            "wards_missing": [int(found["wards"].get(k, 0)) for k in SIX_CLEAR],
        }
    )


def progress_history(store: Store, scope: Scope, task_code: str | None = None) -> pd.DataFrame:
    """Progress reports, newest first; who reported is a person's name, so a reader who may not
    see people gets it blank."""
    frame = store.df(
        """
        select ward, task_code, report_date, status, percent, deliverable, note, reported_by,
               created_at, import_id is null as entered_in_app
        from progress_reports
        where (len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward))
          and ($task::varchar is null or task_code = $task::varchar)
        order by report_date desc, report_id desc
        """,
        {"wards": list(scope.effective().wards), "task": task_code},
    )
    if not scope.can_see_people:
        frame["reported_by"] = None
    return frame


def add_progress_report(
    store: Store,
    *,
    ward: str,
    task_code: str,
    report_date: dt.date,
    status: str,
    percent: float | None,
    deliverable: str | None,
    note: str | None,
    reported_by: str,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> None:
    """Append a progress report entered in the app; history is never overwritten.

    hr reports on any task (of their own ward when tied to one); a unit head on the tasks their
    unit leads.
    """
    if not (can(actor.role, Action.UPDATE_PLAN) or can(actor.role, Action.REPORT_OWN_PROGRESS)):
        require(actor.role, Action.UPDATE_PLAN)
    if actor.ward is not None and ward != actor.ward:
        raise PermissionDenied(f"Tài khoản này chỉ được báo cáo tiến độ của {actor.ward}.")
    if status not in cat.PLAN_STATUSES:
        raise ValueError(f"Tình trạng không hợp lệ: {status}")
    if percent is not None and not 0 <= percent <= 100:
        raise ValueError("Tỷ lệ hoàn thành phải từ 0 đến 100.")
    if not reported_by.strip():
        raise ValueError("Cần ghi tên người báo cáo.")
    known = store.execute(
        "select lead_unit from plan_tasks where ward = ? and task_code = ? limit 1",
        [ward, task_code],
    )
    if not known:
        raise ValueError(f"Nhiệm vụ {task_code} không có trong kế hoạch của {ward}.")
    if not may_report_progress(actor.role, actor.unit, known[0][0]):
        raise PermissionDenied(
            f"Nhiệm vụ {task_code} do “{known[0][0]}” chủ trì: trưởng đơn vị chỉ báo cáo tiến độ "
            "các nhiệm vụ đơn vị mình chủ trì."
        )
    with store.transaction() as cur:
        cur.execute(
            """
            insert into progress_reports
                (ward, task_code, report_date, status, percent, deliverable, note, reported_by)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                ward,
                task_code,
                report_date,
                status,
                percent,
                deliverable or None,
                note or None,
                reported_by,
            ],
        )
        marts.refresh(cur, only=("plan_tasks",))
    detail = f"{ward}, nhiệm vụ {task_code}: {status}" + (
        f", {percent:g}%" if percent is not None else ""
    )
    audit.record(store, actor.username, actor.role, "plan_update", detail=detail, address=address)


# ==================================================================== data
def data_quality(store: Store, scope: Scope) -> pd.DataFrame:
    scope.require_people()
    return _run(store, "data_quality", scope)


def unmatched_evaluations(store: Store, scope: Scope) -> pd.DataFrame:
    """Evaluation rows not tied to anyone (``staff_id`` null), with the reason in Vietnamese.

    Follows the ward and unit filters (a unit head sees the rows the file puts in their unit).
    """
    scope.require_people()
    params = scope.params()
    return store.df(
        """
        select e.ward, e.year, e.full_name, e.birth_date, e.birth_year, e.unit, e.match_method,
               case e.match_method
                   when 'ambiguous' then 'Khớp với nhiều người trong danh sách'
                   else 'Không tìm thấy trong danh sách cán bộ'
               end as reason,
               i.file_name, e.source_row
        from evaluation_rows as e join imports as i using (import_id)
        where e.staff_id is null
          and (len($wards::varchar[]) = 0 or list_contains($wards::varchar[], e.ward))
          and (len($units::varchar[]) = 0 or list_contains($units::varchar[], e.unit))
        order by e.year desc, i.file_name, e.source_row
        """,
        {"wards": params["wards"], "units": params["units"]},
    )


# Imports a reader may see: of their wards; for a unit head, files with a row of their unit (and
# the plan and progress files of their ward, which list tasks, not people).
_IMPORTS_IN_SCOPE = """
    (len($wards::varchar[]) = 0 or list_has_any(i.wards, $wards::varchar[]))
    and (
        len($units::varchar[]) = 0
        or i.kind in ('plan', 'progress')
        or exists (
            select 1 from roster_rows as r
            where r.import_id = i.import_id and list_contains($units::varchar[], r.unit)
        )
        or exists (
            select 1 from evaluation_rows as e
            where e.import_id = i.import_id and list_contains($units::varchar[], e.unit)
        )
    )
"""


def _import_params(scope: Scope) -> dict[str, Any]:
    effective = scope.effective()
    return {"wards": list(effective.wards), "units": list(effective.units)}


def import_history(store: Store, scope: Scope) -> pd.DataFrame:
    """Accepted imports the reader may see, newest first (a unit head: the warnings count is
    of the warnings about their unit's rows)."""
    scope.require(Action.VIEW_IMPORT_HISTORY)
    frame = store.df(
        f"""
        select import_id, kind, file_name, file_format, sheet, wards, as_of, year, rows_imported,
               json_array_length(warnings) as warnings, imported_at, imported_by, size_bytes, sha256,
               undone_at, undone_by
        from imports as i
        where {_IMPORTS_IN_SCOPE}
        order by import_id desc
        """,
        _import_params(scope),
    )
    if scope.role == "unit_head" and not frame.empty:
        frame["warnings"] = [
            len(import_warnings(store, scope, int(i)).shown) for i in frame["import_id"]
        ]
    return frame


def _import_in_scope(store: Store, scope: Scope, import_id: int) -> bool:
    rows = store.execute(
        f"select 1 from imports as i where import_id = $id and {_IMPORTS_IN_SCOPE}",
        {"id": import_id, **_import_params(scope)},
    )
    return bool(rows)


def import_original(store: Store, scope: Scope, import_id: int) -> tuple[str, bytes] | None:
    """The file as it was received, byte for byte: for roles that may download originals, of
    an import in their scope."""
    scope.require(Action.DOWNLOAD_ORIGINAL)
    if not _import_in_scope(store, scope, import_id):
        return None
    rows = store.execute("select file_name, original from imports where import_id = ?", [import_id])
    return (str(rows[0][0]), bytes(rows[0][1])) if rows else None


@dataclass(frozen=True)
class ImportWarnings:
    """The warnings of one import the reader may read, and how many were held back."""

    shown: list[str]
    hidden: int = 0


def import_warnings(store: Store, scope: Scope, import_id: int) -> ImportWarnings:
    """The warnings an accepted import gave, as the full Vietnamese sentences.

    A unit head reads only the warnings about a row of their own unit (a warning names a person
    and a row); warnings about other rows or the whole file are held back and counted.
    """
    scope.require(Action.VIEW_IMPORT_HISTORY)
    if not _import_in_scope(store, scope, import_id):
        return ImportWarnings([])
    rows = store.execute("select kind, warnings from imports where import_id = ?", [import_id])
    if not rows or rows[0][1] is None:
        return ImportWarnings([])
    kind, items = str(rows[0][0]), json.loads(rows[0][1])
    texts = [str(item.get("text") or item.get("message")) for item in items]
    units = scope.effective().units
    if scope.role != "unit_head" or kind in ("plan", "progress"):
        return ImportWarnings(texts)
    table = "roster_rows" if kind == "roster" else "evaluation_rows"
    own_rows = {
        int(r[0])
        for r in store.execute(
            f"select source_row from {table} where import_id = ? and list_contains(?, unit)",
            [import_id, list(units)],
        )
    }
    shown = [text for item, text in zip(items, texts, strict=True) if item.get("row") in own_rows]
    return ImportWarnings(shown, len(texts) - len(shown))


def filter_options(store: Store, scope: Scope | None = None) -> dict[str, list[str]]:
    """Values the sidebar offers, from the latest roster; with ``scope``, only the wards and
    units that reader may see."""
    params = (scope or Scope()).effective()
    where = (
        "(len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward)) "
        "and (len($units::varchar[]) = 0 or list_contains($units::varchar[], unit))"
    )
    bound = {"wards": list(params.wards), "units": list(params.units)}
    wards = [
        r[0]
        for r in store.execute(f"select distinct ward from staff where {where} order by 1", bound)
    ]
    units_present = [
        r[0]
        for r in store.execute(
            f"select distinct unit from staff where unit is not null and {where}", bound
        )
    ]
    fields_present = [
        r[0]
        for r in store.execute(
            f"select distinct field from staff where field is not null and {where}", bound
        )
    ]
    return {
        "wards": wards,
        "units": [u for u in category_order("unit", units_present) if u in units_present],
        "fields": [f for f in category_order("field", fields_present) if f in fields_present],
        "genders": list(cat.GENDERS),
        "age_bands": list(cat.AGE_BANDS),
    }


# ==================================================================== screens 4-5: evaluations, plan
# Added for pages/4_danh_gia.py and pages/5_ke_hoach.py.
@dataclass(frozen=True)
class EvaluationRules:
    """The editable rules of the evaluation screen (table ``settings``), with their sources."""

    quota_ratio: float
    score_htxsnv: float
    score_httnv: float
    score_htnv: float
    review_khtnv_years: int
    sources: dict[str, str] = field(default_factory=dict)


def evaluation_rules(store: Store, scope: Scope) -> EvaluationRules:
    """Quota ratio, NĐ 335/2025 score thresholds and the KHTNV review window from ``settings``."""
    del scope  # the rules are the same for every reader
    rows = store.df("select key, value, coalesce(legal_source, '') as legal_source from settings")
    values = dict(zip(rows["key"], rows["value"], strict=True))
    return EvaluationRules(
        quota_ratio=float(values["quota_htxsnv_ratio"]),
        score_htxsnv=float(values["score_htxsnv"]),
        score_httnv=float(values["score_httnv"]),
        score_htnv=float(values["score_htnv"]),
        review_khtnv_years=int(values["review_khtnv_years"]),
        sources=dict(zip(rows["key"], rows["legal_source"], strict=True)),
    )


NOT_GRADED = "Không xếp loại"


def grade_people(
    store: Store, scope: Scope, year: int, grade: str | None = None, unit: str | None = None
) -> pd.DataFrame:
    """The people behind one cell of the grade mix (``NOT_GRADED`` for people without a grade)."""
    frame = evaluation_people(store, scope, year)
    if grade is not None:
        frame = frame[frame["grade"].fillna(NOT_GRADED) == grade]
    if unit is not None:
        frame = frame[frame["unit"].fillna(cat.NO_DATA) == unit]
    return frame.reset_index(drop=True)


def score_histogram(store: Store, scope: Scope, year: int, width: float = 5.0) -> pd.DataFrame:
    """Scores of a year counted in bins of ``width`` points: bin_start, bin_end, band, people.

    Aggregates only (any role). People without a score are not in a bin: see ``score_bands``.
    """
    frame = _run(store, "evaluation_scores", scope, year=year, width=width)
    frame = frame[frame["score"].notna()]
    k = privacy.threshold(store, scope)
    if frame.empty:
        empty = pd.DataFrame(columns=["bin_start", "bin_end", "band", "people"])
        return privacy.mask_counts(empty, ["people"], k)
    counts = frame.groupby(["bin_start", "band"]).size().reset_index(name="people")
    counts["bin_end"] = counts["bin_start"] + width
    return privacy.mask_counts(counts[["bin_start", "bin_end", "band", "people"]], ["people"], k)


def score_band_people(store: Store, scope: Scope, year: int, band: str) -> pd.DataFrame:
    """The people whose score of ``year`` falls in ``band`` (``cat.NO_DATA``: no score)."""
    scope.require_people()
    frame = _run(store, "evaluation_scores", scope, year=year, width=5.0)
    return sort_people(frame[frame["band"] == band])


def evaluation_trend(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """Average period score per unit and period: year, period_kind, period_number, unit, score,
    people (the scores averaged). Aggregates only (any role): for a reader who may not see
    people, an average over fewer than the threshold is hidden with its count."""
    frame = _run(store, "evaluation_trend", scope, year=year)
    frame = privacy.mask_counts(frame, ["people"], privacy.threshold(store, scope))
    return privacy.mask_derived(frame, ["score"], privacy.hidden_flags(frame, "people"))


def derived_grades(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """People whose annual result is derived from period scores: year, derived_from (month |
    quarter), people (masked for the reader)."""
    frame = _run(store, "derived_grades", scope, year=year)
    return privacy.mask_counts(frame, ["people"], privacy.threshold(store, scope))


def period_people(store: Store, scope: Scope, year: int) -> pd.DataFrame:
    """The people with period results in ``year`` (staff_id, full_name, unit, position), in
    name order, for picking one."""
    scope.require_people()
    frame = _run(store, "evaluation_period_rows", scope, year=year, staff_id=None)
    people = frame[["staff_id", "full_name", "unit", "position"]].drop_duplicates("staff_id")
    return sort_people(people).reset_index(drop=True)


def person_periods(store: Store, scope: Scope, staff_id: str, year: int) -> pd.DataFrame:
    """One person's period results in ``year``: period_kind, period_number, score, score_band,
    grade (empty when the person is outside the reader's scope)."""
    scope.require_people()
    return _run(store, "evaluation_period_rows", scope, year=year, staff_id=staff_id)


def service_people(store: Store, scope: Scope, year: int) -> pd.DataFrame:
    """Each person's on-time share and satisfaction in ``year``, where the files carry them."""
    frame = evaluation_people(store, scope, year)
    has_measure = frame["on_time_rate"].notna() | frame["satisfaction"].notna()
    return frame[has_measure].reset_index(drop=True)


# Reasons of the review list (view review_list, DOMAIN.md §5), in display order.
REVIEW_REASONS: dict[str, str] = {
    "khtnv": "Xếp loại Không hoàn thành nhiệm vụ",
    "education": "Trình độ đào tạo thấp hơn tiêu chuẩn",
    "major": "Chuyên ngành không phù hợp với vị trí",
}


def review_counts(store: Store, scope: Scope) -> pd.DataFrame:
    """People on the review list per reason (aggregates: any role): reason_code, reason, people."""
    frame = store.df(
        f"""
        select reason_code, count(distinct staff_id) as people
        from review_list
        where {SCOPE_SQL}
        group by reason_code
        """,
        scope.params(),
    )
    found = dict(zip(frame["reason_code"], frame["people"], strict=True))
    counts = pd.DataFrame(
        {
            "reason_code": list(REVIEW_REASONS),
            "reason": list(REVIEW_REASONS.values()),
            "people": [int(found.get(code, 0)) for code in REVIEW_REASONS],
        }
    )
    return privacy.mask_counts(counts, ["people"], privacy.threshold(store, scope))


def review_by_person_size(store: Store, scope: Scope) -> ListSize:
    """The rows (people) of ``review_by_person`` before paging."""
    scope.require_people()
    params = {**scope.params(), "reasons": list(REVIEW_REASONS)}
    return ListSize(int(store.execute(_count_sql(sql("review_by_person")), params)[0][0]))


def review_by_person(
    store: Store, scope: Scope, limit: int | None = None, offset: int = 0
) -> pd.DataFrame:
    """The review list with one row per person and every reason in one cell ("; "), most
    reasons first, then name order (analytics/sql/queries/review_by_person.sql); ``limit``
    rows from ``offset``: one page."""
    scope.require_people()
    frame = store.df(
        _page_sql(sql("review_by_person")),
        {**scope.params(), "reasons": list(REVIEW_REASONS), "limit": limit, "offset": offset},
    )
    frame["reason_count"] = frame["reason_count"].astype("int64")
    return frame


PLAN_STATUS_ORDER: tuple[str, ...] = (
    "Hoàn thành",
    "Đang thực hiện",
    "Quá hạn",
    "Chưa thực hiện",
    "Tạm dừng",
)


def plan_counts(store: Store, scope: Scope, today: dt.date) -> dict[str, int]:
    """Tasks per status (overdue counted as 'Quá hạn' only) and recurring tasks without a report
    in the current quarter ('Chưa báo cáo quý này'), counted in DuckDB (``plan_summary``)."""
    return plan_summary(store, scope, today).counts


# ==================================================================== placements: screen 3
# "Bố trí theo tiêu chuẩn": headline counts, gap details and the standards editor's helpers.
APPLIES_TO: dict[str, str] = {
    "all": "Tất cả CBCC",
    "leader": "Lãnh đạo đơn vị",
    "field": "Theo lĩnh vực",
    "position": "Theo chức vụ",
}
STANDARD_ACTIONS: dict[str, str] = {
    "insert": "Thêm mới",
    "update": "Sửa",
    "deactivate": "Ngừng áp dụng",
    "activate": "Áp dụng lại",
}
STANDARD_FIELD_LABELS: dict[str, str] = {
    "criterion": "Tiêu chí",
    "applies_to": "Áp dụng cho",
    "target": "Đối tượng",
    "required": "Yêu cầu",
    "legal_source": "Căn cứ pháp lý",
    "note": "Ghi chú",
    "active": "Đang áp dụng",
}


@dataclass
class PlacementSummary:
    """Headline counts of the standards check (people, not checks; aggregates: any role).

    A count of fewer than ``threshold`` people is None with its name in ``hidden``; ``gaps``
    (checks, not people) is hidden when fewer than ``threshold`` people have them.
    """

    as_of: dt.date | None
    checked: int | None
    below_standard: int | None
    below_standard_sensitive: int | None
    no_data: int | None
    gaps: int | None
    hidden: set[str] = field(default_factory=set)
    threshold: int | None = None

    def text(self, name: str) -> str:
        """A field as shown: '12', or '< 3' when hidden."""
        return privacy.count_text(getattr(self, name), name in self.hidden, self.threshold)


def placement_summary(store: Store, scope: Scope) -> PlacementSummary:
    """People checked, people below standard (of whom in sensitive fields), people lacking data.

    >>> placement_summary(Store(":memory:"), Scope()).checked
    0
    """
    row = _run(store, "placement_summary", scope).iloc[0]
    k = privacy.threshold(store, scope)
    counts, hidden = privacy.hide_fields(
        {
            "checked": int(row["checked"]),
            "below_standard": int(row["below_standard"]),
            "below_standard_sensitive": int(row["below_standard_sensitive"]),
            "no_data": int(row["no_data"]),
        },
        k,
    )
    gaps: int | None = int(row["gaps"])
    if privacy.is_small(int(row["people_with_gaps"]), k):
        gaps = None
        hidden.add("gaps")
    return PlacementSummary(
        as_of=_date(row["as_of"]), gaps=gaps, hidden=hidden, threshold=k, **counts
    )


def _gap_params(
    scope: Scope, by: str | None, group: str | None, result: str | None
) -> dict[str, Any]:
    scope.require_people()
    if by not in {None, "field", "unit"}:
        raise ValueError(by)
    if result is not None and result not in cat.CHECK_RESULTS:
        raise ValueError(result)
    return {**scope.params(), "by": by, "group": group, "result": result}


def gap_details_size(
    store: Store,
    scope: Scope,
    by: str | None = None,
    group: str | None = None,
    result: str | None = None,
) -> ListSize:
    """The rows and the people of ``gap_details`` before paging."""
    params = _gap_params(scope, by, group, result)
    row = store.execute(_count_sql(sql("gap_details"), "ward || '|' || staff_id"), params)[0]
    return ListSize(int(row[0]), int(row[1]))


def gap_details(
    store: Store,
    scope: Scope,
    by: str | None = None,
    group: str | None = None,
    result: str | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """One row per gap with its reason and legal source, the most severe people first.

    ``by`` ("field" | "unit") and ``group`` keep one bar of ``gap_counts``; ``result`` keeps the
    people whose most severe result it is (one segment of that bar). Rows of a person stay together.
    ``limit`` rows from ``offset``: one page.
    """
    params = _gap_params(scope, by, group, result)
    return store.df(_page_sql(sql("gap_details")), {**params, "limit": limit, "offset": offset})


def standard_targets(store: Store) -> dict[str, list[str]]:
    """What a standard may apply to: fields (table ``fields`` and rosters) and positions held."""
    fields_known = [r[0] for r in store.execute("select field from fields")]
    fields_held = [
        r[0] for r in store.execute("select distinct field from staff where field is not null")
    ]
    present = list(dict.fromkeys([*fields_known, *fields_held]))
    positions = sorted(
        {
            str(r[0])
            for r in store.execute("select distinct position from staff where position is not null")
        },
        key=lambda position: tuple(sort_key(word) for word in position.split()),  # word by word
    )
    return {
        "field": [f for f in category_order("field", present) if f in present],
        "position": positions,
    }


def _clean_standard(store: Store, values: dict[str, Any]) -> dict[str, Any]:
    """The editable values of a standard, checked as a whole row (messages in Vietnamese)."""
    clean: dict[str, Any] = {}
    for key in STANDARD_EDITABLE:
        if key in values:
            value = values[key]
            clean[key] = value.strip() if isinstance(value, str) else value
    for key in ("note", "target"):
        if key in clean and not clean[key]:
            clean[key] = None
    standard_id = values.get("standard_id")
    if standard_id is None:
        current: dict[str, Any] = {}
    else:
        rows = store.df("select * from standards where standard_id = ?", [standard_id])
        if rows.empty:
            raise ValueError(f"Không có tiêu chuẩn số {standard_id}.")
        current = rows.iloc[0].to_dict()
    row = {**current, **clean}
    criterion = row.get("criterion")
    if criterion not in cat.CRITERIA:
        raise ValueError(f"Tiêu chí không hợp lệ: {criterion or '(trống)'}")
    applies_to = row.get("applies_to")
    if applies_to not in APPLIES_TO:
        raise ValueError(f"Đối tượng áp dụng không hợp lệ: {applies_to or '(trống)'}")
    if applies_to in {"field", "position"}:
        target = row.get("target")
        if target is None or pd.isna(target) or not str(target).strip():
            what = "lĩnh vực" if applies_to == "field" else "chức vụ"
            raise ValueError(f"Cần chọn {what} mà tiêu chuẩn áp dụng.")
    elif "applies_to" in clean:
        clean["target"] = None
    required = str(row.get("required") or "").strip()
    if not required:
        raise ValueError("Yêu cầu không được để trống.")
    levels = cat.LEVEL_RANKS.get(str(criterion))
    if levels is not None and required not in levels:
        raise ValueError(
            f"Yêu cầu về {cat.CRITERIA[str(criterion)].lower()} phải là một trong các mức: "
            f"{', '.join(levels)}."
        )
    if not str(row.get("legal_source") or "").strip():
        raise ValueError("Cần ghi căn cứ pháp lý của tiêu chuẩn.")
    return clean


def _describe_value(key: str, value: Any) -> str:
    if value is None or (not isinstance(value, str | bool) and pd.isna(value)) or value == "":
        return "(trống)"
    if key == "active":
        return "Có" if value else "Không"
    if key == "criterion":
        return cat.CRITERIA.get(str(value), str(value))
    if key == "applies_to":
        return APPLIES_TO.get(str(value), str(value))
    return str(value)


def describe_standard(row: dict[str, Any]) -> str:
    """'Trình độ chuyên môn · Tất cả CBCC' or 'Chuyên ngành · Đất đai': which standard it is."""
    criterion = _describe_value("criterion", row.get("criterion"))
    target = row.get("target")
    if target is not None and not (isinstance(target, float) and pd.isna(target)) and target != "":
        return f"{criterion} · {target}"
    return f"{criterion} · {_describe_value('applies_to', row.get('applies_to'))}"


def standards_changes(store: Store) -> pd.DataFrame:
    """The change history of the standards frame, readable: who, when, what changed from what.

    Columns change_id, standard_id, standard, action (Vietnamese), changes, changed_by, changed_at.
    """
    history = standards_history(store)
    rows = []
    for r in history.itertuples():
        before = json.loads(r.before) if r.before else {}
        after = json.loads(r.after) if r.after else {}
        if r.action == "insert":
            parts = [
                f"{STANDARD_FIELD_LABELS[k]}: {_describe_value(k, after.get(k))}"
                for k in STANDARD_FIELD_LABELS
                if after.get(k) not in (None, "")
            ]
        else:
            parts = [
                f"{label}: {_describe_value(k, before.get(k))} → {_describe_value(k, after.get(k))}"
                for k, label in STANDARD_FIELD_LABELS.items()
                if before.get(k) != after.get(k)
            ]
        rows.append(
            {
                "change_id": int(r.change_id),
                "standard_id": int(r.standard_id),
                "standard": describe_standard(after or before),
                "action": STANDARD_ACTIONS.get(str(r.action), str(r.action)),
                "changes": "; ".join(parts) or "Không đổi nội dung",
                "changed_by": r.changed_by,
                "changed_at": r.changed_at,
            }
        )
    columns = ["change_id", "standard_id", "standard", "action", "changes", "changed_by"]
    return pd.DataFrame(rows, columns=[*columns, "changed_at"])


# ==================================================================== exports (analytics/export)
# Added for the snapshot archive: which data an exported file was made from.
def data_version(store: Store) -> tuple[int, int, int]:
    """High-water marks of imports (with their undos and re-imports), progress reports and
    standards edits: changes on every write.

    >>> data_version(Store(":memory:"))
    (0, 0, 0)
    """
    row = store.execute(
        """
        select
            (select coalesce(max(import_id), 0) + coalesce(sum(revision), 0) from imports),
            (select coalesce(max(report_id), 0) from progress_reports),
            (select coalesce(max(change_id), 0) from standards_history)
        """
    )[0]
    return int(row[0]), int(row[1]), int(row[2])


# ==================================================================== screen 2: qualifications
# Added for pages/2_trinh_do.py ("Trình độ đội ngũ"): the summary row, the BM02 table with its
# "Chưa cập nhật" columns, and the people behind one of its cells.
QUALIFICATION_DIMENSIONS: tuple[str, ...] = (
    "education_level",
    "major_group",
    "political_theory",
    "state_management",
    "it_skill",
    "foreign_language",
)
BREAKDOWNS: tuple[str, ...] = ("unit", "age_band", "gender", "party")


def _at_least(levels: tuple[str, ...], lowest: str) -> tuple[str, ...]:
    """The levels of a canonical (highest first) order down to ``lowest``."""
    return levels[: levels.index(lowest) + 1]


# The shares of the summary row: (dimension, label, levels counted). Reporting conventions of
# the ward's quality reports (ĐH+ and LLCT TC+ as on the overview), not legal standards.
QUALIFICATION_SHARES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("education_level", "Chuyên môn đại học trở lên", _at_least(cat.EDUCATION_LEVELS, "Đại học")),
    (
        "political_theory",
        "LLCT trung cấp trở lên",
        _at_least(cat.POLITICAL_THEORY_LEVELS, "Trung cấp"),
    ),
    (
        "state_management",
        "QLNN chuyên viên trở lên",
        _at_least(cat.STATE_MANAGEMENT_LEVELS, "Chuyên viên"),
    ),
    ("it_skill", "Có trình độ, chứng chỉ tin học", _at_least(cat.IT_LEVELS, "Chứng chỉ A")),
    (
        "foreign_language",
        "Có trình độ, chứng chỉ ngoại ngữ",
        _at_least(cat.LANGUAGE_LEVELS, "Chứng chỉ A"),
    ),
)


@dataclass
class QualificationSummary:
    """The summary row: ``shares`` has one row per ``QUALIFICATION_SHARES`` entry with columns
    dimension, label, people, share (None when nobody is in scope), no_data; ``incomplete``
    counts people missing at least one of the six qualification dimensions.

    For a reader who may not see people, a small ``total`` or ``incomplete`` is None with its
    name in ``hidden``; in ``shares`` the counts are masked (``people_hidden``, ``no_data_hidden``)
    and a share of a hidden count, or over a hidden total, too (``share_hidden``).
    """

    as_of: dt.date | None
    total: int | None
    shares: pd.DataFrame
    incomplete: int | None
    hidden: set[str] = field(default_factory=set)
    threshold: int | None = None

    def text(self, name: str) -> str:
        """A count field as shown: '40', or '< 3' when hidden."""
        return privacy.count_text(getattr(self, name), name in self.hidden, self.threshold)


def qualification_summary(store: Store, scope: Scope) -> QualificationSummary:
    selects = ["max(as_of) as as_of", "count(*) as total"]
    params = scope.params()
    for i, (dimension, _, levels) in enumerate(QUALIFICATION_SHARES):
        marks = []
        for j, level in enumerate(levels):
            params[f"q{i}_{j}"] = level
            marks.append(f"$q{i}_{j}")
        selects.append(
            f"count(*) filter (where {dimension} in ({', '.join(marks)})) as {dimension}"
        )
        selects.append(f"count(*) filter (where {dimension} is null) as {dimension}_no_data")
    missing = " or ".join(f"{d} is null" for d in QUALIFICATION_DIMENSIONS)
    selects.append(f"count(*) filter (where {missing}) as incomplete")
    row = store.df(f"select {', '.join(selects)} from staff where {SCOPE_SQL}", params).iloc[0]
    total = int(row["total"])
    k = privacy.threshold(store, scope)
    shares = pd.DataFrame(
        [
            {
                "dimension": dimension,
                "label": label,
                "people": int(row[dimension]),
                "share": _share(int(row[dimension]), total),
                "no_data": int(row[f"{dimension}_no_data"]),
            }
            for dimension, label, _ in QUALIFICATION_SHARES
        ]
    )
    shares = privacy.mask_counts(shares, ["people", "no_data"], k)
    shares = privacy.mask_derived(
        shares,
        ["share"],
        privacy.hidden_flags(shares, "people") | privacy.is_small(total, k),
    )
    counts, hidden = privacy.hide_fields({"total": total, "incomplete": int(row["incomplete"])}, k)
    return QualificationSummary(
        as_of=_date(row["as_of"]), shares=shares, hidden=hidden, threshold=k, **counts
    )


COMPOSITION_TOTAL = "Tổng cộng"
COMPOSITION_HEAD_COUNT = ("Tổng số", "")


def _composition_condition(group: str, label: str, params: dict[str, Any]) -> str:
    """The SQL condition of one column of the BM02 table (``label`` NO_DATA: the column empty).

    Values go into ``params``; the SQL pieces come from ``COMPOSITION_GROUPS`` only.
    """
    if (group, label) == COMPOSITION_HEAD_COUNT:
        return "true"
    for name, column, items in COMPOSITION_GROUPS:
        if name != group:
            continue
        if label == cat.NO_DATA and column:
            return f"coalesce({column}, '{cat.NO_DATA}') = '{cat.NO_DATA}'"
        for item, value in items:
            if item != label:
                continue
            if not column:
                return f"({value})"
            names: list[str] = []
            for part in value.split("|"):
                name = f"cell{len(names)}"
                params[name] = part
                names.append(f"${name}")
            return f"{column} in ({', '.join(names)})"
    raise ValueError(f"không có cột {group!r} · {label!r} trong bảng thống kê")


def composition_report(store: Store, scope: Scope) -> pd.DataFrame:
    """``composition_table`` with a ``cat.NO_DATA`` column closing each group that reads one
    column (Ngạch, Chuyên môn, LLCT, QLNN, Tin học, Ngoại ngữ, Độ tuổi): the people the form's
    columns leave out for lack of data, shown, never dropped. Masked as ``composition_table``."""
    table = _composition_counts(store, scope)
    grouped = [(name, column) for name, column, _ in COMPOSITION_GROUPS if column]
    selects = ", ".join(
        f"count(*) filter (where coalesce({column}, '{cat.NO_DATA}') = '{cat.NO_DATA}') as \"{name}\""
        for name, column in grouped
    )
    missing = store.df(
        f"""
        select coalesce(unit, '{cat.NO_DATA}') as unit, {selects}
        from staff
        where {SCOPE_SQL}
        group by rollup (coalesce(unit, '{cat.NO_DATA}'))
        """,
        scope.params(),
    )
    missing["unit"] = missing["unit"].fillna(COMPOSITION_TOTAL)
    missing = missing.set_index("unit").reindex(table.index).fillna(0)
    columns: list[tuple[str, str]] = []
    values: dict[tuple[str, str], pd.Series] = {}
    for key in table.columns:
        columns.append(key)
        values[key] = table[key]
    for name, _ in grouped:
        last = max(i for i, (group, _) in enumerate(columns) if group == name)
        columns.insert(last + 1, (name, cat.NO_DATA))
        values[(name, cat.NO_DATA)] = missing[name]
    report = pd.DataFrame({key: values[key] for key in columns}, index=table.index)
    report.columns = pd.MultiIndex.from_tuples(columns)
    return mask_table(report.astype(int), privacy.threshold(store, scope))


def composition_people(
    store: Store, scope: Scope, unit: str, group: str, label: str
) -> pd.DataFrame:
    """The people behind one cell of ``composition_report``: ``unit`` is a row (``COMPOSITION_TOTAL``
    for the total row, ``cat.NO_DATA`` for people without a unit), ``(group, label)`` a column."""
    scope.require_people()
    params = scope.params()
    condition = _composition_condition(group, label, params)
    if unit == cat.NO_DATA:
        condition += " and unit is null"
    elif unit != COMPOSITION_TOTAL:
        params["row_unit"] = unit
        condition += " and unit = $row_unit"
    frame = store.df(
        f"""
        select staff_id, full_name, birth_date, birth_year, gender, unit, position, field,
               education_level, major, political_theory, state_management, it_skill,
               foreign_language, party_member, age, age_band, ward, rank_code, ethnicity, religion
        from staff
        where {SCOPE_SQL} and {condition}
        """,
        params,
    )
    return sort_people(frame)


# ==================================================================== screen 6: data (pages/6_du_lieu.py)
QUALITY_GROUPS: tuple[str, ...] = ("Thiếu thông tin", "Không hợp lý", "Trùng lặp")


def data_quality_summary(store: Store, scope: Scope) -> pd.DataFrame:
    """People per data problem of the latest roster: columns problem_group, problem, people.

    Groups in the order of ``QUALITY_GROUPS``, the most frequent problem first within a group.
    """
    frame = data_quality(store, scope)
    if frame.empty:
        return pd.DataFrame({"problem_group": [], "problem": [], "people": []})
    summary = frame.groupby(["problem_group", "problem"], as_index=False)["staff_id"].nunique()
    summary = summary.rename(columns={"staff_id": "people"})
    summary["_group"] = summary["problem_group"].map({g: i for i, g in enumerate(QUALITY_GROUPS)})
    summary = summary.sort_values(["_group", "people", "problem"], ascending=[True, False, True])
    return summary.drop(columns="_group").reset_index(drop=True)


def latest_roster_size(store: Store, scope: Scope) -> int:
    """People in the latest roster in scope (0 before any roster is imported)."""
    rows = store.execute(f"select count(*) from staff where {SCOPE_SQL}", scope.params())
    return int(rows[0][0])
