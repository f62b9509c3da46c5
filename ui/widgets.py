"""Small pieces every screen uses: people lists with a download, charts that lead to people."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics import audit, csv_safe
from analytics.labels import COLUMN_LABELS, labelled, number_vn
from analytics.scope import Scope
from ui import auth, data, paging
from ui.text import plain

PEOPLE_COLUMNS = [
    "full_name",
    "birth_date",
    "birth_year",
    "gender",
    "unit",
    "position",
    "field",
    "education_level",
    "major",
    "political_theory",
    "state_management",
]


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """CSV with a UTF-8 byte-order mark, so Excel shows Vietnamese correctly; text a spreadsheet
    would run as a formula is written as text (analytics.csv_safe)."""
    return csv_safe.csv_bytes(frame)


def table(
    frame: pd.DataFrame,
    columns: list[str] | None,
    *,
    key: str,
    file_name: str,
    height: int | None = None,
    full: Callable[[], pd.DataFrame] | None = None,
) -> None:
    """A table with Vietnamese headers, dd/mm/yyyy dates and a CSV download of every row; the
    browser gets one page of rows (``ui.paging``). ``full``: ``frame`` is already one page
    (``paging.query_page``) and this loads the whole list for the download, when clicked."""
    every = labelled(frame, columns)
    shown = paging.page(every, key=key)
    config: dict[str, Any] = {}
    for column in shown.columns:
        if pd.api.types.is_datetime64_any_dtype(shown[column]) or column in {
            "Ngày sinh",
            "Hạn hoàn thành",
            "Ngày báo cáo",
            "Báo cáo gần nhất",
        }:
            config[column] = st.column_config.DateColumn(column, format="DD/MM/YYYY")
    st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        column_config=config,
        key=f"{key}_table",
        height=height or paging.height(len(shown)),
        placeholder="—",
    )
    source: pd.DataFrame | Callable[[], pd.DataFrame] = (
        every if full is None else (lambda: labelled(full(), columns))
    )
    csv_download(source, file_name=file_name, key=f"{key}_csv", columns=list(every.columns))


def csv_download(
    shown: pd.DataFrame | Callable[[], pd.DataFrame],
    *,
    file_name: str,
    key: str,
    label: str = "Tải CSV",
    columns: list[str] | None = None,
) -> None:
    """The "Tải CSV" button of a table as shown (Vietnamese headers); ``shown`` may be a loader
    of the whole list (``columns``: its headers), run only when clicked. A people list (a "Họ và
    tên" column) is audited when downloaded."""
    heads = list(shown.columns) if isinstance(shown, pd.DataFrame) else list(columns or [])

    def content() -> bytes:
        return csv_bytes(shown if isinstance(shown, pd.DataFrame) else shown())

    if {COLUMN_LABELS["full_name"], "full_name"} & set(heads):
        rows = f"{len(shown)} dòng" if isinstance(shown, pd.DataFrame) else "toàn bộ danh sách"
        audited_download(
            label,
            content,
            file_name=file_name,
            mime="text/csv",
            key=key,
            action="download_people",
            detail=f"{file_name}: {rows}",
        )
    else:  # made when clicked, not on every run
        st.download_button(
            label,
            content,
            file_name=file_name,
            mime="text/csv",
            key=key,
            on_click="ignore",
        )


def audited_download(
    label: str,
    content: bytes | Callable[[], bytes],
    *,
    file_name: str,
    key: str,
    action: str,
    detail: str,
    mime: str | None = None,
    **options: Any,
) -> None:
    """A download button whose click (not its drawing) is written to the audit log: the file is
    made in Streamlit's deferred download, which runs only when the user clicks."""
    store = data.store()
    account = auth.current_account()
    address = auth.client_address()

    def deliver() -> bytes:
        audit.record(
            store,
            account.username if account else None,
            account.role if account else None,
            action,
            detail=detail,
            address=address,
        )
        return content() if callable(content) else content

    st.download_button(
        label,
        data=deliver,
        file_name=file_name,
        mime=mime,
        key=key,
        on_click="ignore",
        **options,
    )


def people_list(
    frame: pd.DataFrame,
    title: str,
    *,
    key: str,
    scope: Scope,
    columns: list[str] | None = None,
    total: int | None = None,
    full: Callable[[], pd.DataFrame] | None = None,
) -> None:
    """The people behind a count (hidden for the aggregate-only role). ``total`` and ``full``:
    ``frame`` is one page (``ui.paging.query_page``) of a list this long; ``full`` loads it all
    for the CSV, when clicked."""
    if people_heading(frame, title, scope, total=total):
        from ui.styled_tables import coloured_table  # it draws its tables with this module's

        coloured_table(  # a wrapping table: a dozen columns in view at 1366 px, nothing cut
            frame,
            columns or PEOPLE_COLUMNS,
            key=key,
            file_name="danh_sach.csv",
            static=True,
            full=full,
        )


def people_heading(
    frame: pd.DataFrame, title: str, scope: Scope, *, total: int | None = None
) -> bool:
    """The title (plain text: it names units, fields, grades as imported) and count (``total``
    when ``frame`` is one page of it) of a people list; False when there is no list to draw
    (none, or the reader sees aggregates only)."""
    if not scope.can_see_people:
        st.info("Vai trò người xem chỉ xem số liệu tổng hợp.")
        return False
    st.markdown(f"**{plain(title)}** — {number_vn(len(frame) if total is None else total)} người")
    if frame.empty:
        st.caption("Không có ai.")
        return False
    return True


def selectable_chart(fig: go.Figure, *, key: str) -> list[dict[str, Any]]:
    """Draw a chart whose bars can be clicked; returns the selected points."""
    event = st.plotly_chart(
        fig, key=key, on_select="rerun", selection_mode=("points",), config={"displaylogo": False}
    )
    if event and getattr(event, "selection", None):
        return list(event.selection.get("points", []))
    return []


def empty_state(message: str) -> None:
    st.info(message, icon="ℹ️")


NO_DATA_MESSAGE = "Chưa có dữ liệu. Vào trang **Dữ liệu** để nhập danh sách cán bộ, công chức (xlsx, xls hoặc csv)."
