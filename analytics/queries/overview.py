"""Screen 1, "Tổng quan" (pages/1_tong_quan.py): the headline figures of the latest snapshot and
the change since the previous one, with the grade counts of the year in view and the plan's
task counts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from analytics import filters, privacy
from analytics.labels import number_vn
from analytics.queries._sql import (
    as_date,
    run,
)
from analytics.queries.data_quality import filter_options
from analytics.queries.plan import plan_summary
from analytics.scope import Scope
from analytics.store import Store


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
    metrics = run(store, "snapshot_metrics", scope, by_ward=False)
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
        as_of=as_date(latest.as_of) if latest is not None else None,
        previous_as_of=as_date(prev.as_of) if prev is not None else None,
        previous=previous,
        hidden=hidden,
        previous_hidden=previous_hidden,
        threshold=k,
        **now,
    )
    mix = run(store, "grade_mix", scope, by_ward=False)  # unmasked: masked below per grade
    if not mix.empty:
        year = int(scope.year_in_view(mix["year"].dropna().astype(int)) or mix["year"].max())
        result.evaluation_year = year
        in_year = mix[mix["year"] == year]
        counts = {str(g): int(n) for g, n in in_year.groupby("grade")["people"].sum().items()}
        result.grade_counts = privacy.hide_fields(counts, k)[0]
    plan = plan_summary(store, scope, today)  # counted in DuckDB, not over every task
    if plan.tasks:
        result.plan_counts = {
            status: plan.counts[status]
            for status in ("Hoàn thành", "Đang thực hiện", "Quá hạn", "Chưa thực hiện")
        }
    row = store.execute("select max(imported_at) from imports")
    result.last_import = row[0][0] if row else None
    return result


def place_in_view(store: Store, scope: Scope) -> str:
    """Where the figures are of, as a leader names it (the overview under its title, every
    export page's header): "Phường Việt Hòa · Thành phố Hải Phòng" for one ward (its province
    when known), "Thành phố Hải Phòng – 114 phường/xã" for the wards of one province, "34 tỉnh,
    thành phố – 3.321 phường/xã" for several, "3 phường/xã" when a province is unknown; empty
    before any roster. Only wards of the latest roster the reader may see are counted."""
    wards = filter_options(store, scope)["wards"]
    if not wards:
        return ""
    known = filters.ward_provinces(store)
    provinces = {known.get(w) for w in wards}
    if len(wards) == 1:
        province = known.get(wards[0])
        return f"{wards[0]} · {province}" if province else wards[0]
    count = f"{number_vn(len(wards))} phường/xã"
    if None in provinces:
        return count
    if len(provinces) == 1:
        return f"{next(iter(provinces))} – {count}"
    return f"{number_vn(len(provinces))} tỉnh, thành phố – {count}"
