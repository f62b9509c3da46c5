"""Shared fixtures: a demo database built once through the real importers."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.runtime.pages_manager import PagesManager

from analytics.demo import build_demo

# As ui.launch does for the real server: navigation is st.navigation's, not the pages/ folder's.
PagesManager.uses_pages_directory = False


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo ward in a DuckDB file (read it; copy it before writing)."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.duckdb"
    results = build_demo(db, folder / "files")
    assert all(r.status == "imported" for r in results), [r.as_json() for r in results]
    return db
