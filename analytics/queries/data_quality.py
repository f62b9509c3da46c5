"""Screen 6, "Dữ liệu" (pages/6_du_lieu.py): data problems of the latest roster, evaluation rows
not tied to anyone, the imports a reader may see (history, warnings, original files), the values
the sidebar offers, and the data version every cache and export is keyed on.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics import categories as cat
from analytics.policy import Action
from analytics.queries._sql import category_order, run, sql
from analytics.queries.qualifications import QUALIFICATION_MISSING
from analytics.scope import Scope
from analytics.store import Store

QUALITY_GROUPS: tuple[str, ...] = ("Thiếu thông tin", "Không hợp lý", "Trùng lặp")
# The problems of a missing qualification: a person listed under any of them is one of the
# "Thiếu thông tin trình độ" Trình độ counts (queries.qualification_summary ``incomplete``).
QUALIFICATION_PROBLEMS: tuple[str, ...] = tuple(QUALIFICATION_MISSING.values())
ANY_QUALIFICATION_MISSING = "Thiếu thông tin trình độ (ít nhất một trong sáu chỉ tiêu)"


def _missing_qualifications() -> tuple[str, dict[str, str]]:
    """The selects of ``{{missing_qualifications}}``: one per dimension, its problem a parameter."""
    selects, params = [], {}
    for i, (dimension, problem) in enumerate(QUALIFICATION_MISSING.items()):
        params[f"missing_{i}"] = problem
        selects.append(
            f"select staff_id, 'Thiếu thông tin', $missing_{i} from s where {dimension} is null"
        )
    return "\n    union all\n    ".join(selects), params


def data_quality(store: Store, scope: Scope) -> pd.DataFrame:
    scope.require_people()
    selects, params = _missing_qualifications()
    text = sql("data_quality").replace("{{missing_qualifications}}", selects)
    return store.df(text, {**scope.params(), **params})


def missing_qualification_people(problems: pd.DataFrame) -> pd.DataFrame:
    """The rows of ``data_quality`` for the people missing at least one qualification, one row
    per person (their first such problem): as many people as Trình độ's "Thiếu thông tin trình
    độ"."""
    rows = problems[problems["problem"].isin(QUALIFICATION_PROBLEMS)]
    return rows.drop_duplicates("staff_id").reset_index(drop=True)


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
    rows = store.execute(sql("latest_roster_size"), scope.params())
    return int(rows[0][0])


def unmatched_evaluations(store: Store, scope: Scope) -> pd.DataFrame:
    """Evaluation rows not tied to anyone (``staff_id`` null), with the reason in Vietnamese.

    Follows the ward and unit filters (a unit head sees the rows the file puts in their unit).
    """
    scope.require_people()
    params = scope.params()
    return store.df(
        sql("unmatched_evaluations"), {"wards": params["wards"], "units": params["units"]}
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


def source_files(store: Store, scope: Scope) -> pd.DataFrame:
    """The imported files the figures in ``scope`` come from, for an export's cover: columns
    import_id, kind, file_name, wards, as_of, year, rows_imported, imported_at, previous (the
    roster the comparison reads). Progress entered in the app is one row without a file
    (import_id and file_name null; rows_imported: the reports, imported_at: the latest).

    Every role that may export reads it (files and row counts, no person); the file names are
    for the roles that may read the import history (``Action.VIEW_IMPORT_HISTORY``).
    """
    scope.require(Action.EXPORT)
    frame = run(store, "source_files", scope)
    if not scope.can(Action.VIEW_IMPORT_HISTORY):
        frame["file_name"] = None
    return frame
