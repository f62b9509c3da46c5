"""Shared fixtures: a demo database built once through the real importers, with one account per
role whose passwords are made at random for this run (none is written in the repo)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from streamlit.runtime.pages_manager import PagesManager

from analytics.accounts import DEMO_ACCOUNTS, create_demo_accounts
from analytics.demo import build_demo
from analytics.ingest import importer
from analytics.ingest.codes import CODES
from analytics.store import Store

# As ui.launch does for the real server: navigation is st.navigation's, not the pages/ folder's.
PagesManager.uses_pages_directory = False


@pytest.fixture(autouse=True)
def issues_carry_codes(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every import any test runs in this process: each error and warning has a code from the
    catalogue (analytics/ingest/codes.py), so no issue reaches a user without one."""
    real = importer._import_bytes

    def checked(*args: Any, **kwargs: Any) -> importer.ImportResult:
        result = real(*args, **kwargs)
        for issue in [*result.errors, *result.warnings]:
            assert issue.code in CODES, f"issue without a catalogued code: {issue}"
        return result

    monkeypatch.setattr(importer, "_import_bytes", checked)
    yield


_PASSWORDS = pytest.StashKey[dict[str, str]]()
# role -> the demo account of that role
DEMO_USERS = {role: username for username, role, _ in DEMO_ACCOUNTS}


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """The demo ward in a DuckDB file (read it; copy it before writing)."""
    folder = tmp_path_factory.mktemp("demo")
    db = folder / "demo.duckdb"
    results = build_demo(db, folder / "files")
    assert all(r.status == "imported" for r in results), [r.as_json() for r in results]
    with Store(db) as store:
        request.config.stash[_PASSWORDS] = create_demo_accounts(store)
    return db


@pytest.fixture(scope="session")
def demo_passwords(demo_db: Path, request: pytest.FixtureRequest) -> dict[str, str]:
    """username -> password of the demo accounts (made by ``demo_db`` for this run only)."""
    return request.config.stash[_PASSWORDS]
