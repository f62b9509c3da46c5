"""Screen 2, "Trình độ đội ngũ" (pages/2_trinh_do.py): people counted by a qualification
dimension (and a breakdown), the summary row, the official BM02 composition table with its
"Chưa cập nhật" columns, and the people behind one of its counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

from analytics import categories as cat
from analytics import privacy
from analytics.queries._sql import (
    ListSize,
    as_date,
    category_order,
    count_sql,
    dimension_sql,
    page_sql,
    share,
    sql,
)
from analytics.scope import SCOPE_SQL, Scope
from analytics.store import Store

DISTRIBUTION_COUNTS = ("people", "group_total", "category_total", "total")


# "Chưa cập nhật" columns, and the people behind one of its cells.
# The six qualification dimensions and, for each, the data problem a person missing it is listed
# under (screen 6): Trình độ's "Thiếu thông tin trình độ" counts exactly the people these list.
QUALIFICATION_MISSING: dict[str, str] = {
    "education_level": "Thiếu trình độ chuyên môn",
    "major_group": "Thiếu chuyên ngành đào tạo",
    "political_theory": "Thiếu lý luận chính trị",
    "state_management": "Thiếu trình độ quản lý nhà nước",
    "it_skill": "Thiếu trình độ tin học",
    "foreign_language": "Thiếu trình độ ngoại ngữ",
}
QUALIFICATION_DIMENSIONS: tuple[str, ...] = tuple(QUALIFICATION_MISSING)


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


COMPOSITION_TOTAL = "Tổng cộng"


COMPOSITION_HEAD_COUNT = ("Tổng số", "")


def distribution(store: Store, scope: Scope, dimension: str, by: str | None = None) -> pd.DataFrame:
    """People counted by ``dimension`` (and ``by``): columns category, group, people.

    The no-data bucket appears as ``cat.NO_DATA``; categories come in canonical order. Beside
    each cell: ``share`` (of its group; without ``by``, of everyone), ``group_total`` (people of
    the group), ``category_total`` (of the category over all groups), ``total`` and
    ``category_share`` (category_total / total), each masked for the reader with its
    ``<column>_hidden`` flag (``analytics.privacy``).
    """
    column = dimension_sql(dimension)
    group = dimension_sql(by) if by else "''"
    text = sql("distribution").replace("{{category}}", column).replace("{{group}}", group)
    frame = store.df(text, scope.params())
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


# The people behind a count (Trình độ's lists), in name order; a BM02 cell adds its columns.
_PEOPLE_COLUMNS = """staff_id, full_name, birth_date, birth_year, gender, unit, position, field,
       education_level, major, political_theory, state_management, it_skill,
       foreign_language, party_member, age, age_band, ward"""


def _people_sql(condition: str, extra_columns: str = "") -> str:
    return (
        f"select {_PEOPLE_COLUMNS}{extra_columns} from staff "
        f"where {SCOPE_SQL}{condition} order by name_sort, staff_id"
    )


def _people_query(scope: Scope, where: dict[str, str] | None) -> tuple[str, dict[str, Any]]:
    """The people behind a count: ``where`` maps dimensions (the allow-list) to a value."""
    scope.require_people()
    clauses = []
    params = scope.params()
    for i, (name, value) in enumerate((where or {}).items()):
        clauses.append(f"{dimension_sql(name)} = $v{i}")
        params[f"v{i}"] = value
    extra = "".join(f" and {c}" for c in clauses)
    return _people_sql(extra), params


def people_size(store: Store, scope: Scope, where: dict[str, str] | None = None) -> ListSize:
    """The people of ``people`` before paging."""
    text, params = _people_query(scope, where)
    return ListSize(int(store.execute(count_sql(text), params)[0][0]))


def people(
    store: Store,
    scope: Scope,
    where: dict[str, str] | None = None,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """The people behind a count: ``where`` maps dimensions to a value (NO_DATA for empty), in
    name order; ``limit`` rows from ``offset``: one page."""
    text, params = _people_query(scope, where)
    return store.df(page_sql(text), {**params, "limit": limit, "offset": offset})


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
                "share": share(int(row[dimension]), total),
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
        as_of=as_date(row["as_of"]), shares=shares, hidden=hidden, threshold=k, **counts
    )


def composition_table(
    store: Store, scope: Scope, by: Literal["unit", "ward"] = "unit"
) -> pd.DataFrame:
    """The official composition table (BM02/BNV): units (``by="ward"``: wards, the city's form)
    as rows, column groups as a MultiIndex.

    Values are counts of people; the last row is the total. For a reader who may not see
    people, a cell of fewer than the threshold is NaN (``mask_table``; no count is missing
    otherwise) and ``privacy.frame_threshold`` gives the threshold.
    """
    return mask_table(_composition_counts(store, scope, by), privacy.threshold(store, scope))


def mask_table(table: pd.DataFrame, k: int | None) -> pd.DataFrame:
    """A wide table of counts (every cell a count of people) with its small cells NaN: the
    form of the BM02 table, which has no room for flag columns."""
    if k is None:
        return table
    masked = table.astype(float).mask(table.map(lambda n: privacy.is_small(n, k)))
    return privacy.with_threshold(masked, k)


def _composition_counts(
    store: Store, scope: Scope, by: Literal["unit", "ward"] = "unit"
) -> pd.DataFrame:
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
    # the rows' column: a fixed choice of two, never user input
    row_sql = f"coalesce(unit, '{cat.NO_DATA}')" if by == "unit" else "ward"
    frame = store.df(
        f"""
        select {row_sql} as unit, {body}
        from staff
        where {SCOPE_SQL}
        group by rollup ({row_sql})
        """,
        params,
    )
    frame["unit"] = frame["unit"].fillna("Tổng cộng")
    rows = frame["unit"].tolist()
    listed = (
        category_order("unit", rows)
        if by == "unit"
        else sorted(r for r in rows if r != "Tổng cộng")
    )
    order = [*listed, "Tổng cộng"]
    frame["_order"] = frame["unit"].map({u: i for i, u in enumerate(order)})
    frame = frame.sort_values("_order").drop(columns="_order").set_index("unit")
    frame.index.name = "Đơn vị" if by == "unit" else "Phường/xã"
    frame.columns = pd.MultiIndex.from_tuples(columns)
    return frame.astype(int)


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


def _composition_people_query(
    scope: Scope, unit: str, group: str, label: str
) -> tuple[str, dict[str, Any]]:
    scope.require_people()
    params = scope.params()
    condition = _composition_condition(group, label, params)
    if unit == cat.NO_DATA:
        condition += " and unit is null"
    elif unit != COMPOSITION_TOTAL:
        params["row_unit"] = unit
        condition += " and unit = $row_unit"
    return _people_sql(f" and {condition}", ", rank_code, ethnicity, religion"), params


def composition_people_size(
    store: Store, scope: Scope, unit: str, group: str, label: str
) -> ListSize:
    """The people of ``composition_people`` before paging."""
    text, params = _composition_people_query(scope, unit, group, label)
    return ListSize(int(store.execute(count_sql(text), params)[0][0]))


def composition_people(
    store: Store,
    scope: Scope,
    unit: str,
    group: str,
    label: str,
    limit: int | None = None,
    offset: int = 0,
) -> pd.DataFrame:
    """The people behind one cell of ``composition_report``: ``unit`` is a row (``COMPOSITION_TOTAL``
    for the total row, ``cat.NO_DATA`` for people without a unit), ``(group, label)`` a column;
    in name order, ``limit`` rows from ``offset``: one page."""
    text, params = _composition_people_query(scope, unit, group, label)
    return store.df(page_sql(text), {**params, "limit": limit, "offset": offset})
