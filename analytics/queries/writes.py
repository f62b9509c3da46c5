"""The functions that write: a standards edit (``save_standard``), a progress report entered in
the app (``add_progress_report``), a ward's profile (``save_ward_profile``) and a quota decision
(``add_staffing_quota``). Each checks the actor's role, writes in one transaction, rebuilds the
marts that follow from it (none follows from the staffing tables: the staffing query reads them
directly) and records an audit entry. (Undoing an import is in ``analytics.ingest``.)
"""

from __future__ import annotations

import datetime as dt
import json
import numbers
from typing import Any

import pandas as pd

from analytics import audit, marts
from analytics import categories as cat
from analytics.labels import number_vn
from analytics.policy import (
    Action,
    PermissionDenied,
    can,
    may_report_progress,
    require,
    require_ward,
)
from analytics.queries.placements import APPLIES_TO
from analytics.queries.staffing import norm_kinds, staffing_wards
from analytics.scope import OPERATOR, Account, Scope
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


# ---------------------------------------------------------------- staffing (issue 11)
#: The sane ranges a form cannot exceed: the largest commune-level unit has a few hundred
#: thousand residents and a norm of at most 70 people (CV 09/CV-BCĐ), so more is a typing slip.
MAX_RESIDENTS = 5_000_000
MAX_QUOTA = 500


def latest_quota_start(today: dt.date) -> dt.date:
    """The latest day a quota decision entered ``today`` may start: one year ahead (a decision
    is entered when it is signed, so a later date is a typing slip).

    >>> latest_quota_start(dt.date(2026, 12, 4)), latest_quota_start(dt.date(2028, 2, 29))
    (datetime.date(2027, 12, 4), datetime.date(2029, 2, 28))
    """
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year + 1, day=28)


_STAFFING_EDIT = "sửa hồ sơ phường và biên chế được giao"


def _text(values: dict[str, Any], key: str) -> str:
    value = values.get(key)
    return value.strip() if isinstance(value, str) else ""


def _whole(value: object) -> int | None:
    """A whole number as typed (an integer, or a number with nothing after the point), else
    None; a yes/no is not a number."""
    if isinstance(value, bool):
        return None
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, numbers.Real):
        number = float(value)
        return int(number) if number.is_integer() else None
    return None


def _allow_staffing_edit(
    store: Store, actor: Account, ward: str, *, detail: str, address: str | None
) -> None:
    """The role may edit staffing, and this ward (a ward officer: their own). A refusal is
    written to the audit log before it is raised."""
    try:
        require(actor.role, Action.EDIT_STAFFING)
        require_ward(actor.ward, ward, _STAFFING_EDIT)
    except PermissionDenied:
        audit.record(
            store, actor.username, actor.role, "staffing_edit", outcome="refused",
            detail=detail, address=address,
        )  # fmt: skip
        raise


def _profile_text(row: dict[str, Any]) -> str:
    residents = row.get("residents")
    people = (
        "chưa có số dân"
        if residents is None or pd.isna(residents)
        else f"{number_vn(int(residents))} dân"
    )
    area = "miền núi" if row.get("mountain") else "không miền núi"
    return f"{row.get('kind')}, {people}, {area}"


def save_ward_profile(
    store: Store,
    values: dict[str, Any],
    changed_by: str,
    *,
    actor: Account = OPERATOR,
    address: str | None = None,
) -> dict[str, Any]:
    """Insert or replace one ward's profile (``ward_profiles``): ``values`` holds ward, kind (a
    kind of ``staffing_norm_rules``), residents (a whole number ≥ 0, or None: not known yet),
    mountain (bool) and legal_source. Returns the row as saved. The norm follows at once (the
    staffing query reads the profile); the previous figures are kept in the audit entry.

    hr only; a ward officer only for their own ward.

    >>> # save_ward_profile(store, {"ward": "Phường A", "kind": "phường", "residents": 30000,
    >>> #     "mountain": False, "legal_source": "Niên giám thống kê 2025"}, "Lê Thị Tổ", actor=hr)
    """
    ward = _text(values, "ward")
    _allow_staffing_edit(store, actor, ward, detail=f"Hồ sơ {ward or '(trống)'}", address=address)
    if not ward:
        raise ValueError("Cần chọn phường/xã.")
    kinds = norm_kinds(store)
    kind = _text(values, "kind")
    if kind not in kinds:
        raise ValueError(
            f"Loại đơn vị không hợp lệ: {kind or '(trống)'}. Chọn một trong: {', '.join(kinds)}."
        )
    raw_residents = values.get("residents")
    residents = None if raw_residents is None else _whole(raw_residents)
    if raw_residents is not None and (residents is None or residents < 0):
        raise ValueError("Số dân phải là số nguyên không âm (để trống nếu chưa có số liệu).")
    if residents is not None and residents > MAX_RESIDENTS:
        raise ValueError(
            f"Số dân {number_vn(residents)} vượt quá {number_vn(MAX_RESIDENTS)}: hãy kiểm tra lại."
        )
    mountain = values.get("mountain", False)
    if not isinstance(mountain, bool):
        raise ValueError("Ô “Miền núi” chỉ nhận có hoặc không.")
    legal_source = _text(values, "legal_source")
    if not legal_source:
        raise ValueError(
            "Cần ghi căn cứ (quyết định, số liệu dân số) của hồ sơ phường/xã, ví dụ: "
            "Niên giám thống kê 2025."
        )
    if not changed_by.strip():
        raise ValueError("Cần ghi tên người cập nhật.")
    row = {
        "ward": ward,
        "kind": kind,
        "residents": residents,
        "mountain": mountain,
        "legal_source": legal_source,
    }
    with store.transaction() as cur:
        before = cur.execute("select * from ward_profiles where ward = ?", [ward]).df()
        cur.execute(
            """
            insert into ward_profiles (ward, kind, residents, mountain, legal_source)
            values ($ward, $kind, $residents, $mountain, $legal_source)
            on conflict (ward) do update set
                kind = excluded.kind,
                residents = excluded.residents,
                mountain = excluded.mountain,
                legal_source = excluded.legal_source
            """,
            row,
        )
    previous = "hồ sơ mới" if before.empty else f"trước: {_profile_text(before.iloc[0].to_dict())}"
    detail = (
        f"Hồ sơ {ward}: {_profile_text(row)} ({previous}); căn cứ: {legal_source}; "
        f"người cập nhật: {changed_by.strip()}"
    )
    audit.record(store, actor.username, actor.role, "staffing_edit", detail=detail, address=address)
    return row


def add_staffing_quota(
    store: Store,
    values: dict[str, Any],
    changed_by: str,
    *,
    actor: Account = OPERATOR,
    address: str | None = None,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Append a quota decision (``staffing_quotas``): ``values`` holds ward, unit (None: the
    whole ward; else a unit of the ward's latest roster), quota (a whole number 0–500),
    decided_by (the decision's number), valid_from (a date at most a year after ``today``) and
    legal_source. Earlier decisions are kept; the latest one in force is counted. A second
    decision for the same ward, unit and date is refused. Returns the row as saved.

    hr only; a ward officer only for their own ward.

    >>> # add_staffing_quota(store, {"ward": "Phường A", "unit": None, "quota": 45,
    >>> #     "decided_by": "QĐ 12/QĐ-UBND", "valid_from": dt.date(2026, 1, 1),
    >>> #     "legal_source": "QĐ 12/QĐ-UBND ngày 20/12/2025"}, "Lê Thị Tổ", actor=hr)
    """
    ward = _text(values, "ward")
    unit = _text(values, "unit") or None
    where = f"{ward or '(trống)'}, {unit or 'cả phường/xã'}"
    _allow_staffing_edit(store, actor, ward, detail=f"Biên chế {where}", address=address)
    if not ward:
        raise ValueError("Cần chọn phường/xã.")
    quota = _whole(values.get("quota"))
    if quota is None or not 0 <= quota <= MAX_QUOTA:
        raise ValueError(f"Số biên chế phải là số nguyên từ 0 đến {number_vn(MAX_QUOTA)}.")
    decided_by = _text(values, "decided_by")
    if not decided_by:
        raise ValueError("Cần ghi số quyết định giao biên chế, ví dụ: QĐ 123/QĐ-UBND.")
    valid_from = values.get("valid_from")
    if isinstance(valid_from, dt.datetime):
        valid_from = valid_from.date()
    if not isinstance(valid_from, dt.date):
        raise ValueError("Cần ghi ngày áp dụng (ngày/tháng/năm).")
    latest = latest_quota_start(today or dt.date.today())
    if valid_from > latest:
        raise ValueError(
            f"Ngày áp dụng {valid_from:%d/%m/%Y} quá xa: chỉ nhận quyết định áp dụng đến "
            f"{latest:%d/%m/%Y} (một năm kể từ hôm nay)."
        )
    if unit is not None:
        wards = staffing_wards(store, Scope(wards=(ward,)))
        units = [] if wards.empty else list(wards.iloc[0]["units"])
        if unit not in units:
            raise ValueError(
                f"Đơn vị “{unit}” không có trong danh sách nhân sự mới nhất của {ward}: chọn một "
                "đơn vị của danh sách, hoặc cả phường/xã."
            )
    legal_source = _text(values, "legal_source")
    if not legal_source:
        raise ValueError("Cần ghi căn cứ của biên chế được giao (văn bản giao biên chế).")
    if not changed_by.strip():
        raise ValueError("Cần ghi tên người cập nhật.")
    row = {
        "ward": ward,
        "unit": unit,
        "quota": quota,
        "decided_by": decided_by,
        "valid_from": valid_from,
        "legal_source": legal_source,
    }
    with store.transaction() as cur:
        same = cur.execute(
            """
            select decided_by, quota
            from staffing_quotas
            where ward = $ward and unit is not distinct from $unit and valid_from = $valid_from
            """,
            {"ward": ward, "unit": unit, "valid_from": valid_from},
        ).fetchone()
        if same is not None:
            raise ValueError(
                f"Đã có biên chế của {where} áp dụng từ {valid_from:%d/%m/%Y} "
                f"({same[0]}: {number_vn(int(same[1]))} người). Mỗi quyết định mới cần một "
                "ngày áp dụng khác; quyết định cũ được giữ trong lịch sử."
            )
        cur.execute(
            """
            insert into staffing_quotas (ward, unit, quota, decided_by, valid_from, legal_source)
            values ($ward, $unit, $quota, $decided_by, $valid_from, $legal_source)
            """,
            row,
        )
    detail = (
        f"Biên chế {where}: {number_vn(quota)} người theo {decided_by}, áp dụng từ "
        f"{valid_from:%d/%m/%Y}; căn cứ: {legal_source}; người cập nhật: {changed_by.strip()}"
    )
    audit.record(store, actor.username, actor.role, "staffing_edit", detail=detail, address=address)
    return row
