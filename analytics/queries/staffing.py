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
from analytics.queries._sql import run
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
    leavers, projected_vacancies (quota − (head_count − leavers); None without a quota).

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
    given = leavers or {}
    frame["leavers"] = [
        _ward_leavers(given, w) if u is None or pd.isna(u) else int(given.get((w, u), 0))
        for w, u in zip(frame["ward"], frame["unit"], strict=True)
    ]
    frame["projected_vacancies"] = pd.array(
        [
            None if pd.isna(q) else int(q) - (int(n) - int(lv))
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
