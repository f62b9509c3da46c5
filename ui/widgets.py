"""Small pieces every screen uses: people lists with a download, charts that lead to people."""

from __future__ import annotations

from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from analytics.labels import labelled
from analytics.scope import Scope

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
    """CSV with a UTF-8 byte-order mark, so Excel shows Vietnamese correctly."""
    return frame.to_csv(index=False).encode("utf-8-sig")


def table(
    frame: pd.DataFrame,
    columns: list[str] | None,
    *,
    key: str,
    file_name: str,
    height: int | None = None,
) -> None:
    """A table with Vietnamese headers, dd/mm/yyyy dates and a CSV download."""
    shown = labelled(frame, columns)
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
        height=height or "auto",
        placeholder="—",
    )
    st.download_button(
        "Tải CSV",
        csv_bytes(shown),
        file_name=file_name,
        mime="text/csv",
        key=f"{key}_csv",
    )


def people_list(
    frame: pd.DataFrame, title: str, *, key: str, scope: Scope, columns: list[str] | None = None
) -> None:
    """The people behind a count (hidden for the aggregate-only role)."""
    if people_heading(frame, title, scope):
        table(frame, columns or PEOPLE_COLUMNS, key=key, file_name="danh_sach.csv")


def people_heading(frame: pd.DataFrame, title: str, scope: Scope) -> bool:
    """The title and count of a people list; False when there is no list to draw (none, or the
    reader sees aggregates only)."""
    if not scope.can_see_people:
        st.info("Vai trò người xem chỉ xem số liệu tổng hợp.")
        return False
    st.markdown(f"**{title}** — {len(frame)} người")
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
