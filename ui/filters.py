"""Sidebar filters shared by every screen, kept across screens and written into the URL.

A link with the same query string reproduces the view: ``?don_vi=…&linh_vuc=…&nam=2025``. Which
filters there are, their keys, URL parameters and labels: ``analytics.filters.FILTERS``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import streamlit as st

from analytics import filters, queries
from analytics.filters import FILTERS, PROVINCE, SENSITIVE, WARDS, YEAR
from analytics.scope import Account, Scope
from ui import auth, data

YEAR_KEY = YEAR.key
SENSITIVE_KEY = SENSITIVE.key
_PROVINCE_WARDS_KEY = "_province_wards"  # the chosen province's wards, for current_scope()
FILTERS_LOADED_KEY = _LOADED_KEY = "_filters_loaded"  # the URL was read
_WRITTEN_KEY = "_filters_written"  # the query string the sidebar wrote last


def _url_query() -> dict[str, list[str]]:
    return {key: st.query_params.get_all(key) for key in st.query_params}


def _load_from_url(
    options: Mapping[str, Sequence[object]], years: list[int], groups: Mapping[str, list[str]]
) -> None:
    """Once per session, and again after a link inside the app brought other filters (a
    ward's link on So sánh phường: ``?phuong=…``): the URL's filters become the widgets'
    values. Filters the URL leaves out keep their values (a screen's link in the navigation
    carries none)."""
    if st.session_state.get(_LOADED_KEY) and _url_query() == st.session_state.get(_WRITTEN_KEY):
        return
    found = filters.from_query(st.query_params.get_all, options, years, provinces=list(groups))
    wards = found.get(WARDS.field)
    if groups and PROVINCE.field not in found and wards:
        # ?phuong=… alone: the province of those wards, when they are all of one
        of = {p for p, members in groups.items() for w in wards if w in members}  # type: ignore[union-attr]
        if len(of) == 1:
            found[PROVINCE.field] = of.pop()
    for spec in FILTERS:
        if spec.field in found:
            value = found[spec.field]
            st.session_state[spec.key] = list(value) if isinstance(value, tuple) else value
    st.session_state[_LOADED_KEY] = True


def reload_from_url() -> None:
    """The next run reads the filters from the URL again: a move to another screen
    (``st.switch_page``) starts a run without the widgets' values, the URL carries them."""
    st.session_state.pop(_LOADED_KEY, None)


def _state_values() -> dict[str, filters.Value]:
    """The widgets' values by ``Scope`` field."""
    state = st.session_state
    values: dict[str, filters.Value] = {}
    for spec in FILTERS:
        raw = state.get(spec.key)
        if spec.kind == "many":
            values[spec.field] = tuple(raw or ())
        elif spec.kind == "flag":
            values[spec.field] = bool(raw)
        else:
            values[spec.field] = raw or None
    return values


def _write_to_url() -> None:
    wanted = filters.to_query(_state_values())
    current = {
        k: (st.query_params.get_all(k) if isinstance(v, list) else st.query_params.get(k))
        for k, v in wanted.items()
    }
    if current != wanted or set(st.query_params.keys()) != set(wanted):
        st.query_params.from_dict(wanted)
    st.session_state[_WRITTEN_KEY] = _url_query()


def _groups(wards: list[str]) -> dict[str, list[str]]:
    """The reader's wards by province or city, when there are enough of them to need it and the
    database knows the provinces of some (otherwise empty: no province picker)."""
    if len(wards) <= filters.WARD_GROUPING_THRESHOLD:
        return {}
    known = filters.ward_provinces(data.store())
    if not any(w in known for w in wards):
        return {}
    groups = filters.group_wards(wards, known)
    return groups if len(groups) > 1 else {}


def _ward_picker(wards: list[str], groups: dict[str, list[str]]) -> None:
    """The province or city picker (many wards only) and the ward list, searchable by typing."""
    choices = wards
    label_of: Callable[[str], str] = str
    if groups:
        st.selectbox(
            PROVINCE.label,
            list(groups),
            index=None,
            key=PROVINCE.key,
            placeholder="Tất cả",
        )
        province = st.session_state.get(PROVINCE.key)
        if province in groups:
            choices = groups[province]
            st.session_state[_PROVINCE_WARDS_KEY] = tuple(choices)
        else:
            province_of = {w: p for p, members in groups.items() for w in members}

            def with_province(ward: str) -> str:  # typing a province's name finds its wards
                return f"{ward} — {province_of.get(ward, filters.UNKNOWN_PROVINCE)}"

            label_of = with_province

    else:
        st.session_state.pop(PROVINCE.key, None)
    if not groups or st.session_state.get(PROVINCE.key) not in groups:
        st.session_state.pop(_PROVINCE_WARDS_KEY, None)
    if len(wards) <= 1:
        return
    allowed = set(choices)  # a new province drops the chosen wards of the old one
    chosen = st.session_state.get(WARDS.key)
    if chosen and any(w not in allowed for w in chosen):
        st.session_state[WARDS.key] = [w for w in chosen if w in allowed]
    many = len(choices) > filters.WARD_GROUPING_THRESHOLD
    st.multiselect(
        WARDS.label,
        choices,
        key=WARDS.key,
        format_func=label_of,
        placeholder="Tất cả — gõ tên để tìm" if many else "Tất cả",
    )


def sidebar(account: Account) -> Scope:
    """Draw the filters (only values the account may see) and return the reader's scope."""
    store = data.store()
    options = queries.filter_options(store, account.scope())
    years = queries.evaluation_years(store, account.scope())
    groups = _groups(options[WARDS.options or "wards"])
    _load_from_url(options, years, groups)
    with st.sidebar:
        st.markdown("### Bộ lọc")
        for spec in sorted(FILTERS, key=lambda s: s.kind == "flag"):  # the toggle last
            if spec is PROVINCE:
                continue  # drawn with the wards
            if spec is WARDS:
                _ward_picker(options[spec.options or "wards"], groups)
            elif spec.kind == "many":
                st.multiselect(
                    spec.label, options[spec.options or spec.field], key=spec.key,
                    placeholder="Tất cả",
                )  # fmt: skip
            elif spec.kind == "year":
                st.selectbox(
                    spec.label,
                    sorted(years, reverse=True),
                    index=None,
                    key=spec.key,
                    placeholder="Năm gần nhất",
                )
            elif spec.kind == "flag":
                st.toggle(spec.label, key=spec.key)
    _write_to_url()
    return current_scope()


def current_scope() -> Scope:
    """The signed-in account's scope with the sidebar's filters (the role, unit and ward come
    from the account only)."""
    account = auth.signed_in()  # a page reached without the sign-in of dashboard.py stops
    values = _state_values()
    province_wards = st.session_state.get(_PROVINCE_WARDS_KEY, ()) if values["province"] else ()
    return account.scope(**values, province_wards=tuple(province_wards))
