"""The dashboard's screens, in the navigation's order: one list read by dashboard.py (the
navigation), the screenshot script and the tests. Plain data: importing it runs no app."""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from analytics.policy import Action


class Screen(NamedTuple):
    path: str  # the page's script, relative to dashboard.py
    title: str
    icon: str  # a Material icon's name
    url: str  # the screen's own path in the address bar
    action: Action  # the permission that opens it


SCREENS: tuple[Screen, ...] = (
    Screen("pages/1_tong_quan.py", "Tổng quan", "home", "tong-quan", Action.VIEW_AGGREGATES),
    Screen("pages/2_trinh_do.py", "Trình độ đội ngũ", "school", "trinh-do", Action.VIEW_AGGREGATES),
    Screen("pages/3_bo_tri.py", "Bố trí theo tiêu chuẩn", "rule", "bo-tri", Action.VIEW_AGGREGATES),
    Screen(
        "pages/4_danh_gia.py", "Đánh giá, xếp loại", "grade", "danh-gia", Action.VIEW_AGGREGATES
    ),
    Screen(
        "pages/5_ke_hoach.py", "Tiến độ kế hoạch", "event_note", "ke-hoach", Action.VIEW_AGGREGATES
    ),
    Screen(
        "pages/12_ke_hoach_nhan_su.py",
        "Kế hoạch nhân sự",
        "groups",
        "ke-hoach-nhan-su",
        Action.VIEW_AGGREGATES,
    ),
    Screen("pages/6_du_lieu.py", "Dữ liệu", "upload_file", "du-lieu", Action.VIEW_IMPORT_HISTORY),
    Screen("pages/7_bao_cao.py", "Báo cáo họp", "picture_as_pdf", "bao-cao", Action.EXPORT),
    Screen(
        "pages/10_trinh_chieu.py", "Trình chiếu", "slideshow", "trinh-chieu", Action.VIEW_AGGREGATES
    ),
    Screen(
        "pages/11_so_sanh_phuong.py",
        "So sánh phường",
        "compare_arrows",
        "so-sanh-phuong",
        Action.VIEW_AGGREGATES,
    ),
    Screen("pages/8_nhat_ky.py", "Nhật ký truy cập", "history", "nhat-ky", Action.VIEW_AUDIT),
    Screen(
        "pages/9_tai_khoan.py", "Tài khoản", "manage_accounts", "tai-khoan", Action.MANAGE_ACCOUNTS
    ),
)


# Screens shown only to an account whose scope holds more than one ward (the comparison).
MULTI_WARD_SCREENS: frozenset[str] = frozenset({"pages/11_so_sanh_phuong.py"})


def first_screen(allowed: Callable[[Action], bool]) -> Screen:
    """The first screen ``allowed(action)`` opens (where a sign-in lands)."""
    return next(s for s in SCREENS if allowed(s.action))
