"""The HR officer's editor of a ward's profile (kind, residents, mountain area: what the norm
reads) and of its quota decisions (biên chế được giao), on Kế hoạch nhân sự. Permission,
checks and the audit entry are the write functions' (``analytics.queries.writes``); this draws
the forms, the quota history that stands and what a save changed."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from analytics import queries
from analytics.labels import WHOLE_WARD, number_vn
from analytics.policy import Action, PermissionDenied
from analytics.scope import Scope
from ui import auth, data
from ui.styled_tables import coloured_table
from ui.text import plain

# The unit choice of a quota for the whole ward: a value, not None (a selectbox holding None
# shows no choice at all).
WHOLE_WARD_CHOICE = ""
FLASH_KEY = "_se_flash"  # the confirmation of the last save, shown after the rerun
LOADED_KEY = "_se_loaded"  # the ward whose profile the form holds
RESET_KEY = "_se_reset"  # the fields a save empties, set before they are drawn on the rerun
# The fields a saved quota empties (the date is kept: the next decision is often of the same day).
# Emptied by a value set before the widgets are drawn: a key deleted would leave the browser
# showing what was typed.
QUOTA_RESET: dict[str, object] = {
    "se_unit": WHOLE_WARD_CHOICE,
    "se_quota": None,
    "se_decided_by": "",
    "se_quota_source": "",
    "se_quota_by": "",
}
HISTORY_LABELS = {
    "unit": "Đơn vị",
    "quota": "Biên chế",
    "decided_by": "Quyết định",
    "valid_from": "Áp dụng từ",
    "legal_source": "Căn cứ",
    "in_force": "Đang áp dụng",
}
# A ward without a profile yet: its kind as its name says ("Xã An Lão" is a xã).
_KIND_BY_NAME = (("đặc khu", "đặc khu"), ("xã", "xã"), ("phường", "phường"))


def _guess_kind(ward: str, kinds: list[str]) -> str | None:
    name = ward.casefold()
    for prefix, kind in _KIND_BY_NAME:
        if name.startswith(prefix) and kind in kinds:
            return kind
    return kinds[0] if kinds else None


def _load_profile(ward: str, row: dict[str, Any], kinds: list[str]) -> None:
    """Put the ward's saved profile in the form's fields (a new ward: its likely kind, the rest
    empty)."""
    state = st.session_state
    saved = row.get("kind")
    known = isinstance(saved, str) and saved in kinds
    residents = row.get("residents")
    state["se_kind"] = saved if known else _guess_kind(ward, kinds)
    state["se_residents"] = None if residents is None or pd.isna(residents) else int(residents)
    state["se_mountain"] = bool(row.get("mountain")) if known else False
    source = row.get("legal_source")
    state["se_profile_source"] = source if isinstance(source, str) else ""
    state[LOADED_KEY] = ward


def _figures(account_scope: Scope, ward: str, unit: str | None) -> str:
    """What the staffing table now shows for ``ward`` (or its ``unit``), in one sentence."""
    frame = data.query("staffing", replace(account_scope, wards=(ward,)), on=data.today())
    level = frame["level"] == ("ward" if unit is None else "unit")
    rows = frame[level & (frame["unit"].isna() if unit is None else frame["unit"].eq(unit))]
    if rows.empty:
        return ""
    row = rows.iloc[0]
    people = f"số người hiện có {number_vn(int(row['head_count']))}"
    quota = (
        queries.NO_FIGURES.lower()
        if pd.isna(row["quota"])
        else f"{number_vn(int(row['quota']))} người"
    )
    parts = [f"Biên chế đang áp dụng: {quota} ({people}: {row['quota_status'].lower()})"]
    if unit is None:
        norm = (
            queries.NO_FIGURES.lower()
            if pd.isna(row["norm"])
            else f"{number_vn(int(row['norm']))} người"
        )
        parts.append(f"định mức: {norm} ({row['norm_status'].lower()})")
    return "; ".join(parts) + "."


def _profile_form(account_scope: Scope, ward: str, kinds: list[str]) -> None:
    account = auth.signed_in()
    with st.form("se_profile_form"):
        st.markdown("**Hồ sơ phường/xã** (định mức tính theo loại, số dân và miền núi)")
        c1, c2, c3 = st.columns(3)
        c1.selectbox("Loại", kinds, key="se_kind")
        c2.number_input(
            "Dân số (người)",
            min_value=0,
            step=1000,
            format="%d",
            key="se_residents",
            help="Số nguyên; để trống nếu chưa có số liệu (định mức khi đó chưa tính được).",
        )
        c3.checkbox("Miền núi", key="se_mountain")
        st.text_input(
            "Căn cứ",
            key="se_profile_source",
            placeholder="Ví dụ: Niên giám thống kê 2025; Nghị quyết sắp xếp đơn vị hành chính",
        )
        changed_by = st.text_input(
            "Người cập nhật", key="se_profile_by", placeholder=f"Mặc định: {account.username}"
        )
        submitted = st.form_submit_button(
            "Lưu hồ sơ phường/xã", type="primary", key="se_profile_save"
        )
    if not submitted:
        return
    state = st.session_state
    values = {
        "ward": ward,
        "kind": state["se_kind"],
        "residents": state["se_residents"],
        "mountain": bool(state["se_mountain"]),
        "legal_source": state["se_profile_source"],
    }
    try:
        saved = queries.save_ward_profile(
            data.store(), values, changed_by or account.username, actor=account,
            address=auth.client_address(),
        )  # fmt: skip
    except (ValueError, PermissionDenied) as error:
        st.error(plain(error))
        return
    data.clear()  # the staffing table (and every screen) shows the new norm at once
    residents = saved["residents"]
    people = "chưa có số dân" if residents is None else f"{number_vn(residents)} dân"
    area = "miền núi" if saved["mountain"] else "không miền núi"
    state[FLASH_KEY] = (
        f"Đã lưu hồ sơ của {ward}: {saved['kind']}, {people}, {area}. "
        f"{_figures(account_scope, ward, None)}"
    )
    state[LOADED_KEY] = None  # the form shows the profile as saved
    state[RESET_KEY] = {"se_profile_by": ""}
    st.rerun()


def _quota_form(account_scope: Scope, ward: str, units: list[str]) -> None:
    account = auth.signed_in()
    today = data.today()
    with st.form("se_quota_form"):
        st.markdown("**Biên chế được giao** (mỗi quyết định thêm một dòng; quyết định cũ được giữ)")
        c1, c2 = st.columns([2, 1])
        c1.selectbox(
            "Đơn vị",
            [WHOLE_WARD_CHOICE, *units],
            key="se_unit",
            format_func=lambda u: u or WHOLE_WARD,
        )
        c2.number_input(
            "Số biên chế (người)",
            min_value=0,
            max_value=queries.MAX_QUOTA,
            step=1,
            format="%d",
            key="se_quota",  # empty at first: set in staffing_editor
        )
        c3, c4 = st.columns([2, 1])
        c3.text_input(
            "Quyết định số", key="se_decided_by", placeholder="Ví dụ: QĐ 123/QĐ-UBND ngày 01/7/2025"
        )
        c4.date_input(
            "Áp dụng từ ngày",
            value=today,
            min_value=dt.date(2000, 1, 1),
            max_value=queries.latest_quota_start(today),
            format="DD/MM/YYYY",
            key="se_valid_from",
        )
        st.text_input(
            "Căn cứ",
            key="se_quota_source",
            placeholder="Văn bản giao biên chế, ví dụ: QĐ 123/QĐ-UBND của UBND thành phố",
        )
        changed_by = st.text_input(
            "Người cập nhật", key="se_quota_by", placeholder=f"Mặc định: {account.username}"
        )
        submitted = st.form_submit_button(
            "Thêm quyết định biên chế", type="primary", key="se_quota_save"
        )
    if not submitted:
        return
    state = st.session_state
    values = {
        "ward": ward,
        "unit": state["se_unit"] or None,
        "quota": state["se_quota"],
        "decided_by": state["se_decided_by"],
        "valid_from": state["se_valid_from"],
        "legal_source": state["se_quota_source"],
    }
    try:
        saved = queries.add_staffing_quota(
            data.store(), values, changed_by or account.username, actor=account,
            address=auth.client_address(), today=today,
        )  # fmt: skip
    except (ValueError, PermissionDenied) as error:
        st.error(plain(error))
        return
    data.clear()  # the staffing table (and every screen) shows the new quota at once
    unit = saved["unit"]
    since = saved["valid_from"]
    later = (
        f" Quyết định có hiệu lực từ {since:%d/%m/%Y}; đến ngày đó vẫn áp dụng quyết định trước."
        if since > today
        else ""
    )
    state[FLASH_KEY] = (
        f"Đã thêm biên chế được giao của {ward} ({unit or WHOLE_WARD}): "
        f"{number_vn(saved['quota'])} người theo {saved['decided_by']}, áp dụng từ "
        f"{since:%d/%m/%Y}.{later} {_figures(account_scope, ward, unit)}"
    )
    state[RESET_KEY] = QUOTA_RESET  # drawn again empty: no second entry by mistake
    st.rerun()


def _history(ward: str, account_scope: Scope) -> None:
    history = data.query(
        "staffing_quota_history", replace(account_scope, wards=(ward,)), on=data.today()
    )
    st.markdown(f"**Các quyết định biên chế của {plain(ward)}**")
    if history.empty:
        st.caption("Chưa có quyết định biên chế nào.")
        return
    shown = history.assign(
        unit=history["unit"].fillna(WHOLE_WARD),
        in_force=history["in_force"].map({True: "Có", False: ""}),
    ).rename(columns=HISTORY_LABELS)
    coloured_table(
        shown,
        list(HISTORY_LABELS.values()),
        key="se_history",
        file_name="quyet_dinh_bien_che.csv",
        static=True,
    )


def staffing_editor(scope: Scope) -> None:
    """The editor, for a role that may edit staffing (``Action.EDIT_STAFFING``); nothing for
    the others. The wards offered are the account's own reach, whatever the filters; the
    ward in view is chosen first."""
    if not scope.can(Action.EDIT_STAFFING):
        return
    account_scope = auth.signed_in().scope()
    reach = data.query("staffing_wards", account_scope)
    state = st.session_state
    with st.expander("Cập nhật hồ sơ phường và biên chế được giao", icon=":material/edit:"):
        if FLASH_KEY in state:
            st.success(plain(state.pop(FLASH_KEY)), icon=":material/check_circle:")
        if reach.empty:
            st.caption("Chưa có phường/xã nào trong phạm vi của tài khoản.")
            return
        wards = reach["ward"].tolist()
        if state.get("se_ward") not in wards:
            chosen = [w for w in scope.effective().wards if w in wards]
            state["se_ward"] = chosen[0] if chosen else wards[0]
        ward = str(st.selectbox("Phường/xã", wards, key="se_ward"))
        row = reach.set_index("ward").loc[ward].to_dict()
        kinds = queries.norm_kinds(data.store())
        if state.get(LOADED_KEY) != ward or "se_kind" not in state:
            _load_profile(ward, row, kinds)
        state.update(state.pop(RESET_KEY, {}))
        state.setdefault("se_quota", None)  # a number input starts at its minimum otherwise
        units = list(row["units"])
        if state.get("se_unit") not in (WHOLE_WARD_CHOICE, *units):  # another ward's unit
            state["se_unit"] = WHOLE_WARD_CHOICE
        _profile_form(account_scope, ward, kinds)
        _quota_form(account_scope, ward, units)
        _history(ward, account_scope)
