"""Training needs from the gaps (plan task 4b): the course each placement gap or review reason
calls for (``course_rules``), with the status that the training records give it at a reference
date. The people lists need a role that sees people; the counts by course are masked for the
others (``analytics.privacy``).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from analytics import privacy
from analytics.queries._sql import run
from analytics.scope import Scope
from analytics.store import Store

# The statuses of a training need, in the order the plan lists them; the count column of each.
TRAINING_STATUSES: dict[str, str] = {
    "chưa đăng ký": "not_registered",
    "đã lên kế hoạch": "planned",
    "đang học": "ongoing",
    "đã hoàn thành": "done",
}
NEED_COLUMNS = [
    "ward", "staff_id", "full_name", "unit", "position", "field", "sensitive", "course_group",
    "rule_key", "course_key", "course", "reason", "legal_source", "status", "record_course",
    "date_from", "date_to", "certificate",
]  # fmt: skip
SUMMARY_COUNTS = ["needed", *TRAINING_STATUSES.values()]


def _needs(store: Store, scope: Scope, on: dt.date) -> pd.DataFrame:
    return run(store, "training_needs", scope, on=on)


def training_needs(store: Store, scope: Scope, *, on: dt.date) -> pd.DataFrame:
    """One row per person and course a gap calls for, in course order, then unit and name:
    columns ``NEED_COLUMNS`` (status: chưa đăng ký | đã lên kế hoạch | đang học | đã hoàn thành
    at ``on``; record_course, date_from, date_to, certificate of the record that gives it)."""
    scope.require_people()
    return _needs(store, scope, on)


def training_summary(store: Store, scope: Scope, *, on: dt.date) -> pd.DataFrame:
    """Counts by course: columns course_group, course, legal_source, needed (people), then
    not_registered, planned, ongoing, done; each count masked for a reader who may not see
    people (with its ``<count>_hidden`` flag)."""
    needs = _needs(store, scope, on)
    rows = []
    for (group, course), part in needs.groupby(["course_group", "course"], sort=False):
        counts = part["status"].value_counts()
        rows.append(
            {
                "course_group": group,
                "course": course,
                "legal_source": part["legal_source"].iloc[0],
                "needed": len(part),
                **{column: int(counts.get(s, 0)) for s, column in TRAINING_STATUSES.items()},
            }
        )
    frame = pd.DataFrame(rows, columns=["course_group", "course", "legal_source", *SUMMARY_COUNTS])
    return privacy.mask_counts(frame, SUMMARY_COUNTS, privacy.threshold(store, scope))


def training_by_unit(store: Store, scope: Scope, *, on: dt.date) -> pd.DataFrame:
    """Needs grouped by course and unit: columns course, unit, people (names joined by ', '),
    needed, open (not done), legal_source."""
    scope.require_people()
    needs = _needs(store, scope, on)
    rows = [
        {
            "course": course,
            "unit": unit,
            "people": ", ".join(part["full_name"]),
            "needed": len(part),
            "open": int((part["status"] != "đã hoàn thành").sum()),
            "legal_source": part["legal_source"].iloc[0],
        }
        for (course, unit), part in needs.fillna({"unit": "Chưa cập nhật"}).groupby(
            ["course", "unit"], sort=False
        )
    ]
    return pd.DataFrame(
        rows, columns=["course", "unit", "people", "needed", "open", "legal_source"]
    )


def training_people(store: Store, scope: Scope, *, on: dt.date) -> pd.DataFrame:
    """One row per person with a training need: columns ward, staff_id, full_name, unit,
    position, needed, done, open (needed − done), courses ("course (status); …")."""
    scope.require_people()
    needs = _needs(store, scope, on)
    rows = []
    for (ward, staff_id), part in needs.groupby(["ward", "staff_id"], sort=False):
        done = int((part["status"] == "đã hoàn thành").sum())
        first = part.iloc[0]
        rows.append(
            {
                "ward": ward,
                "staff_id": staff_id,
                "full_name": first["full_name"],
                "unit": first["unit"],
                "position": first["position"],
                "needed": len(part),
                "done": done,
                "open": len(part) - done,
                "courses": "; ".join(
                    f"{c} ({s})" for c, s in zip(part["course"], part["status"], strict=True)
                ),
            }
        )
    columns = ["ward", "staff_id", "full_name", "unit", "position", "needed", "done", "open"]
    return pd.DataFrame(rows, columns=[*columns, "courses"])
