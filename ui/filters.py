"""Sidebar filters shared by every screen, kept across screens and written into the URL.

A link with the same query string reproduces the view: ``?don_vi=…&linh_vuc=…&nam=2025``.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from analytics import queries
from analytics.scope import Account, Scope
from ui import auth, data


@dataclass(frozen=True)
class Filter:
    key: str  # widget key
    param: str  # URL parameter
    label: str
    multi: bool = True


FILTERS = (
    Filter("f_ward", "phuong", "Phường/xã"),
    Filter("f_unit", "don_vi", "Đơn vị"),
    Filter("f_field", "linh_vuc", "Lĩnh vực"),
    Filter("f_gender", "gioi_tinh", "Giới tính"),
    Filter("f_age", "do_tuoi", "Độ tuổi"),
)
YEAR_KEY, YEAR_PARAM = "f_year", "nam"
SENSITIVE_KEY, SENSITIVE_PARAM = "f_sensitive", "nhay_cam"
_OPTION_NAMES = {
    "f_ward": "wards",
    "f_unit": "units",
    "f_field": "fields",
    "f_gender": "genders",
    "f_age": "age_bands",
}


def _load_from_url(options: dict[str, list[str]], years: list[int]) -> None:
    """Once per session: the URL's filters become the widgets' values."""
    if st.session_state.get("_filters_loaded"):
        return
    params = st.query_params
    for f in FILTERS:
        allowed = options[_OPTION_NAMES[f.key]]
        values = [v for v in params.get_all(f.param) if v in allowed]
        if values:
            st.session_state[f.key] = values
    year = params.get(YEAR_PARAM)
    if year and year.isdigit() and int(year) in years:
        st.session_state[YEAR_KEY] = int(year)
    if params.get(SENSITIVE_PARAM) == "1":
        st.session_state[SENSITIVE_KEY] = True
    st.session_state["_filters_loaded"] = True


def _write_to_url() -> None:
    wanted: dict[str, str | list[str]] = {}
    for f in FILTERS:
        values = st.session_state.get(f.key) or []
        if values:
            wanted[f.param] = list(values)
    year = st.session_state.get(YEAR_KEY)
    if year:
        wanted[YEAR_PARAM] = str(year)
    if st.session_state.get(SENSITIVE_KEY):
        wanted[SENSITIVE_PARAM] = "1"
    current = {
        k: (st.query_params.get_all(k) if isinstance(v, list) else st.query_params.get(k))
        for k, v in wanted.items()
    }
    if current != wanted or set(st.query_params.keys()) != set(wanted):
        st.query_params.from_dict(wanted)


def sidebar(account: Account) -> Scope:
    """Draw the filters (only values the account may see) and return the reader's scope."""
    store = data.store()
    options = queries.filter_options(store, account.scope())
    years = queries.evaluation_years(store, account.scope())
    _load_from_url(options, years)
    with st.sidebar:
        st.markdown("### Bộ lọc")
        for f in FILTERS:
            choices = options[_OPTION_NAMES[f.key]]
            if f.key == "f_ward" and len(choices) <= 1:
                continue
            st.multiselect(f.label, choices, key=f.key, placeholder="Tất cả")
        st.selectbox(
            "Năm đánh giá",
            sorted(years, reverse=True),
            index=None,
            key=YEAR_KEY,
            placeholder="Năm gần nhất",
        )
        st.toggle("Chỉ lĩnh vực nhạy cảm", key=SENSITIVE_KEY)
    _write_to_url()
    return current_scope()


def current_scope() -> Scope:
    """The signed-in account's scope with the sidebar's filters (the role, unit and ward come
    from the account only)."""
    account = auth.signed_in()  # a page reached without the sign-in of dashboard.py stops
    state = st.session_state
    return account.scope(
        wards=tuple(state.get("f_ward") or ()),
        units=tuple(state.get("f_unit") or ()),
        fields=tuple(state.get("f_field") or ()),
        genders=tuple(state.get("f_gender") or ()),
        age_bands=tuple(state.get("f_age") or ()),
        sensitive_only=bool(state.get(SENSITIVE_KEY)),
        year=state.get(YEAR_KEY),
    )
