"""Tài khoản: the HR officer creates accounts, disables or enables them and resets passwords.
A new password is made here, shown once, and kept only as its hash."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from analytics import accounts, audit, queries
from analytics.policy import ROLE_LABELS, ROLES, Action
from ui import auth, data
from ui.filters import current_scope
from ui.text import plain
from ui.widgets import table

scope = current_scope()
scope.require(Action.MANAGE_ACCOUNTS)
store = data.store()
me = auth.signed_in()
st.title("Tài khoản đăng nhập")
st.caption(
    "Mỗi người một tài khoản; vai trò quyết định được xem và làm gì. Mật khẩu mới được tạo ngẫu "
    "nhiên, hiện **một lần** ở đây để trao cho người dùng, và chỉ được lưu dưới dạng mã băm."
)
flash = st.session_state.pop("_accounts_flash", None)
if flash:
    st.success(plain(flash[0]))  # names the account as typed
    if flash[1]:
        st.code(flash[1], language=None)

users = accounts.list_users(store, me)
shown = users.assign(
    role=users["role"].map(ROLE_LABELS),
    account_state=users["active"].map({True: "Đang dùng", False: "Đã khóa"}),
    ward=users["ward"].fillna("Mọi phường/xã"),
    last_sign_in_at=[
        "Chưa"
        if pd.isna(t)
        else f"{audit.vietnam_time(pd.Timestamp(t).to_pydatetime()):%d/%m/%Y %H:%M}"
        for t in users["last_sign_in_at"]
    ],
)
table(
    shown,
    ["username", "role", "unit", "ward", "account_state", "last_sign_in_at"],
    key="accounts",
    file_name="tai_khoan.csv",
)


def _flash(message: str, password: str | None = None) -> None:
    st.session_state["_accounts_flash"] = (message, password)
    st.rerun()


add_tab, change_tab = st.tabs(["Tạo tài khoản", "Khóa, mở lại, đặt lại mật khẩu"])
with add_tab, st.form("account_add", clear_on_submit=True):
    options = queries.filter_options(store, scope)
    c1, c2 = st.columns(2)
    name = c1.text_input("Tên đăng nhập", key="acc_name", max_chars=accounts.MAX_USERNAME)
    role = c2.selectbox("Vai trò", ROLES, format_func=ROLE_LABELS.get, key="acc_role")
    unit = c1.selectbox(
        "Đơn vị (bắt buộc với trưởng đơn vị)", [None, *options["units"]], key="acc_unit",
        format_func=lambda u: "—" if u is None else u,
    )  # fmt: skip
    wards = [me.ward] if me.ward else [None, *options["wards"]]
    ward = c2.selectbox(
        "Phường/xã", wards, key="acc_ward",
        format_func=lambda w: "Mọi phường/xã (cấp thành phố)" if w is None else w,
    )  # fmt: skip
    if st.form_submit_button("Tạo tài khoản", type="primary"):
        password = accounts.generate_password()
        try:
            made = accounts.add_user(
                store, name, password, role, unit=unit if role == "unit_head" else None,
                ward=ward, by=me, address=auth.client_address(),
            )  # fmt: skip
        except accounts.AccountError as exc:
            st.error(plain(exc))
        else:
            _flash(f"Đã tạo tài khoản {made.label}. Mật khẩu (chỉ hiện lần này):", password)

with change_tab:
    names = [u for u in users["username"] if u != me.username]
    if not names:
        st.caption("Chưa có tài khoản nào khác.")
    else:
        who = st.selectbox("Tài khoản", names, key="acc_pick")
        c1, c2, c3 = st.columns(3)
        try:
            if c1.button("Khóa tài khoản", key="acc_disable"):
                accounts.set_active(store, who, False, by=me, address=auth.client_address())
                _flash(f"Đã khóa tài khoản {who}: phiên đang mở của tài khoản này kết thúc ngay.")
            if c2.button("Mở lại tài khoản", key="acc_enable"):
                accounts.set_active(store, who, True, by=me, address=auth.client_address())
                _flash(f"Đã mở lại tài khoản {who}.")
            if c3.button("Đặt lại mật khẩu", key="acc_reset"):
                password = accounts.generate_password()
                accounts.reset_password(store, who, password, by=me, address=auth.client_address())
                _flash(f"Đã đặt mật khẩu mới cho {who} (chỉ hiện lần này):", password)
        except accounts.AccountError as exc:
            st.error(plain(exc))
