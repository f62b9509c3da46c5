"""Analytics layer of the dashboard: storage, import, queries, exports. Never imports streamlit."""
