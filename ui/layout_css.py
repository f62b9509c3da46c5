"""The few style rules that keep Streamlit's own widgets from cutting Vietnamese text at
1366×768 (issue 10), in one place; dashboard.py draws them once per run.

- a multiselect's chosen values (tags) wrap instead of ending in "…" ("Phòng Kinh tế, Hạ t…");
- a metric's label wraps instead of ending in "…" ("Chưa có dữ liệu để đối ch…").
"""

from __future__ import annotations

import streamlit as st

CSS = """
<style>
[data-testid="stMultiSelectTagsContainer"] [data-tag] { height: auto; max-width: 100%; }
[data-testid="stMultiSelectTagsContainer"] [data-tag] > span[title] {
  white-space: normal; overflow: visible; text-overflow: clip; max-width: none;
  overflow-wrap: anywhere; line-height: 1.3; padding-top: 2px; padding-bottom: 2px;
}
[data-testid="stMetricLabel"], [data-testid="stMetricLabel"] * {
  white-space: normal; overflow: visible; text-overflow: clip;
}
</style>
"""


def apply() -> None:
    """Draw the rules (an invisible element) on this run's page."""
    st.html(CSS)
