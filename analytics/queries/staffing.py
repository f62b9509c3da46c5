"""Staffing against the norm and the quota (issue 11; plan tasks 3, 4a): per ward and per unit,
the head count of the latest roster, the quota in force (``staffing_quotas``), the norm of the
ward's profile (``ward_profiles`` x ``staffing_norm_rules``, CV 09/CV-BCĐ 2025, unverified) and
the differences. A missing quota or resident count is None and written "Chưa có số liệu",
never 0. Projected leavers (retirements from another query) come in as ``leavers``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from analytics import privacy
from analytics.labels import number_vn
from analytics.policy import Action
from analytics.queries._sql import category_order, run, sql
from analytics.scope import Scope
from analytics.store import Store

NO_FIGURES = "Chưa có số liệu"

#: (ward, unit) -> people expected to leave; unit None: the whole ward.
Leavers = Mapping[tuple[str, str | None], int]


def gap_text(gap: object) -> str:
    """A difference (quota or norm minus head count) as written: 'Thiếu 3', 'Thừa 2', 'Đủ', or
    'Chưa có số liệu' when the quota or norm is unknown.

    >>> gap_text(3), gap_text(-2), gap_text(0), gap_text(None)
    ('Thiếu 3', 'Thừa 2', 'Đủ', 'Chưa có số liệu')
    """
    if gap is None or pd.isna(gap):
        return NO_FIGURES
    n = int(gap)  # type: ignore[call-overload]
    if n > 0:
        return f"Thiếu {number_vn(n)}"
    if n < 0:
        return f"Thừa {number_vn(-n)}"
    return "Đủ"


def _ward_leavers(leavers: Leavers, ward: str) -> int:
    """A ward's leavers: its own entry, else the sum of its units'."""
    if (ward, None) in leavers:
        return int(leavers[(ward, None)])
    return sum(int(n) for (w, u), n in leavers.items() if w == ward and u is not None)


def staffing(
    store: Store,
    scope: Scope,
    *,
    on: dt.date | None = None,
    leavers: Leavers | None = None,
) -> pd.DataFrame:
    """One row per ward in scope (``level`` 'ward', ``unit`` None; only when no unit is chosen)
    and per unit (``level`` 'unit'). Columns: ward, unit, level, head_count, as_of, quota,
    quota_decided_by, quota_valid_from, quota_gap (quota − head_count: > 0 thiếu, < 0 thừa),
    kind, residents, mountain, norm, norm_gap (ward rows), quota_status, norm_status (texts),
    leavers, projected_vacancies (quota − (head_count − leavers); None without a quota, and
    both None when ``leavers`` is None: not known).

    The people filters (field, gender, age band, sensitive) do not apply: a norm is about a
    ward's whole staff. ``on``: the date the quotas are in force (default today).

    >>> # staffing(store, scope, leavers={("Phường A", None): 2})
    """
    frame = run(
        store,
        "staffing",
        scope,
        fields=[],
        genders=[],
        age_bands=[],
        sensitive_only=False,
        on=on,
    )
    frame = frame.astype({"head_count": "int64"})
    # ``leavers`` None: not known (a reader who may not see the people list the retirements
    # are counted from), so no projection either: blank, never 0.
    given = leavers or {}
    frame["leavers"] = pd.array(
        [
            None
            if leavers is None
            else _ward_leavers(given, w)
            if u is None or pd.isna(u)
            else int(given.get((w, u), 0))
            for w, u in zip(frame["ward"], frame["unit"], strict=True)
        ],
        dtype="Int64",
    )
    frame["projected_vacancies"] = pd.array(
        [
            None if pd.isna(q) or pd.isna(lv) else int(q) - (int(n) - int(lv))
            for q, n, lv in zip(frame["quota"], frame["head_count"], frame["leavers"], strict=True)
        ],
        dtype="Int64",
    )
    frame["quota_status"] = [gap_text(g) for g in frame["quota_gap"]]
    frame["norm_status"] = [
        gap_text(g) if level == "ward" else ""
        for g, level in zip(frame["norm_gap"], frame["level"], strict=True)
    ]
    k = privacy.threshold(store, scope)
    if k is not None:
        frame = privacy.mask_counts(frame, ["head_count"], k)
        hidden = frame[privacy.hidden_column("head_count")]
        frame = privacy.mask_derived(
            frame, ["quota_gap", "norm_gap", "projected_vacancies"], hidden
        )
    return privacy.with_threshold(frame, k)


def norm_kinds(store: Store) -> list[str]:
    """The kinds of commune-level unit the norm has a rule for (``staffing_norm_rules``): what
    a ward's profile may say it is.

    >>> # norm_kinds(store) -> ['phường', 'xã', 'đặc khu']
    """
    return [str(r[0]) for r in store.execute("select kind from staffing_norm_rules order by kind")]


def staffing_wards(store: Store, scope: Scope) -> pd.DataFrame:
    """One row per ward in scope that has a roster, a profile or a quota: ward, kind, residents,
    mountain, legal_source (null: no profile yet) and units, the units of its latest roster in
    the canonical order (a list; empty without a roster). What the staffing editor offers and
    what a quota's unit is checked against.

    >>> # staffing_wards(store, Scope(wards=("Phường Việt Hòa",))).iloc[0]["units"][:1]
    >>> # ['Văn phòng HĐND và UBND']
    """
    scope.require(Action.VIEW_AGGREGATES)
    frame = run(
        store,
        "staffing_wards",
        scope,
        fields=[],
        genders=[],
        age_bands=[],
        sensitive_only=False,
    )
    frame["units"] = [
        [u for u in category_order("unit", list(units)) if u in set(units)]
        for units in frame["units"]
    ]
    return frame


def staffing_quota_history(
    store: Store, scope: Scope, *, on: dt.date | None = None
) -> pd.DataFrame:
    """Every quota decision of the wards in scope, newest first per ward and unit (the whole
    ward, unit None, first): ward, unit, quota, decided_by, valid_from, legal_source, in_force
    (the decision valid on ``on``, default today, that ``staffing`` counts). No person in it.
    """
    scope.require(Action.VIEW_AGGREGATES)
    return store.df(
        sql("staffing_quota_history"), {"wards": list(scope.effective().wards), "on": on}
    )
