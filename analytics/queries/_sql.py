"""What every subject module of the query layer shares: the text of a query file with its
macros put in (``sql``), running it in the reader's scope, cutting a list to one page and
counting it, and the dimensions a reader may group or filter people by (the allow-list, with
labels and canonical orders).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

from analytics import categories as cat
from analytics.names import name_order, sort_key
from analytics.scope import SCOPE_SQL, Scope
from analytics.store import Store

# What the package re-exports; the rest (run, page_sql, count_sql, dimension_sql, as_date, share)
# is for the subject modules only.
__all__ = ["DIMENSIONS", "ListSize", "category_order", "sort_people", "sql"]


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


def run(store: Store, name: str, scope: Scope, **extra: Any) -> pd.DataFrame:
    return store.df(sql(name), {**scope.params(), **extra})


def page_sql(text: str) -> str:
    """A list query (ending in its ORDER BY) cut to one page: ``$limit`` rows (null = every row)
    from ``$offset``. A page of a national list costs what its sort costs, not what converting
    200,000 rows to pandas does (issue 9)."""
    return f"{text.rstrip().rstrip(';')}\nlimit $limit offset $offset"


def count_sql(text: str, distinct: str | None = None) -> str:
    """How many rows a list query gives (and, with ``distinct``, how many distinct values)."""
    people = f"count(distinct {distinct})" if distinct else "null"
    return f"select count(*) as n, {people} as people from ({text}) as listed"


@dataclass(frozen=True)
class ListSize:
    """The size of a list before paging: its rows and, for a list of gaps, the people."""

    rows: int
    people: int | None = None


def as_date(value: Any) -> dt.date | None:
    if value is None or pd.isna(value):
        return None
    return pd.Timestamp(value).date()


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


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


def dimension_sql(name: str) -> str:
    if name not in DIMENSIONS:
        raise ValueError(f"unknown dimension {name!r}")
    return f"coalesce({_EXPRESSIONS.get(name, name)}, '{cat.NO_DATA}')"


def category_order(name: str, present: list[str] | None = None) -> list[str]:
    """The canonical order of a dimension, values not in the canon after it, no data last."""
    order = list(dict.fromkeys(v for v in DIMENSIONS[name][1] if v != cat.NO_DATA))
    known = {*order, cat.NO_DATA}
    extra = sorted({str(v) for v in (present or []) if v is not None and v not in known})
    return [*order, *extra, cat.NO_DATA]  # unique: pd.Categorical refuses repeats


def sort_people(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows in Vietnamese name order (tên, đệm, họ)."""
    if frame.empty or "full_name" not in frame:
        return frame.reset_index(drop=True)
    keys = frame["full_name"].astype(str).map(sort_key)  # one key per row, no row indexing
    order = sorted(range(len(keys)), key=keys.tolist().__getitem__)
    return frame.iloc[order].reset_index(drop=True)
