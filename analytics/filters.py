"""The filters, declared once: every place that shows, reads or writes a filter reads ``FILTERS``.

One ``FilterSpec`` names a filter's ``Scope`` field, its sidebar widget key, its URL parameter
(``?don_vi=…&nam=2025``), its command-line flag (``--unit``), its Vietnamese label (sidebar and the
description printed on exports), the ``filter_options`` list it chooses from, its named SQL
parameter and its part of an export's file name. The URL parameters and flags are public
contracts (README): extend the tuple, never rename an entry.

    >>> [f.param for f in FILTERS]
    ['tinh', 'phuong', 'don_vi', 'linh_vuc', 'gioi_tinh', 'do_tuoi', 'nhay_cam', 'nam']
    >>> to_query({"units": ("Phòng Văn hóa – Xã hội",), "year": 2025})
    {'don_vi': ['Phòng Văn hóa – Xã hội'], 'nam': '2025'}

This module imports neither Streamlit nor ``analytics.scope`` (the scope reads it).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from analytics.store import Store

Kind = Literal["many", "one", "flag", "year"]
Value = tuple[str, ...] | str | bool | int | None


@dataclass(frozen=True)
class FilterSpec:
    """One filter. ``kind``: ``many`` (a list of values), ``one`` (one value or none), ``flag``
    (on or off), ``year`` (an evaluation year or none)."""

    field: str  # attribute of analytics.scope.Scope
    key: str  # sidebar widget key (session state)
    param: str  # URL parameter
    flag: str  # command-line flag of ``python -m analytics export``
    label: str  # Vietnamese, for the sidebar and the export description
    kind: Kind = "many"
    options: str | None = None  # key of queries.filter_options() the values come from
    sql: str | None = None  # named parameter of the in_scope SQL macro (analytics.scope.SCOPE_SQL)
    plural: str | None = None  # file-name part for several values ('2-don-vi'); None: not named

    @property
    def empty(self) -> Value:
        return {"many": (), "one": None, "flag": False, "year": None}[self.kind]

    def from_url(self, raw: Sequence[str], allowed: Iterable[object] | None = None) -> Value:
        """The URL's values of this filter, kept only when ``allowed`` offers them."""
        permitted = None if allowed is None else set(allowed)
        if self.kind == "flag":
            return bool(raw) and raw[-1] == "1"
        if self.kind == "year":
            year = int(raw[-1]) if raw and raw[-1].isdigit() else None
            return year if permitted is None or year in permitted else None
        values = tuple(v for v in raw if permitted is None or v in permitted)
        if self.kind == "one":
            return values[-1] if values else None
        return values

    def to_url(self, value: Value) -> str | list[str] | None:
        """This filter's part of the query string (None: left out)."""
        if not value:
            return None
        if self.kind == "many":
            return list(value)  # type: ignore[arg-type]
        if self.kind == "flag":
            return "1"
        return str(value)

    def text(self, value: Value) -> str | None:
        """This filter in the description printed on exports and captions (None: not set)."""
        if not value:
            return None
        if self.kind == "flag":
            return self.label
        if self.kind == "many":
            return f"{self.label}: {', '.join(value)}"  # type: ignore[arg-type]
        return f"{self.label}: {value}"

    def slug(self, value: Value) -> str | None:
        """This filter's part of an export's file name (ASCII, no spaces; None: not named)."""
        if not value or self.plural is None:
            return None
        if self.kind == "flag":
            return self.plural
        if self.kind == "year":
            return f"{self.plural}-{value}"
        if self.kind == "one":
            return slug(str(value))
        values: tuple[str, ...] = value  # type: ignore[assignment]
        return slug(values[0]) if len(values) == 1 else f"{len(values)}-{self.plural}"


PROVINCE = FilterSpec(
    "province", "f_province", "tinh", "--province", "Tỉnh/thành phố", kind="one", plural="tinh"
)
WARDS = FilterSpec("wards", "f_ward", "phuong", "--ward", "Phường/xã", options="wards", sql="wards")
UNITS = FilterSpec(
    "units", "f_unit", "don_vi", "--unit", "Đơn vị", options="units", sql="units", plural="don-vi"
)
FIELDS = FilterSpec(
    "fields", "f_field", "linh_vuc", "--field", "Lĩnh vực",
    options="fields", sql="fields", plural="linh-vuc",
)  # fmt: skip
GENDERS = FilterSpec(
    "genders", "f_gender", "gioi_tinh", "--gender", "Giới tính",
    options="genders", sql="genders", plural="gioi-tinh",
)  # fmt: skip
AGE_BANDS = FilterSpec(
    "age_bands", "f_age", "do_tuoi", "--age-band", "Độ tuổi",
    options="age_bands", sql="age_bands", plural="do-tuoi",
)  # fmt: skip
SENSITIVE = FilterSpec(
    "sensitive_only", "f_sensitive", "nhay_cam", "--sensitive-only", "Chỉ lĩnh vực nhạy cảm",
    kind="flag", sql="sensitive_only", plural="nhay-cam",
)  # fmt: skip
YEAR = FilterSpec("year", "f_year", "nam", "--year", "Năm đánh giá", kind="year", plural="nam")

# In the order of the sidebar, the description and the file name. The ward is not in the file
# name's filters: the name already says whose file it is (analytics.export.content.ward_name).
FILTERS: tuple[FilterSpec, ...] = (
    PROVINCE,
    WARDS,
    UNITS,
    FIELDS,
    GENDERS,
    AGE_BANDS,
    SENSITIVE,
    YEAR,
)
BY_FIELD = {f.field: f for f in FILTERS}

# Above this many wards the sidebar asks for the province or city first (issue 9).
WARD_GROUPING_THRESHOLD = 30
UNKNOWN_PROVINCE = "Chưa rõ tỉnh/thành phố"


# ==================================================================== URL
def from_query(
    get_all: Callable[[str], Sequence[str]],
    options: Mapping[str, Sequence[object]],
    years: Iterable[int] = (),
    provinces: Iterable[str] = (),
) -> dict[str, Value]:
    """The URL's filters by ``Scope`` field, each kept only when the reader's options offer it
    (``get_all(param)``: the URL's values of one parameter). Filters the URL leaves out are left
    out of the result."""
    allowed: dict[str, Iterable[object]] = {"year": list(years), "province": list(provinces)}
    found: dict[str, Value] = {}
    for spec in FILTERS:
        raw = list(get_all(spec.param))
        if not raw:
            continue
        permitted = options[spec.options] if spec.options else allowed.get(spec.field)
        value = spec.from_url(raw, permitted)
        if value:
            found[spec.field] = value
    return found


def to_query(values: Mapping[str, Value]) -> dict[str, str | list[str]]:
    """The query string of ``values`` (by ``Scope`` field); filters not set are left out."""
    wanted: dict[str, str | list[str]] = {}
    for spec in FILTERS:
        part = spec.to_url(values.get(spec.field))
        if part is not None:
            wanted[spec.param] = part
    return wanted


# ==================================================================== description, file name
def describe(values: Mapping[str, Value]) -> str:
    """The filters in Vietnamese, for exports and captions."""
    parts = [t for spec in FILTERS if (t := spec.text(values.get(spec.field)))]
    return "; ".join(parts) if parts else "Toàn bộ (không lọc)"


def file_name_part(values: Mapping[str, Value]) -> str:
    """The filters in a file name: 'phong-van-hoa-xa-hoi', '2-don-vi', 'nhay-cam', 'nam-2025'."""
    return "_".join(p for spec in FILTERS if (p := spec.slug(values.get(spec.field))))


def slug(text: str) -> str:
    """ASCII file-name part: 'Phường Việt Hòa' -> 'phuong-viet-hoa'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "phuong"


# ==================================================================== SQL
def sql_params(values: Mapping[str, Value]) -> dict[str, Any]:
    """Named parameters of the ``in_scope`` SQL macro (lists, not tuples, for DuckDB)."""
    return {
        spec.sql: list(v) if isinstance(v := values.get(spec.field, spec.empty), tuple) else v
        for spec in FILTERS
        if spec.sql
    }


# ==================================================================== command line
def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The filter flags of ``python -m analytics export`` (``--ward``, ``--unit``, …)."""
    for spec in FILTERS:
        help_text = spec.label[0].lower() + spec.label[1:]
        if spec.kind == "many":
            parser.add_argument(
                spec.flag, action="append", default=[], dest=spec.field,
                help=f"{help_text} (lặp lại được)",
            )  # fmt: skip
        elif spec.kind == "flag":
            parser.add_argument(spec.flag, action="store_true", dest=spec.field, help=help_text)
        elif spec.kind == "year":
            parser.add_argument(spec.flag, type=int, dest=spec.field, help=help_text)
        else:
            parser.add_argument(spec.flag, dest=spec.field, help=help_text)


def from_arguments(args: argparse.Namespace) -> dict[str, Value]:
    """The filters of parsed ``add_arguments`` flags, by ``Scope`` field."""
    values: dict[str, Value] = {}
    for spec in FILTERS:
        value = getattr(args, spec.field)
        values[spec.field] = tuple(value) if spec.kind == "many" else value
    return values


def unknown_values(
    values: Mapping[str, Value],
    options: Mapping[str, Sequence[object]],
    provinces: Iterable[str] = (),
) -> list[tuple[FilterSpec, list[str], list[str]]]:
    """(filter, values not offered, values offered) for each filter given a value the data does
    not hold; the command line refuses those."""
    offered = {"province": sorted(set(provinces), key=lambda p: (slug(p), p))}
    found = []
    for spec in FILTERS:
        if spec.kind not in ("many", "one"):
            continue
        allowed = [str(v) for v in (options[spec.options] if spec.options else offered[spec.field])]
        given = values.get(spec.field)
        chosen = [given] if isinstance(given, str) else list(given or ())  # type: ignore[arg-type]
        unknown = [str(v) for v in chosen if v not in allowed]
        if unknown:
            found.append((spec, unknown, allowed))
    return found


# ==================================================================== province of a ward
def ward_provinces(store: Store) -> dict[str, str]:
    """ward -> province or city, from whatever the database holds: the ``province`` column of
    the ``staff`` view (a roster column "Tỉnh/thành phố"), and for the wards whose rosters leave
    it empty the reference table ``ward_provinces(ward, province)`` (migration 008 seeds Hải
    Phòng's 114 units); empty when neither exists (then wards are not grouped).

    The sources are probed first: a database opened read-only may predate migration 008.
    """
    found = store.execute(
        """
        select table_name, column_name from information_schema.columns
        where (table_name = 'staff' and column_name = 'province')
           or (table_name = 'ward_provinces' and column_name in ('ward', 'province'))
        """
    )
    present = {(t, c) for t, c in found}
    sources = []  # in order of preference
    if ("staff", "province") in present:
        sources.append("select ward, province, 1 as preference from staff")
    if {("ward_provinces", "ward"), ("ward_provinces", "province")} <= present:
        sources.append("select ward, province, 2 as preference from ward_provinces")
    if not sources:
        return {}
    # One province per ward: the roster's when it names one, else the reference's (min: the
    # roster import refuses a ward with two, so min only decides rows edited outside the app).
    sql = f"""
        select
            ward,
            coalesce(
                min(province) filter (where preference = 1),
                min(province) filter (where preference = 2)
            ) as province
        from ({" union all ".join(sources)})
        where province is not null
        group by ward
    """
    return {str(ward): str(province) for ward, province in store.execute(sql)}


def group_wards(wards: Sequence[str], provinces: Mapping[str, str]) -> dict[str, list[str]]:
    """The wards by province or city, in the wards' order; wards of no known province under
    ``UNKNOWN_PROVINCE`` (last)."""
    groups: dict[str, list[str]] = {}
    for ward in wards:
        groups.setdefault(provinces.get(ward, UNKNOWN_PROVINCE), []).append(ward)
    ordered = sorted((g for g in groups if g != UNKNOWN_PROVINCE), key=lambda g: (slug(g), g))
    if UNKNOWN_PROVINCE in groups:
        ordered.append(UNKNOWN_PROVINCE)
    return {g: groups[g] for g in ordered}
