"""One page of a long list: the browser is sent at most ``PAGE_SIZE`` rows, never a whole ward
or a whole country (issue 9). The list's total is shown; the full list is the table's CSV
download, made only when clicked."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from analytics import queries
from analytics.labels import number_vn
from analytics.scope import Scope
from ui import data

PAGE_SIZE = 100
ROW_HEIGHT = 35  # st.dataframe's row height in pixels


def window(total: int, *, key: str, size: int = PAGE_SIZE) -> slice:
    """The rows of the page picked under ``key`` out of ``total``; draws the "Trang" picker and
    the "Dòng a–b trong tổng số N" line when there is more than one page."""
    if total <= size:
        return slice(0, total)
    pages = -(-total // size)
    state_key = f"{key}_page"
    current = st.session_state.get(state_key, 1)
    if not isinstance(current, int) or not 1 <= current <= pages:  # the list got shorter
        st.session_state[state_key] = 1
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    number = left.number_input(
        f"Trang (1–{number_vn(pages)})",
        min_value=1,
        max_value=pages,
        step=1,
        key=state_key,
    )
    start = (int(number) - 1) * size
    end = min(start + size, total)
    right.caption(
        f"Dòng {number_vn(start + 1)}–{number_vn(end)} trong tổng số {number_vn(total)} dòng. "
        "Tải CSV để có toàn bộ danh sách."
    )
    return slice(start, end)


def page(frame: pd.DataFrame, *, key: str, size: int = PAGE_SIZE) -> pd.DataFrame:
    """The page's rows of ``frame`` (order kept, index reset)."""
    return frame.iloc[window(len(frame), key=key, size=size)].reset_index(drop=True)


def height(rows: int) -> int:
    """A box tall enough for the whole page of ``rows`` (at most ``PAGE_SIZE``), header
    included: the page scrolls, never a box inside it, and the "Trang" picker moves on."""
    return ROW_HEIGHT * (min(max(rows, 1), PAGE_SIZE) + 1) + 3


def query_page(
    name: str, scope: Scope, *args: Any, key: str, size: int = PAGE_SIZE
) -> tuple[pd.DataFrame, queries.ListSize, Callable[[], pd.DataFrame]]:
    """One page of the list query ``name`` (its ``<name>_size`` counts it), fetched from DuckDB
    with LIMIT/OFFSET, so neither the server nor the browser holds a national list. Returns the
    page, the list's size and a loader of the full list, for a download made when clicked."""
    total = data.query(f"{name}_size", scope, *args)
    rows = window(total.rows, key=key, size=size)
    frame = data.query(name, scope, *args, rows.stop - rows.start, rows.start)
    return frame, total, partial(data.query, name, scope, *args)
