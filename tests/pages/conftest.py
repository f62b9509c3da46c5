"""Screens run on a private copy of the demo database."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DASHBOARD = str(ROOT / "dashboard.py")


@pytest.fixture
def app_db(demo_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the demo ward that this test's dashboard reads and writes (ANALYTICS_DB)."""
    db = tmp_path / "app.duckdb"
    shutil.copy(demo_db, db)
    monkeypatch.setenv("ANALYTICS_DB", str(db))
    return db
