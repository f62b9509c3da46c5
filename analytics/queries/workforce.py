"""Workforce planning (issue 11, screen "Kế hoạch nhân sự"): who retires when (NĐ 135/2020,
month-exact, from ``retirement_roadmap``), how many leave within 12, 24 and 60 months by unit or
field, and who of the ward already meets the standard of a sensitive post that falls vacant.
The rules live in analytics/sql/queries/retirement_*.sql and migration 009.
"""

from __future__ import annotations

import pandas as pd

from analytics import categories as cat
from analytics import privacy
from analytics.queries._sql import dimension_sql, run, sql
from analytics.scope import Scope
from analytics.store import Store

# The dimensions the leavers may be counted by (an allow-list: each is a column of ``staff``).
RETIREMENT_BY = ("all", "unit", "field", "sensitive")
ALL_PEOPLE = "Toàn bộ"


def retirement_forecast(store: Store, scope: Scope) -> pd.DataFrame:
    """Every person in scope with ``retirement_date`` (the last day of the month the age is
    reached), ``estimated`` (only the birth year known: counted from 1 January), ``months_left``,
    ``horizon`` (0–5) and ``horizon_label`` (``categories.RETIREMENT_HORIZONS``), soonest first.

    >>> retirement_forecast(store, scope)[["full_name", "retirement_date", "horizon_label"]]
    """
    scope.require_people()
    frame = run(store, "retirement_forecast", scope)
    frame["horizon_label"] = frame["horizon"].map(dict(enumerate(cat.RETIREMENT_HORIZONS)))
    return frame


def retirement_leavers(store: Store, scope: Scope, months: int = 60) -> pd.DataFrame:
    """The people who reach retirement age within ``months`` of the roster's date (those past it
    included), soonest first: the forecast's rows with a date that near."""
    frame = retirement_forecast(store, scope)
    limit = frame["as_of"] + pd.DateOffset(months=months)
    near = frame["retirement_date"].notna() & (frame["retirement_date"] <= limit)
    return frame[near].reset_index(drop=True)


def retirement_summary(store: Store, scope: Scope, by: str = "unit") -> pd.DataFrame:
    """How many people retire by ``by`` (all: one row "Toàn bộ"; unit, field or sensitive): columns ``group``,
    ``reached`` (already at the age), ``within_12``, ``within_24``, ``within_60`` (cumulative:
    those within 24 months include those within 12 and those already at the age), ``people``
    (everyone in the group). Counts below the reader's privacy threshold are hidden
    (``analytics.privacy``)."""
    if by not in RETIREMENT_BY:
        raise ValueError(f"unknown dimension {by!r}")
    group = {
        "all": f"'{ALL_PEOPLE}'",
        "sensitive": "case when sensitive then 'Lĩnh vực nhạy cảm' else 'Lĩnh vực khác' end",
    }.get(by) or dimension_sql(by)
    within = ",\n".join(
        f"count(*) filter (where horizon between 0 and {i + 1}) as within_{m}"
        for i, m in enumerate(cat.RETIREMENT_WITHIN)
    )
    text = (
        f'select {group} as "group", count(*) filter (where horizon = 0) as reached,\n'
        f"{within},\ncount(*) as people\n"
        f"from ({sql('retirement_forecast').rstrip().rstrip(';')}) as f\n"
        'group by all order by within_60 desc, "group"'
    )
    frame = store.df(text, scope.params())
    columns = ["reached", *(f"within_{m}" for m in cat.RETIREMENT_WITHIN), "people"]
    return privacy.mask_counts(frame, columns, privacy.threshold(store, scope))


#: How many candidates the screen and the meeting files list for each leaver ("Tổng số người
#: đạt" gives them all).
CANDIDATES_PER_LEAVER = 5


def retirement_successors(
    store: Store, scope: Scope, months: int = 24, per_leaver: int | None = None
) -> pd.DataFrame:
    """For each person of a sensitive field retiring within ``months``: the people in scope of
    the same ward, of any field, who meet every standard of that post and stay longer
    (candidates, not decisions; a leadership holder only for a leadership post). One row per
    leaver and candidate, the leaver's own field first (``same_field``), with
    ``candidate_field``, ``candidate_note`` (the roster's set-aside), ``candidate_count`` (all
    who meet it) and ``candidate_rank``; at most ``per_leaver`` rows each (None: all: a country
    has 100,000 pairs). A leaver with none has null candidate columns."""
    scope.require_people()
    return run(store, "retirement_successors", scope, months=months, per_leaver=per_leaver)


def retirement_leavers_by_unit(
    store: Store, scope: Scope, months: int = 24
) -> dict[tuple[str, str | None], int]:
    """How many people of each (ward, unit) reach retirement age within ``months``: the
    ``leavers`` of ``queries.staffing`` (vacancies projected with the retirements)."""
    return leavers_by_unit(retirement_leavers(store, scope, months))


def leavers_by_unit(leavers: pd.DataFrame) -> dict[tuple[str, str | None], int]:
    """The count per (ward, unit) of a ``retirement_leavers`` list already read (a screen or an
    export that lists the leavers too reads them once: 0.9 s at a country's size)."""
    counts = leavers.groupby(["ward", "unit"], dropna=False).size()
    return {(str(w), None if u != u else str(u)): int(n) for (w, u), n in counts.items()}


def rotation_due(store: Store, scope: Scope) -> pd.DataFrame:
    """Everyone in scope in a sensitive field with a rotation period (``rotation_periods``):
    ``post_since`` (``post_since_estimated``: only a month or year given), ``held_months``,
    ``period_years``, ``due_date``, ``rotation_status`` 0–3 and ``rotation_label``
    (``categories.ROTATION_STATUSES``: đến hạn, sắp đến hạn, chưa đến hạn, chưa có ngày),
    ``exclusion`` (what the roster says sets them aside for now), ``retirement_date`` and
    ``retires_soon`` (retirement within ``rotation_retirement_months``, the setting, also a
    column: no rotation is proposed for them). Due first, then by due date and name. A list for the leaders to
    consider, never a verdict (analytics/sql/queries/rotation_due.sql)."""
    scope.require_people()
    frame = run(store, "rotation_due", scope)
    frame["rotation_label"] = frame["rotation_status"].map(dict(enumerate(cat.ROTATION_STATUSES)))
    months = store.execute("select value from settings where key = 'rotation_retirement_months'")
    retire = retirement_forecast(store, scope)[["ward", "staff_id", "retirement_date"]]
    frame = frame.merge(retire, on=["ward", "staff_id"], how="left")
    frame["rotation_retirement_months"] = int(months[0][0]) if months else None
    if months:
        limit = frame["as_of"] + pd.DateOffset(months=int(months[0][0]))
        frame["retires_soon"] = frame["retirement_date"].notna() & (
            frame["retirement_date"] < limit
        )
    else:
        frame["retires_soon"] = False
    return frame


def rotation_summary(store: Store, scope: Scope) -> pd.DataFrame:
    """How many people of each sensitive field stand at each rotation status: ``field``, then
    one column per status code (``status_0`` … ``status_3``) and ``people``. Aggregates: any
    role; counts below the reader's privacy threshold are hidden."""
    statuses = range(len(cat.ROTATION_STATUSES))
    counts = ",\n".join(
        f"count(*) filter (where rotation_status = {i}) as status_{i}" for i in statuses
    )
    text = (
        f"select field, {counts}, count(*) as people\n"
        f"from ({sql('rotation_due').rstrip().rstrip(';')}) as r\n"
        "group by field order by status_0 desc, status_1 desc, field"
    )
    frame = store.df(text, scope.params())
    columns = [*(f"status_{i}" for i in statuses), "people"]
    return privacy.mask_counts(frame, columns, privacy.threshold(store, scope))
