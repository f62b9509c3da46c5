"""The same figures as the screens' queries, recomputed by pandas from DataFrames read once.

Each ``Figure`` pairs a call of ``analytics.queries`` (looked up by name on the module, so a
restructured ``queries`` package with the same public names still works) with a pandas
recompute from ``Frames``, and reduces both to the same plain value (a dict of counts, a list of
names) so they can be compared: the benchmark's pandas side is honest only if they are equal,
which tests/test_bench.py asserts at ward scale. The figures are read as a leader (no small-cell
masking), the role the benchmark uses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from analytics import categories as cat
from analytics.names import sort_key
from analytics.scope import Scope
from analytics.store import Store

NO_DATA = cat.NO_DATA
NOT_GRADED = "Không xếp loại"
BELOW = ("chưa đạt", "thiếu")
UNIVERSITY = ("Tiến sĩ", "Thạc sĩ", "Đại học")
THEORY_TC = ("Cử nhân", "Cao cấp", "Trung cấp")


@dataclass
class Frames:
    """The public views read once, before any timing (``load``)."""

    people: pd.DataFrame  # every roster snapshot (snapshot_rank 1 = latest)
    staff: pd.DataFrame  # the latest roster of each ward
    checks: pd.DataFrame  # placement_checks, every snapshot
    evaluations: pd.DataFrame  # annual results
    tasks: pd.DataFrame  # plan_tasks with their latest report

    @property
    def rows(self) -> int:
        return sum(len(f) for f in (self.people, self.staff, self.checks, self.evaluations))


def load(store: Store) -> Frames:
    return Frames(
        people=store.df("select * from people"),
        staff=store.df("select * from staff"),
        checks=store.df("select * from placement_checks"),
        evaluations=store.df("select * from evaluations"),
        tasks=store.df("select * from plan_tasks"),
    )


@dataclass(frozen=True)
class Context:
    """What a figure's arguments are taken from: today, and the evaluation year in view."""

    today: dt.date
    year: int | None


# ============================================================================ scope, in pandas
def in_scope(frame: pd.DataFrame, scope: Scope) -> pd.Series:
    """``in_scope`` (analytics/sql/views.sql) as a boolean mask."""
    s = scope.effective()
    mask = pd.Series(True, index=frame.index)
    for column, values in (
        ("ward", s.wards),
        ("unit", s.units),
        ("field", s.fields),
        ("gender", s.genders),
    ):
        if values:
            column_values = frame[column] if column == "ward" else frame[column].fillna(NO_DATA)
            mask &= column_values.isin(values)
    if s.age_bands:
        mask &= frame["age_band"].isin(s.age_bands)
    if s.sensitive_only:
        mask &= frame["sensitive"].fillna(False).astype(bool)
    return mask


def _counts(frame: pd.DataFrame, keys: list[str], column: str = "people") -> dict[Any, int]:
    """{key tuple: count} of a frame holding ``keys`` and a count column, zeros dropped."""
    out = {}
    for row in frame[[*keys, column]].itertuples(index=False):
        n = row[-1]
        if n is not None and not pd.isna(n) and int(n) > 0:
            out[tuple(NO_DATA if v is None or v is pd.NA or v != v else v for v in row[:-1])] = int(
                n
            )
    return out


def _size(frame: pd.DataFrame, keys: list[str]) -> dict[Any, int]:
    sizes = frame.groupby(keys, dropna=False, observed=True).size().reset_index(name="people")
    return _counts(sizes, keys)


# ============================================================================ figures
def _overview_ours(result: Any) -> dict[str, Any]:
    return {
        "head_count": result.head_count,
        "university_share": _round(result.university_share),
        "political_theory_share": _round(result.political_theory_share),
        "below_standard": result.below_standard,
        "below_standard_sensitive": result.below_standard_sensitive,
        "no_data": result.no_data,
        "previous": {k: _round(v) for k, v in result.previous.items()},
        "evaluation_year": result.evaluation_year,
        "grade_counts": {k: v for k, v in result.grade_counts.items() if v},
        "plan_counts": {k: v for k, v in result.plan_counts.items() if v},
    }


def _round(value: Any) -> Any:
    return None if value is None else round(float(value), 9)


def _snapshot(f: Frames, scope: Scope, rank: int) -> dict[str, Any]:
    p = f.people[(f.people["snapshot_rank"] == rank) & in_scope(f.people, scope)]
    c = f.checks[(f.checks["snapshot_rank"] == rank) & in_scope(f.checks, scope)]
    head = len(p)
    below = c[c["result"].isin(BELOW)]
    return {
        "head_count": head,
        "university_share": _round(p["education_level"].isin(UNIVERSITY).sum() / head)
        if head
        else None,
        "political_theory_share": _round(p["political_theory"].isin(THEORY_TC).sum() / head)
        if head
        else None,
        "below_standard": below["staff_id"].nunique(),
        "below_standard_sensitive": below[below["sensitive"].fillna(False).astype(bool)][
            "staff_id"
        ].nunique(),
        "no_data": c[c["result"] == "chưa có dữ liệu"]["staff_id"].nunique(),
    }


def _staff_evaluations(f: Frames, scope: Scope) -> pd.DataFrame:
    """Annual results of the people in the latest rosters, with their current placement."""
    staff = f.staff[in_scope(f.staff, scope)]
    results = f.evaluations[["staff_id", "year", "grade", "score"]]
    return results.merge(staff, on="staff_id", how="inner")


def _plan(f: Frames, scope: Scope, today: dt.date) -> pd.DataFrame:
    wards = scope.effective().wards
    t = f.tasks[f.tasks["ward"].isin(wards)] if wards else f.tasks
    due = pd.to_datetime(t["due_date"])
    # SQL's three-valued logic: a task without a status is neither overdue nor done.
    overdue = (
        t["status"].notna()
        & (t["status"] != "Hoàn thành")
        & due.notna()
        & (due < pd.Timestamp(today))
    )
    status = t["status"].where(~overdue, "Quá hạn")
    last = pd.to_datetime(t["last_report_date"])
    quarter = pd.Timestamp(today).to_period("Q").start_time
    silent = t["recurring"].fillna(False).astype(bool) & (last.isna() | (last < quarter))
    return pd.DataFrame({"status": status, "overdue": overdue, "silent": silent})


def _overview_pandas(f: Frames, scope: Scope, ctx: Context) -> dict[str, Any]:
    now = _snapshot(f, scope, 1)
    previous = _snapshot(f, scope, 2) if (f.people["snapshot_rank"] == 2).any() else {}
    if previous and previous["head_count"] == 0:
        previous = {}
    out: dict[str, Any] = {**now, "previous": previous}
    e = _staff_evaluations(f, scope)
    out["evaluation_year"] = None
    out["grade_counts"] = {}
    if len(e):
        held = set(e["year"].dropna().astype(int))  # recomputed here: the year chosen when held
        year = scope.year if scope.year is not None and scope.year in held else max(held)
        out["evaluation_year"] = year
        grades = e.loc[e["year"] == year, "grade"].fillna(NOT_GRADED).value_counts()
        out["grade_counts"] = {str(g): int(n) for g, n in grades.items() if n}
    plan = _plan(f, scope, ctx.today)
    counts = {
        "Hoàn thành": int((plan["status"] == "Hoàn thành").sum()),
        "Đang thực hiện": int((plan["status"] == "Đang thực hiện").sum()),
        "Quá hạn": int(plan["overdue"].sum()),
        "Chưa thực hiện": int((plan["status"] == "Chưa thực hiện").sum()),
    }
    out["plan_counts"] = {k: v for k, v in counts.items() if v} if len(plan) else {}
    return out


def _distribution_ours(frame: pd.DataFrame) -> dict[Any, int]:
    return _counts(frame.astype({"category": object, "group": object}), ["category", "group"])


def _distribution_pandas(by: str | None) -> Callable[[Frames, Scope, Context], dict[Any, int]]:
    def run(f: Frames, scope: Scope, ctx: Context) -> dict[Any, int]:
        s = f.staff[in_scope(f.staff, scope)]
        frame = pd.DataFrame(
            {
                "category": s["education_level"].fillna(NO_DATA),
                "group": s[by].fillna(NO_DATA) if by else "",
            }
        )
        return _size(frame, ["category", "group"])

    return run


def _people_ours(frame: pd.DataFrame) -> dict[str, Any]:
    return {"names": frame["full_name"].tolist(), "ids": sorted(frame["staff_id"])}


def _people_pandas(f: Frames, scope: Scope, ctx: Context) -> dict[str, Any]:
    s = f.staff[in_scope(f.staff, scope)]
    names = sorted(s["full_name"].tolist(), key=sort_key)
    return {"names": names, "ids": sorted(s["staff_id"])}


def _placement_ours(result: Any) -> dict[str, Any]:
    keys = ("checked", "below_standard", "below_standard_sensitive", "no_data", "gaps")
    return {k: getattr(result, k) for k in keys}


def _placement_pandas(f: Frames, scope: Scope, ctx: Context) -> dict[str, Any]:
    c = f.checks[(f.checks["snapshot_rank"] == 1) & in_scope(f.checks, scope)]
    below = c[c["result"].isin(BELOW)]
    return {
        "checked": c["staff_id"].nunique(),
        "below_standard": below["staff_id"].nunique(),
        "below_standard_sensitive": below[below["sensitive"].fillna(False).astype(bool)][
            "staff_id"
        ].nunique(),
        "no_data": c[c["result"] == "chưa có dữ liệu"]["staff_id"].nunique(),
        "gaps": int((c["result"] != "đạt").sum()),
    }


def _gap_counts_ours(frame: pd.DataFrame) -> dict[Any, int]:
    return _counts(frame, ["group", "result"])


def _gap_counts_pandas(by: str) -> Callable[[Frames, Scope, Context], dict[Any, int]]:
    def run(f: Frames, scope: Scope, ctx: Context) -> dict[Any, int]:
        c = f.checks
        gaps = c[(c["snapshot_rank"] == 1) & (c["result"] != "đạt") & in_scope(c, scope)]
        gaps = gaps.assign(group=gaps[by].fillna(NO_DATA))
        # each person once per group, at their most severe result
        worst = gaps.sort_values("severity", kind="stable").drop_duplicates(
            ["group", "staff_id"], keep="last"
        )
        return _size(worst, ["group", "result"])

    return run


def _grade_mix_ours(frame: pd.DataFrame) -> dict[Any, int]:
    return _counts(frame, ["year", "unit", "grade"])


def _grade_mix_pandas(f: Frames, scope: Scope, ctx: Context) -> dict[Any, int]:
    e = _staff_evaluations(f, scope)
    e = e.assign(grade=e["grade"].fillna(NOT_GRADED), unit=e["unit"].fillna(NO_DATA))
    return _size(e, ["year", "unit", "grade"])


def _plan_counts_ours(result: dict[str, int]) -> dict[str, int]:
    return {k: int(v) for k, v in result.items() if v}


def _plan_counts_pandas(f: Frames, scope: Scope, ctx: Context) -> dict[str, int]:
    plan = _plan(f, scope, ctx.today)
    counts = {str(k): int(v) for k, v in plan["status"].value_counts().items()}
    counts["Chưa báo cáo quý này"] = int(plan["silent"].sum())
    return {k: v for k, v in counts.items() if v}


def _quality_ours(frame: pd.DataFrame) -> dict[Any, int]:
    return _counts(frame, ["problem_group", "problem"])


def _quality_pandas(f: Frames, scope: Scope, ctx: Context) -> dict[Any, int]:
    s = f.staff[in_scope(f.staff, scope)]
    birth = s["birth_date"].astype(str).where(s["birth_date"].notna(), None)
    birth = birth.fillna(s["birth_year"].astype("Int64").astype(str).where(s["birth_year"].notna()))
    same = s.groupby([s["ward"], s["name_key"], birth.fillna("")], dropna=False)[
        "staff_id"
    ].transform("size")
    leader = s["is_leader"].fillna(False).astype(bool)
    missing, odd, twice = "Thiếu thông tin", "Không hợp lý", "Trùng lặp"
    problems = (
        (missing, "Thiếu ngày/năm sinh", s["birth_year"].isna()),
        (missing, "Thiếu giới tính", s["gender"].isna()),
        (missing, "Thiếu trình độ chuyên môn", s["education_level"].isna()),
        (missing, "Thiếu chuyên ngành đào tạo", s["major"].isna()),
        (missing, "Thiếu lĩnh vực", s["field"].isna()),
        (missing, "Thiếu lý luận chính trị", s["political_theory"].isna()),
        (missing, "Thiếu trình độ quản lý nhà nước", s["state_management"].isna()),
        (missing, "Thiếu trình độ tin học", s["it_skill"].isna()),
        (missing, "Thiếu trình độ ngoại ngữ", s["foreign_language"].isna()),
        (missing, "Thiếu đơn vị", s["unit"].isna()),
        (odd, "Tuổi dưới 18 hoặc trên 70", (s["age"] < 18) | (s["age"] > 70)),
        (
            odd,
            "Lãnh đạo nhưng chưa có LLCT",
            leader & (s["political_theory"].isna() | (s["political_theory"] == "Chưa qua đào tạo")),
        ),
        (
            odd,
            "Có chuyên ngành nhưng thiếu trình độ",
            s["major"].notna() & s["education_level"].isna(),
        ),
        (twice, "Trùng họ tên và ngày sinh với người khác", same > 1),
    )
    out = {}
    for group, problem, mask in problems:
        n = s.loc[mask.fillna(False).astype(bool), "staff_id"].nunique()
        if n:
            out[(group, problem)] = int(n)
    return out


@dataclass(frozen=True)
class Figure:
    """A screen's figure: ``query(store, scope, *args(ctx))`` from ``analytics.queries``,
    reduced by ``ours``; ``pandas(frames, scope, ctx)`` gives the same reduced value."""

    key: str
    label: str  # Vietnamese, for the printed table
    query: str
    args: Callable[[Context], tuple[Any, ...]]
    ours: Callable[[Any], Any]
    pandas: Callable[[Frames, Scope, Context], Any]

    def call(self, store: Store, scope: Scope, ctx: Context) -> Any:
        from analytics import queries

        return getattr(queries, self.query)(store, scope, *self.args(ctx))


FIGURES: tuple[Figure, ...] = (
    Figure(
        "overview",
        "Tổng quan: số liệu chính",
        "overview",
        lambda c: (c.today,),
        _overview_ours,
        _overview_pandas,
    ),
    Figure(
        "distribution",
        "Phân bố theo trình độ",
        "distribution",
        lambda c: ("education_level",),
        _distribution_ours,
        _distribution_pandas(None),
    ),
    Figure(
        "distribution_by_unit",
        "Phân bố trình độ theo đơn vị",
        "distribution",
        lambda c: ("education_level", "unit"),
        _distribution_ours,
        _distribution_pandas("unit"),
    ),
    Figure("people", "Danh sách người", "people", lambda c: (), _people_ours, _people_pandas),
    Figure(
        "placement_summary",
        "Bố trí: số liệu chính",
        "placement_summary",
        lambda c: (),
        _placement_ours,
        _placement_pandas,
    ),
    Figure(
        "gap_counts_field",
        "Bố trí: số người chưa đạt theo lĩnh vực",
        "gap_counts",
        lambda c: ("field",),
        _gap_counts_ours,
        _gap_counts_pandas("field"),
    ),
    Figure(
        "gap_counts_unit",
        "Bố trí: số người chưa đạt theo đơn vị",
        "gap_counts",
        lambda c: ("unit",),
        _gap_counts_ours,
        _gap_counts_pandas("unit"),
    ),
    Figure(
        "grade_mix",
        "Cơ cấu xếp loại",
        "grade_mix",
        lambda c: (),
        _grade_mix_ours,
        _grade_mix_pandas,
    ),
    Figure(
        "plan_counts",
        "Kế hoạch: số nhiệm vụ theo tình trạng",
        "plan_counts",
        lambda c: (c.today,),
        _plan_counts_ours,
        _plan_counts_pandas,
    ),
    Figure(
        "data_quality_summary",
        "Chất lượng dữ liệu: tóm tắt",
        "data_quality_summary",
        lambda c: (),
        _quality_ours,
        _quality_pandas,
    ),
)
