"""The functions that write: a standards edit (``save_standard``) and a progress report entered in
the app (``add_progress_report``). Each checks the actor's role, writes in one transaction,
rebuilds the marts that follow from it and records an audit entry. (Undoing an import is in
``analytics.ingest``.)
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pandas as pd

from analytics import audit, marts
from analytics import categories as cat
from analytics.policy import Action, PermissionDenied, can, may_report_progress, require
from analytics.queries.placements import APPLIES_TO
from analytics.scope import OPERATOR, Account
from analytics.store import Store

STANDARD_EDITABLE = (
    "required",
    "legal_source",
    "note",
    "active",
    "target",
    "applies_to",
    "criterion",
)


def _clean_standard(store: Store, values: dict[str, Any]) -> dict[str, Any]:
    """The editable values of a standard, checked as a whole row (messages in Vietnamese)."""
    clean: dict[str, Any] = {}
    for key in STANDARD_EDITABLE:
        if key in values:
            value = values[key]
            clean[key] = value.strip() if isinstance(value, str) else value
    for key in ("note", "target"):
        if key in clean and not clean[key]:
            clean[key] = None
    standard_id = values.get("standard_id")
    if standard_id is None:
        current: dict[str, Any] = {}
    else:
        rows = store.df("select * from standards where standard_id = ?", [standard_id])
        if rows.empty:
            raise ValueError(f"Không có tiêu chuẩn số {standard_id}.")
        current = rows.iloc[0].to_dict()
    row = {**current, **clean}
    criterion = row.get("criterion")
    if criterion not in cat.CRITERIA:
        raise ValueError(f"Tiêu chí không hợp lệ: {criterion or '(trống)'}")
    applies_to = row.get("applies_to")
    if applies_to not in APPLIES_TO:
        raise ValueError(f"Đối tượng áp dụng không hợp lệ: {applies_to or '(trống)'}")
    if applies_to in {"field", "position"}:
        target = row.get("target")
        if target is None or pd.isna(target) or not str(target).strip():
            what = "lĩnh vực" if applies_to == "field" else "chức vụ"
            raise ValueError(f"Cần chọn {what} mà tiêu chuẩn áp dụng.")
    elif "applies_to" in clean:
        clean["target"] = None
    required = str(row.get("required") or "").strip()
    if not required:
        raise ValueError("Yêu cầu không được để trống.")
    levels = cat.LEVEL_RANKS.get(str(criterion))
    if levels is not None and required not in levels:
        raise ValueError(
            f"Yêu cầu về {cat.CRITERIA[str(criterion)].lower()} phải là một trong các mức: "
            f"{', '.join(levels)}."
        )
    if not str(row.get("legal_source") or "").strip():
        raise ValueError("Cần ghi căn cứ pháp lý của tiêu chuẩn.")
    return clean


def save_standard(
    store: Store,
    values: dict[str, Any],
    changed_by: str,
    *,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> int:
    """Insert (no ``standard_id``) or update a standard; every change kept with who and when.

    Only a role that may edit standards, and not tied to one ward: the frame is every ward's.
    """
    require(actor.role, Action.EDIT_STANDARDS)
    if actor.ward is not None:
        raise PermissionDenied(
            "Khung tiêu chuẩn dùng chung cho mọi phường/xã: chỉ tài khoản cấp thành phố "
            "(không gắn với một phường) được sửa."
        )
    if not changed_by.strip():
        raise ValueError("Cần ghi tên người sửa.")
    clean = _clean_standard(store, values)
    with store.transaction() as cur:
        standard_id = values.get("standard_id")
        if standard_id is None:
            names = ", ".join(clean)
            marks = ", ".join("?" for _ in clean)
            row = cur.execute(
                f"insert into standards ({names}, updated_by) values ({marks}, ?) returning standard_id",
                [*clean.values(), changed_by],
            ).fetchone()
            assert row is not None  # ``returning`` yields the inserted row
            standard_id = int(row[0])
            before = None
            action = "insert"
        else:
            before_df = cur.execute(
                "select * from standards where standard_id = ?", [standard_id]
            ).df()
            if before_df.empty:
                raise ValueError(f"Không có tiêu chuẩn số {standard_id}.")
            before = before_df.iloc[0].to_dict()
            sets = ", ".join(f"{k} = ?" for k in clean)
            cur.execute(
                f"update standards set {sets}, updated_at = current_timestamp, updated_by = ? where standard_id = ?",
                [*clean.values(), changed_by, standard_id],
            )
            action = "update"
            if "active" in clean and bool(before["active"]) != bool(clean["active"]):
                action = "activate" if clean["active"] else "deactivate"
        after = (
            cur.execute("select * from standards where standard_id = ?", [standard_id])
            .df()
            .iloc[0]
            .to_dict()
        )
        cur.execute(
            "insert into standards_history (standard_id, action, before, after, changed_by) values (?, ?, ?, ?, ?)",
            [
                standard_id,
                action,
                json.dumps(before, default=str, ensure_ascii=False) if before else None,
                json.dumps(after, default=str, ensure_ascii=False),
                changed_by,
            ],
        )
        marts.refresh(cur)  # every check and review reason follows the edited standard
    detail = f"Tiêu chuẩn số {standard_id} ({action}), người sửa: {changed_by}"
    audit.record(
        store, actor.username, actor.role, "standards_edit", detail=detail, address=address
    )
    return int(standard_id)


def add_progress_report(
    store: Store,
    *,
    ward: str,
    task_code: str,
    report_date: dt.date,
    status: str,
    percent: float | None,
    deliverable: str | None,
    note: str | None,
    reported_by: str,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> None:
    """Append a progress report entered in the app; history is never overwritten.

    hr reports on any task (of their own ward when tied to one); a unit head on the tasks their
    unit leads.
    """
    if not (can(actor.role, Action.UPDATE_PLAN) or can(actor.role, Action.REPORT_OWN_PROGRESS)):
        require(actor.role, Action.UPDATE_PLAN)
    if actor.ward is not None and ward != actor.ward:
        raise PermissionDenied(f"Tài khoản này chỉ được báo cáo tiến độ của {actor.ward}.")
    if status not in cat.PLAN_STATUSES:
        raise ValueError(f"Tình trạng không hợp lệ: {status}")
    if percent is not None and not 0 <= percent <= 100:
        raise ValueError("Tỷ lệ hoàn thành phải từ 0 đến 100.")
    if not reported_by.strip():
        raise ValueError("Cần ghi tên người báo cáo.")
    known = store.execute(
        "select lead_unit from plan_tasks where ward = ? and task_code = ? limit 1",
        [ward, task_code],
    )
    if not known:
        raise ValueError(f"Nhiệm vụ {task_code} không có trong kế hoạch của {ward}.")
    if not may_report_progress(actor.role, actor.unit, known[0][0]):
        raise PermissionDenied(
            f"Nhiệm vụ {task_code} do “{known[0][0]}” chủ trì: trưởng đơn vị chỉ báo cáo tiến độ "
            "các nhiệm vụ đơn vị mình chủ trì."
        )
    with store.transaction() as cur:
        cur.execute(
            """
            insert into progress_reports
                (ward, task_code, report_date, status, percent, deliverable, note, reported_by)
            values (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                ward,
                task_code,
                report_date,
                status,
                percent,
                deliverable or None,
                note or None,
                reported_by,
            ],
        )
        marts.refresh(cur, only=("plan_tasks",))
    detail = f"{ward}, nhiệm vụ {task_code}: {status}" + (
        f", {percent:g}%" if percent is not None else ""
    )
    audit.record(store, actor.username, actor.role, "plan_update", detail=detail, address=address)
