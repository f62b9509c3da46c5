"""Entry point: page config, sign-in, navigation (pages chosen by the account's role) and the
shared sidebar. No queries."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlparse

import streamlit as st

from analytics.policy import Action, can
from ui import auth, data, i18n, layout_css
from ui.errors import guarded
from ui.filters import reload_from_url, sidebar
from ui.screens import MULTI_WARD_SCREENS, SCREENS

st.set_page_config(
    page_title="Chất lượng đội ngũ CBCC", page_icon=":material/groups:", layout="wide"
)

WANTED_KEY = "_wanted_screen"  # the screen of the link opened before sign-in


def _pages(allowed: Callable[[Action], bool], many_wards: bool = False) -> list[st.Page]:
    """The account's screens, each at its own path (``/tong-quan`` too: none is the default);
    the comparison of wards only when the account sees more than one ward."""
    return [
        st.Page(path, title=title, icon=f":material/{icon}:", url_path=url)
        for path, title, icon, url, action in SCREENS
        if allowed(action) and (many_wards or path not in MULTI_WARD_SCREENS)
    ]


def _first_screen() -> None:
    """The app's root ("/"): never drawn, ``main`` moves to the first screen."""


# Streamlit serves its default page at "/" and not at the page's own path, so the default is
# this hidden page: every screen, the overview included, keeps a path that works as a link.
ROOT = st.Page(
    _first_screen, title=SCREENS[0][1], url_path="trang-dau", default=True, visibility="hidden"
)


def _query() -> dict[str, list[str]]:
    """The URL's parameters (the filters), kept when moving to another screen."""
    return {key: st.query_params.get_all(key) for key in st.query_params}


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
    i18n.install()  # Streamlit's own English texts in Vietnamese
    layout_css.apply()  # Streamlit's tags and metric labels wrap, never end in "…"
    store = data.store()
    # Until signed in: the sign-in form and a stop. The screens are known (hidden, none runs) so
    # that the link opened is the screen shown after sign-in, if the account may see it.
    account = auth.require_account(store, before_form=_sign_in_screens)
    many_wards = len(data.query("filter_options", account.scope())["wards"]) > 1
    pages = _pages(lambda action: can(account.role, action), many_wards)
    auth.account_panel(store, account)
    st.session_state["scope"] = sidebar(account)
    current = st.navigation([ROOT, *pages])
    wanted = st.session_state.pop(WANTED_KEY, None)
    if wanted is not None or current is ROOT:
        # just signed in: to the screen of the link, else the first one; "/": the first one
        target = next((p for p in pages if p.url_path == wanted), pages[0])
        if target.url_path != current.url_path:
            reload_from_url()
            st.switch_page(target, query_params=_query())
    current.run()


guarded(main)
