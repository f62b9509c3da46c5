"""Sign-in before any data: the form, the session, sign-out, and the account behind every scope.

The account (role, unit, ward) is kept in session state by this module alone, set from the
database after a good sign-in, and read again from the database at every step, so an account
disabled or changed by the HR officer takes effect at once. No widget and no URL can set it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from analytics import accounts, audit
from analytics.scope import Account
from analytics.store import Store
from ui.text import plain

ACCOUNT_KEY = "_signed_in"  # (username, signed in at, last seen) — never a widget key
NOTICE_KEY = "_signin_notice"


def client_address() -> str | None:
    """The browser's address as the server sees it; behind a reverse proxy, the address the
    proxy forwards too (``X-Forwarded-For``, as told: a client can write that header itself)."""
    try:
        address = st.context.ip_address
        forwarded = st.context.headers.get("X-Forwarded-For")
    except Exception:  # outside a browser session (AppTest)
        return None
    if forwarded:
        return f"{forwarded.split(',')[0].strip()[:64]} (qua {address})"
    return address


def _oidc_configured() -> bool:
    """A deployment that configured Streamlit's OIDC login (``[auth]`` in secrets.toml)."""
    try:
        return "auth" in st.secrets
    except Exception:  # no secrets file
        return False


def current_account() -> Account | None:
    """The signed-in account of this session, as ``require_account`` last checked it."""
    value = st.session_state.get("_account")
    return value if isinstance(value, Account) else None


def signed_in() -> Account:
    """The signed-in account; a run without one stops here (nothing below it is drawn)."""
    account = current_account()
    if account is None:
        st.stop()
        raise AssertionError("unreachable")  # st.stop ends the run
    return account


def account_name() -> str:
    """The signed-in account's name, for "who" fields left empty."""
    account = current_account()
    return account.username if account else ""


def _sign_out(store: Store, action: str, notice: str | None) -> None:
    account = current_account()
    if account is not None:
        audit.record(store, account.username, account.role, action, address=client_address())
    for key in (ACCOUNT_KEY, "_account"):
        st.session_state.pop(key, None)
    if notice:
        st.session_state[NOTICE_KEY] = notice


def sign_out(store: Store) -> None:
    """The "Đăng xuất" button's callback (also ends an OIDC login)."""
    _sign_out(store, "signout", "Đã đăng xuất.")
    if _oidc_configured() and st.user.is_logged_in:
        st.logout()


def require_account(store: Store, before_form: Callable[[], object] | None = None) -> Account:
    """The signed-in account, checked afresh; otherwise draw the sign-in form and stop.

    ``before_form`` runs first when the form is drawn: the dashboard registers its screens
    there (hidden, none run), so the link the visitor opened is still the page after sign-in
    and no screen of a previous account is left in the sidebar after sign-out."""
    state = st.session_state.get(ACCOUNT_KEY)
    now = audit.utc_now()
    if state is not None:
        username, _, last_seen = state
        idle = dt.timedelta(minutes=store.setting("session_idle_minutes"))
        account = accounts.get(store, username)
        if account is None:
            _sign_out(store, "signout", "Tài khoản đã bị khóa hoặc không còn; hãy đăng nhập lại.")
        elif now - last_seen > idle:
            st.session_state["_account"] = account
            minutes = int(idle.total_seconds() // 60)
            _sign_out(
                store,
                "session_expired",
                f"Phiên làm việc đã hết hạn sau {minutes} phút không thao tác; hãy đăng nhập lại.",
            )
        else:
            st.session_state[ACCOUNT_KEY] = (username, state[1], now)
            st.session_state["_account"] = account
            return account
    if _oidc_configured():
        account = _oidc_account(store)
        if account is not None:
            return account
    if before_form is not None:
        before_form()
    _sign_in_form(store)
    st.stop()
    raise AssertionError("unreachable")  # st.stop ends the run


def _start_session(account: Account) -> None:
    now = audit.utc_now()
    st.session_state[ACCOUNT_KEY] = (account.username, now, now)
    st.session_state["_account"] = account


def _sign_in_form(store: Store) -> None:
    st.title("Chất lượng đội ngũ cán bộ, công chức")
    st.caption("Dữ liệu cá nhân của cán bộ, công chức: chỉ người được cấp tài khoản mới xem được.")
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice:
        st.info(notice)
    left, _ = st.columns([2, 3])
    with left, st.form("signin", clear_on_submit=True, enter_to_submit=True):
        st.subheader("Đăng nhập")
        username = st.text_input("Tên đăng nhập", key="signin_username", max_chars=64)
        password = st.text_input(
            "Mật khẩu", type="password", key="signin_password", max_chars=accounts.MAX_PASSWORD
        )
        submitted = st.form_submit_button("Đăng nhập", type="primary", key="signin_submit")
    if submitted:
        result = accounts.authenticate(store, username, password, address=client_address())
        if result.account is not None:
            _start_session(result.account)
            st.rerun()
        left.error(result.message)
    if _oidc_configured():
        left.button(
            "Đăng nhập bằng tài khoản của cơ quan (OIDC)", on_click=st.login, key="signin_oidc"
        )
    if not store.execute("select 1 from accounts where active limit 1"):
        left.warning(
            "Chưa có tài khoản nào. Cán bộ quản trị tạo tài khoản đầu tiên trên máy chủ: "
            "`python -m analytics user add TEN --role hr --db ĐƯỜNG_DẪN --password-stdin`."
        )


def _oidc_account(store: Store) -> Account | None:
    """With OIDC configured: the account whose name is the identity provider's e-mail."""
    if not st.user.is_logged_in:
        return None
    email = str(st.user.get("email") or "")
    account = accounts.get(store, email) if email else None
    if account is None:
        st.error(
            f"Tài khoản {plain(email or '(không có e-mail)')} chưa được cấp quyền xem dữ liệu; nhờ cán bộ "
            "tổ chức tạo tài khoản có tên đăng nhập là địa chỉ e-mail này."
        )
        st.button("Đăng xuất", on_click=st.logout, key="signout_oidc")
        st.stop()
        return None
    if st.session_state.get(ACCOUNT_KEY) is None:
        audit.record(
            store, account.username, account.role, "signin", detail="OIDC",
            address=client_address(),
        )  # fmt: skip
    _start_session(account)
    return account


def _expired(store: Store) -> bool:
    state = st.session_state.get(ACCOUNT_KEY)
    if state is None:
        return False
    idle = dt.timedelta(minutes=store.setting("session_idle_minutes"))
    return bool(audit.utc_now() - state[2] > idle)


@st.fragment(run_every=dt.timedelta(minutes=1))
def idle_watch(store: Store) -> None:
    """Once a minute, without counting as activity: a session idle too long is ended and the
    screen cleared, even if nobody touches the page again."""
    if _expired(store):
        st.rerun(scope="app")


def account_panel(store: Store, account: Account) -> None:
    """Who is signed in and the "Đăng xuất" button (the sidebar of every screen)."""
    with st.sidebar:
        role = account.label.split(" — ", 1)[1]
        st.caption(f"Đăng nhập: **{plain(account.username)}** · {plain(role)}")
        st.button(
            "Đăng xuất", key="signout", icon=":material/logout:", on_click=sign_out, args=(store,)
        )
        idle_watch(store)
