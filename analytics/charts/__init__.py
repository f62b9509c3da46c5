"""Plotly figures for the screens and the exports: Vietnamese labels, fixed colours, readable on a
projector. Never imports streamlit."""
