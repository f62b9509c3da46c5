"""Screen 3, "Bố trí theo tiêu chuẩn" (pages/3_bo_tri.py): the standards check of the latest
roster (headline counts, people × criteria, gaps by field or unit and their details) and the
standards frame as read by its editor (the frame, its targets and its change history). Edits of
the frame are in ``analytics.queries.writes``.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics import categories as cat
from analytics import privacy
from analytics.names import sort_key
from analytics.queries._sql import (
    ListSize,
    as_date,
    category_order,
    count_sql,
    page_sql,
    run,
    sql,
)
from analytics.scope import Scope
from analytics.store import Store

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
    row = run(store, "placement_summary", scope).iloc[0]
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
        as_of=as_date(row["as_of"]), gaps=gaps, hidden=hidden, threshold=k, **counts
    )


def placement_checks(store: Store, scope: Scope) -> pd.DataFrame:
    """Every check of the latest roster in scope (one row per person and criterion)."""
    scope.require_people()
    return run(store, "placement_checks", scope)


def _matrix_sql() -> str:
    criteria = ",\n        ".join(
        f"max(result) filter (where criterion = '{key}') as {key}" for key in cat.CRITERIA
    )
    return sql("placement_matrix").replace("{{criteria}}", criteria)


def placement_matrix_size(store: Store, scope: Scope, with_passed: bool = False) -> ListSize:
    """The rows (people) of ``placement_matrix`` before paging."""
    scope.require_people()
    row = store.execute(count_sql(_matrix_sql()), {**scope.params(), "with_passed": with_passed})[0]
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
        page_sql(_matrix_sql()),
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
    frame = run(store, "gap_counts", scope, by=by)
    groups = category_order(by, frame["group"].tolist())
    frame["_g"] = frame["group"].map({g: i for i, g in enumerate(groups)})
    frame["_r"] = frame["result"].map({r: i for i, r in enumerate(cat.CHECK_RESULTS)})
    frame = frame.sort_values(["_g", "_r"]).drop(columns=["_g", "_r"])
    return privacy.mask_counts(
        frame.reset_index(drop=True), ["people"], privacy.threshold(store, scope)
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
    row = store.execute(count_sql(sql("gap_details"), "ward || '|' || staff_id"), params)[0]
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
    return store.df(page_sql(sql("gap_details")), {**params, "limit": limit, "offset": offset})


def standards(store: Store) -> pd.DataFrame:
    return store.df(
        """
        select s.standard_id, s.criterion, c.label as criterion_label, s.applies_to, s.target,
               s.required, s.legal_source, s.note, s.active, s.updated_at, s.updated_by
        from standards as s join criteria as c using (criterion)
        order by c.sort_order, s.target nulls first, s.standard_id
        """
    )


def standards_history(store: Store) -> pd.DataFrame:
    return store.df(
        "select change_id, standard_id, action, before, after, changed_by, changed_at "
        "from standards_history order by change_id desc"
    )


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
