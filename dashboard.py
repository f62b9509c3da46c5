"""Entry point: page config, sign-in, navigation (pages chosen by the account's role) and the
shared sidebar. No queries."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

import streamlit as st

from analytics.policy import Action, can
from ui import auth, data
from ui.errors import guarded
from ui.filters import sidebar

st.set_page_config(
    page_title="Chất lượng đội ngũ CBCC", page_icon=":material/groups:", layout="wide"
)

WANTED_KEY = "_wanted_screen"  # the screen of the link opened before sign-in
# (file, title, icon, url path, the permission that opens it)
SCREENS = (
    ("pages/1_tong_quan.py", "Tổng quan", "home", "tong-quan", Action.VIEW_AGGREGATES),
    ("pages/2_trinh_do.py", "Trình độ đội ngũ", "school", "trinh-do", Action.VIEW_AGGREGATES),
    ("pages/3_bo_tri.py", "Bố trí theo tiêu chuẩn", "rule", "bo-tri", Action.VIEW_AGGREGATES),
    ("pages/4_danh_gia.py", "Đánh giá, xếp loại", "grade", "danh-gia", Action.VIEW_AGGREGATES),
    ("pages/5_ke_hoach.py", "Tiến độ kế hoạch", "event_note", "ke-hoach", Action.VIEW_AGGREGATES),
    ("pages/6_du_lieu.py", "Dữ liệu", "upload_file", "du-lieu", Action.VIEW_IMPORT_HISTORY),
    ("pages/7_bao_cao.py", "Báo cáo họp", "picture_as_pdf", "bao-cao", Action.EXPORT),
    ("pages/10_trinh_chieu.py", "Trình chiếu", "slideshow", "trinh-chieu", Action.VIEW_AGGREGATES),
    ("pages/8_nhat_ky.py", "Nhật ký truy cập", "history", "nhat-ky", Action.VIEW_AUDIT),
    ("pages/9_tai_khoan.py", "Tài khoản", "manage_accounts", "tai-khoan", Action.MANAGE_ACCOUNTS),
)


def _pages(allowed: Callable[[Action], bool], *, default: bool = True) -> list[st.Page]:
    return [
        st.Page(
            path, title=title, icon=f":material/{icon}:", url_path=url, default=default and i == 0
        )
        for i, (path, title, icon, url, action) in enumerate(SCREENS)
        if allowed(action)
    ]


def _sign_in_screens() -> None:
    """Before sign-in: remember the screen of the link opened, to show it after sign-in."""
    try:
        path = urlparse(st.context.url or "").path
    except Exception:  # no browser (AppTest)
        path = ""
    st.session_state[WANTED_KEY] = path.rstrip("/").rsplit("/", 1)[-1]
    # The sidebar keeps the links of the last screens drawn: none may stay after sign-out.
    st.html(
        "<style>[data-testid='stSidebarNav'], [data-testid='stSidebar'] {display: none}</style>"
    )


def main() -> None:
    store = data.store()
    # Until signed in: the sign-in form and a stop. The screens are known (hidden, none runs) so
    # that the link opened is the screen shown after sign-in, if the account may see it.
    account = auth.require_account(store, before_form=_sign_in_screens)
    pages = _pages(lambda action: can(account.role, action))
    auth.account_panel(store, account)
    st.session_state["scope"] = sidebar(account)
    current = st.navigation(pages)
    wanted = st.session_state.pop(WANTED_KEY, None)
    if wanted is not None:  # just signed in: to the screen of the link, else the first one
        target = next((p for p in pages if p.url_path == wanted), pages[0])
        if target.url_path != current.url_path:
            st.switch_page(target)
    current.run()


guarded(main)
