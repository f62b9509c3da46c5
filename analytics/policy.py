"""Who may do what: the one place every permission is decided.

The navigation, the pages, the exports and the write functions all ask ``can(role, action)``
(or ``require``), so a write called from anywhere checks the role. No Streamlit here.

>>> can("viewer", Action.VIEW_PEOPLE)
False
>>> can("hr", Action.IMPORT)
True
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, get_args

from analytics.ingest.normalize import fold

Role = Literal["leader", "hr", "unit_head", "viewer"]
ROLES: tuple[Role, ...] = get_args(Role)

ROLE_LABELS: dict[str, str] = {
    "leader": "Lãnh đạo phường",
    "hr": "Cán bộ tổ chức (nhân sự)",
    "unit_head": "Trưởng đơn vị",
    "viewer": "Người xem (chỉ số liệu tổng hợp)",
}


class Action(StrEnum):
    """Everything a reader or writer can ask to do."""

    VIEW_AGGREGATES = "view_aggregates"  # counts, shares, charts
    VIEW_PEOPLE = "view_people"  # names, a person's row, people lists, drill-downs
    DOWNLOAD_PEOPLE = "download_people"  # CSV of a people list
    EXPORT = "export"  # meeting files (Excel, PDF, images); people parts only with VIEW_PEOPLE
    VIEW_ARCHIVE = "view_archive"  # the kept exports (each filtered by what it shows)
    VIEW_IMPORT_HISTORY = "view_import_history"
    VIEW_DATA_QUALITY = "view_data_quality"
    DOWNLOAD_ORIGINAL = "download_original"  # an imported file, byte for byte: the whole ward
    IMPORT = "import"
    UNDO_IMPORT = "undo_import"
    EDIT_STANDARDS = "edit_standards"
    EDIT_STAFFING = "edit_staffing"  # a ward's profile (residents, kind) and its quota decisions
    UPDATE_PLAN = "update_plan"  # progress reports on any task
    REPORT_OWN_PROGRESS = "report_own_progress"  # progress reports on the own unit's tasks
    MANAGE_ACCOUNTS = "manage_accounts"
    VIEW_AUDIT = "view_audit"


_READ = frozenset({Action.VIEW_AGGREGATES, Action.EXPORT, Action.VIEW_ARCHIVE})
_PEOPLE = _READ | {
    Action.VIEW_PEOPLE,
    Action.DOWNLOAD_PEOPLE,
    Action.VIEW_IMPORT_HISTORY,
    Action.VIEW_DATA_QUALITY,
}
_LEADER = _PEOPLE | {Action.DOWNLOAD_ORIGINAL, Action.VIEW_AUDIT}

PERMISSIONS: dict[str, frozenset[Action]] = {
    "viewer": _READ,
    # Only their own unit (Scope.effective); originals hold the whole ward, so none.
    "unit_head": _PEOPLE | {Action.REPORT_OWN_PROGRESS},
    "leader": _LEADER,
    "hr": _LEADER
    | {
        Action.IMPORT,
        Action.UNDO_IMPORT,
        Action.EDIT_STANDARDS,
        Action.EDIT_STAFFING,
        Action.UPDATE_PLAN,
        Action.REPORT_OWN_PROGRESS,
        Action.MANAGE_ACCOUNTS,
    },
}

_REFUSALS: dict[Action, str] = {
    Action.VIEW_PEOPLE: "chỉ được xem số liệu tổng hợp, không xem tên hay danh sách người",
    Action.DOWNLOAD_PEOPLE: "không được tải danh sách người",
    Action.DOWNLOAD_ORIGINAL: "không được tải tệp gốc (tệp gốc chứa dữ liệu của cả phường)",
    Action.VIEW_IMPORT_HISTORY: "không được xem lịch sử nhập tệp",
    Action.VIEW_DATA_QUALITY: "không được xem báo cáo chất lượng dữ liệu (có tên người)",
    Action.IMPORT: "không được nhập tệp (việc của cán bộ tổ chức)",
    Action.UNDO_IMPORT: "không được hoàn tác lần nhập (việc của cán bộ tổ chức)",
    Action.EDIT_STANDARDS: "không được sửa khung tiêu chuẩn (việc của cán bộ tổ chức)",
    Action.EDIT_STAFFING: (
        "không được sửa hồ sơ phường và biên chế được giao (việc của cán bộ tổ chức)"
    ),
    Action.UPDATE_PLAN: "không được cập nhật tiến độ kế hoạch",
    Action.REPORT_OWN_PROGRESS: "không được báo cáo tiến độ",
    Action.MANAGE_ACCOUNTS: "không được quản lý tài khoản (việc của cán bộ tổ chức)",
    Action.VIEW_AUDIT: "không được xem nhật ký truy cập",
}


class PermissionDenied(PermissionError):
    """The role does not allow this action. The message is Vietnamese, for the user."""


def can(role: str | None, action: Action) -> bool:
    """Whether ``role`` may do ``action``; an unknown or missing role may do nothing."""
    return action in PERMISSIONS.get(role or "", frozenset())


def require(role: str | None, action: Action) -> None:
    """Raise ``PermissionDenied`` unless ``role`` may do ``action``."""
    if not can(role, action):
        label = ROLE_LABELS.get(role or "", "Người chưa đăng nhập")
        reason = _REFUSALS.get(action, "không được làm việc này")
        raise PermissionDenied(f"Vai trò “{label}” {reason}.")


def may_write_ward(account_ward: str | None, ward: str) -> bool:
    """An account tied to one ward writes only that ward's records; a city account (no ward)
    any ward's.

    >>> may_write_ward("Phường Việt Hòa", "Phường Tân Hưng"), may_write_ward(None, "Phường Tân Hưng")
    (False, True)
    """
    return account_ward is None or ward == account_ward


def require_ward(account_ward: str | None, ward: str, what: str) -> None:
    """Raise ``PermissionDenied`` unless the account may write ``ward``'s records; ``what`` says
    what it tried, in Vietnamese ("sửa hồ sơ phường")."""
    if not may_write_ward(account_ward, ward):
        raise PermissionDenied(
            f"Tài khoản gắn với {account_ward} chỉ được {what} của {account_ward}, "
            f"không phải của {ward}."
        )


def role_label(role: str | None) -> str:
    return ROLE_LABELS.get(role or "", role or "—")


# A task "led by all units" (the plan's "Các cơ quan, đơn vị …") is every unit's to report on.
_ALL_UNITS_PREFIXES = ("cac co quan", "cac don vi", "tat ca", "toan the")


def leads_task(unit: str | None, lead_unit: str | None) -> bool:
    """Whether ``unit`` leads (chủ trì) a task whose lead is written ``lead_unit``, read as the
    importers read names: whatever the dashes, tone placement or composition.

    >>> leads_task("Phòng Văn hóa – Xã hội", "Phòng Kinh tế, Hạ tầng và Đô thị, Phòng Văn hoá - Xã hội")
    True
    """
    if not unit or not lead_unit:
        return False
    lead, own = fold(lead_unit), fold(unit)
    return bool(own) and (lead.startswith(_ALL_UNITS_PREFIXES) or f" {own} " in f" {lead} ")


def may_report_progress(role: str | None, unit: str | None, lead_unit: str | None) -> bool:
    """hr reports on any task; a unit head on the tasks their unit leads."""
    if can(role, Action.UPDATE_PLAN):
        return True
    return can(role, Action.REPORT_OWN_PROGRESS) and leads_task(unit, lead_unit)
