"""Trình chiếu: the current view (the sidebar's filters, the account's scope) as full-screen
slides for the meeting room, moved with the arrow keys or buttons; the same slides as a 16:9 PDF."""

from __future__ import annotations

import streamlit as st

from ui import slides
from ui.filters import current_scope
from ui.text import plain

scope = current_scope()
deck = slides.current_deck(scope)

if slides.presenting():
    slides.present(deck)
    st.stop()

st.title("Trình chiếu")
st.caption(
    "Mở khung nhìn hiện tại thành các trang chiếu toàn màn hình, chữ lớn, cho máy chiếu: các chỉ "
    "số chính, từng biểu đồ kèm một câu nói rõ điều nó cho thấy, các nhiệm vụ quá hạn. Chuyển "
    "trang bằng phím ← →, PageUp/PageDown, phím cách hoặc nút “Trước”, “Tiếp”; Esc để thoát. "
    f"Phạm vi: {plain(scope.describe())} (đổi bộ lọc ở thanh bên trước khi bắt đầu)."
)
left, right = st.columns([1, 2], vertical_alignment="center")
with left:
    slides.start_button()
with right:
    slides.download_button(scope, deck)
st.subheader(f"Các trang chiếu ({len(deck.slides)})")
slides.outline(deck)
