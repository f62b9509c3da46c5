"""Entry point: page config, navigation and the shared sidebar. No queries here."""

from __future__ import annotations

import streamlit as st

st.set_page_config(page_title="Chất lượng đội ngũ CBCC", page_icon="📊", layout="wide")
st.title("Chất lượng đội ngũ cán bộ, công chức")
