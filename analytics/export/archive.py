"""The snapshot archive: every exported file kept (filters, data version, time, by whom) and
downloadable again; two snapshots compared: what changed between two meetings.

The comparison reads the figures stored with each file (head count and people, qualification
shares, gaps as staff_id + criterion, task statuses), never today's data.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from analytics import queries
from analytics.charts.base import date_vn
from analytics.export.content import BELOW, VIEWS, Snapshot
from analytics.scope import Scope
from analytics.store import Store

KIND_LABELS = {"xlsx": "Excel", "pdf": "PDF", "png": "Ảnh PNG", "zip": "Ảnh + CSV (zip)"}


def record(store: Store, snapshot: Snapshot, *, kind: str, file_name: str, data: bytes) -> int:
    """Keep one exported file with what it showed; returns its number in the archive."""
    scope = json.dumps(dataclasses.asdict(snapshot.scope), ensure_ascii=False)
    figures = json.dumps(snapshot.figures, ensure_ascii=False, default=str)
    with store.transaction() as cur:
        row = cur.execute(
            """
            insert into exports (kind, view, scope, scope_text, data_version, as_of, created_at,
                                 created_by, file_name, size_bytes, bytes, figures)
            values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            returning export_id
            """,
            [
                kind,
                snapshot.view,
                scope,
                snapshot.filters,
                snapshot.data_version,
                snapshot.as_of,
                snapshot.made_at,
                snapshot.made_by,
                file_name,
                len(data),
                data,
                figures,
            ],
        ).fetchone()
    return int(row[0]) if row else 0


def list_exports(store: Store, scope: Scope | None = None) -> pd.DataFrame:
    """The archive, newest first, without the files' bytes.

    With ``scope``: only what that reader may open again (a viewer: files made for viewers; a
    unit head: files of their own unit).
    """
    frame = store.df(
        """
        select export_id, kind, view, scope, scope_text, data_version, as_of, created_at,
               created_by, file_name, size_bytes
        from exports
        order by created_at desc, export_id desc
        """
    )
    frame["kind_label"] = frame["kind"].map(KIND_LABELS).fillna(frame["kind"])
    frame["view_label"] = frame["view"].map(VIEWS).fillna(frame["view"])
    if scope is not None and not frame.empty:
        keep = [may_open(scope, scope_from_json(s)) for s in frame["scope"]]
        frame = frame[keep].reset_index(drop=True)
    return frame


def scope_from_json(text: str) -> Scope:
    values = json.loads(text)
    fields = {f.name for f in dataclasses.fields(Scope)}
    clean: dict[str, Any] = {
        k: tuple(v) if isinstance(v, list) else v for k, v in values.items() if k in fields
    }
    return Scope(**clean)


def may_open(reader: Scope, made_for: Scope) -> bool:
    """A reader may open a kept file when it shows nothing their role may not see: no people
    for an aggregates-only reader, only their unit for a unit head, only their ward for an
    account tied to one ward."""
    if not reader.can_see_people and made_for.can_see_people:
        return False
    if reader.role_ward is not None and made_for.effective().wards != (reader.role_ward,):
        return False
    if reader.role == "unit_head":
        return made_for.effective().units == reader.effective().units
    return True


def fetch(store: Store, reader: Scope, export_id: int) -> tuple[str, bytes] | None:
    """(file name, bytes) of a kept file, if ``reader`` may open it (``may_open``)."""
    rows = store.execute(
        "select file_name, bytes, scope from exports where export_id = ?", [export_id]
    )
    if not rows or not may_open(reader, scope_from_json(str(rows[0][2]))):
        return None
    return (str(rows[0][0]), bytes(rows[0][1]))


@dataclass(frozen=True)
class Kept:
    """A kept snapshot's identity and figures."""

    export_id: int
    as_of: dt.date | None
    created_at: dt.datetime
    created_by: str | None
    scope_text: str
    figures: dict[str, Any]

    @property
    def label(self) -> str:
        who = f", {self.created_by}" if self.created_by else ""
        return f"Bản số {self.export_id} (số liệu đến {date_vn(self.as_of)}, lập {self.created_at:%d/%m/%Y %H:%M}{who})"


def kept(store: Store, export_id: int) -> Kept:
    rows = store.execute(
        "select export_id, as_of, created_at, created_by, scope_text, figures from exports where export_id = ?",
        [export_id],
    )
    if not rows:
        raise ValueError(f"Không có bản xuất số {export_id} trong kho lưu.")
    r = rows[0]
    return Kept(int(r[0]), r[1], r[2], r[3], str(r[4]), json.loads(r[5]))


# ==================================================================== comparison
@dataclass(frozen=True)
class GapChange:
    staff_id: str
    full_name: str
    criterion_label: str
    result: str  # the gap's result (chưa đạt | thiếu)
    now: str = ""  # for a closed gap: what became of it

    def text(self) -> str:
        tail = f" — {self.now}" if self.now else ""
        return f"{self.full_name}: {self.criterion_label} ({self.result}){tail}"


@dataclass(frozen=True)
class TaskChange:
    code: str
    title: str
    before: str
    after: str

    def text(self) -> str:
        return f"Nhiệm vụ {self.code}: {self.title} ({self.before} → {self.after})"


@dataclass
class Comparison:
    """What changed from ``before`` to ``after`` (the earlier snapshot first)."""

    before: Kept
    after: Kept
    head_count: tuple[int, int]
    joined: list[str] | None  # names; None where the role did not keep people
    left: list[str] | None
    headline: list[tuple[str, float | None, float | None, str]]  # label, before, after, unit
    shares: pd.DataFrame  # dimension, category, before, after, change (shares 0..1)
    gaps_opened: list[GapChange] | None
    gaps_closed: list[GapChange] | None
    tasks_completed: list[TaskChange]
    tasks_overdue: list[TaskChange]
    warnings: list[str] = field(default_factory=list)

    @property
    def head_count_change(self) -> int:
        return self.head_count[1] - self.head_count[0]

    def lines(self) -> list[str]:
        """The differences as Vietnamese sentences, for the screen and for minutes."""
        out = [*self.warnings]
        a, b = self.head_count
        out.append(f"Tổng số CBCC: {a} → {b} ({b - a:+d} người).")
        if self.joined:
            out.append(f"Mới có trong danh sách ({len(self.joined)}): {', '.join(self.joined)}.")
        if self.left:
            out.append(f"Không còn trong danh sách ({len(self.left)}): {', '.join(self.left)}.")
        for label, before, after, unit in self.headline:
            if before is None or after is None or round(after - before, 4) == 0:
                continue
            if unit == "%":
                out.append(f"{label}: {_pct(before)} → {_pct(after)} ({_points(after - before)}).")
            else:
                out.append(f"{label}: {int(before)} → {int(after)} ({int(after - before):+d}).")
        for r in self.shares.itertuples():
            if abs(r.change) >= 0.0005:
                out.append(
                    f"Tỷ lệ {r.dimension} — {r.category}: {_pct(r.before)} → {_pct(r.after)} ({_points(r.change)})."
                )
        if self.gaps_closed is not None:
            out.append(
                f"Khoảng trống đã đóng ({len(self.gaps_closed)}): "
                + _join(g.text() for g in self.gaps_closed)
            )
            out.append(
                f"Khoảng trống mới ({len(self.gaps_opened or [])}): "
                + _join(g.text() for g in self.gaps_opened or [])
            )
        out.append(
            f"Nhiệm vụ hoàn thành thêm ({len(self.tasks_completed)}): "
            + _join(t.text() for t in self.tasks_completed)
        )
        if self.tasks_overdue:
            out.append(
                f"Nhiệm vụ mới quá hạn ({len(self.tasks_overdue)}): "
                + _join(t.text() for t in self.tasks_overdue)
            )
        return out


def _join(items: Any) -> str:
    items = list(items)
    return "; ".join(items) + "." if items else "không có."


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%".replace(".", ",")


def _points(delta: float) -> str:
    return f"{delta * 100:+.1f} điểm %".replace(".", ",")


_DIMENSION_LABELS = {name: label for name, (label, _) in queries.DIMENSIONS.items()}
_HEADLINE = (
    ("Trình độ đại học trở lên", "university_share", "%"),
    ("LLCT trung cấp trở lên", "political_theory_share", "%"),
    ("Chưa đạt tiêu chuẩn vị trí (người)", "below_standard", "người"),
    ("Trong đó ở lĩnh vực nhạy cảm (người)", "below_standard_sensitive", "người"),
    ("Chưa có dữ liệu để đối chiếu (người)", "no_data", "người"),
)


def compare(store: Store, first_id: int, second_id: int) -> Comparison:
    """Compare two kept snapshots; the one with the earlier data (then the earlier made) is
    'before'."""
    one, two = kept(store, first_id), kept(store, second_id)
    order = sorted((one, two), key=lambda k: (k.as_of or dt.date.min, k.created_at, k.export_id))
    return compare_kept(order[0], order[1])


def compare_kept(before: Kept, after: Kept) -> Comparison:
    a, b = before.figures, after.figures
    warnings = []
    if before.scope_text != after.scope_text:
        warnings.append(
            f"Lưu ý: hai bản có phạm vi lọc khác nhau (“{before.scope_text}” và “{after.scope_text}”), "
            "chênh lệch có thể do phạm vi chứ không do thay đổi thực tế."
        )
    people_a, people_b = a.get("people"), b.get("people")
    joined = left = None
    if people_a is not None and people_b is not None:
        joined = [people_b[s] for s in people_b if s not in people_a]
        left = [people_a[s] for s in people_a if s not in people_b]
    headline = [(label, _num(a.get(key)), _num(b.get(key)), unit) for label, key, unit in _HEADLINE]

    share_rows = []
    for dimension in ("education_level", "political_theory"):
        sa = a.get("shares", {}).get(dimension, {})
        sb = b.get("shares", {}).get(dimension, {})
        present = list(dict.fromkeys([*sa, *sb]))
        for category in queries.category_order(dimension, present):
            if category in sa or category in sb:
                va, vb = float(sa.get(category, 0.0)), float(sb.get(category, 0.0))
                share_rows.append(
                    (_DIMENSION_LABELS[dimension], category, va, vb, round(vb - va, 4))
                )
    shares = pd.DataFrame(
        share_rows, columns=["dimension", "category", "before", "after", "change"]
    )

    opened = closed = None
    if a.get("gaps") is not None and b.get("gaps") is not None:
        opened, closed = _gap_changes(a, b)

    tasks_a, tasks_b = a.get("tasks", {}), b.get("tasks", {})
    completed, overdue = [], []
    for code, task in tasks_b.items():
        was = tasks_a.get(code, {}).get("status", "chưa có trong kế hoạch")
        if task["status"] == "Hoàn thành" and was != "Hoàn thành":
            completed.append(TaskChange(code, task["title"], was, task["status"]))
        if task["status"] == "Quá hạn" and was != "Quá hạn":
            overdue.append(TaskChange(code, task["title"], was, task["status"]))
    return Comparison(
        before=before,
        after=after,
        head_count=(int(a.get("head_count") or 0), int(b.get("head_count") or 0)),
        joined=joined,
        left=left,
        headline=headline,
        shares=shares,
        gaps_opened=opened,
        gaps_closed=closed,
        tasks_completed=completed,
        tasks_overdue=overdue,
        warnings=warnings,
    )


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _gap_changes(a: dict[str, Any], b: dict[str, Any]) -> tuple[list[GapChange], list[GapChange]]:
    """Gaps below the standard (chưa đạt, thiếu) keyed by staff_id + criterion."""

    def below(figures: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
        return {(g["staff_id"], g["criterion"]): g for g in figures["gaps"] if g["result"] in BELOW}

    gaps_a, gaps_b = below(a), below(b)
    all_b = {(g["staff_id"], g["criterion"]): g for g in b["gaps"]}
    checked_b = {c: set(ids) for c, ids in (b.get("checked") or {}).items()}
    people_b = b.get("people") or {}

    opened = [
        GapChange(g["staff_id"], g["full_name"], g["criterion_label"], g["result"])
        for key, g in gaps_b.items()
        if key not in gaps_a
    ]
    closed = []
    for key, g in gaps_a.items():
        if key in gaps_b:
            continue
        staff_id, criterion = key
        if staff_id not in people_b:
            now = "không còn trong danh sách"
        elif key in all_b:
            now = f"nay {all_b[key]['result']}"
        elif staff_id in checked_b.get(criterion, set()):
            now = "nay đạt"
        else:
            now = "tiêu chuẩn không còn áp dụng"
        closed.append(GapChange(staff_id, g["full_name"], g["criterion_label"], g["result"], now))
    return opened, closed
