"""The query layer: every figure a page or an export shows comes from a function here.

Each function takes a ``Store`` and the reader's ``Scope``; SQL lives in ``analytics/sql/queries``
and filters only through the ``in_scope`` macro. Column names chosen in the UI pass an allow-list.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

from analytics import categories as cat
from analytics.names import sort_key
from analytics.scope import SCOPE_SQL, Scope
from analytics.store import Store


@cache
def sql(name: str) -> str:
    """The text of ``analytics/sql/queries/<name>.sql`` with the scope filter put in."""
    text = resources.files("analytics.sql").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")
    return text.replace("{{scope}}", SCOPE_SQL)


def _run(store: Store, name: str, scope: Scope, **extra: Any) -> pd.DataFrame:
    return store.df(sql(name), {**scope.params(), **extra})


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
    order = list(DIMENSIONS[name][1])
    extra = sorted(v for v in (present or []) if v not in order and v != cat.NO_DATA)
    return [*order, *extra, cat.NO_DATA]


# ==================================================================== overview
@dataclass
class Overview:
    """Headline figures of the latest snapshot and the change since the previous one."""

    as_of: dt.date | None
    previous_as_of: dt.date | None
    head_count: int
    university_share: float | None
    political_theory_share: float | None
    below_standard: int
    below_standard_sensitive: int
    no_data: int
    previous: dict[str, float | int | None] = field(default_factory=dict)
    evaluation_year: int | None = None
    grade_counts: dict[str, int] = field(default_factory=dict)
    plan_counts: dict[str, int] = field(default_factory=dict)
    last_import: dt.datetime | None = None

    def delta(self, name: str) -> float | None:
        before = self.previous.get(name)
        now = getattr(self, name)
        if before is None or now is None:
            return None
        return float(now) - float(before)


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def overview(store: Store, scope: Scope, today: dt.date) -> Overview:
    metrics = _run(store, "snapshot_metrics", scope)
    rows = {int(r.snapshot_rank): r for r in metrics.itertuples()}
    latest = rows.get(1)
    prev = rows.get(2)

    def figures(r: Any) -> dict[str, Any]:
        return {
            "head_count": int(r.head_count),
            "university_share": _share(int(r.university), int(r.head_count)),
            "political_theory_share": _share(int(r.political_theory_tc), int(r.head_count)),
            "below_standard": int(r.below_standard),
            "below_standard_sensitive": int(r.below_standard_sensitive),
            "no_data": int(r.no_data),
        }

    now = figures(latest) if latest is not None else {
        "head_count": 0,
        "university_share": None,
        "political_theory_share": None,
        "below_standard": 0,
        "below_standard_sensitive": 0,
        "no_data": 0,
    }
    result = Overview(
        as_of=_date(latest.as_of) if latest is not None else None,
        previous_as_of=_date(prev.as_of) if prev is not None else None,
        previous=figures(prev) if prev is not None else {},
        **now,
    )
    mix = grade_mix(store, scope)
    if not mix.empty:
        year = int(scope.year or mix["year"].max())
        result.evaluation_year = year
        in_year = mix[mix["year"] == year]
        result.grade_counts = {str(g): int(n) for g, n in in_year.groupby("grade")["people"].sum().items()}
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
def distribution(store: Store, scope: Scope, dimension: str, by: str | None = None) -> pd.DataFrame:
    """People counted by ``dimension`` (and ``by``): columns category, group, people.

    The no-data bucket appears as ``cat.NO_DATA``; categories come in canonical order.
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
    return frame.sort_values(["category", "group"]).reset_index(drop=True)


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
        """,
        params,
    )
    return sort_people(frame)


def sort_people(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in Vietnamese name order (tên, đệm, họ)."""
    if frame.empty or "full_name" not in frame:
        return frame.reset_index(drop=True)
    order = sorted(range(len(frame)), key=lambda i: sort_key(str(frame["full_name"].iat[i])))
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
        (("TS", "Tiến sĩ"), ("ThS", "Thạc sĩ"), ("ĐH", "Đại học"), ("CĐ", "Cao đẳng"), ("TC", "Trung cấp"), ("SC", "Sơ cấp")),
    ),
    (
        "Lý luận chính trị",
        "political_theory",
        (("Cử nhân", "Cử nhân"), ("CC", "Cao cấp"), ("TC", "Trung cấp"), ("SC", "Sơ cấp")),
    ),
    (
        "Quản lý nhà nước",
        "state_management",
        (("CVCC", "Chuyên viên cao cấp"), ("CVC", "Chuyên viên chính"), ("CV", "Chuyên viên"), ("Cán sự", "Cán sự")),
    ),
    (
        "Tin học",
        "it_skill",
        (("ĐH trở lên", "Đại học trở lên"), ("CĐ, TC", "Cao đẳng|Trung cấp"), ("Chứng chỉ", "Nâng cao|Cơ bản|Chứng chỉ C|Chứng chỉ B|Chứng chỉ A")),
    ),
    (
        "Ngoại ngữ",
        "foreign_language",
        (("ĐH trở lên", "Đại học trở lên"), ("Bậc 3 trở lên", "Bậc 6 (C2)|Bậc 5 (C1)|Bậc 4 (B2)|Bậc 3 (B1)"), ("Chứng chỉ khác", "Bậc 2 (A2)|Bậc 1 (A1)|Chứng chỉ C|Chứng chỉ B|Chứng chỉ A")),
    ),
    ("Độ tuổi", "age_band", tuple((band, band) for band in cat.AGE_BANDS)),
)


def composition_table(store: Store, scope: Scope) -> pd.DataFrame:
    """The official composition table (BM02/BNV): units as rows, column groups as a MultiIndex.

    Values are counts of people; the last row is the total.
    """
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
            selects.append(f"count(*) filter (where {condition}) as \"{group}|{label}\"")
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


def gap_matrix(checks: pd.DataFrame) -> pd.DataFrame:
    """People × criteria with the result in each cell, the most severe people first."""
    if checks.empty:
        return pd.DataFrame()
    matrix = checks.pivot_table(
        index=["staff_id", "full_name", "unit", "field", "sensitive"],
        columns="criterion_label",
        values="result",
        aggfunc="first",
    )
    labels = [label for label in cat.CRITERIA.values() if label in matrix.columns]
    matrix = matrix[labels].fillna("—")
    severity = checks.groupby("staff_id")["severity"].agg(["max", "sum"])
    matrix = matrix.reset_index()
    matrix["_max"] = matrix["staff_id"].map(severity["max"])
    matrix["_sum"] = matrix["staff_id"].map(severity["sum"])
    matrix = matrix.sort_values(["_max", "_sum", "sensitive"], ascending=False)
    return matrix.drop(columns=["_max", "_sum"]).reset_index(drop=True)


def gap_counts(store: Store, scope: Scope, by: str) -> pd.DataFrame:
    """Counts of people with a gap, by field or unit and result (aggregates: any role)."""
    if by not in {"field", "unit"}:
        raise ValueError(by)
    return store.df(
        f"""
        select coalesce({by}, '{cat.NO_DATA}') as "group", result,
               count(distinct staff_id) as people, bool_or(sensitive) as sensitive
        from placement_gaps
        where {SCOPE_SQL}
        group by all
        order by people desc
        """,
        scope.params(),
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


STANDARD_EDITABLE = ("required", "legal_source", "note", "active", "target", "applies_to", "criterion")


def save_standard(store: Store, values: dict[str, Any], changed_by: str) -> int:
    """Insert (no ``standard_id``) or update a standard; every change kept with who and when."""
    if not changed_by.strip():
        raise ValueError("Cần ghi tên người sửa.")
    clean = {k: values[k] for k in STANDARD_EDITABLE if k in values}
    if "required" in clean and not str(clean["required"] or "").strip():
        raise ValueError("Yêu cầu không được để trống.")
    if clean.get("criterion") and clean["criterion"] not in cat.CRITERIA:
        raise ValueError(f"Tiêu chí không hợp lệ: {clean['criterion']}")
    with store.transaction() as cur:
        standard_id = values.get("standard_id")
        if standard_id is None:
            if not clean.get("legal_source"):
                raise ValueError("Cần ghi căn cứ pháp lý của tiêu chuẩn.")
            names = ", ".join(clean)
            marks = ", ".join("?" for _ in clean)
            row = cur.execute(
                f"insert into standards ({names}, updated_by) values ({marks}, ?) returning standard_id",
                [*clean.values(), changed_by],
            ).fetchone()
            standard_id = int(row[0])
            before = None
            action = "insert"
        else:
            before_df = cur.execute("select * from standards where standard_id = ?", [standard_id]).df()
            if before_df.empty:
                raise ValueError(f"Không có tiêu chuẩn số {standard_id}.")
            before = before_df.iloc[0].to_dict()
            sets = ", ".join(f"{k} = ?" for k in clean)
            cur.execute(
                f"update standards set {sets}, updated_at = current_timestamp, updated_by = ? where standard_id = ?",
                [*clean.values(), changed_by, standard_id],
            )
            action = "update"
        after = cur.execute("select * from standards where standard_id = ?", [standard_id]).df().iloc[0].to_dict()
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
    return int(standard_id)


def standards_history(store: Store) -> pd.DataFrame:
    return store.df(
        "select change_id, standard_id, action, before, after, changed_by, changed_at "
        "from standards_history order by change_id desc"
    )


# ==================================================================== evaluations
def grade_mix(store: Store, scope: Scope) -> pd.DataFrame:
    """Columns year, unit, grade, people."""
    return _run(store, "grade_mix", scope)


def evaluation_people(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    scope.require_people()
    return sort_people(_run(store, "evaluation_people", scope, year=year))


def quota_check(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    return _run(store, "quota_check", scope, year=year)


def score_bands(store: Store, scope: Scope) -> pd.DataFrame:
    return _run(store, "score_bands", scope)


def service_measures(store: Store, scope: Scope, year: int | None = None) -> pd.DataFrame:
    """Average on-time share and satisfaction per unit, where files carry them."""
    return store.df(
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


def plan_status(store: Store, scope: Scope, today: dt.date) -> pd.DataFrame:
    """Tasks with status ('Quá hạn' when past due and not done) and the '6 rõ' flags."""
    frame = store.df(sql("plan_status"), {"wards": list(scope.wards), "today": today})
    if not frame.empty:
        frame["missing_clear"] = frame.apply(
            lambda r: ", ".join(label for key, label in SIX_CLEAR.items() if not r[key]), axis=1
        )
    return frame


def progress_history(store: Store, scope: Scope, task_code: str | None = None) -> pd.DataFrame:
    return store.df(
        """
        select ward, task_code, report_date, status, percent, deliverable, note, reported_by,
               created_at, import_id is null as entered_in_app
        from progress_reports
        where (len($wards::varchar[]) = 0 or list_contains($wards::varchar[], ward))
          and ($task::varchar is null or task_code = $task::varchar)
        order by report_date desc, report_id desc
        """,
        {"wards": list(scope.wards), "task": task_code},
    )


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
) -> None:
    """Append a progress report entered in the app; history is never overwritten."""
    if status not in cat.PLAN_STATUSES:
        raise ValueError(f"Tình trạng không hợp lệ: {status}")
    if percent is not None and not 0 <= percent <= 100:
        raise ValueError("Tỷ lệ hoàn thành phải từ 0 đến 100.")
    if not reported_by.strip():
        raise ValueError("Cần ghi tên người báo cáo.")
    known = store.execute(
        "select 1 from plan_task_rows where ward = ? and task_code = ? limit 1", [ward, task_code]
    )
    if not known:
        raise ValueError(f"Nhiệm vụ {task_code} không có trong kế hoạch của {ward}.")
    with store.transaction() as cur:
        cur.execute(
            """
            insert into progress_reports
                (ward, task_code, report_date, status, percent, deliverable, note, reported_by)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [ward, task_code, report_date, status, percent, deliverable or None, note or None, reported_by],
        )


# ==================================================================== data
def data_quality(store: Store, scope: Scope) -> pd.DataFrame:
    scope.require_people()
    return _run(store, "data_quality", scope)


def unmatched_evaluations(store: Store, scope: Scope) -> pd.DataFrame:
    scope.require_people()
    return store.df(
        """
        select e.ward, e.year, e.full_name, e.birth_date, e.birth_year, e.match_method,
               i.file_name, e.source_row
        from evaluation_rows as e join imports as i using (import_id)
        where e.staff_id is null
          and (len($wards::varchar[]) = 0 or list_contains($wards::varchar[], e.ward))
        order by e.year desc, i.file_name, e.source_row
        """,
        {"wards": list(scope.wards)},
    )


def import_history(store: Store) -> pd.DataFrame:
    return store.df(
        """
        select import_id, kind, file_name, file_format, sheet, wards, as_of, year, rows_imported,
               json_array_length(warnings) as warnings, imported_at, imported_by, size_bytes, sha256
        from imports
        order by import_id desc
        """
    )


def import_original(store: Store, import_id: int) -> tuple[str, bytes] | None:
    rows = store.execute("select file_name, original from imports where import_id = ?", [import_id])
    return (str(rows[0][0]), bytes(rows[0][1])) if rows else None


def filter_options(store: Store) -> dict[str, list[str]]:
    """Values the sidebar offers, from the latest roster."""
    wards = [r[0] for r in store.execute("select distinct ward from staff order by ward")]
    units_present = [r[0] for r in store.execute("select distinct unit from staff where unit is not null")]
    fields_present = [r[0] for r in store.execute("select distinct field from staff where field is not null")]
    return {
        "wards": wards,
        "units": [u for u in category_order("unit", units_present) if u in units_present],
        "fields": [f for f in category_order("field", fields_present) if f in fields_present],
        "genders": list(cat.GENDERS),
        "age_bands": list(cat.AGE_BANDS),
    }
