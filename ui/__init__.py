"""Streamlit glue shared by the pages: the store, cached queries, the sidebar filters."""
