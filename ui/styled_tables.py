"""Tables whose cells carry a category colour (status, grade) or whose rows carry a flag.

Like ``ui.widgets.table``: Vietnamese headers, dd/mm/yyyy dates (also in the CSV), a CSV download.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from analytics.charts.base import date_vn
from analytics.labels import COLUMN_LABELS, labelled
from analytics.scope import Scope
from ui import paging
from ui.text import plain
from ui.widgets import csv_download, people_heading

FLAG_BACKGROUND = "#FDE0DD"
FLAG_TEXT = "#A50F15"


def _is_date_column(values: pd.Series) -> bool:
    if pd.api.types.is_datetime64_any_dtype(values):
        return True
    present = values.dropna()
    return not present.empty and all(isinstance(v, dt.date) for v in present)


def coloured_table(
    frame: pd.DataFrame,
    columns: list[str] | None,
    *,
    key: str,
    file_name: str,
    cell_colours: dict[str, dict[str, str]] | None = None,
    flag: pd.Series | None = None,
    wide: tuple[str, ...] = (),
    height: int | None = None,
    static: bool = False,
    full: Callable[[], pd.DataFrame] | None = None,
) -> None:
    """``cell_colours``: column -> value -> background (white bold text); ``flag``: rows (aligned
    with ``frame``) drawn in light red; ``wide``: columns given the large width; ``static``: a
    table whose long texts wrap (for short lists read on a projector) instead of a scrolling grid;
    st.table reads its cells as markdown, so they are escaped there (``plain``). Long lists
    are paged (``ui.paging``); ``full``: ``frame`` is already a page and this loads every row
    for the CSV, when clicked."""
    every = labelled(frame.reset_index(drop=True), columns)
    rows = paging.window(len(every), key=key)
    shown = every.iloc[rows].reset_index(drop=True)  # style only the rows shown
    if static:
        shown = shown.apply(lambda s: s.map(date_vn) if _is_date_column(s) else s)
        shown = shown.apply(lambda s: s.map(lambda v: "" if pd.isna(v) else str(v)))
    flags = (
        None
        if flag is None
        else flag.reset_index(drop=True)
        .iloc[rows]
        .reset_index(drop=True)
        .fillna(False)
        .astype(bool)
    )
    colours = {COLUMN_LABELS.get(c, c): m for c, m in (cell_colours or {}).items()}

    def paint_row(row: pd.Series) -> list[str]:
        base = (
            f"background-color: {FLAG_BACKGROUND}; color: {FLAG_TEXT}"
            if flags is not None and flags.iat[row.name]
            else ""
        )
        styles = []
        for column in row.index:  # the value as written, also where the cell shows it escaped
            colour = colours.get(str(column), {}).get(str(shown.at[row.name, column]))
            styles.append(
                f"background-color: {colour}; color: white; font-weight: 600" if colour else base
            )
        return styles

    config: dict[str, Any] = {}
    for column in shown.columns:
        if _is_date_column(shown[column]):
            config[column] = st.column_config.DateColumn(column, format="DD/MM/YYYY")
        elif column in {COLUMN_LABELS.get(c, c) for c in wide}:
            config[column] = st.column_config.TextColumn(column, width="large")
    if static:
        cells = shown.map(plain)
        st.table(
            cells.style.apply(paint_row, axis=1) if colours or flags is not None else cells,
            hide_index=True,
        )
        csv_download(
            _export_source(every, full, columns),
            file_name=file_name,
            key=f"{key}_csv",
            columns=list(every.columns),
        )
        return
    styled = shown.style.apply(paint_row, axis=1) if colours or flags is not None else shown
    st.dataframe(
        styled,
        hide_index=True,
        width="stretch",
        column_config=config,
        key=f"{key}_table",
        height=height or paging.height(len(shown)),
        placeholder="—",
    )
    csv_download(
        _export_source(every, full, columns),
        file_name=file_name,
        key=f"{key}_csv",
        columns=list(every.columns),
    )


def _with_vn_dates(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if _is_date_column(out[column]):
            out[column] = out[column].map(date_vn)
    return out


def _export_source(
    every: pd.DataFrame, full: Callable[[], pd.DataFrame] | None, columns: list[str] | None
) -> pd.DataFrame | Callable[[], pd.DataFrame]:
    """What the CSV holds: every row, dates as dd/mm/yyyy; loaded when clicked for a page."""
    if full is None:
        return _with_vn_dates(every)
    return lambda: _with_vn_dates(labelled(full().reset_index(drop=True), columns))


def coloured_people_list(
    frame: pd.DataFrame,
    title: str,
    *,
    key: str,
    scope: Scope,
    columns: list[str],
    cell_colours: dict[str, dict[str, str]] | None = None,
    total: int | None = None,
    full: Callable[[], pd.DataFrame] | None = None,
) -> None:
    """``ui.widgets.people_list`` with coloured cells and "—" for missing values. ``total`` and
    ``full``: ``frame`` is one page (``ui.paging.query_page``) of a list this long, and ``full``
    loads all of it for the CSV, when clicked."""
    if not people_heading(frame, title, scope, total=total):
        return
    coloured_table(  # long texts (notes) wrap, every column in view
        frame,
        columns,
        key=key,
        file_name="danh_sach.csv",
        cell_colours=cell_colours,
        static=True,
        full=full,
    )
