"""The audit log: who did what, when and from where. Append-only, hash-chained.

Nothing here updates or deletes a row; each entry stores the SHA-256 of the entry before it, so a
row edited or removed behind the application's back shows in ``verify``.

>>> from analytics.store import Store
>>> store = Store(":memory:")
>>> record(store, "tochuc", "hr", "signin", detail="Đăng nhập")
1
>>> verify(store)
True
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

import pandas as pd

from analytics import policy
from analytics.policy import Action
from analytics.scope import Account
from analytics.store import Store

VIETNAM = dt.timezone(dt.timedelta(hours=7), "ICT")  # no daylight saving since 1975

# action code -> what the screen calls it
ACTIONS: dict[str, str] = {
    "signin": "Đăng nhập",
    "signout": "Đăng xuất",
    "session_expired": "Hết phiên (không thao tác)",
    "import": "Nhập tệp",
    "undo_import": "Hoàn tác lần nhập",
    "export": "Xuất tệp báo cáo",
    "download_people": "Tải danh sách người",
    "download_original": "Tải tệp gốc",
    "download_archive": "Tải bản xuất đã lưu",
    "download_audit": "Tải nhật ký",
    "standards_edit": "Sửa khung tiêu chuẩn",
    "plan_update": "Cập nhật tiến độ kế hoạch",
    "staffing_edit": "Cập nhật hồ sơ phường, biên chế được giao",
    "account_add": "Tạo tài khoản",
    "account_disable": "Khóa tài khoản",
    "account_enable": "Mở lại tài khoản",
    "account_password": "Đặt lại mật khẩu",
    "denied": "Bị từ chối (không đủ quyền)",
}
OUTCOMES: dict[str, str] = {
    "ok": "Thành công",
    "failed": "Không thành công",
    "refused": "Bị từ chối",
    "rejected": "Tệp bị từ chối",
}
MAX_DETAIL = 2000  # characters kept of a detail (a file name, a filter, an error)


def utc_now() -> dt.datetime:
    """The time stored everywhere: UTC, without a zone (DuckDB ``timestamp``)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def as_utc(value: dt.datetime) -> dt.datetime:
    """A time as stored: UTC without a zone (a time with a zone is converted; one without is
    taken as UTC already)."""
    if value.tzinfo is None:
        return value
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def vietnam_time(value: dt.datetime) -> dt.datetime:
    """A stored UTC time as the wall clock in Việt Nam."""
    return value.replace(tzinfo=dt.UTC).astimezone(VIETNAM)


def _digest(prev: str | None, entry: dict[str, Any]) -> str:
    payload = json.dumps(entry, ensure_ascii=False, sort_keys=True, default=str)
    return hashlib.sha256(f"{prev or ''}\n{payload}".encode()).hexdigest()


def _clip(text: object) -> str | None:
    if text is None:
        return None
    value = str(text)
    return value if len(value) <= MAX_DETAIL else value[: MAX_DETAIL - 1] + "…"


def record(
    store: Store,
    username: str | None,
    role: str | None,
    action: str,
    *,
    outcome: str = "ok",
    detail: object = None,
    address: str | None = None,
    at: dt.datetime | None = None,
) -> int:
    """Append one entry; returns its id (0 on a store opened read-only, which cannot hold one:
    whoever opens the file read-only has the file itself, so there is nothing to record)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if outcome not in OUTCOMES:
        raise ValueError(f"unknown audit outcome {outcome!r}")
    if store.read_only:
        return 0
    entry = {
        "at": as_utc(at) if at else utc_now(),
        "username": _clip(username),
        "role": role,
        "action": action,
        "outcome": outcome,
        "detail": _clip(detail),
        "address": _clip(address),
    }
    with store.transaction() as cur:
        last = cur.execute(
            "select audit_id, hash from audit_log order by audit_id desc limit 1"
        ).fetchone()
        prev = str(last[1]) if last else None
        audit_id = int(last[0]) + 1 if last else 1
        digest = _digest(prev, {"audit_id": audit_id, **entry})
        cur.execute(
            """
            insert into audit_log
                (audit_id, occurred_at, username, role, action, outcome, detail, address,
                 prev_hash, hash)
            values ($audit_id, $at, $username, $role, $action, $outcome, $detail, $address,
                    $prev, $hash)
            """,
            {"audit_id": audit_id, **entry, "prev": prev, "hash": digest},
        )
        cur.execute("delete from audit_head")
        cur.execute("insert into audit_head values (?, ?)", [audit_id, digest])
    return audit_id


def require(
    store: Store,
    actor: Account,
    action: Action,
    *,
    logged_as: str,
    detail: object = None,
    address: str | None = None,
) -> None:
    """``policy.require`` for a write: a refusal is written to the log (``logged_as``, outcome
    "refused") before ``PermissionDenied`` is raised."""
    try:
        policy.require(actor.role, action)
    except policy.PermissionDenied:
        record(
            store, actor.username, actor.role, logged_as, outcome="refused", detail=detail,
            address=address,
        )  # fmt: skip
        raise


def verify(store: Store) -> bool:
    """True when every entry still matches its hash and follows the one before it, the ids run
    without a gap from 1, and the newest one is the head recorded with it (nothing removed from
    the end)."""
    head = store.execute("select last_id, last_hash from audit_head")
    rows = store.execute(
        "select audit_id, occurred_at, username, role, action, outcome, detail, address, "
        "prev_hash, hash "
        "from audit_log order by audit_id"
    )
    if len(head) > 1 or (not rows and head):
        return False
    if rows and (not head or (rows[-1][0], rows[-1][-1]) != (head[0][0], head[0][1])):
        return False
    prev: str | None = None
    for expected, row in enumerate(rows, start=1):
        audit_id, at, username, role, action, outcome, detail, address, prev_hash, digest = row
        if audit_id != expected:
            return False
        entry = {
            "audit_id": audit_id,
            "at": at,
            "username": username,
            "role": role,
            "action": action,
            "outcome": outcome,
            "detail": detail,
            "address": address,
        }
        if prev_hash != prev or digest != _digest(prev, entry):
            return False
        prev = digest
    return True


def entries(
    store: Store,
    *,
    since: dt.date | None = None,
    until: dt.date | None = None,
    usernames: tuple[str, ...] = (),
    actions: tuple[str, ...] = (),
    limit: int | None = None,
) -> pd.DataFrame:
    """Entries newest first, times in Vietnam time; dates are Vietnam calendar days."""
    start = (
        dt.datetime.combine(since, dt.time(), VIETNAM).astimezone(dt.UTC).replace(tzinfo=None)
        if since
        else None
    )
    end = (
        dt.datetime.combine(until + dt.timedelta(days=1), dt.time(), VIETNAM)
        .astimezone(dt.UTC)
        .replace(tzinfo=None)
        if until
        else None
    )
    frame = store.df(
        """
        select audit_id, occurred_at as at, username, role, action, outcome, detail, address
        from audit_log
        where ($start::timestamp is null or occurred_at >= $start::timestamp)
          and ($end::timestamp is null or occurred_at < $end::timestamp)
          and (len($users::varchar[]) = 0 or list_contains($users::varchar[], username))
          and (len($actions::varchar[]) = 0 or list_contains($actions::varchar[], action))
        order by audit_id desc
        limit coalesce($limit::bigint, 9223372036854775807)
        """,
        {
            "start": start,
            "end": end,
            "users": list(usernames),
            "actions": list(actions),
            "limit": limit,
        },
    )
    if not frame.empty:
        frame["at"] = [vietnam_time(v.to_pydatetime()).replace(tzinfo=None) for v in frame["at"]]
    frame["action_label"] = frame["action"].map(ACTIONS).fillna(frame["action"])
    frame["outcome_label"] = frame["outcome"].map(OUTCOMES).fillna(frame["outcome"])
    return frame


def usernames(store: Store) -> list[str]:
    """Everyone the log names, for the screen's filter."""
    rows = store.execute(
        "select distinct username from audit_log where username is not null order by 1"
    )
    return [str(r[0]) for r in rows]
